import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
    ProjectError,
    closestWord,
    parseConfigPairs,
    qualifyKey,
    readProject,
    readStackConfig,
} from "../../../../sdk/tools/render/project";

let dir: string;
function write(files: Record<string, string>): string {
    for (const [name, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), text);
    }
    return dir;
}
const refusal = (message: string) => (err: unknown) => err instanceof ProjectError && err.message === message;

describe("readProject", () => {
    beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "se-project-"))));
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("reads the name, the entry and the config defaults, qualified, objects as JSON", () => {
        write({
            "Pulumi.yaml":
                "name: zk\nruntime:\n  name: nodejs\nconfig:\n  mode: { default: hybrid }\n  replicas: 3\n  members: { default: [a, b] }\n  secretKey: { type: string }\n  kubernetes:context: kind\n",
            "index.ts": "",
        });
        assert.deepEqual(readProject(dir), {
            dir,
            name: "zk",
            entry: path.join(dir, "index.ts"),
            configDefaults: { "zk:mode": "hybrid", "zk:replicas": "3", "zk:members": '["a","b"]', "kubernetes:context": "kind" },
            declaredKeys: ["mode", "replicas", "members", "secretKey"],
        });
    });

    it("finds the entry through main, then package.json's main", () => {
        write({ "Pulumi.yaml": "name: p\nruntime: nodejs\nmain: src/\n", "src/index.js": "" });
        assert.equal(readProject(dir).entry, path.join(dir, "src", "index.js"));
        write({ "Pulumi.yaml": "name: p\nruntime: nodejs\n", "package.json": '{"main": "bin/app.js"}', "bin/app.js": "" });
        assert.equal(readProject(dir).entry, path.join(dir, "bin", "app.js"));
        assert.equal(readProject(dir).declaredKeys, undefined);
    });

    it("refuses a folder without Pulumi.yaml, a project without a name, another runtime, and a missing program", () => {
        assert.throws(() => readProject(dir), refusal(`${dir} is not a Pulumi project: it has no Pulumi.yaml`));
        write({ "Pulumi.yaml": "runtime: nodejs\n" });
        assert.throws(() => readProject(dir), refusal(`${path.join(dir, "Pulumi.yaml")} has no project name`));
        write({ "Pulumi.yaml": "name: p\nruntime: python\n" });
        assert.throws(
            () => readProject(dir),
            refusal(`${path.join(dir, "Pulumi.yaml")}: runtime "python" is not rendered offline; only nodejs programs are`),
        );
        write({ "Pulumi.yaml": "name: p\nruntime: nodejs\n" });
        assert.throws(
            () => readProject(dir),
            refusal(`cannot find the program of ${dir}: tried ${dir}, ${path.join(dir, "index.ts")}, ${path.join(dir, "index.js")}`),
        );
        write({ "Pulumi.yaml": "name: [" });
        assert.throws(
            () => readProject(dir),
            (err: unknown) => err instanceof ProjectError && err.message.startsWith(`cannot read ${path.join(dir, "Pulumi.yaml")}: `),
        );
    });

    it("reads a stack's config, and refuses a missing file and an encrypted secret", () => {
        write({
            "Pulumi.yaml": "name: zk\nruntime: nodejs\n",
            "index.ts": "",
            "Pulumi.dev.yaml": "config:\n  zk:mode: external\n  replicas: 5\n",
        });
        const project = readProject(dir);
        assert.deepEqual(readStackConfig(project, "dev"), { "zk:mode": "external", "zk:replicas": "5" });
        assert.throws(
            () => readStackConfig(project, "prod"),
            refusal(`stack "prod" has no config file ${path.join(dir, "Pulumi.prod.yaml")}`),
        );
        write({ "Pulumi.s.yaml": "config:\n  zk:token:\n    secure: AAAB\n" });
        assert.throws(
            () => readStackConfig(project, "s"),
            refusal(
                `${path.join(dir, "Pulumi.s.yaml")}: zk:token is an encrypted secret, which only the Pulumi CLI can decrypt; pass it with --config`,
            ),
        );
    });
});

describe("parseConfigPairs", () => {
    const project = { dir: "/p", name: "zk", entry: "/p/index.ts", configDefaults: {}, declaredKeys: ["mode", "replicas"] };

    it("qualifies keys of the project and keeps other namespaces' keys and '=' inside values", () => {
        assert.deepEqual(parseConfigPairs(project, ["mode=hybrid", "kubernetes:context=a=b"]), {
            "zk:mode": "hybrid",
            "kubernetes:context": "a=b",
        });
        assert.deepEqual(parseConfigPairs("zk", ["anything=1"]), { "zk:anything": "1" });
    });

    it("refuses a pair without a key, and an undeclared key with the closest declared one", () => {
        assert.throws(() => parseConfigPairs(project, ["=x"]), refusal('--config "=x" is not key=value'));
        assert.throws(() => parseConfigPairs(project, ["mode"]), refusal('--config "mode" is not key=value'));
        assert.throws(
            () => parseConfigPairs(project, ["mdoe=x"]),
            refusal('config key "mdoe" is not declared in Pulumi.yaml; did you mean "mode"? (declared: mode, replicas)'),
        );
        assert.throws(
            () => parseConfigPairs(project, ["zzzzzz=x"]),
            refusal('config key "zzzzzz" is not declared in Pulumi.yaml (declared: mode, replicas)'),
        );
    });
});

describe("qualifyKey and closestWord", () => {
    it("qualify a bare key with the project and leave a namespaced one", () => {
        assert.equal(qualifyKey("zk", "mode"), "zk:mode");
        assert.equal(qualifyKey("zk", "kubernetes:context"), "kubernetes:context");
    });

    it("find the word fewest edits away, ignoring case, within half the word's length", () => {
        assert.equal(closestWord("Replcas", ["mode", "replicas"]), "replicas");
        assert.equal(closestWord("md", ["mode"]), "mode");
        assert.equal(closestWord("namespace", ["mode"]), undefined);
    });
});
