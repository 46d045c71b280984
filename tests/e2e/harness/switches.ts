/**
 * One stack taken through mode switches the way a user would, with everything the package
 * promises checked at every step: `pulumi preview` equal to the planner's prediction before it;
 * after it, the Services' identity and ClusterIP, every claim, the members behind both Services
 * and in DNS, the documented outputs, no perpetual diff, and a refresh that changes no input.
 */
import * as assert from "node:assert/strict";
import { e2e } from "./context";
import { EnsembleConfig, assertMembersBehindNames, clientServiceAddress, ensembleConfig, placement } from "./ensemble";
import { plannedOperations, previewOperations } from "./oracle";
import { Stack, StateResource } from "./stack";
import { renderProgram } from "stateful-ensemble";

/**
 * Output paths a refresh may change: what the API server and the controllers write (status,
 * bookkeeping), never anything the program sets. docs/testing.md explains each.
 */
export const OUTPUT_ONLY_PREFIXES = ["status", "metadata.resourceVersion", "metadata.generation", "metadata.managedFields"];

/** Paths (dotted) at which two JSON values differ. */
function changedPaths(a: unknown, b: unknown, prefix = ""): string[] {
    if (JSON.stringify(a) === JSON.stringify(b)) return [];
    if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
        const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
        return [...keys].flatMap((k) =>
            changedPaths((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], prefix ? `${prefix}.${k}` : k),
        );
    }
    return [prefix];
}

/**
 * A refresh may bring server-written status into the outputs; it must change no input. Returns
 * the output paths it did change, as `<type> <path>`, for the report.
 */
export function assertRefreshKeptInputs(before: StateResource[], after: StateResource[]): string[] {
    const byUrn = new Map(after.map((r) => [r.urn, r]));
    const seen: string[] = [];
    for (const resource of before) {
        const refreshed = byUrn.get(resource.urn);
        assert.ok(refreshed, `refresh dropped ${resource.urn}`);
        assert.deepEqual(refreshed.inputs, resource.inputs, `refresh changed the inputs of ${resource.urn}`);
        const changed = changedPaths(resource.outputs, refreshed.outputs);
        const beyondStatus = changed.filter((p) => !OUTPUT_ONLY_PREFIXES.some((prefix) => p === prefix || p.startsWith(`${prefix}.`)));
        assert.deepEqual(beyondStatus, [], `refresh changed outputs of ${resource.urn} beyond status`);
        seen.push(...changed.map((p) => `${resource.type} ${p}`));
    }
    return seen;
}

export class SwitchRun {
    private previous: Record<string, string> | undefined;
    private clientUid?: string;
    private clientIP?: string;
    private headlessUid?: string;
    /** Every claim seen so far: none may ever go away. */
    readonly claims = new Set<string>();
    /** `pulumi up` wall time of each step, for the report. */
    readonly upSeconds: string[] = [];
    /** Every output path a refresh changed, for the report (docs/testing.md lists them). */
    readonly refreshChanges = new Set<string>();

    constructor(
        readonly stack: Stack,
        readonly namespace: string,
        readonly name: string,
    ) {}

    /** Applies one step's complete configuration and checks everything. */
    async step(config: Record<string, string>, label: string): Promise<void> {
        const expected: EnsembleConfig = ensembleConfig(config);
        await this.stack.configure(config);
        await this.assertPreviewAsPlanned(config);

        // External members have no pods to wait for: a slow `up` there is a hang, not a rollout.
        const up = await this.stack.up(expected.mode === "external" ? 120_000 : 300_000);
        this.upSeconds.push(`${label} ${up.seconds.toFixed(1)} s`);
        await this.assertConverged(config);
    }

    /**
     * Everything that must hold once the stack runs `config`: the Services' identity, every
     * claim, the members behind the names and in DNS, no EndpointSlice of the component's that
     * the stack does not own, the outputs, no perpetual diff, and a refresh that changes no input.
     */
    async assertConverged(config: Record<string, string>): Promise<void> {
        const expected = ensembleConfig(config);
        await this.assertServicesKept();
        await this.assertClaimsKept(expected);
        await assertMembersBehindNames(this.namespace, this.name, expected);
        assert.deepEqual(await clientServiceAddress(this.namespace, this.name), [this.clientIP]);
        await this.assertNoOrphanedSlices();
        await this.assertDisruptionBudget(expected);
        await this.assertOutputs(expected);

        await this.stack.expectNoChanges();
        const before = await this.stack.state();
        await this.stack.refresh();
        assertRefreshKeptInputs(before, await this.stack.state()).forEach((c) => this.refreshChanges.add(c));
        await this.stack.expectNoChanges();
        this.previous = config;
    }

