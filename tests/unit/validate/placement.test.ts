import { strict as assert } from "assert";
import { ExternalSpec, InClusterSpec } from "../../../sdk/model/spec";
import { NormalisedExternal } from "../../../sdk/validate/external";
import { NormalisedInCluster } from "../../../sdk/validate/in-cluster";
import { checkHybridPlacement, placeMembers } from "../../../sdk/validate/placement";
import { problemsRecorded } from "../../helpers/problems";

// Only the range and the members matter to placement; the rest of the blocks is never read.
const inCluster = (first: number, replicas: number | undefined): NormalisedInCluster => ({
    spec: {} as InClusterSpec,
    range: replicas === undefined ? undefined : { first, end: first + replicas },
});
const external = (ordinals: number[], listed = ordinals.length): NormalisedExternal => ({
    spec: { members: ordinals.map((o) => ({ ordinal: o, address: `10.0.0.${o + 1}`, family: "IPv4" })), legacyEndpoints: false },
    listed,
});

function problemsOf(c: NormalisedInCluster, e: NormalisedExternal): readonly string[] {
    return problemsRecorded((problems) => checkHybridPlacement(problems, c, e));
}

describe("placement in hybrid mode", () => {
    it("accepts in-cluster and external ordinals that meet without a gap", () => {
        assert.deepEqual(problemsOf(inCluster(3, 3), external([0, 1, 2])), []);
    });

    it("refuses an ordinal placed twice and a gap, naming the ordinals", () => {
        assert.deepEqual(problemsOf(inCluster(2, 2), external([0, 3, 6])), [
            "external.members place ordinal 3 that the in-cluster range [2, 4) also holds; a member lives in one place",
            "mode is hybrid but ordinals 1, 4, 5 have no member: neither in the in-cluster range [2, 4) nor in external.members",
        ]);
    });

    it("counts both halves against the bound on members", () => {
        assert.deepEqual(problemsOf(inCluster(0, 10_000), external([10_000], 1)), [
            "mode is hybrid with 10000 in-cluster and 1 external members, 10001 in all; the limit is 10000",
        ]);
    });

    it("checks nothing when the in-cluster counts are refused already", () => {
        assert.deepEqual(problemsOf(inCluster(0, undefined), external([5])), []);
    });
});

describe("placeMembers", () => {
    it("lists pods of a valid range and external members, by ordinal", () => {
        const e: ExternalSpec = external([0]).spec;
        assert.deepEqual(placeMembers(inCluster(1, 2), e), [
            { ordinal: 0, placement: "external", address: "10.0.0.1" },
            { ordinal: 1, placement: "inCluster" },
            { ordinal: 2, placement: "inCluster" },
        ]);
        assert.deepEqual(placeMembers(inCluster(1, undefined), undefined), []);
    });
});
