/**
 * A private network for real servers: one network namespace per member, each with its own
 * address on a bridge that lives in a further namespace ("lan"), from which the test's clients
 * connect. Nothing of the machine's own network or /etc/hosts is touched; every server can bind
 * the same ports (2181, 2888, 3888, 8080) on its own address, as pods do.
 */
import { SpawnSyncReturns, spawnSync } from "child_process";
import * as fs from "fs";

/** RFC 2544's benchmarking range: never routed, and only inside these namespaces anyway. */
const SUBNET = "198.18.0";
const PREFIX = "sezk";

/** A network other than the default one: its own namespace names and member addresses. */
export interface TestNetworkOptions {
    /** Starts every namespace name (then the test's PID), so concurrent suites never share or remove each other's. */
    readonly prefix: string;
    /** The members' addresses, in order, each on the bridge with `prefixLength`. */
    readonly addresses: readonly string[];
    /** The bridge's own address, from which the clients connect. */
    readonly lanAddress: string;
    readonly prefixLength: number;
}
/** iproute2's `ip`, wherever the distribution puts it (a PATH may lack /usr/sbin); looked up after any installation. */
export function ipCommand(): string {
    return ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"].find((p) => fs.existsSync(p)) ?? "ip";
}

export function ip(args: string[]): SpawnSyncReturns<string> {
    return spawnSync(ipCommand(), args, { encoding: "utf8", timeout: 10_000 });
}

export function mustIp(args: string[]): void {
    const r = ip(args);
    if (r.status !== 0) throw new Error(`ip ${args.join(" ")} failed: ${r.error?.message ?? r.stderr.trim()}`);
}

export class TestNetwork {
    /** The namespace clients run in; it holds the bridge and its address. */
    readonly lan: string;
    /** One namespace per member, in order. */
    readonly members: string[];

    private constructor(
        readonly size: number,
        private readonly options: TestNetworkOptions,
    ) {
        this.lan = `${options.prefix}${process.pid}-lan`;
        this.members = Array.from({ length: size }, (_, i) => `${options.prefix}${process.pid}-m${i}`);
    }

    /** The address of member `i`. */
    address(i: number): string {
        return this.options.addresses[i];
    }

    /** The default network under `prefix`: member `i` has 198.18.0.(10 + i)/24. */
    static defaults(size: number, prefix = PREFIX): TestNetworkOptions {
        return {
            prefix,
            addresses: Array.from({ length: size }, (_, i) => `${SUBNET}.${10 + i}`),
            lanAddress: `${SUBNET}.1`,
            prefixLength: 24,
        };
    }

    /**
     * Creates the namespaces, the bridge and one veth pair per member. Throws a clear error where
     * that is not possible. Without `options`, the network is `TestNetwork.defaults(size)`.
     */
    static create(size: number, options?: TestNetworkOptions): TestNetwork {
        const settings = options ?? TestNetwork.defaults(size);
        removeAbandoned(settings.prefix);
        const net = new TestNetwork(size, settings);
        const cidr = (address: string) => `${address}/${settings.prefixLength}`;
        try {
            mustIp(["netns", "add", net.lan]);
            mustIp(["-n", net.lan, "link", "set", "lo", "up"]);
            mustIp(["-n", net.lan, "link", "add", "br0", "type", "bridge"]);
            mustIp(["-n", net.lan, "addr", "add", cidr(settings.lanAddress), "dev", "br0"]);
            mustIp(["-n", net.lan, "link", "set", "br0", "up"]);
            net.members.forEach((ns, i) => {
                mustIp(["netns", "add", ns]);
                mustIp(["-n", ns, "link", "set", "lo", "up"]);
                mustIp(["-n", net.lan, "link", "add", `v${i}`, "type", "veth", "peer", "name", "eth0", "netns", ns]);
                mustIp(["-n", net.lan, "link", "set", `v${i}`, "master", "br0"]);
                mustIp(["-n", net.lan, "link", "set", `v${i}`, "up"]);
                mustIp(["-n", ns, "addr", "add", cidr(net.address(i)), "dev", "eth0"]);
                mustIp(["-n", ns, "link", "set", "eth0", "up"]);
            });
        } catch (err) {
            net.destroy();
            throw new Error(
                `cannot build the test network (network namespaces need root with CAP_SYS_ADMIN and CAP_NET_ADMIN): ${(err as Error).message}`,
            );
        }
        return net;
    }

    /** `ip netns exec <ns> ...command`: the command runs inside the namespace, under the same PID. */
    exec(ns: string, command: readonly string[]): string[] {
        return [ipCommand(), "netns", "exec", ns, ...command];
    }

    /** Deletes the namespaces; the veth pairs and the bridge go with them. */
    destroy(): void {
        for (const ns of [...this.members, this.lan]) ip(["netns", "del", ns]);
    }
}

/**
 * Deletes the namespaces `<prefix><pid>-…` left by a run that was killed before its `after`
 * hook (their PID is gone).
 */
export function removeAbandoned(prefix: string): void {
    const list = ip(["netns", "list"]);
    if (list.status !== 0) return;
    for (const line of list.stdout.split("\n")) {
        const match = new RegExp(`^(${prefix}(\\d+)-\\S+)`).exec(line);
        if (match && !fs.existsSync(`/proc/${match[2]}`)) ip(["netns", "del", match[1]]);
    }
}
