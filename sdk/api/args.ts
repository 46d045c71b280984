import * as pulumi from "@pulumi/pulumi";

/**
 * Where the ensemble's members live.
 *
 * Enums are `as const` objects, not TypeScript `enum`s or unions, so Pulumi's
 * component-provider analyzer can publish them to every language.
 */
export const EnsembleMode = {
    /** Every member is a pod of the component's StatefulSet. */
    InCluster: "inCluster",
    /** Every member is an address outside the cluster; the Services select no pod. */
    External: "external",
    /** Some members are pods, the others external addresses: the state of a migration. */
    Hybrid: "hybrid",
} as const;
/** Where the ensemble's members live: `inCluster`, `external` or `hybrid`. */
export type EnsembleMode = (typeof EnsembleMode)[keyof typeof EnsembleMode];

/** Which members back the client Service in hybrid mode. */
export const ClientTraffic = {
    /** Pods and external members alike. */
    All: "all",
    /** Only the StatefulSet's pods (through the Service's selector). */
    InCluster: "inCluster",
    /** Only the external members (through the component's EndpointSlices). */
    External: "external",
} as const;
/** Which members back the client Service in hybrid mode: `all`, `inCluster` or `external`. */
export type ClientTraffic = (typeof ClientTraffic)[keyof typeof ClientTraffic];

/**
 * How the members agree, which decides what a safe step between two configurations is. The
 * migration planner (`stateful-ensemble plan`, `planMigration`, `planSafePath`) checks its rules.
 */
export const Membership = {
    /**
     * Voters with majority quorums (ZooKeeper, etcd, KRaft controllers): a step adds or removes at
     * most one member, and moves at most one onto empty storage while the others hold a majority.
     */
    Majority: "majority",
    /** Members copy data from each other but do not vote: only the rule on moving members onto empty storage applies. */
    Replicated: "replicated",
    /** Members share nothing: no rule on members; the client Service must still have a member behind it. */
    Independent: "independent",
} as const;
/** How the members agree: `majority`, `replicated` or `independent`. */
export type Membership = (typeof Membership)[keyof typeof Membership];

/** Transport protocol of a port. */
export const PortProtocol = {
    /** TCP: what most servers speak. */
    TCP: "TCP",
    /** UDP. */
    UDP: "UDP",
    /** SCTP. */
    SCTP: "SCTP",
} as const;
/** Transport protocol of a port: `TCP`, `UDP` or `SCTP`. */
export type PortProtocol = (typeof PortProtocol)[keyof typeof PortProtocol];

/** How the StatefulSet creates and deletes pods. */
export const PodManagementPolicy = {
    /** One pod at a time, each Ready before the next: what quorum-based services need. */
    OrderedReady: "OrderedReady",
    /** All pods at once. */
    Parallel: "Parallel",
} as const;
/** How the StatefulSet creates and deletes pods: `OrderedReady` or `Parallel`. */
export type PodManagementPolicy = (typeof PodManagementPolicy)[keyof typeof PodManagementPolicy];

/** What happens to the members' PersistentVolumeClaims when the StatefulSet is deleted or scaled down. */
export const PvcRetention = {
    /** Keep the claim (and its volume): the data survives. */
    Retain: "Retain",
    /** Delete the claim with the pod: the data is lost unless the volume's reclaim policy keeps it. */
    Delete: "Delete",
} as const;
/** What happens to the members' PersistentVolumeClaims: `Retain` or `Delete`. */
export type PvcRetention = (typeof PvcRetention)[keyof typeof PvcRetention];

/** How the component spreads in-cluster members across nodes. */
export const Spread = {
    /** Preferred pod anti-affinity on `kubernetes.io/hostname`: members spread where the cluster has room. */
    Preferred: "preferred",
    /** Required pod anti-affinity: never two members on one node (pods stay Pending otherwise). */
    Required: "required",
    /** No spreading rule. */
    None: "none",
} as const;
/** How in-cluster members are spread across nodes: `preferred`, `required` or `none`. */
export type Spread = (typeof Spread)[keyof typeof Spread];

