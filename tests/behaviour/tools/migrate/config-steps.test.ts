/** Config steps planned on the repository's own programs: each step rendered and planned in this process. */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
    DEFAULT_STEPS_STACK,
    STEP_KEYS,
    planConfigPath,
    planConfigSteps,
    writeConfigSteps,
} from "../../../../sdk/tools/migrate/config-steps";

import { expectWarning } from "../../../helpers/warnings";

const EXAMPLE = path.resolve(__dirname, "../../../../examples/zookeeper-migration");
const ROOT = path.resolve(__dirname, "../../../..");

describe("planConfigSteps", function () {
    // A path is planned by rendering every step of it in this process: several renders, each a
    // second or more on a loaded machine.
    this.timeout(90_000);
    it("moves the example's VMs into the cluster one member per step, in the documented keys", async () => {
        const steps = await planConfigSteps(EXAMPLE, { config: ["mode=external"] }, { config: ["mode=inCluster", "externalAddresses="] });
        assert.deepEqual(
            steps.map((s) => [s.mode, s.startOrdinal, s.replicas, s.externalAddresses]),
            [
                ["external", "0", "3", "10.0.0.10,10.0.0.11,10.0.0.12"],
                ["hybrid", "2", "1", "10.0.0.10,10.0.0.11"],
                ["hybrid", "1", "2", "10.0.0.10"],
                ["inCluster", "0", "3", ""],
            ],
        );
        for (const step of steps) assert.deepEqual(Object.keys(step).sort(), [...STEP_KEYS].sort());
    });

    it("keeps the root program's external members at the lowest ordinals, as its list of addresses places them", async () => {
        const steps = await planConfigSteps(ROOT, { config: ["mode=inCluster"] }, { config: ["mode=external"] });
        assert.deepEqual(
            steps.map((s) => [s.mode, s.startOrdinal, s.replicas, s.externalAddresses]),
            [
                ["inCluster", "0", "3", "10.0.0.10,10.0.0.11,10.0.0.12"],
                ["hybrid", "1", "2", "10.0.0.10"],
                ["hybrid", "2", "1", "10.0.0.10,10.0.0.11"],
                ["external", "0", "3", "10.0.0.10,10.0.0.11,10.0.0.12"],
            ],
        );
    });
});

describe("writeConfigSteps", function () {
    // A path is planned by rendering every step of it in this process: several renders, each a
    // second or more on a loaded machine.
    this.timeout(90_000);
    it("writes one stack file per step with what it does, and removes steps a longer path left behind", async () => {
        expectWarning(/the ensemble has 4 servers/);
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "steps-"));
        fs.writeFileSync(path.join(out, `Pulumi.${DEFAULT_STEPS_STACK}-step7.yaml`), "config: {}\n");
        const found = await planConfigPath(
            EXAMPLE,
            { config: ["mode=external"] },
            { config: ["mode=hybrid", "startOrdinal=3", "replicas=1"] },
        );
        const files = writeConfigSteps(EXAMPLE, out, DEFAULT_STEPS_STACK, found);
        assert.deepEqual(fs.readdirSync(out).sort(), ["Pulumi.migration-step0.yaml", "Pulumi.migration-step1.yaml"]);
        assert.equal(
            fs.readFileSync(files[1], "utf8"),
            [
                "# Step 1 of 1: add zk-3 in the cluster.",
                "config:",
                "    zookeeper-migration:mode: hybrid",
                "    zookeeper-migration:replicas: 1",
                "    zookeeper-migration:startOrdinal: 3",
                "    zookeeper-migration:externalAddresses: 10.0.0.10,10.0.0.11,10.0.0.12",
                "    zookeeper-migration:clientTraffic: all",
                "",
            ].join("\n"),
        );
    });
});
