import { strict as assert } from "assert";
import { EnsembleLayout, EnsembleView, MemberPlace } from "../../../../sdk/tools/migrate/members";
import {
    MAX_PATH_MEMBERS,
    SafePathError,
    checkRenders,
    describeLayout,
    describeStep,
    externalFirst,
    safeLayoutPath,
} from "../../../../sdk/tools/migrate/path";
import { checkStep } from "../../../../sdk/tools/migrate/steps";
import { ClientTraffic, Membership } from "../../../../sdk/api/args";
import { renderEnsemble } from "../../../helpers/rendered";
import { ensembleArgs } from "../../../helpers/fixtures";

const vm = (ordinal: number): MemberPlace => ({ ordinal, address: `10.0.0.${10 + ordinal}` });
const pod = (ordinal: number): MemberPlace => ({ ordinal });
const range = (n: number, f: (o: number) => MemberPlace, from = 0) => Array.from({ length: n }, (_, i) => f(from + i));

function view(members: MemberPlace[], clientTraffic: ClientTraffic = "all", membership: Membership = "majority"): EnsembleView {
    return { id: "default/zk", name: "zk", membership, members, clientTraffic };
}

/** Every step of the path keeps the rules, and it goes from `from` to `to`. */
function assertSafe(path: EnsembleLayout[], from: EnsembleView, to: EnsembleView): void {
    assert.deepEqual(path[0].members, from.members);
    assert.deepEqual(path[path.length - 1].members, to.members);
    for (let i = 1; i < path.length; i++) {
        assert.deepEqual(checkStep({ ...from, ...path[i - 1] }, { ...to, ...path[i] }), [], `step ${i}`);
    }
}

const steps = (path: EnsembleLayout[]) => path.slice(1).map((l, i) => describeStep("zk", path[i], l));

describe("safeLayoutPath", () => {
    for (const n of [3, 5]) {
        it(`moves ${n} members from VMs into the cluster one at a time, highest ordinal first`, () => {
            const from = view(range(n, vm));
            const to = view(range(n, pod));
            const path = safeLayoutPath(from, to);
            assertSafe(path, from, to);
            assert.equal(path.length - 1, n);
            assert.deepEqual(
                steps(path),
                range(n, (o) => vm(n - 1 - o)).map((m) => `move zk-${m.ordinal} from ${m.address} into the cluster`),
            );
        });

        it(`moves ${n} members from the cluster out to VMs one at a time, lowest ordinal first`, () => {
            const from = view(range(n, pod));
            const to = view(range(n, vm));
            const path = safeLayoutPath(from, to);
            assertSafe(path, from, to);
            assert.deepEqual(
                steps(path),
                range(n, vm).map((m) => `move zk-${m.ordinal} from the cluster to ${m.address}`),
            );
        });
    }

    it("grows and shrinks one member per step when the cluster takes new ordinals", () => {
        const from = view(range(3, vm));
        const to = view(range(3, pod, 3));
        const path = safeLayoutPath(from, to);
        assertSafe(path, from, to);
        assert.deepEqual(steps(path), [
            "add zk-3 in the cluster",
            "add zk-4 in the cluster",
            "add zk-5 in the cluster",
            "remove zk-0 (10.0.0.10)",
            "remove zk-1 (10.0.0.11)",
            "remove zk-2 (10.0.0.12)",
        ]);
    });

    it("moves a two-member ensemble without ever leaving one member alone with the data of both", () => {
        const from = view(range(2, vm));
        const to = view(range(2, pod));
        assertSafe(safeLayoutPath(from, to), from, to);
    });

    it("takes one step when the step is safe already, and none when nothing changes", () => {
        const from = view(range(3, vm));
        assert.equal(safeLayoutPath(from, view([...range(3, vm), pod(3)])).length, 2);
        assert.equal(safeLayoutPath(from, from).length, 1);
    });

    it("adds every new replicated member in one step but moves them one at a time", () => {
        const grow = safeLayoutPath(view(range(3, pod), "all", "replicated"), view(range(5, pod), "all", "replicated"));
        assert.equal(grow.length, 2);
        const move = safeLayoutPath(view(range(3, vm), "all", "replicated"), view(range(3, pod), "all", "replicated"));
        assert.equal(move.length, 4);
    });

    it("jumps in one step for independent members", () => {
        const from = view([...range(3, vm), pod(3)], "external", "independent");
        const to = view(range(3, pod, 3), "all", "independent");
        assert.equal(safeLayoutPath(from, to).length, 2);
    });

    it("keeps only the layouts `accept` allows, except the last", () => {
        const from = view(range(3, pod));
        const to = view(range(3, vm));
        const path = safeLayoutPath(from, to, { accept: externalFirst });
        assert.ok(path.every(externalFirst));
    });

    it(`refuses more than ${MAX_PATH_MEMBERS} members with the side and the bound`, () => {
        const big = view(range(MAX_PATH_MEMBERS + 1, vm));
        assert.throws(
            () => safeLayoutPath(big, view(range(3, pod))),
            (err: Error) =>
                err instanceof SafePathError &&
                /the from configuration of default\/zk has 10 members; a safe path is searched for at most 9/.test(err.message),
        );
    });
});

describe("describeLayout", () => {
    it("lists the external members with their addresses, then the pods", () => {
        assert.equal(
            describeLayout("zk", { members: [vm(0), pod(1), pod(2)], clientTraffic: "all" }),
            "zk-0 at 10.0.0.10; zk-1, zk-2 in the cluster",
        );
    });
});

describe("describeStep", () => {
    it("names client traffic only when a hybrid step changes it", () => {
        const before: EnsembleLayout = { members: [vm(0), vm(1), vm(2), pod(3)], clientTraffic: "all" };
        assert.equal(
            describeStep("zk", before, { ...before, clientTraffic: "inCluster" }),
            "send client traffic to the in-cluster members only",
        );
        assert.equal(describeStep("zk", before, { members: [...before.members, pod(4)], clientTraffic: "all" }), "add zk-4 in the cluster");
    });
});

describe("checkRenders", () => {
    it("names the broken rules of a rendered switch and the first step of the safe path", async () => {
        const before = await renderEnsemble(ensembleArgs("inCluster"));
        const after = await renderEnsemble(ensembleArgs("external"));
        const [check] = checkRenders(before.resources, after.resources);
        assert.equal(check.ensemble, "default/zk");
        assert.equal(check.membership, "majority");
        assert.deepEqual(
            check.violations.map((v) => v.rule),
            ["data", "clients"],
        );
        assert.equal(check.next, "move zk-0 from the cluster to 10.0.0.10");
        assert.equal(check.steps, 3);
    });

    it("finds nothing to say about a safe switch", async () => {
        const before = await renderEnsemble(ensembleArgs("external"));
        const after = await renderEnsemble(
            ensembleArgs("hybrid", { inCluster: { replicas: 1, startOrdinal: 3, image: "zookeeper:3.9.3" } }),
        );
        assert.deepEqual(checkRenders(before.resources, after.resources), []);
    });
});
