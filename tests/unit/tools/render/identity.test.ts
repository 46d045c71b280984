import { strict as assert } from "assert";
import { describeObject, identity, splitApiVersion } from "../../../../sdk/tools/render/identity";

const object = (apiVersion: string, kind: string, name: string, namespace?: string) => ({
    apiVersion,
    kind,
    metadata: { name, namespace },
});

describe("object identity", () => {
    it("splits an apiVersion into group and version, the core group empty", () => {
        assert.deepEqual(splitApiVersion("apps/v1"), { group: "apps", version: "v1" });
        assert.deepEqual(splitApiVersion("v1"), { group: "", version: "v1" });
    });

    it("is the same for two versions of one group's object, and shown with its version", () => {
        assert.equal(identity(object("apps/v1", "Deployment", "x", "ns")), identity(object("apps/v1beta1", "Deployment", "x", "ns")));
        assert.equal(identity(object("v1", "Service", "zk")), "core Service default/zk");
        assert.equal(describeObject(object("apps/v1", "StatefulSet", "zk")), "apps/v1 StatefulSet default/zk");
    });
});
