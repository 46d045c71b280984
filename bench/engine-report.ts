/**
 * Sums up the real engine's runs (bench/engine.ts): `pulumi preview` and `pulumi up` of the
 * component and of the hand-written program, medians and ratios, and the section of the report.
 */
import { BenchMode } from "./fleet";
import { median } from "./measure";
import { table } from "./report";

/** The cases the real engine runs: what a user waits for, small and large. */
export const ENGINE_CASES: readonly { readonly mode: BenchMode; readonly size: number }[] = [
    { mode: "external", size: 3 },
    { mode: "external", size: 1_000 },
    { mode: "inCluster", size: 3 },
];

/** One program's run of one case: wall seconds of each command, end to end. */
export interface EngineRun {
    readonly previewS: number;
    readonly upS: number;
}

/** The component and the hand-written program on one case, through the real engine. */
export interface EngineComparison {
    readonly mode: BenchMode;
    readonly size: number;
    readonly runs: number;
    /** Medians over runs. */
    readonly component: EngineRun;
    readonly handWritten: EngineRun;
    /** Component / hand-written: the median over runs of each run's ratio, as bench/report.ts pairs them. */
    readonly previewRatio: number;
    readonly upRatio: number;
}

/** Pairs the two programs' runs of one case, run by run. */
export function compareEngine(
    mode: BenchMode,
    size: number,
    component: readonly EngineRun[],
    handWritten: readonly EngineRun[],
): EngineComparison {
    if (component.length !== handWritten.length || component.length === 0) {
        throw new Error(`${mode} ${size}: ${component.length} component runs against ${handWritten.length} hand-written runs`);
    }
    const medians = (runs: readonly EngineRun[]) => ({
        previewS: median(runs.map((r) => r.previewS)),
        upS: median(runs.map((r) => r.upS)),
    });
    const paired = (f: (r: EngineRun) => number) => median(component.map((c, i) => f(c) / f(handWritten[i])));
    return {
        mode,
        size,
        runs: component.length,
        component: medians(component),
        handWritten: medians(handWritten),
        previewRatio: paired((r) => r.previewS),
        upRatio: paired((r) => r.upS),
    };
}

/** The largest ratio, preview or up, over every case. */
export function maxEngineRatio(comparisons: readonly EngineComparison[]): number {
    return Math.max(...comparisons.flatMap((c) => [c.previewRatio, c.upRatio]));
}

const HEADING =
    "Real engine: `pulumi preview` and `pulumi up` of a new stack, the Pulumi CLI and the Kubernetes provider against the e2e control plane";

/**
 * The report's real-engine section; its last line is `max real-engine ratio vs hand-written: X.XX`.
 * `notes` (the versions, the machine) go before that line.
 */
export function formatEngineReport(comparisons: readonly EngineComparison[], notes: readonly string[] = []): string {
    const header = ["case", "program", "preview s", "up s", "preview ratio", "up ratio"];
    const rows = comparisons.flatMap((c) => [
        [
            `${c.mode} ${c.size.toLocaleString("en-US")}`,
            "component",
            c.component.previewS.toFixed(2),
            c.component.upS.toFixed(2),
            c.previewRatio.toFixed(2),
            c.upRatio.toFixed(2),
        ],
        ["", "hand-written", c.handWritten.previewS.toFixed(2), c.handWritten.upS.toFixed(2), "", ""],
    ]);
    return [
        `${HEADING}: medians of ${comparisons[0]?.runs ?? 0} runs, component and hand-written back to back`,
        table(header, rows),
        "each run: preview, then up, then destroy (not timed) of one program; ratios: medians of the runs' ratios",
        ...notes,
        `max real-engine ratio vs hand-written: ${maxEngineRatio(comparisons).toFixed(2)}`,
    ].join("\n");
}

/** The section when the real engine could not run: which tools are missing and how to get them. */
export function formatEngineSkipped(reason: string): string {
    return `Real engine: not measured: ${reason}`;
}
