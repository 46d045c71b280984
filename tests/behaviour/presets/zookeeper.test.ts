import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { EnsembleArgsError, ZooKeeperEnsemble, ZooKeeperEnsembleArgs, planEnsemble, validateEnsemble } from "../../../sdk";
import { planZooKeeper } from "../../../sdk/presets/zookeeper/plan";
import { renderProgram } from "../../../sdk/tools/render/engine";
import { recordResources, settle, valueOf } from "../../helpers/mocks";
import { failuresWhileResolving } from "../../helpers/resolution";

const EXTERNAL = { members: [{ address: "10.0.0.10" }, { address: "10.0.0.11" }, { address: "10.0.0.12" }] };
const ARGS: ZooKeeperEnsembleArgs = { mode: "inCluster", inCluster: { replicas: 3 }, external: EXTERNAL };

describe("ZooKeeperEnsemble", () => {
    it("registers under its own type token and owns a StatefulEnsemble of the same name", async () => {
        const rec = await recordResources();
        const zk = new ZooKeeperEnsemble("zk", ARGS);
        await settle();
        assert.equal(rec.get("stateful-ensemble:index:ZooKeeperEnsemble", "zk").custom, false);
        assert.equal(rec.get("stateful-ensemble:index:StatefulEnsemble", "zk").custom, false);
        const urn = await valueOf(zk.clientService.urn);
        assert.match(urn, /::stateful-ensemble:index:StatefulEnsemble\$kubernetes:core\/v1:Service::zk$/);
        assert.equal(
            await valueOf(zk.configMap!.metadata.name),
            await valueOf(zk.statefulSet!.spec.template.spec.volumes.apply((v) => v!.find((x) => x.name === "config")!.configMap!.name!)),
        );
    });

    it("reports an image that resolves to a bad reference once, in the ZooKeeperEnsemble's name", async () => {
        await recordResources();
        const failures = await failuresWhileResolving(() => {
            new ZooKeeperEnsemble("zk", { mode: "inCluster", inCluster: { replicas: 3, image: pulumi.output("Bad Image") } });
        });
        // Pulumi rejects every promise of the registration that needed the value with the same error.
        const errors = [...new Set(failures)];
        assert.equal(errors.length, 1, errors.map(String).join("\n"));
        assert.equal(
            (errors[0] as Error).message,
            'error serializing property "spec": ZooKeeperEnsemble "zk": inCluster.image resolved to "Bad Image", which contains white space',
        );
    });

    it("reports a problem of the core's once, under the path the user wrote", () => {
        assert.throws(
            () => new ZooKeeperEnsemble("zk", { mode: "inCluster", inCluster: { replicas: 3, transactionLogStorage: { size: "5 GB" } } }),
            (err: unknown) =>
                err instanceof EnsembleArgsError &&
                err.component === 'ZooKeeperEnsemble "zk"' &&
                err.problems.length === 1 &&
                err.problems[0] === 'inCluster.transactionLogStorage.size "5 GB" is not a positive Kubernetes quantity such as "10Gi"',
        );
    });

    it("keeps the contract's Kubernetes names and adds the ConfigMap zk-config-<hash>", async () => {
        const rec = await recordResources();
        new ZooKeeperEnsemble("zk", ARGS);
        await settle();
        const names = rec.resources
            .filter((r) => r.custom)
            .map((r) => `${r.type.split(":")[1]}:${r.inputs.metadata.name}`)
            .sort();
        assert.deepEqual(
            names.map((n) => n.replace(/^core\/v1:zk-config-[0-9a-f]{10}$/, "core/v1:zk-config-<hash>")),
            ["apps/v1:zk", "core/v1:zk", "core/v1:zk", "core/v1:zk-config-<hash>", "core/v1:zk-headless", "policy/v1:zk"],
        );
    });

    it("outputs the ZooKeeper connection string and the zoo.cfg the pods mount", async () => {
        const rec = await recordResources();
        const zk = new ZooKeeperEnsemble("zk", ARGS);
        await settle();
        const hosts = [0, 1, 2].map((o) => `zk-${o}.zk-headless.default.svc.cluster.local`);
        assert.equal(await valueOf(zk.connectionString), hosts.map((h) => `${h}:2181`).join(","));
        assert.deepEqual(await valueOf(zk.memberHosts), hosts);
        assert.equal(await valueOf(zk.clientEndpoint), "zk.default.svc.cluster.local:2181");
        assert.equal(await valueOf(zk.clientServiceName), "zk");
        assert.equal(await valueOf(zk.headlessServiceName), "zk-headless");
        assert.equal(await valueOf(zk.mode), "inCluster");
        const zooCfg = await valueOf(zk.zooCfg);
        assert.equal(rec.all("kubernetes:core/v1:ConfigMap")[0].inputs.data["zoo.cfg"], zooCfg);
    });

    it("outputs zoo.cfg in external mode, where no ConfigMap exists", async () => {
        const rec = await recordResources();
        const zk = new ZooKeeperEnsemble("zk", { ...ARGS, mode: "external" });
        await settle();
        assert.deepEqual(rec.all("kubernetes:core/v1:ConfigMap"), []);
        assert.equal((await valueOf(zk.zooCfg)).split("\n").filter((l) => l.startsWith("server.")).length, 3);
    });

    it("registers nothing, not even itself, when its arguments are refused", async () => {
        const rec = await recordResources();
        assert.throws(() => new ZooKeeperEnsemble("zk", { ...ARGS, serverIdOffset: -1 }), EnsembleArgsError);
        await settle();
        assert.equal(rec.resources.length, 0);
    });

    it("logs a warning for an even number of servers and still registers the ensemble", async () => {
        const rec = await recordResources();
        const warnings: string[] = [];
        const warn = console.warn;
        console.warn = (...parts: unknown[]) => warnings.push(parts.join(" "));
        try {
            new ZooKeeperEnsemble("zk", { ...ARGS, inCluster: { replicas: 4 } });
            await settle();
        } finally {
            console.warn = warn;
        }
        assert.equal(warnings.length, 1);
        assert.match(warnings[0], /ZooKeeperEnsemble "zk": the ensemble has 4 servers/);
        assert.equal(rec.get("kubernetes:apps/v1:StatefulSet", "zk").inputs.spec.replicas, 4);
    });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function podTemplate(a: ZooKeeperEnsembleArgs): any {
    const plan = planZooKeeper("zk", a);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const sts = planEnsemble(validateEnsemble("zk", plan.ensembleArgs)).find((o) => o.kind === "StatefulSet")!.body as any;
    return sts.spec.template;
}

describe("ZooKeeperEnsemble pods", () => {
    it("keep the restricted security defaults and write only to their volumes and /tmp", () => {
        const template = podTemplate({ ...ARGS, inCluster: { replicas: 3, transactionLogStorage: { size: "5Gi" } } });
        const container = template.spec.containers[0];
        assert.deepEqual(template.spec.securityContext, {
            runAsNonRoot: true,
            runAsUser: 1000,
            runAsGroup: 1000,
            fsGroup: 1000,
            fsGroupChangePolicy: "OnRootMismatch",
            seccompProfile: { type: "RuntimeDefault" },
        });
        assert.equal(container.securityContext.readOnlyRootFilesystem, true);
        assert.equal(container.securityContext.allowPrivilegeEscalation, false);
        assert.deepEqual(container.securityContext.capabilities, { drop: ["ALL"] });
        assert.deepEqual(container.volumeMounts, [
            { name: "data", mountPath: "/data" },
            { name: "tmp", mountPath: "/tmp" },
            { name: "config", mountPath: "/conf", readOnly: true },
            { name: "datalog", mountPath: "/datalog" },
        ]);
        assert.deepEqual(container.resources, { requests: { cpu: "250m", memory: "1Gi" }, limits: { memory: "1Gi" } });
    });

    it("roll when the set of servers changes, and not when a member only moves in or out of the cluster", () => {
        // The ConfigMap's name carries a hash of zoo.cfg, and the pod template names the ConfigMap.
        const checksum = (a: ZooKeeperEnsembleArgs) =>
            podTemplate(a).spec.volumes.find((v: { name: string }) => v.name === "config").configMap.name as string;
        const three = checksum(ARGS);
        const hybrid = checksum({
            ...ARGS,
            mode: "hybrid",
            inCluster: { replicas: 2, startOrdinal: 1 },
            external: { members: EXTERNAL.members.slice(0, 1) },
        });
        assert.equal(hybrid, three);
        assert.notEqual(checksum({ ...ARGS, inCluster: { replicas: 5 } }), three);
    });
});

describe("docs/zookeeper.md", () => {
    it("shows the zoo.cfg that the root demo program renders in inCluster mode", async () => {
        const doc = fs.readFileSync(path.resolve(__dirname, "..", "..", "..", "docs", "zookeeper.md"), "utf8");
        const block = /```properties\n([\s\S]*?)```/.exec(doc)?.[1];
        const result = await renderProgram(path.resolve(__dirname, "..", "..", ".."), { config: ["mode=inCluster"] });
        assert.equal(block, result.outputs.zooCfg);
    });
});