/** Which prometheus-operator object tells Prometheus to scrape the members. */
export const MonitorKind = {
    /** A PodMonitor: scrapes the StatefulSet's pods directly. External members are not pods, so it does not see them. */
    PodMonitor: "PodMonitor",
    /** A ServiceMonitor on the headless Service: scrapes every member behind it, the external ones through their EndpointSlices. */
    ServiceMonitor: "ServiceMonitor",
} as const;
/** Which prometheus-operator object tells Prometheus to scrape the members: `PodMonitor` or `ServiceMonitor`. */
export type MonitorKind = (typeof MonitorKind)[keyof typeof MonitorKind];

/**
 * A prometheus-operator monitor `<name>` (monitoring.coreos.com/v1) that has Prometheus scrape
 * the members' metrics port. Its CustomResourceDefinition must be installed: the object is
 * rendered only when this block is given.
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.PodMonitor
 */
export interface MonitorArgs {
    /** `PodMonitor` (the pods only) or `ServiceMonitor` (every member behind the headless Service, external ones too). */
    readonly kind: MonitorKind;
    /** The name of the port to scrape, one of `ports` (not a client port: the headless Service carries it). */
    readonly port: string;
    /**
     * The HTTP path of the metrics.
     * @default "/metrics"
     */
    readonly path?: string;
    /**
     * How often Prometheus scrapes, a Prometheus duration such as `30s`.
     * @default - the Prometheus server's scrape interval
     */
    readonly interval?: string;
    /**
     * More labels for the monitor object, e.g. the label a Prometheus' `podMonitorSelector` or
     * `serviceMonitorSelector` picks monitors by.
     * @default {}
     */
    readonly labels?: { [key: string]: string };
}

/** A port of the ensemble's servers. */
export interface EnsemblePortArgs {
    /**
     * The port's name, used on the Services, the EndpointSlices and the container.
     * An IANA service name: at most 15 characters, lowercase letters, digits and '-',
     * at least one letter, no leading, trailing or doubled '-'.
     */
    readonly name: string;
    /** The port clients and peers connect to on the Services. */
    readonly port: number;
    /**
     * The port the servers listen on: the container port of in-cluster members and the
     * port on every external member's address.
     * @default - the same as `port`
     */
    readonly targetPort?: number;
    /**
     * The transport protocol.
     * @default "TCP"
     */
    readonly protocol?: PortProtocol;
    /**
     * Whether the client Service exposes this port. At least one port must be a client port;
     * the headless Service exposes every port.
     * @default false
     */
    readonly client?: boolean;
}

/** An environment variable of the server container. */
export interface EnvVarArgs {
    /** The variable's name. */
    readonly name: string;
    /**
     * The variable's value. A value wrapped in `pulumi.secret` is stored in a Kubernetes
     * Secret that the pod references, never inline in the pod spec.
     */
    readonly value: pulumi.Input<string>;
    /**
     * Store a plain-string value in the Kubernetes Secret too. Values that are not plain strings
     * (a `pulumi.secret`, any Output or Promise) always are: whether an Output is secret is only
     * known once it resolves, and which objects exist must be decided before that.
     * @default false
     * @see https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables
     */
    readonly secret?: boolean;
}

/** Compute resources of the server container. */
export interface ResourcesArgs {
    /**
     * Requests, e.g. `{ cpu: "500m", memory: "1Gi" }`.
     * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
     */
    readonly requests?: { [resource: string]: string };
    /**
     * Limits, e.g. `{ memory: "1Gi" }`.
     * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
     */
    readonly limits?: { [resource: string]: string };
}

/**
 * A container probe. Exactly one of `tcpPort`, `httpGetPath` or `exec` says how to probe.
 * @see https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/
 */
