import { strict as assert } from "assert";
import { EnsembleArgsError, StatefulEnsemble } from "../sdk";
import { ensembleArgs } from "./helpers/fixtures";
import { recordResources, settle, valueOf } from "./helpers/mocks";

const SERVICE = "kubernetes:core/v1:Service";
const SLICE = "kubernetes:discovery.k8s.io/v1:EndpointSlice";
const STS = "kubernetes:apps/v1:StatefulSet";

describe("StatefulEnsemble", () => {
    it("registers a StatefulSet, both Services, a ServiceAccount and a PodDisruptionBudget in inCluster mode", async () => {
        const rec = await recordResources();
        const zk = new StatefulEnsemble("zk", ensembleArgs("inCluster"));
        await settle();
        const kinds = rec.resources
            .filter((r) => r.custom)
            .map((r) => `${r.type}::${r.name}`)
            .sort();
        assert.deepEqual(kinds, [
            "kubernetes:apps/v1:StatefulSet::zk",
            "kubernetes:core/v1:Service::zk",
            "kubernetes:core/v1:Service::zk-headless",
            "kubernetes:core/v1:ServiceAccount::zk",
            "kubernetes:policy/v1:PodDisruptionBudget::zk",
        ]);
        assert.equal(await valueOf(zk.clientEndpoint), "zk.default.svc.cluster.local:2181");
        assert.equal(rec.get(STS, "zk").inputs.spec.serviceName, "zk-headless");
    });

    it("registers Services that select no pod and one slice per Service in external mode", async () => {
        const rec = await recordResources();
        new StatefulEnsemble("zk", ensembleArgs("external"));
        await settle();
        assert.deepEqual(rec.get(SERVICE, "zk").inputs.spec.selector, {
            "app.kubernetes.io/name": "zk",
            "app.kubernetes.io/instance": "zk",
            "stateful-ensemble/no-pods": "true",
        });
        assert.deepEqual(
            rec.all(SLICE).map((s) => s.name),
            ["zk-ext-ipv4-0", "zk-headless-ext-ipv4-0"],
        );
    });

    it("registers nothing when its arguments are refused", async () => {
        const rec = await recordResources();
        assert.throws(
            () => new StatefulEnsemble("zk", ensembleArgs("external", { external: { members: [{ address: "127.0.0.1" }] } })),
            EnsembleArgsError,
        );
        await settle();
        assert.equal(rec.resources.length, 0);
    });
});
