// A ZooKeeper ensemble whose servers move from VMs into the cluster, one stack config per step
// (Pulumi.step<N>-*.yaml). Clients use zk.<namespace>.svc throughout; peers use the member names.
import * as pulumi from "@pulumi/pulumi";
import { ClientTraffic, EnsembleMode, ZooKeeperEnsemble } from "stateful-ensemble";

const config = new pulumi.Config();
const vms = (config.get("externalAddresses") ?? "")
    .split(",")
    .map((a) => a.trim())
    .filter((a) => a !== "");

const zk = new ZooKeeperEnsemble("zk", {
    mode: config.require("mode") as EnsembleMode,
    clientTraffic: (config.get("clientTraffic") ?? "all") as ClientTraffic,
    inCluster: {
        replicas: config.requireNumber("replicas"),
        startOrdinal: config.getNumber("startOrdinal") ?? 0,
    },
    // VM servers take ordinals 0, 1, 2, … in the order listed: server ids 1, 2, 3, …
    external: vms.length > 0 ? { members: vms.map((address) => ({ address })) } : undefined,
});

export const clientEndpoint = zk.clientEndpoint;
export const connectionString = zk.connectionString;
export const mode = zk.mode;
// Every VM server runs this zoo.cfg (its own dataDir, myid = ordinal + 1): `pulumi stack output zooCfg`.
export const zooCfg = zk.zooCfg;
