/**
 * The generated configuration against real ZooKeeper servers (Debian's package): the root demo
 * program is rendered in each mode, three servers run it — in-cluster members through the
 * StatefulSet's own start command and environment, under the rendered pod's constraints, with the
 * ConfigMap's files and their claim at the rendered mount paths (tests/helpers/pod-sandbox.ts),
 * external members the way an operator would run the `zooCfg` output — each in its own network
 * namespace, with the member host names mapped to the test's addresses through a hosts file of
 * the test's own (the pods' /etc/hosts, `-Djdk.net.hosts.file` for the other JVMs). A quorum must form, the probes must agree, and a client must write
 * and read through the connection string the component outputs.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { RenderResult, renderProgram } from "../../../sdk/tools/render/engine";
import { TestNetwork } from "../../helpers/netns";
import { statefulSetPod } from "../../helpers/pod-sandbox";
import {
    ServerProcess,
    ZK_BIN,
    ZOOKEEPER_IMAGE_PATH,
    fourLetterWordCommand,
    logTail,
    modeOf,
    run,
    serverIds,
    startProcess,
    stopProcess,
    waitFor,
    withLocalPaths,
    zooKeeperMissing,
} from "../../helpers/zookeeper-servers";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const QUORUM_TIMEOUT_MS = 60_000;

const RENDERINGS: { mode: string; config: string[] }[] = [
    { mode: "inCluster", config: ["mode=inCluster"] },
    { mode: "external", config: ["mode=external"] },
    // zk-0 outside the cluster, zk-1 and zk-2 as pods.
    { mode: "hybrid", config: ["mode=hybrid", "replicas=2", "startOrdinal=1", "externalAddresses=10.0.0.10"] },
];

interface Member {
    readonly ordinal: number;
    readonly host: string;
    /** Its network namespace and address in the test network. */
    readonly ns: string;
    readonly address: string;
    readonly inCluster: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

function find(result: RenderResult, kind: string): Obj | undefined {
    return result.resources.find((r) => r.object.kind === kind)?.object as Obj | undefined;
}

