/**
 * The renderer's fast start (stand-ins for the SDK modules a render never calls, see
 * sdk/tools/render/stand-ins.ts) changes nothing a user sees: every example in every mode
 * renders byte for byte as with every module loaded, and no render uses a stand-in.
 */
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { UNSAFE_PLAN_EXIT_CODE } from "../../../../sdk/tools/migrate/program";
import { EXAMPLE_CONFIG, ROOT, nodeExamples } from "../../../helpers/examples";

const MODES = ["inCluster", "external", "hybrid"] as const;
const DRIVER = path.join(ROOT, "tests", "helpers", "render-cases.js");
const BIN = path.join(ROOT, "bin", "stateful-ensemble.js");

/** Every Node.js project (the root program and the examples), in every mode it reads, and its stacks. */
function cases(): string[][] {
    const all: string[][] = [];
    for (const project of [".", ...nodeExamples()]) {
        const dir = path.join(ROOT, project);
        const config = (EXAMPLE_CONFIG[project] ?? []).flatMap((c) => ["--config", c]);
        const program = fs.readFileSync(path.join(dir, "index.ts"), "utf8");
        const reads = (key: string) => new RegExp(`config\\.(get|getNumber|require)\\("${key}"\\)`).test(program);
        // Hybrid needs room for the external members: the in-cluster range moves up where it can.
        const hybrid = (m: string) => (m === "hybrid" && reads("startOrdinal") ? ["--config", "startOrdinal=3"] : []);
        const modes = reads("mode") ? MODES.map((m) => ["--config", `mode=${m}`, ...hybrid(m)]) : [[]];
        for (const mode of modes) {
            all.push(["render", dir, ...config, ...mode], ["render", dir, "--outputs", "--show-secrets", ...config, ...mode]);
        }
        for (const file of fs.readdirSync(dir).filter((f) => /^Pulumi\..+\.yaml$/.test(f))) {
            all.push(["render", dir, ...config, "--stack", file.slice("Pulumi.".length, -".yaml".length)]);
        }
    }
    all.push(["plan", ROOT, "--from", "mode=inCluster", "--to", "mode=hybrid,startOrdinal=3"]);
    all.push(["plan", ROOT, "--from", "mode=external", "--to", "mode=inCluster"]);
    return all;
}

interface Run {
    results: { argv: string[]; code: number; stdout: string; stderr: string }[];
    used: string[];
    loaded: string[];
}

function run(argvs: string[][], loadAll: boolean): Run {
    const env = { ...process.env, STATEFUL_ENSEMBLE_LOAD_ALL: loadAll ? "1" : "" };
    const child = spawnSync(process.execPath, [DRIVER, JSON.stringify(argvs)], { encoding: "utf8", env, maxBuffer: 64 * 1024 * 1024 });
    assert.equal(child.status, 0, child.stderr);
    return JSON.parse(child.stdout) as Run;
}

describe("the renderer's fast start", function () {
    this.timeout(180_000);
    const argvs = cases();
    let fast: Run;
    let plain: Run;
    before(() => {
        fast = run(argvs, false);
        plain = run(argvs, true);
    });

    it("renders every example in every mode, and plans, byte for byte as with every module loaded", () => {
        assert.ok(argvs.length >= 20, `only ${argvs.length} cases`);
        assert.deepEqual(
            fast.results.map((r) => r.argv),
            argvs,
        );
        fast.results.forEach((r, i) => assert.deepEqual(r, plain.results[i], `${r.argv.join(" ")}`));
        // Both plans break step rules: their verdict is UNSAFE, which has an exit code of its own.
        const expected = (argv: string[]) => (argv[0] === "plan" ? UNSAFE_PLAN_EXIT_CODE : 0);
        assert.deepEqual(
            plain.results
                .filter((r) => r.code !== expected(r.argv) || r.stdout === "")
                .map((r) => `${r.argv.join(" ")}: ${r.code} ${r.stderr}`),
            [],
        );
    });

    it("never calls a stand-in, loads none of the modules it leaves out, and loads yaml from its bundle", () => {
        assert.deepEqual(fast.used, []);
        // Files only the real modules load (a stand-in sits in require.cache under the real entry's name).
        const leftOut = (loaded: string[]) =>
            loaded.filter((f) =>
                /\/(typescript\/lib|@npmcli\/arborist\/lib|@opentelemetry\/api\/build\/src\/api|automation\/localWorkspace|closure\/createClosure)\b|\/@grpc\/grpc-js\/build\/src\/server\.js/.test(
                    f,
                ),
            );
        assert.deepEqual(leftOut(fast.loaded), []);
        // The plain path loads them: the check above would see them if the stand-ins were gone.
        assert.notDeepEqual(leftOut(plain.loaded), []);
        // yaml comes from the build's bundle, one file under the name of yaml's entry; from its own 72 files only on the plain path.
        const yamlFiles = (loaded: string[]) =>
            loaded.filter((f) => /(^|\/)(node_modules\/yaml\/dist\/.*|dist\/vendor\/yaml)\.js$/.test(f));
        assert.deepEqual(yamlFiles(fast.loaded), ["dist/vendor/yaml.js", "node_modules/yaml/dist/index.js"]);
        assert.ok(yamlFiles(plain.loaded).length > 50 && !yamlFiles(plain.loaded).includes("dist/vendor/yaml.js"));
    });

    it("renders again with every module loaded when a program uses a module it left out", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "se-fast-start-"));
        try {
            fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: uses-automation\nruntime: nodejs\n");
            fs.writeFileSync(
                path.join(dir, "index.ts"),
                'import * as pulumi from "@pulumi/pulumi";\nexport const workspace = typeof pulumi.automation.LocalWorkspace;\n',
            );
            const render = (loadAll: string) =>
                spawnSync(process.execPath, [BIN, "render", dir, "--outputs"], {
                    encoding: "utf8",
                    env: { ...process.env, STATEFUL_ENSEMBLE_LOAD_ALL: loadAll },
                });
            const fallback = render("");
            const loadedAll = render("1");
            assert.equal(loadedAll.status, 0, loadedAll.stderr);
            assert.equal(fallback.status, 0, fallback.stderr);
            assert.equal(fallback.stdout, loadedAll.stdout);
            assert.equal(fallback.stderr, loadedAll.stderr);
            assert.deepEqual(JSON.parse(fallback.stdout), { workspace: "function" });
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
