/**
 * The plain data both benchmark programs start from: which mode, how many members, and the
 * addresses of an external fleet. Neither program's objects are derived here.
 */

/** The modes the benchmark measures; each takes its size from the `size` config key. */
export const BENCH_MODES = ["external", "inCluster"] as const;
export type BenchMode = (typeof BENCH_MODES)[number];

/** The two programs measured side by side (bench/programs). */
export const PROGRAMS = ["component", "hand-written"] as const;
export type Program = (typeof PROGRAMS)[number];

/**
 * Members of the block a mode does not use: a real program keeps both the inCluster and the
 * external block whatever the mode, so a switch is a one-line change (README, "Modes").
 */
export const IDLE_BLOCK_SIZE = 3;

/**
 * `size` distinct IPv4 addresses, 10.20.0.1 upwards: private, and none of the kinds
 * (loopback, link-local, multicast) an EndpointSlice refuses.
 */
export function fleetAddresses(size: number): string[] {
    return Array.from({ length: size }, (_, i) => {
        const n = i + 1;
        return `10.${20 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`;
    });
}

/** The member counts of each block for a benchmark case. */
export function blockSizes(mode: BenchMode, size: number): { replicas: number; externalMembers: number } {
    return mode === "inCluster"
        ? { replicas: size, externalMembers: IDLE_BLOCK_SIZE }
        : { replicas: IDLE_BLOCK_SIZE, externalMembers: size };
}

/** Reads `mode` and `size` the way both programs do, refusing anything else. */
export function parseCase(mode: string | undefined, size: number | undefined): { mode: BenchMode; size: number } {
    if (!BENCH_MODES.includes(mode as BenchMode)) throw new Error(`mode ${JSON.stringify(mode)} is not one of ${BENCH_MODES.join(", ")}`);
    if (size === undefined || !Number.isInteger(size) || size < 1)
        throw new Error(`size ${JSON.stringify(size)} is not a positive integer`);
    return { mode: mode as BenchMode, size };
}
