/**
 * Hybrid mode and clientTraffic: member placement, which mechanism backs each Service, the
 * component's slices, and the order in which a switch applies them.
 */
import { strict as assert } from "assert";
import { EnsembleArgsError, StatefulEnsembleArgs, planEnsemble, validateEnsemble } from "../../../sdk";
import { NO_PODS_LABEL } from "../../../sdk/model/names";
import { inClusterObjects } from "../../../sdk/plan";
import { APPLY_ORDER, PlannedObject } from "../../../sdk/plan/objects";
import { prerequisites } from "../../../sdk/component/register";
import { backingFor } from "../../../sdk/model/backing";
import { EXTERNAL, IN_CLUSTER, PORTS, ensembleArgs } from "../../helpers/fixtures";
import { assertValidObject } from "../../helpers/schema";

function problemsOf(args: StatefulEnsembleArgs): readonly string[] {
    try {
        validateEnsemble("zk", args);
    } catch (err) {
        if (err instanceof EnsembleArgsError) return err.problems;
        throw err;
    }
    return [];
}

function hybrid(
    replicas: number,
    startOrdinal: number,
    members: { address: string; ordinal?: number }[],
    extra: Partial<StatefulEnsembleArgs> = {},
) {
    return ensembleArgs("hybrid", { inCluster: { ...IN_CLUSTER, replicas, startOrdinal }, external: { members }, ...extra });
}

const asObject = (o: PlannedObject) => ({ apiVersion: o.apiVersion, kind: o.kind, ...o.body });

describe("hybrid placement", () => {
    it("accepts VMs below the in-cluster range, above it, or on both sides", () => {
        assert.deepEqual(problemsOf(hybrid(3, 3, EXTERNAL.members)), []);
        assert.deepEqual(problemsOf(hybrid(2, 0, [{ address: "10.0.0.12", ordinal: 2 }])), []);
        assert.deepEqual(problemsOf(hybrid(2, 1, [{ address: "10.0.0.10" }, { address: "10.0.0.13", ordinal: 3 }])), []);
    });

    it("places every member once, in ordinal order", () => {
        const spec = validateEnsemble(
            "zk",
            hybrid(2, 1, [
                { address: "10.0.0.13", ordinal: 3 },
                { address: "10.0.0.10", ordinal: 0 },
            ]),
        );
        assert.deepEqual(
            spec.members.map((m) => [m.ordinal, m.placement, m.address]),
            [
                [0, "external", "10.0.0.10"],
                [1, "inCluster", undefined],
                [2, "inCluster", undefined],
                [3, "external", "10.0.0.13"],
            ],
        );
    });

    it("refuses a member placed both in the cluster and outside it, naming the ordinals", () => {
        assert.deepEqual(problemsOf(hybrid(3, 0, EXTERNAL.members)), [
            "external.members place ordinals 0, 1, 2 that the in-cluster range [0, 3) also holds; a member lives in one place",
        ]);
        assert.deepEqual(problemsOf(hybrid(2, 1, [{ address: "10.0.0.10", ordinal: 2 }])), [
            "external.members place ordinal 2 that the in-cluster range [1, 3) also holds; a member lives in one place",
        ]);
    });

    it("refuses ordinals that no member holds, naming them", () => {
        assert.deepEqual(problemsOf(hybrid(3, 5, EXTERNAL.members)), [
            "mode is hybrid but ordinals 3, 4 have no member: neither in the in-cluster range [5, 8) nor in external.members",
        ]);
        assert.deepEqual(problemsOf(hybrid(1, 2, [{ address: "10.0.0.10" }])), [
            "mode is hybrid but ordinal 1 has no member: neither in the in-cluster range [2, 3) nor in external.members",
        ]);
        assert.deepEqual(problemsOf(hybrid(1, 20, [{ address: "10.0.0.10" }])), [
            "mode is hybrid but ordinals 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, … have no member: neither in the in-cluster range [20, 21) nor in external.members",
        ]);
    });

    it("checks placement only in hybrid mode, where both blocks take effect", () => {
        assert.deepEqual(problemsOf(ensembleArgs("inCluster")), []);
        assert.deepEqual(problemsOf(ensembleArgs("external", { inCluster: { ...IN_CLUSTER, startOrdinal: 9 } })), []);
    });

    it("requires both blocks in hybrid mode", () => {
        assert.deepEqual(problemsOf({ mode: "hybrid", ports: PORTS }), [
            "inCluster is required in hybrid mode",
            "external is required in hybrid mode",
        ]);
    });
});

