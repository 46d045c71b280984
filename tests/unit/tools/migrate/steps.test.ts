import { strict as assert } from "assert";
import { EnsembleView, MemberPlace } from "../../../../sdk/tools/migrate/members";
import { StepRule, checkStep, describeMove, memberChanges, stricter } from "../../../../sdk/tools/migrate/steps";
import { ClientTraffic, Membership } from "../../../../sdk/api/args";

const vm = (ordinal: number): MemberPlace => ({ ordinal, address: `10.0.0.${10 + ordinal}` });
const pod = (ordinal: number): MemberPlace => ({ ordinal });

function view(members: MemberPlace[], clientTraffic: ClientTraffic = "all", membership: Membership = "majority"): EnsembleView {
    return { id: "default/zk", name: "zk", membership, members, clientTraffic };
}

const rulesBroken = (before: EnsembleView, after: EnsembleView) => checkStep(before, after).map((v) => v.rule);

describe("checkStep", () => {
    const table: [string, EnsembleView, EnsembleView, StepRule[]][] = [
        ["adding one member", view([vm(0), vm(1), vm(2)]), view([vm(0), vm(1), vm(2), pod(3)]), []],
        ["removing one member", view([vm(0), vm(1), vm(2), pod(3)]), view([vm(1), vm(2), pod(3)]), []],
        ["moving one member while two keep their data", view([vm(0), vm(1), vm(2)]), view([vm(0), vm(1), pod(2)]), []],
        [
            "adding three members at once",
            view([pod(0), pod(1), pod(2)]),
            view([vm(0), vm(1), vm(2), pod(3), pod(4), pod(5)]),
            ["voters", "data", "clients"],
        ],
        ["swapping one member for another", view([vm(0), vm(1), vm(2)]), view([vm(0), vm(1), pod(3)]), ["voters"]],
        ["moving every member at once", view([vm(0), vm(1), vm(2)]), view([pod(0), pod(1), pod(2)]), ["data", "clients"]],
        ["moving one member and adding another", view([vm(0), vm(1), vm(2)]), view([vm(0), vm(1), pod(2), pod(3)]), ["data"]],
        ["moving one of two members", view([vm(0), vm(1)]), view([vm(0), pod(1)]), ["data"]],
        [
            "sending clients only to a member that has just moved",
            view([vm(0), vm(1), vm(2)]),
            view([vm(0), vm(1), pod(2)], "inCluster"),
            ["clients"],
        ],
        ["sending clients only to new members", view([vm(0), vm(1), vm(2)]), view([vm(0), vm(1), vm(2), pod(3)], "inCluster"), ["clients"]],
    ];
    for (const [what, before, after, rules] of table) {
        it(`${rules.length === 0 ? "allows" : `breaks ${rules.join(", ")} when`} ${what}`, () => {
            assert.deepEqual(rulesBroken(before, after), rules);
        });
    }

    it("names the members, the voter counts and the disjoint majorities when voters change by more than one", () => {
        const [v] = checkStep(view([pod(0), pod(1), pod(2)]), view([pod(0), pod(1), pod(2), pod(3), pod(4), pod(5)]));
        assert.equal(v.rule, "voters");
        assert.deepEqual(v.members, ["zk-3 (in the cluster)", "zk-4 (in the cluster)", "zk-5 (in the cluster)"]);
        assert.match(v.reason, /adds zk-3, zk-4, zk-5: 3 → 6 voters/);
        assert.match(v.reason, /a majority of the old \(2 of 3\) and a majority of the new \(4 of 6\) need not share a server/);
    });

    it("says how few members keep their data when a move leaves no majority with it", () => {
        const [v] = checkStep(view([vm(0), vm(1)]), view([vm(0), pod(1)]));
        assert.deepEqual(v.members, ["zk-1 (in the cluster)"]);
        assert.match(v.reason, /only 1 of 2 members keep their data, not a majority \(2\)/);
    });

    it("applies only the data and clients rules to replicated members, and only the clients rule to independent ones", () => {
        const before = view([pod(0), pod(1), pod(2)], "all", "replicated");
        const grow = view([pod(0), pod(1), pod(2), pod(3), pod(4)], "all", "replicated");
        assert.deepEqual(rulesBroken(before, grow), []);
        const moveAll = view([vm(0), vm(1), vm(2)], "all", "replicated");
        assert.deepEqual(rulesBroken(before, moveAll), ["data", "clients"]);
        const independent = (v: EnsembleView): EnsembleView => ({ ...v, membership: "independent" });
        assert.deepEqual(rulesBroken(independent(before), independent(moveAll)), ["clients"]);
    });

    it("keeps the rules of the stricter membership when a step changes it", () => {
        const before = view([pod(0), pod(1), pod(2)], "all", "independent");
        const after = view([pod(0), pod(1), pod(2), pod(3), pod(4)], "all", "majority");
        assert.deepEqual(rulesBroken(before, after), ["voters"]);
    });
});

describe("stricter", () => {
    it("orders majority over replicated over independent", () => {
        assert.equal(stricter("independent", "majority"), "majority");
        assert.equal(stricter("replicated", "independent"), "replicated");
        assert.equal(stricter("majority", "replicated"), "majority");
    });
});

describe("memberChanges", () => {
    it("lists added, removed and moved members", () => {
        const c = memberChanges(view([vm(0), vm(1), pod(2)]), view([pod(1), pod(2), pod(3)]));
        assert.deepEqual(c.added, [pod(3)]);
        assert.deepEqual(c.removed, [vm(0)]);
        assert.deepEqual(c.moved, [{ before: vm(1), after: pod(1) }]);
    });
});

describe("describeMove", () => {
    it("says where a member comes from and goes to", () => {
        assert.equal(describeMove("zk", vm(0), pod(0)), "zk-0 from 10.0.0.10 into the cluster");
        assert.equal(describeMove("zk", pod(0), vm(0)), "zk-0 from the cluster to 10.0.0.10");
        assert.equal(describeMove("zk", vm(0), { ordinal: 0, address: "10.0.0.20" }), "zk-0 from 10.0.0.10 to 10.0.0.20");
    });
});
