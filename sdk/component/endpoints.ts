/** An ensemble's endpoints known before it is created, from its arguments alone. */
import { StatefulEnsembleArgs } from "../api/args";
import { EnsembleEndpoints, ensembleEndpoints } from "../model/outputs";
import { validateEnsemble } from "../validate";

export type { EnsembleEndpoints };

/**
 * The values a `StatefulEnsemble`'s `clientEndpoint`, `memberHosts` and `connectionString`
 * outputs will have, computed from its name and arguments before it exists: for a server flag
 * that lists the peers, such as etcd's `--initial-cluster`, which cannot wait for the component's
 * outputs. Follows the members wherever they live: the in-cluster range
 * `[startOrdinal, startOrdinal + replicas)` and, in external and hybrid mode, the external members.
 * Throws the component's own `EnsembleArgsError` for arguments it would refuse.
 */
export function plannedEndpoints(name: string, args: StatefulEnsembleArgs): EnsembleEndpoints {
    return ensembleEndpoints(validateEnsemble(name, args));
}
