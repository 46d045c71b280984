// A ZooKeeper ensemble in the middle of a migration: member 0 still runs outside the
// cluster, members 1 and 2 run in it. A NetworkPolicy lets only the members talk to each other
// and only pods labelled `zookeeper-client: "true"` in the `apps` namespace reach the client
// port. The password is a Pulumi secret, so it goes into the Secret `zk-env`, never the pod spec.
import * as pulumi from "@pulumi/pulumi";
import { EnsembleMode, ZooKeeperEnsemble } from "stateful-ensemble";

const config = new pulumi.Config();

// ZooKeeperEnsemble runs the official zookeeper:3.9.3 image with its own zoo.cfg and start script,
// which write only to the data volume and /tmp, so the root file system stays read-only.
const zk = new ZooKeeperEnsemble("zk", {
    mode: (config.get("mode") ?? "hybrid") as EnsembleMode,
    namespace: "data",
    appName: "zookeeper",
    inCluster: {
        replicas: 2,
        startOrdinal: 1,
        storage: { size: "10Gi" },
        resources: { requests: { cpu: "250m", memory: "1Gi" }, limits: { memory: "1Gi" } },
        env: [{ name: "ZK_PASSWORD", value: config.requireSecret("zkPassword") }],
    },
    external: {
        members: [{ address: "10.0.0.10", ordinal: 0 }],
    },
    networkPolicy: {
        clients: [{ namespaceLabels: { "kubernetes.io/metadata.name": "apps" }, podLabels: { "zookeeper-client": "true" } }],
    },
});

export const connectionString = zk.connectionString;
