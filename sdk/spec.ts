/**
 * The validated, defaulted form of StatefulEnsembleArgs that the builders work from.
 * Every decision about WHICH objects exist is made from these plain values.
 */
import * as pulumi from "@pulumi/pulumi";
import { AddressFamily } from "./ip";
import { EnsembleNames } from "./names";
import { ClientTraffic, EnsembleMode, EnvVarArgs, PodManagementPolicy, PortProtocol, PvcRetention, ResourcesArgs, Spread } from "./types";

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

export interface EnsembleSpec {
    readonly name: string;
    readonly namespace: string;
    readonly mode: EnsembleMode;
    readonly clientTraffic: ClientTraffic;
    readonly ports: PortSpec[];
    readonly appName: string;
    readonly component: string;
    readonly labels: Record<string, string>;
    readonly annotations: Record<string, string>;
    readonly clusterDomain: string;
    readonly names: EnsembleNames;
    /** Present unless the mode is `external`. */
    readonly inCluster?: InClusterSpec;
    /** Present unless the mode is `inCluster`. */
    readonly external?: ExternalSpec;
    /** Every member the mode places, sorted by ordinal. */
    readonly members: MemberSpec[];
    readonly backing: Backing;
    /** The opt-in NetworkPolicy, as validated; rendered only when members run in the cluster. */
    readonly networkPolicy?: NetworkPolicySpec;
}

/** The client ports, in declaration order. Validation guarantees at least one. */
export function clientPorts(spec: Pick<EnsembleSpec, "ports">): PortSpec[] {
    return spec.ports.filter((p) => p.client);
}
