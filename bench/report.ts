/** Sums up benchmark runs: medians, the targets, and the table `npm run bench` prints. */
import type { CaseResult } from "./case";
import { BenchMode, Program } from "./fleet";
import { median } from "./measure";

/** The ensembles measured: external fleets and in-cluster StatefulSets of these sizes. */
export const SIZES: Record<BenchMode, readonly number[]> = {
    external: [3, 100, 1_000, 10_000],
    inCluster: [3, 50, 500],
};

/** The targets the benchmark checks. */
export const TARGETS = {
    /** Component / hand-written, median wall time, at every size. */
    maxRatio: 1.1,
    /** External fleet: the cost at 10,000 members over the cost at 1,000. */
    maxTenfoldGrowth: 12,
    /** Renderer start-up (run directly with node) over loading the Pulumi SDK. */
    maxColdStartRatio: 1.3,
};

/** Endpoints per EndpointSlice, as the EndpointSlice controller cuts them. */
const ENDPOINTS_PER_SLICE = 100;

export interface CaseSummary {
    readonly mode: BenchMode;
    readonly size: number;
    readonly program: Program;
    readonly runs: number;
    readonly wallMs: number;
    readonly cpuMs: number;
    readonly peakHeapBytes: number;
    readonly peakRssBytes: number;
    readonly registered: number;
    readonly objects: number;
    readonly yamlBytes: number;
    readonly ownWorkMs: number;
}

/** Medians of one case's runs; the counts must be the same in every run. */
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

/**
 * The Kubernetes objects an ensemble of the benchmark's shape consists of: in-cluster, a
 * constant five (ServiceAccount, two Services, StatefulSet, PodDisruptionBudget); external, the
 * two Services plus ceil(members/100) slices per Service (one address family).
 */
export function expectedObjects(mode: BenchMode, size: number): number {
    return mode === "inCluster" ? 5 : 2 + 2 * Math.ceil(size / ENDPOINTS_PER_SLICE);
}

export interface ColdStart {
    readonly label: string;
    readonly runs: number;
    readonly medianMs: number;
}

export interface Verdict {
    readonly target: string;
    readonly measured: string;
    readonly ok: boolean;
}

const find = (cases: readonly CaseSummary[], mode: BenchMode, size: number, program: Program) => {
    const c = cases.find((x) => x.mode === mode && x.size === size && x.program === program);
    if (!c) throw new Error(`no ${program} case for ${mode} ${size}`);
    return c;
};

/** Component / hand-written median wall time of every size, worst first. */
export function ratios(cases: readonly CaseSummary[]): { mode: BenchMode; size: number; ratio: number }[] {
    return cases
        .filter((c) => c.program === "component")
        .map((c) => ({ mode: c.mode, size: c.size, ratio: c.wallMs / find(cases, c.mode, c.size, "hand-written").wallMs }))
        .sort((a, b) => b.ratio - a.ratio);
}

/** Checks every target against the measurements; `coldStarts` lists the floor first, the direct renderer second. */
export function verdicts(cases: readonly CaseSummary[], coldStarts: readonly ColdStart[]): Verdict[] {
    const worst = ratios(cases)[0];
    const tenfold = (program: Program, metric: (c: CaseSummary) => number) =>
        metric(find(cases, "external", 10_000, program)) / metric(find(cases, "external", 1_000, program));
    const growth = {
        component: tenfold("component", (c) => c.wallMs),
        ownWork: tenfold("component", (c) => c.ownWorkMs),
        handWritten: tenfold("hand-written", (c) => c.wallMs),
    };
    const wrongCounts = cases
        .filter((c) => c.objects !== expectedObjects(c.mode, c.size))
        .map((c) => `${c.program} ${c.mode} ${c.size}: ${c.objects}, expected ${expectedObjects(c.mode, c.size)}`);
    const [floor, direct] = coldStarts;
    const coldRatio = direct.medianMs / floor.medianMs;
    return [
        {
            target: `component / hand-written <= ${TARGETS.maxRatio.toFixed(2)} at every size`,
            measured: `worst ${worst.ratio.toFixed(2)} (${worst.mode} ${worst.size})`,
            ok: worst.ratio <= TARGETS.maxRatio,
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
            measured: `${coldRatio.toFixed(2)}x (${fmtMs(direct.medianMs)} vs ${fmtMs(floor.medianMs)})`,
            ok: coldRatio <= TARGETS.maxColdStartRatio,
        },
    ];
}

function fmtMs(ms: number): string {
    return `${(ms / 1000).toFixed(2)} s`;
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const int = (n: number) => n.toLocaleString("en-US");

/** Left-aligns the first column, right-aligns the others. */
function table(header: string[], rows: string[][]): string {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
    return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** The whole report; its last line is `max ratio vs hand-written: X.XX`. `notes` go before the targets. */
export function formatReport(cases: readonly CaseSummary[], coldStarts: readonly ColdStart[], notes: readonly string[] = []): string {
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
        ],
        cases.map((c) => {
            const component = c.program === "component";
            const ratio = component ? (c.wallMs / find(cases, c.mode, c.size, "hand-written").wallMs).toFixed(2) : "";
            return [
                `${c.mode} ${int(c.size)}`,
                c.program,
                int(c.objects),
                int(c.registered),
                int(c.yamlBytes),
                c.wallMs.toFixed(1),
                c.cpuMs.toFixed(1),
                mb(c.peakHeapBytes),
                mb(c.peakRssBytes),
                component ? c.ownWorkMs.toFixed(2) : "",
                ratio,
            ];
        }),
    );
    const floor = coldStarts[0].medianMs;
    const cold = table(
        ["command", "median s", "vs floor"],
        coldStarts.map((c) => [c.label, (c.medianMs / 1000).toFixed(3), `${(c.medianMs / floor).toFixed(2)}x`]),
    );
    const checks = verdicts(cases, coldStarts).map((v) => `${v.ok ? "PASS" : "MISS"}  ${v.target}: ${v.measured}`);
    const runs = cases[0]?.runs ?? 0;
    return [
        `Program evaluation under Pulumi's mock engine (median of ${runs} fresh processes per row, interleaved)`,
        evaluation,
        "own work: the component's validation and planning alone, compiled, no engine",
        "",
        `Cold start, end to end (median of ${coldStarts[0].runs} runs)`,
        cold,
        "",
        ...notes,
        ...(notes.length ? [""] : []),
        "Targets",
        ...checks,
        "",
        `max ratio vs hand-written: ${ratios(cases)[0].ratio.toFixed(2)}`,
    ].join("\n");
}
