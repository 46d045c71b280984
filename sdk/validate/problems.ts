import { isInteger } from "./grammar/values";

/**
 * Collects every problem with a component's arguments, so the user sees all of them at once,
 * each with the path of the field and the reason, before any resource is registered.
 */
export class Problems {
    /**
     * @param rename Says a field's path the way the user wrote it: a preset whose arguments
     * become the core's maps the core's paths back onto its own (`inCluster.transactionLogStorage`
     * for the additional volume it adds), so every problem is reported once, under the user's name.
     * @param items Where problems are recorded: shared with the collector a {@link noting} view came from.
     * @param note Appended to every problem recorded through this collector.
     */
    constructor(
        private readonly rename: (path: string) => string = (path) => path,
        private readonly items: string[] = [],
        private readonly note = "",
    ) {}

    /** Records a problem: `path` is the field (`external.members[2].address`), `reason` why it is refused. */
    add(path: string, reason: string): void {
        const problem = path ? `${this.rename(path)} ${reason}` : reason;
        this.items.push(this.note ? `${problem} ${this.note}` : problem);
    }

    /** The same collector, appending `note` to each problem recorded through it (why a field is checked at all). */
    noting(note: string): Problems {
        return new Problems(this.rename, this.items, note);
    }

    /** A field's path as the user knows it, for a reason that names another field. */
    nameOf(path: string): string {
        return this.rename(path);
    }

    get count(): number {
        return this.items.length;
    }

    /** Throws an {@link EnsembleArgsError} naming `component` if anything was recorded. */
    throwIfAny(component: string): void {
        if (this.items.length > 0) throw new EnsembleArgsError(component, [...this.items]);
    }
}

/** The arguments of an ensemble component were refused. `problems` lists each, with its path. */
export class EnsembleArgsError extends Error {
    constructor(
        /** `StatefulEnsemble "zk"`: which component refused its arguments. */
        readonly component: string,
        /** Every problem, each `<path> <reason>`, e.g. `external.members[2].address "127.0.0.1" is a loopback address…`. */
        readonly problems: readonly string[],
    ) {
        super(
            problems.length === 1
                ? `${component}: ${problems[0]}`
                : `${component} has ${problems.length} problems:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
        );
        this.name = "EnsembleArgsError";
    }
}

/** The longest a value is shown in an error message: hostile input must not make a message of megabytes. */
const SHOW_LIMIT = 200;

/** Formats a value for an error message: strings quoted, everything else as JSON, long values cut short. */
export function show(value: unknown): string {
    const text = showWhole(value);
    return text.length > SHOW_LIMIT ? `${text.slice(0, SHOW_LIMIT)}…` : text;
}

function showWhole(value: unknown): string {
    if (typeof value === "string") return JSON.stringify(value);
    if (value === undefined) return "undefined";
    // JSON would print NaN and Infinity as null, and refuses BigInts.
    if (typeof value === "number") return String(value);
    if (typeof value === "bigint") return `${value}n`;
    try {
        return JSON.stringify(value) ?? String(value);
    } catch {
        // BigInts deep inside, cycles, objects without a prototype: say what it is.
        return Array.isArray(value) ? "a list" : typeof value === "object" ? "an object" : typeof value;
    }
}

/** Checks that `value` is an integer in [min, max]; records the problem otherwise. */
export function checkInteger(problems: Problems, path: string, value: unknown, min: number, max?: number): boolean {
    if (!isInteger(value)) {
        problems.add(path, `${show(value)} is not an integer`);
        return false;
    }
    if (value < min || (max !== undefined && value > max)) {
        problems.add(path, `${value} is out of range: it must be ${max === undefined ? `at least ${min}` : `from ${min} to ${max}`}`);
        return false;
    }
    return true;
}

/** Checks that `value` is one of the enum's values; records the problem otherwise. */
export function checkEnum(problems: Problems, path: string, value: unknown, allowed: Record<string, string>): boolean {
    const values = Object.values(allowed);
    if (typeof value === "string" && values.includes(value)) return true;
    problems.add(path, `${show(value)} is not one of ${values.map((v) => JSON.stringify(v)).join(", ")}`);
    return false;
}
