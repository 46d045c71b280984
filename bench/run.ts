/**
 * `npm run bench`: what the component costs next to hand-written @pulumi/kubernetes resources,
 * and what the renderer's start-up costs next to loading the Pulumi SDK. Every measurement runs
 * in a fresh process; component and hand-written runs alternate, so a slow moment of the machine
 * hits both. Progress goes to stderr, the report to stdout.
 *
 *   npm run bench [-- --runs 5 --cold-runs 9]
 */
import type { CaseResult, Program } from "./case";
import { BENCH_MODES } from "./fleet";
import { ColdStartCommand, median, runCaseProcess, timeCommand } from "./measure";
import { CaseSummary, ColdStart, SIZES, formatReport, summarise } from "./report";

const COLD_START: readonly ColdStartCommand[] = [
    { label: `floor: node -e 'require("@pulumi/pulumi")'`, command: process.execPath, args: ["-e", 'require("@pulumi/pulumi")'] },
    {
        label: "renderer: node bin/stateful-ensemble.js render .",
        command: process.execPath,
        args: ["bin/stateful-ensemble.js", "render", "."],
    },
    { label: "npm start", command: "npm", args: ["start", "--silent"] },
];

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

function evaluate(runs: number): { cases: CaseSummary[]; plan: CaseSummary[] } {
    const shapes = BENCH_MODES.flatMap((mode) => SIZES[mode].map((size) => ({ mode, size })));
    const results = new Map<string, CaseResult[]>();
    const key = (program: Program, mode: string, size: number) => `${program} ${mode} ${size}`;
    for (let run = 0; run < runs; run++) {
        progress(`evaluation, run ${run + 1} of ${runs}`);
        for (const { mode, size } of shapes) {
            // Alternate which program goes first, so neither always runs right after the other.
            const order: Program[] = run % 2 === 0 ? ["component", "hand-written", "plan"] : ["hand-written", "component", "plan"];
            for (const program of order) {
                const k = key(program, mode, size);
                results.set(k, [...(results.get(k) ?? []), runCaseProcess(program, mode, size)]);
            }
        }
    }
    const summaries = (programs: Program[]) =>
        shapes.flatMap(({ mode, size }) => programs.map((p) => summarise(mode, size, p, results.get(key(p, mode, size))!)));
    return { cases: summaries(["component", "hand-written"]), plan: summaries(["plan"]) };
}

function coldStarts(runs: number): ColdStart[] {
    progress(`cold start, ${runs} runs after one warm-up of each command`);
    // The warm-up fills the file-system cache; the runs then measure start-up, not the disk.
    for (const c of COLD_START) timeCommand(c);
    const times = COLD_START.map(() => [] as number[]);
    for (let run = 0; run < runs; run++) COLD_START.forEach((c, i) => times[i].push(timeCommand(c)));
    return COLD_START.map((c, i) => ({ label: c.label, runs, medianMs: median(times[i]) }));
}

function main(argv: readonly string[]): void {
    const runs = option(argv, "runs", 5);
    const coldRuns = option(argv, "cold-runs", 9);
    const { cases, plan } = evaluate(runs);
    const cold = coldStarts(coldRuns);
    process.stdout.write(`${formatReport(cases, plan, cold)}\n`);
}

main(process.argv.slice(2));
