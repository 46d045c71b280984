import * as pulumi from "@pulumi/pulumi";
import {
    ClientTraffic,
    EnsembleBaseArgs,
    EnsembleMode,
    EnvVarArgs,
    ExternalArgs,
    MonitorKind,
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
    /** TLS client connections (`secureClientPort`), when `tls` is set. */
    SecureClient: 2281,
    /** The Prometheus metrics provider's HTTP endpoint (`metricsProvider.httpPort`), when `metrics` is set. */
    Metrics: 7000,
} as const;

/**
 * The steps of ZooKeeper's rolling upgrade from plaintext to TLS without downtime, in order. Each
 * step is one `pulumi up` that rolls the servers one at a time; take the next only when the
 * previous has rolled out everywhere, external servers included.
 * @see https://zookeeper.apache.org/doc/current/zookeeperAdmin.html#Upgrading+existing+nonTLS+cluster
 */
export const ZooKeeperTlsStage = {
    /** Servers accept TLS and plaintext from their peers (`portUnification=true`) and still connect in plaintext; clients get the TLS port beside the plaintext one. */
    PortUnification: "portUnification",
    /** Servers connect to each other over TLS (`sslQuorum=true`) and still accept plaintext from peers not yet there. */
    QuorumTls: "quorumTls",
    /** TLS only: plaintext peers are refused and the plaintext client port listens on the pod's loopback only, for the probes. */
    Strict: "strict",
} as const;
/** A step of the rolling upgrade to TLS: `portUnification`, `quorumTls` or `strict`. */
export type ZooKeeperTlsStage = (typeof ZooKeeperTlsStage)[keyof typeof ZooKeeperTlsStage];

/** Whether the server asks TLS clients for a certificate (`ssl.clientAuth`). */
export const ZooKeeperClientAuth = {
    /** Clients must present a certificate the CA signed. */
    Need: "need",
    /** Clients may present one. */
    Want: "want",
    /** Clients are not asked: they authenticate otherwise (SASL), or not at all. */
    None: "none",
} as const;
/** Whether the server asks TLS clients for a certificate: `need`, `want` or `none`. */
export type ZooKeeperClientAuth = (typeof ZooKeeperClientAuth)[keyof typeof ZooKeeperClientAuth];

/**
 * TLS for clients (a secure client port) and for the quorum (`sslQuorum`), from PEM files: no
 * keystore to build. The certificate must name every server as its peers and clients reach it:
 * each `<name>-<ordinal>.<name>-headless.<namespace>.svc.<domain>` and the client Service's name.
 */
export interface ZooKeeperTlsArgs {
    /**
     * A Secret in the ensemble's namespace with `tls.crt` (the server's certificate), `tls.key`
     * (its PEM private key, unencrypted) and `ca.crt` (the CA that signed every server's and
     * client's certificate): what cert-manager writes for a Certificate.
     * @see https://cert-manager.io/docs/usage/certificate/
     */
    readonly secretName: string;
    /**
     * Where the rolling upgrade to TLS stands. A new ensemble starts at `strict`; an existing
     * plaintext one goes `portUnification`, `quorumTls`, `strict`, one `pulumi up` each.
     * @default "strict"
     */
    readonly stage?: ZooKeeperTlsStage;
    /**
     * Whether TLS clients must present a certificate (`ssl.clientAuth`).
     * @default "need"
     */
    readonly clientAuth?: ZooKeeperClientAuth;
}

/**
 * SASL DIGEST-MD5 authentication for clients and between servers. The user names and passwords
 * live in a JAAS file in a Secret the user manages; nothing of it reaches the ConfigMap, the
 * state or the `zooCfg` output.
 * @see https://cwiki.apache.org/confluence/display/ZOOKEEPER/Client-Server+mutual+authentication
 */
export interface ZooKeeperSaslArgs {
    /**
     * A Secret in the ensemble's namespace whose key `jaas.conf` is the servers' JAAS file: a
     * `Server` section (`user_<name>="<password>"` for every client), and a `QuorumServer` and a
     * `QuorumLearner` section for the servers among themselves.
     */
    readonly secretName: string;
    /**
     * Refuse every client that has not authenticated with SASL (`enforce.auth.enabled`,
     * `enforce.auth.schemes=sasl`). Leave it off until every client authenticates.
     * @default true
     */
    readonly requireClientAuthScheme?: boolean;
    /**
     * Whether servers must authenticate each other (`quorum.auth.learnerRequireSasl`,
     * `quorum.auth.serverRequireSasl`). Turning quorum SASL on in a running ensemble takes two
     * steps: first `false` (servers authenticate but accept peers that do not), then `true`.
     * @default true
     */
    readonly requireQuorumSasl?: boolean;
}

/** The Prometheus metrics provider and, on request, a monitor for prometheus-operator. */
export interface ZooKeeperMetricsArgs {
    /**
     * A `PodMonitor` (the pods only) or a `ServiceMonitor` (every server behind the headless
     * Service, external ones too), monitoring.coreos.com/v1.
     * @default - none: only the metrics endpoint and the headless Service's `metrics` port
     */
    readonly monitor?: MonitorKind;
    /**
     * How often Prometheus scrapes, a Prometheus duration such as `30s`.
     * @default - the Prometheus server's scrape interval
     */
    readonly interval?: string;
    /**
     * More labels for the monitor, e.g. the one a Prometheus' monitor selector picks.
     * @default {}
     */
    readonly monitorLabels?: { [key: string]: string };
}

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
    /**
     * TLS for clients and between servers, from a TLS Secret. Its settings are in the `zooCfg`
     * output too, with the files external servers need.
     * @default - none: plaintext
     */
    readonly tls?: ZooKeeperTlsArgs;
    /**
     * SASL DIGEST-MD5 authentication for clients and between servers, from a JAAS file in a Secret.
     * @default - none
     */
    readonly sasl?: ZooKeeperSaslArgs;
    /**
     * The Prometheus metrics provider on port 7000 (`metrics` on the headless Service), and
     * optionally a PodMonitor or ServiceMonitor.
     * @default - none: no metrics endpoint
     */
    readonly metrics?: ZooKeeperMetricsArgs;
}
