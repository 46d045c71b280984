/**
 * Drift repaired by the real CLI: objects changed by hand — an EndpointSlice deleted, a Service's
 * selector edited, the StatefulSet scaled — are put back exactly as they were by
 * `pulumi up --refresh`, the command docs/operations.md gives for it.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { e2e } from "./harness/context";
import { Stack } from "./harness/stack";

const REPO = path.resolve(__dirname, "..", "..");
const NAMESPACE = "e2e-drift";
const CONFIG = {
    namespace: NAMESPACE,
    mode: "hybrid",
    externalAddresses: "10.0.0.10,2001:db8::11",
    startOrdinal: "2",
    replicas: "1",
};
const SLICES = `/apis/discovery.k8s.io/v1/namespaces/${NAMESPACE}/endpointslices`;
const SERVICES = `/api/v1/namespaces/${NAMESPACE}/services`;
const STATEFUL_SETS = `/apis/apps/v1/namespaces/${NAMESPACE}/statefulsets`;
const MERGE_PATCH = "application/merge-patch+json";

describe("drift repaired by pulumi up --refresh", function () {
    let stack: Stack;

    before(async function () {
        await e2e().kube.restrictedNamespace(NAMESPACE);
        stack = await Stack.create(e2e().pulumi, REPO, "drift", ["Pulumi.yaml", "index.ts"]);
        await stack.configure(CONFIG);
        await stack.up();
    });

    after(async function () {
        await stack?.destroy();
        await e2e().kube.deleteClaims(NAMESPACE);
        await stack?.remove();
    });

    async function repair(): Promise<void> {
        await stack.up(300_000, { refresh: true });
        await stack.expectNoChanges();
    }

    it("recreates an EndpointSlice deleted by hand, with the same endpoints", async function () {
        const kube = e2e().kube;
        const before = await kube.request<Record<string, unknown>>("GET", `${SLICES}/zk-headless-ext-ipv6-0`);
        await kube.request("DELETE", `${SLICES}/zk-headless-ext-ipv6-0`);
        await repair();
        const after = await kube.request<Record<string, unknown>>("GET", `${SLICES}/zk-headless-ext-ipv6-0`);
        const { metadata: _m1, ...wasBody } = before;
        const { metadata: _m2, ...isBody } = after;
        assert.deepEqual(isBody, wasBody);
        assert.deepEqual((after.metadata as { labels: unknown }).labels, (before.metadata as { labels: unknown }).labels);
    });

    it("puts back a Service selector edited by hand", async function () {
        const kube = e2e().kube;
        const before = await kube.request<{ spec: { selector: Record<string, string> } }>("GET", `${SERVICES}/zk`);
        await kube.request("PATCH", `${SERVICES}/zk`, { spec: { selector: { "app.kubernetes.io/name": "someone-else" } } }, MERGE_PATCH);
        await repair();
        const after = await kube.request<{ spec: { selector: Record<string, string> } }>("GET", `${SERVICES}/zk`);
        assert.deepEqual(after.spec.selector, before.spec.selector);
    });

    it("scales a StatefulSet scaled by hand back to the configured members", async function () {
        const kube = e2e().kube;
        await kube.request("PATCH", `${STATEFUL_SETS}/zk`, { spec: { replicas: 3 } }, MERGE_PATCH);
        await repair();
        const after = await kube.request<{ spec: { replicas: number; ordinals: { start: number } } }>("GET", `${STATEFUL_SETS}/zk`);
        assert.equal(after.spec.replicas, 1);
        assert.equal(after.spec.ordinals.start, 2);
    });
});
