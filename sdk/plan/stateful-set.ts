/**
 * The in-cluster members: a StatefulSet, its ServiceAccount and its PodDisruptionBudget.
 * Fields that force a StatefulSet replacement (selector, serviceName, volumeClaimTemplates,
 * podManagementPolicy) depend only on the ensemble's name and in-cluster block, never on the
 * mode, so moving between inCluster and hybrid updates the StatefulSet in place.
 */
import { configMapObjects, configMounts, configVolumes } from "./config-map";
import { TMP_VOLUME, TMP_VOLUME_MOUNT, selectorLabels } from "../model/names";
import { PlannedObject, objectMeta } from "./objects";
import { envVar } from "./secret";
import { EnsembleSpec, InClusterSpec, ProbeSpec } from "../model/spec";

/** The ServiceAccount of the pods. Its token is not mounted unless asked for. */
export function serviceAccount(spec: EnsembleSpec): PlannedObject {
    return {
        kind: "ServiceAccount",
        apiVersion: "v1",
        resourceName: spec.names.serviceAccount,
        body: {
            metadata: objectMeta(spec, spec.names.serviceAccount),
            automountServiceAccountToken: spec.inCluster?.mountServiceAccountToken === true,
        },
    };
}

/** A volumeClaimTemplate: each member gets its own claim `<volume>-<name>-<ordinal>`. */
function claimTemplate(name: string, v: { size: string; storageClassName?: string; accessModes: string[] }) {
    return {
        metadata: { name },
        spec: {
            accessModes: v.accessModes,
            ...(v.storageClassName ? { storageClassName: v.storageClassName } : {}),
            resources: { requests: { storage: v.size } },
        },
    };
}

function probe(p: ProbeSpec) {
    const handler = p.exec
        ? { exec: { command: p.exec } }
        : p.httpGet
          ? { httpGet: { path: p.httpGet.path, port: p.httpGet.port } }
          : { tcpSocket: { port: p.tcpPort } };
    return {
        ...handler,
        initialDelaySeconds: p.initialDelaySeconds,
        periodSeconds: p.periodSeconds,
        timeoutSeconds: p.timeoutSeconds,
        failureThreshold: p.failureThreshold,
    };
}

/** Preferred or required anti-affinity on the node's hostname, so one node's loss costs one member. */
function affinity(spec: EnsembleSpec, c: InClusterSpec) {
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
function securityContexts(c: InClusterSpec) {
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

function container(spec: EnsembleSpec, c: InClusterSpec) {
    const downward = (fieldPath: string) => ({ valueFrom: { fieldRef: { apiVersion: "v1", fieldPath } } });
    const mounts = [
        ...(c.storage ? [{ name: spec.names.dataVolume, mountPath: c.storage.mountPath }] : []),
        ...(c.readOnlyRootFilesystem ? [{ name: TMP_VOLUME, mountPath: TMP_VOLUME_MOUNT }] : []),
        ...configMounts(spec),
        ...c.additionalVolumes.map((v) => ({ name: v.name, mountPath: v.mountPath })),
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

/** The StatefulSet `<name>`: members `<name>-<startOrdinal>` … named through the headless Service. */
export function statefulSet(spec: EnsembleSpec): PlannedObject {
    const c = spec.inCluster!;
    const selector = selectorLabels(spec.appName, spec.name);
    // A partitioned rollout leaves currentRevision behind updateRevision on purpose; the
    // provider's await logic waits for the two to meet, so `pulumi up` would hang until timeout.
    const meta = objectMeta(spec, spec.names.statefulSet);
    const metadata = c.partition ? { ...meta, annotations: { ...meta.annotations, "pulumi.com/skipAwait": "true" } } : meta;
    const podAnnotations = { ...spec.annotations, ...c.podAnnotations };
    const volumes = [...(c.readOnlyRootFilesystem ? [{ name: TMP_VOLUME, emptyDir: {} }] : []), ...configVolumes(spec)];
    const claimTemplates = [
        ...(c.storage ? [claimTemplate(spec.names.dataVolume, c.storage)] : []),
        ...c.additionalVolumes.map((v) => claimTemplate(v.name, v)),
    ];
    return {
        kind: "StatefulSet",
        apiVersion: "apps/v1",
        resourceName: spec.names.statefulSet,
        body: {
            metadata,
            spec: {
                serviceName: spec.names.headless,
                replicas: c.replicas,
                // `.spec.ordinals` is omitted at 0 so clusters before 1.26 accept the object unchanged.
                ...(c.startOrdinal > 0 ? { ordinals: { start: c.startOrdinal } } : {}),
                selector: { matchLabels: selector },
                podManagementPolicy: c.podManagementPolicy,
                updateStrategy: {
                    type: "RollingUpdate",
                    ...(c.partition !== undefined ? { rollingUpdate: { partition: c.partition } } : {}),
                },
                ...(c.storage
                    ? {
                          persistentVolumeClaimRetentionPolicy: {
                              whenDeleted: c.storage.whenDeleted,
                              whenScaled: c.storage.whenScaled,
                          },
                      }
                    : {}),
                template: {
                    metadata: {
                        labels: { ...objectMeta(spec, spec.names.statefulSet).labels, ...c.podLabels, ...selector },
                        ...(Object.keys(podAnnotations).length ? { annotations: podAnnotations } : {}),
                    },
                    spec: {
                        serviceAccountName: spec.names.serviceAccount,
                        automountServiceAccountToken: c.mountServiceAccountToken,
                        securityContext: securityContexts(c).pod,
                        terminationGracePeriodSeconds: c.terminationGracePeriodSeconds,
                        ...(c.nodeSelector ? { nodeSelector: c.nodeSelector } : {}),
                        ...(c.priorityClassName ? { priorityClassName: c.priorityClassName } : {}),
                        ...affinity(spec, c),
                        containers: [container(spec, c)],
                        ...(volumes.length ? { volumes } : {}),
                    },
                },
                ...(claimTemplates.length ? { volumeClaimTemplates: claimTemplates } : {}),
            },
        },
    };
}

/** The PodDisruptionBudget: voluntary disruptions (drains) take at most `maxUnavailable` members at once. */
export function podDisruptionBudget(spec: EnsembleSpec): PlannedObject {
    const c = spec.inCluster!;
    return {
        kind: "PodDisruptionBudget",
        apiVersion: "policy/v1",
        resourceName: spec.names.podDisruptionBudget,
        body: {
            metadata: objectMeta(spec, spec.names.podDisruptionBudget),
            spec: {
                maxUnavailable: c.maxUnavailable,
                selector: { matchLabels: selectorLabels(spec.appName, spec.name) },
            },
        },
    };
}

/** Every in-cluster object, or none in external mode. */
export function inClusterObjects(spec: EnsembleSpec): PlannedObject[] {
    if (!spec.inCluster) return [];
    return [serviceAccount(spec), ...configMapObjects(spec), statefulSet(spec), podDisruptionBudget(spec)];
}
