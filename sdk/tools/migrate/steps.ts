/**
 * The rules a step between two configurations must keep for the service, not only for its
 * Kubernetes objects. ZooKeeper's server list is static: while some servers run the old list and
 * some the new, a majority of each must share a server, or each side can elect its own leader;
 * one server added or removed per step guarantees it (3 → 4: 2 + 3 > 4; 3 → 6: 2 + 4 = 6 does
 * not). A member that changes place starts on storage that does not hold its data and copies it
 * from the leader: the members that keep their data must still be a majority.
 * @see https://zookeeper.apache.org/doc/current/zookeeperReconfig.html
 */
import { Membership } from "../../api/args";
import { EnsembleLayout, EnsembleView, MemberPlace, clientOrdinals, describeMember, memberName, placeWords } from "./members";

/** The rules of a step. */
export const StepRule = {
    /** `majority`: the member set grows or shrinks by at most one member. */
    Voters: "voters",
    /** `majority`, `replicated`: at most one member moves onto empty storage, alone, while the others keep a majority. */
    Data: "data",
    /** Every membership: the client Service keeps a serving member behind it. */
    Clients: "clients",
} as const;
/** A rule of a step: `voters`, `data` or `clients`. */
export type StepRule = (typeof StepRule)[keyof typeof StepRule];

/** A rule a step breaks: which, for which members, and why. */
export interface StepViolation {
    /** The rule broken. */
    readonly rule: StepRule;
    /** The members concerned, e.g. `zk-3 (in the cluster)`. */
    readonly members: readonly string[];
    /** Why the step breaks it, and what to do instead. */
    readonly reason: string;
}

const STRICTNESS: readonly Membership[] = [Membership.Independent, Membership.Replicated, Membership.Majority];

/** The stricter of two memberships: a step that changes how members agree keeps the rules of both. */
export function stricter(a: Membership, b: Membership): Membership {
    return STRICTNESS.indexOf(a) >= STRICTNESS.indexOf(b) ? a : b;
}

/** What a step does to the members: who joins, who leaves, who changes place. */
export interface MemberChanges {
    readonly added: readonly MemberPlace[];
    readonly removed: readonly MemberPlace[];
    /** Members in both, each with its place before and after. */
    readonly moved: readonly { readonly before: MemberPlace; readonly after: MemberPlace }[];
}

/** The members a step adds, removes and moves. */
export function memberChanges(before: EnsembleLayout, after: EnsembleLayout): MemberChanges {
    const old = new Map(before.members.map((m) => [m.ordinal, m]));
    const next = new Map(after.members.map((m) => [m.ordinal, m]));
    return {
        added: after.members.filter((m) => !old.has(m.ordinal)),
        removed: before.members.filter((m) => !next.has(m.ordinal)),
        moved: after.members
            .filter((m) => old.has(m.ordinal) && old.get(m.ordinal)!.address !== m.address)
            .map((m) => ({ before: old.get(m.ordinal)!, after: m })),
    };
}

/** `zk-0 from 10.0.0.10 into the cluster`, `zk-0 from the cluster to 10.0.0.10`. */
export function describeMove(name: string, before: MemberPlace, after: MemberPlace): string {
    const to = after.address === undefined ? "into the cluster" : `to ${after.address}`;
    return `${memberName(name, after.ordinal)} from ${placeWords(before)} ${to}`;
}

function majority(n: number): number {
    return Math.floor(n / 2) + 1;
}

function voters(name: string, before: EnsembleLayout, after: EnsembleLayout, c: MemberChanges): StepViolation[] {
    const changed = c.added.length + c.removed.length;
    if (changed <= 1) return [];
    const n = before.members.length;
    const m = after.members.length;
    const what = [
        ...(c.added.length > 0 ? [`adds ${c.added.map((x) => memberName(name, x.ordinal)).join(", ")}`] : []),
        ...(c.removed.length > 0 ? [`removes ${c.removed.map((x) => memberName(name, x.ordinal)).join(", ")}`] : []),
    ].join(" and ");
    return [
        {
            rule: StepRule.Voters,
            members: [...c.added, ...c.removed].map((x) => describeMember(name, x)),
            reason: `the step ${what}: ${n} → ${m} voters. While servers run the old list and the new, a majority of the old (${majority(n)} of ${n}) and a majority of the new (${majority(m)} of ${m}) need not share a server, so each could elect its own leader; add or remove one member per step`,
        },
    ];
}

function data(name: string, after: EnsembleLayout, c: MemberChanges): StepViolation[] {
    if (c.moved.length === 0) return [];
    const reasons: string[] = [];
    const moves = c.moved.map((x) => describeMove(name, x.before, x.after));
    if (c.moved.length > 1)
        reasons.push(
            `${c.moved.length} members change place at once (${moves.join("; ")}), each starting on storage without its data; move one member per step`,
        );
    if (c.added.length + c.removed.length > 0) {
        reasons.push(`a member changes place in the same step as members are added or removed; change one thing per step`);
    }
    const keeping = after.members.length - c.moved.length - c.added.length;
    if (keeping < majority(after.members.length)) {
        reasons.push(
            `only ${keeping} of ${after.members.length} members keep their data, not a majority (${majority(after.members.length)}): a quorum of members without the data could form and lose acknowledged writes`,
        );
    }
    if (reasons.length === 0) return [];
    return [{ rule: StepRule.Data, members: c.moved.map((x) => describeMember(name, x.after)), reason: reasons.join("; ") }];
}

function clients(name: string, before: EnsembleLayout, after: EnsembleLayout): StepViolation[] {
    const behind = clientOrdinals(after);
    if (behind.length === 0) {
        return [{ rule: StepRule.Clients, members: [], reason: "no member is behind the client Service after the step" }];
    }
    const old = new Map(before.members.map((m) => [m.ordinal, m.address]));
    const serving = behind.filter((o) => old.has(o) && old.get(o) === after.members.find((m) => m.ordinal === o)!.address);
    if (serving.length > 0) return [];
    return [
        {
            rule: StepRule.Clients,
            members: behind.map((o) =>
                describeMember(
                    name,
                    after.members.find((m) => m.ordinal === o)!,
                ),
            ),
            reason: "every member behind the client Service after the step is new or has changed place: none is serving while they start, so clients have no server; keep a running member behind it",
        },
    ];
}

/**
 * The rules a step from `before` to `after` breaks, under the stricter of their memberships: none
 * for a safe step.
 */
export function checkStep(before: EnsembleView, after: EnsembleView): StepViolation[] {
    const membership = stricter(before.membership, after.membership);
    const c = memberChanges(before, after);
    return [
        ...(membership === Membership.Majority ? voters(after.name, before, after, c) : []),
        ...(membership === Membership.Independent ? [] : data(after.name, after, c)),
        ...clients(after.name, before, after),
    ];
}
