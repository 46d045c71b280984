import { strict as assert } from "assert";
import { MAX_MEMBERS, checkAtMost } from "../../../sdk/validate/bounds";
import { problemsRecorded } from "../../helpers/problems";

describe("checkAtMost", () => {
    it("bounds members at ten thousand", () => {
        assert.equal(MAX_MEMBERS, 10_000);
    });

    it("records an integer past the bound with the path, the value, the bound and what the bound is", () => {
        assert.deepEqual(
            problemsRecorded((p) => checkAtMost(p, "inCluster.replicas", 10_001, MAX_MEMBERS, "the most members an ensemble may have")),
            ["inCluster.replicas 10001 is more than 10000, the most members an ensemble may have"],
        );
    });

    const accepted: [string, unknown][] = [
        ["the bound itself", 10_000],
        ["a value below it", 3],
        ["a value that is not an integer (reported elsewhere)", 10_000.5],
        ["a string", "20000"],
        ["undefined", undefined],
    ];
    for (const [what, value] of accepted) {
        it(`records nothing for ${what}`, () => {
            assert.deepEqual(
                problemsRecorded((p) => checkAtMost(p, "x", value, MAX_MEMBERS, "bound")),
                [],
            );
        });
    }
});
