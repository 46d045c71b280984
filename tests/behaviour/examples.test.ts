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

describe("the production ZooKeeper example", () => {
    it("renders a hybrid ensemble with TLS, SASL from mounted Secrets, a metrics port and a PodMonitor", async () => {
        const result = await renderProgram(path.join(EXAMPLES, "zookeeper-production"));
        const sts = objectNamed(result, "StatefulSet", "zk");
        const pod = sts.spec.template.spec;
        assert.deepEqual(
            pod.volumes.filter((v: Record<string, any>) => v.secret).map((v: Record<string, any>) => `${v.name}:${v.secret.secretName}`), // eslint-disable-line @typescript-eslint/no-explicit-any
            ["tls:zk-tls", "sasl:zk-jaas"],
        );
        const headless = objectNamed(result, "Service", "zk-headless");
        assert.deepEqual(
            headless.spec.ports.map((p: { name: string; port: number }) => `${p.name}:${p.port}`),
            ["client-tls:2281", "server:2888", "election:3888", "admin:8080", "metrics:7000"],
        );
        // The VM is scraped through its slice's metrics port, named as the Service's.
        const slice = objectNamed(result, "EndpointSlice", "zk-headless-ext-ipv4-0");
        assert.ok(slice.ports.some((p: { name: string; port: number }) => p.name === "metrics" && p.port === 7000));
        const monitor = objectNamed(result, "PodMonitor", "zk");
        assert.equal(monitor.metadata.labels.release, "prometheus");
        assert.deepEqual(monitor.spec.podMetricsEndpoints, [{ port: "metrics", path: "/metrics", interval: "30s" }]);
        const zooCfg = String(result.outputs.zooCfg);
        assert.equal(objectNamed(result, "ConfigMap", /^zk-config-[0-9a-f]{10}$/).data["zoo.cfg"], zooCfg);
        assert.ok(zooCfg.includes("\nsslQuorum=true\nportUnification=false\n"), zooCfg);
        assert.equal(result.outputs.connectionString, [0, 1, 2].map((o) => `zk-${o}.zk-headless.data.svc.cluster.local:2281`).join(","));
    });

    it("renders each step of the rolling upgrade to TLS", async () => {
        const steps: string[] = [];
        for (const stage of ["portUnification", "quorumTls", "strict"]) {
            const result = await renderProgram(path.join(EXAMPLES, "zookeeper-production"), { config: [`tlsStage=${stage}`] });
            for (const r of result.resources) assertValidObject(r.object);
            const cfg = String(result.outputs.zooCfg);
            steps.push(`${/^portUnification=(\w+)$/m.exec(cfg)?.[1]}/${/^sslQuorum=(\w+)$/m.exec(cfg)?.[1]}`);
        }
        assert.deepEqual(steps, ["true/false", "true/true", "false/true"]);
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
