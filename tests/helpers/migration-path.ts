/**
 * THE ONE PLACE the real-server migration test takes its steps from.
 *
 * Each step is a stack configuration of examples/zookeeper-migration (its documented keys `mode`,
 * `replicas`, `startOrdinal`, `externalAddresses`, `clientTraffic`), the key/value map a stack
 * config file of that step holds. The steps between two ends are the planner's own
 * (`planConfigSteps` on the example, what `stateful-ensemble plan --steps` writes), so the path
 * the test walks is the generated one; the test renders each step through the offline renderer
 * and runs what the rendering says.
 */
import * as path from "path";
import { planConfigSteps } from "../../sdk";

/** The program whose configurations the steps are. */
export const MIGRATION_EXAMPLE = path.resolve(__dirname, "..", "..", "examples", "zookeeper-migration");

/** One step: config key → value, as in `Pulumi.<stack>.yaml` without the project prefix. */
export type StepConfig = Readonly<Record<string, string>>;

/** The VMs an ensemble of `members` starts on: members 0, 1, …; server ids 1, 2, …; 10.0.0.10 onwards. */
export function vmAddresses(members: number): string[] {
    return Array.from({ length: members }, (_, i) => `10.0.0.${10 + i}`);
}

/** Every member on its VM: `Pulumi.vms-to-cluster-step0.yaml` for three. */
export function allExternal(members: number): StepConfig {
    return { mode: "external", externalAddresses: vmAddresses(members).join(",") };
}

/** Every member in the cluster. */
export function allInCluster(members: number): StepConfig {
    return { mode: "inCluster", startOrdinal: "0", replicas: String(members), externalAddresses: "" };
}

/** `key=value` pairs for the renderer and the planner. */
export function configPairs(step: StepConfig): string[] {
    return Object.entries(step).map(([k, v]) => `${k}=${v}`);
}

/** The planner's shortest safe path from `from` to `to`, both included, as config steps of the example. */
export async function stepsBetween(from: StepConfig, to: StepConfig): Promise<StepConfig[]> {
    return planConfigSteps(MIGRATION_EXAMPLE, { config: configPairs(from) }, { config: configPairs(to) });
}

/** VMs → cluster, then back out, each leg generated: the path the test drives, ending where it began. */
export async function roundTrip(members: number): Promise<StepConfig[]> {
    const inward = await stepsBetween(allExternal(members), allInCluster(members));
    const outward = await stepsBetween(allInCluster(members), allExternal(members));
    return [...inward, ...outward.slice(1)];
}

/**
 * One step that breaks the data rule: every member leaves its VM for an empty claim at once
 * (`--from mode=external --to mode=inCluster`).
 */
export function unsafeSwitch(members = 3): { from: StepConfig; to: StepConfig } {
    return { from: allExternal(members), to: allInCluster(members) };
}
