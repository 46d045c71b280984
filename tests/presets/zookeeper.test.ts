import { strict as assert } from "assert";
import { EnsembleArgsError, ZooKeeperEnsemble, ZooKeeperEnsembleArgs } from "../../sdk";
import { recordResources, settle, valueOf } from "../helpers/mocks";

const EXTERNAL = { members: [{ address: "10.0.0.10" }, { address: "10.0.0.11" }, { address: "10.0.0.12" }] };
const ARGS: ZooKeeperEnsembleArgs = { mode: "inCluster", inCluster: { replicas: 3 }, external: EXTERNAL };

describe("ZooKeeperEnsemble", () => {
    it("registers under its own type token and owns a StatefulEnsemble of the same name", async () => {
        const rec = await recordResources();
        const zk = new ZooKeeperEnsemble("zk", ARGS);
        await settle();
        assert.equal(rec.get("stateful-ensemble:index:ZooKeeperEnsemble", "zk").custom, false);
        assert.equal(rec.get("stateful-ensemble:index:StatefulEnsemble", "zk").custom, false);
        const urn = await valueOf(zk.ensemble.urn);
        assert.match(urn, /::stateful-ensemble:index:ZooKeeperEnsemble\$stateful-ensemble:index:StatefulEnsemble::zk$/);
    });

    it("keeps the contract's Kubernetes names and adds the ConfigMap zk-config", async () => {
        const rec = await recordResources();
        new ZooKeeperEnsemble("zk", ARGS);
        await settle();
        const names = rec.resources
            .filter((r) => r.custom)
            .map((r) => `${r.type.split(":")[1]}:${r.inputs.metadata.name}`)
            .sort();
        assert.deepEqual(names, ["apps/v1:zk", "core/v1:zk", "core/v1:zk", "core/v1:zk-config", "core/v1:zk-headless", "policy/v1:zk"]);
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
        assert.equal(rec.get("kubernetes:core/v1:ConfigMap", "zk-config").inputs.data["zoo.cfg"], zooCfg);
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
