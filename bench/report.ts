/** Sums up benchmark runs: medians, the targets, and the table `npm run bench` prints. */
import type { CaseResult } from "./case";
import { BenchMode, Program } from "./fleet";
import { CommandRun, median } from "./measure";

/** The ensembles measured: external fleets and in-cluster StatefulSets of these sizes. */
export const SIZES: Record<BenchMode, readonly number[]> = {
    external: [3, 100, 1_000, 10_000],
    inCluster: [3, 50, 500],
};

/** The targets the benchmark checks. */
export const TARGETS = {
    /** Component / hand-written wall time, the median over runs, at every size. */
    maxRatio: 1.1,
    /** External fleet: the cost at 10,000 members over the cost at 1,000. */
    maxTenfoldGrowth: 12,
    /** Renderer start-up (run directly with node) over loading the Pulumi SDK. */
    maxColdStartRatio: 1.3,
    /** A whole `render` of the root program over a whole cdk8s-plus synth of the same objects. */
    maxPeerRatio: 1.0,
    /** A whole `plan` between two modes (two renderings) over a whole `render`. */
    maxPlanRatio: 1.5,
    /** The peak RSS of a `render` over the cdk8s-plus synth's. */
    maxPeerRssRatio: 1.5,
};

/** Endpoints per EndpointSlice, as the EndpointSlice controller cuts them. */
const ENDPOINTS_PER_SLICE = 100;

export interface CaseSummary extends CaseResult {
    readonly mode: BenchMode;
    readonly size: number;
    readonly program: Program;
    readonly runs: number;
}

/** Medians of one program's runs for one case; the counts must be the same in every run. */
export function summarise(mode: BenchMode, size: number, program: Program, runs: readonly CaseResult[]): CaseSummary {
    const first = runs[0];
    for (const r of runs) {
        if (r.objects !== first.objects || r.registered !== first.registered || r.yamlBytes !== first.yamlBytes) {
            throw new Error(`${program} ${mode} ${size}: runs disagree on what they registered`);
        }
    }
    const m = (f: (r: CaseResult) => number) => median(runs.map(f));
    return {
        mode,
        size,
        program,
        runs: runs.length,
        wallMs: m((r) => r.wallMs),
        cpuMs: m((r) => r.cpuMs),
        peakHeapBytes: m((r) => r.peakHeapBytes),
        peakRssBytes: m((r) => r.peakRssBytes),
        registered: first.registered,
        objects: first.objects,
        yamlBytes: first.yamlBytes,
        ownWorkMs: m((r) => r.ownWorkMs),
    };
}

/** The component and the hand-written program on one case. */
export interface Comparison {
    readonly mode: BenchMode;
    readonly size: number;
    readonly component: CaseSummary;
    readonly handWritten: CaseSummary;
    /**
     * Component / hand-written wall time: the median over runs of each run's ratio. The two
     * programs of a run are measured back to back, so a slow moment of the machine hits both.
     */
    readonly ratio: number;
    /** The same for CPU time. */
    readonly cpuRatio: number;
}

/** Pairs the component's and the hand-written program's runs of one case, run by run. */
export function compare(mode: BenchMode, size: number, component: readonly CaseResult[], handWritten: readonly CaseResult[]): Comparison {
    if (component.length !== handWritten.length || component.length === 0) {
        throw new Error(`${mode} ${size}: ${component.length} component runs against ${handWritten.length} hand-written runs`);
    }
    const paired = (f: (r: CaseResult) => number) => median(component.map((c, i) => f(c) / f(handWritten[i])));
    return {
        mode,
        size,
        component: summarise(mode, size, "component", component),
        handWritten: summarise(mode, size, "hand-written", handWritten),
        ratio: paired((r) => r.wallMs),
        cpuRatio: paired((r) => r.cpuMs),
    };
}

/**
 * The Kubernetes objects an ensemble of the benchmark's shape consists of: in-cluster, a
 * constant five (ServiceAccount, two Services, StatefulSet, PodDisruptionBudget); external, the
 * two Services plus ceil(members/100) slices per Service (one address family).
 */
export function expectedObjects(mode: BenchMode, size: number): number {
    return mode === "inCluster" ? 5 : 2 + 2 * Math.ceil(size / ENDPOINTS_PER_SLICE);
}

