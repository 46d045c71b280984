/**
 * The migration planner's core: two renders of a program in, what `pulumi up` would do to each
 * Kubernetes object out. Pure: no Pulumi engine, no cluster.
 *
 * An object's identity is its API group, kind, namespace and name: what the API server knows it
 * by. Its Pulumi identity is the resource's type (without the API version, which
 * pulumi-kubernetes aliases) and name; when the same Kubernetes object moves to another Pulumi
 * resource, Pulumi would create it anew (AlreadyExists) and delete it with the old resource.
 */
import { KubernetesObject, RenderedResource } from "../render/engine";
import { ClaimRisk, ClaimSet, claimMounts, claimRisks, claimsKept } from "./claims";
import { FieldChange, deepEqual, diffFields } from "./fields";
import { describeObject, identity } from "../render/identity";
import { ReplacementCause, rulesFor, valueAt } from "./rules";
import { EnsembleStepCheck, checkRenders } from "./path";

/** What `pulumi up` would do to one Kubernetes object. */
export const Action = {
    /** The object is new. */
    Create: "create",
    /** Fields change in place. */
    Update: "update",
    /** The object goes away. */
    Delete: "delete",
    /** A field the API server will not change in place changes, or the object moves to another Pulumi resource. */
    Replace: "replace",
    /** Nothing changes. */
    Unchanged: "unchanged",
} as const;
/** What `pulumi up` would do to one Kubernetes object: `create`, `update`, `delete`, `replace` or `unchanged`. */
export type Action = (typeof Action)[keyof typeof Action];

/** A field change that forces a replacement, and why. */
export interface ForcedReplacement {
    readonly path: readonly string[];
    readonly cause: ReplacementCause | string;
}

/** What happens to one Kubernetes object. */
export interface ObjectPlan {
    /** What happens to the object. */
    readonly action: Action;
    /** `apps/v1 StatefulSet default/zk`. */
    readonly id: string;
    /** The object in the `from` render; absent when it is created. */
    readonly before?: RenderedResource;
    /** The object in the `to` render; absent when it is deleted. */
    readonly after?: RenderedResource;
    /** Every changed field (updates and replacements). */
    readonly changes: readonly FieldChange[];
    /** Why the object is replaced; empty unless the action is `replace`. */
    readonly replacedBecause: readonly ForcedReplacement[];
}

/** A change that would send clients to the wrong place, though nothing is replaced. */
export interface Hazard {
    readonly id: string;
    readonly reason: string;
}

/** What a switch from one configuration to another does, object by object, with its verdict. */
export interface MigrationPlan {
    /** Every object of either render: those of `after` in apply order, then the deleted ones. */
    readonly objects: readonly ObjectPlan[];
    /** PersistentVolumeClaims whose data the switch could lose, and why. */
    readonly claimRisks: readonly ClaimRisk[];
    /** Claims pods start to mount: new, or existing ones re-attached with their data. */
    readonly claimMounts: readonly ClaimSet[];
    /** Claims no pod mounts any more, kept by the Retain policy for a later switch back. */
    readonly claimsKept: readonly ClaimSet[];
    /** Changes that would send clients to the wrong place though nothing is replaced. */
    readonly hazards: readonly Hazard[];
    /** Stack outputs whose value changes. */
    readonly changedOutputs: readonly string[];
    /** The ensembles whose members the switch moves in a way their membership does not survive. */
    readonly stepRules: readonly EnsembleStepCheck[];
    /** True when nothing is replaced, no claim is at risk, there is no hazard and every step rule holds. */
    readonly safe: boolean;
}

/** `kubernetes:apps/v1:StatefulSet` → `kubernetes:apps:StatefulSet`: pulumi-kubernetes aliases API versions. */
function unversionedType(type: string): string {
    const [pkg, module, name] = type.split(":");
    if (name === undefined) return type;
    const slash = module.lastIndexOf("/");
    return `${pkg}:${slash < 0 ? module : module.slice(0, slash)}:${name}`;
}

function pulumiResource(r: RenderedResource): string {
    return `${r.type}::${r.name}`;
}

function forcedReplacements(before: RenderedResource, after: RenderedResource): ForcedReplacement[] {
    const forced: ForcedReplacement[] = [];
    if (unversionedType(before.type) !== unversionedType(after.type) || before.name !== after.name) {
        forced.push({
            path: [],
            cause: `the object moves from Pulumi resource ${pulumiResource(before)} to ${pulumiResource(after)}: Pulumi would create it again (AlreadyExists) and delete it with the old resource`,
        });
    }
    for (const rule of rulesFor(before.object.apiVersion, before.object.kind)) {
        if (!deepEqual(valueAt(before.object, rule.path), valueAt(after.object, rule.path))) {
            forced.push({ path: rule.path, cause: rule.cause });
        }
    }
    return forced;
}

