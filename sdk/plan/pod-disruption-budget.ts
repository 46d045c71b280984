/** The PodDisruptionBudget of the in-cluster members. */
import { selectorLabels } from "../model/names";
import { EnsembleSpec } from "../model/spec";
import { PlannedObject, objectMeta, planned } from "./objects";

/** The PodDisruptionBudget: voluntary disruptions (drains) take at most `maxUnavailable` members at once. */
export function podDisruptionBudget(spec: EnsembleSpec): PlannedObject {
    const c = spec.inCluster!;
    return planned("PodDisruptionBudget", spec.names.podDisruptionBudget, {
        metadata: objectMeta(spec, spec.names.podDisruptionBudget),
        spec: {
            maxUnavailable: c.maxUnavailable,
            selector: { matchLabels: selectorLabels(spec.appName, spec.name) },
        },
    });
}
