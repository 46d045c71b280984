/**
 * What `npm publish` would ship: exactly what a consumer needs (compiled JavaScript and its
 * declarations, the command line, README, LICENSE, CHANGELOG and the plugin manifest), and no
 * sources, tests or examples. Reads `npm pack --dry-run`, so it needs a build (`npm run build`).
 */
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { PACKAGE_DIR, PACKAGE_JSON } from "../helpers/provider";

/** Every `.ts` file under `dir`, relative to it. */
function sources(dir: string, prefix = ""): string[] {
    return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
        const relative = path.posix.join(prefix, entry.name);
        if (entry.isDirectory()) return sources(dir, relative);
        return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [relative] : [];
    });
}

describe("the npm package", () => {
    let files: string[];
    before(function () {
        this.timeout(120_000);
        const pack = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: PACKAGE_DIR, encoding: "utf8" });
        if (pack.status !== 0) throw new Error(`npm pack failed:\n${pack.stderr}`);
        files = (JSON.parse(pack.stdout) as { files: { path: string }[] }[])[0].files.map((f) => f.path).sort();
    });

    it("holds the compiled JavaScript and declarations of every source, the CLI, README, LICENSE, CHANGELOG and PulumiPlugin.yaml, and nothing else", () => {
        const compiled = sources(path.join(PACKAGE_DIR, "sdk")).flatMap((f) => [
            `dist/${f.replace(/\.ts$/, ".js")}`,
            `dist/${f.replace(/\.ts$/, ".d.ts")}`,
        ]);
        const expected = [
            ...compiled,
            "bin/stateful-ensemble.js",
            "README.md",
            "LICENSE",
            "CHANGELOG.md",
            "PulumiPlugin.yaml",
            "package.json",
        ].sort();
        const missing = expected.filter((f) => !files.includes(f));
        assert.deepEqual(
            missing,
            [],
            missing.some((f) => f.startsWith("dist/")) ? "dist/ is not a build of sdk/: run `npm run build`" : undefined,
        );
        assert.deepEqual(files, expected);
    });

    it("holds no sources, tests, examples, documentation builds or source maps", () => {
        const leaked = files.filter(
            (f) => /^(sdk|tests|examples|docs|bench|node_modules)\//.test(f) || /(?<!\.d)\.ts$|\.map$|\.tgz$/.test(f),
        );
        assert.deepEqual(leaked, []);
    });

    it("holds every file package.json points consumers to", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGE_DIR, "package.json"), "utf8"));
        const exported = Object.values(pkg.exports as Record<string, string | Record<string, string>>).flatMap((e) =>
            typeof e === "string" ? [e] : Object.values(e),
        );
        const targets = [pkg.main, pkg.types, ...Object.values(pkg.bin as Record<string, string>), ...exported].map((p: string) =>
            path.posix.normalize(p),
        );
        assert.deepEqual(
            targets.filter((t) => !files.includes(t)),
            [],
        );
    });

    it("ships a plugin manifest that runs the package with the Node.js runtime", () => {
        const manifest = parse(fs.readFileSync(path.join(PACKAGE_DIR, "PulumiPlugin.yaml"), "utf8"));
        assert.equal(manifest.runtime, "nodejs");
    });

    it("has a semantic version with its own section in the CHANGELOG", () => {
        assert.match(PACKAGE_JSON.version, /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
        const changelog = fs.readFileSync(path.join(PACKAGE_DIR, "CHANGELOG.md"), "utf8");
        const heading = new RegExp(`^## \\[?${PACKAGE_JSON.version.replace(/\./g, "\\.")}\\]?[ (]`, "m");
        assert.match(changelog, heading);
    });
});
