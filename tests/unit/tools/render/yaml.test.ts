import { strict as assert } from "assert";
import { REDACTED, redactSecret, toYaml, toYamlDocument } from "../../../../sdk/tools/render/yaml";
import { KubernetesObject } from "../../../../sdk/tools/render/objects";

const SECRET: KubernetesObject = {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "zk-env" },
    data: { a: "eA==" },
    stringData: { b: "y" },
};

describe("redactSecret", () => {
    it("replaces every value of a Secret's data and stringData, keeping the keys", () => {
        assert.deepEqual(redactSecret(SECRET), { ...SECRET, data: { a: REDACTED }, stringData: { b: REDACTED } });
        assert.equal(REDACTED, "<redacted>");
    });

    it("leaves a Secret without data as it is, and any other kind untouched", () => {
        const bare: KubernetesObject = { apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, type: "Opaque" };
        assert.deepEqual(redactSecret(bare), bare);
        const map: KubernetesObject = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { k: "v" } };
        assert.equal(redactSecret(map), map);
    });
});

describe("toYaml", () => {
    it("writes one document per object, each opened by ---, without folding long lines or aliasing repeats", () => {
        const shared = { a: "b" };
        const long = Array.from({ length: 30 }, (_, i) => `word${i}`).join(" ");
        const objects: KubernetesObject[] = [
            { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "one", labels: shared }, data: { long } },
            { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "two", labels: shared } },
        ];
        assert.equal(
            toYaml(objects),
            "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\n  labels:\n    a: b\ndata:\n" +
                `  long: ${long}\n` +
                "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: two\n  labels:\n    a: b\n",
        );
        assert.equal(toYamlDocument(objects[1]), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: two\n  labels:\n    a: b\n");
    });

    it("writes nothing for no objects", () => {
        assert.equal(toYaml([]), "");
    });
});
