/**
 * TLS, SASL and metrics against real ZooKeeper servers: the release the official image runs
 * (see tests/helpers/zookeeper-secure.ts), three servers of examples/zookeeper-production (zk-0
 * external, zk-1 and zk-2 pods), each in a network namespace of this file's own and a sandbox laid
 * out like its pod, running as uid 1000. The pods run the StatefulSet's command with the
 * ConfigMap's files; the external server runs the `zooCfg` output with the files its comments
 * name. The server certificate holds exactly the names of the Certificate in docs/zookeeper.md,
 * and the servers read the JAAS file shown there.
 */
import { strict as assert } from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { RenderResult, renderProgram } from "../../../sdk/tools/render/engine";
import { TestNetwork } from "../../helpers/netns";
import { fourLetterWordCommand, modeOf, run, sleep, waitFor } from "../../helpers/zookeeper-servers";
import {
    GroupProcess,
    Sandbox,
    TestCa,
    ZOOKEEPER_VERSION,
    documentedCertificateNames,
    documentedServerJaas,
    fetchZooKeeper,
    sandboxed,
    secretVolume,
    secureZooKeeperMissing,
    startGroup,
    stopGroup,
    tlsClientFlags,
    zkCliCommand,
    zooKeeperHome,
} from "../../helpers/zookeeper-secure";

const parsePrometheus = require("parse-prometheus-text-format") as (text: string) => { name: string; type: string; metrics: unknown[] }[];

const ROOT = path.resolve(__dirname, "..", "..", "..");
const EXAMPLE = path.join(ROOT, "examples", "zookeeper-production");
const QUORUM_TIMEOUT_MS = 60_000;
/** How long a broken ensemble gets to prove it cannot form a quorum. */
const BROKEN_TIMEOUT_MS = 30_000;
/** This file's network namespaces: another file may run ZooKeeper namespaces at the same time. */
const NETNS_PREFIX = "zksec";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

const CLIENT_JAAS =
    'Client {\n    org.apache.zookeeper.server.auth.DigestLoginModule required\n    username="app"\n    password="app-password";\n};\n';

interface Rendering {
    readonly result: RenderResult;
    readonly zooCfg: string;
    readonly sts: Obj;
    readonly configMap: Obj;
    readonly hosts: string[];
}

/** The member names of zoo.cfg's server lines, in order. */
function serverHosts(zooCfg: string): string[] {
    return [...zooCfg.matchAll(/^server\.\d+=([^:]+):/gm)].map((m) => m[1]);
}

async function render(stage: string): Promise<Rendering> {
    const result = await renderProgram(EXAMPLE, { config: [`tlsStage=${stage}`] });
    const find = (kind: string) => result.resources.find((r) => r.object.kind === kind)!.object as Obj;
    return {
        result,
        zooCfg: String(result.outputs.zooCfg),
        sts: find("StatefulSet"),
        configMap: find("ConfigMap"),
        hosts: serverHosts(String(result.outputs.zooCfg)),
    };
}

