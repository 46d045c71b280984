/**
 * Assembles an ensemble's plan from the builders: every object the current mode needs, in
 * apply order. Pure: the same spec always gives the same objects.
 */
import { externalBacking } from "./endpoints";
import { inClusterObjects } from "./in-cluster";
import { networkPolicies } from "./network-policy";
import { PlannedObject, inApplyOrder } from "./plan";
import { envSecrets } from "./secrets";
import { clientService, headlessService } from "./services";
import { EnsembleSpec } from "./spec";

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
        ],
        (o) => o.kind,
    );
}
