/**
 * The root program (a ZooKeeperEnsemble) through the real Pulumi CLI and provider: `pulumi up`
 * in the cluster, then the switch cycle inCluster → hybrid → external → hybrid → inCluster, each
 * step checked by harness/switches.ts, then `destroy`.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { e2e } from "./harness/context";
import { Stack } from "./harness/stack";
import { SwitchRun } from "./harness/switches";

const REPO = path.resolve(__dirname, "..", "..");
const NAMESPACE = "e2e-root";
// Ordinals 0 and 2 are IPv4 members, 1 an IPv6 one: the names must answer with either family.
const ADDRESSES = "10.0.0.10,2001:db8::11,10.0.0.12";
const HYBRID = { mode: "hybrid", externalAddresses: "10.0.0.10,2001:db8::11", startOrdinal: "2", replicas: "1" };

/** The switch cycle, each step's complete configuration. */
const CYCLE: ReadonlyArray<{ readonly title: string; readonly config: Record<string, string> }> = [
    { title: "inCluster", config: { mode: "inCluster" } },
    { title: "hybrid: members 0 and 1 outside, 2 in the cluster, clients on all", config: HYBRID },
    { title: "external", config: { mode: "external" } },
    { title: "hybrid again, clients on the in-cluster member only", config: { ...HYBRID, clientTraffic: "inCluster" } },
    { title: "inCluster again", config: { mode: "inCluster" } },
];

describe("the root program through the real Pulumi CLI and provider", function () {
    let run: SwitchRun;

    before(async function () {
        await e2e().kube.restrictedNamespace(NAMESPACE);
        // The staged copy holds only the program: Pulumi.yaml and index.ts.
        const stack = await Stack.create(e2e().pulumi, REPO, "root", ["Pulumi.yaml", "index.ts"]);
        run = new SwitchRun(stack, NAMESPACE, "zk");
    });

    after(function () {
        if (run?.upSeconds.length) console.log(`      pulumi up, seconds per step: ${run.upSeconds.join("; ")}`);
        if (run?.refreshChanges.size) console.log(`      output paths a refresh changed: ${[...run.refreshChanges].sort().join("; ")}`);
    });

    CYCLE.forEach((step, index) => {
        it(`${index === 0 ? "comes up" : "switches"} in step ${index + 1}, ${step.title}, exactly as planned`, async function () {
            await run.step({ namespace: NAMESPACE, externalAddresses: ADDRESSES, ...step.config }, step.config.mode);
        });
    });

    it("destroys the stack and leaves the claims, as the docs say", async function () {
        await run.stack.destroy();
        const kube = e2e().kube;
        assert.equal(await kube.service(NAMESPACE, "zk"), undefined);
        assert.equal(await kube.statefulSet(NAMESPACE, "zk"), undefined);
        const claims = (await kube.claims(NAMESPACE)).map((c) => c.metadata!.name!).sort();
        assert.deepEqual(claims, [...run.claims].sort());
        await run.stack.remove();
    });
});
