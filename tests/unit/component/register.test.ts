import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { objectKey, prerequisites, registerObjects } from "../../../sdk/component/register";
import { planEnsemble } from "../../../sdk/plan";
import { validateEnsemble } from "../../../sdk/validate";
import { PlannedObject } from "../../../sdk/plan/objects";
import { IN_CLUSTER, ensembleArgs } from "../../helpers/fixtures";
import { loadKubernetesClasses, recordResources, settle } from "../../helpers/mocks";

const plan = (mode: "inCluster" | "external" | "hybrid") =>
    planEnsemble(validateEnsemble("zk", ensembleArgs(mode, { inCluster: { ...IN_CLUSTER, startOrdinal: mode === "hybrid" ? 3 : 0 } })));
const keys = (objects: PlannedObject[]) => objects.map(objectKey);

describe("objectKey", () => {
    before(loadKubernetesClasses);

    it("is Kind/name", () => {
        assert.deepEqual(keys(plan("external")), [
            "EndpointSlice/zk-ext-ipv4-0",
            "EndpointSlice/zk-headless-ext-ipv4-0",
            "Service/zk",
            "Service/zk-headless",
        ]);
    });
});

describe("prerequisites", () => {
    it("makes the StatefulSet wait for its ServiceAccount and both Services", () => {
        const all = plan("inCluster");
        const sts = all.find((o) => o.kind === "StatefulSet")!;
        assert.deepEqual(keys(prerequisites(sts, all)), ["ServiceAccount/zk", "Service/zk", "Service/zk-headless"]);
    });

    it("makes each Service wait for its own EndpointSlices only, and nothing else wait", () => {
        const all = plan("hybrid");
        const of = (key: string) =>
            keys(
                prerequisites(
                    all.find((o) => objectKey(o) === key)!,
                    all,
                ),
            );
        assert.deepEqual(of("Service/zk"), ["EndpointSlice/zk-ext-ipv4-0"]);
        assert.deepEqual(of("Service/zk-headless"), ["EndpointSlice/zk-headless-ext-ipv4-0"]);
        assert.deepEqual(of("EndpointSlice/zk-ext-ipv4-0"), []);
        assert.deepEqual(of("PodDisruptionBudget/zk"), []);
    });
});

describe("registerObjects", () => {
    it("registers each object as the @pulumi/kubernetes class of its kind, a child with the options given", async () => {
        const rec = await recordResources();
        const parent = new pulumi.ComponentResource("test:index:Parent", "p");
        const children = registerObjects(plan("external"), parent, { retainOnDelete: true });
        await settle();
        assert.deepEqual(
            [...children.keys()],
            ["EndpointSlice/zk-ext-ipv4-0", "EndpointSlice/zk-headless-ext-ipv4-0", "Service/zk", "Service/zk-headless"],
        );
        const SLICE = "kubernetes:discovery.k8s.io/v1:EndpointSlice";
        const SERVICE = "kubernetes:core/v1:Service";
        assert.deepEqual(Object.fromEntries(rec.resources.filter((r) => r.custom).map((r) => [r.name, r.type])), {
            "zk-ext-ipv4-0": SLICE,
            "zk-headless-ext-ipv4-0": SLICE,
            zk: SERVICE,
            "zk-headless": SERVICE,
        });
        assert.deepEqual(rec.get("kubernetes:core/v1:Service", "zk").inputs.metadata.name, "zk");
        const urn = await new Promise((resolve) => children.get("Service/zk")!.urn.apply(resolve));
        assert.equal(urn, "urn:pulumi:test::test::test:index:Parent$kubernetes:core/v1:Service::zk");
    });
});
