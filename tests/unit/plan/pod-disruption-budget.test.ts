import { strict as assert } from "assert";
import { validateEnsemble } from "../../../sdk";
import { podDisruptionBudget } from "../../../sdk/plan/pod-disruption-budget";
import { IN_CLUSTER, ensembleArgs } from "../../helpers/fixtures";

describe("podDisruptionBudget", () => {
    it("lets voluntary disruptions take at most maxUnavailable members", () => {
        const spec = validateEnsemble("zk", ensembleArgs("inCluster", { inCluster: { ...IN_CLUSTER, maxUnavailable: 2 } }));
        assert.deepEqual(podDisruptionBudget(spec).body.spec, {
            maxUnavailable: 2,
            selector: { matchLabels: { "app.kubernetes.io/name": "zk", "app.kubernetes.io/instance": "zk" } },
        });
    });
});
