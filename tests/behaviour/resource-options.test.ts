/**
 * Pulumi's resource options on the component reach the Kubernetes objects it registers:
 * explicit providers, transforms, aliases, protect and retainOnDelete, set from TypeScript or
 * through `construct` by a program in another language.
 */
import { strict as assert } from "assert";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { StatefulEnsemble } from "../../sdk";
import { ensembleArgs } from "../helpers/fixtures";
import { recordResources, settle, valueOf } from "../helpers/mocks";
import { constructComponent } from "../helpers/provider";
import { Registration, RequestLog, recordRequests } from "../helpers/requests";

const TOKEN = "stateful-ensemble:index:StatefulEnsemble";

/**
 * Hybrid mode registers every kind the ensemble may own at once: Services, EndpointSlices,
 * StatefulSet, ServiceAccount, PodDisruptionBudget.
 */
const HYBRID = ensembleArgs("hybrid", {
    inCluster: { replicas: 2, startOrdinal: 1, image: "zookeeper:3.9.3" },
    external: { members: [{ address: "10.0.0.10", ordinal: 0 }] },
});

/** The objects the ensemble registered: every resource under the component. */
function children(log: RequestLog, name = "zk"): Registration[] {
    const found = log.childrenOf(log.get(TOKEN, name).urn);
    // Guards every `every(...)` below against passing on an empty list.
    assert.deepEqual(found.map((r) => r.type).sort(), [
        "kubernetes:apps/v1:StatefulSet",
        "kubernetes:core/v1:Service",
        "kubernetes:core/v1:Service",
        "kubernetes:core/v1:ServiceAccount",
        "kubernetes:discovery.k8s.io/v1:EndpointSlice",
        "kubernetes:discovery.k8s.io/v1:EndpointSlice",
        "kubernetes:policy/v1:PodDisruptionBudget",
    ]);
    return found;
}

async function providerRef(provider: pulumi.ProviderResource): Promise<string> {
    return `${await valueOf(provider.urn)}::${await valueOf(provider.id)}`;
}

