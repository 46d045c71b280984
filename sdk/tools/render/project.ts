/**
 * Reads a Pulumi project the way the Pulumi CLI would: its name, its program's entry point and
 * its configuration (project defaults, a stack's config file, then `--config` values).
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

export interface PulumiProject {
    readonly dir: string;
    readonly name: string;
    /** Absolute path of the program's entry file. */
    readonly entry: string;
    /** Project-level config defaults, keyed `<project>:<key>`. */
    readonly configDefaults: Record<string, string>;
    /** The keys the project's `config:` block declares, unqualified; undefined when it has none. */
    readonly declaredKeys?: readonly string[];
}

/** A problem with the project or its configuration: reported as one line, never a stack trace. */
export class ProjectError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ProjectError";
    }
}

function readYaml(file: string): Record<string, unknown> {
    try {
        const value = parse(fs.readFileSync(file, "utf8"));
        return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
    } catch (err) {
        throw new ProjectError(`cannot read ${file}: ${(err as Error).message}`);
    }
}

function projectFile(dir: string): string {
    for (const f of ["Pulumi.yaml", "Pulumi.yml"]) {
        const candidate = path.join(dir, f);
        if (fs.existsSync(candidate)) return candidate;
    }
    throw new ProjectError(`${dir} is not a Pulumi project: it has no Pulumi.yaml`);
}

/** Config values are strings to Pulumi; objects and lists travel as JSON. */
function configString(value: unknown): string {
    return typeof value === "string" ? value : JSON.stringify(value);
}

/** `mode` → `<project>:mode`; `kubernetes:context` stays as it is. */
export function qualifyKey(project: string, key: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

function resolveEntry(dir: string, main: unknown): string {
    const base = typeof main === "string" ? path.resolve(dir, main) : dir;
    const candidates = [base];
    if (!fs.existsSync(base) || fs.statSync(base).isDirectory()) {
        const pkg = path.join(base, "package.json");
        if (fs.existsSync(pkg) && typeof main !== "string") {
            const pkgMain = JSON.parse(fs.readFileSync(pkg, "utf8")).main;
            if (typeof pkgMain === "string") candidates.unshift(path.resolve(base, pkgMain));
        }
        candidates.push(path.join(base, "index.ts"), path.join(base, "index.js"));
    }
    const found = candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
    if (!found) throw new ProjectError(`cannot find the program of ${dir}: tried ${candidates.join(", ")}`);
    return found;
}

export function readProject(dir: string): PulumiProject {
    const absolute = path.resolve(dir);
    const file = projectFile(absolute);
    const doc = readYaml(file);
    const name = doc.name;
    if (typeof name !== "string" || name === "") throw new ProjectError(`${file} has no project name`);
    const runtime = typeof doc.runtime === "object" && doc.runtime ? (doc.runtime as { name?: unknown }).name : doc.runtime;
    if (runtime !== "nodejs") {
        throw new ProjectError(`${file}: runtime ${JSON.stringify(runtime)} is not rendered offline; only nodejs programs are`);
    }
    const configDefaults: Record<string, string> = {};
    const declared = doc.config && typeof doc.config === "object" ? (doc.config as Record<string, unknown>) : undefined;
    const declaredKeys = declared && Object.keys(declared).filter((k) => !k.includes(":") || k.startsWith(`${name}:`));
    for (const [key, decl] of Object.entries(declared ?? {})) {
        const value = decl && typeof decl === "object" && !Array.isArray(decl) ? (decl as { default?: unknown }).default : decl;
        if (value !== undefined) configDefaults[qualifyKey(name, key)] = configString(value);
    }
    return {
        dir: absolute,
        name,
        entry: resolveEntry(absolute, doc.main),
        configDefaults,
        declaredKeys: declaredKeys?.map((k) => k.replace(`${name}:`, "")),
    };
}

/** The `config:` block of `Pulumi.<stack>.yaml`, keyed `<project>:<key>`. */
export function readStackConfig(project: PulumiProject, stack: string): Record<string, string> {
    const file = path.join(project.dir, `Pulumi.${stack}.yaml`);
    if (!fs.existsSync(file)) throw new ProjectError(`stack ${JSON.stringify(stack)} has no config file ${file}`);
    const config = (readYaml(file).config as Record<string, unknown>) ?? {};
    const result: Record<string, string> = {};
    for (const [key, value] of Object.entries(config)) {
        if (value && typeof value === "object" && "secure" in (value as object)) {
            throw new ProjectError(`${file}: ${key} is an encrypted secret, which only the Pulumi CLI can decrypt; pass it with --config`);
        }
        result[qualifyKey(project.name, key)] = configString(value);
    }
    return result;
}

/**
 * Parses `key=value` pairs (from `--config`) into qualified config entries. When the project
 * declares its config, a key of its own that it does not declare is refused: the program would
 * never read it, and a misspelt key would render the default silently.
 */
export function parseConfigPairs(project: string | PulumiProject, pairs: readonly string[]): Record<string, string> {
    const name = typeof project === "string" ? project : project.name;
    const declared = typeof project === "string" ? undefined : project.declaredKeys;
    const result: Record<string, string> = {};
    for (const pair of pairs) {
        const eq = pair.indexOf("=");
        if (eq <= 0) throw new ProjectError(`--config ${JSON.stringify(pair)} is not key=value`);
        const key = qualifyKey(name, pair.slice(0, eq));
        const own = key.slice(name.length + 1);
        if (declared && key.startsWith(`${name}:`) && !declared.includes(own)) {
            const closest = closestWord(own, declared);
            throw new ProjectError(
                `config key ${JSON.stringify(own)} is not declared in Pulumi.yaml${closest ? `; did you mean ${JSON.stringify(closest)}?` : ""} (declared: ${declared.join(", ")})`,
            );
        }
        result[key] = pair.slice(eq + 1);
    }
    return result;
}

/** The word of `words` fewest edits away from `word` (Levenshtein distance), if any is within half its length. */
export function closestWord(word: string, words: readonly string[]): string | undefined {
    let best: string | undefined;
    let bestDistance = Math.max(2, Math.ceil(word.length / 2)) + 1;
    for (const candidate of words) {
        const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
        if (d < bestDistance) [best, bestDistance] = [candidate, d];
    }
    return best;
}

function editDistance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        previous = current;
    }
    return previous[b.length];
}

/**
 * The configuration a program runs with, keyed `<project>:<key>`: the project's defaults, then
 * the stack's config file, then `key=value` pairs, each overriding the one before.
 */
export function resolveConfig(project: PulumiProject, stack?: string, pairs: readonly string[] = []): Record<string, string> {
    return {
        ...project.configDefaults,
        ...(stack ? readStackConfig(project, stack) : {}),
        ...parseConfigPairs(project, pairs),
    };
}
