import { strict as assert } from "assert";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parseAllDocuments } from "yaml";

const ROOT = path.resolve(__dirname, "..", "..", "..", "..");

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
function docs(yaml: string): Doc[] {
    return parseAllDocuments(yaml).map((d) => {
        assert.deepEqual(d.errors, []);
        return d.toJS() as Doc;
    });
}

describe("stateful-ensemble render, as a process", () => {
    it("runs as a real process through the package's bin, exiting 0 with YAML on stdout", function () {
        this.timeout(30_000);
        if (!fs.existsSync(path.join(ROOT, "dist/tools/render/cli.js")))
            execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "ignore" });
        const ok = spawnSync(process.execPath, [path.join(ROOT, "bin/stateful-ensemble.js"), "render", ROOT, "--config", "mode=external"], {
            encoding: "utf8",
        });
        assert.equal(ok.status, 0, ok.stderr);
        assert.equal(docs(ok.stdout).length, 4);
        const bad = spawnSync(
            process.execPath,
            [path.join(ROOT, "bin/stateful-ensemble.js"), "render", ROOT, "--config", "mode=sideways"],
            {
                encoding: "utf8",
            },
        );
        assert.equal(bad.status, 1);
        assert.equal(bad.stdout, "");
        assert.equal(bad.stderr, `error: ZooKeeperEnsemble "zk": mode "sideways" is not one of "inCluster", "external", "hybrid"\n`);
    });

    it("prints only YAML through `npm start --silent`, so its stdout can be piped to kubectl", function () {
        this.timeout(60_000);
        const run = spawnSync("npm", ["start", "--silent", "--", "--config", "mode=external"], { cwd: ROOT, encoding: "utf8" });
        assert.equal(run.status, 0, run.stderr);
        assert.ok(run.stdout.startsWith("---\napiVersion: "), run.stdout.slice(0, 80));
        assert.ok(docs(run.stdout).every((o) => typeof o.apiVersion === "string" && typeof o.kind === "string"));
    });

    it("lets npm report its own errors: the project does not silence npm", function () {
        this.timeout(60_000);
        const run = spawnSync("npm", ["run", "nosuch"], { cwd: ROOT, encoding: "utf8" });
        assert.notEqual(run.status, 0);
        assert.match(run.stderr, /Missing script: "nosuch"/);
    });

    it("pipes into kubectl in the README only what prints pure YAML: `npm start --silent` or the bin", () => {
        const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
        const piped = readme.split("\n").filter((line) => /\|\s*kubectl apply/.test(line));
        assert.ok(piped.length > 0);
        for (const line of piped) assert.match(line, /^(npm start --silent |npx stateful-ensemble render )/, line);
    });
});
