/**
 * The TypeScript examples, `pulumi up` then `pulumi destroy` through the real CLI, configured as
 * each README says (zookeeper-migration has its own file): `up` succeeds (the provider's awaits
 * included), a second preview shows no change, and `destroy` removes every object the stack
 * created but leaves the volume claims (Retain), as the docs say. zookeeper-production needs what
 * its README names: the Secrets `zk-tls` (a certificate for the docs' names, from a CA of the
 * test's own) and `zk-jaas` (the docs' JAAS file), and prometheus-operator's definitions, which
 * the suite's API server serves; its PodMonitor must come back from the API server as the
 * component wrote it, selecting the StatefulSet's pods on their `metrics` port.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TestCa, documentedCertificateNames, documentedServerJaas } from "../helpers/zookeeper-secure";
import { e2e } from "./harness/context";
import { Kube } from "./harness/kube";
import { StateResource, Stack } from "./harness/stack";

const EXAMPLES = path.resolve(__dirname, "..", "..", "examples");

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

interface Case {
    readonly example: string;
    /** The namespace its program names. */
    readonly namespace: string;
    /** The config and secret config its README asks for. */
    readonly config: string[][];
    readonly secrets?: string[][];
    /** Puts what the README says must be in the cluster before `pulumi up`; returns how to take it away. */
    readonly prepare?: (kube: Kube, namespace: string) => Promise<() => Promise<void>>;
    /** Checks of the example's own objects after `up`. */
    readonly check?: (kube: Kube, state: StateResource[], namespace: string) => Promise<void>;
}

/** The Secrets zookeeper-production reads: what cert-manager writes for the docs' Certificate, and the docs' JAAS file. */
async function productionSecrets(kube: Kube, namespace: string): Promise<() => Promise<void>> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "se-production-"));
    try {
        const ca = TestCa.create(dir);
        const { key, crt } = ca.issue("zk", "zk", documentedCertificateNames());
        await kube.createSecret(namespace, "zk-tls", "kubernetes.io/tls", {
            "tls.crt": fs.readFileSync(crt, "utf8"),
            "tls.key": fs.readFileSync(key, "utf8"),
            "ca.crt": fs.readFileSync(ca.caCrt, "utf8"),
        });
        await kube.createSecret(namespace, "zk-jaas", "Opaque", { "jaas.conf": documentedServerJaas() });
        return async () => {
            for (const name of ["zk-tls", "zk-jaas"]) await kube.deleteSecret(namespace, name);
        };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/**
 * The PodMonitor as the API server holds it: every field the component wrote survived the
 * definition's schema, and it selects the StatefulSet's pods on a port they declare.
 */
async function productionMonitor(kube: Kube, state: StateResource[], namespace: string): Promise<void> {
    const written = state.find((r) => r.type === "kubernetes:monitoring.coreos.com/v1:PodMonitor");
    assert.ok(written, "the stack has no PodMonitor");
    const name = (written.inputs as Obj).metadata.name as string;
    const held = await kube.object<Obj>({ apiVersion: "monitoring.coreos.com/v1", kind: "PodMonitor", name, namespace });
    assert.ok(held, `PodMonitor ${name} is not in the API server`);
    assert.deepEqual(held.spec, (written.inputs as Obj).spec);
    assert.equal(held.metadata.labels.release, "prometheus");

    const sts = (await kube.statefulSet(namespace, "zk"))!;
    const podLabels = sts.spec!.template.metadata!.labels!;
    for (const [key, value] of Object.entries(held.spec.selector.matchLabels as Record<string, string>)) {
        assert.equal(podLabels[key], value, `the PodMonitor selects ${key}=${value}, which the pods do not carry`);
    }
    const ports = sts.spec!.template.spec!.containers.flatMap((c) => (c.ports ?? []).map((p) => p.name));
    for (const endpoint of held.spec.podMetricsEndpoints as { port: string }[]) {
        assert.ok(ports.includes(endpoint.port), `the pods declare no port ${endpoint.port} (${ports.join(", ")})`);
    }
    assert.deepEqual(
        held.spec.podMetricsEndpoints.map((e: Obj) => [e.port, e.interval]),
        [["metrics", "30s"]],
    );
}

const CASES: readonly Case[] = [
    { example: "zookeeper-in-cluster", namespace: "default", config: [] },
    { example: "zookeeper-external", namespace: "default", config: [["addresses", "10.20.0.11,10.20.0.12,10.20.0.13"]] },
    { example: "hardened", namespace: "data", config: [], secrets: [["zkPassword", "example"]] },
    { example: "zookeeper-production", namespace: "data", config: [], prepare: productionSecrets, check: productionMonitor },
];

describe("the TypeScript examples through the real Pulumi CLI and provider", function () {
    const seconds: string[] = [];

    after(function () {
        if (seconds.length) console.log(`      pulumi up seconds: ${seconds.join("; ")}`);
    });

    for (const { example, namespace, config, secrets, prepare, check } of CASES) {
        it(`brings examples/${example} up, then destroys everything but its claims`, async function () {
            const kube = e2e().kube;
            await kube.restrictedNamespace(namespace);
            const unprepare = await prepare?.(kube, namespace);
            const stack = await Stack.create(e2e().pulumi, path.join(EXAMPLES, example), "example");
            for (const [key, value] of config) await stack.cli(["config", "set", key, value, "--stack", "example"], { check: true });
            for (const [key, value] of secrets ?? []) {
                await stack.cli(["config", "set", "--secret", key, value, "--stack", "example"], { check: true });
            }
            const up = await stack.up();
            seconds.push(`${example} ${up.seconds.toFixed(1)} s`);
            await stack.expectNoChanges();
            const state = await stack.state();
            await check?.(kube, state, namespace);

            const created = state
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
            await unprepare?.();
            await stack.remove();
        });
    }
});
