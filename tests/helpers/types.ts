/**
 * Compile-time assertions: `npm test` runs tsc over the tests, so a `typeIs<...>(true)` whose
 * condition is false fails the build, not only a run.
 */

/** True only when A and B are the same type. */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Compiles only when its type argument is `true`. */
export const typeIs = <T extends true>(value: T): T => value;
