/** The ServiceAccount of the in-cluster members' pods. */
import { EnsembleSpec } from "../model/spec";
import { PlannedObject, objectMeta, planned } from "./objects";

/** The ServiceAccount of the pods. Its token is not mounted unless asked for. */
export function serviceAccount(spec: EnsembleSpec): PlannedObject {
    return planned("ServiceAccount", spec.names.serviceAccount, {
        metadata: objectMeta(spec, spec.names.serviceAccount),
        automountServiceAccountToken: spec.inCluster?.mountServiceAccountToken === true,
    });
}
