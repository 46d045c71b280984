/**
 * Warnings are part of what a test asserts. A test that expects its program to warn says so with
 * {@link expectWarning}; the root hooks (tests/layers.js) capture `console.warn` and
 * `console.error` around every test and fail it when a warning it did not expect appears, or one
 * it expects does not (hooks that render call {@link withWarningsChecked} themselves). So a clean
 * `npm test` prints only the test list and the summary.
 */
import { format } from "util";

interface WarningState {
    expected: RegExp[];
    allowed: RegExp[];
    captured: string[];
}
// Kept on the global object, not in this module: the renderer forgets the modules of a program it
// renders (the repository root's included), so this file may be loaded more than once in a run.
const KEY = Symbol.for("stateful-ensemble.tests.warnings");
const state: WarningState = ((globalThis as Record<symbol, unknown>)[KEY] ??= {
    expected: [],
    allowed: [],
    captured: [],
}) as WarningState;

/** Declares that the running test prints a warning matching each pattern (at least once each). */
export function expectWarning(...patterns: RegExp[]): void {
    state.expected.push(...patterns);
}

/**
 * Declares that the running test may print warnings matching `pattern`: for a test run over a
 * list of cases where only some warn. Any other warning still fails it.
 */
export function allowWarning(pattern: RegExp): void {
    state.allowed.push(pattern);
}

/** The warning the ZooKeeper preset prints for an ensemble of six servers. */
export const SIX_SERVERS =
    /^warning: \[runtime\] ZooKeeperEnsemble "zk": the ensemble has 6 servers; a quorum of 6 needs 4, so it survives 2 failures, no more than 5 servers would\. Prefer an odd number of servers\.$/;

/** The warnings captured so far in the running test. */
export function warnings(): readonly string[] {
    return state.captured;
}

/**
 * Runs `test` (a test or a hook) with `console.warn` and `console.error` captured, then checks
 * what they printed against the expected warnings: those declared with {@link expectWarning}
 * and {@link allowWarning} inside `test`, and `expect` and `allow` given here.
 */
export async function withWarningsChecked(
    test: () => unknown,
    given: { readonly expect?: readonly RegExp[]; readonly allow?: readonly RegExp[] } = {},
): Promise<void> {
    state.expected = [...(given.expect ?? [])];
    state.allowed = [...(given.allow ?? [])];
    state.captured = [];
    const { warn, error } = console;
    const capture = (...args: unknown[]) => void state.captured.push(format(...args));
    console.warn = capture;
    console.error = capture;
    try {
        await test();
    } finally {
        console.warn = warn;
        console.error = error;
    }
    const unexpected = state.captured.filter((line) => ![...state.expected, ...state.allowed].some((p) => p.test(line)));
    const missing = state.expected.filter((p) => !state.captured.some((line) => p.test(line)));
    if (unexpected.length > 0 || missing.length > 0) {
        throw new Error(
            [
                ...unexpected.map((line) => `unexpected warning: ${line}`),
                ...missing.map((p) => `expected a warning matching ${p}, but none was printed`),
            ].join("\n"),
        );
    }
}