describe("ZooKeeperEnsemble against real ZooKeeper servers", function () {
    this.timeout(180_000);
    let net: TestNetwork | undefined;
    let dir: string | undefined;
    const servers: ServerProcess[] = [];

    before(function () {
        const missing = zooKeeperMissing();
        if (missing) {
            console.log(`      SKIPPED: the real-server quorum tests: ${missing}`);
            this.skip();
        }
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "zk-quorum-"));
        // Readable by the pods' user, as the kubelet's volume directories are.
        fs.chmodSync(dir, 0o755);
        net = TestNetwork.create(3);
    });

    afterEach(async () => {
        await Promise.all(servers.splice(0).map((s) => stopProcess(s)));
    });

    after(async () => {
        await Promise.all(servers.splice(0).map((s) => stopProcess(s)));
        net?.destroy();
        if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    for (const { mode, config } of RENDERINGS) {
        it(`forms a quorum from the ${mode} rendering, and a client writes and reads through the connection string`, async () => {
            const n = net!;
            const result = await renderProgram(ROOT, { config });
            const zooCfg = String(result.outputs.zooCfg);
            const sts = find(result, "StatefulSet");
            const configMap = find(result, "ConfigMap");
            // A hybrid ensemble is one quorum: the pods mount the very file the external servers run.
            if (configMap) assert.equal(configMap.data["zoo.cfg"], zooCfg);
            assert.equal(Boolean(sts), mode !== "external");

            const hosts = result.outputs.memberHosts as string[];
            const ids = serverIds(zooCfg);
            assert.deepEqual([...ids.keys()].sort(), [...hosts].sort(), "zoo.cfg lists every member by its per-member name");
            const start = sts?.spec.ordinals?.start ?? 0;
            const podOrdinals = sts ? Array.from({ length: sts.spec.replicas }, (_, i) => start + i) : [];
            const members: Member[] = hosts.map((host, i) => {
                const ordinal = Number(/^zk-(\d+)\./.exec(host)![1]);
                return { ordinal, host, ns: n.members[i], address: n.address(i), inCluster: podOrdinals.includes(ordinal) };
            });

            const modeDir = path.join(dir!, mode);
            fs.mkdirSync(modeDir);
            const hostsFile = path.join(modeDir, "hosts");
            // Each member by its name and its pod's host name: the pods' JVMs look their own up.
            const hostLines = members.map((m) => `${m.address} ${m.host} ${m.host.split(".")[0]}\n`);
            fs.writeFileSync(hostsFile, `127.0.0.1 localhost\n${hostLines.join("")}`);
            const jvmFlags = `-Djdk.net.hosts.file=${hostsFile}`;

            const launch = (m: Member): ServerProcess => {
                const memberDir = path.join(modeDir, `zk-${m.ordinal}`);
                fs.mkdirSync(memberDir, { recursive: true });
                const logFile = path.join(memberDir, "server.log");
                if (m.inCluster) {
                    // A pod: the StatefulSet's command and environment under its own constraints,
                    // the ConfigMap's files and the claim at their mount paths, the hosts file as /etc/hosts.
                    const sources = {
                        claim: (name: string) => path.join(modeDir, "claims", name),
                        scratch: (name: string) => path.join(memberDir, name),
                        configMap: (name: string) => (name === configMap!.metadata.name ? configMap!.data : {}),
                    };
                    const pod = statefulSetPod(sts!, m.ordinal, sources, hostsFile, ZOOKEEPER_IMAGE_PATH);
                    return startProcess(`zk-${m.ordinal}`, n.exec(m.ns, pod.command), pod.env, logFile);
                }
                // An external server, set up as the docs tell its operator: the zooCfg output with
                // local data paths, and myid = the N of its own server.N line.
                const conf = path.join(memberDir, "conf");
                for (const d of [conf, path.join(memberDir, "data"), path.join(memberDir, "datalog")]) fs.mkdirSync(d, { recursive: true });
                fs.writeFileSync(path.join(conf, "zoo.cfg"), withLocalPaths(zooCfg, memberDir));
                fs.writeFileSync(path.join(memberDir, "data", "myid"), `${ids.get(m.host)}\n`);
                const command = n.exec(m.ns, [path.join(ZK_BIN, "zkServer.sh"), "start-foreground", path.join(conf, "zoo.cfg")]);
                const env = { PATH: `${ZK_BIN}:${process.env.PATH}`, SERVER_JVMFLAGS: jvmFlags };
                return startProcess(`zk-${m.ordinal}`, command, env, logFile);
            };
            const diagnose = () => servers.map((s) => `--- ${s.name} (pid ${s.pid}, exit ${s.exitCode()}):\n${logTail(s)}`).join("\n");
            const alive = () => {
                const dead = servers.find((s) => s.exitCode() !== null);
                if (dead) throw new Error(`${dead.name} exited with ${dead.exitCode()}\n${diagnose()}`);
            };
            const probe = (m: Member, which: "readinessProbe" | "livenessProbe") =>
                run(n.exec(m.ns, sts!.spec.template.spec.containers[0][which].exec.command), process.env, 10_000);
            const srvr = (m: Member) => run(n.exec(n.lan, fourLetterWordCommand(m.address, "srvr")), process.env, 10_000).output;

            // One pod alone: alive (ruok) but not ready, since it serves no requests without a quorum.
            const [first, ...rest] = [...members].sort((x, y) => Number(y.inCluster) - Number(x.inCluster));
            servers.push(launch(first));
            if (first.inCluster) {
                await waitFor(
                    `${first.host} to answer its liveness probe`,
                    QUORUM_TIMEOUT_MS,
                    () => (alive(), probe(first, "livenessProbe").status === 0 || undefined),
                    diagnose,
                );
                const alone = probe(first, "readinessProbe");
                assert.notEqual(alone.status, 0, "a server without a quorum is not ready");
            }
            for (const m of rest) servers.push(launch(m));

            const modes = await waitFor(
                "every server to serve in a quorum",
                QUORUM_TIMEOUT_MS,
                () => {
                    alive();
                    const reported = members.map((m) => modeOf(srvr(m)));
                    return reported.every((r) => r !== undefined) ? reported : undefined;
                },
                diagnose,
            );
            assert.deepEqual([...modes].sort(), ["follower", "follower", "leader"]);

            for (const m of members.filter((x) => x.inCluster)) {
                const myid = fs.readFileSync(path.join(modeDir, "claims", `data-zk-${m.ordinal}`, "myid"), "utf8");
                assert.equal(myid, `${ids.get(m.host)}\n`, `the start script wrote ${m.host}'s id from its pod name`);
                assert.equal(probe(m, "readinessProbe").status, 0, `${m.host} is ready in the quorum`);
                assert.equal(probe(m, "livenessProbe").status, 0, `${m.host} is alive`);
            }

            const cli = (server: string, args: string[]) =>
                run(
                    n.exec(n.lan, [path.join(ZK_BIN, "zkCli.sh"), "-server", server, ...args]),
                    { ...process.env, CLIENT_JVMFLAGS: jvmFlags },
                    30_000,
                );
            const connectionString = String(result.outputs.connectionString);
            assert.equal(connectionString, hosts.map((h) => `${h}:2181`).join(","));
            const znode = `/stateful-ensemble-${mode}`;
            const value = `written-through-the-connection-string-in-${mode}-mode`;
            const created = cli(connectionString, ["create", znode, value]);
            assert.match(created.output, new RegExp(`Created ${znode}`), created.output);
            const read = cli(connectionString, ["get", znode]);
            assert.ok(read.output.split("\n").includes(value), read.output);
            // Every server has the write: it went through the quorum, not into one server.
            for (const m of members) {
                await waitFor(
                    `${m.host} to return ${znode}`,
                    15_000,
                    () => cli(`${m.host}:2181`, ["get", znode]).output.split("\n").includes(value) || undefined,
                    diagnose,
                );
            }
        });
    }
});
