import * as pulumi from "@pulumi/pulumi";
import {
    ClientTraffic,
    EnsembleBaseArgs,
    EnsembleMode,
    EnvVarArgs,
    ExternalArgs,
    InClusterBaseArgs,
    NetworkPolicyArgs,
    PodManagementPolicy,
    ResourcesArgs,
    StorageArgs,
} from "../../api/args";

/** The official ZooKeeper image the in-cluster members run unless told otherwise: a pinned release. */
export const ZOOKEEPER_IMAGE = "zookeeper:3.9.3";

/** The ports every ZooKeeper member listens on, in the cluster and outside it. */
export const ZooKeeperPorts = {
    /** Client connections (`clientPort`), the port of the client Service and of the connection string. */
    Client: 2181,
    /** Followers' connections to the leader (the first port of a `server.N` line). */
    Server: 2888,
    /** Leader election (the second port of a `server.N` line). */
    Election: 3888,
    /** The AdminServer's HTTP commands (`admin.serverPort`). */
    Admin: 8080,
} as const;

/** A separate disk for ZooKeeper's transaction log (`dataLogDir`): its writes are synchronous, so a dedicated disk keeps snapshots from slowing them. */
export interface TransactionLogStorageArgs {
    /**
     * Size of each member's transaction-log volume, a Kubernetes quantity such as `10Gi`.
     * @see https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/
     */
    readonly size: string;
    /**
     * Where the volume is mounted; becomes `dataLogDir`.
     * @default "/datalog"
     */
    readonly mountPath?: string;
    /**
     * The StorageClass of the claims (a low-latency class is the point of a separate log disk).
     * @default - the cluster's default StorageClass
     */
    readonly storageClassName?: string;
    /**
     * Access modes of the claims.
     * @default ["ReadWriteOnce"]
     */
    readonly accessModes?: string[];
}

/** The in-cluster ZooKeeper servers: a StatefulSet whose pods run the generated `zoo.cfg`. */
export interface ZooKeeperInClusterArgs extends InClusterBaseArgs {
    /**
     * The server image. Another image must provide `bash`, `sed` and `zkServer.sh` on its PATH,
     * as the official one does.
     * @default "zookeeper:3.9.3"
     */
    readonly image?: pulumi.Input<string>;
    /**
     * More environment variables for the server, e.g. `SERVER_JVMFLAGS` for garbage-collector
     * options. `ZOOCFGDIR` and `ZK_SERVER_HEAP` are set by the component.
     * @default []
     */
    readonly env?: EnvVarArgs[];
    /**
     * Compute resources of the server container. The JVM heap is derived from the memory limit.
     * @default { requests: { cpu: "250m", memory: "1Gi" }, limits: { memory: "1Gi" } }
     */
    readonly resources?: ResourcesArgs;
    /**
     * The JVM heap in MiB (`-Xmx`). Must leave room below the memory limit for the JVM's own memory.
     * @default - the memory limit minus max(25 %, 128 MiB); ZooKeeper's own default (1000 MiB) without a memory limit
     */
    readonly heapMegabytes?: number;
    /**
     * The data volume (`dataDir`: snapshots, `myid`, and the transaction log unless
     * `transactionLogStorage` is set).
     * @default { size: "10Gi", mountPath: "/data" }
     */
    readonly storage?: StorageArgs;
    /**
     * A separate volume for the transaction log. Adding or removing it later replaces the
     * StatefulSet, so decide before the first deployment.
     * @default - the transaction log lives on the data volume
     */
    readonly transactionLogStorage?: TransactionLogStorageArgs;
    /**
     * How pods are created and deleted. `Parallel` lets a new ensemble start every member at once,
     * which quorum formation needs: with `OrderedReady` the first pod would wait for a quorum that
     * the pods it holds back are needed to form. Rolling updates go one pod at a time either way.
     * Changing it replaces the StatefulSet.
     * @default "Parallel"
     */
    readonly podManagementPolicy?: PodManagementPolicy;
}

/** The arguments of a {@link ZooKeeperEnsemble}. */
export interface ZooKeeperEnsembleArgs extends EnsembleBaseArgs {
    /**
     * Where the servers live. Both the `inCluster` and the `external` blocks may stay in the
     * program whatever the mode; the mode picks which take effect. Every server of the mode is
     * in the generated `zoo.cfg`, so a hybrid ensemble is one quorum.
     */
    readonly mode: EnsembleMode;
    /**
     * The in-cluster servers. Required in `inCluster` and `hybrid` mode.
     * @default - none
     */
    readonly inCluster?: ZooKeeperInClusterArgs;
    /**
     * The external servers, each an IP address with an optional ordinal. Required in `external`
     * and `hybrid` mode, for every server that is not a pod. They must run the `zoo.cfg` of the
     * `zooCfg` output, with `myid` = ordinal + `serverIdOffset`.
     * @default - none
     */
    readonly external?: ExternalArgs;
    /**
     * Which servers back the client Service in hybrid mode. In the other modes every server does.
     * @default "all"
     */
    readonly clientTraffic?: ClientTraffic;
    /**
     * Server ids are ordinal + `serverIdOffset`: the N of `server.N` and the content of `myid`.
     * Every id must lie in ZooKeeper's range, 1 to 255 (254 with `extendedTypesEnabled`).
     * @default 1
     */
    readonly serverIdOffset?: number;
    /**
     * More `zoo.cfg` settings, or other values for the tunable defaults (`tickTime` 2000,
     * `initLimit` 10, `syncLimit` 5, `maxClientCnxns` 60, `autopurge.snapRetainCount` 3,
     * `autopurge.purgeInterval` 24). Settings the component manages (data directories, ports,
     * server lines, the four-letter-word whitelist, reconfiguration) are refused.
     * @default {}
     * @see https://zookeeper.apache.org/doc/current/zookeeperAdmin.html#sc_configuration
     */
    readonly settings?: { [key: string]: string };
    /**
     * Four-letter words to allow besides `ruok` and `srvr`, which the probes use (e.g. `mntr`
     * for a metrics exporter).
     * @default []
     * @see https://zookeeper.apache.org/doc/current/zookeeperAdmin.html#sc_4lw
     */
    readonly fourLetterWords?: string[];
    /**
     * The `app.kubernetes.io/name` label (part of the pod selector: never change it once the
     * StatefulSet exists).
     * @default "zookeeper"
     */
    readonly appName?: string;
    /**
     * An opt-in NetworkPolicy: peer ports (2888, 3888) open only between the servers, the client
     * and admin ports to the members and the listed clients.
     * @default - none
     * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
     */
    readonly networkPolicy?: NetworkPolicyArgs;
}
