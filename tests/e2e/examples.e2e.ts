/**
 * Every TypeScript example, `pulumi up` then `pulumi destroy` through the real CLI, configured as
 * its README says: `up` succeeds (the provider's awaits included), and `destroy` removes every
 * object the stack created but leaves the volume claims (Retain), as the docs say.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { e2e } from "./harness/context";
import { Stack } from "./harness/stack";

const EXAMPLES = path.resolve(__dirname, "..", "..", "examples");

/** Each example, the namespace its program names, and the config its README asks for. */
const CASES: ReadonlyArray<{ example: string; namespace: string; config: string[][]; secrets?: string[][] }> = [
    { example: "zookeeper-in-cluster", namespace: "default", config: [] },
    { example: "zookeeper-external", namespace: "default", config: [["addresses", "10.20.0.11,10.20.0.12,10.20.0.13"]] },
    { example: "hardened", namespace: "data", config: [], secrets: [["zkPassword", "example"]] },
];

describe("the TypeScript examples through the real Pulumi CLI and provider", function () {
    const seconds: string[] = [];

    after(function () {
        if (seconds.length) console.log(`      pulumi up seconds: ${seconds.join("; ")}`);
    });

    for (const { example, namespace, config, secrets } of CASES) {
        it(`brings examples/${example} up, then destroys everything but its claims`, async function () {
            const kube = e2e().kube;
            await kube.restrictedNamespace(namespace);
            const stack = await Stack.create(e2e().pulumi, path.join(EXAMPLES, example), "example");
            for (const [key, value] of config) await stack.cli(["config", "set", key, value, "--stack", "example"], { check: true });
            for (const [key, value] of secrets ?? []) {
                await stack.cli(["config", "set", "--secret", key, value, "--stack", "example"], { check: true });
            }
            const up = await stack.up();
            seconds.push(`${example} ${up.seconds.toFixed(1)} s`);
            await stack.expectNoChanges();

            const created = (await stack.state())
                .filter((r) => r.type.startsWith("kubernetes:"))
                .map((r) => {
                    const out = r.outputs as { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } };
                    return { apiVersion: out.apiVersion, kind: out.kind, name: out.metadata.name, namespace: out.metadata.namespace };
                });
            assert.ok(created.length > 0);
            for (const object of created) assert.ok(await kube.exists(object), `${object.kind} ${object.name} is missing after up`);
            const claims = (await kube.claims(namespace)).map((c) => c.metadata!.name!).sort();

            await stack.destroy();
            for (const object of created) {
                assert.equal(await kube.exists(object), false, `${object.kind} ${object.name} is still there after destroy`);
            }
            assert.deepEqual((await kube.claims(namespace)).map((c) => c.metadata!.name!).sort(), claims);
            await kube.deleteClaims(namespace);
            await stack.remove();
        });
    }
});
