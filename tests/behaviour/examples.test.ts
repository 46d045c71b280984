import { strict as assert } from "assert";
import * as path from "path";
import { RenderResult, renderProgram } from "../../sdk/tools/render/engine";
import { EXAMPLE_CONFIG, nodeExamples } from "../helpers/examples";
import { assertValidObject } from "../helpers/schema";

const ROOT = path.resolve(__dirname, "..", "..");
const EXAMPLES = path.join(ROOT, "examples");

/**
 * Every Node.js example: a complete Pulumi project. Programs in other languages are checked
 * against the schema in component-provider.test.ts.
 */
const exampleDirs = nodeExamples().map((d) => path.join(ROOT, d));

/** The one object of `kind` named `name`, or whose name matches `name` when it is a pattern. */
function objectNamed(result: RenderResult, kind: string, name: string | RegExp) {
    const found = result.resources.filter(
        (r) => r.object.kind === kind && (typeof name === "string" ? r.object.metadata.name === name : name.test(r.object.metadata.name)),
    );
    assert.equal(found.length, 1, `expected one ${kind} ${name}`);
    return found[0].object as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe("examples", () => {
    it("include the ZooKeeper examples", () => {
        const names = exampleDirs.map((d) => path.basename(d));
        assert.ok(names.includes("zookeeper-in-cluster") && names.includes("zookeeper-external"), names.join(", "));
    });

    for (const dir of exampleDirs) {
        it(`renders ${path.relative(ROOT, dir)} into objects the Kubernetes schemas accept`, async () => {
            const result = await renderProgram(dir, { config: EXAMPLE_CONFIG[path.relative(ROOT, dir)] });
            assert.ok(result.resources.length > 0);
            for (const r of result.resources) assertValidObject(r.object);
        });
    }

    it("renders the in-cluster ZooKeeper example as its README describes it", async () => {
        const result = await renderProgram(path.join(EXAMPLES, "zookeeper-in-cluster"));
        const sts = objectNamed(result, "StatefulSet", "zk");
        const container = sts.spec.template.spec.containers[0];
        assert.equal(container.image, "zookeeper:3.9.3");
        assert.equal(container.env.find((e: { name: string }) => e.name === "ZK_SERVER_HEAP").value, "1536");
        assert.deepEqual(
            sts.spec.volumeClaimTemplates.map((t: Record<string, any>) => `${t.metadata.name}:${t.spec.resources.requests.storage}`), // eslint-disable-line @typescript-eslint/no-explicit-any
            ["data:20Gi", "datalog:10Gi"],
        );
        const zooCfg: string = objectNamed(result, "ConfigMap", /^zk-config-[0-9a-f]{10}$/).data["zoo.cfg"];
        assert.equal(zooCfg, result.outputs.zooCfg);
        assert.ok(zooCfg.includes("\ndataLogDir=/datalog\n") && zooCfg.includes("4lw.commands.whitelist=ruok, srvr, mntr"));
        assert.equal(result.outputs.connectionString, [0, 1, 2].map((o) => `zk-${o}.zk-headless.default.svc.cluster.local:2181`).join(","));
    });

    it("renders the external ZooKeeper example with a named endpoint for each server and their zoo.cfg", async () => {
        const result = await renderProgram(path.join(EXAMPLES, "zookeeper-external"));
        const slice = objectNamed(result, "EndpointSlice", "zk-headless-ext-ipv4-0");
        assert.deepEqual(
            slice.endpoints.map((e: { hostname: string; addresses: string[] }) => `${e.hostname}=${e.addresses[0]}`),
            ["zk-0=10.20.0.11", "zk-1=10.20.0.12", "zk-2=10.20.0.13"],
        );
        assert.deepEqual(
            String(result.outputs.zooCfg)
                .split("\n")
                .filter((l) => l.startsWith("server.")),
            [0, 1, 2].map((o) => `server.${o + 1}=zk-${o}.zk-headless.default.svc.cluster.local:2888:3888;2181`),
        );
        assert.equal(result.resources.filter((r) => r.object.kind === "StatefulSet").length, 0);
    });
});

describe("the root demo program", () => {
    const renderings: [string, string[]][] = [
        ["inCluster", ["mode=inCluster"]],
        ["external", ["mode=external"]],
        ["hybrid", ["mode=hybrid", "replicas=2", "startOrdinal=1", "externalAddresses=10.0.0.10"]],
    ];
    for (const [mode, config] of renderings) {
        it(`renders a ZooKeeper ensemble with its zoo.cfg in ${mode} mode, every object schema-valid`, async () => {
            const result = await renderProgram(ROOT, { config });
            for (const r of result.resources) assertValidObject(r.object);
            assert.equal(result.outputs.mode, mode);
            const servers = String(result.outputs.zooCfg)
                .split("\n")
                .filter((l) => l.startsWith("server."));
            assert.equal(servers.length, 3);
            if (mode !== "external")
                assert.equal(objectNamed(result, "ConfigMap", /^zk-config-[0-9a-f]{10}$/).data["zoo.cfg"], result.outputs.zooCfg);
        });
    }
});
