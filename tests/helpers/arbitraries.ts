/**
 * fast-check generators of ensembles: valid ones in every mode, with what the rendered objects
 * must then hold (which ordinal lives where), and ways to break a valid one.
 */
import fc from "fast-check";
import { EnsembleMode, StatefulEnsembleArgs } from "../../sdk";
import { parseIp } from "../../sdk/validate/grammar/ip";

/** A valid ensemble and where its members are, computed from the generator's choices, not from the component. */
export interface GeneratedEnsemble {
    readonly name: string;
    readonly args: StatefulEnsembleArgs;
    /** Ordinals of the pods the mode runs. */
    readonly podOrdinals: number[];
    /** Ordinal → address of the external members the mode uses. */
    readonly external: Map<number, string>;
}

const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,10}[A-Za-z0-9])?)?$/;
const name = fc.stringMatching(/^[a-z]([-a-z0-9]{0,18}[a-z0-9])?$/);
const namespace = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,18}[a-z0-9])?$/);
/** Label keys that never collide with the component's own: an optional example.* prefix and a name. */
const labelKey = fc
    .tuple(
        fc.option(fc.stringMatching(/^[a-z0-9]{1,8}\.example$/), { nil: undefined }),
        fc.stringMatching(/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,10}[A-Za-z0-9])?$/),
    )
    .map(([prefix, n]) => (prefix ? `${prefix}/${n}` : n));
const labels = fc.dictionary(labelKey, fc.stringMatching(LABEL_VALUE), { maxKeys: 4 });
const annotations = fc.dictionary(labelKey, fc.string({ maxLength: 40, unit: "grapheme" }), { maxKeys: 3 });

const ipv4 = fc
    .tuple(fc.constantFrom(10, 172, 192, 100, 203), fc.nat(255), fc.nat(255), fc.integer({ min: 1, max: 254 }))
    .map(([a, b, c, d]) => `${a}.${b}.${c}.${d}`);
const ipv6 = fc
    .tuple(fc.constantFrom("2001:db8", "fd00:1", "2600:1f18"), fc.nat(0xffff), fc.integer({ min: 1, max: 0xffff }))
    .map(([prefix, g, h]) => `${prefix}::${g.toString(16)}:${h.toString(16)}`);
/** Distinct addresses of both families (compared as the component compares them, canonically). */
const addresses = (count: number) =>
    fc.uniqueArray(fc.oneof(ipv4, ipv6), { minLength: count, maxLength: count, selector: (a) => parseIp(a)!.canonical });

const ports = fc.integer({ min: 1, max: 4 }).chain((n) =>
    fc
        .tuple(
            fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9]{0,13}$/), { minLength: n, maxLength: n }),
            fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { minLength: n, maxLength: n }),
            fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { minLength: n, maxLength: n }),
            fc.array(fc.boolean(), { minLength: n, maxLength: n }),
            fc.array(fc.constantFrom("TCP", "UDP", "SCTP" as const), { minLength: n, maxLength: n }),
            fc.nat(n - 1),
            fc.boolean(),
        )
        .map(([names, numbers, targets, clients, protocols, firstClient, remap]) =>
            names.map((portName, i) => ({
                name: portName,
                port: numbers[i],
                ...(remap ? { targetPort: targets[i] } : {}),
                protocol: protocols[i],
                client: clients[i] || i === firstClient,
            })),
        ),
);

const quantity = fc.constantFrom("1", "250m", "1.5", "512Mi", "2Gi", "1e3", "100M");
const resources = fc.option(
    fc.record({
        requests: fc.record({ cpu: quantity }, { requiredKeys: [] }),
        limits: fc.record({ memory: fc.constantFrom("4Gi", "8Gi") }, { requiredKeys: [] }),
    }),
    { nil: undefined },
);
const env = fc.uniqueArray(
    fc.record({
        name: fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,12}$/),
        value: fc.string({ maxLength: 20 }),
        secret: fc.option(fc.boolean(), { nil: undefined }),
    }),
    { maxLength: 4, selector: (e) => e.name },
);
const peer = fc
    .record({ podLabels: labels, namespaceLabels: labels }, { requiredKeys: [] })
    .filter((p) => p.podLabels !== undefined || p.namespaceLabels !== undefined);
