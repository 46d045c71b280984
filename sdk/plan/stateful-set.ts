/**
 * The StatefulSet of the in-cluster members and its pod template.
 * Fields that force a StatefulSet replacement (selector, serviceName, volumeClaimTemplates,
 * podManagementPolicy) depend only on the ensemble's name and in-cluster block, never on the
 * mode, so moving between inCluster and hybrid updates the StatefulSet in place.
 */
import type * as k8s from "@pulumi/kubernetes/types/input";
import { configMounts, configVolumes } from "./config-map";
import { TMP_VOLUME, TMP_VOLUME_MOUNT, selectorLabels } from "../model/names";
import { PlannedObject, objectMeta, planned, skipAwait } from "./objects";
import { envVar } from "./secret";
import { EnsembleSpec, InClusterSpec, ProbeSpec } from "../model/spec";

/** Secret files: read by the server's group, never written, hidden from other users. */
const SECRET_FILE_MODE = 0o440;

/** A volumeClaimTemplate: each member gets its own claim `<volume>-<name>-<ordinal>`. */
function claimTemplate(
    name: string,
    v: { size: string; storageClassName?: string; accessModes: string[] },
): k8s.core.v1.PersistentVolumeClaim {
    return {
        metadata: { name },
        spec: {
            accessModes: v.accessModes,
            ...(v.storageClassName ? { storageClassName: v.storageClassName } : {}),
            resources: { requests: { storage: v.size } },
        },
    };
}

function probe(p: ProbeSpec): k8s.core.v1.Probe {
    const handler = p.exec
        ? { exec: { command: p.exec } }
        : p.httpGet
          ? { httpGet: { path: p.httpGet.path, port: p.httpGet.port } }
          : { tcpSocket: { port: p.tcpPort as number } }; // validation sets exactly one handler;
    return {
        ...handler,
        initialDelaySeconds: p.initialDelaySeconds,
        periodSeconds: p.periodSeconds,
        timeoutSeconds: p.timeoutSeconds,
        failureThreshold: p.failureThreshold,
    };
}

/** Preferred or required anti-affinity on the node's hostname, so one node's loss costs one member. */
function affinity(spec: EnsembleSpec, c: InClusterSpec): { affinity?: k8s.core.v1.Affinity } {
    const term = {
        labelSelector: { matchLabels: selectorLabels(spec.appName, spec.name) },
        topologyKey: "kubernetes.io/hostname",
    };
    switch (c.spread) {
        case "required":
            return { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } } };
        case "preferred":
            return {
                affinity: {
                    podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term }] },
                },
            };
        default:
            return {};
    }
}

/**
 * The restricted Pod Security Standard: non-root, no privilege escalation, every capability
 * dropped, the runtime's default seccomp profile.
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
 */
function securityContexts(c: InClusterSpec): { pod: k8s.core.v1.PodSecurityContext; container: k8s.core.v1.SecurityContext } {
    return {
        pod: {
            runAsNonRoot: !c.allowRoot,
            runAsUser: c.runAsUser,
            runAsGroup: c.runAsGroup,
            fsGroup: c.fsGroup,
            fsGroupChangePolicy: "OnRootMismatch",
            seccompProfile: { type: "RuntimeDefault" },
        },
        container: {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: c.readOnlyRootFilesystem,
            runAsNonRoot: !c.allowRoot,
            capabilities: { drop: ["ALL"] },
            seccompProfile: { type: "RuntimeDefault" },
        },
    };
}