describe("clientTraffic", () => {
    it("defaults to all", () => {
        assert.equal(validateEnsemble("zk", hybrid(3, 3, EXTERNAL.members)).clientTraffic, "all");
    });

    it("refuses traffic to members the mode does not have", () => {
        assert.deepEqual(problemsOf(ensembleArgs("inCluster", { clientTraffic: "external" })), [
            'clientTraffic is "external" but inCluster mode has no external members to send it to',
        ]);
        assert.deepEqual(problemsOf(ensembleArgs("external", { clientTraffic: "inCluster" })), [
            'clientTraffic is "inCluster" but external mode has no in-cluster members to send it to',
        ]);
        assert.deepEqual(
            problemsOf(ensembleArgs("hybrid", { clientTraffic: "some" as never, inCluster: { ...IN_CLUSTER, startOrdinal: 3 } })),
            ['clientTraffic "some" is not one of "all", "inCluster", "external"'],
        );
    });

    it("lists a placement problem and a traffic problem together", () => {
        assert.equal(problemsOf(hybrid(3, 0, EXTERNAL.members, { clientTraffic: "nowhere" as never })).length, 2);
    });

    const table: [StatefulEnsembleArgs["mode"], NonNullable<StatefulEnsembleArgs["clientTraffic"]>, boolean, boolean, boolean, boolean][] =
        [
            // mode, traffic, client selects pods, client has VMs, headless selects pods, headless has VMs
            ["inCluster", "all", true, false, true, false],
            ["inCluster", "inCluster", true, false, true, false],
            ["external", "all", false, true, false, true],
            ["external", "external", false, true, false, true],
            ["hybrid", "all", true, true, true, true],
            ["hybrid", "inCluster", true, false, true, true],
            ["hybrid", "external", false, true, true, true],
        ];
    for (const [mode, traffic, clientPods, clientVms, headlessPods, headlessVms] of table) {
        it(`backs the Services of ${mode} mode with ${traffic} traffic as the table says`, () => {
            assert.deepEqual(backingFor(mode, traffic), {
                clientSelectsPods: clientPods,
                clientHasExternal: clientVms,
                headlessSelectsPods: headlessPods,
                headlessHasExternal: headlessVms,
            });
            const args =
                mode === "hybrid"
                    ? hybrid(3, 3, EXTERNAL.members, { clientTraffic: traffic })
                    : ensembleArgs(mode, { clientTraffic: traffic });
            const objects = planEnsemble(validateEnsemble("zk", args));
            const service = (name: string) => objects.find((o) => o.kind === "Service" && o.body.metadata.name === name)!;
            const selectsPods = (name: string) => {
                const selector = (service(name).body.spec as { selector: Record<string, string> }).selector;
                return selector["app.kubernetes.io/instance"] === "zk" && !(NO_PODS_LABEL in selector);
            };
            const slices = (name: string) =>
                objects
                    .filter((o) => o.kind === "EndpointSlice" && o.body.metadata.labels["kubernetes.io/service-name"] === name)
                    .map((o) => o.body.metadata.name);
            assert.equal(selectsPods("zk"), clientPods);
            assert.equal(selectsPods("zk-headless"), headlessPods);
            assert.deepEqual(slices("zk"), clientVms ? ["zk-ext-ipv4-0"] : []);
            assert.deepEqual(slices("zk-headless"), headlessVms ? ["zk-headless-ext-ipv4-0"] : []);
            objects.forEach((o) => assertValidObject(asObject(o)));
        });
    }
});

describe("Services not backed by pods", () => {
    it("select no pod through the reserved label instead of losing their selector", () => {
        const objects = planEnsemble(validateEnsemble("zk", ensembleArgs("external", { appName: "zookeeper" })));
        for (const name of ["zk", "zk-headless"]) {
            const svc = objects.find((o) => o.kind === "Service" && o.body.metadata.name === name)!;
            assert.deepEqual((svc.body.spec as { selector: object }).selector, {
                "app.kubernetes.io/name": "zookeeper",
                "app.kubernetes.io/instance": "zk",
                "stateful-ensemble/no-pods": "true",
            });
        }
        assert.deepEqual(
            objects.filter((o) => o.kind === "Endpoints"),
            [],
        );
    });

    it("are selector-less and get the component's Endpoints only with legacyEndpoints", () => {
        const objects = planEnsemble(
            validateEnsemble("zk", ensembleArgs("external", { external: { ...EXTERNAL, legacyEndpoints: true } })),
        );
        const svc = objects.find((o) => o.kind === "Service" && o.body.metadata.name === "zk")!;
        assert.equal((svc.body.spec as { selector?: object }).selector, undefined);
        assert.deepEqual(
            objects.filter((o) => o.kind === "Endpoints").map((o) => o.body.metadata.name),
            ["zk", "zk-headless"],
        );
    });

    it("refuses the reserved label on the ensemble's objects or pods, so no pod ever matches", () => {
        assert.deepEqual(problemsOf(ensembleArgs("inCluster", { labels: { [NO_PODS_LABEL]: "true" } })), [
            'labels["stateful-ensemble/no-pods"] is reserved: the component selects no pod with it, so Services that must not reach the pods never lose their selector',
        ]);
        assert.deepEqual(problemsOf(ensembleArgs("inCluster", { inCluster: { ...IN_CLUSTER, podLabels: { [NO_PODS_LABEL]: "x" } } })), [
            'inCluster.podLabels["stateful-ensemble/no-pods"] is reserved: the component selects no pod with it, so Services that must not reach the pods never lose their selector',
        ]);
    });
});

