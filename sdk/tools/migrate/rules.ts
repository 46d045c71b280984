/**
 * Which field changes turn an update into a replacement: fields the Kubernetes API refuses to
 * update, and fields on which pulumi-kubernetes replaces the resource by its own rule (its
 * `forceNew` table, e.g. a StatefulSet's revisionHistoryLimit, a ConfigMap's data).
 * @see https://github.com/pulumi/pulumi-kubernetes/blob/master/provider/pkg/provider/diff.go
 */
import { splitApiVersion } from "../render/identity";

/** Why a field forces a replacement. */
export const ReplacementCause = {
    /** The API server rejects an update of the field ("field is immutable"). */
    Immutable: "immutable in the Kubernetes API",
    /** pulumi-kubernetes replaces the resource when the field changes, by its own rule. */
    Pulumi: "pulumi-kubernetes replaces on change",
} as const;
export type ReplacementCause = (typeof ReplacementCause)[keyof typeof ReplacementCause];

export interface ReplacementRule {
    /** The API group, "" for the core group. */
    readonly group: string;
    readonly kind: string;
    /** Only for this API version, e.g. `v1beta1`; every version when absent. */
    readonly version?: string;
    /** The field, as path segments; a number-like segment indexes an array. */
    readonly path: readonly string[];
    readonly cause: ReplacementCause;
}

const { Immutable, Pulumi } = ReplacementCause;

export const REPLACEMENT_RULES: readonly ReplacementRule[] = [
    // apps/v1 StatefulSet: only replicas, ordinals, template, updateStrategy, revisionHistoryLimit,
    // persistentVolumeClaimRetentionPolicy and minReadySeconds may be updated.
    { group: "apps", kind: "StatefulSet", path: ["spec", "selector"], cause: Immutable },
    { group: "apps", kind: "StatefulSet", path: ["spec", "serviceName"], cause: Immutable },
    { group: "apps", kind: "StatefulSet", path: ["spec", "volumeClaimTemplates"], cause: Immutable },
    { group: "apps", kind: "StatefulSet", path: ["spec", "podManagementPolicy"], cause: Immutable },
    { group: "apps", kind: "StatefulSet", path: ["spec", "revisionHistoryLimit"], cause: Pulumi },
    // core/v1 Service: the cluster IPs are fixed at creation (None for a headless Service), the
    // primary IP family cannot change, nor can a load balancer class once set.
    { group: "", kind: "Service", path: ["spec", "clusterIP"], cause: Immutable },
    { group: "", kind: "Service", path: ["spec", "clusterIPs"], cause: Immutable },
    { group: "", kind: "Service", path: ["spec", "ipFamilies", "0"], cause: Immutable },
    { group: "", kind: "Service", path: ["spec", "loadBalancerClass"], cause: Immutable },
    // discovery.k8s.io/v1 EndpointSlice: one address family for life.
    { group: "discovery.k8s.io", kind: "EndpointSlice", path: ["addressType"], cause: Immutable },
    // Secrets and ConfigMaps: pulumi-kubernetes replaces them on a data change unless the provider
    // is configured to mutate them; a Secret's type is immutable.
    { group: "", kind: "Secret", path: ["type"], cause: Immutable },
    { group: "", kind: "Secret", path: ["data"], cause: Pulumi },
    { group: "", kind: "Secret", path: ["stringData"], cause: Pulumi },
    { group: "", kind: "ConfigMap", path: ["data"], cause: Pulumi },
    { group: "", kind: "ConfigMap", path: ["binaryData"], cause: Pulumi },
    { group: "policy", version: "v1beta1", kind: "PodDisruptionBudget", path: ["spec"], cause: Pulumi },
];

/** The rules that apply to an object of this apiVersion and kind. */
export function rulesFor(apiVersion: string, kind: string): ReplacementRule[] {
    const { group, version } = splitApiVersion(apiVersion);
    return REPLACEMENT_RULES.filter((r) => r.group === group && r.kind === kind && (r.version === undefined || r.version === version));
}

/** The value at `path` inside `value`, or undefined. */
export function valueAt(value: unknown, path: readonly string[]): unknown {
    let current = value;
    for (const segment of path) {
        if (current === null || typeof current !== "object") return undefined;
        current = (current as Record<string, unknown>)[segment];
    }
    return current;
}
