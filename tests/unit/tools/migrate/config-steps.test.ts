import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { STEP_KEYS, externalAddresses, planConfigSteps, stepConfig, yamlValue } from "../../../../sdk/tools/migrate/config-steps";
import { ProjectError } from "../../../../sdk/tools/render/project";

const vm = (ordinal: number) => ({ ordinal, address: `10.0.0.${10 + ordinal}` });

describe("externalAddresses", () => {
    it("writes each external member at the place of its ordinal, empty places for the others", () => {
        assert.equal(externalAddresses({ members: [vm(0), vm(1), { ordinal: 2 }], clientTraffic: "all" }), "10.0.0.10,10.0.0.11");
        assert.equal(externalAddresses({ members: [vm(1), vm(2), { ordinal: 3 }], clientTraffic: "all" }), ",10.0.0.11,10.0.0.12");
    });
});

describe("stepConfig", () => {
    const previous = {
        mode: "hybrid",
        replicas: "1",
        startOrdinal: "2",
        externalAddresses: "10.0.0.10,10.0.0.11",
        clientTraffic: "external",
    };

    it("writes the mode, the pods' range, the addresses by place and the client traffic of the layout", () => {
        const layout = { members: [vm(0), { ordinal: 1 }, { ordinal: 2 }], clientTraffic: "inCluster" as const };
        assert.deepEqual(stepConfig({ namespace: "zk" }, previous, layout), {
            namespace: "zk",
            mode: "hybrid",
            replicas: "2",
            startOrdinal: "1",
            externalAddresses: "10.0.0.10",
            clientTraffic: "inCluster",
        });
    });

    it("keeps the previous range while no pod runs, and client traffic the mode refuses becomes all", () => {
        const layout = { members: [vm(0), vm(1), vm(2)], clientTraffic: "all" as const };
        assert.deepEqual(stepConfig({}, { ...previous, clientTraffic: "inCluster" }, layout), {
            mode: "external",
            replicas: "1",
            startOrdinal: "2",
            externalAddresses: "10.0.0.10,10.0.0.11,10.0.0.12",
            clientTraffic: "all",
        });
    });
});

describe("yamlValue", () => {
    it("writes integers bare and quotes what YAML would read as another type", () => {
        assert.equal(yamlValue("3"), "3");
        assert.equal(yamlValue("10.0.0.10,10.0.0.11"), "10.0.0.10,10.0.0.11");
        assert.equal(yamlValue(""), '""');
        assert.equal(yamlValue("true"), '"true"');
    });
});

describe("planConfigSteps", () => {
    it(`refuses a program that does not declare the keys it would write (${STEP_KEYS.join(", ")})`, async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "steps-"));
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: p\nruntime: nodejs\nconfig:\n    mode: inCluster\n");
        fs.writeFileSync(path.join(dir, "index.ts"), "export {};\n");
        await assert.rejects(
            planConfigSteps(dir, {}, {}),
            (err: Error) =>
                err instanceof ProjectError &&
                /does not declare replicas, startOrdinal, externalAddresses, clientTraffic/.test(err.message),
        );
    });
});