export interface ProbeArgs {
    /** Open a TCP connection to this port (a port name of the ensemble). */
    readonly tcpPort?: string;
    /** Send an HTTP GET to this path, on `httpPort`. */
    readonly httpGetPath?: string;
    /** The port name (of the ensemble's ports) for `httpGetPath`. */
    readonly httpPort?: string;
    /** Run this command in the container; exit code 0 is success. */
    readonly exec?: string[];
    /**
     * Seconds after the container starts before the first probe.
     * @default 10
     */
    readonly initialDelaySeconds?: number;
    /**
     * Seconds between probes.
     * @default 10
     */
    readonly periodSeconds?: number;
    /**
     * Seconds after which a probe times out; less than `periodSeconds`.
     * @default 5
     */
    readonly timeoutSeconds?: number;
    /**
     * Consecutive failures before the probe counts as failed.
     * @default 3
     */
    readonly failureThreshold?: number;
}

/** Persistent storage of each in-cluster member: one PersistentVolumeClaim per pod. */
export interface StorageArgs {
    /**
     * Size of each member's volume, a Kubernetes quantity such as `10Gi`.
     * @see https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/
     */
    readonly size: string;
    /**
     * Where the volume is mounted in the server container.
     * @default "/data"
     */
    readonly mountPath?: string;
    /**
     * The StorageClass of the claims.
     * @default - the cluster's default StorageClass
     */
    readonly storageClassName?: string;
    /**
     * Access modes of the claims.
     * @default ["ReadWriteOnce"]
     */
    readonly accessModes?: string[];
    /**
     * What happens to a member's claim when the StatefulSet is deleted (e.g. by a switch to
     * `external` mode). Keep `Retain` to be able to move back into the cluster onto the same data.
     * @default "Retain"
     * @see https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#persistentvolumeclaim-retention
     */
    readonly whenDeleted?: PvcRetention;
    /**
     * What happens to a member's claim when the StatefulSet scales down past it.
     * @default "Retain"
     */
    readonly whenScaled?: PvcRetention;
}

/**
 * Configuration files for the server: a ConfigMap `<name>-config-<hash>` mounted read-only into
 * the server container. The name carries a hash of the files, so a change creates a new ConfigMap,
 * the pod template points at it and the StatefulSet rolls its pods onto the new files; the old
 * ConfigMap is deleted afterwards. Not for secrets: a ConfigMap is stored and shown in clear text.
 * @see https://kubernetes.io/docs/concepts/configuration/configmap/
 */
export interface ConfigFilesArgs {
    /** The directory the files appear in, an absolute path such as `/conf`. It hides whatever the image has there. */
    readonly mountPath: string;
    /**
     * File name → content. Names are ConfigMap keys: letters, digits, '-', '_' and '.', at most
     * 253 characters. Together at most 1 MiB, the size limit of a ConfigMap. Plain strings: the
     * ConfigMap's name is derived from them when the program runs.
     */
    readonly files: { [fileName: string]: string };
}

/**
 * One more persistent volume per in-cluster member: a further volumeClaimTemplate of the
 * StatefulSet, claims `<volume name>-<name>-<ordinal>`. Kubernetes does not let a StatefulSet's
 * volumeClaimTemplates change, so adding, removing or resizing one later replaces the
 * StatefulSet (its pods restart; retained claims keep their data).
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#volume-claim-templates
 */
export interface VolumeClaimArgs {
    /** The volume's name, a DNS label; not `data`, `tmp` or `config`, which the component uses. */
    readonly name: string;
    /** Where the volume is mounted in the server container, an absolute path. */
    readonly mountPath: string;
    /**
     * Size of each member's volume, a Kubernetes quantity such as `10Gi`.
     * @see https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/
     */
    readonly size: string;
    /**
     * The StorageClass of the claims.
     * @default - the cluster's default StorageClass
     */
    readonly storageClassName?: string;
    /**
     * Access modes of the claims.
     * @default ["ReadWriteOnce"]
     */
    readonly accessModes?: string[];
}

