// A ZooKeeper ensemble halfway through its move into the cluster: zk-0 still runs on a VM, zk-1
// and zk-2 are pods. Clients and servers speak TLS only, authenticate with SASL, and Prometheus
// scrapes every server. The Secrets are the user's: cert-manager writes `zk-tls` (see
// docs/zookeeper.md), `zk-jaas` holds the JAAS file. Nothing secret is in this program.
import * as pulumi from "@pulumi/pulumi";
import { ZooKeeperEnsemble, ZooKeeperTlsStage } from "stateful-ensemble";

const config = new pulumi.Config();
// An ensemble that ran in plaintext walks portUnification → quorumTls → strict, one `pulumi up`
// (one rolling restart, the VM's included) each; "plaintext" is where it starts.
const stage = config.get("tlsStage") ?? ZooKeeperTlsStage.Strict;

const zk = new ZooKeeperEnsemble("zk", {
    mode: "hybrid",
    namespace: "data",
    inCluster: { replicas: 2, startOrdinal: 1, storage: { size: "20Gi" } },
    external: { members: [{ address: "10.20.0.10", ordinal: 0 }] },
    tls: stage === "plaintext" ? undefined : { secretName: "zk-tls", stage: stage as ZooKeeperTlsStage },
    sasl: { secretName: "zk-jaas" },
    // A PodMonitor scrapes the pods; the VM is scraped through the headless Service's `metrics`
    // port by a ServiceMonitor instead, if the Prometheus has one.
    metrics: { monitor: "PodMonitor", interval: "30s", monitorLabels: { release: "prometheus" } },
});

export const connectionString = zk.connectionString;
// The VM runs this file, with the files its comments name.
export const zooCfg = zk.zooCfg;
