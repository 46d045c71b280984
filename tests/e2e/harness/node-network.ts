/**
 * A node of the e2e cluster with a real data path, in network namespaces of the test's own: a
 * "node" namespace where kube-proxy programs the kernel's packet filter and a client connects to
 * Service ClusterIPs, and "VM" namespaces, one per external server, on a bridge of the node.
 * kube-proxy reaches the API server (which listens on the host's loopback only) through a
 * forward that listens on the node's bridge address. Nothing of the host's own network is
 * touched: every address, route and rule lives inside these namespaces and goes with them.
 */
import { ChildProcess, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ip, ipCommand, mustIp, removeAbandoned } from "../../helpers/netns";
import { Cluster, toolsBin, toolsMissing } from "./cluster";
import { eventually } from "./kube";
import { stopProcess } from "../../helpers/zookeeper-servers";

const PREFIX = "sedp";
const SCRIPT = path.join(__dirname, "data-path.py");
/** RFC 2544's benchmarking range, on the node's bridge: the node is .1, VM i is .(10 + i). */
const SUBNET = "198.18.0";
const NODE_ADDRESS = `${SUBNET}.1`;
const API_PORT = 6443;
/** The servers of data-path.py print this line once they accept connections. */
const listening = (log: string) => log.includes("listening");

/** kube-proxy's two Linux modes the test can run. */
export type ProxyMode = "nftables" | "iptables";

/** Why the data-path test cannot run here, or undefined when it can. */
export function dataPathMissing(): string | undefined {
    if (process.getuid?.() !== 0) return "network namespaces need root (CAP_SYS_ADMIN and CAP_NET_ADMIN)";
    if (spawnSync(ipCommand(), ["-V"]).status !== 0) return "`ip` (Debian package iproute2) is not installed";
    if (spawnSync("python3", ["-V"]).status !== 0) return "python3 is not installed";
    const runs = (command: string) => spawnSync(command, ["--version"]).status === 0;
    if (!runs("nft") && !runs("iptables")) return "kube-proxy needs nft (Debian package nftables) or iptables";
    return toolsMissing(["kube-proxy"]);
}

/** A process started inside a namespace, with its output in a log file. */
interface Started {
    readonly name: string;
    readonly child: ChildProcess;
    readonly log: string;
}

export class NodeNetwork {
    /** The node's namespace: kube-proxy and the client run here. */
    readonly node = `${PREFIX}${process.pid}-node`;
    private readonly vms: string[] = [];
    private readonly processes: Started[] = [];
    private readonly logs = fs.mkdtempSync(path.join(os.tmpdir(), "stateful-ensemble-data-path-"));

    private constructor() {}

    /** The node namespace with its bridge, and a route for the Service range onto the bridge. */
    static create(serviceCidr: string): NodeNetwork {
        removeAbandoned(PREFIX);
        const net = new NodeNetwork();
        try {
            mustIp(["netns", "add", net.node]);
            mustIp(["-n", net.node, "link", "set", "lo", "up"]);
            mustIp(["-n", net.node, "link", "add", "br0", "type", "bridge"]);
            mustIp(["-n", net.node, "addr", "add", `${NODE_ADDRESS}/24`, "dev", "br0"]);
            mustIp(["-n", net.node, "link", "set", "br0", "up"]);
            // A ClusterIP belongs to no interface; without a route a connection to it fails
            // before kube-proxy's rules translate it, as on a node without a default route.
            mustIp(["-n", net.node, "route", "add", serviceCidr, "dev", "br0"]);
        } catch (err) {
            net.removeNamespaces();
            throw err;
        }
        return net;
    }

