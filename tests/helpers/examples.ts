/** The example projects the tests render: every Node.js Pulumi project under examples/. */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

export const ROOT = path.resolve(__dirname, "../..");

/**
 * Config an example needs to render (its secrets, which a stack file could only hold encrypted).
 * Examples not listed render with their defaults.
 */
export const EXAMPLE_CONFIG: Record<string, readonly string[]> = {
    "examples/hardened": ["zkPassword=example"],
};

/** Whether the project in `dir` is a Node.js program (the others are checked against the schema). */
function isNodeProject(dir: string): boolean {
    const file = path.join(dir, "Pulumi.yaml");
    if (!fs.existsSync(file)) return false;
    const runtime = parse(fs.readFileSync(file, "utf8")).runtime;
    return (typeof runtime === "string" ? runtime : runtime?.name) === "nodejs";
}

/** `examples/<name>` of every Node.js example project, sorted. */
export function nodeExamples(): string[] {
    const dir = path.join(ROOT, "examples");
    if (!fs.existsSync(dir)) return [];
    return fs
        .readdirSync(dir)
        .map((d) => `examples/${d}`)
        .filter((d) => isNodeProject(path.join(ROOT, d)))
        .sort();
}
