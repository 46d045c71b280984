import { strict as assert } from "assert";
import { Action, diffRenders } from "../../../../sdk/tools/migrate/diff";
import { identity } from "../../../../sdk/tools/render/identity";
import { formatPlan, verdict } from "../../../../sdk/tools/migrate/format";
import { KubernetesObject, RenderedResource } from "../../../../sdk/tools/render/engine";

type Fields = Record<string, unknown>;

function object(apiVersion: string, kind: string, name: string, fields: Fields = {}): KubernetesObject {
    return { apiVersion, kind, metadata: { name, namespace: "default" }, ...fields };
}

/** A rendered resource whose Pulumi type follows pulumi-kubernetes' tokens. */
function rendered(o: KubernetesObject, pulumiName = o.metadata.name): RenderedResource {
    const [group, version] = o.apiVersion.includes("/") ? o.apiVersion.split("/") : ["core", o.apiVersion];
    return { type: `kubernetes:${group}/${version}:${o.kind}`, name: pulumiName, object: o, redacted: o };
}

const service = (spec: Fields) => object("v1", "Service", "zk", { spec: { ports: [{ name: "client", port: 2181 }], ...spec } });
const statefulSet = (spec: Fields) =>
    object("apps/v1", "StatefulSet", "zk", {
        spec: {
            serviceName: "zk-headless",
            replicas: 3,
            selector: { matchLabels: { app: "zk" } },
            podManagementPolicy: "OrderedReady",
            ...spec,
        },
    });

function planOf(before: KubernetesObject[], after: KubernetesObject[]) {
    return diffRenders(
        before.map((o) => rendered(o)),
        after.map((o) => rendered(o)),
    );
}

function actionOf(before: KubernetesObject, after: KubernetesObject) {
    const plan = planOf([before], [after]);
    assert.equal(plan.objects.length, 1);
    return plan.objects[0];
}

