/**
 * The API reference build (`npm run docs`, TypeDoc with the repository's typedoc.json) refuses an
 * exported symbol without a doc comment. CI builds the real reference; this runs the same
 * configuration on a two-line module so the rule itself is under test.
 */
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PACKAGE_DIR } from "../helpers/provider";

describe("the API reference build", () => {
    it("fails on an exported symbol that has no documentation, naming it", function () {
        this.timeout(120_000);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "typedoc-"));
        fs.writeFileSync(
            path.join(dir, "index.ts"),
            "/** A documented value. */\nexport const documented = 1;\nexport const undocumented = 2;\n",
        );
        fs.writeFileSync(
            path.join(dir, "tsconfig.json"),
            JSON.stringify({ compilerOptions: { strict: true, types: [] }, files: ["index.ts"] }),
        );
        const manifest = require.resolve("typedoc/package.json", { paths: [PACKAGE_DIR] });
        const typedoc = path.join(path.dirname(manifest), require(manifest).bin.typedoc);
        // The repository's configuration, on this module instead of the package's entry point.
        const options = {
            extends: [path.join(PACKAGE_DIR, "typedoc.json")],
            entryPoints: ["index.ts"],
            tsconfig: "tsconfig.json",
            out: "api",
        };
        fs.writeFileSync(path.join(dir, "typedoc.json"), JSON.stringify(options));
        const run = spawnSync(process.execPath, [typedoc, "--options", path.join(dir, "typedoc.json")], { cwd: dir, encoding: "utf8" });
        fs.rmSync(dir, { recursive: true, force: true });
        const output = run.stdout + run.stderr;
        assert.notEqual(run.status, 0, output);
        assert.match(output, /undocumented \(Variable\)[^\n]* does not have any documentation/);
        assert.doesNotMatch(output, /\bdocumented \(Variable\)/);
    });
});
