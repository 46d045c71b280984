/** Runs measurements in fresh child processes and sums them up with medians. */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
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
    /** How the report and the targets refer to it. */
    readonly id: string;
    readonly label: string;
    /** Node.js commands run as `node <args>`, with their peak RSS measured; others run as they are. */
    readonly command: "node" | "npm";
    readonly args: readonly string[];
    /** Set in the command's environment. */
    readonly env?: Readonly<Record<string, string>>;
    /** Exit codes that mean success (a plan exits 3 when a switch is unsafe); default 0. */
    readonly exitCodes?: readonly number[];
    /** Runs before each timed run, off the clock. */
    readonly prepare?: () => void;
}

/** One timed run of a command. */
export interface CommandRun {
    readonly ms: number;
    /** The peak resident set size of a Node.js command's process; NaN for others. */
    readonly rssBytes: number;
}

const RSS_HOOK = path.join(__dirname, "rss-hook.js");

/** Runs `c` to completion, output discarded, and returns its wall time and peak RSS. */
export function timeCommand(c: ColdStartCommand): CommandRun {
    const rssFile = path.join(os.tmpdir(), `stateful-ensemble-bench-rss-${process.pid}`);
    fs.rmSync(rssFile, { force: true });
    const [command, args] = c.command === "node" ? [process.execPath, ["-r", RSS_HOOK, ...c.args]] : [c.command, c.args];
    const env = { ...process.env, ...c.env, BENCH_RSS_FILE: rssFile };
    const start = performance.now();
    const child = spawnSync(command, args, { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8", env });
    const ms = performance.now() - start;
    if (!(c.exitCodes ?? [0]).includes(child.status ?? -1)) {
        throw new Error(`${c.label} failed (exit ${child.status}): ${child.stderr || child.error?.message}`);
    }
    const rssBytes = c.command === "node" ? Number(fs.readFileSync(rssFile, "utf8")) : NaN;
    fs.rmSync(rssFile, { force: true });
    return { ms, rssBytes };
}
