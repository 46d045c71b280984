import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { redactedOutputs, renderInline } from "../../../../sdk/tools/render/engine";
import { ProjectError } from "../../../../sdk/tools/render/project";

/** A Kubernetes object registered as pulumi-kubernetes would, without loading the provider's SDK. */
class KubeObject extends pulumi.CustomResource {}
function kube(type: string, name: string, inputs: Record<string, unknown>): pulumi.CustomResource {
    return new KubeObject(type, name, inputs);
}

describe("redactedOutputs", () => {
    it("redacts every leaf of the secret outputs only, keeping keys and lengths", () => {
        assert.deepEqual(redactedOutputs({ outputs: { a: { k: ["x", 1] }, b: "plain" }, secretOutputs: ["a"] }), {
            a: { k: ["<redacted>", "<redacted>"] },
            b: "plain",
        });
    });
});

describe("renderInline", () => {
    it("collects Kubernetes objects in apply order, kind and metadata first, and counts every registration", async () => {
        const result = await renderInline(() => {
            kube("kubernetes:apps/v1:StatefulSet", "ss", {
                spec: { replicas: 1 },
                kind: "StatefulSet",
                apiVersion: "apps/v1",
                metadata: { name: "zk" },
            });
            kube("kubernetes:core/v1:Service", "svc", { apiVersion: "v1", kind: "Service", metadata: { name: "zk", labels: undefined } });
            kube("random:index:Thing", "other", { apiVersion: "v1", kind: "Service" });
            return { mode: pulumi.output("inCluster") };
        }, "proj");
        assert.equal(result.project, "proj");
        assert.equal(result.registered, 3);
        assert.deepEqual(
            result.resources.map((r) => [r.type, r.name, Object.keys(r.object)]),
            [
                ["kubernetes:core/v1:Service", "svc", ["apiVersion", "kind", "metadata"]],
                ["kubernetes:apps/v1:StatefulSet", "ss", ["apiVersion", "kind", "metadata", "spec"]],
            ],
        );
        assert.deepEqual(result.resources[0].object.metadata, { name: "zk" });
        assert.deepEqual(result.outputs, { mode: "inCluster" });
        assert.deepEqual(result.secretOutputs, []);
    });

    it("keeps secret values in the object and redacts them in its redacted twin, and names secret outputs", async () => {
        const result = await renderInline(() => {
            kube("kubernetes:core/v1:ConfigMap", "cm", {
                apiVersion: "v1",
                kind: "ConfigMap",
                metadata: { name: "cm" },
                data: pulumi.secret({ a: "s", b: ["p"] }),
            });
            return { token: pulumi.secret("t"), plain: "p" };
        });
        const [cm] = result.resources;
        assert.deepEqual(cm.object, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cm" }, data: { a: "s", b: ["p"] } });
        assert.deepEqual(cm.redacted, {
            apiVersion: "v1",
            kind: "ConfigMap",
            metadata: { name: "cm" },
            data: { a: "<redacted>", b: ["<redacted>"] },
        });
        assert.deepEqual(result.secretOutputs, ["token"]);
    });

    it("refuses two resources that would create one Kubernetes object", async () => {
        await assert.rejects(
            renderInline(() => {
                kube("kubernetes:core/v1:ConfigMap", "one", {
                    apiVersion: "v1",
                    kind: "ConfigMap",
                    metadata: { name: "cm", namespace: "q" },
                });
                kube("kubernetes:core/v1:ConfigMap", "two", {
                    apiVersion: "v1",
                    kind: "ConfigMap",
                    metadata: { name: "cm", namespace: "q" },
                });
            }),
            (err: unknown) =>
                err instanceof ProjectError && err.message === "two resources, one and two, would both create v1 ConfigMap q/cm",
        );
    });

    it("rejects with the error a program raises inside an output", async () => {
        await assert.rejects(
            renderInline(() => ({ broken: pulumi.output("x").apply(() => Promise.reject(new Error("resolved badly"))) })),
            /resolved badly/,
        );
    });
});
