/**
 * A ZooKeeper ensemble that follows a sequence of renderings, step by step, on real servers:
 * what `pulumi up` and the operator would do between two renderings, with network namespaces for
 * machines and a hosts file for cluster DNS.
 *
 * - A member the rendering puts on a VM (an address in the headless Service's EndpointSlices)
 *   runs in the namespace that holds that address, as its operator runs it: the `zooCfg` output
 *   with a local data directory and `myid` = its server id; the VM keeps its disk.
 * - A member the rendering puts in the StatefulSet runs in a namespace of its own (the pod's
 *   address) under the rendered pod's constraints (tests/helpers/pod-sandbox.ts), with the
 *   rendered command and environment, the ConfigMap's files at their mount path and its claim
 *   `<template>-<pod>` as a directory that outlives the pod (claims are retained).
 * - Every member's name resolves to where it runs now: the hosts file is rewritten at each step,
 *   copied into the pods' /etc/hosts and given to the other JVMs by `-Djdk.net.hosts.file`. The
 *   JVMs keep no resolved address (`sun.net.inetaddr.ttl=0`), as a name that moves needs. A pod
 *   also has its own host name and finds it in its /etc/hosts, as the kubelet arranges.
 *
 * A step stops the members that leave their place (the operator stops a VM before its member
 * moves; the StatefulSet deletes a pod that leaves its range), then starts them in their new
 * place (all at once under `Parallel` pod management, otherwise one at a time), then restarts,
 * one at a time, every member that stays but whose pod template or zoo.cfg changed.
 */
import * as fs from "fs";
import * as path from "path";
import { RenderResult } from "../../sdk/tools/render/engine";
import { TestNetwork } from "./netns";
import { statefulSetPod } from "./pod-sandbox";
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
} from "./zookeeper-servers";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

/** Where a member runs: on the VM with this address, or as a pod. */
export type Place = { readonly vm: string } | { readonly pod: true };

/** What a rendering says about the ensemble's members. */
export interface Layout {
    readonly rendering: RenderResult;
    /** Ordinal → the member's host name (`zk-<ordinal>.zk-headless.<ns>.svc.cluster.local`). */
    readonly hosts: Map<number, string>;
    readonly places: Map<number, Place>;
    readonly connectionString: string;
    readonly zooCfg: string;
    readonly statefulSet?: Obj;
}

function objects(rendering: RenderResult, kind: string): Obj[] {
    return rendering.resources.filter((r) => r.object.kind === kind).map((r) => r.object as Obj);
}

/** Reads the members' places from a rendering: pods from the StatefulSet's range, VMs from the headless Service's slices. */
export function layoutOf(rendering: RenderResult): Layout {
    const connectionString = String(rendering.outputs.connectionString);
    const hosts = new Map<number, string>();
    for (const hostPort of connectionString.split(",")) {
        const host = hostPort.replace(/:\d+$/, "");
        hosts.set(Number(/^[a-z0-9-]*-(\d+)\./.exec(host)![1]), host);
    }
    const places = new Map<number, Place>();
    const statefulSet = objects(rendering, "StatefulSet")[0];
    if (statefulSet) {
        const start = statefulSet.spec.ordinals?.start ?? 0;
        for (let o = start; o < start + statefulSet.spec.replicas; o++) places.set(o, { pod: true });
    }
    const headless = objects(rendering, "Service").find((s) => s.spec.clusterIP === "None")!;
    for (const slice of objects(rendering, "EndpointSlice")) {
        if (slice.metadata.labels["kubernetes.io/service-name"] !== headless.metadata.name) continue;
        for (const e of slice.endpoints as Obj[]) places.set(Number(/-(\d+)$/.exec(e.hostname)![1]), { vm: e.addresses[0] });
    }
    return { rendering, hosts, places, connectionString, zooCfg: String(rendering.outputs.zooCfg), statefulSet };
}

interface Running {
    readonly place: Place;
    /** What the server was started from; a change restarts it. */
    readonly fingerprint: string;
    readonly process: ServerProcess;
}

/** What a step did and how long the ensemble took to serve again. */
export interface StepReport {
    readonly stopped: string[];
    /** The member that led the quorum before the step, if one did. */
    readonly leaderBefore?: string;
    readonly started: string[];
    readonly restarted: string[];
    /** From the first server stopped or started to every member serving in one quorum. */
    readonly quorumMs: number;
}

const QUORUM_TIMEOUT_MS = 120_000;

export class EnsembleRun {
    private readonly running = new Map<number, Running>();
    private readonly podHostsFiles = new Map<number, string>();
    private readonly everStarted: ServerProcess[] = [];
    private layout: Layout | undefined;
    private starts = 0;
    readonly hostsFile: string;
    /** JVM flags for every JVM that is not a pod: the hosts file, no address cache. */
    readonly jvmFlags: string;

