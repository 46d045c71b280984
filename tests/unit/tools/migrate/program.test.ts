import { strict as assert } from "assert";
import * as os from "os";
import * as path from "path";
import { UNSAFE_PLAN_EXIT_CODE, describeSide, planMigration, sideRefused } from "../../../../sdk/tools/migrate/program";
import { ProjectError } from "../../../../sdk/tools/render/project";

describe("describeSide", () => {
    const cases: [string, Parameters<typeof describeSide>[0], string][] = [
        ["nothing", {}, "project defaults"],
        ["a stack", { stack: "step1" }, "stack step1"],
        ["config pairs", { config: ["mode=hybrid", "replicas=3"] }, "mode=hybrid + replicas=3"],
        ["a stack and pairs", { stack: "step1", config: ["mode=hybrid"] }, "stack step1 + mode=hybrid"],
    ];
    for (const [what, side, expected] of cases) {
        it(`describes ${what} as ${JSON.stringify(expected)}`, () => {
            assert.equal(describeSide(side), expected);
        });
    }
});

describe("planMigration", () => {
    it("exits 3 on an unsafe plan, apart from errors (1) and usage mistakes (2)", () => {
        assert.equal(UNSAFE_PLAN_EXIT_CODE, 3);
    });

    it("names the side whose configuration is refused", async () => {
        const dir = path.join(os.tmpdir(), "stateful-ensemble-no-such-project");
        await assert.rejects(
            planMigration(dir, { from: { stack: "a", config: ["mode=external"] }, to: {} }),
            (err: unknown) =>
                err instanceof ProjectError &&
                err.message ===
                    `the from configuration (stack a + mode=external) is refused: ${dir} is not a Pulumi project: it has no Pulumi.yaml`,
        );
    });
});

describe("sideRefused", () => {
    it("names the side and its configuration before the program's own message", () => {
        const err = sideRefused("to", { config: ["mode=hybrid"] }, new Error("bad"));
        assert.ok(err instanceof ProjectError);
        assert.equal(err.message, "the to configuration (mode=hybrid) is refused: bad");
    });
});
