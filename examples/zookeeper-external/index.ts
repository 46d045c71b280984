// A ZooKeeper ensemble that runs on three servers outside the cluster (VMs), behind the same
// Kubernetes names it would have in the cluster. Clients in the cluster use the connection
// string; the day the servers move in, it does not change.
import * as pulumi from "@pulumi/pulumi";
import { ZooKeeperEnsemble } from "stateful-ensemble";

const addresses = new pulumi.Config().require("addresses").split(",");

const zk = new ZooKeeperEnsemble("zk", {
    mode: "external",
    namespace: "default",
    // Server N is the member with ordinal N - 1: the first address runs with myid 1.
    external: { members: addresses.map((address) => ({ address: address.trim() })) },
});

export const connectionString = zk.connectionString;
// Every server runs this zoo.cfg (with its own dataDir): `pulumi stack output zooCfg`.
export const zooCfg = zk.zooCfg;