function planObject(before: RenderedResource | undefined, after: RenderedResource | undefined): ObjectPlan {
    const id = describeObject((after ?? before)!.object);
    if (!before) return { action: Action.Create, id, after, changes: [], replacedBecause: [] };
    if (!after) return { action: Action.Delete, id, before, changes: [], replacedBecause: [] };
    const changes = diffFields(before.object, after.object);
    const replacedBecause = forcedReplacements(before, after);
    const action = replacedBecause.length > 0 ? Action.Replace : changes.length > 0 ? Action.Update : Action.Unchanged;
    return { action, id, before, after, changes, replacedBecause };
}

function hasSelector(o: KubernetesObject | undefined): boolean {
    const selector = valueAt(o, ["spec", "selector"]);
    return selector !== null && typeof selector === "object" && Object.keys(selector).length > 0;
}

/**
 * Changes that break client traffic without replacing anything. Kubernetes' endpoint controllers
 * skip Services without a selector: removing a selector leaves the Endpoints and EndpointSlices
 * they wrote for the pods in place, and clients keep being sent to the pods' old addresses.
 * @see https://github.com/kubernetes/kubernetes/issues/118376
 */
function hazardsOf(plans: readonly ObjectPlan[]): Hazard[] {
    const hazards: Hazard[] = [];
    const servicesLosingSelector = new Set<string>();
    for (const p of plans) {
        if (p.before?.object.kind !== "Service" || !p.after) continue;
        if (hasSelector(p.before.object) && !hasSelector(p.after.object)) {
            servicesLosingSelector.add(`${p.after.object.metadata.namespace ?? "default"}/${p.after.object.metadata.name}`);
            hazards.push({
                id: p.id,
                reason: "loses its selector: Kubernetes leaves the Endpoints and EndpointSlices of the pods in place (kubernetes/kubernetes#118376), so clients keep reaching the pods' old addresses until they are deleted by hand",
            });
        }
    }
    for (const p of plans) {
        const o = p.after?.object;
        if (p.action !== Action.Create || o?.kind !== "Endpoints" || o.apiVersion !== "v1") continue;
        if (servicesLosingSelector.has(`${o.metadata.namespace ?? "default"}/${o.metadata.name}`)) {
            hazards.push({
                id: p.id,
                reason: "is created for a Service that had a selector: the Endpoints controller's object of that name still exists, so the create fails with AlreadyExists",
            });
        }
    }
    return hazards;
}

/** Plans the change from the `before` render to the `after` render. */
export function diffRenders(
    before: readonly RenderedResource[],
    after: readonly RenderedResource[],
    outputs: { readonly before?: Record<string, unknown>; readonly after?: Record<string, unknown> } = {},
): MigrationPlan {
    const beforeById = new Map(before.map((r) => [identity(r.object), r]));
    const afterIds = new Set(after.map((r) => identity(r.object)));
    const plans = [
        ...after.map((r) => planObject(beforeById.get(identity(r.object)), r)),
        ...before.filter((r) => !afterIds.has(identity(r.object))).map((r) => planObject(r, undefined)),
    ];
    const statefulSets = plans.filter((p) => (p.after ?? p.before)!.object.kind === "StatefulSet");
    const risks = statefulSets.flatMap((p) => claimRisks(p.id, p.before?.object, p.after?.object, p.action === Action.Replace));
    const mounts = statefulSets.flatMap((p) => claimMounts(p.id, p.before?.object, p.after?.object, p.action === Action.Replace));
    const kept = statefulSets.flatMap((p) => claimsKept(p.id, p.before?.object, p.after?.object, p.action === Action.Replace));
    const hazards = hazardsOf(plans);
    const stepRules = checkRenders(before, after);
    const outputKeys = [...new Set([...Object.keys(outputs.after ?? {}), ...Object.keys(outputs.before ?? {})])];
    return {
        objects: plans,
        claimRisks: risks,
        claimMounts: mounts,
        claimsKept: kept,
        hazards,
        changedOutputs: outputKeys.filter((k) => !deepEqual(outputs.before?.[k], outputs.after?.[k])),
        stepRules,
        safe: !plans.some((p) => p.action === Action.Replace) && risks.length === 0 && hazards.length === 0 && stepRules.length === 0,
    };
}
