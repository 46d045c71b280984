import { strict as assert } from "assert";
import { ACCESS_MODES, isConfigKey, isEnvName, mountPathProblem } from "../../../../sdk/validate/grammar/pod";

describe("pod grammar", () => {
    for (const [name, ok] of [
        ["ZOO_MY_ID", true],
        ["my.var-1", true],
        ["_x", true],
        ["1X", false],
        ["A B", false],
        ["", false],
    ] as const) {
        it(`${ok ? "accepts" : "refuses"} ${JSON.stringify(name)} as an environment variable name`, () =>
            assert.equal(isEnvName(name), ok));
    }

    for (const [key, ok] of [
        ["zoo.cfg", true],
        ["log_4j-2.properties", true],
        [".", false],
        ["..", false],
        ["a/b", false],
        ["x".repeat(254), false],
    ] as const) {
        it(`${ok ? "accepts" : "refuses"} ${JSON.stringify(key.length > 20 ? `${key.length} characters` : key)} as a ConfigMap key`, () =>
            assert.equal(isConfigKey(key), ok));
    }

    it("refuses relative, colon-bearing and root mount paths, with the value shown first", () => {
        assert.equal(mountPathProblem("/data"), undefined);
        assert.equal(mountPathProblem("data"), `"data" must be an absolute path without ':'`);
        assert.equal(mountPathProblem("/a:b"), `"/a:b" must be an absolute path without ':'`);
        assert.equal(mountPathProblem("//"), `"//" would hide the image's whole file system; mount into a directory`);
    });

    it("lists the four access modes of a PersistentVolumeClaim", () => {
        assert.deepEqual(ACCESS_MODES, ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"]);
    });
});
