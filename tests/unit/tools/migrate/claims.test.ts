import { strict as assert } from "assert";
import { claimMounts, claimNames, claimRisks, claimsKept } from "../../../../sdk/tools/migrate/claims";
import { KubernetesObject } from "../../../../sdk/tools/render/engine";

const ID = "apps/v1 StatefulSet default/zk";

function statefulSet(spec: Record<string, unknown>, retention = { whenDeleted: "Retain", whenScaled: "Retain" }): KubernetesObject {
    return {
        apiVersion: "apps/v1",
        kind: "StatefulSet",
        metadata: { name: "zk", namespace: "default" },
        spec: {
            replicas: 3,
            volumeClaimTemplates: [{ metadata: { name: "data" }, spec: { resources: { requests: { storage: "10Gi" } } } }],
            persistentVolumeClaimRetentionPolicy: retention,
            ...spec,
        },
    };
}

const DELETE_ON_DELETE = { whenDeleted: "Delete", whenScaled: "Retain" };
const DELETE_ON_SCALE = { whenDeleted: "Retain", whenScaled: "Delete" };

describe("the planner's claims", () => {
    it("writes runs of three or more ordinals as a range", () => {
        assert.deepEqual(claimNames("data", "zk", [5, 0, 1, 3, 4]), ["data-zk-0", "data-zk-1", "data-zk-{3..5}"]);
        assert.deepEqual(claimNames("data", "zk", []), []);
    });

    it("puts every claim at risk when the StatefulSet is deleted with whenDeleted Delete", () => {
        assert.deepEqual(claimRisks(ID, statefulSet({}, DELETE_ON_DELETE), undefined, false), [
            {
                statefulSet: ID,
                claims: ["data-zk-{0..2}"],
                count: 3,
                reason: "the StatefulSet is deleted and its claims' whenDeleted retention is Delete",
            },
        ]);
        assert.deepEqual(claimsKept(ID, statefulSet({}, DELETE_ON_DELETE), undefined, false), []);
    });

    it("keeps every claim when the StatefulSet is deleted with the default Retain", () => {
        assert.deepEqual(claimRisks(ID, statefulSet({}), undefined, false), []);
        assert.deepEqual(claimRisks(ID, statefulSet({ persistentVolumeClaimRetentionPolicy: undefined }), undefined, false), []);
        assert.deepEqual(claimsKept(ID, statefulSet({}), undefined, false), [{ statefulSet: ID, claims: ["data-zk-{0..2}"] }]);
    });

    it("puts every claim at risk when the StatefulSet is replaced with whenDeleted Delete, and none with Retain", () => {
        const risks = claimRisks(ID, statefulSet({}, DELETE_ON_DELETE), statefulSet({ serviceName: "x" }, DELETE_ON_DELETE), true);
        assert.deepEqual(
            risks.map((r) => [r.count, r.reason]),
            [[3, "the StatefulSet is replaced (deleted, then created) and its claims' whenDeleted retention is Delete"]],
        );
        assert.deepEqual(claimRisks(ID, statefulSet({}), statefulSet({ serviceName: "x" }), true), []);
        assert.deepEqual(claimMounts(ID, statefulSet({}), statefulSet({ serviceName: "x" }), true), [
            { statefulSet: ID, claims: ["data-zk-{0..2}"] },
        ]);
    });

    it("puts the claims of a removed or renamed template at risk", () => {
        const renamed = statefulSet({ volumeClaimTemplates: [{ metadata: { name: "datadir" } }] });
        assert.deepEqual(
            claimRisks(ID, statefulSet({}), renamed, true).map((r) => [r.claims, r.reason]),
            [[["data-zk-{0..2}"], 'volumeClaimTemplate "data" is removed or renamed: no pod mounts its claims any more']],
        );
        assert.deepEqual(claimMounts(ID, statefulSet({}), renamed, true), [{ statefulSet: ID, claims: ["datadir-zk-{0..2}"] }]);
    });

    it("puts the claims of members leaving the range at risk when whenScaled is Delete, before or after the change", () => {
        const shrunk = (retention = DELETE_ON_SCALE) => statefulSet({ replicas: 2, ordinals: { start: 1 } }, retention);
        assert.deepEqual(
            claimRisks(ID, statefulSet({}, DELETE_ON_SCALE), shrunk(), false).map((r) => [r.claims, r.count, r.reason]),
            [[["data-zk-0"], 1, "member 0 leaves the StatefulSet's ordinal range and the whenScaled retention is Delete"]],
        );
        assert.equal(claimRisks(ID, statefulSet({}), shrunk(), false).length, 1, "a policy turned to Delete in the same step counts");
        assert.deepEqual(claimRisks(ID, statefulSet({}, DELETE_ON_SCALE), statefulSet({ replicas: 1 }, DELETE_ON_SCALE), false)[0].claims, [
            "data-zk-1",
            "data-zk-2",
        ]);
    });

    it("keeps the claims of members leaving the range under Retain, and mounts those of members entering it", () => {
        const moved = statefulSet({ replicas: 3, ordinals: { start: 3 } });
        assert.deepEqual(claimRisks(ID, statefulSet({}), moved, false), []);
        assert.deepEqual(claimsKept(ID, statefulSet({}), moved, false), [{ statefulSet: ID, claims: ["data-zk-{0..2}"] }]);
        assert.deepEqual(claimMounts(ID, statefulSet({}), moved, false), [{ statefulSet: ID, claims: ["data-zk-{3..5}"] }]);
        assert.deepEqual(claimMounts(ID, statefulSet({}), statefulSet({ replicas: 5 }), false), [
            { statefulSet: ID, claims: ["data-zk-3", "data-zk-4"] },
        ]);
        assert.deepEqual(claimMounts(ID, statefulSet({}), statefulSet({}), false), []);
    });

    it("finds no claim at all for a StatefulSet without volumeClaimTemplates", () => {
        const bare = statefulSet({ volumeClaimTemplates: undefined }, DELETE_ON_DELETE);
        assert.deepEqual(claimRisks(ID, bare, undefined, false), []);
        assert.deepEqual(claimMounts(ID, undefined, bare, false), []);
        assert.deepEqual(claimsKept(ID, bare, undefined, false), []);
    });
});
