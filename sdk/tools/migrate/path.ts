/**
 * The shortest sequence of layouts from one to another in which every step keeps the step rules:
 * a breadth-first search over where each member lives and which members take client traffic.
 * Under `majority` every safe step changes at most one member (the voters rule bounds adds and
 * removes to one, the data rule bounds moves to one and forbids both together), so stepping one
 * member at a time finds the shortest path; the other memberships may also jump in one step.
 */
import { ClientTraffic, Membership } from "../../api/args";
import { RenderedResource } from "../render/objects";
import { EnsembleLayout, EnsembleView, MemberPlace, isHybrid, normalLayout, placeable, renderedEnsembles } from "./members";
import { StepViolation, checkStep, describeMove, memberChanges, stricter } from "./steps";

/** The most members either end of a searched path may have: the search grows with 3 to the power of the members. */
export const MAX_PATH_MEMBERS = 9;

/** No safe path was searched or found; the message says why. */
export class SafePathError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "SafePathError";
    }
}

/** Options of a path search. */
export interface PathOptions {
    /** Only layouts this accepts may be steps, e.g. those a program's config keys can express. */
    readonly accept?: (layout: EnsembleLayout) => boolean;
}

const TRAFFIC: readonly ClientTraffic[] = [ClientTraffic.All, ClientTraffic.InCluster, ClientTraffic.External];

function key(layout: EnsembleLayout): string {
    return `${layout.members.map((m) => `${m.ordinal}=${m.address ?? ""}`).join(",")}|${layout.clientTraffic}`;
}

/** `-` for no member, `` for a pod, the address for an external member. */
function placeKey(place: MemberPlace | undefined): string {
    return place === undefined ? "-" : (place.address ?? "");
}

/** Whether the external members hold the ordinals 0, 1, … before every pod. */
export function externalFirst(layout: EnsembleLayout): boolean {
    return layout.members.filter((m) => m.address !== undefined).every((m, i) => m.ordinal === i);
}

function withMember(layout: EnsembleLayout, ordinal: number, place: MemberPlace | undefined): MemberPlace[] {
    const others = layout.members.filter((m) => m.ordinal !== ordinal);
    return place ? [...others, place] : others;
}

/** The layouts one step from `s`: each member added, removed or moved, `to` itself, and every client traffic. */
function candidates(s: EnsembleLayout, to: EnsembleLayout, membership: Membership): MemberPlace[][] {
    const ordinals = [...new Set([...to.members, ...s.members].map((m) => m.ordinal))];
    // One spare ordinal after all others, in the cluster only: a temporary member can keep a
    // majority with the data while another moves (1 of 2 is no majority; 2 of 3 is).
    const spare = Math.max(...ordinals) + 1;
    const lists: MemberPlace[][] = [to.members.slice()];
    for (const o of [...ordinals, spare]) {
        const current = s.members.find((m) => m.ordinal === o);
        // Where the member may go: where `to` has it first, then into the cluster, or away.
        const places = [to.members.find((m) => m.ordinal === o), { ordinal: o }, undefined];
        const seen = new Set([placeKey(current)]);
        for (const place of places) {
            if (seen.has(placeKey(place))) continue;
            seen.add(placeKey(place));
            lists.push(withMember(s, o, place));
        }
    }
    if (membership !== Membership.Majority) {
        // Members that are added or removed move no data: under the other memberships they may go together.
        const c = memberChanges(s, to);
        const gone = new Set(c.removed.map((m) => m.ordinal));
        lists.push([...s.members.filter((m) => !gone.has(m.ordinal)), ...c.added]);
    }
    lists.push(s.members.slice());
    return lists;
}

/**
 * The shortest list of layouts from `from` to `to`, both included, in which every step keeps the
 * rules of the stricter of the two memberships. Throws a {@link SafePathError} when either end
 * has more than {@link MAX_PATH_MEMBERS} members or no such path exists.
 */
