// The root demo program: a three-server ZooKeeper ensemble whose stack config picks where the
// servers live. `npm start -- --config mode=external` renders it offline.
import * as pulumi from "@pulumi/pulumi";
import { ClientTraffic, EnsembleMode, ZooKeeperEnsemble } from "stateful-ensemble";

const config = new pulumi.Config();
const externalAddresses = (config.get("externalAddresses") ?? "10.0.0.10,10.0.0.11,10.0.0.12")
    .split(",")
    .map((a) => a.trim())
    .filter((a) => a !== "");

const zk = new ZooKeeperEnsemble("zk", {
    mode: (config.get("mode") ?? "inCluster") as EnsembleMode,
    namespace: config.get("namespace") ?? "default",
    clientTraffic: (config.get("clientTraffic") ?? "all") as ClientTraffic,
    inCluster: {
        replicas: config.getNumber("replicas") ?? 3,
        startOrdinal: config.getNumber("startOrdinal") ?? 0,
        storage: { size: "10Gi" },
        resources: { requests: { cpu: "250m", memory: "1Gi" }, limits: { memory: "1Gi" } },
    },
    external: {
        members: externalAddresses.map((address) => ({ address })),
    },
});

export const clientEndpoint = zk.clientEndpoint;
export const connectionString = zk.connectionString;
export const memberHosts = zk.memberHosts;
export const mode = zk.mode;
export const zooCfg = zk.zooCfg;
