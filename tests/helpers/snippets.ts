/** The TypeScript programs in README.md and docs/*.md, each written out as a Pulumi project of its own. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");

/** README.md and every docs/*.md. */
export function markdownFiles(): string[] {
    const docs = path.join(ROOT, "docs");
    const inDocs = fs.existsSync(docs)
        ? fs
              .readdirSync(docs)
              .filter((f) => f.endsWith(".md"))
              .map((f) => path.join(docs, f))
        : [];
    return [path.join(ROOT, "README.md"), ...inDocs];
}

export interface Snippet {
    /** `README.md:120`: the file and the line of the block. */
    readonly source: string;
    readonly code: string;
}

/** Every whole-program `ts` block of the README and the docs. */
export function snippets(): Snippet[] {
    return markdownFiles().flatMap((file) => {
        const text = fs.readFileSync(file, "utf8");
        return (
            [...text.matchAll(/```ts\n([\s\S]*?)```/g)]
                // An indented block is an excerpt of an example program, checked against it in
                // docs-security.test.ts; every other block is a whole program.
                .filter((m) => !/^\s/.test(m[1]))
                .map((m) => ({
                    source: `${path.relative(ROOT, file)}:${text.slice(0, m.index).split("\n").length}`,
                    code: m[1],
                }))
        );
    });
}

/** Writes each snippet as a Pulumi project in a temporary directory; returns each one's `index.ts`. */
export function snippetProjects(all: readonly Snippet[]): string[] {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "se-snippets-"));
    return all.map((s, i) => {
        const project = path.join(dir, `snippet-${i}`);
        fs.mkdirSync(project);
        fs.writeFileSync(path.join(project, "Pulumi.yaml"), `name: snippet-${i}\nruntime: nodejs\n`);
        fs.writeFileSync(path.join(project, "index.ts"), s.code);
        return path.join(project, "index.ts");
    });
}
