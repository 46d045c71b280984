import { strict as assert } from "assert";
import { MigrationPlan, ObjectPlan } from "../../../../sdk/tools/migrate/diff";
import { formatPlan, verdict } from "../../../../sdk/tools/migrate/format";

const object = (action: ObjectPlan["action"], id: string, extra: Partial<ObjectPlan> = {}): ObjectPlan => ({
    action,
    id,
    changes: [],
    replacedBecause: [],
    ...extra,
});
const EMPTY: MigrationPlan = {
    objects: [],
    claimRisks: [],
    claimMounts: [],
    claimsKept: [],
    hazards: [],
    changedOutputs: [],
    stepRules: [],
    safe: true,
};

describe("verdict", () => {
    it("counts each action and says safe when nothing is at risk", () => {
        const plan = { ...EMPTY, objects: [object("create", "a"), object("update", "b"), object("update", "c"), object("unchanged", "d")] };
        assert.equal(verdict(plan), "Verdict: safe: 1 to create, 2 to update, 0 to delete, 0 to replace, no claim at risk.");
    });

    it("counts claims at risk and hazards, and tells an unsafe plan not to be applied", () => {
        const plan: MigrationPlan = {
            ...EMPTY,
            objects: [object("replace", "s")],
            claimRisks: [{ statefulSet: "s", claims: ["data-zk-{0..2}"], count: 3, reason: "r" }],
            hazards: [{ id: "h", reason: "x" }],
            safe: false,
        };
        assert.equal(
            verdict(plan),
            "Verdict: UNSAFE: 0 to create, 0 to update, 0 to delete, 1 to replace, 3 claims at risk, 1 hazard. Do not apply as it is.",
        );
        assert.match(verdict({ ...plan, claimRisks: [{ ...plan.claimRisks[0], count: 1 }] }), /, 1 claim at risk, /);
    });
});

describe("the step rules in a plan", () => {
    const plan: MigrationPlan = {
        ...EMPTY,
        stepRules: [
            {
                ensemble: "default/zk",
                membership: "majority",
                violations: [
                    { rule: "voters", members: ["zk-3 (in the cluster)", "zk-4 (in the cluster)"], reason: "two at once" },
                    { rule: "clients", members: [], reason: "no member" },
                ],
                next: "add zk-3 in the cluster",
                steps: 2,
            },
        ],
        safe: false,
    };

    it("counts every broken rule in the verdict", () => {
        assert.equal(
            verdict(plan),
            "Verdict: UNSAFE: 0 to create, 0 to update, 0 to delete, 0 to replace, no claim at risk, 2 step rules broken. Do not apply as it is.",
        );
    });

    it("lists each rule with its members and reason, then the next safe step and the path's length", () => {
        const report = formatPlan(plan, "Plan");
        assert.ok(
            report.includes(
                [
                    "Step rules broken for default/zk (membership majority):",
                    "  voters: zk-3 (in the cluster), zk-4 (in the cluster): two at once",
                    "  clients: no member",
                    "  Next safe step: add zk-3 in the cluster (the shortest safe path takes 2 steps; plan --steps <dir> writes them)",
                ].join("\n"),
            ),
            report,
        );
    });
});

describe("formatPlan", () => {
    it("prints an object per line with its changes, marking the change that forces a replacement", () => {
        const plan: MigrationPlan = {
            ...EMPTY,
            objects: [
                object("update", "v1 Service default/zk", {
                    changes: [{ path: ["spec", "selector", "stateful-ensemble/no-pods"], before: undefined, after: "true" }],
                }),
                object("replace", "apps/v1 StatefulSet default/zk", {
                    changes: [
                        { path: ["spec", "replicas"], before: 3, after: 2 },
                        { path: ["spec", "podManagementPolicy"], before: "OrderedReady", after: "Parallel" },
                    ],
                    replacedBecause: [
                        { path: [], cause: "moves" },
                        { path: ["spec", "podManagementPolicy"], cause: "immutable in the Kubernetes API" },
                    ],
                }),
                object("unchanged", "v1 Service default/zk-headless", { changes: [{ path: ["ignored"], before: 1, after: 2 }] }),
                object("delete", "policy/v1 PodDisruptionBudget default/zk"),
            ],
            safe: false,
        };
        assert.equal(
            formatPlan(plan, "Plan for .: a → b"),
            [
                "Plan for .: a → b",
                "",
                "  update     v1 Service default/zk",
                '               spec.selector["stateful-ensemble/no-pods"]: (none) → "true"',
                "  REPLACE    apps/v1 StatefulSet default/zk",
                "               forces replacement: moves",
                "               spec.replicas: 3 → 2",
                '               spec.podManagementPolicy: "OrderedReady" → "Parallel"  (forces replacement: spec.podManagementPolicy is immutable in the Kubernetes API)',
                "  unchanged  v1 Service default/zk-headless",
                "  delete     policy/v1 PodDisruptionBudget default/zk",
                "",
                "Verdict: UNSAFE: 0 to create, 1 to update, 1 to delete, 1 to replace, no claim at risk. Do not apply as it is.",
                "",
            ].join("\n"),
        );
    });

    it("lists claims, hazards and changed outputs: a multi-line value as a block, an absent one as removed", () => {
        const plan: MigrationPlan = {
            ...EMPTY,
            claimRisks: [{ statefulSet: "apps/v1 StatefulSet default/zk", claims: ["data-zk-2"], count: 1, reason: "it leaves" }],
            claimMounts: [{ statefulSet: "apps/v1 StatefulSet default/zk", claims: ["data-zk-0", "data-zk-1"] }],
            claimsKept: [{ statefulSet: "apps/v1 StatefulSet default/zk", claims: ["data-zk-3"] }],
            hazards: [{ id: "v1 Service default/zk", reason: "has no member behind it" }],
            changedOutputs: ["zooCfg", "mode", "gone", "undefinedNow"],
            safe: false,
        };
        const report = formatPlan(plan, "T", { zooCfg: "a=1\nb=2\n", mode: "hybrid", undefinedNow: undefined });
        assert.equal(
            report,
            [
                "T",
                "",
                "",
                "Claims at risk:",
                "  apps/v1 StatefulSet default/zk: data-zk-2: it leaves",
                "",
                "Claims mounted (an existing claim of the same name is re-attached with its data):",
                "  apps/v1 StatefulSet default/zk: data-zk-0, data-zk-1",
                "",
                "Claims kept (no pod mounts them; switching the members back re-attaches them):",
                "  apps/v1 StatefulSet default/zk: data-zk-3",
                "",
                "Hazards:",
                "  v1 Service default/zk has no member behind it",
                "",
                "Outputs changed, with their new values:",
                "  zooCfg: |",
                "    a=1",
                "    b=2",
                '  mode: "hybrid"',
                "  gone: (removed)",
                "  undefinedNow: (removed)",
                "",
                "Verdict: UNSAFE: 0 to create, 0 to update, 0 to delete, 0 to replace, 1 claim at risk, 1 hazard. Do not apply as it is.",
                "",
            ].join("\n"),
        );
    });
});
