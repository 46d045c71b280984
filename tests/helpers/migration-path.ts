/**
 * THE ONE PLACE the real-server migration test takes its steps from.
 *
 * Each step is a stack configuration of examples/zookeeper-migration (its documented keys `mode`,
 * `replicas`, `startOrdinal`, `externalAddresses`), the key/value map a stack config file of
 * that step holds. The test renders each one through the offline renderer and runs what the
 * rendering says; it knows nothing else about the path. A generated path (the planner's own
 * steps between the same two ends) replaces the hand-written lists below here, and nowhere else.
 */

/** One step: config key → value, as in `Pulumi.<stack>.yaml` without the project prefix. */
export type StepConfig = Readonly<Record<string, string>>;

/** The three VMs the ensemble starts on (members 0, 1, 2; server ids 1, 2, 3). */
export const VM_ADDRESSES = ["10.0.0.10", "10.0.0.11", "10.0.0.12"] as const;

/** All three members on VMs: `Pulumi.step0-vms.yaml`. */
export const ALL_EXTERNAL: StepConfig = { mode: "external", externalAddresses: VM_ADDRESSES.join(",") };

/** All three members in the cluster. */
export const ALL_IN_CLUSTER: StepConfig = { mode: "inCluster", startOrdinal: "0", replicas: "3", externalAddresses: "" };

/**
 * VMs → cluster and back, one member at a time: docs/migration.md's "replace in place" path
 * (member 2, then 1, then 0 into the cluster), then its reverse move (0, then 1, then 2 out).
 * Every step moves exactly one member between a VM and a pod.
 */
export function safePath(): StepConfig[] {
    const hybrid = (inCluster: number): StepConfig => ({
        mode: "hybrid",
        startOrdinal: String(3 - inCluster),
        replicas: String(inCluster),
        externalAddresses: VM_ADDRESSES.slice(0, 3 - inCluster).join(","),
    });
    const forward = [ALL_EXTERNAL, hybrid(1), hybrid(2), ALL_IN_CLUSTER];
    return [...forward, ...forward.slice(0, -1).reverse()];
}

/**
 * One step the planner must call UNSAFE: every member leaves its VM for an empty claim at once
 * (`--from mode=external --to mode=inCluster`).
 */
export function unsafeSwitch(): { from: StepConfig; to: StepConfig } {
    return { from: ALL_EXTERNAL, to: ALL_IN_CLUSTER };
}

/** `key=value` pairs for the renderer. */
export function configPairs(step: StepConfig): string[] {
    return Object.entries(step).map(([k, v]) => `${k}=${v}`);
}
