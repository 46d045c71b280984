/**
 * docs/migration.md: every planner command the guide shows for the example runs, prints exactly
 * the output the guide quotes and says the step is safe; the `pulumi config set` commands before
 * it turn the command's first configuration into its second.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { main, parseArgs, splitPairs } from "../../../sdk/tools/render/cli";
import { parseConfigPairs, readProject, readStackConfig } from "../../../sdk/tools/render/project";
import { PlanStep, planSteps } from "../../helpers/markdown";
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

    it("shows the planner on every step of both paths and of the reverse move", () => {
        // Path 1: three steps and a roll-back; path 2: three steps; the reverse move: three steps.
        assert.equal(steps.length, 10);
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
});