const networkPolicy = fc.option(fc.record({ clients: fc.array(peer, { maxLength: 3 }) }), { nil: undefined });
const image = fc.constantFrom(
    "zookeeper:3.9.3",
    "docker.io/library/zookeeper:3.9",
    "registry.example.com:5000/data/zk-server@sha256:" + "ab".repeat(32),
    "ghcr.io/example/zookeeper",
);

/** An in-cluster block with `replicas` pods from `startOrdinal`, every optional field sometimes set. */
function inClusterBlock(replicas: number, startOrdinal: number, portNames: string[]) {
    return fc
        .record({
            image,
            storage: fc.option(
                fc.record({ size: fc.constantFrom("1Gi", "10Gi", "500M"), mountPath: fc.constantFrom("/data", "/var/lib/zookeeper") }),
                {
                    nil: undefined,
                },
            ),
            readOnlyRootFilesystem: fc.boolean(),
            spread: fc.constantFrom("preferred", "required", "none" as const),
            podManagementPolicy: fc.constantFrom("OrderedReady", "Parallel" as const),
            partition: fc.option(fc.nat(replicas), { nil: undefined }),
            maxUnavailable: fc.integer({ min: 1, max: 3 }),
            runAsUser: fc.integer({ min: 1, max: 65535 }),
            fsGroup: fc.integer({ min: 1, max: 65535 }),
            env,
            resources,
            podLabels: labels,
            podAnnotations: annotations,
            nodeSelector: fc.option(labels, { nil: undefined }),
            readinessProbe: fc.option(
                fc.record({
                    tcpPort: fc.constantFrom(...portNames),
                    periodSeconds: fc.integer({ min: 5, max: 30 }),
                    timeoutSeconds: fc.integer({ min: 1, max: 5 }),
                }),
                { nil: undefined },
            ),
        })
        .map((c) => ({ ...c, replicas, startOrdinal }));
}

/** A valid ensemble in `mode`, with up to `maxExternal` external members. */
export function validEnsemble(mode: EnsembleMode, maxExternal = 250): fc.Arbitrary<GeneratedEnsemble> {
    return fc
        .record({
            name,
            namespace,
            ports,
            replicas: fc.integer({ min: 1, max: 7 }),
            externalCount: fc.integer({ min: 1, max: maxExternal }),
            startChoice: fc.nat(),
            labels,
            annotations,
            networkPolicy,
            keepOtherBlock: fc.boolean(),
            traffic: fc.constantFrom("all", "inCluster", "external" as const),
        })
        .chain((g) => {
            // hybrid: the pods take [start, start + replicas) and the external members every other ordinal below the total.
            const start = mode === "hybrid" ? g.startChoice % (g.externalCount + 1) : g.startChoice % 6;
            const total = g.replicas + g.externalCount;
            const externalOrdinals =
                mode === "hybrid"
                    ? Array.from({ length: total }, (_, o) => o).filter((o) => o < start || o >= start + g.replicas)
                    : Array.from({ length: g.externalCount }, (_, i) => i);
            return fc
                .record({
                    inCluster: inClusterBlock(
                        g.replicas,
                        start,
                        g.ports.map((p) => p.name),
                    ),
                    addresses: addresses(g.externalCount),
                    shuffled: fc.shuffledSubarray(externalOrdinals, { minLength: externalOrdinals.length }),
                })
                .map(({ inCluster, addresses: addrs, shuffled }): GeneratedEnsemble => {
                    const members = shuffled.map((ordinal, i) => ({ address: addrs[i], ordinal }));
                    const usesPods = mode !== "external";
                    const usesExternal = mode !== "inCluster";
                    const traffic = mode === "hybrid" ? g.traffic : "all";
                    const args: StatefulEnsembleArgs = {
                        mode,
                        namespace: g.namespace,
                        ports: g.ports,
                        clientTraffic: traffic,
                        labels: g.labels,
                        annotations: g.annotations,
                        ...(g.networkPolicy ? { networkPolicy: g.networkPolicy } : {}),
                        ...(usesPods || g.keepOtherBlock ? { inCluster } : {}),
                        ...(usesExternal || g.keepOtherBlock ? { external: { members } } : {}),
                    };
                    return {
                        name: g.name,
                        args,
                        podOrdinals: usesPods ? Array.from({ length: g.replicas }, (_, i) => start + i) : [],
                        external: new Map(usesExternal ? members.map((m) => [m.ordinal, parseIp(m.address)!.canonical]) : []),
                    };
                });
        });
}

