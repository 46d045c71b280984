/**
 * Mocha root hooks of the e2e suite: one control plane for the whole run, serving
 * prometheus-operator's monitor definitions; the provider plugin installed into a fresh
 * PULUMI_HOME; the control plane's logs after every failed test; and every started process
 * stopped by its PID at the end, even when the run is interrupted.
 */
import { Context } from "mocha";
import * as path from "node:path";
import { Cluster, clusterLogs, startCluster, stopCluster, toolsBin } from "./harness/cluster";
import { e2e, setE2E } from "./harness/context";
import { ClusterDns } from "./harness/dns";
import { Kube } from "./harness/kube";
import { PulumiEnvironment } from "./harness/pulumi";

let cluster: Cluster | undefined;

function shutdown(): void {
    if (!cluster) return;
    const stopping = cluster;
    cluster = undefined;
    stopCluster(stopping);
}

process.on("exit", shutdown);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
        shutdown();
        process.exit(130);
    });
}

export const mochaHooks = {
    async beforeAll(this: Context): Promise<void> {
        this.timeout(600_000);
        cluster = startCluster();
        const pulumi = new PulumiEnvironment(cluster.kubeconfig);
        await pulumi.installProvider();
        const kube = new Kube(cluster.kubeconfig);
        await kube.restrictedNamespace("default");
        // Claims bind to these as they would to a provisioner's volumes; released volumes are
        // not reused (Retain), so the pool covers every claim the suite ever makes.
        await kube.addVolumes("e2e-volume", 48, "50Gi");
        // PodMonitor and ServiceMonitor, as on a cluster with prometheus-operator installed.
        await kube.createDefinitions(path.join(toolsBin(), "prometheus-operator-crds.yaml"));
        setE2E({ cluster, pulumi, kube, dns: new ClusterDns(cluster.dnsPort) });
    },
    afterEach(this: Context): void {
        if (this.currentTest?.state === "failed" && cluster) {
            process.stderr.write(`\ncontrol-plane logs (${e2e().cluster.dir}/logs):\n${clusterLogs(cluster)}\n`);
        }
    },
    afterAll(): void {
        setE2E(undefined);
        shutdown();
    },
};