/**
 * A Secret the user manages, mounted read-only into the server container: certificates, keys,
 * a JAAS file. The component never reads or copies it, so nothing of it reaches a ConfigMap, the
 * Pulumi state or an output. A renewed Secret (cert-manager renews in place) reaches the running
 * pods' files within the kubelet's sync period; a server that reads its files only at start needs
 * a restart to see it.
 * @see https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-files-from-a-pod
 */
export interface SecretVolumeArgs {
    /** The volume's name, a DNS label; not `data`, `tmp` or `config`, nor an additional volume's name. */
    readonly name: string;
    /** The Secret's name, in the ensemble's namespace. The pods do not start until it exists. */
    readonly secretName: string;
    /** Where its keys appear as files, an absolute path. Mounted read-only, readable by the pod's group only. */
    readonly mountPath: string;
}

/**
 * What every in-cluster block takes, a ZooKeeperEnsemble's as well as a StatefulEnsemble's: the
 * StatefulSet's size and ordinals, its rollout and disruption budget, where its pods run, and
 * their user, labels and annotations.
 */
export interface InClusterBaseArgs {
    /** How many members run in the cluster; at least 1. */
    readonly replicas: number;
    /**
     * The ordinal of the first pod: pods are `<name>-<startOrdinal>` … `<name>-<startOrdinal + replicas - 1>`.
     * @default 0
     * @see https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#start-ordinal
     */
    readonly startOrdinal?: number;
    /**
     * When the kubelet pulls the image.
     * @default - Kubernetes' default (`IfNotPresent`, or `Always` for `:latest`)
     */
    readonly imagePullPolicy?: string;
    /**
     * Rolling-update partition: only pods with an ordinal ≥ `partition` are updated.
     * @default - no partition: every pod is updated
     * @see https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#partitions
     */
    readonly partition?: number;
    /**
     * Maximum unavailable members for voluntary disruptions (the PodDisruptionBudget).
     * @default 1
     */
    readonly maxUnavailable?: number;
    /**
     * How members are spread across nodes.
     * @default "preferred"
     */
    readonly spread?: Spread;
    /**
     * Numeric user the server runs as. 0 (root) is refused unless the block offers `allowRoot` and it is set.
     * @default 1000
     */
    readonly runAsUser?: number;
    /**
     * Numeric group the server runs as.
     * @default 1000
     */
    readonly runAsGroup?: number;
    /**
     * Group that owns mounted volumes, so the non-root server can write its data.
     * @default 1000
     */
    readonly fsGroup?: number;
    /**
     * Mount the root file system read-only. Writable paths are the data volume and an
     * emptyDir on `/tmp`.
     * @default true
     */
    readonly readOnlyRootFilesystem?: boolean;
    /**
     * Seconds a member gets to shut down cleanly.
     * @default 30
     */
    readonly terminationGracePeriodSeconds?: number;
    /**
     * Node labels the pods must run on.
     * @default {}
     */
    readonly nodeSelector?: { [key: string]: string };
    /**
     * The PriorityClass of the pods.
     * @default - none
     */
    readonly priorityClassName?: string;
    /**
     * Extra labels for the pods (never part of the selector). `stateful-ensemble/no-pods` is reserved.
     * @default {}
     */
    readonly podLabels?: { [key: string]: string };
    /**
     * Extra annotations for the pods.
     * @default {}
     */
    readonly podAnnotations?: { [key: string]: string };
}