/** One command's start-up, end to end. */
export interface ColdStart {
    readonly id: string;
    readonly label: string;
    readonly runs: number;
    readonly medianMs: number;
    /** NaN for a command whose RSS is not measured. */
    readonly medianRssBytes: number;
    /** Over the floor (the first command): the median over runs of each run's ratio. */
    readonly ratio: number;
    /** Every run, in order: run r of every command belongs to one round of the commands back to back. */
    readonly each: readonly CommandRun[];
}

/** `runs[c][r]`: command c's run r; command 0 is the floor. */
export function summariseColdStarts(
    commands: readonly { id: string; label: string }[],
    runs: readonly (readonly CommandRun[])[],
): ColdStart[] {
    const floor = runs[0];
    return commands.map(({ id, label }, c) => ({
        id,
        label,
        runs: runs[c].length,
        medianMs: median(runs[c].map((r) => r.ms)),
        medianRssBytes: median(runs[c].map((r) => r.rssBytes)),
        ratio: median(runs[c].map((r, i) => r.ms / floor[i].ms)),
        each: runs[c],
    }));
}

function coldStart(coldStarts: readonly ColdStart[], id: string): ColdStart {
    const c = coldStarts.find((x) => x.id === id);
    if (!c) throw new Error(`no cold-start command ${id}`);
    return c;
}

/** `a` over `b`: the median over rounds of each round's ratio, so a slow moment of the machine hits both. */
export function pairedRatio(a: ColdStart, b: ColdStart, metric: (r: CommandRun) => number = (r) => r.ms): number {
    return median(a.each.map((r, i) => metric(r) / metric(b.each[i])));
}

/** The ratios against the peer that the report prints as lines of their own. */
export function peerRatios(coldStarts: readonly ColdStart[]): { render: number; plan: number; rss: number } {
    const [render, plan, synth] = ["render", "plan", "synth"].map((id) => coldStart(coldStarts, id));
    return { render: pairedRatio(render, synth), plan: pairedRatio(plan, render), rss: pairedRatio(render, synth, (r) => r.rssBytes) };
}

export interface Verdict {
    readonly target: string;
    readonly measured: string;
    readonly ok: boolean;
}

function find(comparisons: readonly Comparison[], mode: BenchMode, size: number): Comparison {
    const c = comparisons.find((x) => x.mode === mode && x.size === size);
    if (!c) throw new Error(`no case ${mode} ${size}`);
    return c;
}

/** The case where the component costs most over the hand-written program. */
export function worst(comparisons: readonly Comparison[]): Comparison {
    return [...comparisons].sort((a, b) => b.ratio - a.ratio)[0];
}

