/**
 * What `npm publish` would ship: exactly what a consumer needs (compiled JavaScript and its
 * declarations, the command line, README, LICENSE, CHANGELOG, the plugin manifest, and the docs and
 * example projects the README links to), and no sources or tests. Reads `npm pack --dry-run`, so
 * it needs a build (`npm run build`); then packs for real and reads the tarball.
 */
import { strict as assert } from "assert";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
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

/** The documentation the package ships: docs/*.md and the example projects the README links to. */
function shippedDocs(): string[] {
    const docs = fs
        .readdirSync(path.join(PACKAGE_DIR, "docs"))
        .filter((f) => f.endsWith(".md"))
        .map((f) => `docs/${f}`);
    const examples = fs.readdirSync(path.join(PACKAGE_DIR, "examples")).flatMap((example) =>
        fs
            .readdirSync(path.join(PACKAGE_DIR, "examples", example))
            .filter((f) => /^(README\.md|Pulumi.*\.yaml|index\.ts|package\.json|__main__\.py|requirements\.txt|main\.go|go\.mod)$/.test(f))
            .map((f) => `examples/${example}/${f}`),
    );
    return [...docs, ...examples];
}

/** Relative link targets of a Markdown file, without anchors. */
function relativeLinks(markdown: string): string[] {
    return [...markdown.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)].map((m) => m[1]).filter((t) => !/^[a-z]+:/.test(t));
}

/** A copy of package.json as it was before the tests packed the package. */
const MANIFEST_BEFORE = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "se-manifest-")), "package.json");
fs.copyFileSync(path.join(PACKAGE_DIR, "package.json"), MANIFEST_BEFORE);

describe("the npm package", () => {
    let files: string[];
    before(function () {
        this.timeout(120_000);
        const pack = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: PACKAGE_DIR, encoding: "utf8" });
        if (pack.status !== 0) throw new Error(`npm pack failed:\n${pack.stderr}`);
        files = (JSON.parse(pack.stdout) as { files: { path: string }[] }[])[0].files.map((f) => f.path).sort();
    });

    it("holds the compiled JavaScript and declarations of every source, the bundled yaml, the CLI, README, LICENSE, CHANGELOG, PulumiPlugin.yaml and the documentation, and nothing else", () => {
        const compiled = sources(path.join(PACKAGE_DIR, "sdk")).flatMap((f) => [
            `dist/${f.replace(/\.ts$/, ".js")}`,
            `dist/${f.replace(/\.ts$/, ".d.ts")}`,
        ]);
        const expected = [
            ...compiled,
            "bin/stateful-ensemble.js",
            // The renderer's one-file yaml (scripts/bundle-yaml.js), its version and its license.
            "dist/vendor/yaml.js",
            "dist/vendor/yaml.json",
            "dist/vendor/yaml.LICENSE",
            "README.md",
            "LICENSE",
            "CHANGELOG.md",
            "PulumiPlugin.yaml",
            "package.json",
            ...shippedDocs(),
        ].sort();
        const missing = expected.filter((f) => !files.includes(f));
        assert.deepEqual(
            missing,
            [],
            missing.some((f) => f.startsWith("dist/")) ? "dist/ is not a build of sdk/: run `npm run build`" : undefined,
        );
        assert.deepEqual(files, expected);
    });

    it("holds no sources, tests, documentation builds or source maps", () => {
        const leaked = files.filter(
            (f) =>
                !shippedDocs().includes(f) &&
                (/^(sdk|tests|examples|docs|bench|node_modules|scripts)\//.test(f) || /(?<!\.d)\.ts$|\.map$|\.tgz$/.test(f)),
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

    describe("packed and unpacked, as a registry would serve it", () => {
        let unpacked: string;
        before(function () {
            this.timeout(300_000);
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "se-pack-"));
            const pack = spawnSync("npm", ["pack", "--json", "--pack-destination", dir], { cwd: PACKAGE_DIR, encoding: "utf8" });
            if (pack.status !== 0) throw new Error(`npm pack failed:\n${pack.stderr}`);
            const tarball = path.join(dir, (JSON.parse(pack.stdout) as { filename: string }[])[0].filename);
            execFileSync("tar", ["-xzf", tarball, "-C", dir]);
            unpacked = path.join(dir, "package");
        });

        it("leaves the checkout's package.json as it was", () => {
            assert.equal(fs.readFileSync(path.join(PACKAGE_DIR, "package.json"), "utf8"), fs.readFileSync(MANIFEST_BEFORE, "utf8"));
            assert.ok(!fs.existsSync(path.join(PACKAGE_DIR, "package.json.orig")));
        });

        it("has no script that npm would run, or ask to approve, when the tarball is installed", () => {
            const scripts = JSON.parse(fs.readFileSync(path.join(unpacked, "package.json"), "utf8")).scripts ?? {};
            assert.deepEqual(
                ["preinstall", "install", "postinstall", "prepare"].filter((s) => s in scripts),
                [],
            );
        });

        it("resolves every relative link of its README and docs to a file it holds", () => {
            const markdown = ["README.md", ...fs.readdirSync(path.join(unpacked, "docs")).map((f) => `docs/${f}`)];
            const broken = markdown.flatMap((file) =>
                relativeLinks(fs.readFileSync(path.join(unpacked, file), "utf8"))
                    .filter((target) => !fs.existsSync(path.join(unpacked, path.dirname(file), target)))
                    .map((target) => `${file}: ${target}`),
            );
            assert.deepEqual(broken, []);
        });
    });
});