/** The in-cluster members: a StatefulSet. */
export interface InClusterArgs extends InClusterBaseArgs {
    /** The server image, e.g. `zookeeper:3.9.3`. */
    readonly image: pulumi.Input<string>;
    /**
     * The container's entrypoint.
     * @default - the image's ENTRYPOINT
     */
    readonly command?: pulumi.Input<string>[];
    /**
     * Arguments to the entrypoint.
     * @default - the image's CMD
     */
    readonly args?: pulumi.Input<string>[];
    /**
     * Environment variables, in addition to `POD_NAME` and `POD_NAMESPACE` from the downward API.
     * @default []
     */
    readonly env?: EnvVarArgs[];
    /**
     * Compute resources of the server container.
     * @default - none set
     */
    readonly resources?: ResourcesArgs;
    /**
     * Readiness probe.
     * @default - a TCP probe on the first client port
     */
    readonly readinessProbe?: ProbeArgs;
    /**
     * Liveness probe.
     * @default - a TCP probe on the first client port, starting after 30 seconds
     */
    readonly livenessProbe?: ProbeArgs;
    /**
     * Persistent storage per member.
     * @default - no volume: members keep no data across restarts
     */
    readonly storage?: StorageArgs;
    /**
     * Configuration files, mounted read-only; the pods roll when they change.
     * @default - none
     */
    readonly configFiles?: ConfigFilesArgs;
    /**
     * More persistent volumes per member, e.g. a separate disk for a write-ahead log. Changing
     * this list later replaces the StatefulSet.
     * @default []
     */
    readonly additionalVolumes?: VolumeClaimArgs[];
    /**
     * Secrets mounted as read-only files, e.g. a TLS certificate. Adding one changes the pod
     * template only: the pods roll, the StatefulSet stays.
     * @default []
     */
    readonly secretVolumes?: SecretVolumeArgs[];
    /**
     * How pods are created and deleted. Changing it replaces the StatefulSet, so choose once.
     * @default "OrderedReady"
     */
    readonly podManagementPolicy?: PodManagementPolicy;
    /**
     * Let the server run as root. This leaves the Pod Security Standards "restricted" profile;
     * set it only for an image that cannot run otherwise.
     * @default false
     */
    readonly allowRoot?: boolean;
    /**
     * Mount the ServiceAccount token into the pods. Only servers that talk to the Kubernetes API need it.
     * @default false
     */
    readonly mountServiceAccountToken?: boolean;
}

/** An external member: a server outside the cluster. */
export interface ExternalMemberArgs {
    /**
     * The server's IP address (IPv4 or IPv6). Not loopback, link-local, multicast or
     * unspecified: Kubernetes rejects those as endpoints. DNS names are not accepted: kube-proxy
     * ignores FQDN endpoints.
     */
    readonly address: string;
    /**
     * The member's ordinal: it resolves as `<name>-<ordinal>.<name>-headless…`.
     * @default - its position in `members`
     */
    readonly ordinal?: number;
}

/** The external members: servers outside the cluster behind the same names. */
export interface ExternalArgs {
    /** The servers, each an IP address with an optional ordinal. */
    readonly members: ExternalMemberArgs[];
    /**
     * Also write core/v1 Endpoints for the Services that pods do not back, for old consumers that
     * read Endpoints. Deprecated in Kubernetes 1.33; labelled `endpointslice.kubernetes.io/skip-mirror`
     * so they are not mirrored into duplicate EndpointSlices. Those Services are then selector-less
     * (the Endpoints controller would overwrite the component's Endpoints of a Service with a
     * selector), and a switch that removes a Service's selector leaves the controllers' Endpoints
     * and EndpointSlices of the pods behind it: `stateful-ensemble plan` flags such a switch.
     * Without it, such Services keep a selector that matches no pod, so no switch removes a selector.
     * @default false
     */
    readonly legacyEndpoints?: boolean;
}

/**
 * Pods allowed to connect: pods matching `podLabels` in namespaces matching `namespaceLabels`,
 * a NetworkPolicy peer. At least one of the two must be set.
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors
 */
export interface NetworkPolicyPeerArgs {
    /**
     * Labels of the pods.
     * @default - every pod of the namespaces `namespaceLabels` selects
     */
    readonly podLabels?: { [key: string]: string };
    /**
     * Labels of the namespaces; `{}` selects every namespace.
     * @default - the ensemble's own namespace
     */
    readonly namespaceLabels?: { [key: string]: string };
}