    /** In-cluster members are covered by a PodDisruptionBudget allowing one voluntary disruption. */
    private async assertDisruptionBudget(expected: EnsembleConfig): Promise<void> {
        const budget = await e2e().kube.disruptionBudget(this.namespace, this.name);
        if (expected.mode === "external") {
            assert.equal(budget, undefined, "external mode keeps no PodDisruptionBudget");
            return;
        }
        assert.equal(budget?.spec?.maxUnavailable, 1);
    }

    /** The component's EndpointSlices in the cluster are exactly those in the stack's state. */
    private async assertNoOrphanedSlices(): Promise<void> {
        const inCluster = (await e2e().kube.slices(this.namespace))
            .filter((s) => s.metadata?.labels?.["endpointslice.kubernetes.io/managed-by"] === "stateful-ensemble")
            .map((s) => s.metadata!.name!)
            .sort();
        const inState = (await this.stack.state())
            .filter((r) => r.type === "kubernetes:discovery.k8s.io/v1:EndpointSlice")
            .map((r) => (r.outputs as { metadata: { name: string } }).metadata.name)
            .sort();
        assert.deepEqual(inCluster, inState, "EndpointSlices of the component that the stack does not own");
    }

    /** The engine's operation on every Kubernetes resource equals the planner's (or, first, the render's creates). */
    private async assertPreviewAsPlanned(config: Record<string, string>): Promise<void> {
        const preview = previewOperations((await this.stack.preview()).steps);
        if (this.previous) {
            const planned = await plannedOperations(this.stack.dir, this.previous, config);
            assert.deepEqual(preview, planned.operations, `pulumi preview and the planner disagree:\n${planned.report}`);
            return;
        }
        const rendered = await renderProgram(this.stack.dir, {
            config: Object.entries(config).map(([k, v]) => `${k}=${v}`),
        });
        const creates = rendered.resources.map((r) => [`${r.type}::${r.name}`, "create"]).sort(([a], [b]) => a.localeCompare(b));
        assert.deepEqual(preview, Object.fromEntries(creates));
    }

    private async assertServicesKept(): Promise<void> {
        const kube = e2e().kube;
        const client = (await kube.service(this.namespace, this.name))!;
        const headless = (await kube.service(this.namespace, `${this.name}-headless`))!;
        this.clientUid ??= client.metadata!.uid;
        this.clientIP ??= client.spec!.clusterIP;
        this.headlessUid ??= headless.metadata!.uid;
        assert.equal(client.metadata!.uid, this.clientUid, "the client Service was replaced");
        assert.equal(client.spec!.clusterIP, this.clientIP, "the client Service's ClusterIP changed");
        assert.equal(headless.metadata!.uid, this.headlessUid, "the headless Service was replaced");
        assert.equal(headless.spec!.clusterIP, "None");
    }

    private async assertClaimsKept(expected: EnsembleConfig): Promise<void> {
        const claims = (await e2e().kube.claims(this.namespace)).map((c) => c.metadata!.name!);
        for (const claim of this.claims) assert.ok(claims.includes(claim), `claim ${claim} is gone`);
        claims.forEach((c) => this.claims.add(c));
        for (const [ordinal, where] of placement(expected)) {
            const claim = `data-${this.name}-${ordinal}`;
            if (where === "pod") assert.ok(this.claims.has(claim), `claim ${claim} of an in-cluster member is missing`);
        }
    }

    /** The outputs the README documents, worked out from the configuration. */
    private async assertOutputs(expected: EnsembleConfig): Promise<void> {
        const outputs = await this.stack.outputs();
        const zone = `${this.namespace}.svc.cluster.local`;
        const hosts = [...placement(expected).keys()].map((o) => `${this.name}-${o}.${this.name}-headless.${zone}`);
        assert.equal(outputs.clientEndpoint, `${this.name}.${zone}:2181`);
        if ("memberHosts" in outputs) assert.deepEqual(outputs.memberHosts, hosts);
        assert.equal(outputs.connectionString, hosts.map((h) => `${h}:2181`).join(","));
        assert.equal(outputs.mode, expected.mode);
    }
}
