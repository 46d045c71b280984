/** Arguments shared by the tests: a three-member ZooKeeper-shaped ensemble. */
import { StatefulEnsembleArgs } from "../../sdk";

export const PORTS: StatefulEnsembleArgs["ports"] = [
    { name: "client", port: 2181, client: true },
    { name: "server", port: 2888 },
    { name: "election", port: 3888 },
];

export const IN_CLUSTER: NonNullable<StatefulEnsembleArgs["inCluster"]> = {
    replicas: 3,
    image: "zookeeper:3.9.3",
    storage: { size: "10Gi" },
};

export const EXTERNAL: NonNullable<StatefulEnsembleArgs["external"]> = {
    members: [{ address: "10.0.0.10" }, { address: "10.0.0.11" }, { address: "10.0.0.12" }],
};

/** A complete argument set for `mode`, with both blocks present as a real program keeps them. */
export function ensembleArgs(mode: StatefulEnsembleArgs["mode"], extra: Partial<StatefulEnsembleArgs> = {}): StatefulEnsembleArgs {
    return { mode, ports: PORTS, inCluster: IN_CLUSTER, external: EXTERNAL, ...extra };
}