/** A valid ensemble in any mode. */
export const anyValidEnsemble = (maxExternal = 250) =>
    fc.constantFrom("inCluster", "external", "hybrid" as const).chain((mode) => validEnsemble(mode, maxExternal));

/** One way to break a valid ensemble: the field it breaks, and the broken arguments. */
export interface Breakage {
    readonly field: string;
    readonly args: StatefulEnsembleArgs;
}

type Args = Record<string, unknown>;
const clone = (a: StatefulEnsembleArgs): Args => structuredClone(a) as unknown as Args;

/** Strings that are not valid Kubernetes names: a valid one with a character no name may hold. */
const badName = fc
    .tuple(name, fc.constantFrom(" ", "\u00a0", "\u200b", "\u043e", "_", "A", ".", "\t", "\u00e9"), fc.nat())
    .map(([n, ch, at]) => {
        const i = at % (n.length + 1);
        return n.slice(0, i) + ch + n.slice(i);
    });
const badQuantity = fc
    .string({ minLength: 1, maxLength: 8 })
    .filter((s) => !/^\+?([0-9]+(\.[0-9]*)?|\.[0-9]+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)?$/.test(s));
const rejectedAddress = fc.oneof(
    fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)).map(([b, c, d]) => `127.${b}.${c}.${d}`),
    fc.tuple(fc.nat(255), fc.nat(255)).map(([c, d]) => `169.254.${c}.${d}`),
    fc.tuple(fc.integer({ min: 224, max: 239 }), fc.nat(255)).map(([a, d]) => `${a}.0.0.${d}`),
    fc.constantFrom("0.0.0.0", "::", "::1", "fe80::1", "ff02::1", "::ffff:127.0.0.1", "zk.example.com", "10.0.0.1/24", "10.0.0.256"),
);

/** A valid ensemble with one field broken, in one of many ways. */
export const brokenEnsemble: fc.Arbitrary<{ name: string; breakage: Breakage }> = anyValidEnsemble(20).chain((e) => {
    const withIn = (f: (c: Args) => void, field: string) => (): Breakage => {
        const a = clone(e.args);
        a.inCluster ??= { replicas: 1, image: "zookeeper:3.9.3" };
        f(a.inCluster as Args);
        return { field, args: a as unknown as StatefulEnsembleArgs };
    };
    const set = (field: string, value: unknown) => (): Breakage => ({
        field,
        args: { ...clone(e.args), [field]: value } as unknown as StatefulEnsembleArgs,
    });
    const breakages: fc.Arbitrary<() => Breakage>[] = [
        badName.map((n) => set("namespace", n)),
        fc.constantFrom("", "in-cluster", "InCluster", "both").map((m) => set("mode", m)),
        badName.map((v) => set("labels", { team: `${v}!` })),
        badName.map((k) => set("labels", { [`${k}/x/y`]: "v" })),
        fc.integer({ min: 64, max: 300 }).map((n) => set("labels", { team: "x".repeat(n) })),
        fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 65536 })).map((port) => set("ports", [{ name: "client", port, client: true }])),
        badQuantity.map((size) => withIn((c) => (c.storage = { size }), "inCluster.storage.size")),
        badQuantity.map((q) => withIn((c) => (c.resources = { requests: { memory: q } }), "inCluster.resources")),
        fc
            .integer({ min: 2, max: 60 })
            .map((p) =>
                withIn(
                    (c) => (c.readinessProbe = { tcpPort: e.args.ports[0].name, periodSeconds: 1, timeoutSeconds: p }),
                    "inCluster.readinessProbe",
                ),
            ),
        fc.integer({ min: 10_001, max: 1_000_000 }).map((r) => withIn((c) => (c.replicas = r), "inCluster.replicas")),
        fc.constantFrom(0, -1, 1.5, NaN, Infinity).map((r) => withIn((c) => (c.replicas = r), "inCluster.replicas")),
        fc.constantFrom("", " zk", "Zookeeper:3", "zk::1").map((i) => withIn((c) => (c.image = i), "inCluster.image")),
        rejectedAddress.map((address) => set("external", { members: [{ address }] })),
        badName.map((n) => set("appName", n)),
        fc.constantFrom({}, { clients: [{}] }, { clients: "all" }).map((np) => set("networkPolicy", np)),
    ];
    return fc.oneof(...breakages).map((make) => ({ name: e.name, breakage: make() }));
});
