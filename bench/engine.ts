/**
 * The real engine's cost, side by side: `pulumi preview` and `pulumi up` of the component and of
 * the hand-written program of bench/projects, through the Pulumi CLI, its Node.js language host
 * and the Kubernetes provider built by tests/e2e/tools/build.sh, against the e2e suite's control
 * plane (tests/e2e/control-plane.sh), started for the benchmark and stopped after it.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { SUITE_TOOLS, startCluster, stopCluster, toolsMissing } from "../tests/e2e/harness/cluster";
import { Kube } from "../tests/e2e/harness/kube";
import { PulumiEnvironment } from "../tests/e2e/harness/pulumi";
import { Stack, installLinked } from "../tests/e2e/harness/stack";
import { ENGINE_CASES, EngineComparison, EngineRun, compareEngine } from "./engine-report";
import { PROGRAMS, Program } from "./fleet";
import { ROOT } from "./measure";

/** Why the real engine cannot be measured here, or undefined when it can. */
export function engineMissing(): string | undefined {
    return toolsMissing(SUITE_TOOLS);
}

/**
 * A copy of bench/ (its programs import ../../programs and ../fleet) in a new folder whose
 * node_modules holds the package and the SDK as installed; returns the project folder of `program`.
 */
function stageBench(program: Program): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), `se-bench-${program}-`));
    fs.cpSync(path.join(ROOT, "bench"), path.join(root, "bench"), { recursive: true });
    installLinked(root, `bench-${program}`);
    return path.join(root, "bench", "projects", program);
}

/**
 * Runs every case `runs` times (`sample` after each program's run): per case, one program's `preview`, `up` and `destroy` (not
 * timed), then the other's, the one going first alternating from run to run. Both programs
 * use the same names in the same namespace, so one is destroyed before the other comes up.
 */
export async function measureEngine(runs: number, progress: (text: string) => void, sample: () => void): Promise<EngineComparison[]> {
    const cluster = startCluster();
    const stack = new Map<Program, Stack>();
    const staged: string[] = [];
    try {
        const pulumi = new PulumiEnvironment(cluster.kubeconfig);
        await pulumi.installProvider();
        // The StatefulSet's claims outlive a destroy (Retain) and bind again at the next up.
        await new Kube(cluster.kubeconfig).addVolumes("bench-volume", 6, "10Gi");
        for (const program of PROGRAMS) {
            const dir = stageBench(program);
            staged.push(path.resolve(dir, "..", "..", ".."));
            stack.set(program, await Stack.init(pulumi, dir, "bench"));
        }
        const results = new Map<string, EngineRun[]>();
        for (let run = 0; run < runs; run++) {
            progress(`real engine, run ${run + 1} of ${runs}`);
            for (const { mode, size } of ENGINE_CASES) {
                const order: Program[] = run % 2 === 0 ? ["component", "hand-written"] : ["hand-written", "component"];
                for (const program of order) {
                    const s = stack.get(program)!;
                    await s.configure({ mode, size: String(size) });
                    const preview = await s.cli(s.withStack(["preview"]), { check: true, timeoutMs: 600_000 });
                    const up = await s.up(600_000);
                    await s.destroy();
                    const key = `${program} ${mode} ${size}`;
                    results.set(key, [...(results.get(key) ?? []), { previewS: preview.seconds, upS: up.seconds }]);
                    sample();
                }
            }
        }
        return ENGINE_CASES.map(({ mode, size }) =>
            compareEngine(mode, size, results.get(`component ${mode} ${size}`)!, results.get(`hand-written ${mode} ${size}`)!),
        );
    } finally {
        for (const s of stack.values()) await s.remove().catch(() => undefined);
        for (const dir of staged) fs.rmSync(dir, { recursive: true, force: true });
        stopCluster(cluster);
    }
}