export function safeLayoutPath(from: EnsembleView, to: EnsembleView, options: PathOptions = {}): EnsembleLayout[] {
    for (const [side, v] of [
        ["from", from],
        ["to", to],
    ] as const) {
        if (v.members.length > MAX_PATH_MEMBERS) {
            throw new SafePathError(
                `the ${side} configuration of ${v.id} has ${v.members.length} members; a safe path is searched for at most ${MAX_PATH_MEMBERS}`,
            );
        }
        if (v.members.length === 0) throw new SafePathError(`the ${side} configuration of ${v.id} has no member`);
    }
    const membership = stricter(from.membership, to.membership);
    const view = (l: EnsembleLayout): EnsembleView => ({ ...to, membership, ...l });
    const start = normalLayout(from.members, from.clientTraffic);
    const goal = normalLayout(to.members, to.clientTraffic);
    const goalKey = key(goal);
    const parent = new Map<string, { layout: EnsembleLayout; previous?: string }>([[key(start), { layout: start }]]);
    let frontier = [start];
    while (frontier.length > 0 && !parent.has(goalKey)) {
        const next: EnsembleLayout[] = [];
        for (const s of frontier) {
            const traffic = [...new Set([s.clientTraffic, goal.clientTraffic, ...TRAFFIC])];
            const layouts = candidates(s, goal, membership).flatMap((members) => traffic.map((t) => normalLayout(members, t)));
            // Among equally short paths, prefer external members at the lowest ordinals: the
            // pods' range then ends the ordinals, as a list of addresses by place writes it.
            layouts.sort((a, b) => Number(!externalFirst(a)) - Number(!externalFirst(b)));
            for (const layout of layouts) {
                const k = key(layout);
                if (parent.has(k) || !placeable(layout)) continue;
                if (k !== goalKey && options.accept && !options.accept(layout)) continue;
                if (checkStep(view(s), view(layout)).length > 0) continue;
                parent.set(k, { layout, previous: key(s) });
                next.push(layout);
            }
        }
        frontier = next;
    }
    const found = parent.get(goalKey);
    if (!found)
        throw new SafePathError(
            `no path from ${describeLayout(from.name, start)} to ${describeLayout(to.name, goal)} keeps the step rules`,
        );
    const path: EnsembleLayout[] = [];
    for (let at: string | undefined = goalKey; at !== undefined; at = parent.get(at)!.previous) path.unshift(parent.get(at)!.layout);
    return path;
}

/** `zk-0, zk-1 at 10.0.0.10, 10.0.0.11; zk-2 in the cluster`. */
export function describeLayout(name: string, layout: EnsembleLayout): string {
    const pods = layout.members.filter((m) => m.address === undefined).map((m) => `${name}-${m.ordinal}`);
    const external = layout.members.filter((m) => m.address !== undefined).map((m) => `${name}-${m.ordinal} at ${m.address}`);
    return [...external, ...(pods.length > 0 ? [`${pods.join(", ")} in the cluster`] : [])].join("; ");
}

const TRAFFIC_WORDS: Record<ClientTraffic, string> = {
    all: "send client traffic to every member",
    inCluster: "send client traffic to the in-cluster members only",
    external: "send client traffic to the external members only",
};

/** What one step does, in words: `move zk-2 from 10.0.0.12 into the cluster`, `add zk-3 in the cluster`. */
export function describeStep(name: string, before: EnsembleLayout, after: EnsembleLayout): string {
    const c = memberChanges(before, after);
    const parts = [
        ...c.moved.map((m) => `move ${describeMove(name, m.before, m.after)}`),
        ...c.added.map((m) => `add ${name}-${m.ordinal} ${m.address === undefined ? "in the cluster" : `at ${m.address}`}`),
        ...c.removed.map((m) => `remove ${name}-${m.ordinal} (${m.address ?? "in the cluster"})`),
    ];
    const traffic = (l: EnsembleLayout) => (isHybrid(l) ? l.clientTraffic : ClientTraffic.All);
    if (isHybrid(after) && traffic(before) !== traffic(after)) parts.push(TRAFFIC_WORDS[after.clientTraffic]);
    return parts.length > 0 ? parts.join(", and ") : "nothing changes";
}

/** The step rules one ensemble's switch breaks, and the safe step to take instead. */
export interface EnsembleStepCheck {
    /** `default/zk`. */
    readonly ensemble: string;
    /** The membership whose rules apply: the stricter of both sides'. */
    readonly membership: Membership;
    /** Every rule the switch breaks. */
    readonly violations: readonly StepViolation[];
    /** The first step of the shortest safe path, in words, or why there is none. */
    readonly next: string;
    /** How many steps the shortest safe path takes; absent when there is none. */
    readonly steps?: number;
}

/**
 * The step rules every ensemble present in both renders breaks between them; an ensemble that
 * breaks none is left out. An ensemble only in one render is created or deleted, not moved.
 */
export function checkRenders(before: readonly RenderedResource[], after: readonly RenderedResource[]): EnsembleStepCheck[] {
    const old = new Map(renderedEnsembles(before).map((v) => [v.id, v]));
    const checks: EnsembleStepCheck[] = [];
    for (const next of renderedEnsembles(after)) {
        const previous = old.get(next.id);
        if (!previous) continue;
        const violations = checkStep(previous, next);
        if (violations.length === 0) continue;
        const membership = stricter(previous.membership, next.membership);
        try {
            const path = safeLayoutPath(previous, next);
            checks.push({
                ensemble: next.id,
                membership,
                violations,
                next: describeStep(next.name, path[0], path[1]),
                steps: path.length - 1,
            });
        } catch (err) {
            if (!(err instanceof SafePathError)) throw err;
            checks.push({ ensemble: next.id, membership, violations, next: `none found: ${err.message}` });
        }
    }
    return checks;
}
