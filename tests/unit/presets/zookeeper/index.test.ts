import { strict as assert } from "assert";
import { ZooKeeperEnsemble } from "../../../../sdk/presets/zookeeper";
import { EnsembleArgsError } from "../../../../sdk/validate/problems";
import { loadKubernetesClasses, recordResources, settle, valueOf } from "../../../helpers/mocks";
import { SIX_SERVERS, expectWarning } from "../../../helpers/warnings";

const EXTERNAL = { members: [{ address: "10.0.0.10" }, { address: "10.0.0.11" }, { address: "10.0.0.12" }] };

describe("ZooKeeperEnsemble", () => {
    before(loadKubernetesClasses);

    it("registers one StatefulEnsemble child and publishes its children and outputs, with zoo.cfg", async () => {
        const rec = await recordResources();
        const zk = new ZooKeeperEnsemble("zk", { mode: "external", external: EXTERNAL });
        await settle();
        assert.deepEqual(
            rec.resources.filter((r) => !r.custom).map((r) => `${r.type}::${r.name}`),
            ["stateful-ensemble:index:ZooKeeperEnsemble::zk", "stateful-ensemble:index:StatefulEnsemble::zk"],
        );
        assert.equal(await valueOf(zk.clientService.metadata.name), "zk");
        assert.equal(await valueOf(zk.headlessService.metadata.name), "zk-headless");
        assert.deepEqual([zk.statefulSet, zk.configMap], [undefined, undefined]);
        assert.equal(zk.endpointSlices.length, 2);
        assert.equal(await valueOf(zk.clientEndpoint), "zk.default.svc.cluster.local:2181");
        assert.equal(await valueOf(zk.mode), "external");
        const cfg = await valueOf(zk.zooCfg);
        assert.match(cfg, /^server\.1=zk-0\.zk-headless\.default\.svc\.cluster\.local:2888:3888;2181$/m);
        assert.match(cfg, /^server\.3=zk-2\.zk-headless\.default\.svc\.cluster\.local:2888:3888;2181$/m);
        assert.doesNotMatch(cfg, /^server\.4=/m);
    });

    it("warns once, under its own name, about an even number of servers", async () => {
        expectWarning(SIX_SERVERS);
        await recordResources();
        new ZooKeeperEnsemble("zk", { mode: "inCluster", inCluster: { replicas: 6 } });
        await settle();
    });

    it("throws one error under its own kind and registers nothing for refused arguments", async () => {
        const rec = await recordResources();
        assert.throws(
            () => new ZooKeeperEnsemble("zk", { mode: "external", external: EXTERNAL, serverIdOffset: 0 }),
            (err: unknown) =>
                err instanceof EnsembleArgsError &&
                err.message ===
                    `ZooKeeperEnsemble "zk": serverIdOffset 0 puts server ids outside ZooKeeper's range 1–255 (id = ordinal + serverIdOffset): zk-0 would be server 0`,
        );
        await settle();
        assert.deepEqual(rec.resources, []);
    });
});
