/**
 * Real ZooKeeper 3.9 servers for the TLS, SASL and metrics tests: the release the official image
 * runs, from Maven Central (fetched once by `mvn dependency:copy-dependencies` from
 * tests/system/zookeeper/pom.xml into ~/.cache/stateful-ensemble, never into the repository),
 * certificates made with openssl, and each server in a sandbox laid out like its pod: the
 * ConfigMap's files at /conf, the Secrets read-only at /tls and /sasl (root-owned, group 1000,
 * mode 0440, as fsGroup leaves them), the data volume at /data, a private /tmp, and the server
 * running as uid/gid 1000 with no capabilities.
 */
import { ChildProcess, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { codeBlocks } from "./markdown";
import { run } from "./zookeeper-servers";

const ROOT = path.resolve(__dirname, "..", "..");
const POM = path.join(ROOT, "tests", "system", "zookeeper", "pom.xml");
/** The ZooKeeper release the pom names: the official image's (ZOOKEEPER_IMAGE). */
export const ZOOKEEPER_VERSION = /<zookeeper\.version>([^<]+)</.exec(fs.readFileSync(POM, "utf8"))![1];
const CACHE = path.join(os.homedir(), ".cache", "stateful-ensemble");
/** The jars: ZooKeeper, its metrics provider and what they need at run time. */
export const ZOOKEEPER_LIB = path.join(CACHE, `zookeeper-${ZOOKEEPER_VERSION}`, "lib");
/** The pod's user and group (the official image's `zookeeper`; fsGroup). */
const POD_UID = 1000;
/** The Debian packages these tests need; `.ci/run` installs them. */
export const SECURE_PACKAGES = ["default-jre-headless", "maven", "openssl", "bubblewrap", "iproute2"] as const;

function onPath(command: string): boolean {
    return spawnSync("bash", ["-c", `command -v ${command}`], { encoding: "utf8" }).status === 0;
}

/** Why the tests cannot run here, in one line saying what to install; undefined when they can. */
export function secureZooKeeperMissing(): string | undefined {
    const missing = [
        ["java", "default-jre-headless"],
        ["mvn", "maven"],
        ["openssl", "openssl"],
        ["bwrap", "bubblewrap"],
        ["setpriv", "util-linux"],
    ]
        .filter(([command]) => !onPath(command))
        .map(([, pkg]) => pkg);
    if (!["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"].some((p) => fs.existsSync(p))) missing.push("iproute2");
    if (missing.length === 0) return undefined;
    return `${missing.join(", ")} not installed; install with \`apt-get update && apt-get install -y --no-install-recommends ${SECURE_PACKAGES.join(" ")}\` (.ci/run does)`;
}

/** Fetches ZooKeeper's jars from Maven Central unless they are cached already; returns their directory. */
export function fetchZooKeeper(): string {
    if (fs.existsSync(path.join(ZOOKEEPER_LIB, `zookeeper-${ZOOKEEPER_VERSION}.jar`))) return ZOOKEEPER_LIB;
    const r = run(
        [
            "mvn",
            "-q",
            "-B",
            "-f",
            POM,
            `-Dmaven.repo.local=${path.join(CACHE, "m2")}`,
            "dependency:copy-dependencies",
            `-DoutputDirectory=${ZOOKEEPER_LIB}`,
        ],
        process.env,
        600_000,
    );
    if (r.status !== 0) throw new Error(`cannot fetch ZooKeeper ${ZOOKEEPER_VERSION} from Maven Central:\n${r.output}`);
    return ZOOKEEPER_LIB;
}

/** docs/zookeeper.md, whose Certificate and JAAS file the tests use as a reader would. */
const ZOOKEEPER_DOC = fs.readFileSync(path.join(ROOT, "docs", "zookeeper.md"), "utf8");

/** The dnsNames of the docs' cert-manager Certificate. */
export function documentedCertificateNames(): string[] {
    const yaml = codeBlocks(ZOOKEEPER_DOC).find((b) => b.lang === "yaml" && b.text.includes("kind: Certificate"))!.text;
    return [...yaml.matchAll(/^\s+- (\S+)$/gm)].map((m) => m[1]);
}

/** The servers' JAAS file as the docs show it. */
export function documentedServerJaas(): string {
    return codeBlocks(ZOOKEEPER_DOC).find((b) => b.lang === "text" && b.text.includes("QuorumLearner"))!.text;
}

function openssl(args: string[], cwd: string): void {
    const r = spawnSync("openssl", args, { cwd, encoding: "utf8", timeout: 60_000 });
    if (r.status !== 0) throw new Error(`openssl ${args.join(" ")} failed: ${r.stderr}`);
}

/** A CA, and a way to issue certificates from it. */
export class TestCa {
    private constructor(readonly dir: string) {}

    static create(dir: string): TestCa {
        fs.mkdirSync(dir, { recursive: true });
        const ca = ["-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=test-ca"];
        openssl(["req", ...ca], dir);
        return new TestCa(dir);
    }

    get caCrt(): string {
        return path.join(this.dir, "ca.crt");
    }

    /**
     * Issues a certificate for `names` (DNS subject alternative names), usable by servers and
     * clients alike; returns the paths of `<name>.key` and `<name>.crt`.
     */
    issue(name: string, commonName: string, names: readonly string[]): { key: string; crt: string } {
        const ext = path.join(this.dir, `${name}.ext`);
        fs.writeFileSync(
            ext,
            [
                "basicConstraints=CA:FALSE",
                "keyUsage=digitalSignature,keyEncipherment",
                "extendedKeyUsage=serverAuth,clientAuth",
                ...(names.length ? [`subjectAltName=${names.map((n) => `DNS:${n}`).join(",")}`] : []),
                "",
            ].join("\n"),
        );
        openssl(
            ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", `${name}.key`, "-out", `${name}.csr`, "-subj", `/CN=${commonName}`],
            this.dir,
        );
        openssl(
            [
                "x509",
                "-req",
                "-in",
                `${name}.csr`,
                "-CA",
                "ca.crt",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-days",
                "2",
                "-out",
                `${name}.crt`,
                "-extfile",
                ext,
            ],
            this.dir,
        );
        return { key: path.join(this.dir, `${name}.key`), crt: path.join(this.dir, `${name}.crt`) };
    }
}

/** Writes `files` into `dir` as a Secret volume shows them to a pod with fsGroup 1000: root-owned, group 1000, mode 0440. */
export function secretVolume(dir: string, files: Record<string, string>): string {
    fs.mkdirSync(dir, { recursive: true });
    for (const [name, content] of Object.entries(files)) {
        const file = path.join(dir, name);
        fs.writeFileSync(file, content);
        fs.chownSync(file, 0, POD_UID);
        fs.chmodSync(file, 0o440);
    }
    return dir;
}

/**
 * Stands in for the official image's `zkServer.sh start-foreground <zoo.cfg>`: the JVM with the
 * heap, SERVER_JVMFLAGS and the configuration directory on the class path (so the ConfigMap's
 * logback.xml configures logging), as the image's scripts run it.
 */
const ZK_SERVER_SH = [
    "#!/bin/bash",
    'case "${1:-}" in start-foreground) ;; *) echo "usage: zkServer.sh start-foreground <zoo.cfg>" >&2; exit 2 ;; esac',
    'exec java "-Xmx${ZK_SERVER_HEAP:-256}m" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 $SERVER_JVMFLAGS \\',
    '    -cp "/opt/zookeeper/lib/*:${ZOOCFGDIR:-/conf}" org.apache.zookeeper.server.quorum.QuorumPeerMain "$2"',
    "",
].join("\n");

/** Where a sandboxed server's pod-like paths come from on the host. */
export interface Sandbox {
    /** The member's data volume, /data. */
    readonly data: string;
    /** The configuration directory, /conf. */
    readonly conf: string;
    /** The TLS Secret's files, /tls. */
    readonly tls?: string;
    /** The SASL Secret's files, /sasl. */
    readonly sasl?: string;
    /** Files an operator put in place by hand: sandbox path → host file. */
    readonly extra?: Record<string, string>;
    /** The hosts file that maps member names to the test's addresses, /hosts. */
    readonly hosts: string;
}

/** The `zkServer.sh` stand-in, written once into `dir/bin`; returns `dir`. */
export function zooKeeperHome(dir: string): string {
    fs.mkdirSync(path.join(dir, "bin"), { recursive: true });
    fs.writeFileSync(path.join(dir, "bin", "zkServer.sh"), ZK_SERVER_SH, { mode: 0o755 });
    return dir;
}

/**
 * The command that runs `command` in the pod-like sandbox as uid/gid 1000 without capabilities.
 * The root is empty but for the system's /usr and /etc (read-only) and the mounts of `s`.
 */
export function sandboxed(home: string, s: Sandbox, env: Record<string, string>, command: readonly string[]): string[] {
    fs.chownSync(s.data, POD_UID, POD_UID);
    const binds = [
        ...["--bind", s.data, "/data"],
        ...["--ro-bind", s.conf, "/conf"],
        ...(s.tls ? ["--ro-bind", s.tls, "/tls"] : []),
        ...(s.sasl ? ["--ro-bind", s.sasl, "/sasl"] : []),
        // bwrap creates the parents of mount points for root alone unless told otherwise.
        ...Object.entries(s.extra ?? {}).flatMap(([to, from]) => ["--perms", "0755", "--dir", path.dirname(to), "--ro-bind", from, to]),
        ...["--ro-bind", s.hosts, "/hosts"],
        ...["--perms", "0755", "--dir", "/opt", "--perms", "0755", "--dir", "/opt/zookeeper"],
        ...["--ro-bind", ZOOKEEPER_LIB, "/opt/zookeeper/lib"],
        ...["--ro-bind", path.join(home, "bin"), "/opt/zookeeper/bin"],
    ];
    const envArgs = Object.entries({ PATH: "/opt/zookeeper/bin:/usr/bin:/bin", HOME: "/tmp", ...env }).map(([k, v]) => `${k}=${v}`);
    return [
        "bwrap",
        "--die-with-parent",
        ...["--ro-bind", "/usr", "/usr"],
        ...[
            "--symlink",
            "usr/bin",
            "/bin",
            "--symlink",
            "usr/lib",
            "/lib",
            "--symlink",
            "usr/lib64",
            "/lib64",
            "--symlink",
            "usr/sbin",
            "/sbin",
        ],
        ...["--ro-bind", "/etc", "/etc", "--proc", "/proc", "--dev", "/dev"],
        ...["--perms", "1777", "--tmpfs", "/tmp"],
        ...binds,
        ...["--chdir", "/"],
        "--",
        ...["setpriv", `--reuid=${POD_UID}`, `--regid=${POD_UID}`, "--clear-groups", "--inh-caps=-all", "--bounding-set=-all"],
        ...["env", "-i", ...envArgs],
        ...command,
    ];
}

/** A process group of the test's own, stopped by its PID. */
export interface GroupProcess {
    readonly name: string;
    readonly pid: number;
    readonly logFile: string;
    readonly child: ChildProcess;
    exitCode(): number | null;
}

/** Starts `command` as the leader of a new process group, output to `logFile`. */
export function startGroup(name: string, command: readonly string[], logFile: string): GroupProcess {
    const out = fs.openSync(logFile, "a");
    const child = spawn(command[0], command.slice(1), { stdio: ["ignore", out, out], detached: true, env: process.env });
    fs.closeSync(out);
    if (child.pid === undefined) throw new Error(`cannot start ${name}`);
    let code: number | null = null;
    child.on("exit", (c, signal) => (code = c ?? (signal ? 128 : null)));
    return { name, pid: child.pid, logFile, child, exitCode: () => code };
}

/**
 * Stops a group as the kubelet stops a pod: SIGTERM to the group it leads (the sandbox and the
 * JVM in it), SIGKILL after `graceMs`.
 */
export async function stopGroup(p: GroupProcess, graceMs = 10_000): Promise<void> {
    if (p.child.exitCode !== null || p.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => p.child.once("exit", () => resolve()));
    const signal = (s: NodeJS.Signals) => {
        try {
            process.kill(-p.pid, s);
        } catch {
            // already gone
        }
    };
    signal("SIGTERM");
    const timer = setTimeout(() => signal("SIGKILL"), graceMs);
    await exited;
    clearTimeout(timer);
}

/** The JVM flags of ZooKeeper's Java client for TLS to the secure port, with PEM files. */
export function tlsClientFlags(keyStore: string, trustStore: string): string[] {
    return [
        "-Dzookeeper.client.secure=true",
        "-Dzookeeper.clientCnxnSocket=org.apache.zookeeper.ClientCnxnSocketNetty",
        `-Dzookeeper.ssl.keyStore.location=${keyStore}`,
        "-Dzookeeper.ssl.keyStore.type=PEM",
        `-Dzookeeper.ssl.trustStore.location=${trustStore}`,
        "-Dzookeeper.ssl.trustStore.type=PEM",
    ];
}

/** ZooKeeper's command-line client (zkCli) as a command, with extra JVM flags. */
export function zkCliCommand(flags: readonly string[], server: string, args: readonly string[] = []): string[] {
    return [
        "java",
        "-Xmx128m",
        "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1",
        "-Dlogback.configurationFile=/dev/null",
        ...flags,
        "-cp",
        `${ZOOKEEPER_LIB}/*`,
        "org.apache.zookeeper.ZooKeeperMain",
        "-server",
        server,
        ...args,
    ];
}