    /**
     * @param net one namespace per VM address, in `vmAddresses` order, then one per pod ordinal
     *   in `podOrdinals` order, each holding that address.
     */
    constructor(
        private readonly net: TestNetwork,
        private readonly dir: string,
        private readonly vmAddresses: readonly string[],
        private readonly podOrdinals: readonly number[],
    ) {
        this.hostsFile = path.join(dir, "hosts");
        fs.writeFileSync(this.hostsFile, "");
        this.jvmFlags = `-Djdk.net.hosts.file=${this.hostsFile} -Dsun.net.inetaddr.ttl=0 -Dsun.net.inetaddr.negative.ttl=0`;
    }

    private namespaceOf(ordinal: number, place: Place): string {
        const i = "vm" in place ? this.vmAddresses.indexOf(place.vm) : this.vmAddresses.length + this.podOrdinals.indexOf(ordinal);
        if (i < 0 || (!("vm" in place) && !this.podOrdinals.includes(ordinal))) throw new Error(`no namespace for member ${ordinal}`);
        return this.net.members[i];
    }

    /** The address member `ordinal` has in its current place. */
    address(ordinal: number): string {
        const place = this.layout!.places.get(ordinal)!;
        return this.net.address(this.net.members.indexOf(this.namespaceOf(ordinal, place)));
    }

    /** Every member of the current rendering, in ordinal order. */
    members(): number[] {
        return [...this.layout!.places.keys()].sort((a, b) => a - b);
    }

    host(ordinal: number): string {
        return this.layout!.hosts.get(ordinal)!;
    }

    /** The PID of member `ordinal`'s server process (for a pod: its sandbox). */
    pid(ordinal: number): number {
        return this.running.get(ordinal)!.process.pid;
    }

    isPod(ordinal: number): boolean {
        return !("vm" in this.layout!.places.get(ordinal)!);
    }

    diagnose(): string {
        return this.everStarted
            .slice(-8)
            .map((s) => `--- ${s.name} (pid ${s.pid}, exit ${s.exitCode()}):\n${logTail(s)}`)
            .join("\n");
    }

    private fingerprint(layout: Layout, place: Place): string {
        if ("vm" in place) return layout.zooCfg;
        const template = layout.statefulSet!.spec.template;
        const configMaps = ((template.spec.volumes ?? []) as Obj[]).filter((v) => v.configMap).map((v) => v.configMap.name);
        return JSON.stringify({ template, configMaps });
    }

    /** The cluster DNS's answers for the members' names: one hosts line each. */
    private dnsLines(layout: Layout): string {
        return [...layout.places.keys()]
            .map(
                (o) => `${this.net.address(this.net.members.indexOf(this.namespaceOf(o, layout.places.get(o)!)))} ${layout.hosts.get(o)}\n`,
            )
            .join("");
    }

    /**
     * A pod's /etc/hosts as the kubelet writes it (localhost, and the pod's own name and FQDN at
     * its address, so the JVM finds its own host name without DNS), then the cluster DNS's
     * answers, which the hosts file stands in for.
     */
    private podHosts(layout: Layout, ordinal: number): string {
        const host = layout.hosts.get(ordinal)!;
        const address = this.net.address(this.net.members.indexOf(this.namespaceOf(ordinal, { pod: true })));
        return `127.0.0.1 localhost\n::1 localhost\n${address} ${host} ${host.split(".")[0]}\n${this.dnsLines(layout)}`;
    }

    private writeHosts(layout: Layout): void {
        fs.writeFileSync(this.hostsFile, this.dnsLines(layout));
        // Written in place: each pod sees its file through a bind mount of that very inode.
        for (const [o, file] of this.podHostsFiles) if (this.running.has(o)) fs.writeFileSync(file, this.podHosts(layout, o));
    }

    private startVm(layout: Layout, ordinal: number, address: string): ServerProcess {
        const vmDir = path.join(this.dir, `vm-${address}`);
        const conf = path.join(vmDir, "conf");
        for (const d of [conf, path.join(vmDir, "data"), path.join(vmDir, "datalog")]) fs.mkdirSync(d, { recursive: true });
        fs.writeFileSync(path.join(conf, "zoo.cfg"), withLocalPaths(layout.zooCfg, vmDir));
        fs.writeFileSync(path.join(vmDir, "data", "myid"), `${serverIds(layout.zooCfg).get(layout.hosts.get(ordinal)!)}\n`);
        const command = this.net.exec(this.namespaceOf(ordinal, { vm: address }), [
            path.join(ZK_BIN, "zkServer.sh"),
            "start-foreground",
            path.join(conf, "zoo.cfg"),
        ]);
        const env = { PATH: `${ZK_BIN}:${process.env.PATH}`, SERVER_JVMFLAGS: this.jvmFlags };
        return startProcess(`zk-${ordinal} on VM ${address}`, command, env, path.join(vmDir, "server.log"));
    }

