import { strict as assert } from "assert";
import { KubernetesObject, RenderedResource, holdsSecret } from "../../../../sdk/tools/render/objects";

const object: KubernetesObject = { apiVersion: "v1", kind: "Secret", metadata: { name: "zk-env" }, stringData: { token: "t" } };
const rendered = (redacted: KubernetesObject): RenderedResource => ({
    type: "kubernetes:core/v1:Secret",
    name: "zk-env",
    object,
    redacted,
});

describe("holdsSecret", () => {
    it("is true when the redacted object differs from the object", () => {
        assert.equal(holdsSecret(rendered({ ...object, stringData: { token: "<redacted>" } })), true);
    });

    it("is false when redaction changed nothing", () => {
        assert.equal(holdsSecret(rendered({ ...object, stringData: { token: "t" } })), false);
    });
});
