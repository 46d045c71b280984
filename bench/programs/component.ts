/**
 * The benchmark's component program: the root demo's ZooKeeper-shaped StatefulEnsemble, resized.
 * A function, so the benchmark can load it before the clock starts (bench/projects/component
 * is the Pulumi project that runs it).
 */
import * as pulumi from "@pulumi/pulumi";
import { EnsembleMode, StatefulEnsemble, StatefulEnsembleArgs } from "stateful-ensemble";
import { BenchMode, blockSizes, fleetAddresses, parseCase } from "../fleet";

export function benchArgs(mode: BenchMode, size: number): StatefulEnsembleArgs {
    const { replicas, externalMembers } = blockSizes(mode, size);
    return {
        mode: mode === "inCluster" ? EnsembleMode.InCluster : EnsembleMode.External,
        appName: "zookeeper",
        ports: [
            { name: "client", port: 2181, client: true },
            { name: "server", port: 2888 },
            { name: "election", port: 3888 },
        ],
        inCluster: {
            replicas,
            image: "zookeeper:3.9.3",
            storage: { size: "10Gi" },
            resources: { requests: { cpu: "250m", memory: "1Gi" }, limits: { memory: "1Gi" } },
        },
        external: { members: fleetAddresses(externalMembers).map((address) => ({ address })) },
    };
}

export function componentProgram() {
    const config = new pulumi.Config();
    const { mode, size } = parseCase(config.get("mode"), config.getNumber("size"));
    const zk = new StatefulEnsemble("zk", benchArgs(mode, size));
    return { clientEndpoint: zk.clientEndpoint, connectionString: zk.connectionString, memberHosts: zk.memberHosts };
}