    private startPod(layout: Layout, ordinal: number): ServerProcess {
        const sts = layout.statefulSet!;
        const podDir = path.join(this.dir, "pods", `${sts.metadata.name}-${ordinal}-${++this.starts}`);
        fs.mkdirSync(podDir, { recursive: true });
        const hostsFile = path.join(podDir, "hosts");
        fs.writeFileSync(hostsFile, this.podHosts(layout, ordinal));
        this.podHostsFiles.set(ordinal, hostsFile);
        const configMaps = new Map(objects(layout.rendering, "ConfigMap").map((c) => [c.metadata.name, c.data as Record<string, string>]));
        const sources = {
            claim: (name: string) => path.join(this.dir, "claims", name),
            scratch: (name: string) => path.join(podDir, name),
            configMap: (name: string) => configMaps.get(name) ?? {},
        };
        const pod = statefulSetPod(sts, ordinal, sources, hostsFile, ZOOKEEPER_IMAGE_PATH);
        // The cluster's DNS answers the moved names at once; the JVM must not keep old ones.
        const env = { ...pod.env, SERVER_JVMFLAGS: "-Dsun.net.inetaddr.ttl=0 -Dsun.net.inetaddr.negative.ttl=0" };
        const command = this.net.exec(this.namespaceOf(ordinal, { pod: true }), pod.command);
        return startProcess(`pod ${pod.name}`, command, env, path.join(podDir, "server.log"));
    }

    private start(layout: Layout, ordinal: number): void {
        const place = layout.places.get(ordinal)!;
        const process = "vm" in place ? this.startVm(layout, ordinal, place.vm) : this.startPod(layout, ordinal);
        this.everStarted.push(process);
        this.running.set(ordinal, { place, fingerprint: this.fingerprint(layout, place), process });
    }

    private async stop(ordinal: number): Promise<void> {
        const r = this.running.get(ordinal);
        if (!r) return;
        this.running.delete(ordinal);
        await stopProcess(r.process);
    }

    /** The rendered readiness probe of a pod, run in its network namespace as the kubelet runs it in the pod's. */
    readinessProbe(ordinal: number): number | null {
        const container = this.layout!.statefulSet!.spec.template.spec.containers[0];
        return run(this.net.exec(this.namespaceOf(ordinal, { pod: true }), container.readinessProbe.exec.command), process.env, 10_000)
            .status;
    }

    /** `srvr` from the clients' network to member `ordinal`. */
    srvr(ordinal: number): string {
        return run(this.net.exec(this.net.lan, fourLetterWordCommand(this.address(ordinal), "srvr")), process.env, 10_000).output;
    }

    /** Waits until every member serves in one quorum (one leader) and every pod is ready; returns the modes. */
    async quorum(): Promise<string[]> {
        return waitFor(
            "every member to serve in one quorum",
            QUORUM_TIMEOUT_MS,
            () => {
                for (const [o, r] of this.running) {
                    if (r.process.exitCode() !== null) throw new Error(`zk-${o} exited with ${r.process.exitCode()}\n${this.diagnose()}`);
                }
                const modes = this.members().map((o) => modeOf(this.srvr(o)));
                if (modes.some((m) => m === undefined) || modes.filter((m) => m === "leader").length !== 1) return undefined;
                if (this.members().some((o) => this.isPod(o) && this.readinessProbe(o) !== 0)) return undefined;
                return modes as string[];
            },
            () => this.diagnose(),
        );
    }

    private moved(ordinal: number, next: Layout): boolean {
        const r = this.running.get(ordinal)!;
        const place = next.places.get(ordinal);
        return !place || JSON.stringify(place) !== JSON.stringify(r.place);
    }

    /** Applies the next rendering; resolves once every member serves in one quorum again. */
    async apply(next: Layout): Promise<StepReport> {
        const began = Date.now();
        const leader = this.layout ? [...this.running.keys()].find((o) => modeOf(this.srvr(o)) === "leader") : undefined;
        const leaving = [...this.running.keys()].filter((o) => this.moved(o, next)).sort((a, b) => b - a);
        for (const o of leaving) await this.stop(o);
        this.layout = next;
        this.writeHosts(next);
        const arriving = [...next.places.keys()].filter((o) => !this.running.has(o)).sort((a, b) => a - b);
        const parallel = next.statefulSet?.spec.podManagementPolicy === "Parallel";
        for (const o of arriving) {
            this.start(next, o);
            // OrderedReady: the StatefulSet starts the next pod once this one is ready.
            if (this.isPod(o) && !parallel && this.members().every((m) => this.running.has(m))) await this.quorum();
        }
        const restarted: string[] = [];
        // A changed pod template or zoo.cfg rolls the members that stay, highest ordinal first, one at a time.
        const stale = [...this.running.keys()].filter(
            (o) => this.running.get(o)!.fingerprint !== this.fingerprint(next, next.places.get(o)!),
        );
        for (const o of stale.sort((a, b) => b - a)) {
            await this.quorum();
            await this.stop(o);
            this.start(next, o);
            restarted.push(`zk-${o}`);
        }
        await this.quorum();
        return {
            leaderBefore: leader === undefined ? undefined : `zk-${leader}`,
            stopped: leaving.map((o) => `zk-${o}`),
            started: arriving.map((o) => `zk-${o} ${this.isPod(o) ? "as a pod" : `on VM ${this.address(o)}`}`),
            restarted,
            quorumMs: Date.now() - began,
        };
    }

    /** Stops every server, by PID. */
    async stopAll(): Promise<void> {
        await Promise.all([...this.running.keys()].map((o) => this.stop(o)));
    }
}
