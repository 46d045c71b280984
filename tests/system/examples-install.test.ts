/**
 * A new user's first steps: in a fresh copy of the repository (its tracked files, no
 * node_modules, no dist/), every Node.js example with a package.json installs and renders with
 * exactly the shell lines its README shows (all but `pulumi`, which needs a cluster).
 */
import { strict as assert } from "assert";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { codeBlocks } from "../helpers/markdown";

const ROOT = path.resolve(__dirname, "..", "..");

/** The examples a user installs with npm: those with a package.json. */
const EXAMPLES = fs
    .readdirSync(path.join(ROOT, "examples"))
    .filter((e) => fs.existsSync(path.join(ROOT, "examples", e, "package.json")))
    .sort();

/** The README's shell lines, comments dropped, but those that run the Pulumi CLI. */
function readmeLines(example: string): string[] {
    const readme = fs.readFileSync(path.join(ROOT, "examples", example, "README.md"), "utf8");
    return codeBlocks(readme)
        .filter((b) => b.lang === "sh")
        .flatMap((b) => b.text.split("\n"))
        .map((line) => line.replace(/\s+#.*$/, "").trim())
        .filter((line) => line !== "" && !line.startsWith("pulumi "));
}

describe("the examples, installed and rendered as their READMEs say, from a fresh checkout", function () {
    this.timeout(600_000);
    let copy: string;

    before(function () {
        this.timeout(120_000);
        copy = fs.mkdtempSync(path.join(os.tmpdir(), "se-checkout-"));
        const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8" }).split("\0").filter(Boolean);
        for (const file of tracked) {
            if (!fs.existsSync(path.join(ROOT, file))) continue;
            fs.mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
            fs.copyFileSync(path.join(ROOT, file), path.join(copy, file));
        }
    });

    after(() => fs.rmSync(copy, { recursive: true, force: true }));

    it("covers every example with a package.json, each depending on this checkout", () => {
        assert.ok(EXAMPLES.length >= 3, EXAMPLES.join(", "));
        for (const example of EXAMPLES) {
            const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "examples", example, "package.json"), "utf8"));
            assert.equal(pkg.dependencies["stateful-ensemble"], "file:../..", example);
        }
    });

    for (const example of EXAMPLES) {
        it(`${example}: every README line runs and the render prints Kubernetes YAML`, function () {
            this.timeout(600_000);
            const lines = readmeLines(example);
            assert.ok(
                lines.some((l) => / render /.test(l)),
                `${example}'s README renders nothing`,
            );
            // A README that names examples/<name> runs from the repository's root, as it says.
            const cwd = lines.some((l) => l.includes(`examples/${example}`)) ? copy : path.join(copy, "examples", example);
            for (const line of lines) {
                const run = spawnSync("bash", ["-c", line], {
                    cwd,
                    encoding: "utf8",
                    env: { ...process.env, npm_config_loglevel: "error" },
                });
                assert.equal(run.status, 0, `${example}: ${line}\n${run.stderr}`);
                if (/^npx stateful-ensemble render /.test(line))
                    assert.ok(run.stdout.startsWith("---\napiVersion: "), run.stdout.slice(0, 200));
            }
        });
    }
});
