/**
 * Every TypeScript snippet in README.md and docs/ is a program: it must type-check against the
 * package and render offline to objects that pass the Kubernetes schemas.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { EnsembleArgsError, validateEnsemble } from "../../sdk";
import { main } from "../../sdk/tools/render/cli";
import { renderProgram } from "../../sdk/tools/render/engine";
import { assertValidObject } from "../helpers/schema";
import { SIX_SERVERS, allowWarning } from "../helpers/warnings";
import { snippetProjects, snippets } from "../helpers/snippets";

const ROOT = path.resolve(__dirname, "..", "..");

describe("documentation snippets", () => {
    const all = snippets();
    const files = snippetProjects(all);

    it("include the README's examples", () => {
        assert.ok(all.filter((s) => s.source.startsWith("README.md")).length >= 4);
    });

    it("type-check against the package", function () {
        this.timeout(120_000);
        const program = ts.createProgram(files, {
            strict: true,
            noEmit: true,
            target: ts.ScriptTarget.ES2020,
            module: ts.ModuleKind.CommonJS,
            moduleResolution: ts.ModuleResolutionKind.Node10,
            esModuleInterop: true,
            skipLibCheck: true,
            types: ["node"],
            typeRoots: [path.join(ROOT, "node_modules/@types")],
            baseUrl: ROOT,
            paths: { "stateful-ensemble": ["sdk/index.ts"], "*": ["node_modules/*"] },
        });
        const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
            const file = d.file ? (all[files.indexOf(d.file.fileName)]?.source ?? d.file.fileName) : "";
            const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
            return `${file} (+${line}): ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
        });
        assert.deepEqual(diagnostics, []);
    });

    all.forEach((s, i) => {
        it(`render valid objects: ${s.source}`, async () => {
            // The README's hybrid example is the middle of a migration: three VMs and three pods.
            allowWarning(SIX_SERVERS);
            const { resources } = await renderProgram(path.dirname(files[i]));
            assert.ok(resources.length > 0);
            resources.forEach((r) => assertValidObject(r.object));
        });
    });

    // The README's shell lines that run this package's command line: `npm start -- …` and
    // `npx stateful-ensemble render|plan …` on directories of this repository.
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const commands = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)]
        .flatMap((m) => m[1].split("\n"))
        .map((line) => line.replace(/\s+#.*$/, "").trim())
        .map((line) => line.replace(/\s*\|\s*kubectl apply -f -$/, ""))
        .map((line) =>
            /^npm start (--silent )?-- /.test(line)
                ? ["render", ".", ...line.replace(/^npm start (--silent )?-- /, "").split(/\s+/)]
                : line.startsWith("npx stateful-ensemble ") && !line.includes("<")
                  ? line.slice("npx stateful-ensemble ".length).split(/\s+/)
                  : undefined,
        )
        .filter((argv): argv is string[] => argv !== undefined);

    it("include the README's command lines", () => {
        assert.ok(commands.length >= 4, JSON.stringify(commands));
    });

    for (const argv of commands) {
        it(`run the README's command: ${argv.join(" ")}`, async () => {
            // The hybrid and migration commands render six servers, which the preset warns about.
            allowWarning(SIX_SERVERS);
            const cwd = process.cwd();
            process.chdir(ROOT);
            let stderr = "";
            try {
                const code = await main(argv, { stdout: () => undefined, stderr: (t) => (stderr += t) });
                assert.equal(code, 0, stderr);
            } finally {
                process.chdir(cwd);
            }
        });
    }

    it("show the error the README's validation example really raises", () => {
        const shown = /## Validation[\s\S]*?```text\n([\s\S]*?)\n```/.exec(readme)![1];
        assert.throws(
            () =>
                validateEnsemble("zk", {
                    mode: "hybrid",
                    ports: [{ name: "client", port: 2181, client: true }],
                    inCluster: { replicas: 3, image: "zookeeper:3.9.3" },
                    external: { members: [{ address: "127.0.0.1" }, { address: "10.0.0.11" }] },
                }),
            (err: unknown) => err instanceof EnsembleArgsError && err.message === shown,
        );
    });
});
