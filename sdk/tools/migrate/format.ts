/** The planner's report: one line per Kubernetes object, the claims, and a one-line verdict. */
import { Action, MigrationPlan, ObjectPlan } from "./diff";
import { formatChange, formatPath } from "./fields";

const LABELS: Record<Action, string> = {
    create: "create",
    update: "update",
    delete: "delete",
    replace: "REPLACE",
    unchanged: "unchanged",
};
const WIDTH = Math.max(...Object.values(LABELS).map((l) => l.length)) + 2;
const DETAIL = " ".repeat(2 + WIDTH + 2);

function objectLines(p: ObjectPlan): string[] {
    const lines = [`  ${LABELS[p.action].padEnd(WIDTH)}${p.id}`];
    if (p.action === Action.Update || p.action === Action.Replace) {
        for (const forced of p.replacedBecause.filter((f) => f.path.length === 0)) {
            lines.push(`${DETAIL}forces replacement: ${forced.cause}`);
        }
        for (const change of p.changes) {
            const forced = p.replacedBecause.find(
                (f) => f.path.length > 0 && f.path.every((segment, i) => change.path[i] === segment || change.path.length <= i),
            );
            lines.push(
                `${DETAIL}${formatChange(change)}${forced ? `  (forces replacement: ${formatPath(forced.path)} is ${forced.cause})` : ""}`,
            );
        }
    }
    return lines;
}

function plural(n: number, one: string, many = `${one}s`): string {
    return `${n} ${n === 1 ? one : many}`;
}

/** The verdict, the report's last line. */
export function verdict(plan: MigrationPlan): string {
    const count = (a: Action) => plan.objects.filter((p) => p.action === a).length;
    const claims = plan.claimRisks.reduce((n, r) => n + r.count, 0);
    const parts = [
        `${count(Action.Create)} to create`,
        `${count(Action.Update)} to update`,
        `${count(Action.Delete)} to delete`,
        `${count(Action.Replace)} to replace`,
        claims === 0 ? "no claim at risk" : `${plural(claims, "claim")} at risk`,
    ];
    if (plan.hazards.length > 0) parts.push(plural(plan.hazards.length, "hazard"));
    const broken = plan.stepRules.reduce((n, c) => n + c.violations.length, 0);
    if (broken > 0) parts.push(`${plural(broken, "step rule")} broken`);
    return plan.safe ? `Verdict: safe: ${parts.join(", ")}.` : `Verdict: UNSAFE: ${parts.join(", ")}. Do not apply as it is.`;
}

/** One changed output: `name: value` (JSON), a multi-line string as an indented block. */
function outputLines(name: string, value: unknown, present: boolean): string[] {
    // Pulumi records no stack output whose value is undefined.
    if (!present || value === undefined) return [`  ${name}: (removed)`];
    if (typeof value === "string" && value.includes("\n")) {
        return [
            `  ${name}: |`,
            ...value
                .replace(/\n$/, "")
                .split("\n")
                .map((line) => `    ${line}`),
        ];
    }
    return [`  ${name}: ${JSON.stringify(value)}`];
}

/**
 * The whole report; `title` is its first line. `newOutputs` are the stack outputs after the
 * switch, secret ones already redacted: the report shows the new value of each that changes.
 */
export function formatPlan(plan: MigrationPlan, title: string, newOutputs: Record<string, unknown> = {}): string {
    const lines = [title, "", ...plan.objects.flatMap(objectLines)];
    if (plan.claimRisks.length > 0) {
        lines.push("", "Claims at risk:");
        for (const r of plan.claimRisks) lines.push(`  ${r.statefulSet}: ${r.claims.join(", ")}: ${r.reason}`);
    }
    if (plan.claimMounts.length > 0) {
        lines.push("", "Claims mounted (an existing claim of the same name is re-attached with its data):");
        for (const m of plan.claimMounts) lines.push(`  ${m.statefulSet}: ${m.claims.join(", ")}`);
    }
    if (plan.claimsKept.length > 0) {
        lines.push("", "Claims kept (no pod mounts them; switching the members back re-attaches them):");
        for (const k of plan.claimsKept) lines.push(`  ${k.statefulSet}: ${k.claims.join(", ")}`);
    }
    if (plan.hazards.length > 0) {
        lines.push("", "Hazards:");
        for (const h of plan.hazards) lines.push(`  ${h.id} ${h.reason}`);
    }
    for (const check of plan.stepRules) {
        lines.push("", `Step rules broken for ${check.ensemble} (membership ${check.membership}):`);
        for (const v of check.violations) {
            lines.push(`  ${v.rule}: ${v.members.length > 0 ? `${v.members.join(", ")}: ` : ""}${v.reason}`);
        }
        const path =
            check.steps === undefined
                ? ""
                : ` (the shortest safe path takes ${plural(check.steps, "step")}; plan --steps <dir> writes them)`;
        lines.push(`  Next safe step: ${check.next}${path}`);
    }
    if (plan.changedOutputs.length > 0) {
        lines.push("", "Outputs changed, with their new values:");
        for (const name of plan.changedOutputs) lines.push(...outputLines(name, newOutputs[name], name in newOutputs));
    }
    lines.push("", verdict(plan));
    return lines.join("\n") + "\n";
}