/** Checks every target against the measurements; `coldStarts` lists the floor first, the direct renderer second. */
export function verdicts(comparisons: readonly Comparison[], coldStarts: readonly ColdStart[]): Verdict[] {
    const w = worst(comparisons);
    const tenfold = (metric: (c: Comparison) => number) =>
        metric(find(comparisons, "external", 10_000)) / metric(find(comparisons, "external", 1_000));
    const growth = {
        component: tenfold((c) => c.component.wallMs),
        ownWork: tenfold((c) => c.component.ownWorkMs),
        handWritten: tenfold((c) => c.handWritten.wallMs),
    };
    const wrongCounts = comparisons
        .flatMap((c) => [c.component, c.handWritten])
        .filter((c) => c.objects !== expectedObjects(c.mode, c.size))
        .map((c) => `${c.program} ${c.mode} ${c.size}: ${c.objects}, expected ${expectedObjects(c.mode, c.size)}`);
    const [floor, direct] = ["floor", "render"].map((id) => coldStart(coldStarts, id));
    const peer = peerRatios(coldStarts);
    return [
        {
            target: `component / hand-written <= ${TARGETS.maxRatio.toFixed(2)} at every size`,
            measured: `worst ${w.ratio.toFixed(2)} (${w.mode} ${w.size})`,
            ok: w.ratio <= TARGETS.maxRatio,
        },
        {
            target: `linear: external 10,000 members <= ${TARGETS.maxTenfoldGrowth}x the cost of 1,000`,
            measured: `component ${growth.component.toFixed(1)}x, its own validation and planning ${growth.ownWork.toFixed(1)}x, hand-written ${growth.handWritten.toFixed(1)}x`,
            ok: growth.component <= TARGETS.maxTenfoldGrowth && growth.ownWork <= TARGETS.maxTenfoldGrowth,
        },
        {
            target: "objects = constant + ceil(members/100) slices per Service and address family",
            measured: wrongCounts.length === 0 ? "every case" : wrongCounts.join("; "),
            ok: wrongCounts.length === 0,
        },
        {
            target: `renderer cold start (direct) <= ${TARGETS.maxColdStartRatio.toFixed(2)}x the SDK-load floor`,
            measured: `${direct.ratio.toFixed(2)}x (medians ${seconds(direct.medianMs)} vs ${seconds(floor.medianMs)})`,
            ok: direct.ratio <= TARGETS.maxColdStartRatio,
        },
        {
            target: `render <= ${TARGETS.maxPeerRatio.toFixed(2)}x the cdk8s-plus synth of the same objects`,
            measured: `${peer.render.toFixed(2)}x`,
            ok: peer.render <= TARGETS.maxPeerRatio,
        },
        {
            target: `plan between two modes <= ${TARGETS.maxPlanRatio.toFixed(2)}x one render`,
            measured: `${peer.plan.toFixed(2)}x`,
            ok: peer.plan <= TARGETS.maxPlanRatio,
        },
        {
            target: `render peak RSS <= ${TARGETS.maxPeerRssRatio.toFixed(2)}x the cdk8s-plus synth's`,
            measured: `${peer.rss.toFixed(2)}x (medians ${mb(direct.medianRssBytes)} MB vs ${mb(coldStart(coldStarts, "synth").medianRssBytes)} MB)`,
            ok: peer.rss <= TARGETS.maxPeerRssRatio,
        },
    ];
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const int = (n: number) => n.toLocaleString("en-US");

/** Left-aligns the first two columns, right-aligns the others. */
export function table(header: string[], rows: string[][]): string {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
    return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** The whole report; its last line is `max ratio vs hand-written: X.XX`. `notes` go before the targets. */
export function formatReport(comparisons: readonly Comparison[], coldStarts: readonly ColdStart[], notes: readonly string[] = []): string {
    const row = (c: CaseSummary, ratios: string[]) => [
        `${c.mode} ${int(c.size)}`,
        c.program,
        int(c.objects),
        int(c.registered),
        int(c.yamlBytes),
        c.wallMs.toFixed(1),
        c.cpuMs.toFixed(1),
        mb(c.peakHeapBytes),
        mb(c.peakRssBytes),
        c.program === "component" ? c.ownWorkMs.toFixed(2) : "",
        ...ratios,
    ];
    const evaluation = table(
        [
            "case",
            "program",
            "objects",
            "registered",
            "YAML bytes",
            "wall ms",
            "cpu ms",
            "peak heap MB",
            "peak RSS MB",
            "own work ms",
            "wall ratio",
            "cpu ratio",
        ],
        comparisons.flatMap((c) => [row(c.component, [c.ratio.toFixed(2), c.cpuRatio.toFixed(2)]), row(c.handWritten, ["", ""])]),
    );
    const cold = table(
        ["command", "", "median s", "vs floor", "peak RSS MB"],
        coldStarts.map((c) => [
            c.label,
            "",
            (c.medianMs / 1000).toFixed(3),
            `${c.ratio.toFixed(2)}x`,
            Number.isNaN(c.medianRssBytes) ? "" : mb(c.medianRssBytes),
        ]),
    );
    const peer = peerRatios(coldStarts);
    const checks = verdicts(comparisons, coldStarts).map((v) => `${v.ok ? "PASS" : "MISS"}  ${v.target}: ${v.measured}`);
    const runs = comparisons[0]?.component.runs ?? 0;
    return [
        `Program evaluation under Pulumi's mock engine: medians of ${runs} runs, each in a fresh process, component and hand-written back to back`,
        evaluation,
        "own work: the component's validation and planning alone, compiled, without the engine; ratios: medians of the runs' ratios",
        "",
        `Cold start, end to end: medians of ${coldStarts[0]?.runs ?? 0} runs, the commands back to back`,
        cold,
        "",
        `renderer vs cdk8s-plus synth: ${peer.render.toFixed(2)}x`,
        `plan vs one render: ${peer.plan.toFixed(2)}x`,
        `render peak RSS vs cdk8s-plus synth: ${peer.rss.toFixed(2)}x`,
        "",
        ...notes,
        ...(notes.length ? [""] : []),
        "Targets",
        ...checks,
        "",
        `max ratio vs hand-written: ${worst(comparisons).ratio.toFixed(2)}`,
    ].join("\n");
}