describe(`ZooKeeperEnsemble's TLS, SASL and metrics against real ZooKeeper ${ZOOKEEPER_VERSION} servers`, function () {
    this.timeout(600_000);
    let net: TestNetwork | undefined;
    let dir = "";
    let home = "";
    let ca: TestCa;
    let clientPem = "";
    let clientJaas = "";
    const servers: GroupProcess[] = [];

    before(function () {
        const missing = secureZooKeeperMissing();
        if (missing) {
            console.log(`      SKIPPED: the TLS, SASL and metrics tests on real servers: ${missing}`);
            this.skip();
        }
        fetchZooKeeper();
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "zk-secure-"));
        fs.chmodSync(dir, 0o755);
        home = zooKeeperHome(path.join(dir, "zookeeper"));
        ca = TestCa.create(path.join(dir, "ca"));
        const client = ca.issue("client", "app", []);
        clientPem = path.join(dir, "client.pem");
        fs.writeFileSync(clientPem, fs.readFileSync(client.key, "utf8") + fs.readFileSync(client.crt, "utf8"));
        clientJaas = path.join(dir, "client-jaas.conf");
        fs.writeFileSync(clientJaas, CLIENT_JAAS);
        net = TestNetwork.create(3, TestNetwork.defaults(3, NETNS_PREFIX));
    });

    afterEach(async () => {
        await Promise.all(servers.splice(0).map((s) => stopGroup(s)));
    });

    after(async () => {
        await Promise.all(servers.splice(0).map((s) => stopGroup(s)));
        net?.destroy();
        if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    const diagnose = () =>
        servers
            .map((s) => {
                let log = "(no log)";
                try {
                    log = fs.readFileSync(s.logFile, "utf8").trim().split("\n").slice(-12).join("\n");
                } catch {
                    // not written yet
                }
                return `--- ${s.name} (pid ${s.pid}, exit ${s.exitCode()}):\n${log}`;
            })
            .join("\n");

    /** A member's address in the test network and its ordinal. */
    const addressOf = (host: string) => net!.address(Number(/^zk-(\d+)\./.exec(host)![1]));
    const nsOf = (host: string) => net!.members[Number(/^zk-(\d+)\./.exec(host)![1])];

    /**
     * The Secrets' files for a run: the server certificate with `names` (the docs' by default),
     * the JAAS file (the docs' by default).
     */
    function secrets(run: string, names = documentedCertificateNames(), jaas = documentedServerJaas()) {
        const cert = ca.issue(`server-${run}`, "zk", names);
        const tls = secretVolume(path.join(dir, run, "secret-tls"), {
            "tls.crt": fs.readFileSync(cert.crt, "utf8"),
            "tls.key": fs.readFileSync(cert.key, "utf8"),
            "ca.crt": fs.readFileSync(ca.caCrt, "utf8"),
        });
        const sasl = secretVolume(path.join(dir, run, "secret-sasl"), { "jaas.conf": jaas });
        // What the external server's operator prepares from the same Secret: the files zoo.cfg names.
        const keystore = path.join(dir, run, "external-keystore.pem");
        fs.writeFileSync(keystore, fs.readFileSync(cert.key, "utf8") + fs.readFileSync(cert.crt, "utf8"), { mode: 0o440 });
        fs.chownSync(keystore, 0, 1000);
        return { tls, sasl, keystore };
    }

    /** Starts member `host` of rendering `r` as a pod (StatefulSet command, ConfigMap files) or as the external server. */
    function launch(r: Rendering, host: string, run: string, s: ReturnType<typeof secrets>): GroupProcess {
        const ordinal = Number(/^zk-(\d+)\./.exec(host)![1]);
        const memberDir = path.join(dir, run, `zk-${ordinal}`);
        const data = path.join(memberDir, "data");
        const conf = path.join(memberDir, `conf-${Date.now()}`);
        fs.mkdirSync(data, { recursive: true });
        fs.mkdirSync(conf, { recursive: true });
        const hosts = path.join(dir, run, "hosts");
        fs.writeFileSync(hosts, r.hosts.map((h) => `${addressOf(h)} ${h}\n`).join(""));
        const start = r.sts.spec.ordinals?.start ?? 0;
        const isPod = ordinal >= start && ordinal < start + r.sts.spec.replicas;
        const logFile = path.join(memberDir, "server.log");
        const box: Sandbox = { data, conf, tls: s.tls, sasl: s.sasl, hosts };
        if (isPod) {
            for (const [file, content] of Object.entries(r.configMap.data as Record<string, string>))
                fs.writeFileSync(path.join(conf, file), content);
            const container = r.sts.spec.template.spec.containers[0];
            const env = Object.fromEntries(
                (container.env as { name: string; value?: string }[]).filter((e) => e.value !== undefined).map((e) => [e.name, e.value!]),
            );
            const command = sandboxed(
                home,
                box,
                {
                    ...env,
                    POD_NAME: `zk-${ordinal}`,
                    POD_NAMESPACE: "data",
                    ZK_SERVER_HEAP: "256",
                    SERVER_JVMFLAGS: "-Djdk.net.hosts.file=/hosts",
                },
                container.command,
            );
            return startGroup(`zk-${ordinal} (pod)`, net!.exec(nsOf(host), command), logFile);
        }
        // The external server, set up as docs/zookeeper.md tells its operator: the zooCfg output,
        // myid, the files its comments name, and the JAAS flag they give.
        fs.writeFileSync(path.join(conf, "zoo.cfg"), r.zooCfg);
        // Its logging is the operator's choice: the pods' console logging here.
        fs.writeFileSync(path.join(conf, "logback.xml"), r.configMap.data["logback.xml"]);
        const id = new RegExp(`^server\\.(\\d+)=${host.replace(/\./g, "\\.")}:`, "m").exec(r.zooCfg)![1];
        fs.writeFileSync(path.join(data, "myid"), `${id}\n`);
        const keystorePath = /(\/\S+keystore\.pem)/.exec(r.zooCfg)?.[1];
        const jaasFlag = /(-Djava\.security\.auth\.login\.config=\S+)/.exec(r.zooCfg)?.[1] ?? "";
        const external: Sandbox = { ...box, extra: keystorePath ? { [keystorePath]: s.keystore } : {} };
        const command = sandboxed(
            home,
            external,
            { ZOOCFGDIR: "/conf", ZK_SERVER_HEAP: "256", SERVER_JVMFLAGS: `-Djdk.net.hosts.file=/hosts ${jaasFlag}` },
            ["zkServer.sh", "start-foreground", "/conf/zoo.cfg"],
        );
        return startGroup(`zk-${ordinal} (external)`, net!.exec(nsOf(host), command), logFile);
    }

    /** `srvr` on the server's loopback interface, inside its namespace: where the probes ask. */
    const srvrMode = (host: string) =>
        modeOf(run(net!.exec(nsOf(host), fourLetterWordCommand("127.0.0.1", "srvr")), process.env, 10_000).output);

    async function waitForQuorum(r: Rendering, timeoutMs = QUORUM_TIMEOUT_MS): Promise<string[]> {
        return waitFor(
            "every server to serve in a quorum",
            timeoutMs,
            () => {
                const dead = servers.find((s) => s.exitCode() !== null);
                if (dead) throw new Error(`${dead.name} exited with ${dead.exitCode()}\n${diagnose()}`);
                const modes = r.hosts.map(srvrMode);
                return modes.every((m) => m !== undefined) ? (modes as string[]) : undefined;
            },
            diagnose,
        );
    }

    async function startEnsemble(r: Rendering, runName: string, s: ReturnType<typeof secrets>): Promise<string[]> {
        for (const host of r.hosts) servers.push(launch(r, host, runName, s));
        return waitForQuorum(r);
    }

    const tlsHosts = (r: Rendering) => r.hosts.map((h) => `${h}:2281`).join(",");
    const cli = (flags: string[], server: string, args: string[], hostsFile: string) =>
        run(net!.exec(net!.lan, zkCliCommand([`-Djdk.net.hosts.file=${hostsFile}`, ...flags], server, args)), process.env, 60_000);

    it("forms a quorum over TLS with SASL, serves TLS+SASL clients through the connection string, refuses the others, and exports metrics", async () => {
        const r = await render("strict");
        const s = secrets("strict");
        assert.deepEqual([...(await startEnsemble(r, "strict", s))].sort(), ["follower", "follower", "leader"]);
        const hostsFile = path.join(dir, "strict", "hosts");

        // The quorum speaks TLS only: every server logs its quorum TLS set-up, none a plaintext peer.
        const connectionString = String(r.result.outputs.connectionString);
        assert.equal(connectionString, tlsHosts(r));
        const secure = [...tlsClientFlags(clientPem, ca.caCrt), `-Djava.security.auth.login.config=${clientJaas}`];
        const created = cli(secure, connectionString, ["create", "/secure", "written-over-tls-with-sasl"], hostsFile);
        assert.match(created.output, /Created \/secure/, created.output);
        const read = cli(secure, connectionString, ["get", "/secure"], hostsFile);
        assert.ok(read.output.split("\n").includes("written-over-tls-with-sasl"), read.output);

        // TLS without SASL: the session is refused (enforce.auth).
        const anonymous = cli(tlsClientFlags(clientPem, ca.caCrt), connectionString, ["create", "/anonymous", "x"], hostsFile);
        assert.doesNotMatch(anonymous.output, /Created \/anonymous/, anonymous.output);
        const check = cli(secure, connectionString, ["stat", "/anonymous"], hostsFile);
        assert.match(check.output, /Node does not exist: \/anonymous/, check.output);

        // Plaintext from the network reaches no server: port 2181 listens on loopback only.
        for (const host of r.hosts) {
            const plain = run(net!.exec(net!.lan, fourLetterWordCommand(addressOf(host), "srvr")), process.env, 10_000);
            assert.equal(modeOf(plain.output), undefined, `${host} answered plaintext from the network: ${plain.output}`);
        }

        // Metrics: every server's endpoint answers on the metrics port, and the text parses.
        const metricsPort = r.sts.spec.template.spec.containers[0].ports.find((p: Obj) => p.name === "metrics").containerPort;
        for (const host of r.hosts) {
            const http = run(
                net!.exec(net!.lan, [
                    "bash",
                    "-c",
                    `exec 3<>/dev/tcp/${addressOf(host)}/${metricsPort} && printf 'GET /metrics HTTP/1.0\\r\\n\\r\\n' >&3 && timeout 10 cat <&3`,
                ]),
                process.env,
                20_000,
            );
            assert.match(http.output, /^HTTP\/1\.[01] 200/, http.output.slice(0, 300));
            const families = parsePrometheus(http.output.slice(http.output.indexOf("\r\n\r\n") + 4));
            const names = new Set(families.map((f) => f.name));
            for (const expected of ["znode_count", "jvm_threads_current"]) assert.ok(names.has(expected), `${host} exports ${expected}`);
        }
    });

    it("cannot form a quorum when the certificate lacks the members' names", async () => {
        const r = await render("strict");
        // Only the client Service's names: a peer's certificate no longer says it is that peer.
        const s = secrets(
            "wrong-names",
            documentedCertificateNames().filter((n) => !n.includes("-headless")),
        );
        for (const host of r.hosts) servers.push(launch(r, host, "wrong-names", s));
        await assert.rejects(waitForQuorum(r, BROKEN_TIMEOUT_MS), /timed out after 30 s waiting for every server to serve in a quorum/);
        // And for that reason: each peer's name is checked against the certificate.
        const logs = servers.map((p) => fs.readFileSync(p.logFile, "utf8")).join("\n");
        assert.match(logs, /Failed to verify host address|No subject alternative DNS name matching|hostname verification/i, diagnose());
    });

    it("cannot form a quorum when the SASL secret's quorum password does not match", async () => {
        const r = await render("strict");
        const s = secrets(
            "wrong-jaas",
            undefined,
            documentedServerJaas().replace(/user_zkquorum="[^"]*"/, 'user_zkquorum="not-the-password"'),
        );
        for (const host of r.hosts) servers.push(launch(r, host, "wrong-jaas", s));
        await assert.rejects(waitForQuorum(r, BROKEN_TIMEOUT_MS), /timed out after 30 s waiting for every server to serve in a quorum/);
        const jaasLogs = servers.map((p) => fs.readFileSync(p.logFile, "utf8")).join("\n");
        assert.match(jaasLogs, /SaslException|authentication failed|Failed to authenticate/i, diagnose());
    });

    it("walks from plaintext to TLS one server at a time while a client writes, and loses no acknowledged write", async () => {
        const stages = ["plaintext", "portUnification", "quorumTls", "strict"];
        const renderings = new Map<string, Rendering>();
        for (const stage of stages) renderings.set(stage, await render(stage));
        const first = renderings.get("plaintext")!;
        const s = secrets("rolling");
        await startEnsemble(first, "rolling", s);
        const hostsFile = path.join(dir, "rolling", "hosts");
        const saslFlag = `-Djava.security.auth.login.config=${clientJaas}`;

        // The writer: one client session that creates znodes in sequence; a write counts once the
        // server acknowledged it ("Created"). Plaintext through the connection string first; once
        // every server serves TLS (after quorumTls), a TLS client takes over, as applications move
        // before plaintext goes.
        const acknowledged: string[] = [];
        let refused = 0;
        let sequence = 0;
        let phase: "plaintext" | "tls" | "done" = "plaintext";
        const writer = async (flags: string[], server: string, until: () => boolean) => {
            const command = net!.exec(net!.lan, zkCliCommand([`-Djdk.net.hosts.file=${hostsFile}`, ...flags], server));
            const child = spawn(command[0], command.slice(1), { stdio: ["pipe", "pipe", "pipe"] });
            let output = "";
            child.stdout.on("data", (d) => (output += d));
            child.stderr.on("data", (d) => (output += d));
            try {
                while (!until()) {
                    const znode = `/rolling-${String(++sequence).padStart(6, "0")}`;
                    const mark = output.length;
                    child.stdin.write(`create ${znode} w\n`);
                    const deadline = Date.now() + 20_000;
                    for (;;) {
                        const answer = output.slice(mark);
                        if (answer.includes(`Created ${znode}`)) {
                            acknowledged.push(znode);
                            break;
                        }
                        if (/KeeperErrorCode|Exception/.test(answer) || Date.now() > deadline) {
                            refused++;
                            break;
                        }
                        await sleep(20);
                    }
                    await sleep(50);
                }
            } finally {
                child.stdin.end("quit\n");
                await sleep(1_000);
                child.kill("SIGKILL");
            }
        };

        const started = Date.now();
        const plaintextWriter = writer([saslFlag], String(first.result.outputs.connectionString), () => phase !== "plaintext");
        let tlsWriter: Promise<void> | undefined;
        await sleep(3_000);
        const log: string[] = [];
        for (const stage of stages.slice(1)) {
            const r = renderings.get(stage)!;
            // One server at a time, each back in the quorum before the next, as the StatefulSet's
            // readiness-gated rolling update (and the operator of the external server) does.
            for (const host of r.hosts) {
                const name = host.split(".")[0];
                const i = servers.findIndex((p) => p.name.startsWith(`${name} `));
                await stopGroup(servers[i]);
                servers.splice(i, 1, launch(r, host, "rolling", s));
                await waitForQuorum(r);
                log.push(`${stage}: ${name} back in the quorum at ${((Date.now() - started) / 1000).toFixed(0)} s`);
            }
            if (stage === "quorumTls") {
                phase = "tls";
                await plaintextWriter;
                tlsWriter = writer([...tlsClientFlags(clientPem, ca.caCrt), saslFlag], tlsHosts(r), () => phase === "done");
            }
        }
        await sleep(3_000);
        phase = "done";
        await tlsWriter;

        // Every acknowledged write is there, read through TLS and SASL.
        const listed = cli([...tlsClientFlags(clientPem, ca.caCrt), saslFlag], tlsHosts(renderings.get("strict")!), ["ls", "/"], hostsFile);
        const present = new Set([...listed.output.matchAll(/\brolling-\d{6}\b/g)].map((m) => `/${m[0]}`));
        const lost = acknowledged.filter((z) => !present.has(z));
        console.log(
            `      rolling to TLS: ${acknowledged.length} writes acknowledged, ${refused} refused while a server restarted, ${lost.length} lost, in ${((Date.now() - started) / 1000).toFixed(0)} s\n        ${log.join("\n        ")}`,
        );
        assert.ok(acknowledged.length > 0, "the client wrote");
        assert.deepEqual(lost, [], `lost ${lost.length} acknowledged writes; the listing:\n${listed.output.slice(-1500)}`);
    });
});
