/**
 * What a change to a StatefulSet does to its members' PersistentVolumeClaims. The StatefulSet
 * controller names each claim `<template>-<statefulset>-<ordinal>` and deletes claims only as
 * `persistentVolumeClaimRetentionPolicy` says: `whenDeleted` when the StatefulSet goes (a delete,
 * or the delete half of a replacement), `whenScaled` when a member leaves the ordinal range
 * `[ordinals.start, ordinals.start + replicas)`. A claim whose name no template produces any more
 * stays, but no pod mounts it.
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#persistentvolumeclaim-retention
 */
import { claimName } from "../../model/names";
import { KubernetesObject } from "../render/engine";
import { deepEqual } from "./fields";

/** Claims that a change could lose, and why. */
export interface ClaimRisk {
    /** The StatefulSet, e.g. `apps/v1 StatefulSet default/zk`. */
    readonly statefulSet: string;
    /** Claim names; a run of ordinals is written `data-zk-{3..9}`. */
    readonly claims: readonly string[];
    /** How many claims `claims` names. */
    readonly count: number;
    readonly reason: string;
}

/** Claims named by a change: those pods start to mount, or those no pod mounts any more but that stay. */
export interface ClaimSet {
    readonly statefulSet: string;
    readonly claims: readonly string[];
}

interface StatefulSetView {
    readonly name: string;
    readonly ordinals: number[];
    readonly templates: Map<string, unknown>;
    readonly whenDeleted: string;
    readonly whenScaled: string;
}

function view(o: KubernetesObject): StatefulSetView {
    const spec = (o.spec ?? {}) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const start = typeof spec.ordinals?.start === "number" ? spec.ordinals.start : 0;
    const replicas = typeof spec.replicas === "number" ? spec.replicas : 1;
    const templates = new Map<string, unknown>();
    for (const t of Array.isArray(spec.volumeClaimTemplates) ? spec.volumeClaimTemplates : []) templates.set(t?.metadata?.name, t);
    return {
        name: o.metadata.name,
        ordinals: Array.from({ length: Math.max(0, replicas) }, (_, i) => start + i),
        templates,
        // The API's defaults: claims outlive both the StatefulSet and scale-downs.
        whenDeleted: spec.persistentVolumeClaimRetentionPolicy?.whenDeleted ?? "Retain",
        whenScaled: spec.persistentVolumeClaimRetentionPolicy?.whenScaled ?? "Retain",
    };
}

/** `data-zk-0`, `data-zk-1`, or `data-zk-{3..9}` for a run of three or more ordinals. */
export function claimNames(template: string, statefulSet: string, ordinals: readonly number[]): string[] {
    const names: string[] = [];
    const sorted = [...ordinals].sort((a, b) => a - b);
    for (let i = 0; i < sorted.length;) {
        let j = i;
        while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
        if (j - i >= 2) names.push(claimName(template, statefulSet, `{${sorted[i]}..${sorted[j]}}`));
        else for (let k = i; k <= j; k++) names.push(claimName(template, statefulSet, sorted[k]));
        i = j + 1;
    }
    return names;
}

/**
 * A rule over one StatefulSet's change: its id, its object before and after (either may be
 * absent), and whether the change is a replacement (delete, then create).
 */
type ClaimRule<T> = (id: string, before: KubernetesObject | undefined, after: KubernetesObject | undefined, replaced: boolean) => T[];

interface Claims {
    readonly names: string[];
    readonly count: number;
}

function claimsOf(v: StatefulSetView, templates: Iterable<string>, ordinals: readonly number[]): Claims {
    const list = [...templates];
    return { names: list.flatMap((t) => claimNames(t, v.name, ordinals)), count: list.length * ordinals.length };
}

/**
 * The claims at risk when a StatefulSet goes from `before` to `after` (either may be absent);
 * `replaced` says the change is a replacement (delete, then create).
 */
export const claimRisks: ClaimRule<ClaimRisk> = (id, before, after, replaced) => {
    if (!before) return [];
    const old = view(before);
    if (old.templates.size === 0 || old.ordinals.length === 0) return [];
    const risks: ClaimRisk[] = [];
    const risk = (claims: Claims, reason: string) => {
        if (claims.count > 0) risks.push({ statefulSet: id, claims: claims.names, count: claims.count, reason });
    };
    if ((!after || replaced) && old.whenDeleted === "Delete") {
        risk(
            claimsOf(old, old.templates.keys(), old.ordinals),
            `the StatefulSet is ${after ? "replaced (deleted, then created)" : "deleted"} and its claims' whenDeleted retention is Delete`,
        );
    }
    if (!after) return risks;
    const next = view(after);
    const dropped = [...old.templates.keys()].filter((t) => !next.templates.has(t));
    for (const t of dropped) {
        risk(
            claimsOf(old, [t], old.ordinals),
            `volumeClaimTemplate ${JSON.stringify(t)} is removed or renamed: no pod mounts its claims any more`,
        );
    }
    if (!replaced) {
        const kept = new Set(next.ordinals);
        const leaving = old.ordinals.filter((o) => !kept.has(o));
        if (leaving.length > 0 && (old.whenScaled === "Delete" || next.whenScaled === "Delete")) {
            risk(
                claimsOf(old, old.templates.keys(), leaving),
                `${leaving.length === 1 ? "member" : "members"} ${leaving.join(", ")} ${leaving.length === 1 ? "leaves" : "leave"} the StatefulSet's ordinal range and the whenScaled retention is Delete`,
            );
        }
    }
    return risks;
};

/**
 * The claims that stay while no pod mounts them any more: members that leave the ordinal range, or
 * every member of a deleted StatefulSet, under Retain. A later switch back re-attaches them.
 */
export const claimsKept: ClaimRule<ClaimSet> = (id, before, after, replaced) => {
    if (!before) return [];
    const old = view(before);
    if (old.templates.size === 0) return [];
    const next = after ? view(after) : undefined;
    const kept = new Set(next?.ordinals ?? []);
    const leaving = old.ordinals.filter((o) => !kept.has(o));
    const deletes = !after || replaced ? old.whenDeleted : undefined;
    const templates = [...old.templates.keys()].filter((t) => next?.templates.has(t) ?? true);
    let retained: number[] = [];
    if (!after) retained = deletes === "Retain" ? old.ordinals : [];
    else if (replaced) retained = deletes === "Retain" ? leaving : [];
    else retained = old.whenScaled === "Retain" && next?.whenScaled === "Retain" ? leaving : [];
    const claims = templates.flatMap((t) => claimNames(t, old.name, retained));
    return claims.length > 0 ? [{ statefulSet: id, claims }] : [];
};

/** The claims that pods start to mount: members entering the range, or every member of a new StatefulSet. */
export const claimMounts: ClaimRule<ClaimSet> = (id, before, after, replaced) => {
    if (!after) return [];
    const next = view(after);
    if (next.templates.size === 0) return [];
    const old = before && !replaced ? view(before) : undefined;
    const mounted = new Set(old?.ordinals ?? []);
    const claims = [...next.templates.keys()].flatMap((t) => {
        // A member already in the range keeps its claim, unless its template is new.
        const known = old?.templates.has(t) && deepEqual(old.templates.get(t), next.templates.get(t));
        return claimNames(
            t,
            next.name,
            next.ordinals.filter((o) => !known || !mounted.has(o)),
        );
    });
    return claims.length > 0 ? [{ statefulSet: id, claims }] : [];
};
