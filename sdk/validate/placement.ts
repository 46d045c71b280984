/**
 * Where the mode places each member: the in-cluster range and the external ordinals, checked
 * against each other in hybrid mode, and the list of members every builder reads.
 */
import { EnsembleMode } from "../api/args";
import { ExternalSpec, MemberSpec } from "../model/spec";
import { MAX_MEMBERS } from "./bounds";
import { NormalisedExternal } from "./external";
import { NormalisedInCluster } from "./in-cluster";
import { Problems } from "./problems";

/** Hybrid mode: every ordinal from the lowest to the highest is placed exactly once, within the bound on members. */
export function checkHybridPlacement(problems: Problems, c: NormalisedInCluster, e: NormalisedExternal): void {
    // Out-of-range counts are reported already; walking a range of millions would hang.
    if (!c.range) return;
    const { first, end } = c.range;
    const replicas = end - first;
    if (e.listed <= MAX_MEMBERS && replicas + e.listed > MAX_MEMBERS) {
        problems.add(
            "mode",
            `is ${EnsembleMode.Hybrid} with ${replicas} in-cluster and ${e.listed} external members, ${replicas + e.listed} in all; the limit is ${MAX_MEMBERS}`,
        );
    }
    const members = e.spec.members;
    const overlap = members.filter((m) => m.ordinal >= first && m.ordinal < end).map((m) => m.ordinal);
    if (overlap.length > 0) {
        problems.add(
            "external.members",
            `place ${ordinals(overlap)} that the in-cluster range [${first}, ${end}) also holds; a member lives in one place`,
        );
    }
    const placed = new Set<number>(members.map((m) => m.ordinal));
    for (let o = first; o < end; o++) placed.add(o);
    const lowest = Math.min(...placed);
    const highest = Math.max(...placed);
    const missing: number[] = [];
    for (let o = lowest; o <= highest && missing.length <= 10; o++) if (!placed.has(o)) missing.push(o);
    if (missing.length > 0) {
        problems.add(
            "mode",
            `is hybrid but ${ordinals(missing.slice(0, 10))}${missing.length > 10 ? ", …" : ""} ${missing.length === 1 ? "has" : "have"} no member: neither in the in-cluster range [${first}, ${end}) nor in external.members`,
        );
    }
}

/** `ordinal 3` or `ordinals 3, 4`. */
function ordinals(list: readonly number[]): string {
    return `${list.length === 1 ? "ordinal" : "ordinals"} ${list.join(", ")}`;
}

/** Every member the mode places, sorted by ordinal: pods of a valid range, and the valid external members. */
export function placeMembers(c: NormalisedInCluster | undefined, e: ExternalSpec | undefined): MemberSpec[] {
    const members: MemberSpec[] = [];
    if (c?.range) for (let o = c.range.first; o < c.range.end; o++) members.push({ ordinal: o, placement: "inCluster" });
    for (const m of e?.members ?? []) members.push({ ordinal: m.ordinal, placement: "external", address: m.address });
    return members.sort((x, y) => x.ordinal - y.ordinal);
}
