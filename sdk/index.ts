export { StatefulEnsemble } from "./ensemble";
export * from "./types";
export { EnsembleArgsError } from "./problems";
export { validateEnsemble } from "./validate";
export { planEnsemble } from "./build";
export { PlannedObject, PlannedKind, APPLY_ORDER } from "./plan";
export { EnsembleSpec } from "./spec";
export { ZooKeeperEnsemble } from "./presets/zookeeper";
export * from "./presets/zookeeper-types";
