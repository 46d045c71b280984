/**
 * docs/migration.md: every planner command the guide shows for the example runs, prints exactly
 * the output the guide quotes and says the step is safe; the `pulumi config set` commands before
 * it turn the command's first configuration into its second.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main, parseArgs, splitPairs } from "../../../sdk/tools/render/cli";
import { parseConfigPairs, readProject, readStackConfig } from "../../../sdk/tools/render/project";
import { PlanStep, codeBlocks, planSteps, shellWords } from "../../helpers/markdown";
import { SIX_SERVERS, allowWarning } from "../../helpers/warnings";

const GUIDE = path.join("docs", "migration.md");
const DIR = "examples/zookeeper-migration";

/** The effective configuration of one side of a planner command, as the renderer computes it. */
function sideConfig(step: PlanStep, side: "from" | "to"): Record<string, string> {
    const project = readProject(DIR);
    const args = parseArgs(step.argv.slice(2), ["from", "to", "from-stack", "to-stack", "config"], []);
    const stack = args.options.get(`${side}-stack`)?.[0];
    const pairs = [...(args.options.get("config") ?? []), ...(args.options.get(side) ?? []).flatMap((v) => splitPairs(side, v))];
    return {
        ...project.configDefaults,
        ...(stack ? readStackConfig(project, stack) : {}),
        ...parseConfigPairs(project.name, pairs),
    };
}

describe("docs/migration.md", () => {
    const steps = planSteps(fs.readFileSync(GUIDE, "utf8"), DIR);

    it("shows the planner on every step of path 2 and of the reverse move", () => {
        assert.equal(steps.length, 6);
    });

    for (const step of steps) {
        describe(`the step at line ${step.line}`, () => {
            it("prints exactly the plan the guide shows, and a safe verdict", async () => {
                // The steps through six servers (three VMs and three pods) warn about the even count.
                allowWarning(SIX_SERVERS);
                let stdout = "";
                let stderr = "";
                const code = await main(step.argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
                assert.equal(stderr, "");
                assert.equal(stdout, step.expected);
                assert.equal(code, 0);
            });

            it("changes the configuration with exactly the pulumi config commands it lists", () => {
                const project = readProject(DIR).name;
                const config = sideConfig(step, "from");
                const sets = step.commands.filter((c) => c[0] === "pulumi");
                assert.ok(sets.length > 0, "the step lists its config change");
                for (const c of sets) {
                    assert.deepEqual(c.slice(0, 3), ["pulumi", "config", "set"]);
                    assert.equal(c.length, 5, c.join(" "));
                    config[`${project}:${c[3]}`] = c[4];
                }
                assert.deepEqual(config, sideConfig(step, "to"));
            });
        });
    }

    describe("the safe paths it generates", function () {
        // A path is planned by rendering every step of it in this process: several renders, each a
        // second or more on a loaded machine.
        this.timeout(90_000);
        const generated = planSteps(fs.readFileSync(GUIDE, "utf8"), DIR, true);

        it("shows VMs → cluster and cluster → VMs for three and five members, and the grow path", () => {
            assert.equal(generated.length, 5);
        });

        for (const step of generated) {
            it(`prints exactly the path the guide shows at line ${step.line}, the files written where it says`, async () => {
                allowWarning(/the ensemble has [46] servers/);
                const out = fs.mkdtempSync(path.join(os.tmpdir(), "guide-steps-"));
                const argv = [...step.argv];
                const at = argv.indexOf("--steps") + 1;
                const shown = argv[at];
                argv[at] = out;
                let stdout = "";
                const code = await main(argv, { stdout: (t) => (stdout += t), stderr: () => {} });
                assert.equal(code, 0);
                assert.equal(stdout.replace(` in ${out}\n`, ` in ${shown}\n`), step.expected);
                if (shown === DIR) {
                    for (const file of fs.readdirSync(out)) {
                        assert.equal(fs.readFileSync(path.join(out, file), "utf8"), fs.readFileSync(path.join(DIR, file), "utf8"), file);
                    }
                }
            });
        }
    });

    it("quotes the step rules the planner reports for the root program, which exits 3", async () => {
        const blocks = codeBlocks(fs.readFileSync(GUIDE, "utf8"));
        const at = blocks.findIndex(
            (b) => b.lang === "sh" && b.text === "npx stateful-ensemble plan . --from mode=external --to mode=inCluster\n",
        );
        assert.ok(at >= 0, "the guide shows the command");
        let stdout = "";
        const code = await main(shellWords(blocks[at].text).slice(2), { stdout: (t) => (stdout += t), stderr: () => {} });
        assert.equal(code, 3);
        assert.ok(stdout.includes(blocks[at + 1].text), stdout);
    });
});
