/**
 * Assembles an ensemble's plan from the builders: every object the current mode needs, in
 * apply order. Pure: the same spec always gives the same objects.
 */
import { externalBacking } from "./endpoint-slices";
import { inClusterObjects } from "./stateful-set";
import { networkPolicies } from "./network-policy";
import { PlannedObject, inApplyOrder } from "./objects";
import { envSecrets } from "./secret";
import { clientService, headlessService } from "./services";
import { EnsembleSpec } from "../model/spec";

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
