/**
 * Switch invariants: the same ensemble rendered in every pair of mode × clientTraffic settings
 * keeps its Services, the StatefulSet's replacement-forcing fields, the members' slices and its
 * claims, and the migration planner finds nothing to replace, no claim at risk and no hazard.
 */
import { strict as assert } from "assert";
import { EnsembleArgsError, StatefulEnsembleArgs, planSafePath } from "../../sdk";
import { Action, diffRenders } from "../../sdk/tools/migrate/diff";
import { KubernetesObject } from "../../sdk/tools/render/engine";
import { assertValidObject } from "../helpers/schema";
import { EXTERNAL, PORTS } from "../helpers/fixtures";
import { RenderedEnsemble, objectOf, renderEnsemble } from "../helpers/rendered";

/** Every valid setting: clientTraffic must have members to go to. */
const SETTINGS: { mode: StatefulEnsembleArgs["mode"]; clientTraffic: NonNullable<StatefulEnsembleArgs["clientTraffic"]> }[] = [
    { mode: "inCluster", clientTraffic: "all" },
    { mode: "inCluster", clientTraffic: "inCluster" },
    { mode: "external", clientTraffic: "all" },
    { mode: "external", clientTraffic: "external" },
    { mode: "hybrid", clientTraffic: "all" },
    { mode: "hybrid", clientTraffic: "inCluster" },
    { mode: "hybrid", clientTraffic: "external" },
];

/** VMs hold ordinals 0-2, the cluster 3-5: one program valid in every setting. */
function args(setting: (typeof SETTINGS)[number]): StatefulEnsembleArgs {
    return {
        ...setting,
        ports: PORTS,
        inCluster: { replicas: 3, startOrdinal: 3, image: "zookeeper:3.9.3", storage: { size: "10Gi" } },
        external: EXTERNAL,
    };
}

const label = (s: (typeof SETTINGS)[number]) => `${s.mode}/${s.clientTraffic}`;

/** The hostnames each of the component's slices carries, by the Service the slice belongs to. */
function sliceOfMember(r: RenderedEnsemble, service: string, hostname: string): string | undefined {
    return r.resources
        .map((x) => x.object)
        .find(
            (o) =>
                o.kind === "EndpointSlice" &&
                (o.metadata.labels as Record<string, string>)["kubernetes.io/service-name"] === service &&
                (o.endpoints as { hostname: string }[]).some((e) => e.hostname === hostname),
        )?.metadata.name;
}

function serviceShape(o: KubernetesObject | undefined) {
    assert.ok(o, "the Service exists");
    const spec = o.spec as Record<string, unknown>;
    return { name: o.metadata.name, ports: spec.ports, clusterIP: spec.clusterIP, type: spec.type, ipFamilyPolicy: spec.ipFamilyPolicy };
}

function fixedStatefulSetFields(o: KubernetesObject) {
    const spec = o.spec as Record<string, unknown>;
    return {
        name: o.metadata.name,
        selector: spec.selector,
        serviceName: spec.serviceName,
        volumeClaimTemplates: spec.volumeClaimTemplates,
        podManagementPolicy: spec.podManagementPolicy,
        revisionHistoryLimit: spec.revisionHistoryLimit,
    };
}