    /**
     * A VM: a namespace on the node's bridge running an echo server on `port` that answers
     * every connection with `identity` and the address the client reached. Returns its index.
     */
    async addVm(identity: string, port: number): Promise<number> {
        const i = this.vms.length;
        const ns = `${PREFIX}${process.pid}-vm${i}`;
        this.vms.push(ns);
        mustIp(["netns", "add", ns]);
        mustIp(["-n", ns, "link", "set", "lo", "up"]);
        mustIp(["-n", this.node, "link", "add", `vm${i}`, "type", "veth", "peer", "name", "eth0", "netns", ns]);
        mustIp(["-n", this.node, "link", "set", `vm${i}`, "master", "br0"]);
        mustIp(["-n", this.node, "link", "set", `vm${i}`, "up"]);
        mustIp(["-n", ns, "addr", "add", `${SUBNET}.${10 + i}/24`, "dev", "eth0"]);
        mustIp(["-n", ns, "link", "set", "eth0", "up"]);
        mustIp(["-n", ns, "route", "add", "default", "via", NODE_ADDRESS]);
        await this.start(`echo-${identity}`, ns, ["python3", SCRIPT, "echo", identity, String(port)], listening);
        return i;
    }

    /** Gives VM `i` one more address, routed to it from the node. */
    addAddress(i: number, address: string): void {
        mustIp(["-n", this.vms[i], "addr", "add", `${address}/32`, "dev", "eth0"]);
        mustIp(["-n", this.node, "route", "add", `${address}/32`, "via", `${SUBNET}.${10 + i}`]);
    }

    /** The API server on the node's bridge address, forwarded to its loopback port. */
    async forwardApiServer(cluster: Cluster): Promise<string> {
        // Started in the suite's namespace: it connects from there and listens in the node's.
        const forward = ["forward", `/var/run/netns/${this.node}`, NODE_ADDRESS, String(API_PORT), String(cluster.apiserverPort)];
        await this.start("api-forward", undefined, ["python3", SCRIPT, ...forward], listening);
        const server = `https://${NODE_ADDRESS}:${API_PORT}`;
        const kubeconfig = fs
            .readFileSync(cluster.kubeconfig, "utf8")
            .replace(/server: .*/, `server: ${server}\n      tls-server-name: kubernetes`);
        const file = path.join(this.logs, "kube-proxy.kubeconfig");
        fs.writeFileSync(file, kubeconfig);
        return file;
    }

    /**
     * The packet-filter mode kube-proxy uses: `E2E_KUBE_PROXY_MODE` if set; otherwise nftables
     * when the `nft` command works in the node namespace, else iptables. `reason` says why.
     */
    proxyMode(): { mode: ProxyMode; reason: string } {
        const asked = process.env.E2E_KUBE_PROXY_MODE;
        if (asked === "nftables" || asked === "iptables") return { mode: asked, reason: "E2E_KUBE_PROXY_MODE" };
        if (asked) throw new Error(`E2E_KUBE_PROXY_MODE is ${JSON.stringify(asked)}, not nftables or iptables`);
        const probe = spawnSync(ipCommand(), ["netns", "exec", this.node, "nft", "add", "table", "inet", "probe"], { encoding: "utf8" });
        if (probe.status !== 0) {
            return { mode: "iptables", reason: `nft does not work here (${probe.error?.message ?? probe.stderr.trim()})` };
        }
        spawnSync(ipCommand(), ["netns", "exec", this.node, "nft", "delete", "table", "inet", "probe"]);
        return { mode: "nftables", reason: "the default, and nft works here" };
    }

    /**
     * kube-proxy in the node namespace. Its rules are in place once a connection through a
     * ClusterIP gets an answer (`once`); this only waits for it to be running.
     */
    async startKubeProxy(kubeconfig: string, mode: ProxyMode, podCidr: string): Promise<void> {
        await this.start(
            "kube-proxy",
            this.node,
            [
                path.join(toolsBin(), "kube-proxy"),
                `--kubeconfig=${kubeconfig}`,
                `--proxy-mode=${mode}`,
                // One of control-plane.sh's nodes: this namespace is that node's data path.
                "--hostname-override=e2e-node-0",
                `--bind-address=${NODE_ADDRESS}`,
                `--cluster-cidr=${podCidr}`,
                // Connection-tracking limits are the host's; a node namespace leaves them alone.
                "--conntrack-max-per-core=0",
                "--conntrack-tcp-timeout-established=0",
                "--conntrack-tcp-timeout-close-wait=0",
                "--metrics-bind-address=127.0.0.1:10249",
                "--healthz-bind-address=127.0.0.1:10256",
                "--v=2",
            ],
            (log) => log.length > 0,
        );
    }