describe("the component's EndpointSlices", () => {
    const members = (ordinals: number[]) => ordinals.map((o) => ({ address: `10.1.${Math.floor(o / 250)}.${(o % 250) + 1}`, ordinal: o }));
    const sliceOf = (objects: PlannedObject[], hostname: string) =>
        objects.find(
            (o) =>
                o.kind === "EndpointSlice" &&
                o.body.metadata.labels["kubernetes.io/service-name"] === "zk-headless" &&
                (o.body.endpoints as { hostname: string }[]).some((e) => e.hostname === hostname),
        )?.body.metadata.name;

    it("hold at most 100 members each, grouped by block of 100 ordinals", () => {
        const all = Array.from({ length: 250 }, (_, i) => i);
        const objects = planEnsemble(validateEnsemble("zk", ensembleArgs("external", { external: { members: members(all) } })));
        const headless = objects.filter((o) => o.kind === "EndpointSlice" && o.body.metadata.name.startsWith("zk-headless"));
        assert.deepEqual(
            headless.map((o) => [o.body.metadata.name, (o.body.endpoints as unknown[]).length]),
            [
                ["zk-headless-ext-ipv4-0", 100],
                ["zk-headless-ext-ipv4-1", 100],
                ["zk-headless-ext-ipv4-2", 50],
            ],
        );
        headless.forEach((o) => assertValidObject(asObject(o)));
    });

    it("keep every other member in its slice when a member leaves", () => {
        const all = Array.from({ length: 250 }, (_, i) => i);
        const before = planEnsemble(validateEnsemble("zk", ensembleArgs("external", { external: { members: members(all) } })));
        const after = planEnsemble(
            validateEnsemble("zk", ensembleArgs("external", { external: { members: members(all.filter((o) => o !== 5)) } })),
        );
        for (const o of all.filter((x) => x !== 5)) assert.equal(sliceOf(after, `zk-${o}`), sliceOf(before, `zk-${o}`), `zk-${o}`);
    });

    it("put IPv6 members in slices of their own", () => {
        const objects = planEnsemble(
            validateEnsemble(
                "zk",
                ensembleArgs("external", { external: { members: [{ address: "10.0.0.10" }, { address: "2001:db8::11" }] } }),
            ),
        );
        const headless = objects.filter((o) => o.kind === "EndpointSlice" && o.body.metadata.name.startsWith("zk-headless"));
        assert.deepEqual(
            headless.map((o) => [
                o.body.metadata.name,
                o.body.addressType,
                (o.body.endpoints as { hostname: string }[]).map((e) => e.hostname),
            ]),
            [
                ["zk-headless-ext-ipv4-0", "IPv4", ["zk-0"]],
                ["zk-headless-ext-ipv6-0", "IPv6", ["zk-1"]],
            ],
        );
    });
});

describe("the order of a switch", () => {
    it("applies a Service's slices before the Service, and the Services before the StatefulSet", () => {
        assert.ok(APPLY_ORDER.indexOf("EndpointSlice") < APPLY_ORDER.indexOf("Service"));
        assert.ok(APPLY_ORDER.indexOf("Endpoints") < APPLY_ORDER.indexOf("Service"));
        const objects = planEnsemble(validateEnsemble("zk", hybrid(3, 3, EXTERNAL.members)));
        const kinds = objects.map((o) => `${o.kind}/${o.body.metadata.name}`);
        assert.deepEqual(kinds, [
            "ServiceAccount/zk",
            "EndpointSlice/zk-ext-ipv4-0",
            "EndpointSlice/zk-headless-ext-ipv4-0",
            "Service/zk",
            "Service/zk-headless",
            "StatefulSet/zk",
            "PodDisruptionBudget/zk",
        ]);
    });

    it("makes each Service wait for its own slices, so traffic moves off the pods only once the VMs are behind it", () => {
        const objects = planEnsemble(validateEnsemble("zk", hybrid(3, 3, EXTERNAL.members)));
        const named = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.body.metadata.name === name)!;
        const waitsFor = (o: PlannedObject) => prerequisites(o, objects).map((p) => `${p.kind}/${p.body.metadata.name}`);
        assert.deepEqual(waitsFor(named("Service", "zk")), ["EndpointSlice/zk-ext-ipv4-0"]);
        assert.deepEqual(waitsFor(named("Service", "zk-headless")), ["EndpointSlice/zk-headless-ext-ipv4-0"]);
        assert.deepEqual(waitsFor(named("EndpointSlice", "zk-ext-ipv4-0")), []);
        assert.deepEqual(waitsFor(named("StatefulSet", "zk")), ["ServiceAccount/zk", "Service/zk", "Service/zk-headless"]);
    });
});

describe("the in-cluster objects", () => {
    it("are absent in external mode", () => {
        assert.deepEqual(inClusterObjects(validateEnsemble("zk", ensembleArgs("external"))), []);
    });
});
