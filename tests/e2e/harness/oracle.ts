/**
 * `pulumi preview` as the oracle of the planner: the operation the real engine and provider
 * would perform on each Kubernetes resource, next to what `stateful-ensemble plan` predicts for
 * the same two configurations.
 */
import { planMigration } from "stateful-ensemble";
import { PreviewStep, urnParts } from "./stack";

/** `create`, `update`, `delete`, `replace` or `unchanged`, keyed by `<type>::<name>`. */
export type Operations = Record<string, string>;

/** The engine's steps, one operation per Kubernetes resource (a replacement's steps count once). */
export function previewOperations(steps: readonly PreviewStep[]): Operations {
    const ops: Operations = {};
    for (const step of steps) {
        const { type, name } = urnParts(step.urn);
        if (!type.startsWith("kubernetes:")) continue;
        const op =
            step.op === "same" ? "unchanged" : ["replace", "create-replacement", "delete-replaced"].includes(step.op) ? "replace" : step.op;
        ops[`${type}::${name}`] = op;
    }
    return sorted(ops);
}

/** What the planner predicts between two sets of `key=value` configuration, on the same keys. */
export async function plannedOperations(
    dir: string,
    from: Readonly<Record<string, string>>,
    to: Readonly<Record<string, string>>,
): Promise<{ operations: Operations; report: string }> {
    const pairs = (values: Readonly<Record<string, string>>) => Object.entries(values).map(([k, v]) => `${k}=${v}`);
    const migration = await planMigration(dir, { from: { config: pairs(from) }, to: { config: pairs(to) } });
    const ops: Operations = {};
    for (const object of migration.plan.objects) {
        const resource = object.after ?? object.before!;
        ops[`${resource.type}::${resource.name}`] = object.action;
        // A resource whose Pulumi identity changes is deleted under its old one.
        if (object.before && object.after && object.before.name !== object.after.name) {
            ops[`${object.before.type}::${object.before.name}`] = "delete";
        }
    }
    return { operations: sorted(ops), report: migration.report };
}

function sorted(ops: Operations): Operations {
    return Object.fromEntries(Object.entries(ops).sort(([a], [b]) => a.localeCompare(b)));
}
