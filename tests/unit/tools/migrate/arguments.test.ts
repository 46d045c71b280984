import { strict as assert } from "assert";
import { modeOf, planSafePath, trafficFor } from "../../../../sdk/tools/migrate/arguments";
import { EnsembleArgsError, StatefulEnsembleArgs, ZooKeeperEnsembleArgs } from "../../../../sdk";
import { SafePathError } from "../../../../sdk/tools/migrate/path";
import { IN_CLUSTER, ensembleArgs } from "../../../helpers/fixtures";

const addresses = (n: number) => Array.from({ length: n }, (_, i) => ({ address: `10.0.0.${10 + i}` }));
const vms = (n: number): ZooKeeperEnsembleArgs => ({ mode: "external", external: { members: addresses(n) }, inCluster: { replicas: n } });
const pods = (n: number): ZooKeeperEnsembleArgs => ({ ...vms(n), mode: "inCluster" });
const placement = (a: ZooKeeperEnsembleArgs | StatefulEnsembleArgs) => [
    a.mode,
    a.mode === "external" ? undefined : `${a.inCluster?.startOrdinal ?? 0}+${a.inCluster?.replicas}`,
    a.mode === "inCluster" ? undefined : a.external?.members.map((m, i) => m.ordinal ?? i).join(","),
];

describe("planSafePath", () => {
    it("moves a ZooKeeper ensemble's three VMs into the cluster in three steps, each argument set complete", () => {
        const path = planSafePath(vms(3), pods(3));
        assert.deepEqual(path.map(placement), [
            ["external", undefined, "0,1,2"],
            ["hybrid", "2+1", "0,1"],
            ["hybrid", "1+2", "0"],
            ["inCluster", "0+3", undefined],
        ]);
        assert.deepEqual(path[1].external?.members, [
            { address: "10.0.0.10", ordinal: 0 },
            { address: "10.0.0.11", ordinal: 1 },
        ]);
    });

    it("returns `from` first and `to` last, as given", () => {
        const from = vms(5);
        const to = pods(5);
        const path = planSafePath(from, to);
        assert.equal(path[0], from);
        assert.equal(path[path.length - 1], to);
        assert.equal(path.length, 6);
    });

    it("keeps every other argument of `from` in the steps between", () => {
        const from = ensembleArgs("inCluster", { namespace: "zk" });
        const path = planSafePath(from, ensembleArgs("external", { namespace: "zk" }));
        assert.deepEqual(
            path.map((a) => [a.namespace, a.ports, a.inCluster?.image]),
            path.map(() => ["zk", from.ports, "zookeeper:3.9.3"]),
        );
    });

    it("grows by two members in one step when the members are independent, not when they vote", () => {
        const grown = { ...IN_CLUSTER, replicas: 5 };
        const independent = planSafePath(
            ensembleArgs("inCluster", { membership: "independent" }),
            ensembleArgs("inCluster", { membership: "independent", inCluster: grown }),
        );
        assert.equal(independent.length, 2);
        assert.equal(planSafePath(ensembleArgs("inCluster"), ensembleArgs("inCluster", { inCluster: grown })).length, 3);
    });

    it("names the side and the field of an argument it cannot read", () => {
        assert.throws(
            () => planSafePath({ ...pods(3), inCluster: { replicas: 0 } }, vms(3)),
            (err: Error) =>
                err instanceof EnsembleArgsError &&
                err.message === "planSafePath from: inCluster.replicas 0 is not an integer of at least 1",
        );
        assert.throws(
            () => planSafePath(pods(3), { ...vms(3), external: undefined }),
            (err: Error) =>
                err instanceof EnsembleArgsError && err.message === "planSafePath to: external.members is required in external mode",
        );
    });

    it("refuses more than nine members", () => {
        assert.throws(() => planSafePath(vms(10), pods(10)), SafePathError);
    });
});

describe("modeOf and trafficFor", () => {
    it("derive the mode from where members live, and keep client traffic only where the mode accepts it", () => {
        const hybrid = { members: [{ ordinal: 0, address: "10.0.0.10" }, { ordinal: 1 }], clientTraffic: "inCluster" as const };
        const inCluster = { members: [{ ordinal: 0 }], clientTraffic: "all" as const };
        assert.equal(modeOf(hybrid), "hybrid");
        assert.equal(modeOf(inCluster), "inCluster");
        assert.equal(trafficFor(hybrid, "external"), "inCluster");
        assert.equal(trafficFor(inCluster, "external"), "all");
        assert.equal(trafficFor(inCluster, "inCluster"), "inCluster");
    });
});