describe("resource options on a StatefulEnsemble", () => {
    describe("explicit providers", () => {
        const forms: [string, (p: k8s.Provider) => pulumi.ComponentResourceOptions][] = [
            ["providers: [p]", (p) => ({ providers: [p] })],
            ["providers: { kubernetes: p }", (p) => ({ providers: { kubernetes: p } })],
            ["provider: p", (p) => ({ provider: p })],
        ];
        for (const [form, options] of forms) {
            it(`hands the kubernetes provider given as ${form} to every child`, async () => {
                const log = await recordRequests();
                const cluster = new k8s.Provider("cluster", { kubeconfig: "kubeconfig.yaml" });
                new StatefulEnsemble("zk", HYBRID, options(cluster));
                await settle();
                const ref = await providerRef(cluster);
                assert.deepEqual(
                    children(log).filter((r) => r.provider !== ref),
                    [],
                );
            });
        }

        it("leaves every child on the default provider when none is given", async () => {
            const log = await recordRequests();
            new StatefulEnsemble("zk", HYBRID);
            await settle();
            assert.deepEqual(
                children(log).map((r) => r.provider),
                children(log).map(() => ""),
            );
        });
    });

    describe("transforms", () => {
        it("lets a transform on the component change every child, as the engine applies it", async () => {
            const log = await recordRequests({ transforms: true });
            const transformed: string[] = [];
            new StatefulEnsemble("zk", HYBRID, {
                transforms: [
                    (args) => {
                        transformed.push(`${args.type}::${args.name}`);
                        if (!args.type.startsWith("kubernetes:")) return undefined;
                        const metadata = args.props.metadata as { labels: Record<string, string> };
                        return {
                            props: { ...args.props, metadata: { ...metadata, labels: { ...metadata.labels, team: "platform" } } },
                            opts: args.opts,
                        };
                    },
                ],
            });
            await settle();
            const all = children(log);
            // The transform is registered once, on the component; the engine runs it for each child.
            assert.equal(log.get(TOKEN, "zk").transforms, 1);
            assert.deepEqual(
                all.map((r) => r.transforms),
                all.map(() => 0),
            );
            assert.deepEqual(transformed.sort(), [`${TOKEN}::zk`, ...all.map((r) => `${r.type}::${r.name}`)].sort());
            assert.deepEqual(
                all.filter((r) => r.inputs.metadata.labels.team !== "platform").map((r) => r.name),
                [],
            );
        });

        it("applies legacy transformations on the component to every child", async () => {
            const rec = await recordResources();
            new StatefulEnsemble("zk", HYBRID, {
                transformations: [
                    (args) =>
                        args.type.startsWith("kubernetes:")
                            ? {
                                  props: { ...args.props, metadata: { ...args.props.metadata, annotations: { owner: "platform" } } },
                                  opts: args.opts,
                              }
                            : undefined,
                ],
            });
            await settle();
            const objects = rec.resources.filter((r) => r.type.startsWith("kubernetes:"));
            assert.equal(objects.length, 7);
            assert.deepEqual(
                objects.filter((r) => r.inputs.metadata.annotations?.owner !== "platform").map((r) => r.name),
                [],
            );
        });
    });

    describe("aliases", () => {
        it("keeps every child's identity when an alias moves the component under a new parent", async () => {
            // Before: the ensemble at the top of the stack.
            const before = await recordRequests({ aliasSpecs: false });
            new StatefulEnsemble("zk", HYBRID);
            await settle();
            const urnBefore = new Map(children(before).map((r) => [`${r.type}::${r.name}`, r.urn]));

            // After: inside a platform component, aliased to where it was. (With alias specs the
            // engine derives the children's aliases from the component's in the same way.)
            const after = await recordRequests({ aliasSpecs: false });
            const platform = new pulumi.ComponentResource("acme:index:Platform", "platform");
            new StatefulEnsemble("zk", HYBRID, { parent: platform, aliases: [{ parent: pulumi.rootStackResource }] });
            await settle();
            for (const child of children(after)) {
                const old = urnBefore.get(`${child.type}::${child.name}`);
                assert.ok(old, `${child.type}::${child.name} is new`);
                assert.notEqual(child.urn, old);
                assert.ok(child.aliasUrns.includes(old), `${child.urn} lacks the alias ${old}`);
            }
        });
    });

    describe("protect and retainOnDelete", () => {
        it("protects every child of a protected ensemble", async () => {
            const log = await recordRequests();
            new StatefulEnsemble("zk", HYBRID, { protect: true });
            await settle();
            assert.deepEqual(
                children(log).filter((r) => !r.protect),
                [],
            );
        });

        it("retains every child of an ensemble marked retainOnDelete", async () => {
            const log = await recordRequests();
            new StatefulEnsemble("zk", HYBRID, { retainOnDelete: true });
            await settle();
            assert.deepEqual(
                children(log).filter((r) => !r.retainOnDelete),
                [],
            );
        });

        it("neither protects nor retains children by default", async () => {
            const log = await recordRequests();
            new StatefulEnsemble("zk", HYBRID);
            await settle();
            assert.deepEqual(
                children(log).filter((r) => r.protect || r.retainOnDelete),
                [],
            );
        });
    });

    describe("through construct", () => {
        it("passes a provider, protect and retainOnDelete set by a program in another language to every child", async () => {
            const log = await recordRequests();
            const cluster = new k8s.Provider("cluster", { kubeconfig: "kubeconfig.yaml" });
            // The options as the provider's gRPC server rebuilds them from a ConstructRequest.
            await constructComponent(
                "zk",
                TOKEN,
                { ...HYBRID },
                { providers: { kubernetes: cluster }, protect: true, retainOnDelete: true },
            );
            await settle();
            const ref = await providerRef(cluster);
            assert.deepEqual(
                children(log).filter((r) => r.provider !== ref || !r.protect || !r.retainOnDelete),
                [],
            );
        });
    });
});
