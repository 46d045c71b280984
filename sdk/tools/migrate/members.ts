/**
 * An ensemble's members as the step rules see them: each member's ordinal and where it lives (a
 * pod of the StatefulSet, or a server at an address outside the cluster), which members the
 * client Service sends clients to, and how the members agree. Read from a rendering, so the
 * rules hold for any program, not only those configured through known keys.
 */
import { ClientTraffic, Membership } from "../../api/args";
import { MANAGED_BY, MEMBERSHIP_ANNOTATION, NO_PODS_LABEL } from "../../model/names";
import { KubernetesObject, RenderedResource } from "../render/objects";

/** One member: its ordinal and, for a server outside the cluster, its address. */
export interface MemberPlace {
    readonly ordinal: number;
    /** The server's address; absent for a pod of the StatefulSet. */
    readonly address?: string;
}

/** Where an ensemble's members live and which of them take client traffic. */
export interface EnsembleLayout {
    /** Every member, sorted by ordinal; the pods' ordinals are one contiguous range. */
    readonly members: readonly MemberPlace[];
    /** Which members back the client Service; `all` unless the members live in both places. */
    readonly clientTraffic: ClientTraffic;
}

/** An ensemble between two steps: its name, how its members agree, and where they live. */
export interface EnsembleView extends EnsembleLayout {
    /** `default/zk`: the namespace and the name its members' names derive from. */
    readonly id: string;
    /** The members are `<name>-<ordinal>`. */
    readonly name: string;
    readonly membership: Membership;
}

/** `zk-0`. */
export function memberName(name: string, ordinal: number): string {
    return `${name}-${ordinal}`;
}

/** `zk-0 (10.0.0.10)` or `zk-0 (in the cluster)`. */
export function describeMember(name: string, m: MemberPlace): string {
    return `${memberName(name, m.ordinal)} (${m.address ?? "in the cluster"})`;
}

/** `10.0.0.10` or `the cluster`: where a member lives, in words. */
export function placeWords(m: MemberPlace): string {
    return m.address ?? "the cluster";
}

/** The members that run in the cluster. */
export function inClusterOrdinals(layout: EnsembleLayout): number[] {
    return layout.members.filter((m) => m.address === undefined).map((m) => m.ordinal);
}

/** Whether members live both in the cluster and outside it: only then does `clientTraffic` choose. */
export function isHybrid(layout: EnsembleLayout): boolean {
    const pods = inClusterOrdinals(layout).length;
    return pods > 0 && pods < layout.members.length;
}

/** The ordinals behind the client Service. */
export function clientOrdinals(layout: EnsembleLayout): number[] {
    const traffic = isHybrid(layout) ? layout.clientTraffic : ClientTraffic.All;
    return layout.members
        .filter((m) => traffic === ClientTraffic.All || (traffic === ClientTraffic.InCluster) === (m.address === undefined))
        .map((m) => m.ordinal);
}

/** The layout with its members sorted and `clientTraffic` `all` wherever it does not choose. */
export function normalLayout(members: readonly MemberPlace[], clientTraffic: ClientTraffic): EnsembleLayout {
    const sorted = [...members].sort((a, b) => a.ordinal - b.ordinal);
    const layout = { members: sorted, clientTraffic };
    return isHybrid(layout) ? layout : { members: sorted, clientTraffic: ClientTraffic.All };
}

/**
 * Whether the component can place the layout: the pods' ordinals form one range, as a
 * StatefulSet's do, and in hybrid mode every ordinal from the lowest to the highest has a member.
 */
export function placeable(layout: EnsembleLayout): boolean {
    const run = (ordinals: number[]) => ordinals.every((o, i) => i === 0 || o === ordinals[i - 1] + 1);
    return layout.members.length > 0 && run(inClusterOrdinals(layout)) && (!isHybrid(layout) || run(layout.members.map((m) => m.ordinal)));
}

function metadataMap(o: KubernetesObject, field: "labels" | "annotations"): Record<string, string | undefined> {
    const map = o.metadata[field];
    return map !== null && typeof map === "object" ? (map as Record<string, string>) : {};
}

function label(o: KubernetesObject, key: string): string | undefined {
    return metadataMap(o, "labels")[key];
}

function isOurs(o: KubernetesObject): boolean {
    return label(o, "app.kubernetes.io/managed-by") === MANAGED_BY;
}

// Rendered objects are plain JSON whose shape the kind decides.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

function spec(o: KubernetesObject): Json {
    return (o.spec ?? {}) as Json;
}

