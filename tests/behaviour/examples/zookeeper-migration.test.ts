/**
 * examples/zookeeper-migration: every step's stack config renders valid Kubernetes objects, and
 * the planner between consecutive steps, forwards and back, changes only the intended objects:
 * nothing replaced, no claim at risk, no Service losing its selector.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { Action, MigrationPlan, diffRenders } from "../../../sdk/tools/migrate/diff";
import { RenderResult, renderProgram } from "../../../sdk/tools/render/engine";
import { assertValidObject } from "../../helpers/schema";
import { SIX_SERVERS, expectWarning, withWarningsChecked } from "../../helpers/warnings";

const DIR = path.join("examples", "zookeeper-migration");

/** The steps, in order: every `Pulumi.step<N>-<what>.yaml` of the example. */
const STEPS = fs
    .readdirSync(DIR)
    .map((f) => /^Pulumi\.(step(\d+)-[a-z-]+)\.yaml$/.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => Number(a[2]) - Number(b[2]))
    .map((m) => m[1]);

/** What each step does, object by object (unchanged objects left out). */
const INTENDED: Record<string, string[]> = {
    "step0-vms → step1-grow": [
        "create v1 ServiceAccount default/zk",
        "create v1 ConfigMap default/zk-config-b514e460b3",
        "update v1 Service default/zk-headless",
        "create apps/v1 StatefulSet default/zk",
        "create policy/v1 PodDisruptionBudget default/zk",
    ],
    "step1-grow → step2-traffic": ["update v1 Service default/zk", "delete discovery.k8s.io/v1 EndpointSlice default/zk-ext-ipv4-0"],
    // zoo.cfg drops servers 1 to 3: a ConfigMap of a new name, and the pods roll onto it.
    "step2-traffic → step3-retire": [
        "create v1 ConfigMap default/zk-config-481b357143",
        "update apps/v1 StatefulSet default/zk",
        "delete v1 ConfigMap default/zk-config-b514e460b3",
        "delete discovery.k8s.io/v1 EndpointSlice default/zk-headless-ext-ipv4-0",
    ],
};

function changed(plan: MigrationPlan): string[] {
    return plan.objects.filter((p) => p.action !== Action.Unchanged).map((p) => `${p.action} ${p.id}`);
}

function assertSafe(plan: MigrationPlan): void {
    assert.deepEqual(
        plan.objects.filter((p) => p.action === Action.Replace).map((p) => p.id),
        [],
    );
    assert.deepEqual(plan.claimRisks, []);
    assert.deepEqual(plan.hazards, []);
    assert.equal(plan.safe, true);
}

describe("examples/zookeeper-migration", () => {
    const renders = new Map<string, RenderResult>();

    before(() =>
        withWarningsChecked(
            async () => {
                for (const step of STEPS) renders.set(step, await renderProgram(DIR, { stack: step }));
            },
            { expect: [SIX_SERVERS] },
        ),
    );

    it("has a stack config for every step of grow-then-shrink", () => {
        assert.deepEqual(STEPS, ["step0-vms", "step1-grow", "step2-traffic", "step3-retire"]);
    });

    it("renders every step as objects the Kubernetes schemas accept", () => {
        for (const [step, r] of renders) {
            assert.ok(r.resources.length >= 4, step);
            for (const { object } of r.resources) assertValidObject(object);
        }
    });

    it("keeps the client endpoint of every step, and ends with members 3 to 5 in the cluster", () => {
        for (const r of renders.values()) assert.equal(r.outputs.clientEndpoint, "zk.default.svc.cluster.local:2181");
        const last = renders.get("step3-retire")!.outputs;
        assert.equal(last.mode, "inCluster");
        assert.equal(last.connectionString, [3, 4, 5].map((o) => `zk-${o}.zk-headless.default.svc.cluster.local:2181`).join(","));
    });

    for (let i = 1; i < STEPS.length; i++) {
        const [from, to] = [STEPS[i - 1], STEPS[i]];
        it(`plans ${from} → ${to} as the intended changes only, all safe`, () => {
            const plan = diffRenders(renders.get(from)!.resources, renders.get(to)!.resources);
            assertSafe(plan);
            assert.deepEqual(changed(plan), INTENDED[`${from} → ${to}`]);
        });

        it(`rolls back ${to} → ${from} safely, the claims kept`, () => {
            const plan = diffRenders(renders.get(to)!.resources, renders.get(from)!.resources);
            assertSafe(plan);
            if (from === "step0-vms") {
                assert.deepEqual(plan.claimsKept, [{ statefulSet: "apps/v1 StatefulSet default/zk", claims: ["data-zk-{3..5}"] }]);
            }
        });
    }

    it("mounts the new members' claims when they join", () => {
        const plan = diffRenders(renders.get("step0-vms")!.resources, renders.get("step1-grow")!.resources);
        assert.deepEqual(plan.claimMounts, [{ statefulSet: "apps/v1 StatefulSet default/zk", claims: ["data-zk-{3..5}"] }]);
    });
});

/** The servers a render's `zoo.cfg` lists, by id. */
function servers(r: RenderResult): number[] {
    const cfg = String(r.outputs.zooCfg);
    return [...cfg.matchAll(/^server\.(\d+)=/gm)].map((m) => Number(m[1]));
}

describe("examples/zookeeper-migration, one server at a time", () => {
    // Steps 1 and 3 change zoo.cfg's server list; docs/migration.md applies them one server at a time.
    const GROW: [string, string[]][] = [
        ["step0-vms", []],
        ["step0-vms", ["mode=hybrid", "startOrdinal=3", "clientTraffic=external", "replicas=1"]],
        ["step0-vms", ["mode=hybrid", "startOrdinal=3", "clientTraffic=external", "replicas=2"]],
        ["step1-grow", []],
    ];
    const SHRINK: [string, string[]][] = [
        ["step2-traffic", []],
        ["step2-traffic", ["externalAddresses=,10.0.0.11,10.0.0.12"]],
        ["step2-traffic", ["externalAddresses=,,10.0.0.12"]],
        ["step3-retire", []],
    ];

    for (const [what, path, first] of [
        ["grows", GROW, [1, 2, 3]],
        ["shrinks", SHRINK, [1, 2, 3, 4, 5, 6]],
    ] as const) {
        it(`${what} the server list by exactly one per apply, every apply and its roll-back safe`, async () => {
            expectWarning(/^warning: \[runtime\] ZooKeeperEnsemble "zk": the ensemble has [46] servers; /);
            const renders: RenderResult[] = [];
            for (const [stack, config] of path) renders.push(await renderProgram(DIR, { stack, config }));
            assert.deepEqual(servers(renders[0]), first);
            for (let i = 1; i < renders.length; i++) {
                const [before, after] = [servers(renders[i - 1]), servers(renders[i])];
                assert.equal(Math.abs(after.length - before.length), 1, `${before} → ${after}`);
                const forwards = diffRenders(renders[i - 1].resources, renders[i].resources);
                assertSafe(forwards);
                // A new list is a new ConfigMap, created, and the old one deleted, never replaced.
                const configMaps = forwards.objects.filter((p) => p.id.startsWith("v1 ConfigMap ")).map((p) => p.action);
                assert.ok(configMaps.includes(Action.Create), configMaps.join(","));
                assertSafe(diffRenders(renders[i].resources, renders[i - 1].resources));
            }
        });
    }
});
