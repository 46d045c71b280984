import { strict as assert } from "assert";
import * as fs from "fs";
import Module from "module";
import * as os from "os";
import * as path from "path";
import { forgetProgram, installLoader } from "../../../../sdk/tools/render/loader";

const SDK_INDEX = path.resolve(__dirname, "..", "..", "..", "..", "sdk", "index.ts");
const resolveFilename = (request: string, from: string) =>
    (Module as unknown as { _resolveFilename(r: string, p: unknown): string })._resolveFilename(request, {
        id: from,
        filename: from,
        paths: [path.join(path.dirname(from), "node_modules")],
    });

describe("installLoader", () => {
    let dir: string;
    beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "se-loader-"))));
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("resolves stateful-ensemble to this package and @pulumi packages a program lacks to the renderer's", () => {
        installLoader();
        installLoader();
        const program = path.join(dir, "index.ts");
        assert.equal(resolveFilename("stateful-ensemble", program), SDK_INDEX);
        assert.equal(resolveFilename("@pulumi/pulumi", program), require.resolve("@pulumi/pulumi"));
        assert.throws(() => resolveFilename("left-pad-not-installed", program), /Cannot find module 'left-pad-not-installed'/);
    });
});

describe("forgetProgram", () => {
    let dir: string;
    beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "se-forget-"))));
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("forgets the program's modules but not those of its node_modules", () => {
        const own = path.join(dir, "a.js");
        const dependency = path.join(dir, "node_modules", "dep", "index.js");
        fs.mkdirSync(path.dirname(dependency), { recursive: true });
        fs.writeFileSync(own, "module.exports = {};");
        fs.writeFileSync(dependency, "module.exports = {};");
        require(own);
        require(dependency);
        forgetProgram(dir);
        assert.equal(require.cache[own], undefined);
        assert.notEqual(require.cache[dependency], undefined);
        delete require.cache[dependency];
    });

    it("keeps the package's own modules when it renders the repository itself", () => {
        forgetProgram(path.resolve(__dirname, "..", "..", "..", ".."));
        assert.notEqual(require.cache[require.resolve("../../../../sdk/tools/render/loader")], undefined);
    });
});
