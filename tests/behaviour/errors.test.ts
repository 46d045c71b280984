import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { main } from "../../sdk/tools/render/cli";
import { DOC_PATH, errorsDoc } from "../errors/doc";
import { format } from "../errors/input";
import { runCase } from "../errors/run";
import { ERROR_CASES, ErrorCase } from "../errors/table";

function inputText(c: ErrorCase): string {
    const parts = [
        ...(c.name !== undefined ? [`name ${format(c.name)}`] : []),
        ...Object.entries(c.changes).map(([k, v]) => `${k}: ${format(v)}`),
    ];
    return parts.length ? parts.join(", ") : "the base ensemble";
}

describe("the error table", () => {
    it("is what docs/errors.md shows, word for word", () => {
        const written = fs.existsSync(DOC_PATH) ? fs.readFileSync(DOC_PATH, "utf8") : "";
        assert.ok(written === errorsDoc(), "docs/errors.md differs from tests/errors/table.ts: run `npx ts-node tests/errors/doc.ts`");
    });

    it("lists each input once", () => {
        const inputs = ERROR_CASES.map(inputText);
        assert.deepEqual(
            inputs.filter((text, i) => inputs.indexOf(text) !== i),
            [],
        );
    });

    it("reaches the renderer's user as one line on stderr and exit status 1", async () => {
        let stdout = "";
        let stderr = "";
        const io = { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t) };
        const root = path.resolve(__dirname, "..", "..");
        assert.equal(await main(["render", root, "--config", "namespace=Prod"], io), 1);
        assert.equal(stdout, "");
        assert.equal(stderr, `error: ZooKeeperEnsemble "zk": ${ERROR_CASES.find((c) => c.changes.namespace === "Prod")!.problems[0]}\n`);
    });

    for (const c of ERROR_CASES) {
        const when = c.atResolution ? "when its Output resolves" : "before registering anything";
        it(`refuses ${inputText(c)} ${when}`, async () => {
            const outcome = await runCase(c);
            assert.deepEqual(outcome.others, [], "only an EnsembleArgsError may be raised");
            assert.deepEqual(outcome.problems, c.problems);
            assert.equal(outcome.atConstruction, !c.atResolution);
            if (!c.atResolution) assert.equal(outcome.registered, 0, "a refused ensemble registers nothing");
        });
    }
});
