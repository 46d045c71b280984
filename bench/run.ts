/**
 * `npm run bench`: what the component costs next to hand-written @pulumi/kubernetes resources,
 * and what the renderer's start-up costs next to loading the Pulumi SDK. Every measurement runs
 * in a fresh process; component and hand-written runs alternate, so a slow moment of the machine
 * hits both. Progress goes to stderr, the report to stdout.
 *
 * The real engine's section (bench/engine.ts) runs when tests/e2e/tools/build.sh has built the
 * tools, and says so when it has not; it comes first in the report.
 *
 *   npm run bench [-- --runs 7 --cold-runs 9 --engine-runs 3]
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cacheDirFor } from "../sdk/tools/render/transpile";
import type { CaseResult } from "./case";
import { engineMissing, measureEngine } from "./engine";
import { formatEngineReport, formatEngineSkipped } from "./engine-report";
import { BENCH_MODES, Program } from "./fleet";
import { ColdStartCommand, CommandRun, ROOT, median, runCaseProcess, timeCommand } from "./measure";
import { transpiledChart } from "./peer/synth";
import { ColdStart, Comparison, SIZES, compare, formatReport, summariseColdStarts } from "./report";

const RENDER = ["bin/stateful-ensemble.js", "render", "."];
const PLAN = ["bin/stateful-ensemble.js", "plan", ".", "--from", "mode=inCluster", "--to", "mode=hybrid,startOrdinal=3"];

/** The floor first: every ratio in the cold-start table is to it. */
function coldStartCommands(): ColdStartCommand[] {
    return [
        { id: "floor", label: `floor: node -e 'require("@pulumi/pulumi")'`, command: "node", args: ["-e", 'require("@pulumi/pulumi")'] },
        { id: "render", label: "renderer: node bin/stateful-ensemble.js render .", command: "node", args: RENDER },
        {
            id: "render-all",
            label: "renderer, every module loaded (STATEFUL_ENSEMBLE_LOAD_ALL=1)",
            command: "node",
            args: RENDER,
            env: { STATEFUL_ENSEMBLE_LOAD_ALL: "1" },
        },
        {
            id: "render-changed",
            label: "renderer, program just changed (empty transpile cache)",
            command: "node",
            args: RENDER,
            prepare: () => fs.rmSync(cacheDirFor(path.join(ROOT, "index.ts"))!, { recursive: true, force: true }),
        },
        // The switch is unsafe for a majority ensemble, so the plan exits 3, as designed.
        {
            id: "plan",
            label: "plan . --from mode=inCluster --to mode=hybrid,startOrdinal=3",
            command: "node",
            args: PLAN,
            exitCodes: [0, 3],
        },
        { id: "synth", label: "cdk8s-plus-31 synth of the same objects (bench/peer)", command: "node", args: [transpiledChart()] },
        { id: "npm-start", label: "npm start", command: "npm", args: ["start", "--silent"] },
    ];
}

function option(argv: readonly string[], name: string, fallback: number): number {
    const i = argv.indexOf(`--${name}`);
    if (i < 0) return fallback;
    const value = Number(argv[i + 1]);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} needs a positive integer, not ${JSON.stringify(argv[i + 1])}`);
    return value;
}

function progress(text: string): void {
    process.stderr.write(`${text}\n`);
}

/** One-minute load averages, sampled after every measurement. */
const loads: number[] = [];

function evaluate(runs: number): Comparison[] {
    const shapes = BENCH_MODES.flatMap((mode) => SIZES[mode].map((size) => ({ mode, size })));
    const results = new Map<string, CaseResult[]>();
    const key = (program: Program, mode: string, size: number) => `${program} ${mode} ${size}`;
    for (let run = 0; run < runs; run++) {
        progress(`evaluation, run ${run + 1} of ${runs}`);
        for (const { mode, size } of shapes) {
            // Alternate which program goes first, so neither always runs right after the other.
            const order: Program[] = run % 2 === 0 ? ["component", "hand-written"] : ["hand-written", "component"];
            for (const program of order) {
                const k = key(program, mode, size);
                results.set(k, [...(results.get(k) ?? []), runCaseProcess(program, mode, size)]);
                loads.push(os.loadavg()[0]);
            }
        }
    }
    return shapes.map(({ mode, size }) =>
        compare(mode, size, results.get(key("component", mode, size))!, results.get(key("hand-written", mode, size))!),
    );
}

function coldStarts(runs: number): ColdStart[] {
    progress(`cold start, ${runs} runs after one warm-up of each command`);
    const commands = coldStartCommands();
    // The warm-up fills the file-system cache; the runs then measure start-up, not the disk.
    for (const c of commands) timeCommand(c);
    const each = commands.map(() => [] as CommandRun[]);
    for (let run = 0; run < runs; run++) {
        commands.forEach((c, i) => {
            c.prepare?.();
            each[i].push(timeCommand(c));
        });
        loads.push(os.loadavg()[0]);
    }
    return summariseColdStarts(commands, each);
}

/**
 * A warning when other processes competed for the cores: the benchmark itself keeps about one
 * busy, so a load average above the core count means someone else was running too.
 */
function loadNotes(): string[] {
    const cores = os.cpus().length;
    const peak = Math.max(...loads);
    const line = `machine: ${os.cpus()[0]?.model.trim() ?? "unknown CPU"}, ${cores} cores, Node.js ${process.version}; 1-minute load average during the run: median ${median(loads).toFixed(1)}, peak ${peak.toFixed(1)}`;
    if (median(loads) <= cores) return [line];
    return [
        line,
        `warning: the load exceeded the ${cores} cores: other processes competed for the CPU, so wall times are inflated and noisy; re-run on an idle machine`,
    ];
}

/** The real engine's section, or the line saying why it was not measured. */
async function realEngine(runs: number): Promise<string> {
    const missing = engineMissing();
    if (missing) {
        progress(`real engine: not measured: ${missing}`);
        return formatEngineSkipped(missing);
    }
    const before = loads.length;
    const comparisons = await measureEngine(runs, progress, () => loads.push(os.loadavg()[0]));
    const during = loads.slice(before);
    return formatEngineReport(comparisons, [
        `1-minute load average during these runs: median ${median(during).toFixed(1)}, peak ${Math.max(...during).toFixed(1)}`,
    ]);
}

async function main(argv: readonly string[]): Promise<void> {
    const runs = option(argv, "runs", 7);
    const coldRuns = option(argv, "cold-runs", 9);
    const engineRuns = option(argv, "engine-runs", 3);
    const engine = await realEngine(engineRuns);
    const cases = evaluate(runs);
    const cold = coldStarts(coldRuns);
    process.stdout.write(`${engine}\n\n${formatReport(cases, cold, loadNotes())}\n`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
});
