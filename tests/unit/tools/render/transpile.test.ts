import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { transform } from "sucrase";
import { cacheDirFor, transpile } from "../../../../sdk/tools/render/transpile";

const SOURCE = `import { x } from "./x";\nexport const answer: number = x + 1;\n`;

const scratch: string[] = [];

/** A scratch project: `dir/node_modules` and `dir/src/index.ts`. */
function project(withNodeModules = true): { dir: string; file: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "se-transpile-"));
    scratch.push(dir);
    if (withNodeModules) fs.mkdirSync(path.join(dir, "node_modules"));
    fs.mkdirSync(path.join(dir, "src"));
    const file = path.join(dir, "src", "index.ts");
    fs.writeFileSync(file, SOURCE);
    return { dir, file };
}

function entries(dir: string): string[] {
    return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}

describe("transpile", () => {
    after(() => scratch.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

    it("gives sucrase's CommonJS output for a TypeScript program", () => {
        const { file } = project();
        const expected = transform(SOURCE, { transforms: ["typescript", "imports"], filePath: file }).code;
        assert.equal(transpile(SOURCE, file), expected);
        assert.equal(transpile(SOURCE, file), expected);
    });

    it("caches in node_modules/.cache/stateful-ensemble of the nearest directory with a node_modules", () => {
        const { dir, file } = project();
        assert.equal(cacheDirFor(file), path.join(dir, "node_modules", ".cache", "stateful-ensemble"));
        transpile(SOURCE, file);
        assert.equal(entries(cacheDirFor(file)!).length, 1);
    });

    it("reads an unchanged program back from the cache instead of transpiling it again", () => {
        const { file } = project();
        transpile(SOURCE, file);
        const [entry] = entries(cacheDirFor(file)!);
        // Whatever the entry holds is what a render runs: proof that it is read, not recomputed.
        fs.writeFileSync(path.join(cacheDirFor(file)!, entry), "exports.fromCache = true;\n");
        assert.equal(transpile(SOURCE, file), "exports.fromCache = true;\n");
    });

    it("transpiles a changed program again, under a new entry", () => {
        const { file } = project();
        transpile(SOURCE, file);
        const changed = SOURCE.replace("x + 1", "x + 2");
        assert.match(transpile(changed, file), /_x\.x \+ 2/);
        assert.equal(entries(cacheDirFor(file)!).length, 2);
    });

    it("keys entries by path too, so two programs with the same text do not share one", () => {
        const a = project();
        const other = path.join(a.dir, "src", "other.ts");
        transpile(SOURCE, a.file);
        transpile(SOURCE, other);
        assert.equal(entries(cacheDirFor(a.file)!).length, 2);
    });

    it("transpiles without a cache when the cache directory cannot be created", () => {
        const { dir, file } = project();
        // A file where the cache directory should go: mkdir fails even for root.
        fs.writeFileSync(path.join(dir, "node_modules", ".cache"), "");
        const expected = transform(SOURCE, { transforms: ["typescript", "imports"], filePath: file }).code;
        assert.equal(transpile(SOURCE, file), expected);
        assert.equal(transpile(SOURCE, file), expected);
    });

    it("finds no cache directory when no directory above the program has a node_modules", function () {
        const { file } = project(false);
        const above = path.dirname(path.dirname(file));
        if (cacheDirFor(above) !== undefined) this.skip(); // a node_modules above the temporary directory
        assert.equal(cacheDirFor(file), undefined);
        assert.match(transpile(SOURCE, file), /const answer = _x\.x \+ 1; exports\.answer = answer;/);
    });
});
