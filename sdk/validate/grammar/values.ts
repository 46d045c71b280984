/**
 * The shapes of JavaScript values that arguments arrive as. Programs in other languages and YAML
 * send whatever they hold, so validation asks what a value is before it reads it.
 */
import * as pulumi from "@pulumi/pulumi";

/** A map: an object that is neither null nor a list. */
export function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function isInteger(value: unknown): value is number {
    return typeof value === "number" && Number.isInteger(value);
}

/** True for a plain string (not a Pulumi Output or Promise, whose value is not known yet). */
export function isPlainString(value: unknown): value is string {
    return typeof value === "string";
}

/** True for a value only known at deployment: a Pulumi Output or a Promise. */
export function isDeferred(value: unknown): boolean {
    return pulumi.Output.isInstance(value) || (isObject(value) && typeof value.then === "function");
}

/** The largest value of the API's int32 fields: ordinals, replicas, probe timings, user and group IDs. */
export const INT32_MAX = 2_147_483_647;
