/**
 * Safe paths over a component's arguments, for any program: the placement arguments (`mode`,
 * `inCluster.replicas` and `startOrdinal`, `external.members`, `clientTraffic`) of each step, every
 * other argument kept as it is.
 */
import { ClientTraffic, EnsembleMode, Membership } from "../../api/args";
import { EnsembleArgsError, Problems, checkEnum, show } from "../../validate/problems";
import { isInteger, isObject } from "../../validate/grammar/values";
import { EnsembleLayout, EnsembleView, MemberPlace, inClusterOrdinals, isHybrid, normalLayout } from "./members";
import { safeLayoutPath } from "./path";

/**
 * The arguments a safe path reads and writes: those of `StatefulEnsemble` and of the presets
 * (`ZooKeeperEnsemble` has no `membership`: its servers are `majority` voters).
 */
export interface PlacementArgs {
    /** Where the members live. */
    readonly mode: EnsembleMode;
    /**
     * Which members back the client Service in hybrid mode.
     * @default "all"
     */
    readonly clientTraffic?: ClientTraffic;
    /**
     * How the members agree: whose step rules the path keeps.
     * @default "majority"
     */
    readonly membership?: Membership;
    /** The in-cluster members: required unless the mode is `external`. */
    readonly inCluster?: PlacementInClusterArgs;
    /** The external members: required unless the mode is `inCluster`. */
    readonly external?: PlacementExternalArgs;
}

/** The in-cluster range a safe path reads and writes. */
export interface PlacementInClusterArgs {
    /** How many members run in the cluster; at least 1. */
    readonly replicas: number;
    /**
     * The ordinal of the first pod.
     * @default 0
     */
    readonly startOrdinal?: number;
}

/** The external members a safe path reads and writes. */
export interface PlacementExternalArgs {
    /** The servers outside the cluster. */
    readonly members: readonly PlacementMemberArgs[];
}

/** One server outside the cluster. */
export interface PlacementMemberArgs {
    /** The server's IP address. */
    readonly address: string;
    /**
     * The member's ordinal.
     * @default - its position in `members`
     */
    readonly ordinal?: number;
}

/** The layout the arguments place, or the problems with the fields it is read from. */
function layoutOf(problems: Problems, args: PlacementArgs): EnsembleLayout {
    const a: Partial<PlacementArgs> = isObject(args) ? args : {};
    const members: MemberPlace[] = [];
    if (!checkEnum(problems, "mode", a.mode, EnsembleMode)) return normalLayout([], ClientTraffic.All);
    const traffic = a.clientTraffic ?? ClientTraffic.All;
    checkEnum(problems, "clientTraffic", traffic, ClientTraffic);
    if (a.mode !== EnsembleMode.External) {
        const c = a.inCluster;
        const start = c?.startOrdinal ?? 0;
        if (!isObject(c)) problems.add("inCluster", `is required in ${a.mode} mode`);
        else if (!isInteger(c.replicas) || c.replicas < 1)
            problems.add("inCluster.replicas", `${show(c.replicas)} is not an integer of at least 1`);
        else if (!isInteger(start) || start < 0) problems.add("inCluster.startOrdinal", `${show(start)} is not an integer of at least 0`);
        else for (let o = start; o < start + c.replicas; o++) members.push({ ordinal: o });
    }
    if (a.mode !== EnsembleMode.InCluster) {
        const list = isObject(a.external) && Array.isArray(a.external.members) ? a.external.members : undefined;
        if (!list) problems.add("external.members", `is required in ${a.mode} mode`);
        list?.forEach((m, i) => {
            const ordinal = m?.ordinal ?? i;
            if (typeof m?.address !== "string") problems.add(`external.members[${i}].address`, `${show(m?.address)} is not an IP address`);
            else if (!isInteger(ordinal) || ordinal < 0)
                problems.add(`external.members[${i}].ordinal`, `${show(ordinal)} is not an integer of at least 0`);
            else if (members.some((p) => p.ordinal === ordinal))
                problems.add(`external.members[${i}].ordinal`, `${ordinal} is placed twice`);
            else members.push({ ordinal, address: m.address });
        });
    }
    return normalLayout(members, traffic as ClientTraffic);
}

/** The view of one side's arguments, or an error naming the side and each refused field. */
function viewOf(side: "from" | "to", args: PlacementArgs): EnsembleView {
    const problems = new Problems();
    const layout = layoutOf(problems, args);
    problems.throwIfAny(`planSafePath ${side}`);
    const membership = args.membership ?? Membership.Majority;
    if (!(Object.values(Membership) as string[]).includes(membership)) {
        throw new EnsembleArgsError(`planSafePath ${side}`, [
            `membership ${show(membership)} is not one of "majority", "replicated", "independent"`,
        ]);
    }
    return { id: "the ensemble", name: "member", membership, ...layout };
}

/** The mode of a layout. */
export function modeOf(layout: EnsembleLayout): EnsembleMode {
    if (isHybrid(layout)) return EnsembleMode.Hybrid;
    return inClusterOrdinals(layout).length > 0 ? EnsembleMode.InCluster : EnsembleMode.External;
}

/** `clientTraffic` for a step: the layout's in hybrid mode; otherwise the previous value when the mode accepts it. */
export function trafficFor(layout: EnsembleLayout, previous: ClientTraffic | undefined): ClientTraffic | undefined {
    if (isHybrid(layout)) return layout.clientTraffic;
    const mode = modeOf(layout);
    const refused = mode === EnsembleMode.InCluster ? ClientTraffic.External : ClientTraffic.InCluster;
    return previous === refused ? ClientTraffic.All : previous;
}

/**
 * `args` with the placement of `layout`; blocks the layout does not use stay as they are, for the
 * next switch, and client traffic stays as the step before set it where the mode accepts it.
 */
function argsFor<T extends PlacementArgs>(args: T, other: T, previous: T, layout: EnsembleLayout): T {
    const pods = inClusterOrdinals(layout);
    const external = layout.members.filter((m) => m.address !== undefined);
    const inCluster = args.inCluster ?? other.inCluster;
    const externalBlock = args.external ?? other.external;
    return {
        ...args,
        mode: modeOf(layout),
        clientTraffic: trafficFor(layout, previous.clientTraffic),
        inCluster: pods.length > 0 ? { ...inCluster, replicas: pods.length, startOrdinal: pods[0] } : args.inCluster,
        external:
            external.length > 0
                ? { ...externalBlock, members: external.map((m) => ({ address: m.address!, ordinal: m.ordinal })) }
                : args.external,
    };
}

/**
 * The shortest safe path from `from` to `to`: every argument set of it, `from` first and `to`
 * last, in which each step keeps the step rules of the stricter membership (`majority` unless
 * set). The steps between keep `from`'s other arguments; only the last changes them to `to`'s.
 * Throws an `EnsembleArgsError` naming the side and field of a refused argument, and a
 * `SafePathError` when either side has more than nine members or no safe path exists.
 */
export function planSafePath<T extends PlacementArgs>(from: T, to: T): T[] {
    const path = safeLayoutPath(viewOf("from", from), viewOf("to", to));
    const steps: T[] = [from];
    for (const layout of path.slice(1, -1)) steps.push(argsFor(from, to, steps[steps.length - 1], layout));
    return path.length > 1 ? [...steps, to] : steps;
}
