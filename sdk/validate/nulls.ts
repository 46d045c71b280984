/**
 * `null` means "not set". Programs in other languages (through Pulumi's multi-language
 * components) and YAML send null for fields they leave out; JavaScript callers mostly send
 * undefined. Validation sees one of the two.
 */
import { isObject } from "./grammar/values";

function isPlainObject(value: unknown): value is Record<string, unknown> {
    if (!isObject(value)) return false;
    const proto = Object.getPrototypeOf(value);
    // Outputs, Promises, Resources and other class instances are values in their own right: never entered.
    return proto === Object.prototype || proto === null;
}

/** A copy of `value` without the null fields of its plain objects, at any depth; other values as they are. */
export function withoutNulls<T>(value: T): T {
    if (Array.isArray(value)) return Array.from(value, (v) => (v === null ? undefined : withoutNulls(v))) as T;
    if (!isPlainObject(value)) return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
        // defineProperty, so a key named "__proto__" stays a key and never becomes the copy's prototype.
        if (v !== null) Object.defineProperty(out, k, { value: withoutNulls(v), enumerable: true, writable: true, configurable: true });
    }
    return out as T;
}
