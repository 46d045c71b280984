/**
 * tests/unit mirrors sdk/ file by file: every module `sdk/<path>.ts` has its unit tests in
 * `tests/unit/<path>.test.ts`, and that file imports the module it mirrors. A new module without
 * a mirror fails here, as does a mirror left behind by a module that moved.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const SDK = path.join(ROOT, "sdk");
const UNIT = __dirname;

/**
 * Modules with no mirror of their own, each with the reason. Empty: every module has one. A
 * module belongs here only when nothing in it can be run or type-checked on its own.
 */
const WITHOUT_MIRROR: Readonly<Record<string, string>> = {};

function files(dir: string, suffix: string): string[] {
    return fs
        .readdirSync(dir, { recursive: true, encoding: "utf8" })
        .filter((f) => f.endsWith(suffix))
        .map((f) => f.split(path.sep).join("/"))
        .sort();
}

/** The files a test imports by relative path, resolved as Node resolves them (`x.ts` or `x/index.ts`). */
function importedFiles(test: string): string[] {
    const text = fs.readFileSync(path.join(UNIT, test), "utf8");
    const specifiers = [...text.matchAll(/from\s+"(\.[^"]+)"/g)].map((m) => m[1]);
    return specifiers.flatMap((s) => {
        const base = path.resolve(path.dirname(path.join(UNIT, test)), s);
        return [`${base}.ts`, path.join(base, "index.ts")].filter((f) => fs.existsSync(f));
    });
}

const modules = files(SDK, ".ts");
const mirrors = files(UNIT, ".test.ts").filter((t) => t !== "mirror.test.ts");
const mirrorOf = (module: string) => module.replace(/\.ts$/, ".test.ts");

describe("tests/unit mirrors sdk/", () => {
    it("finds the package's modules", () => {
        assert.ok(modules.includes("component/ensemble.ts"));
        assert.ok(modules.length > 50, `${modules.length} modules`);
    });

    it("has a test file for every module of sdk/, or a stated reason", () => {
        const missing = modules.filter((m) => !(m in WITHOUT_MIRROR) && !mirrors.includes(mirrorOf(m)));
        assert.deepEqual(missing, []);
    });

    it("lists as exceptions only modules that exist and have no mirror", () => {
        const stale = Object.keys(WITHOUT_MIRROR).filter((m) => !modules.includes(m) || mirrors.includes(mirrorOf(m)));
        assert.deepEqual(stale, []);
    });

    it("has no test file whose module is gone", () => {
        const orphans = mirrors.filter((t) => !modules.includes(t.replace(/\.test\.ts$/, ".ts")));
        assert.deepEqual(orphans, []);
    });

    it("imports, in each test file, the module it mirrors", () => {
        const detached = mirrors.filter((t) => !importedFiles(t).includes(path.join(SDK, t.replace(/\.test\.ts$/, ".ts"))));
        assert.deepEqual(detached, []);
    });
});
