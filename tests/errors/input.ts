/**
 * How a row of the error table describes its input: changes to a valid ensemble, each a field
 * path and a value. The same description builds the arguments the test runs and the text the
 * documentation shows, so the two cannot disagree.
 */
import * as pulumi from "@pulumi/pulumi";
import { StatefulEnsembleArgs } from "../../sdk";
import { EXTERNAL, IN_CLUSTER, PORTS } from "../helpers/fixtures";

/** A value the table shows in words because it is built in code: an Output, a secret, a long string. */
export class Special {
    constructor(
        readonly shown: string,
        readonly make: () => unknown,
    ) {}
}

/** `pulumi.output(value)`: a value known only when it resolves. */
export const output = (value: unknown) => new Special(`pulumi.output(${format(value)})`, () => pulumi.output(value));
/** `pulumi.secret(value)`. */
export const secret = (value: unknown) => new Special(`pulumi.secret(${format(value)})`, () => pulumi.secret(value));
/** `text` repeated `times` times. */
export const repeated = (text: string, times: number) => new Special(`${literal(text)} × ${times}`, () => text.repeat(times));
/** Anything else built in code, shown as `shown`. */
export const built = (shown: string, make: () => unknown) => new Special(shown, make);

/** A field path (`inCluster.storage.size`, `external.members[1].address`, `labels["a/b"]`) → its value. */
export type Changes = Readonly<Record<string, unknown>>;

/** The valid ensemble every row changes: a three-member ZooKeeper-shaped ensemble in inCluster mode, both blocks present. */
export function baseArgs(): StatefulEnsembleArgs {
    return structuredClone({ mode: "inCluster", ports: PORTS, inCluster: IN_CLUSTER, external: EXTERNAL }) as StatefulEnsembleArgs;
}

/** Splits a path into keys: names, `[n]` indices and `["quoted"]` keys. */
export function pathKeys(path: string): (string | number)[] {
    const keys: (string | number)[] = [];
    const token = /([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|(\.)/gy;
    let m: RegExpExecArray | null;
    while (token.lastIndex < path.length && (m = token.exec(path))) {
        if (m[1] !== undefined) keys.push(m[1]);
        else if (m[2] !== undefined) keys.push(Number(m[2]));
        else if (m[3] !== undefined) keys.push(JSON.parse(m[3]) as string);
    }
    if (token.lastIndex !== path.length) throw new Error(`cannot parse the path ${path}`);
    return keys;
}

function materialise(value: unknown): unknown {
    if (value instanceof Special) return value.make();
    if (Array.isArray(value)) return value.map(materialise);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, materialise(v)]));
    return value;
}

/** The base arguments with `changes` applied; a value of undefined removes the field. */
export function applyChanges(changes: Changes): StatefulEnsembleArgs {
    const args = baseArgs() as unknown as Record<string | number, unknown>;
    for (const [path, value] of Object.entries(changes)) {
        const keys = pathKeys(path);
        let target = args;
        for (const [i, key] of keys.slice(0, -1).entries()) {
            target[key] ??= typeof keys[i + 1] === "number" ? [] : {};
            target = target[key] as Record<string | number, unknown>;
        }
        const last = keys[keys.length - 1];
        if (value === undefined) delete target[last];
        else target[last] = materialise(value);
    }
    return args as unknown as StatefulEnsembleArgs;
}

/** A string literal with control, white-space and non-ASCII characters as `\uXXXX`, so the table shows what it feeds in. */
function literal(text: string): string {
    return JSON.stringify(text).replace(/[^\x21-\x7e ]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** A value as the table shows it: TypeScript-like, strings quoted. */
export function format(value: unknown): string {
    if (value instanceof Special) return value.shown;
    if (value === undefined) return "undefined";
    if (Array.isArray(value)) return `[${value.map(format).join(", ")}]`;
    if (value && typeof value === "object") {
        const entries = Object.entries(value).map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : literal(k)}: ${format(v)}`);
        return entries.length ? `{ ${entries.join(", ")} }` : "{}";
    }
    return typeof value === "string" ? literal(value) : JSON.stringify(value);
}