describe("mode switches", () => {
    const rendered = new Map<string, RenderedEnsemble>();

    before(async () => {
        for (const s of SETTINGS) rendered.set(label(s), await renderEnsemble(args(s)));
    });

    it("renders every setting as objects the Kubernetes schemas accept", () => {
        for (const r of rendered.values()) for (const { object } of r.resources) assertValidObject(object);
    });

    it("gives every Service a selector in every setting, so no switch removes one", () => {
        for (const [name, r] of rendered) {
            for (const svc of ["zk", "zk-headless"]) {
                const selector = (objectOf(r, "Service", svc)!.spec as { selector?: object }).selector;
                assert.ok(selector && Object.keys(selector).length > 0, `${svc} in ${name}`);
            }
        }
    });

    it("mounts claims data-zk-3 to data-zk-5, kept on delete and scale-down, wherever a StatefulSet exists", () => {
        for (const r of rendered.values()) {
            const sts = objectOf(r, "StatefulSet", "zk");
            if (!sts) continue;
            const spec = sts.spec as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
            const claims = [3, 4, 5].map((o) => `${spec.volumeClaimTemplates[0].metadata.name}-${sts.metadata.name}-${o}`);
            assert.deepEqual(claims, ["data-zk-3", "data-zk-4", "data-zk-5"]);
            assert.deepEqual(spec.persistentVolumeClaimRetentionPolicy, { whenDeleted: "Retain", whenScaled: "Retain" });
            assert.deepEqual(spec.ordinals, { start: 3 });
        }
    });

    for (const from of SETTINGS) {
        for (const to of SETTINGS) {
            if (from === to) continue;
            describe(`from ${label(from)} to ${label(to)}`, () => {
                it("keeps both Services' URNs, Kubernetes names, ports and clusterIP setting", () => {
                    const a = rendered.get(label(from))!;
                    const b = rendered.get(label(to))!;
                    for (const svc of ["zk", "zk-headless"]) {
                        assert.equal(b.urns.get(`Service/${svc}`), a.urns.get(`Service/${svc}`));
                        assert.deepEqual(serviceShape(objectOf(b, "Service", svc)), serviceShape(objectOf(a, "Service", svc)));
                    }
                });

                it("keeps the StatefulSet's URN and every field whose change forces a replacement", () => {
                    const a = rendered.get(label(from))!;
                    const b = rendered.get(label(to))!;
                    const before = objectOf(a, "StatefulSet", "zk");
                    const after = objectOf(b, "StatefulSet", "zk");
                    assert.equal(before !== undefined, from.mode !== "external");
                    assert.equal(after !== undefined, to.mode !== "external");
                    if (!before || !after) return;
                    assert.equal(b.urns.get("StatefulSet/zk"), a.urns.get("StatefulSet/zk"));
                    assert.deepEqual(fixedStatefulSetFields(after), fixedStatefulSetFields(before));
                });

                it("keeps the slice of every external member that backs a Service in both settings", () => {
                    const a = rendered.get(label(from))!;
                    const b = rendered.get(label(to))!;
                    let compared = 0;
                    for (const svc of ["zk", "zk-headless"]) {
                        for (const host of ["zk-0", "zk-1", "zk-2"]) {
                            const x = sliceOfMember(a, svc, host);
                            const y = sliceOfMember(b, svc, host);
                            if (x === undefined || y === undefined) continue;
                            assert.equal(y, x);
                            assert.equal(b.urns.get(`EndpointSlice/${y}`), a.urns.get(`EndpointSlice/${x}`));
                            compared++;
                        }
                    }
                    // The headless Service has the VMs in every setting but inCluster mode.
                    const both = from.mode !== "inCluster" && to.mode !== "inCluster";
                    assert.ok(!both || compared >= 3, `compared ${compared} members`);
                });

                it("plans nothing to replace, no claim at risk and no hazard: only step rules can make it unsafe", () => {
                    const plan = diffRenders(rendered.get(label(from))!.resources, rendered.get(label(to))!.resources);
                    assert.deepEqual(
                        plan.objects.filter((p) => p.action === Action.Replace).map((p) => p.id),
                        [],
                    );
                    assert.deepEqual(plan.claimRisks, []);
                    assert.deepEqual(plan.hazards, []);
                    assert.equal(plan.safe, plan.stepRules.length === 0);
                });
            });
        }
    }

    it("re-attaches data-zk-3 to data-zk-5 when switching from external back to inCluster", () => {
        const plan = diffRenders(rendered.get("external/all")!.resources, rendered.get("inCluster/all")!.resources);
        assert.deepEqual(plan.claimMounts, [{ statefulSet: "apps/v1 StatefulSet default/zk", claims: ["data-zk-{3..5}"] }]);
        const kept = diffRenders(rendered.get("inCluster/all")!.resources, rendered.get("external/all")!.resources).claimsKept;
        assert.deepEqual(kept, [{ statefulSet: "apps/v1 StatefulSet default/zk", claims: ["data-zk-{3..5}"] }]);
    });

    it("moves out of the cluster by growing onto VMs with the next ordinals, then shrinking, along the safe path", async () => {
        const vms = { members: [3, 4, 5].map((o) => ({ address: `10.0.1.${o}`, ordinal: o })) };
        const inCluster = { replicas: 3, image: "zookeeper:3.9.3", storage: { size: "10Gi" } };
        const steps = planSafePath<StatefulEnsembleArgs>(
            { mode: "inCluster", ports: PORTS, inCluster },
            { mode: "external", ports: PORTS, inCluster, external: vms },
        );
        assert.equal(steps.length, 7);
        const renders = [];
        for (const step of steps) renders.push(await renderEnsemble(step));
        for (let i = 1; i < renders.length; i++) {
            const plan = diffRenders(renders[i - 1].resources, renders[i].resources);
            assert.equal(plan.safe, true, `step ${i}`);
        }
        const last = diffRenders(renders[5].resources, renders[6].resources);
        assert.deepEqual(last.claimsKept, [{ statefulSet: "apps/v1 StatefulSet default/zk", claims: ["data-zk-2"] }]);
        const hosts = (objectOf(renders[6], "EndpointSlice", "zk-headless-ext-ipv4-0")!.endpoints as { hostname: string }[]).map(
            (e) => e.hostname,
        );
        assert.deepEqual(hosts, ["zk-3", "zk-4", "zk-5"]);
    });

    it("refuses external mode while claims are deleted with the StatefulSet, unless data loss is allowed", async () => {
        const deleting = (extra: Partial<StatefulEnsembleArgs>): StatefulEnsembleArgs => ({
            ...args({ mode: "external", clientTraffic: "all" }),
            inCluster: { replicas: 3, startOrdinal: 3, image: "zookeeper:3.9.3", storage: { size: "10Gi", whenDeleted: "Delete" } },
            ...extra,
        });
        await assert.rejects(
            renderEnsemble(deleting({})),
            (err: unknown) =>
                err instanceof EnsembleArgsError &&
                /inCluster\.storage\.whenDeleted is "Delete": in external mode the StatefulSet is deleted/.test(err.message),
        );
        const inCluster = await renderEnsemble({ ...deleting({}), mode: "inCluster" });
        const external = await renderEnsemble(deleting({ allowDataLoss: true }));
        const plan = diffRenders(inCluster.resources, external.resources);
        assert.equal(plan.safe, false);
        assert.deepEqual(
            plan.claimRisks.map((r) => [r.claims, r.count]),
            [[["data-zk-{3..5}"], 3]],
        );
    });

    it("flags the switch that removes a selector when legacy Endpoints keep Services selector-less", async () => {
        const legacy = (s: (typeof SETTINGS)[number]) => ({ ...args(s), external: { ...EXTERNAL, legacyEndpoints: true } });
        const hybrid = await renderEnsemble(legacy({ mode: "hybrid", clientTraffic: "all" }));
        const traffic = await renderEnsemble(legacy({ mode: "hybrid", clientTraffic: "external" }));
        assert.equal((objectOf(traffic, "Service", "zk")!.spec as { selector?: object }).selector, undefined);
        assert.ok(objectOf(traffic, "Endpoints", "zk"), "the component writes the selector-less client Service's Endpoints");
        const plan = diffRenders(hybrid.resources, traffic.resources);
        assert.equal(plan.safe, false);
        assert.deepEqual(
            plan.hazards.map((h) => h.id),
            ["v1 Service default/zk", "v1 Endpoints default/zk"],
        );
        // Back again: adding a selector is safe.
        assert.equal(diffRenders(traffic.resources, hybrid.resources).safe, true);
    });
});
