import { strict as assert } from "assert";
import { EnsembleArgsError, Problems } from "../../../sdk/validate/problems";

describe("Problems", () => {
    it("throws one error listing every problem with its path", () => {
        const problems = new Problems();
        problems.add("a", "is wrong");
        problems.add("b.c", "is also wrong");
        assert.throws(
            () => problems.throwIfAny('X "x"'),
            (err: unknown) =>
                err instanceof EnsembleArgsError &&
                err.message === 'X "x" has 2 problems:\n  - a is wrong\n  - b.c is also wrong' &&
                err.problems.length === 2,
        );
    });

    it("says the paths a preset maps, in reasons too, under the user's names", () => {
        const problems = new Problems((path) => path.replace(/^inCluster\.additionalVolumes\[0\]/, "inCluster.transactionLogStorage"));
        problems.add("inCluster.additionalVolumes[0].size", `is not a size`);
        problems.add(
            "inCluster.storage.mountPath",
            `is also the mount path of ${problems.nameOf("inCluster.additionalVolumes[0].mountPath")}`,
        );
        assert.throws(
            () => problems.throwIfAny("Z"),
            (err: unknown) =>
                err instanceof EnsembleArgsError &&
                err.problems.join("\n") ===
                    "inCluster.transactionLogStorage.size is not a size\ninCluster.storage.mountPath is also the mount path of inCluster.transactionLogStorage.mountPath",
        );
    });

    it("throws nothing when nothing was recorded", () => {
        new Problems().throwIfAny("X");
    });
});