describe("the migration planner's diff", () => {
    it("names objects by API group, kind, namespace and name", () => {
        assert.equal(identity(object("apps/v1", "StatefulSet", "zk")), "apps StatefulSet default/zk");
        assert.equal(identity(object("v1", "Service", "zk")), "core Service default/zk");
    });

    it("creates what only the target has, deletes what only the source has, leaves equal objects unchanged", () => {
        const plan = planOf([service({}), object("v1", "ServiceAccount", "old")], [service({}), object("v1", "ServiceAccount", "new")]);
        assert.deepEqual(
            plan.objects.map((p) => [p.action, p.id]),
            [
                [Action.Unchanged, "v1 Service default/zk"],
                [Action.Create, "v1 ServiceAccount default/new"],
                [Action.Delete, "v1 ServiceAccount default/old"],
            ],
        );
        assert.equal(plan.safe, true);
    });

    it("updates in place with the changed fields, maps key by key and lists as a whole", () => {
        const p = actionOf(
            service({ selector: { app: "zk", "stateful-ensemble/no-pods": "true" } }),
            service({ selector: { app: "zk" }, ports: [{ name: "client", port: 2182 }] }),
        );
        assert.equal(p.action, Action.Update);
        assert.deepEqual(
            p.changes.map((c) => [c.path.join("."), c.before, c.after]),
            [
                ["spec.ports", [{ name: "client", port: 2181 }], [{ name: "client", port: 2182 }]],
                ["spec.selector.stateful-ensemble/no-pods", "true", undefined],
            ],
        );
    });

    const replacing: [string, KubernetesObject, KubernetesObject, string][] = [
        ["a StatefulSet's serviceName", statefulSet({}), statefulSet({ serviceName: "zk-peers" }), "spec.serviceName"],
        ["a StatefulSet's selector", statefulSet({}), statefulSet({ selector: { matchLabels: { app: "zoo" } } }), "spec.selector"],
        [
            "a StatefulSet's podManagementPolicy",
            statefulSet({}),
            statefulSet({ podManagementPolicy: "Parallel" }),
            "spec.podManagementPolicy",
        ],
        [
            "a StatefulSet's volumeClaimTemplates",
            statefulSet({ volumeClaimTemplates: [{ metadata: { name: "data" } }] }),
            statefulSet({ volumeClaimTemplates: [{ metadata: { name: "data" }, spec: { storageClassName: "fast" } }] }),
            "spec.volumeClaimTemplates",
        ],
        ["a StatefulSet's revisionHistoryLimit", statefulSet({}), statefulSet({ revisionHistoryLimit: 5 }), "spec.revisionHistoryLimit"],
        ["a Service's clusterIP", service({}), service({ clusterIP: "None" }), "spec.clusterIP"],
        [
            "a Service's primary IP family",
            service({ ipFamilies: ["IPv4"] }),
            service({ ipFamilies: ["IPv6", "IPv4"] }),
            "spec.ipFamilies.0",
        ],
        [
            "an EndpointSlice's addressType",
            object("discovery.k8s.io/v1", "EndpointSlice", "zk-ext", { addressType: "IPv4" }),
            object("discovery.k8s.io/v1", "EndpointSlice", "zk-ext", { addressType: "IPv6" }),
            "addressType",
        ],
        [
            "a ConfigMap's data",
            object("v1", "ConfigMap", "zk", { data: { a: "1" } }),
            object("v1", "ConfigMap", "zk", { data: { a: "2" } }),
            "data",
        ],
        [
            "a Secret's type",
            object("v1", "Secret", "zk", { type: "Opaque" }),
            object("v1", "Secret", "zk", { type: "kubernetes.io/tls" }),
            "type",
        ],
    ];
    for (const [what, before, after, path] of replacing) {
        it(`replaces when ${what} changes`, () => {
            const p = actionOf(before, after);
            assert.equal(p.action, Action.Replace);
            assert.deepEqual(
                p.replacedBecause.map((f) => f.path.join(".")),
                [path],
            );
        });
    }

    it("updates what the API lets change: replicas, ordinals, the pod template, a secondary IP family, endpoints", () => {
        assert.equal(
            actionOf(statefulSet({}), statefulSet({ replicas: 5, ordinals: { start: 3 }, template: { x: 1 } })).action,
            Action.Update,
        );
        assert.equal(actionOf(service({ ipFamilies: ["IPv4"] }), service({ ipFamilies: ["IPv4", "IPv6"] })).action, Action.Update);
        const slice = (endpoints: unknown[]) =>
            object("discovery.k8s.io/v1", "EndpointSlice", "zk-ext", { addressType: "IPv4", endpoints });
        assert.equal(actionOf(slice([{ addresses: ["10.0.0.10"] }]), slice([])).action, Action.Update);
    });

    it("replaces an object that moves to another Pulumi resource, but not one whose API version alone changes", () => {
        const moved = diffRenders([rendered(service({}), "zk")], [rendered(service({}), "zk-client")]);
        assert.equal(moved.objects[0].action, Action.Replace);
        assert.match(
            String(moved.objects[0].replacedBecause[0].cause),
            /kubernetes:core\/v1:Service::zk to kubernetes:core\/v1:Service::zk-client/,
        );
        const pdb = (apiVersion: string) => object(apiVersion, "PodDisruptionBudget", "zk", { spec: { maxUnavailable: 1 } });
        const upgraded = planOf([pdb("policy/v1beta1")], [pdb("policy/v1")]);
        assert.deepEqual(
            upgraded.objects.map((p) => [p.action, p.changes.map((c) => c.path.join("."))]),
            [[Action.Update, ["apiVersion"]]],
        );
    });

    it("flags a Service that loses its selector, and Endpoints created in its name", () => {
        const plan = planOf([service({ selector: { app: "zk" } })], [service({}), object("v1", "Endpoints", "zk", { subsets: [] })]);
        assert.deepEqual(
            plan.hazards.map((h) => h.id),
            ["v1 Service default/zk", "v1 Endpoints default/zk"],
        );
        assert.match(plan.hazards[0].reason, /loses its selector.*kubernetes\/kubernetes#118376/);
        assert.equal(plan.safe, false);
        assert.equal(planOf([service({})], [service({ selector: { app: "zk" } })]).safe, true);
    });

    it("lists the stack outputs whose values change", () => {
        const plan = diffRenders([], [], {
            before: { mode: "external", clientEndpoint: "zk:2181" },
            after: { mode: "hybrid", clientEndpoint: "zk:2181" },
        });
        assert.deepEqual(plan.changedOutputs, ["mode"]);
    });

    it("prints one line per object, the changed fields, and a one-line verdict", () => {
        const plan = planOf(
            [statefulSet({ volumeClaimTemplates: [{ metadata: { name: "data" } }] }), object("v1", "ServiceAccount", "zk")],
            [statefulSet({ volumeClaimTemplates: [{ metadata: { name: "data" } }], serviceName: "zk-peers", replicas: 4 })],
        );
        assert.equal(
            formatPlan(plan, "Plan for test"),
            [
                "Plan for test",
                "",
                "  REPLACE    apps/v1 StatefulSet default/zk",
                '               spec.serviceName: "zk-headless" → "zk-peers"  (forces replacement: spec.serviceName is immutable in the Kubernetes API)',
                "               spec.replicas: 3 → 4",
                "  delete     v1 ServiceAccount default/zk",
                "",
                "Claims mounted (an existing claim of the same name is re-attached with its data):",
                "  apps/v1 StatefulSet default/zk: data-zk-{0..3}",
                "",
                "Verdict: UNSAFE: 0 to create, 0 to update, 1 to delete, 1 to replace, no claim at risk. Do not apply as it is.",
                "",
            ].join("\n"),
        );
    });

    it("counts claims at risk and hazards in the verdict", () => {
        const deleting = statefulSet({
            volumeClaimTemplates: [{ metadata: { name: "data" } }],
            persistentVolumeClaimRetentionPolicy: { whenDeleted: "Delete", whenScaled: "Retain" },
        });
        assert.equal(
            verdict(planOf([deleting, service({ selector: { app: "zk" } })], [service({})])),
            "Verdict: UNSAFE: 0 to create, 1 to update, 1 to delete, 0 to replace, 3 claims at risk, 1 hazard. Do not apply as it is.",
        );
        assert.equal(
            verdict(planOf([], [service({})])),
            "Verdict: safe: 1 to create, 0 to update, 0 to delete, 0 to replace, no claim at risk.",
        );
    });
});
