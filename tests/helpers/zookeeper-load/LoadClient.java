// A ZooKeeper client for the real-server tests, run from source with the JDK's launcher
// (`java -cp /usr/share/java/zookeeper.jar LoadClient.java ...`) on Debian's client library.
//
//   write <connect string>  creates /load/b<n / 1000>/w<n> for n = 1, 2, ... back to back, until
//                           its standard input closes; prints "ack <n>" once the ensemble has
//                           acknowledged a write (a quorum has logged it), "fail <n> <code>" when
//                           the outcome is unknown (connection lost, session expired, ...).
//   read <connect string>   syncs with the leader, then prints "have <n>" for every write the
//                           server holds and "count <total>"; exits 2 if it cannot connect.
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

public class LoadClient {
    private static final int SESSION_TIMEOUT_MS = 10_000;
    private static final int BUCKET = 1000;

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !(args[0].equals("write") || args[0].equals("read"))) {
            System.err.println("usage: LoadClient write|read <connect string>");
            System.exit(64);
        }
        if (args[0].equals("write")) write(args[1]);
        else read(args[1]);
    }

    private static ZooKeeper connect(String connectString, long waitMs) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(connectString, SESSION_TIMEOUT_MS, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) connected.countDown();
        });
        if (!connected.await(waitMs, TimeUnit.MILLISECONDS)) {
            zk.close();
            return null;
        }
        return zk;
    }

    private static void createIfMissing(ZooKeeper zk, String path) throws Exception {
        try {
            zk.create(path, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        } catch (KeeperException.NodeExistsException e) {
            // another attempt, whose answer was lost, created it
        }
    }

    private static void write(String connectString) throws Exception {
        AtomicBoolean stop = new AtomicBoolean(false);
        Thread stdin = new Thread(() -> {
            try {
                InputStream in = System.in;
                while (in.read() >= 0) {
                    // the test closes the pipe to stop the writer
                }
            } catch (Exception e) {
                // closed
            }
            stop.set(true);
        });
        stdin.setDaemon(true);
        stdin.start();

        ZooKeeper zk = connect(connectString, 60_000);
        if (zk == null) {
            System.err.println("cannot connect to " + connectString);
            System.exit(2);
        }
        long acked = 0;
        long failed = 0;
        long readyBucket = -1;
        for (long n = 1; !stop.get(); n++) {
            long bucket = n / BUCKET;
            try {
                if (readyBucket < 0) createIfMissing(zk, "/load");
                if (bucket != readyBucket) {
                    createIfMissing(zk, "/load/b" + bucket);
                    readyBucket = bucket;
                }
                zk.create("/load/b" + bucket + "/w" + n, Long.toString(n).getBytes(), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
                acked++;
                System.out.println("ack " + n);
            } catch (KeeperException e) {
                failed++;
                System.out.println("fail " + n + " " + e.code());
                if (e.code() == KeeperException.Code.SESSIONEXPIRED) {
                    zk.close();
                    zk = connect(connectString, 60_000);
                    if (zk == null) {
                        System.err.println("cannot reconnect to " + connectString);
                        System.exit(2);
                    }
                }
                // While no server answers, do not spin: the client reconnects on its own.
                Thread.sleep(100);
            }
            System.out.flush();
        }
        zk.close();
        System.out.println("done " + acked + " " + failed);
    }

    private static void read(String connectString) throws Exception {
        ZooKeeper zk = connect(connectString, 30_000);
        if (zk == null) {
            System.err.println("no server of " + connectString + " serves a quorum");
            System.exit(2);
        }
        // A follower answers reads from its own copy: sync first, so it has every committed write.
        CountDownLatch synced = new CountDownLatch(1);
        zk.sync("/", (AsyncCallback.VoidCallback) (rc, path, ctx) -> synced.countDown(), null);
        if (!synced.await(30, TimeUnit.SECONDS)) {
            System.err.println("sync timed out");
            System.exit(2);
        }
        long count = 0;
        StringBuilder out = new StringBuilder();
        if (zk.exists("/load", false) != null) {
            for (String bucket : zk.getChildren("/load", false)) {
                List<String> writes = zk.getChildren("/load/" + bucket, false);
                for (String w : writes) {
                    out.append("have ").append(w.substring(1)).append('\n');
                    count++;
                }
            }
        }
        System.out.print(out);
        System.out.println("count " + count);
        zk.close();
    }
}
