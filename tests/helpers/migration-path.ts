/**
 * THE ONE PLACE the real-server migration test takes its steps from.
 *
 * Each step is a stack configuration of examples/zookeeper-migration (its documented keys `mode`,
 * `replicas`, `startOrdinal`, `externalAddresses`), the key/value map a stack config file of
 * that step holds. The test renders each one through the offline renderer and runs what the
 * rendering says; it knows nothing else about the path. A generated path (the planner's own
 * steps between the same two ends) replaces {@link stepsBetween} here, and nothing else changes.
 */

/** One step: config key → value, as in `Pulumi.<stack>.yaml` without the project prefix. */
export type StepConfig = Readonly<Record<string, string>>;

/** The three VMs the ensemble starts on (members 0, 1, 2; server ids 1, 2, 3). */
export const VM_ADDRESSES = ["10.0.0.10", "10.0.0.11", "10.0.0.12"] as const;

/** All three members on VMs: `Pulumi.step0-vms.yaml`. */
export const ALL_EXTERNAL: StepConfig = { mode: "external", externalAddresses: VM_ADDRESSES.join(",") };

/** All three members in the cluster. */
export const ALL_IN_CLUSTER: StepConfig = { mode: "inCluster", startOrdinal: "0", replicas: "3", externalAddresses: "" };

/** How many members are in the cluster, and which: the top ones (ordinals `3 - inCluster` to 2). */
function hybrid(inCluster: number): StepConfig {
    return {
        mode: "hybrid",
        startOrdinal: String(3 - inCluster),
        replicas: String(inCluster),
        externalAddresses: VM_ADDRESSES.slice(0, 3 - inCluster).join(","),
    };
}

/**
 * The steps from `from` to `to`, both included, each moving exactly one member between a VM and a
 * pod: docs/migration.md's "replace in place" path (member 2, then 1, then 0 into the cluster) and
 * its reverse move (0, then 1, then 2 out). Written by hand for these two pairs; the planner's
 * generated path between the same two configurations takes this function's place.
 */
export function stepsBetween(from: StepConfig, to: StepConfig): StepConfig[] {
    const inward = [ALL_EXTERNAL, hybrid(1), hybrid(2), ALL_IN_CLUSTER];
    if (from === ALL_EXTERNAL && to === ALL_IN_CLUSTER) return inward;
    if (from === ALL_IN_CLUSTER && to === ALL_EXTERNAL) return [...inward].reverse();
    throw new Error("the hand-written path knows VMs → cluster and cluster → VMs only");
}

/** VMs → cluster, then back out: the path the test drives, ending where it began. */
export function roundTrip(): StepConfig[] {
    return [...stepsBetween(ALL_EXTERNAL, ALL_IN_CLUSTER), ...stepsBetween(ALL_IN_CLUSTER, ALL_EXTERNAL).slice(1)];
}

/**
 * One step that breaks the data rule: every member leaves its VM for an empty claim at once
 * (`--from mode=external --to mode=inCluster`).
 */
export function unsafeSwitch(): { from: StepConfig; to: StepConfig } {
    return { from: ALL_EXTERNAL, to: ALL_IN_CLUSTER };
}

/** `key=value` pairs for the renderer. */
export function configPairs(step: StepConfig): string[] {
    return Object.entries(step).map(([k, v]) => `${k}=${v}`);
}
