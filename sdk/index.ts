// Type-only names are exported as types, so a transpiler that reads one file at a time
// (ts-node --transpile-only, sucrase, esbuild) does not emit run-time exports for them.
export { StatefulEnsemble } from "./component/ensemble";
export { plannedEndpoints } from "./component/endpoints";
export type { EnsembleEndpoints } from "./component/endpoints";
export * from "./api/args";
export { EnsembleArgsError } from "./validate/problems";
export { validateEnsemble } from "./validate";
export { planEnsemble } from "./plan";
export { APPLY_ORDER } from "./plan/objects";
export type { PlannedObject, PlannedKind } from "./plan/objects";
export type { EnsembleSpec } from "./model/spec";
export { planMigration, UNSAFE_PLAN_EXIT_CODE } from "./tools/migrate/program";
export type { MigrationOptions, MigrationSide, ProgramMigration } from "./tools/migrate/program";
export { diffRenders, Action as PlanAction } from "./tools/migrate/diff";
export type { MigrationPlan, ObjectPlan } from "./tools/migrate/diff";
export { formatPlan } from "./tools/migrate/format";
export { planSafePath } from "./tools/migrate/arguments";
export type { PlacementArgs, PlacementInClusterArgs, PlacementExternalArgs, PlacementMemberArgs } from "./tools/migrate/arguments";
export { planConfigSteps } from "./tools/migrate/config-steps";
export type { ConfigStep } from "./tools/migrate/config-steps";
export { SafePathError, MAX_PATH_MEMBERS } from "./tools/migrate/path";
export type { EnsembleStepCheck } from "./tools/migrate/path";
export { StepRule } from "./tools/migrate/steps";
export type { StepViolation } from "./tools/migrate/steps";
export { renderProgram } from "./tools/render/engine";
export type { RenderOptions, RenderResult, RenderedResource, KubernetesObject } from "./tools/render/engine";
export { ZooKeeperEnsemble } from "./presets/zookeeper";
export * from "./presets/zookeeper/args";
