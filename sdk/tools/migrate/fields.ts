/**
 * Field-level differences between two versions of a Kubernetes object: maps are compared key by
 * key, lists and scalars as a whole (a list's items have no stable identity to pair them by).
 */
import { isObject } from "../../validate/grammar/values";

/** One changed field: its path and both values (undefined where the field is absent). */
export interface FieldChange {
    readonly path: readonly string[];
    readonly before: unknown;
    readonly after: unknown;
}

/** Structural equality of JSON-like values; key order does not matter. */
export function deepEqual(a: unknown, b: unknown): boolean {
    if (a === b) return true;
    if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
    if (isObject(a) && isObject(b)) {
        const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
        return [...keys].every((k) => deepEqual(a[k], b[k]));
    }
    return false;
}

/** Every changed field of `before` → `after`, in key order of `after` then `before`. */
export function diffFields(before: unknown, after: unknown, path: readonly string[] = []): FieldChange[] {
    if (deepEqual(before, after)) return [];
    if (isObject(before) && isObject(after)) {
        const keys = [...new Set([...Object.keys(after), ...Object.keys(before)])];
        return keys.flatMap((k) => diffFields(before[k], after[k], [...path, k]));
    }
    return [{ path, before, after }];
}

/** `spec.selector["app.kubernetes.io/name"]`: dotted, with keys that are not identifiers quoted. */
export function formatPath(path: readonly string[]): string {
    return path
        .map((segment, i) =>
            /^[A-Za-z_][A-Za-z0-9_]*$/.test(segment) ? `${i === 0 ? "" : "."}${segment}` : `[${JSON.stringify(segment)}]`,
        )
        .join("");
}

const SHORT = 60;

function count(list: readonly unknown[]): string {
    return `${list.length} ${list.length === 1 ? "item" : "items"}`;
}

/** A value for a one-line summary: JSON when short, otherwise lists by length and maps by key count. */
export function formatValue(value: unknown): string {
    if (value === undefined) return "(none)";
    const text = JSON.stringify(value);
    if (text.length <= SHORT) return text;
    if (Array.isArray(value)) return count(value);
    if (isObject(value)) return `${Object.keys(value).length} fields`;
    return `${text.slice(0, SHORT - 1)}…`;
}

/** `spec.replicas: 3 → 4`; two long lists of one length: `endpoints: 3 items, changed`. */
export function formatChange(change: FieldChange): string {
    const { before, after } = change;
    const long = JSON.stringify(before ?? null).length > SHORT || JSON.stringify(after ?? null).length > SHORT;
    if (long && Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
        return `${formatPath(change.path)}: ${count(after)}, changed`;
    }
    return `${formatPath(change.path)}: ${formatValue(before)} → ${formatValue(after)}`;
}
