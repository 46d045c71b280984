/**
 * Plans a migration of a Pulumi program: renders it under two configurations, offline, and
 * diffs the renders. What `stateful-ensemble plan` runs, as a function.
 */
import { RenderResult, redactedOutputs, renderProgram } from "../render/engine";
import { ProjectError } from "../render/project";
import { MigrationPlan, diffRenders } from "./diff";
import { formatPlan } from "./format";

/** The exit code of `stateful-ensemble plan` when the switch is unsafe (1 is an error, 2 a usage mistake). */
export const UNSAFE_PLAN_EXIT_CODE = 3;

/** One side of a migration: a stack's config file and/or `key=value` config pairs. */
export interface MigrationSide {
    /** Read `Pulumi.<stack>.yaml`. */
    readonly stack?: string;
    /** `key=value` pairs, applied after the stack's file; keys without a namespace belong to the project. */
    readonly config?: readonly string[];
}

/** The two configurations a migration plan compares. */
export interface MigrationOptions {
    /** The configuration the stack runs now. */
    readonly from: MigrationSide;
    /** The configuration to move to. */
    readonly to: MigrationSide;
}

/** A migration plan together with the two renders it was made from. */
export interface ProgramMigration {
    /** What the switch does, object by object. */
    readonly plan: MigrationPlan;
    /** The program rendered with the `from` configuration. */
    readonly before: RenderResult;
    /** The program rendered with the `to` configuration. */
    readonly after: RenderResult;
    /** The report `stateful-ensemble plan` prints. */
    readonly report: string;
}

/** `stack step1 + mode=hybrid, replicas=3`, or `project defaults`. */
export function describeSide(side: MigrationSide): string {
    const parts = [...(side.stack ? [`stack ${side.stack}`] : []), ...(side.config ?? [])];
    return parts.length > 0 ? parts.join(" + ") : "project defaults";
}

/**
 * Renders the program in `dir` with the `from` and then the `to` configuration and plans the
 * change between them. Rejects like {@link renderProgram} when either configuration is refused.
 */
export async function planMigration(dir: string, options: MigrationOptions): Promise<ProgramMigration> {
    const before = await renderSide(dir, "from", options.from);
    const after = await renderSide(dir, "to", options.to);
    const plan = diffRenders(before.resources, after.resources, { before: before.outputs, after: after.outputs });
    const title = `Plan for ${dir}: ${describeSide(options.from)} → ${describeSide(options.to)}`;
    return { plan, before, after, report: formatPlan(plan, title, redactedOutputs(after)) };
}

/** Renders one side; a refusal names the side it comes from. */
async function renderSide(dir: string, label: string, side: MigrationSide): Promise<RenderResult> {
    try {
        return await renderProgram(dir, { stack: side.stack, config: side.config });
    } catch (err) {
        throw sideRefused(label, side, err);
    }
}

/** The error for a side whose configuration the program refuses: it names the side. */
export function sideRefused(label: string, side: MigrationSide, err: unknown): ProjectError {
    return new ProjectError(
        `the ${label} configuration (${describeSide(side)}) is refused: ${err instanceof Error ? err.message : String(err)}`,
    );
}
