/**
 * `npm run profile`: where the time of a render goes. Runs `node bin/stateful-ensemble.js render .`
 * under V8's sampling profiler (`--cpu-prof`) several times and prints, as medians over the runs,
 * the time spent inside `require` (loading modules) and outside it, and the self time of each
 * package, of Node.js itself and of V8's garbage collector.
 *
 *   npm run profile [-- --runs 5 --load-all]
 *
 * `--load-all` profiles the plain path (STATEFUL_ENSEMBLE_LOAD_ALL=1) instead.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT, median } from "./measure";

/** The parts of a `.cpuprofile` this script reads. */
interface CpuProfile {
    readonly nodes: readonly {
        readonly id: number;
        readonly callFrame: { readonly functionName: string; readonly url: string };
        readonly children?: readonly number[];
    }[];
    readonly samples: readonly number[];
    /** Microseconds since the previous sample. */
    readonly timeDeltas: readonly number[];
}

/** What a sample's own frame is: a package, the renderer, the program, Node.js or V8. */
export function categoryOf(functionName: string, url: string): string {
    if (functionName === "(garbage collector)") return "V8: garbage collection";
    if (functionName === "(program)") return "V8: compiling and native code";
    if (functionName === "(idle)") return "idle (waiting on I/O)";
    if (url.startsWith("node:")) return "Node.js (module loader, fs, streams)";
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
    if (pkg && pkg[1] !== ".cache") return pkg[1];
    // The yaml package as the build bundled it (scripts/bundle-yaml.js) is still yaml's code.
    if (url.includes("/dist/vendor/yaml.js")) return "yaml";
    if (url.includes("/dist/") || url.includes("/bin/")) return "stateful-ensemble (dist, bin)";
    return url === "" ? "V8: other" : "the program";
}

/** A frame inside which everything counts as loading modules. */
function isRequire(functionName: string, url: string): boolean {
    return url.startsWith("node:internal/modules/cjs") && (functionName === "require" || functionName === "Module._load");
}

/** Self time per category, and time spent inside `require`, in milliseconds. */
export function summariseProfile(profile: CpuProfile): { total: number; loading: number; byCategory: Map<string, number> } {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const inRequire = new Map<number, boolean>();
    const walk = (id: number, inside: boolean) => {
        const node = byId.get(id)!;
        const here = inside || isRequire(node.callFrame.functionName, node.callFrame.url);
        inRequire.set(id, here);
        for (const child of node.children ?? []) walk(child, here);
    };
    walk(profile.nodes[0].id, false);
    const byCategory = new Map<string, number>();
    let total = 0;
    let loading = 0;
    profile.samples.forEach((id, i) => {
        const ms = (profile.timeDeltas[i] ?? 0) / 1000;
        const { functionName, url } = byId.get(id)!.callFrame;
        const category = categoryOf(functionName, url);
        byCategory.set(category, (byCategory.get(category) ?? 0) + ms);
        total += ms;
        if (inRequire.get(id)) loading += ms;
    });
    return { total, loading, byCategory };
}

function profileOnce(loadAll: boolean): ReturnType<typeof summariseProfile> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stateful-ensemble-profile-"));
    try {
        const child = spawnSync(
            process.execPath,
            ["--cpu-prof", "--cpu-prof-interval", "200", "--cpu-prof-dir", dir, "bin/stateful-ensemble.js", "render", "."],
            {
                cwd: ROOT,
                stdio: ["ignore", "ignore", "pipe"],
                encoding: "utf8",
                env: { ...process.env, STATEFUL_ENSEMBLE_LOAD_ALL: loadAll ? "1" : "" },
            },
        );
        if (child.status !== 0) throw new Error(`render failed (exit ${child.status}): ${child.stderr}`);
        const [file] = fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
        return summariseProfile(JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as CpuProfile);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/** The report: the split between loading and the rest, then the categories by median self time. */
export function formatProfile(runs: readonly ReturnType<typeof summariseProfile>[], top = 15): string {
    const m = (f: (r: (typeof runs)[number]) => number) => median(runs.map(f));
    const total = m((r) => r.total);
    const categories = [...new Set(runs.flatMap((r) => [...r.byCategory.keys()]))]
        .map((c) => [c, m((r) => r.byCategory.get(c) ?? 0)] as const)
        .sort((a, b) => b[1] - a[1])
        .slice(0, top);
    const line = (label: string, ms: number) =>
        `${ms.toFixed(1).padStart(8)} ms  ${((100 * ms) / total).toFixed(0).padStart(3)}%  ${label}`;
    return [
        `Profile of node bin/stateful-ensemble.js render . (--cpu-prof, 0.2 ms samples): medians of ${runs.length} runs`,
        line("sampled in all (from the profiler's start, after Node.js's own start-up)", total),
        line(
            "inside require(): loading modules",
            m((r) => r.loading),
        ),
        line(
            "outside require(): the program under the mock engine, YAML, exit",
            m((r) => r.total - r.loading),
        ),
        "",
        "self time by package",
        ...categories.map(([c, ms]) => line(c, ms)),
    ].join("\n");
}

function main(argv: readonly string[]): void {
    const i = argv.indexOf("--runs");
    const runs = i >= 0 ? Number(argv[i + 1]) : 5;
    if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs needs a positive integer, not ${JSON.stringify(argv[i + 1])}`);
    const loadAll = argv.includes("--load-all");
    profileOnce(loadAll); // warms the file-system cache and the transpile cache
    const results = Array.from({ length: runs }, () => profileOnce(loadAll));
    process.stdout.write(`${formatProfile(results)}\n`);
}

if (require.main === module) {
    try {
        main(process.argv.slice(2));
    } catch (err) {
        process.stderr.write(`profile: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exitCode = 1;
    }
}
