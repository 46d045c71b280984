/**
 * Assembles an ensemble's plan from the builders: every object the current mode needs, in
 * apply order. Pure: the same spec always gives the same objects.
 */
import { externalBacking } from "./endpoint-slices";
import { configMapObjects } from "./config-map";
import { monitors } from "./monitor";
import { networkPolicies } from "./network-policy";
import { PlannedObject, inApplyOrder } from "./objects";
import { envSecrets } from "./secret";
import { podDisruptionBudget } from "./pod-disruption-budget";
import { serviceAccount } from "./service-account";
import { clientService, headlessService } from "./services";
import { statefulSet } from "./stateful-set";
import { EnsembleSpec } from "../model/spec";

/** Every in-cluster object, or none in external mode. */
export function inClusterObjects(spec: EnsembleSpec): PlannedObject[] {
    if (!spec.inCluster) return [];
    return [serviceAccount(spec), ...configMapObjects(spec), statefulSet(spec), podDisruptionBudget(spec)];
}

/** Every Kubernetes object `spec`'s mode needs, in apply order. */
export function planEnsemble(spec: EnsembleSpec): PlannedObject[] {
    return inApplyOrder(
        [
            ...inClusterObjects(spec),
            clientService(spec),
            headlessService(spec),
            ...externalBacking(spec),
            ...networkPolicies(spec),
            ...envSecrets(spec),
            ...monitors(spec),
        ],
        (o) => o.kind,
    );
}
