// Three ZooKeeper servers in the cluster. Clients use the connection string; the servers find
// each other as zk-<ordinal>.zk-headless.<namespace>.svc.cluster.local.
import { ZooKeeperEnsemble } from "stateful-ensemble";

const zk = new ZooKeeperEnsemble("zk", {
    mode: "inCluster",
    namespace: "default",
    inCluster: {
        replicas: 3,
        storage: { size: "20Gi" },
        // Synchronous log writes on their own disk; decide before the first `pulumi up`.
        transactionLogStorage: { size: "10Gi" },
        resources: { requests: { cpu: "500m", memory: "2Gi" }, limits: { memory: "2Gi" } },
    },
    // For a metrics exporter; ruok and srvr are always allowed (the probes use them).
    fourLetterWords: ["mntr"],
});

export const connectionString = zk.connectionString;
export const clientEndpoint = zk.clientEndpoint;
export const zooCfg = zk.zooCfg;
