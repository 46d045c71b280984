/**
 * TypeScript to CommonJS for the programs the renderer runs, with an on-disk cache. Loading the
 * transpiler (sucrase) costs a render more than transpiling a program does, so a program that
 * has not changed since its last render is read back from `node_modules/.cache/stateful-ensemble`
 * of the nearest directory above it that has a `node_modules`, and sucrase is not loaded at all.
 * Entries are keyed by everything the output depends on: sucrase's version, the options, the
 * file's path and its exact text; so an entry is never stale, only unused.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";

/** The transforms: TypeScript syntax out, `import`/`export` to CommonJS. */
const TRANSFORMS = ["typescript", "imports"] as const;

/** The cache directory for a program file, or undefined when no directory above it has a `node_modules`. */
export function cacheDirFor(file: string): string | undefined {
    for (let dir = path.dirname(path.resolve(file)); ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, "node_modules"))) return path.join(dir, "node_modules", ".cache", "stateful-ensemble");
        if (path.dirname(dir) === dir) return undefined;
    }
}

let sucraseVersion: string | undefined;

function cacheKey(source: string, file: string): string {
    // package.json, not the package: reading the version must not load the transpiler.
    sucraseVersion ??= (require("sucrase/package.json") as { version: string }).version;
    return createHash("sha256")
        .update(JSON.stringify([sucraseVersion, TRANSFORMS, path.resolve(file)]))
        .update("\0")
        .update(source)
        .digest("hex");
}

function transform(source: string, file: string): string {
    // Loaded on first use: programs written in JavaScript, and cached ones, never pay for it.
    const { transform: sucrase } = require("sucrase") as typeof import("sucrase");
    return sucrase(source, { transforms: [...TRANSFORMS], filePath: file }).code;
}

/** Writes `code` under `entry` atomically; a cache that cannot be written is simply not used. */
function store(dir: string, entry: string, code: string): void {
    try {
        fs.mkdirSync(dir, { recursive: true });
        const temporary = `${entry}.${process.pid}.tmp`;
        fs.writeFileSync(temporary, code);
        fs.renameSync(temporary, entry);
    } catch {
        // Read-only project, full disk: the next render transpiles again.
    }
}

/** The CommonJS code for the TypeScript `source` of `file`. */
export function transpile(source: string, file: string): string {
    const dir = cacheDirFor(file);
    if (dir === undefined) return transform(source, file);
    const entry = path.join(dir, `${cacheKey(source, file)}.js`);
    try {
        return fs.readFileSync(entry, "utf8");
    } catch {
        const code = transform(source, file);
        store(dir, entry, code);
        return code;
    }
}