function container(spec: EnsembleSpec, c: InClusterSpec): k8s.core.v1.Container {
    const downward = (fieldPath: string): Pick<k8s.core.v1.EnvVar, "valueFrom"> => ({
        valueFrom: { fieldRef: { apiVersion: "v1", fieldPath } },
    });
    const mounts = [
        ...(c.storage ? [{ name: spec.names.dataVolume, mountPath: c.storage.mountPath }] : []),
        ...(c.readOnlyRootFilesystem ? [{ name: TMP_VOLUME, mountPath: TMP_VOLUME_MOUNT }] : []),
        ...configMounts(spec),
        ...c.additionalVolumes.map((v) => ({ name: v.name, mountPath: v.mountPath })),
        ...c.secretVolumes.map((v) => ({ name: v.name, mountPath: v.mountPath, readOnly: true })),
    ];
    return {
        name: spec.names.container,
        image: c.image,
        ...(c.imagePullPolicy ? { imagePullPolicy: c.imagePullPolicy } : {}),
        ...(c.command ? { command: c.command } : {}),
        ...(c.args ? { args: c.args } : {}),
        env: [
            { name: "POD_NAME", ...downward("metadata.name") },
            { name: "POD_NAMESPACE", ...downward("metadata.namespace") },
            ...c.env.map((e) => envVar(spec, e)),
        ],
        ports: spec.ports.map((p) => ({ name: p.name, containerPort: p.targetPort, protocol: p.protocol })),
        readinessProbe: probe(c.readinessProbe),
        livenessProbe: probe(c.livenessProbe),
        ...(c.resources ? { resources: c.resources } : {}),
        securityContext: securityContexts(c).container,
        ...(mounts.length ? { volumeMounts: mounts } : {}),
    };
}

/** The pod template: labels, the restricted security context, spread, the server container and its volumes. */
function podTemplate(spec: EnsembleSpec, c: InClusterSpec): k8s.core.v1.PodTemplateSpec {
    const podAnnotations = { ...spec.annotations, ...c.podAnnotations };
    const volumes = [
        ...(c.readOnlyRootFilesystem ? [{ name: TMP_VOLUME, emptyDir: {} }] : []),
        ...configVolumes(spec),
        // Readable by the owner (root) and the pod's group (fsGroup, which the server runs in), no one else.
        ...c.secretVolumes.map((v) => ({ name: v.name, secret: { secretName: v.secretName, defaultMode: SECRET_FILE_MODE } })),
    ];
    const podSpec: k8s.core.v1.PodSpec = {
        serviceAccountName: spec.names.serviceAccount,
        automountServiceAccountToken: c.mountServiceAccountToken,
        securityContext: securityContexts(c).pod,
        terminationGracePeriodSeconds: c.terminationGracePeriodSeconds,
        ...(c.nodeSelector ? { nodeSelector: c.nodeSelector } : {}),
        ...(c.priorityClassName ? { priorityClassName: c.priorityClassName } : {}),
        ...affinity(spec, c),
        containers: [container(spec, c)],
        ...(volumes.length ? { volumes } : {}),
    };
    return {
        metadata: {
            labels: { ...objectMeta(spec, spec.names.statefulSet).labels, ...c.podLabels, ...selectorLabels(spec.appName, spec.name) },
            ...(Object.keys(podAnnotations).length ? { annotations: podAnnotations } : {}),
        },
        spec: podSpec,
    };
}

/** The StatefulSet `<name>`: members `<name>-<startOrdinal>` … named through the headless Service. */
export function statefulSet(spec: EnsembleSpec): PlannedObject {
    const c = spec.inCluster!;
    // A partitioned rollout leaves currentRevision behind updateRevision on purpose; the
    // provider's await logic waits for the two to meet, so `pulumi up` would hang until timeout.
    const meta = objectMeta(spec, spec.names.statefulSet);
    const metadata = c.partition ? skipAwait(meta) : meta;
    const claimTemplates = [
        ...(c.storage ? [claimTemplate(spec.names.dataVolume, c.storage)] : []),
        ...c.additionalVolumes.map((v) => claimTemplate(v.name, v)),
    ];
    return planned("StatefulSet", spec.names.statefulSet, {
        metadata,
        spec: {
            serviceName: spec.names.headless,
            replicas: c.replicas,
            // `.spec.ordinals` is omitted at 0 so clusters before 1.26 accept the object unchanged.
            ...(c.startOrdinal > 0 ? { ordinals: { start: c.startOrdinal } } : {}),
            selector: { matchLabels: selectorLabels(spec.appName, spec.name) },
            podManagementPolicy: c.podManagementPolicy,
            updateStrategy: {
                type: "RollingUpdate",
                ...(c.partition !== undefined ? { rollingUpdate: { partition: c.partition } } : {}),
            },
            ...(c.storage
                ? { persistentVolumeClaimRetentionPolicy: { whenDeleted: c.storage.whenDeleted, whenScaled: c.storage.whenScaled } }
                : {}),
            template: podTemplate(spec, c),
            ...(claimTemplates.length ? { volumeClaimTemplates: claimTemplates } : {}),
        },
    });
}
