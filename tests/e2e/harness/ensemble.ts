/**
 * What a deployed ensemble must look like in the cluster, worked out from its configuration
 * independently of the package's own code, and checked against the API server and CoreDNS.
 */
import { e2e } from "./context";
import { eventually } from "./kube";

/**
 * The documented config keys of the root program and examples/zookeeper-migration. (The root
 * program drops empty places before numbering; the suite gives it none.)
 */
export interface EnsembleConfig {
    readonly mode: "inCluster" | "external" | "hybrid";
    readonly externalAddresses: readonly string[];
    readonly replicas: number;
    readonly startOrdinal: number;
    readonly clientTraffic: "all" | "inCluster" | "external";
}

/** Parses a stack's plain config values with the programs' defaults. */
export function ensembleConfig(values: Readonly<Record<string, string>>): EnsembleConfig {
    return {
        mode: (values.mode ?? "inCluster") as EnsembleConfig["mode"],
        // A member's ordinal is its place in the list; an empty place is a retired member.
        externalAddresses: (values.externalAddresses ?? "10.0.0.10,10.0.0.11,10.0.0.12").split(",").map((a) => a.trim()),
        replicas: Number(values.replicas ?? 3),
        startOrdinal: Number(values.startOrdinal ?? 0),
        clientTraffic: (values.clientTraffic ?? "all") as EnsembleConfig["clientTraffic"],
    };
}

/** Ordinal → where the member lives: `"pod"` or its external address. */
export function placement(config: EnsembleConfig): Map<number, string> {
    const members = new Map<number, string>();
    if (config.mode !== "inCluster") {
        config.externalAddresses.forEach((address, i) => address !== "" && members.set(i, address));
    }
    if (config.mode !== "external") {
        for (let i = config.startOrdinal; i < config.startOrdinal + config.replicas; i++) members.set(i, "pod");
    }
    return new Map([...members].sort(([a], [b]) => a - b));
}

/** Which members take client traffic: the README's table of modes and clientTraffic. */
function clientBacking(config: EnsembleConfig): { pods: boolean; external: boolean } {
    const hybrid = config.mode === "hybrid";
    return {
        pods: config.mode === "inCluster" || (hybrid && config.clientTraffic !== "external"),
        external: config.mode === "external" || (hybrid && config.clientTraffic !== "inCluster"),
    };
}

/** The canonical text of an IP address, so `2001:db8::11` and its expanded form compare equal. */
function canonical(address: string): string {
    if (!address.includes(":")) return address;
    return new URL(`http://[${address}]/`).hostname.slice(1, -1);
}

/** The pods of the ensemble, ordinal → pod IP, once every in-cluster member has one and is Ready. */
export async function podAddresses(namespace: string, name: string, config: EnsembleConfig): Promise<Map<number, string>> {
    const expected = [...placement(config)].filter(([, where]) => where === "pod").map(([o]) => o);
    return eventually(`pods ${expected.map((o) => `${name}-${o}`).join(", ")} Ready with an IP`, async () => {
        const pods = await e2e().kube.pods(namespace, `app.kubernetes.io/instance=${name}`);
        const found = new Map<number, string>();
        for (const pod of pods) {
            const ready = pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True");
            if (!pod.metadata?.deletionTimestamp && ready && pod.status?.podIP) {
                found.set(Number(pod.metadata!.name!.slice(name.length + 1)), pod.status.podIP);
            }
        }
        const ordinals = [...found.keys()].sort((a, b) => a - b);
        return JSON.stringify(ordinals) === JSON.stringify(expected) ? found : undefined;
    });
}

/**
 * Every address behind a Service, over all its EndpointSlices (the controller's and the
 * component's), as kube-proxy and CoreDNS merge them; with each endpoint's hostname.
 */
export async function serviceEndpoints(namespace: string, service: string): Promise<string[]> {
    const slices = await e2e().kube.slices(namespace, service);
    return slices
        .flatMap((s) =>
            (s.endpoints ?? [])
                .filter((e) => e.conditions?.ready !== false)
                .flatMap((e) => e.addresses.map((a) => `${e.hostname ?? "-"}=${canonical(a)}`)),
        )
        .sort();
}

/**
 * Asserts, with retries while the controllers catch up, that both Services have exactly the
 * members behind them that the configuration puts there, and that CoreDNS answers every
 * member's name with that member's address and lists every member under the headless SRV name.
 */
export async function assertMembersBehindNames(namespace: string, name: string, config: EnsembleConfig): Promise<void> {
    const pods = await podAddresses(namespace, name, config);
    const members = placement(config);
    const address = (ordinal: number, where: string) => canonical(where === "pod" ? pods.get(ordinal)! : where);
    const headless = [...members].map(([o, where]) => `${name}-${o}=${address(o, where)}`).sort();
    const backing = clientBacking(config);
    const client = [...members]
        .filter(([, where]) => (where === "pod" ? backing.pods : backing.external))
        .map(([o, where]) => `${name}-${o}=${address(o, where)}`)
        .sort();

    await eventually(`the headless Service ${name}-headless to list ${headless.join(", ")}`, async () =>
        JSON.stringify(await serviceEndpoints(namespace, `${name}-headless`)) === JSON.stringify(headless) ? true : undefined,
    );
    // The controller writes no hostname on the client Service's pod endpoints; compare addresses.
    const addressesOnly = (entries: string[]) => entries.map((e) => e.slice(e.indexOf("=") + 1)).sort();
    await eventually(`the client Service ${name} to list ${client.join(", ")}`, async () =>
        JSON.stringify(addressesOnly(await serviceEndpoints(namespace, name))) === JSON.stringify(addressesOnly(client)) ? true : undefined,
    );

    const dns = e2e().dns;
    const zone = `${namespace}.svc.cluster.local`;
    for (const [ordinal, where] of members) {
        const host = `${name}-${ordinal}.${name}-headless.${zone}`;
        await eventually(`${host} to resolve to ${address(ordinal, where)}`, async () => {
            const answer = (await dns.addresses(host)).map(canonical);
            return JSON.stringify(answer) === JSON.stringify([address(ordinal, where)]) ? true : undefined;
        });
    }
    const srv = [...members.keys()].map((o) => `${name}-${o}.${name}-headless.${zone}:2181`).sort();
    await eventually(`_client._tcp.${name}-headless.${zone} to list ${srv.join(", ")}`, async () =>
        JSON.stringify(await dns.srvTargets(`_client._tcp.${name}-headless.${zone}`)) === JSON.stringify(srv) ? true : undefined,
    );
}

/** The client Service's ClusterIP as CoreDNS answers it. */
export async function clientServiceAddress(namespace: string, name: string): Promise<string[]> {
    return e2e().dns.addresses(`${name}.${namespace}.svc.cluster.local`);
}
