/**
 * The TypeScript snippets of docs/security.md and docs/network-policy.md are excerpts of example
 * programs, which the test suite type-checks and renders: a snippet that is not found, line for
 * line, in the file its section links to fails here.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const DOCS = ["docs/security.md", "docs/network-policy.md"];

/** Each ```ts block of a Markdown file, with the example program the text just before it links to. */
function snippets(file: string): { code: string[]; source: string }[] {
    const text = fs.readFileSync(path.join(ROOT, file), "utf8");
    const found: { code: string[]; source: string }[] = [];
    const block = /```ts\n([\s\S]*?)```/g;
    let m: RegExpExecArray | null;
    while ((m = block.exec(text))) {
        const before = text.slice(0, m.index);
        const links = [...before.matchAll(/\]\((\.\.\/examples\/[^)]+\.ts)\)/g)];
        assert.ok(links.length > 0, `${file}: a snippet without a link to the example it comes from`);
        found.push({
            code: m[1]
                .split("\n")
                .map((l) => l.trim())
                .filter((l) => l !== ""),
            source: path.resolve(path.dirname(path.join(ROOT, file)), links[links.length - 1][1]),
        });
    }
    return found;
}

describe("the security and NetworkPolicy docs", () => {
    for (const doc of DOCS) {
        it(`quote ${doc}'s snippets from compiled examples, line for line`, () => {
            const found = snippets(doc);
            assert.ok(found.length > 0, `${doc} has no TypeScript snippet`);
            for (const { code, source } of found) {
                const lines = fs
                    .readFileSync(source, "utf8")
                    .split("\n")
                    .map((l) => l.trim());
                const at = lines.findIndex((_, i) => code.every((c, j) => lines[i + j] === c));
                assert.ok(at >= 0, `${doc}: this snippet is not in ${path.relative(ROOT, source)}:\n${code.join("\n")}`);
            }
        });
    }
});
