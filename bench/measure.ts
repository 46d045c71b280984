/** Runs measurements in fresh child processes and sums them up with medians. */
import { spawnSync } from "child_process";
import * as path from "path";
import { performance } from "perf_hooks";
import type { CaseResult } from "./case";
import { BenchMode, Program } from "./fleet";

export const ROOT = path.resolve(__dirname, "..");

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
    if (values.length === 0) throw new Error("median of no values");
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Evaluates one case in a fresh Node.js process (see bench/case.ts). */
export function runCaseProcess(program: Program, mode: BenchMode, size: number): CaseResult {
    const child = spawnSync(
        process.execPath,
        ["--expose-gc", "-r", "sucrase/register/ts", path.join(__dirname, "case.ts"), program, mode, String(size)],
        {
            cwd: ROOT,
            encoding: "utf8",
            maxBuffer: 16 * 1024 * 1024,
        },
    );
    if (child.status !== 0) {
        throw new Error(`case ${program} ${mode} ${size} failed (exit ${child.status}): ${child.stderr || child.error?.message}`);
    }
    return JSON.parse(child.stdout) as CaseResult;
}

/** A command whose start-up the benchmark times end to end. */
export interface ColdStartCommand {
    readonly label: string;
    readonly command: string;
    readonly args: readonly string[];
    /** Runs before each timed run, off the clock. */
    readonly prepare?: () => void;
}

/** Runs `c` to completion, output discarded, and returns its wall time in milliseconds. */
export function timeCommand(c: ColdStartCommand): number {
    const start = performance.now();
    const child = spawnSync(c.command, c.args, { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
    const elapsed = performance.now() - start;
    if (child.status !== 0) throw new Error(`${c.label} failed (exit ${child.status}): ${child.stderr || child.error?.message}`);
    return elapsed;
}