    /** One connection from the node to `address:port`: its answer, or undefined if it failed. */
    once(address: string, port: number): string | undefined {
        const r = spawnSync(ipCommand(), ["netns", "exec", this.node, "python3", SCRIPT, "once", address, String(port)], {
            encoding: "utf8",
            timeout: 15_000,
        });
        return r.status === 0 ? r.stdout.trim() : undefined;
    }

    /**
     * The client: connects to `address:port` from the node, one connection after another, a new
     * one every `intervalMs` (at once if the previous took longer), until `stop`.
     */
    connectContinuously(address: string, port: number, intervalMs: number): Client {
        const args = ["connect", address, String(port), String(intervalMs / 1000)];
        return new Client(
            spawn(ipCommand(), ["netns", "exec", this.node, "python3", SCRIPT, ...args], {
                stdio: ["pipe", "pipe", "pipe"],
            }),
        );
    }

    /** The last lines of every log, for a failed test's report. */
    logTails(lines = 20): string {
        return this.processes
            .map((p) => {
                const text = fs.existsSync(p.log) ? fs.readFileSync(p.log, "utf8").trimEnd().split("\n") : [];
                return `--- ${p.name} (${p.log})\n${text.slice(-lines).join("\n")}`;
            })
            .join("\n");
    }

    /**
     * Starts `command` inside `ns` (`ip netns exec` runs it under the same PID, so it is stopped
     * by that PID), or in the suite's own namespace when `ns` is undefined. Resolves when `ready`
     * holds for its log.
     */
    private async start(name: string, ns: string | undefined, command: readonly string[], ready: (log: string) => boolean): Promise<void> {
        const log = path.join(this.logs, `${name}.log`);
        const out = fs.openSync(log, "a");
        const [file, ...args] = ns === undefined ? command : [ipCommand(), "netns", "exec", ns, ...command];
        const child = spawn(file, args, { stdio: ["ignore", out, out] });
        fs.closeSync(out);
        this.processes.push({ name, child, log });
        await eventually(`${name} to start (log ${log})`, async () =>
            child.exitCode === null && ready(fs.readFileSync(log, "utf8")) ? true : undefined,
        );
    }

    /** Stops every process by its PID, then deletes the namespaces (their links and rules go with them). */
    async destroy(): Promise<void> {
        for (const p of this.processes.reverse()) {
            if (p.child.pid !== undefined) await stopProcess({ child: p.child, pid: p.child.pid }, 5_000);
        }
        this.removeNamespaces();
    }

    private removeNamespaces(): void {
        for (const ns of [...this.vms, this.node]) ip(["netns", "del", ns]);
    }
}

/** One connection of the client. */
export interface Connection {
    /** Unix time, seconds, when it started. */
    readonly at: number;
    readonly ok: boolean;
    /** The server's answer ("<identity> <address>"), or the error. */
    readonly answer: string;
}

/** The client's connections as they happen. */
export class Client {
    readonly connections: Connection[] = [];
    private rest = "";
    private readonly closed: Promise<void>;

    constructor(private readonly child: ChildProcess) {
        child.stdout!.on("data", (d: Buffer) => {
            const lines = (this.rest + d.toString()).split("\n");
            this.rest = lines.pop()!;
            for (const line of lines) {
                const [at, result, ...answer] = line.split(" ");
                this.connections.push({ at: Number(at), ok: result === "ok", answer: answer.join(" ") });
            }
        });
        this.closed = new Promise((resolve) => child.on("close", () => resolve()));
    }

    /** The connections started at or after `since` (Unix seconds). */
    since(since: number): Connection[] {
        return this.connections.filter((c) => c.at >= since);
    }

    /** Ends the client (it stops when its standard input closes) and waits for its last lines. */
    async stop(): Promise<void> {
        this.child.stdin!.end();
        const timer = setTimeout(() => this.child.kill("SIGKILL"), 15_000);
        await this.closed;
        clearTimeout(timer);
    }
}
