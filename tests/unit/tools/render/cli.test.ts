import { strict as assert } from "assert";
import { COMMANDS, USAGE, UsageError, describeError, main, parseArgs, splitPairs } from "../../../../sdk/tools/render/cli";
import { EnsembleArgsError } from "../../../../sdk/validate/problems";
import { ProjectError } from "../../../../sdk/tools/render/project";

async function run(...argv: string[]) {
    let stdout = "";
    let stderr = "";
    const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    return { code, stdout, stderr };
}

describe("parseArgs", () => {
    it("takes positionals, repeated values in both spellings and boolean flags", () => {
        const args = parseArgs(["dir", "--config", "a=1", "--config=b=2", "--outputs"], ["config"], ["outputs"]);
        assert.deepEqual(args.positional, ["dir"]);
        assert.deepEqual([...args.options], [["config", ["a=1", "b=2"]]]);
        assert.deepEqual([...args.flags], ["outputs"]);
    });

    it("refuses an unknown option, a value missing at the end, and a value given to a flag", () => {
        assert.throws(
            () => parseArgs(["--nope"], ["config"], []),
            (e: unknown) => e instanceof UsageError && e.message === "unknown option --nope",
        );
        assert.throws(
            () => parseArgs(["--config"], ["config"], []),
            (e: unknown) => e instanceof UsageError && e.message === "--config needs a value",
        );
        assert.throws(
            () => parseArgs(["--outputs=yes"], [], ["outputs"]),
            (e: unknown) => e instanceof UsageError && e.message === "unknown option --outputs=yes",
        );
    });
});

describe("splitPairs", () => {
    it("splits at commas, and a piece without '=' continues the previous value", () => {
        assert.deepEqual(splitPairs("to", "mode=hybrid,externalAddresses=10.0.0.10,10.0.0.11,replicas=1"), [
            "mode=hybrid",
            "externalAddresses=10.0.0.10,10.0.0.11",
            "replicas=1",
        ]);
    });

    it("refuses a value that does not start with key=value", () => {
        assert.throws(
            () => splitPairs("from", "10.0.0.1,mode=x"),
            (e: unknown) => e instanceof UsageError && e.message === '--from "10.0.0.1,mode=x" does not start with key=value',
        );
        assert.throws(() => splitPairs("from", "=x"), UsageError);
    });
});

describe("describeError", () => {
    it("gives the component's problems without Pulumi's prefix, and known errors' own words", () => {
        const err = new EnsembleArgsError('StatefulEnsemble "zk"', ['mode "x" is not one of']);
        err.message = `error serializing property "spec": ${err.message}`;
        assert.equal(describeError(err), 'StatefulEnsemble "zk": mode "x" is not one of');
        assert.equal(describeError(new ProjectError("no Pulumi.yaml")), "no Pulumi.yaml");
        assert.equal(describeError(new UsageError("bad")), "bad");
    });

    it("falls back to the error's name for an empty message, and to the value for a non-error", () => {
        assert.equal(describeError(new TypeError("")), "TypeError");
        assert.equal(describeError(42), "42");
    });
});

describe("main", () => {
    it("has the render and plan commands", () => {
        assert.deepEqual(Object.keys(COMMANDS), ["render", "plan"]);
    });

    it("prints the usage on stdout for help, and on stderr with exit 2 for no command", async () => {
        assert.deepEqual(await run("--help"), { code: 0, stdout: USAGE, stderr: "" });
        assert.deepEqual(await run("help"), { code: 0, stdout: USAGE, stderr: "" });
        assert.deepEqual(await run(), { code: 2, stdout: "", stderr: USAGE });
    });

    it("refuses an unknown command and command-line mistakes with exit 2 and one line", async () => {
        assert.deepEqual(await run("rendr"), { code: 2, stdout: "", stderr: `error: unknown command "rendr"\n${USAGE}` });
        assert.deepEqual(await run("render", "a", "b"), { code: 2, stdout: "", stderr: "error: render takes one directory, not a b\n" });
        assert.deepEqual(await run("render", "--outputs", "--out", "x"), {
            code: 2,
            stdout: "",
            stderr: "error: --outputs prints to stdout; it does not take --out\n",
        });
        assert.deepEqual(await run("render", "--stack", "a", "--stack", "b"), {
            code: 2,
            stdout: "",
            stderr: "error: --stack may be given once\n",
        });
        assert.deepEqual(await run("plan", "--show-secrets"), { code: 2, stdout: "", stderr: "error: unknown option --show-secrets\n" });
    });

    it("exits 1 with one line for a project error", async () => {
        const { code, stdout, stderr } = await run("render", "/nonexistent-stateful-ensemble");
        assert.deepEqual(
            { code, stdout, stderr },
            {
                code: 1,
                stdout: "",
                stderr: "error: /nonexistent-stateful-ensemble is not a Pulumi project: it has no Pulumi.yaml\n",
            },
        );
    });
});
