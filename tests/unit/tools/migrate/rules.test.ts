import { strict as assert } from "assert";
import { ReplacementCause, rulesFor, valueAt } from "../../../../sdk/tools/migrate/rules";

const paths = (apiVersion: string, kind: string) => rulesFor(apiVersion, kind).map((r) => `${r.path.join(".")} (${r.cause})`);

describe("rulesFor", () => {
    it("gives a StatefulSet's immutable fields and the one pulumi-kubernetes replaces on", () => {
        assert.deepEqual(paths("apps/v1", "StatefulSet"), [
            "spec.selector (immutable in the Kubernetes API)",
            "spec.serviceName (immutable in the Kubernetes API)",
            "spec.volumeClaimTemplates (immutable in the Kubernetes API)",
            "spec.podManagementPolicy (immutable in the Kubernetes API)",
            "spec.revisionHistoryLimit (pulumi-kubernetes replaces on change)",
        ]);
    });

    it("matches the core group for a version without a group, and an EndpointSlice's address type", () => {
        assert.deepEqual(paths("v1", "ConfigMap"), [
            "data (pulumi-kubernetes replaces on change)",
            "binaryData (pulumi-kubernetes replaces on change)",
        ]);
        assert.deepEqual(paths("discovery.k8s.io/v1", "EndpointSlice"), ["addressType (immutable in the Kubernetes API)"]);
    });

    it("applies a rule bound to one API version to that version only", () => {
        assert.deepEqual(paths("policy/v1beta1", "PodDisruptionBudget"), ["spec (pulumi-kubernetes replaces on change)"]);
        assert.deepEqual(paths("policy/v1", "PodDisruptionBudget"), []);
    });

    it("gives no rule for a kind of another group", () => {
        assert.deepEqual(paths("example.com/v1", "StatefulSet"), []);
        assert.equal(ReplacementCause.Immutable, "immutable in the Kubernetes API");
    });
});

describe("valueAt", () => {
    const object = { spec: { ipFamilies: ["IPv6", "IPv4"], clusterIP: null, selector: { a: "b" } } };

    it("follows map keys and list indexes", () => {
        assert.equal(valueAt(object, ["spec", "ipFamilies", "0"]), "IPv6");
        assert.deepEqual(valueAt(object, ["spec", "selector"]), { a: "b" });
        assert.equal(valueAt(object, []), object);
    });

    it("is undefined past a missing field, null or a scalar", () => {
        assert.equal(valueAt(object, ["status", "x"]), undefined);
        assert.equal(valueAt(object, ["spec", "clusterIP", "x"]), undefined);
        assert.equal(valueAt(object, ["spec", "ipFamilies", "0", "length"]), undefined);
    });
});
