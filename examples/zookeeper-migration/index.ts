// A ZooKeeper ensemble whose servers move between VMs and the cluster, one stack config per step
// (Pulumi.<path>-step<N>.yaml, written by `stateful-ensemble plan --steps`). Clients use
// zk.<namespace>.svc throughout; peers use the member names.
import * as pulumi from "@pulumi/pulumi";
import { ClientTraffic, EnsembleMode, ZooKeeperEnsemble } from "stateful-ensemble";

const config = new pulumi.Config();
// VM servers take the ordinal of their place in the list, 0, 1, 2, … (server ids 1, 2, 3, …);
// an empty place retires its member: ",10.0.0.11,10.0.0.12" leaves members 1 and 2.
const vms = (config.get("externalAddresses") ?? "")
    .split(",")
    .map((address, ordinal) => ({ address: address.trim(), ordinal }))
    .filter((m) => m.address !== "");

const zk = new ZooKeeperEnsemble("zk", {
    mode: config.require("mode") as EnsembleMode,
    clientTraffic: (config.get("clientTraffic") ?? "all") as ClientTraffic,
    inCluster: {
        replicas: config.requireNumber("replicas"),
        startOrdinal: config.getNumber("startOrdinal") ?? 0,
    },
    external: vms.length > 0 ? { members: vms } : undefined,
});

export const clientEndpoint = zk.clientEndpoint;
export const connectionString = zk.connectionString;
export const mode = zk.mode;
// Every VM server runs this zoo.cfg (its own dataDir, myid = ordinal + 1): `pulumi stack output zooCfg`.
export const zooCfg = zk.zooCfg;
