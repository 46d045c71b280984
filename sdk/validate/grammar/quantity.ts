/**
 * Kubernetes resource quantities (`500m`, `1Gi`, `1e3`), parsed exactly so they can be compared
 * the way the API server compares them.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/
 */

/** A quantity's exact value, `numerator / denominator`. */
export interface QuantityValue {
    readonly numerator: bigint;
    readonly denominator: bigint;
}

/** `<sign><digits>[.<digits>]<suffix>`: the grammar of resource.Quantity. */
const GRAMMAR = /^([+-]?)([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/;

const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
/**
 * Exponents beyond this are refused rather than computed: no resource is counted in numbers
 * with hundreds of digits, and a hostile `1e999999999` must not exhaust memory.
 */
const MAX_EXPONENT = 100;

/** Parses a quantity, or returns undefined when Kubernetes would not accept the text. */
export function parseQuantity(text: unknown): QuantityValue | undefined {
    if (typeof text !== "string") return undefined;
    const m = GRAMMAR.exec(text);
    if (!m) return undefined;
    const [, sign, number, suffix = ""] = m;
    const [whole, fraction = ""] = number.split(".");
    let numerator = BigInt((whole || "0") + fraction) * (sign === "-" ? -1n : 1n);
    let denominator = 10n ** BigInt(fraction.length);
    let exponent = 0;
    if (suffix in BINARY) numerator *= 2n ** BigInt(BINARY[suffix]);
    else if (suffix in DECIMAL) exponent = DECIMAL[suffix];
    else if (suffix !== "") exponent = Number(suffix.slice(1));
    if (Math.abs(exponent) > MAX_EXPONENT) return undefined;
    if (exponent >= 0) numerator *= 10n ** BigInt(exponent);
    else denominator *= 10n ** BigInt(-exponent);
    return { numerator, denominator };
}

/** -1, 0 or 1 as `a` is less than, equal to or more than `b`. */
export function compareQuantities(a: QuantityValue, b: QuantityValue): number {
    const left = a.numerator * b.denominator;
    const right = b.numerator * a.denominator;
    return left < right ? -1 : left > right ? 1 : 0;
}

export function isWholeNumber(q: QuantityValue): boolean {
    return q.numerator % q.denominator === 0n;
}

export function isNegative(q: QuantityValue): boolean {
    return q.numerator < 0n;
}

/**
 * A quantity as a JavaScript number in base units (bytes for memory), for the few places that
 * compute with one (a JVM heap from a memory limit); undefined if `text` is not a quantity.
 */
export function quantityNumber(text: unknown): number | undefined {
    const q = parseQuantity(text);
    return q === undefined ? undefined : Number(q.numerator) / Number(q.denominator);
}

/** Bytes in a mebibyte, the unit of JVM heap flags such as `-Xmx768m`. */
export const MIB = 2 ** 20;

/** Whether `text` is a quantity greater than zero, as a size or a memory limit must be. */
export function isPositiveQuantity(text: unknown): text is string {
    const q = parseQuantity(text);
    return q !== undefined && q.numerator > 0n;
}
