/**
 * Kubernetes resource quantities (`10Gi`, `500M`, `1.5e9`) as numbers, for the few places that
 * compute with them (a JVM heap from a memory limit).
 * @see https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/
 */

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** A quantity as the API server accepts it: a signed decimal and an optional binary, decimal or exponent suffix. */
const QUANTITY = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))((?:[KMGTPE]i)|[numkMGTPE]|[eE][+-]?[0-9]+)?$/;

/** The value of a quantity in base units (bytes for memory), or undefined if `text` is not a quantity. */
export function parseQuantity(text: unknown): number | undefined {
    if (typeof text !== "string") return undefined;
    const match = QUANTITY.exec(text);
    if (!match) return undefined;
    const number = Number(match[1]);
    const suffix = match[2] ?? "";
    if (suffix in BINARY) return number * BINARY[suffix];
    if (suffix in DECIMAL) return number * DECIMAL[suffix];
    return number * 10 ** Number(suffix.slice(1));
}

/** Bytes in a mebibyte, the unit of JVM heap flags such as `-Xmx768m`. */
export const MIB = 2 ** 20;