/** The ordinal a member name ends in: `zk-12` → 12. */
function ordinalOf(name: string, hostname: unknown): number | undefined {
    if (typeof hostname !== "string" || !hostname.startsWith(`${name}-`)) return undefined;
    const rest = hostname.slice(name.length + 1);
    return /^(0|[1-9][0-9]*)$/.test(rest) ? Number(rest) : undefined;
}

/** The external members a Service's own EndpointSlices (or legacy Endpoints) carry, by ordinal. */
function externalMembers(objects: readonly KubernetesObject[], namespace: string, service: string, name: string): Map<number, string> {
    const found = new Map<number, string>();
    for (const o of objects) {
        if ((o.metadata.namespace ?? "default") !== namespace || !isOurs(o)) continue;
        const record = o as Json;
        if (o.kind === "EndpointSlice" && label(o, "kubernetes.io/service-name") === service) {
            for (const e of Array.isArray(record.endpoints) ? record.endpoints : []) {
                const ordinal = ordinalOf(name, e?.hostname);
                if (ordinal !== undefined && typeof e?.addresses?.[0] === "string") found.set(ordinal, e.addresses[0]);
            }
        } else if (o.kind === "Endpoints" && o.metadata.name === service) {
            for (const subset of Array.isArray(record.subsets) ? record.subsets : []) {
                for (const a of Array.isArray(subset?.addresses) ? subset.addresses : []) {
                    const ordinal = ordinalOf(name, a?.hostname);
                    if (ordinal !== undefined && typeof a?.ip === "string") found.set(ordinal, a.ip);
                }
            }
        }
    }
    return found;
}

function selectsPods(service: KubernetesObject | undefined): boolean {
    const selector = spec(service ?? ({} as KubernetesObject)).selector;
    return selector !== null && typeof selector === "object" && Object.keys(selector).length > 0 && !(NO_PODS_LABEL in selector);
}

/** How a rendering's headless Service says its members agree; anything else is planned as `majority`, the strictest. */
export function membershipOf(headless: KubernetesObject): Membership {
    const value = metadataMap(headless, "annotations")[MEMBERSHIP_ANNOTATION];
    return (Object.values(Membership) as string[]).includes(value ?? "") ? (value as Membership) : Membership.Majority;
}

/**
 * Every ensemble of a rendering: one for each headless Service the component owns, with the
 * StatefulSet that names it as its `serviceName`, the external members of its EndpointSlices,
 * and the client Service of the same `app.kubernetes.io/instance`.
 */
export function renderedEnsembles(resources: readonly RenderedResource[]): EnsembleView[] {
    const objects = resources.map((r) => r.object);
    const views: EnsembleView[] = [];
    for (const headless of objects) {
        if (headless.kind !== "Service" || spec(headless).clusterIP !== "None" || !isOurs(headless)) continue;
        const namespace = headless.metadata.namespace ?? "default";
        const instance = label(headless, "app.kubernetes.io/instance");
        const inNamespace = objects.filter((o) => (o.metadata.namespace ?? "default") === namespace);
        const statefulSet = inNamespace.find((o) => o.kind === "StatefulSet" && spec(o).serviceName === headless.metadata.name);
        const client = inNamespace.find(
            (o) => o.kind === "Service" && o !== headless && isOurs(o) && label(o, "app.kubernetes.io/instance") === instance,
        );
        const name = statefulSet?.metadata.name ?? instance ?? headless.metadata.name.replace(/-headless$/, "");
        const members = new Map<number, MemberPlace>();
        if (statefulSet) {
            const s = spec(statefulSet);
            const start = typeof s.ordinals?.start === "number" ? s.ordinals.start : 0;
            const replicas = typeof s.replicas === "number" ? s.replicas : 1;
            for (let o = start; o < start + replicas; o++) members.set(o, { ordinal: o });
        }
        for (const [ordinal, address] of externalMembers(objects, namespace, headless.metadata.name, name)) {
            if (!members.has(ordinal)) members.set(ordinal, { ordinal, address });
        }
        const clients = new Set(client ? externalMembers(objects, namespace, client.metadata.name, name).keys() : []);
        const podsServeClients = selectsPods(client);
        const list = [...members.values()];
        const external = list.filter((m) => m.address !== undefined);
        const pods = list.filter((m) => m.address === undefined);
        const externalServe = external.length > 0 && external.every((m) => clients.has(m.ordinal));
        const traffic =
            podsServeClients && !externalServe
                ? ClientTraffic.InCluster
                : !podsServeClients && externalServe
                  ? ClientTraffic.External
                  : ClientTraffic.All;
        views.push({
            id: `${namespace}/${name}`,
            name,
            membership: membershipOf(headless),
            ...normalLayout(list, pods.length === 0 || external.length === 0 ? ClientTraffic.All : traffic),
        });
    }
    return views;
}
