/**
 * Scale for real: 1,000 external members, IPv4 and IPv6 mixed, come up; retiring one member
 * from the middle updates exactly one EndpointSlice per Service and nothing else.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { e2e } from "./harness/context";
import { previewOperations } from "./harness/oracle";
import { Stack } from "./harness/stack";

const FIXTURE = path.join(__dirname, "fixtures", "fleet");
const NAMESPACE = "e2e-scale";
const MEMBERS = 1000;
/** Odd, so an IPv6 member: it lives in the IPv6 slices of ordinal block 5, [500, 600). */
const RETIRED = 501;

describe("1,000 external members through the real Pulumi CLI", function () {
    let stack: Stack;
    const seconds: string[] = [];

    before(async function () {
        await e2e().kube.restrictedNamespace(NAMESPACE);
        stack = await Stack.create(e2e().pulumi, FIXTURE, "scale");
    });

    after(async function () {
        if (seconds.length) console.log(`      pulumi up seconds: ${seconds.join("; ")}`);
        await stack?.destroy();
        await stack?.remove();
    });

    it("comes up with every member behind both Services", async function () {
        await stack.configure({ namespace: NAMESPACE, members: String(MEMBERS) });
        seconds.push(`${MEMBERS} members ${(await stack.up()).seconds.toFixed(1)} s`);
        for (const service of ["fleet", "fleet-headless"]) {
            const slices = await e2e().kube.slices(NAMESPACE, service);
            const ours = slices.filter((s) => s.metadata?.labels?.["endpointslice.kubernetes.io/managed-by"] === "stateful-ensemble");
            assert.equal(ours.length, 20, `${service}: 10 ordinal blocks × 2 address families`);
            assert.equal(
                ours.reduce((n, s) => n + (s.endpoints ?? []).length, 0),
                MEMBERS,
            );
        }
    });

    it("updates exactly one slice per Service when a member in the middle retires", async function () {
        await stack.configure({ namespace: NAMESPACE, members: String(MEMBERS), retire: String(RETIRED) });
        const changed = Object.entries(previewOperations((await stack.preview()).steps)).filter(([, op]) => op !== "unchanged");
        assert.deepEqual(changed, [
            ["kubernetes:discovery.k8s.io/v1:EndpointSlice::fleet-ext-ipv6-5", "update"],
            ["kubernetes:discovery.k8s.io/v1:EndpointSlice::fleet-headless-ext-ipv6-5", "update"],
        ]);
        seconds.push(`retire one ${(await stack.up()).seconds.toFixed(1)} s`);
        const slice = await e2e().kube.request<{ endpoints: { hostname: string }[] }>(
            "GET",
            `/apis/discovery.k8s.io/v1/namespaces/${NAMESPACE}/endpointslices/fleet-headless-ext-ipv6-5`,
        );
        assert.equal(slice.endpoints.length, 49);
        assert.ok(!slice.endpoints.some((e) => e.hostname === `fleet-${RETIRED}`));
        await stack.expectNoChanges();
    });
});
