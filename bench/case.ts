/**
 * One benchmark case, run in a fresh process by `bench/run.ts`: evaluates one program under
 * Pulumi's mock engine (the renderer's own `renderProgram`) and prints one JSON line of
 * measurements. Modules are loaded before the clock starts, so the wall time is the program's
 * evaluation alone; start-up is measured separately, by the cold-start cases.
 *
 *   node --expose-gc -r sucrase/register/ts bench/case.ts <component|hand-written> <mode> <size>
 */
import * as path from "path";
import { performance } from "perf_hooks";
import * as v8 from "v8";
import type * as Engine from "../sdk/tools/render/engine";
import type * as Package from "../sdk";
import type * as Yaml from "../sdk/tools/render/yaml";
import { BenchMode, PROGRAMS, Program, parseCase } from "./fleet";
// Both programs load here, before any clock starts; the projects' entry points only call them.
import { benchArgs } from "./programs/component";
import "./programs/hand-written";

/** What a case reports. */
export interface CaseResult {
    readonly wallMs: number;
    /** CPU time (user + system) over the same span: what the work costs when other processes compete for the cores. */
    readonly cpuMs: number;
    /** The highest `heapUsed` seen, sampled every millisecond and at the end. */
    readonly peakHeapBytes: number;
    /** The process's peak resident set size, as the kernel counts it (getrusage). */
    readonly peakRssBytes: number;
    /** Resources the program registered, components included. */
    readonly registered: number;
    /** Kubernetes objects rendered. */
    readonly objects: number;
    /** Bytes of the rendered multi-document YAML. */
    readonly yamlBytes: number;
    /** The component's validation and planning alone, compiled (0 for the hand-written program). */
    readonly ownWorkMs: number;
}

const ROOT = path.resolve(__dirname, "..");

/** The compiled package, as users run it (`npm run bench` builds it first). */
function compiled<T>(module: string): T {
    return require(path.join(ROOT, "dist", module)) as T;
}

/**
 * Starts the clocks: wall time, CPU time, and the highest heap in use, sampled every millisecond.
 * A timer cannot fire inside synchronous work, so the heap is also sampled when the clock is read.
 */
function startClock() {
    // V8's own counter, the `heapUsed` of process.memoryUsage() without the resident-set syscall.
    const used = () => v8.getHeapStatistics().used_heap_size;
    let peak = used();
    const sample = () => {
        peak = Math.max(peak, used());
    };
    const timer = setInterval(sample, 1);
    const cpu = process.cpuUsage();
    const start = performance.now();
    return {
        read() {
            const wallMs = performance.now() - start;
            const cpuUsed = process.cpuUsage(cpu);
            sample();
            return { wallMs, cpuMs: (cpuUsed.user + cpuUsed.system) / 1000 };
        },
        peakHeap(): number {
            clearInterval(timer);
            return peak;
        },
    };
}

async function runCase(program: Program, mode: string, size: number): Promise<CaseResult> {
    const c = parseCase(mode, size);
    const engine = compiled<typeof Engine>("tools/render/engine");
    const { toYaml } = compiled<typeof Yaml>("tools/render/yaml");
    const pkg = compiled<typeof Package>("index");
    // Load what either program loads, so neither pays for module loading on the clock.
    const k8s = require("@pulumi/kubernetes") as typeof import("@pulumi/kubernetes");
    void [k8s.core.v1.Service, k8s.core.v1.ServiceAccount, k8s.apps.v1.StatefulSet, k8s.policy.v1.PodDisruptionBudget];
    void k8s.discovery.v1.EndpointSlice;

    const dir = path.join(__dirname, "projects", program);
    settleHeap();
    const clock = startClock();
    const result = await engine.renderProgram(dir, { config: [`mode=${c.mode}`, `size=${c.size}`] });
    const { wallMs, cpuMs } = clock.read();
    const peakHeapBytes = clock.peakHeap();
    const peakRssBytes = peakRss();
    const yaml = toYaml(result.resources.map((r) => r.object));
    return {
        wallMs,
        cpuMs,
        peakHeapBytes,
        peakRssBytes,
        registered: result.registered,
        objects: result.resources.length,
        yamlBytes: Buffer.byteLength(yaml),
        ownWorkMs: program === "component" ? ownWork(pkg, c.mode, c.size) : 0,
    };
}

/**
 * The component's own pure work for the case, validation and planning, without the engine:
 * the median of five runs after the evaluation, so the code is compiled and the time grows
 * only with the work.
 */
function ownWork(pkg: typeof Package, mode: BenchMode, size: number): number {
    const args = benchArgs(mode, size);
    const times = Array.from({ length: 5 }, () => {
        const start = performance.now();
        pkg.planEnsemble(pkg.validateEnsemble("zk", args));
        return performance.now() - start;
    });
    return times.sort((a, b) => a - b)[2];
}

/**
 * Collects the garbage of start-up before the clock starts (the child runs with --expose-gc).
 * Otherwise a collection that start-up made due may fall inside one program's evaluation and
 * not the other's, a difference of several milliseconds that has nothing to do with either.
 */
function settleHeap(): void {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) throw new Error("run with --expose-gc");
    gc();
}

function peakRss(): number {
    return process.resourceUsage().maxRSS * 1024;
}

if (require.main === module) {
    const [program, mode, size] = process.argv.slice(2);
    if (!PROGRAMS.includes(program as Program)) {
        process.stderr.write(`usage: case.ts <${PROGRAMS.join("|")}> <mode> <size>\n`);
        process.exit(2);
    }
    runCase(program as Program, mode, Number(size)).then(
        (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
        (err: unknown) => {
            process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
            process.exit(1);
        },
    );
}
