// A ZooKeeper ensemble whose members move from VMs into the cluster, one stack config per step
// (Pulumi.step<N>-*.yaml). Clients use zk.<namespace>.svc throughout; peers use the member names.
import * as pulumi from "@pulumi/pulumi";
import { ClientTraffic, EnsembleMode, StatefulEnsemble } from "stateful-ensemble";

const config = new pulumi.Config();
const vms = (config.get("externalAddresses") ?? "")
    .split(",")
    .map((a) => a.trim())
    .filter((a) => a !== "");

const zk = new StatefulEnsemble("zk", {
    mode: config.require("mode") as EnsembleMode,
    clientTraffic: (config.get("clientTraffic") ?? "all") as ClientTraffic,
    appName: "zookeeper",
    ports: [
        { name: "client", port: 2181, client: true },
        { name: "server", port: 2888 },
        { name: "election", port: 3888 },
    ],
    inCluster: {
        replicas: config.requireNumber("replicas"),
        startOrdinal: config.getNumber("startOrdinal") ?? 0,
        image: "zookeeper:3.9.3",
        storage: { size: "10Gi" },
    },
    // VM members take ordinals 0, 1, 2, … in the order listed.
    external: vms.length > 0 ? { members: vms.map((address) => ({ address })) } : undefined,
});

export const clientEndpoint = zk.clientEndpoint;
export const connectionString = zk.connectionString;
export const mode = zk.mode;
