import { strict as assert } from "assert";
import { validateEnsemble } from "../../../sdk/validate";
import { APPLY_ORDER, inApplyOrder, objectMeta, planned, skipAwait } from "../../../sdk/plan/objects";
import { ensembleArgs } from "../../helpers/fixtures";

const spec = validateEnsemble(
    "zk",
    ensembleArgs("inCluster", { namespace: "q", labels: { team: "data" }, annotations: { owner: "data" } }),
);

describe("APPLY_ORDER", () => {
    it("applies slices and Endpoints before their Service, and the StatefulSet after both Services", () => {
        assert.equal(
            APPLY_ORDER.join(" → "),
            "Namespace → NetworkPolicy → ServiceAccount → Secret → ConfigMap → EndpointSlice → Endpoints → Service → StatefulSet → PodDisruptionBudget → PodMonitor → ServiceMonitor",
        );
    });
});

describe("planned", () => {
    it("fills in each kind's apiVersion", () => {
        const meta = objectMeta(spec, "x");
        const versions = [
            planned("EndpointSlice", "a", { metadata: meta, addressType: "IPv4", endpoints: [] }).apiVersion,
            planned("PodDisruptionBudget", "b", { metadata: meta }).apiVersion,
            planned("StatefulSet", "c", { metadata: meta }).apiVersion,
            planned("NetworkPolicy", "d", { metadata: meta }).apiVersion,
            planned("Service", "e", { metadata: meta }).apiVersion,
            planned("PodMonitor", "f", { metadata: meta, spec: { selector: { matchLabels: {} }, podMetricsEndpoints: [] } }).apiVersion,
        ];
        assert.deepEqual(versions, [
            "discovery.k8s.io/v1",
            "policy/v1",
            "apps/v1",
            "networking.k8s.io/v1",
            "v1",
            "monitoring.coreos.com/v1",
        ]);
    });
});

describe("objectMeta", () => {
    it("puts the user's labels under the component's, and the user's annotations under patchForce", () => {
        assert.deepEqual(objectMeta(spec, "zk-x", { extra: "1" }), {
            name: "zk-x",
            namespace: "q",
            labels: {
                team: "data",
                "app.kubernetes.io/name": "zk",
                "app.kubernetes.io/instance": "zk",
                "app.kubernetes.io/component": "server",
                "app.kubernetes.io/managed-by": "stateful-ensemble",
                extra: "1",
            },
            annotations: { owner: "data", "pulumi.com/patchForce": "true" },
        });
    });
});

describe("skipAwait", () => {
    it("adds the skipAwait annotation and keeps the others", () => {
        const meta = objectMeta(spec, "zk");
        assert.deepEqual(skipAwait(meta).annotations, { owner: "data", "pulumi.com/patchForce": "true", "pulumi.com/skipAwait": "true" });
        assert.deepEqual(meta.annotations, { owner: "data", "pulumi.com/patchForce": "true" });
    });
});

describe("inApplyOrder", () => {
    it("sorts by kind, keeps the order within a kind, and puts unknown kinds last", () => {
        const objects = ["StatefulSet/a", "Service/b", "Custom/z", "EndpointSlice/c", "Service/d", "Namespace/e"];
        assert.deepEqual(
            inApplyOrder(objects, (o) => o.split("/")[0]),
            ["Namespace/e", "EndpointSlice/c", "Service/b", "Service/d", "StatefulSet/a", "Custom/z"],
        );
    });
});
