/**
 * The validated, defaulted form of StatefulEnsembleArgs that the builders work from.
 * Every decision about WHICH objects exist is made from these plain values.
 */
import * as pulumi from "@pulumi/pulumi";
import { EnsembleNames } from "./names";
import {
    ClientTraffic,
    EnsembleMode,
    EnvVarArgs,
    Membership,
    MonitorKind,
    PodManagementPolicy,
    PortProtocol,
    PvcRetention,
    ResourcesArgs,
    Spread,
} from "../api/args";

/** The address family of an external member, and of the EndpointSlice that carries it. */
export type AddressFamily = "IPv4" | "IPv6";

export interface PortSpec {
    readonly name: string;
    readonly port: number;
    readonly targetPort: number;
    readonly protocol: PortProtocol;
    readonly client: boolean;
}

export interface ProbeSpec {
    readonly tcpPort?: number;
    readonly httpGet?: { readonly path: string; readonly port: number };
    readonly exec?: string[];
    readonly initialDelaySeconds: number;
    readonly periodSeconds: number;
    readonly timeoutSeconds: number;
    readonly failureThreshold: number;
}

export interface StorageSpec {
    readonly size: string;
    readonly mountPath: string;
    readonly storageClassName?: string;
    readonly accessModes: string[];
    readonly whenDeleted: PvcRetention;
    readonly whenScaled: PvcRetention;
}

export interface ConfigFilesSpec {
    readonly mountPath: string;
    /** File name → content, in the order given. */
    readonly files: Record<string, string>;
}

export interface VolumeClaimSpec {
    readonly name: string;
    readonly mountPath: string;
    readonly size: string;
    readonly storageClassName?: string;
    readonly accessModes: string[];
}

export interface SecretVolumeSpec {
    readonly name: string;
    readonly secretName: string;
    readonly mountPath: string;
}

export interface InClusterSpec {
    readonly replicas: number;
    readonly startOrdinal: number;
    readonly image: pulumi.Input<string>;
    readonly imagePullPolicy?: string;
    readonly command?: pulumi.Input<string>[];
    readonly args?: pulumi.Input<string>[];
    readonly env: EnvVarArgs[];
    readonly resources?: ResourcesArgs;
    readonly readinessProbe: ProbeSpec;
    readonly livenessProbe: ProbeSpec;
    readonly storage?: StorageSpec;
    readonly configFiles?: ConfigFilesSpec;
    readonly additionalVolumes: VolumeClaimSpec[];
    readonly secretVolumes: SecretVolumeSpec[];
    readonly podManagementPolicy: PodManagementPolicy;
    readonly partition?: number;
    readonly maxUnavailable: number;
    readonly spread: Spread;
    readonly runAsUser: number;
    readonly runAsGroup: number;
    readonly fsGroup: number;
    readonly allowRoot: boolean;
    readonly readOnlyRootFilesystem: boolean;
    readonly mountServiceAccountToken: boolean;
    readonly terminationGracePeriodSeconds: number;
    readonly nodeSelector?: Record<string, string>;
    readonly priorityClassName?: string;
    readonly podLabels: Record<string, string>;
    readonly podAnnotations: Record<string, string>;
}

export interface ExternalMemberSpec {
    readonly ordinal: number;
    /** The address in canonical form. */
    readonly address: string;
    readonly family: AddressFamily;
}

export interface ExternalSpec {
    /** Sorted by ordinal. */
    readonly members: ExternalMemberSpec[];
    readonly legacyEndpoints: boolean;
}

/** One member of the ensemble as the current mode places it. */
export interface MemberSpec {
    readonly ordinal: number;
    readonly placement: "inCluster" | "external";
    /** For external members. */
    readonly address?: string;
}

/** Which mechanism backs each Service in the current mode. */
export interface Backing {
    /** The client Service selects the StatefulSet's pods. */
    readonly clientSelectsPods: boolean;
    /** The client Service has the component's EndpointSlices of external members. */
    readonly clientHasExternal: boolean;
    /** The headless Service selects the StatefulSet's pods. */
    readonly headlessSelectsPods: boolean;
    /** The headless Service has the component's EndpointSlices of external members. */
    readonly headlessHasExternal: boolean;
}

/** Pods a NetworkPolicy rule admits: at least one of the two is set. */
export interface PeerSpec {
    readonly podLabels?: Record<string, string>;
    readonly namespaceLabels?: Record<string, string>;
}

export interface NetworkPolicySpec {
    /** Who may connect to the client ports besides the members. */
    readonly clients: PeerSpec[];
    /** The DNS servers the members may query. */
    readonly dns: PeerSpec;
}

export interface MonitorSpec {
    readonly kind: MonitorKind;
    /** The scraped port's name. */
    readonly port: string;
    readonly path: string;
    readonly interval?: string;
    readonly labels: Record<string, string>;
}

/**
 * An ensemble's arguments, validated and defaulted: what {@link validateEnsemble} returns and
 * {@link planEnsemble} turns into Kubernetes objects.
 */
export interface EnsembleSpec {
    /** The component's name, from which every Kubernetes name derives. */
    readonly name: string;
    /** The namespace of every object. */
    readonly namespace: string;
    /** Where the members live. */
    readonly mode: EnsembleMode;
    /** Which members back the client Service in hybrid mode (default `all`). */
    readonly clientTraffic: ClientTraffic;
    /** How the members agree (default `majority`): carried to the planner on the headless Service. */
    readonly membership: Membership;
    /** The ports, in declaration order, with `targetPort` and `protocol` filled in. */
    readonly ports: PortSpec[];
    /** The `app.kubernetes.io/name` label. */
    readonly appName: string;
    /** The `app.kubernetes.io/component` label. */
    readonly component: string;
    /** Extra labels for every object. */
    readonly labels: Record<string, string>;
    /** Extra annotations for every object. */
    readonly annotations: Record<string, string>;
    /** The cluster's DNS domain. */
    readonly clusterDomain: string;
    /** The Kubernetes names of every object the ensemble may own. */
    readonly names: EnsembleNames;
    /** Present unless the mode is `external`. */
    readonly inCluster?: InClusterSpec;
    /** Present unless the mode is `inCluster`. */
    readonly external?: ExternalSpec;
    /** Every member the mode places, sorted by ordinal. */
    readonly members: MemberSpec[];
    /** Which mechanism (selector, EndpointSlices) backs each Service in this mode. */
    readonly backing: Backing;
    /** The opt-in NetworkPolicy, as validated; rendered only when members run in the cluster. */
    readonly networkPolicy?: NetworkPolicySpec;
    /** The opt-in prometheus-operator monitor, as validated. */
    readonly monitor?: MonitorSpec;
}

/** The client ports, in declaration order. Validation guarantees at least one. */
export function clientPorts(spec: Pick<EnsembleSpec, "ports">): PortSpec[] {
    return spec.ports.filter((p) => p.client);
}
