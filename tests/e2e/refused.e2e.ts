/**
 * A refused argument through the real CLI: the user sees the component's own message, the run
 * fails, and nothing reaches the cluster.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { e2e } from "./harness/context";
import { Stack } from "./harness/stack";

const REPO = path.resolve(__dirname, "..", "..");
const NAMESPACE = "e2e-refused";

describe("a refused argument through the real Pulumi CLI", function () {
    it("fails `pulumi up` with the component's message and creates nothing", async function () {
        const kube = e2e().kube;
        await kube.restrictedNamespace(NAMESPACE);
        const stack = await Stack.create(e2e().pulumi, REPO, "refused", ["Pulumi.yaml", "index.ts"]);
        await stack.configure({ namespace: NAMESPACE, mode: "external", externalAddresses: "10.0.0.10,127.0.0.1,10.0.0.12" });

        const up = await stack.cli(["up", "--yes", "--skip-preview", "--stack", "refused"]);
        assert.notEqual(up.code, 0);
        assert.match(
            up.stdout + up.stderr,
            /external\.members\[1\]\.address "127\.0\.0\.1" is a loopback address \(127\.0\.0\.0\/8\); Kubernetes rejects such endpoints/,
        );

        assert.deepEqual(await kube.services(NAMESPACE), []);
        assert.deepEqual(await kube.slices(NAMESPACE), []);
        assert.deepEqual(await kube.statefulSets(NAMESPACE), []);
        const kinds = (await stack.state()).map((r) => r.type);
        assert.ok(
            kinds.every((t) => !t.startsWith("kubernetes:") || t === "pulumi:providers:kubernetes"),
            kinds.join(", "),
        );
        await stack.remove();
    });
});