/**
 * An opt-in NetworkPolicy for the in-cluster members: ingress on every port from the members
 * only, on the client ports from `clients` too; egress to the members and to DNS only. In hybrid
 * mode the external members' addresses count as members.
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
 */
export interface NetworkPolicyArgs {
    /**
     * Who may connect to the client ports besides the members. An empty list closes the client
     * ports to everyone else; it must be given, so that choice is explicit.
     */
    readonly clients: NetworkPolicyPeerArgs[];
    /**
     * The DNS servers the members may query, on port 53 over UDP and TCP.
     * @default - `{ namespaceLabels: { "kubernetes.io/metadata.name": "kube-system" }, podLabels: { "k8s-app": "kube-dns" } }`, the cluster DNS of kubeadm, EKS, GKE and AKS
     */
    readonly dns?: NetworkPolicyPeerArgs;
}

/**
 * What every ensemble component takes besides its members and ports: the namespace, the
 * labels and annotations of every object, the cluster's DNS domain, and the data-loss guard.
 */
export interface EnsembleBaseArgs {
    /**
     * The namespace of every object.
     * @default "default"
     */
    readonly namespace?: string;
    /**
     * The `app.kubernetes.io/component` label.
     * @default "server"
     */
    readonly component?: string;
    /**
     * Extra labels for every object (never part of a selector). `stateful-ensemble/no-pods` is reserved.
     * @default {}
     */
    readonly labels?: { [key: string]: string };
    /**
     * Extra annotations for every object.
     * @default {}
     */
    readonly annotations?: { [key: string]: string };
    /**
     * The cluster's DNS domain, used in the members' host names.
     * @default "cluster.local"
     */
    readonly clusterDomain?: string;
    /**
     * Allow a switch that deletes the StatefulSet while its claims' `whenDeleted` retention is `Delete`.
     * Without it such a configuration is refused, because the members' data would go with it.
     * @default false
     */
    readonly allowDataLoss?: boolean;
}

/** The arguments of a {@link StatefulEnsemble}. */
export interface StatefulEnsembleArgs extends EnsembleBaseArgs {
    /**
     * Where the members live. Both the `inCluster` and the `external` blocks may stay in the
     * program whatever the mode; the mode picks which take effect.
     */
    readonly mode: EnsembleMode;
    /** The servers' ports. At least one must be a client port. */
    readonly ports: EnsemblePortArgs[];
    /**
     * The in-cluster members. Required in `inCluster` and `hybrid` mode.
     * @default - none
     */
    readonly inCluster?: InClusterArgs;
    /**
     * The external members. Required in `external` and `hybrid` mode.
     * @default - none
     */
    readonly external?: ExternalArgs;
    /**
     * Which members back the client Service in hybrid mode. In the other modes every member does.
     * @default "all"
     */
    readonly clientTraffic?: ClientTraffic;
    /**
     * How the members agree. The migration planner reads it from the headless Service's
     * `stateful-ensemble/membership` annotation and checks each step by its rules. `replicated`
     * and `independent` relax them: choose one only for a service whose members do not vote.
     * @default "majority"
     */
    readonly membership?: Membership;
    /**
     * The application's name, the `app.kubernetes.io/name` label (part of the pod selector:
     * never change it once the StatefulSet exists).
     * @default - the component's name
     * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/
     */
    readonly appName?: string;
    /**
     * Restrict the in-cluster members' traffic with a NetworkPolicy `<name>`. Not rendered in
     * external mode, where no pod runs.
     * @default - no NetworkPolicy: traffic is as open as the cluster's other policies leave it
     */
    readonly networkPolicy?: NetworkPolicyArgs;
    /**
     * A PodMonitor or ServiceMonitor for Prometheus. A PodMonitor is not rendered in external
     * mode, where no pod runs.
     * @default - none: no object of prometheus-operator's CustomResourceDefinitions is rendered
     */
    readonly monitor?: MonitorArgs;
}
