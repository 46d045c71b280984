/** The package's entry point: what `import ... from "stateful-ensemble"` finds at run time. */
import { strict as assert } from "assert";
import * as entry from "../../sdk";
import * as args from "../../sdk/api/args";
import * as zookeeperArgs from "../../sdk/presets/zookeeper/args";
import { StatefulEnsemble } from "../../sdk/component/ensemble";
import { ZooKeeperEnsemble } from "../../sdk/presets/zookeeper";

describe("the package entry point", () => {
    it("exports the components, the planner and renderer functions, and every value of the args modules", () => {
        const own = Object.keys(entry)
            .filter((k) => !(k in args) && !(k in zookeeperArgs))
            .sort();
        assert.deepEqual(own, [
            "APPLY_ORDER",
            "EnsembleArgsError",
            "MAX_PATH_MEMBERS",
            "PlanAction",
            "SafePathError",
            "StatefulEnsemble",
            "StepRule",
            "UNSAFE_PLAN_EXIT_CODE",
            "ZooKeeperEnsemble",
            "diffRenders",
            "formatPlan",
            "planConfigSteps",
            "planEnsemble",
            "planMigration",
            "planSafePath",
            "plannedEndpoints",
            "renderProgram",
            "validateEnsemble",
        ]);
        for (const [name, value] of [...Object.entries(args), ...Object.entries(zookeeperArgs)]) {
            assert.equal((entry as Record<string, unknown>)[name], value, name);
        }
        assert.equal(entry.StatefulEnsemble, StatefulEnsemble);
        assert.equal(entry.ZooKeeperEnsemble, ZooKeeperEnsemble);
    });

    it("gives each component the contract's type token", () => {
        assert.equal(entry.StatefulEnsemble.__pulumiType, "stateful-ensemble:index:StatefulEnsemble");
        assert.equal(entry.ZooKeeperEnsemble.__pulumiType, "stateful-ensemble:index:ZooKeeperEnsemble");
    });
});
