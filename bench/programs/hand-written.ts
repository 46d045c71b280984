/**
 * The benchmark's baseline: the Kubernetes objects the component program registers, written out
 * by hand with plain @pulumi/kubernetes resources, as a team without the component would.
 * It shares only plain data (mode, size, addresses) with the component, none of its code.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { blockSizes, fleetAddresses, parseCase } from "../fleet";

const namespace = "default";
const selector = { "app.kubernetes.io/name": "zookeeper", "app.kubernetes.io/instance": "zk" };
/** What a Service not backed by pods selects: nothing. */
const noPods = { ...selector, "stateful-ensemble/no-pods": "true" };
const labels = { ...selector, "app.kubernetes.io/component": "server", "app.kubernetes.io/managed-by": "stateful-ensemble" };
/** Every object is the program's own: its next up takes back fields another manager changed. */
const owned = { "pulumi.com/patchForce": "true" };
/** The provider's Service await can record a Service as it was before an update. */
const serviceAnnotations = { ...owned, "pulumi.com/skipAwait": "true" };
const clientPorts = [{ name: "client", port: 2181, targetPort: 2181, protocol: "TCP" }];
const allPorts = [
    ...clientPorts,
    { name: "server", port: 2888, targetPort: 2888, protocol: "TCP" },
    { name: "election", port: 3888, targetPort: 3888, protocol: "TCP" },
];

function statefulSet(replicas: number, dependsOn: pulumi.Resource[]): k8s.apps.v1.StatefulSet {
    const probe = (initialDelaySeconds: number, failureThreshold: number) => ({
        tcpSocket: { port: 2181 },
        initialDelaySeconds,
        periodSeconds: 10,
        timeoutSeconds: 5,
        failureThreshold,
    });
    const fieldRef = (fieldPath: string) => ({ fieldRef: { apiVersion: "v1", fieldPath } });
    return new k8s.apps.v1.StatefulSet(
        "zk",
        {
            metadata: { name: "zk", namespace, labels, annotations: owned },
            spec: {
                serviceName: "zk-headless",
                replicas,
                selector: { matchLabels: selector },
                podManagementPolicy: "OrderedReady",
                updateStrategy: { type: "RollingUpdate" },
                persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
                template: {
                    metadata: { labels },
                    spec: {
                        serviceAccountName: "zk",
                        automountServiceAccountToken: false,
                        securityContext: {
                            runAsNonRoot: true,
                            runAsUser: 1000,
                            runAsGroup: 1000,
                            fsGroup: 1000,
                            fsGroupChangePolicy: "OnRootMismatch",
                            seccompProfile: { type: "RuntimeDefault" },
                        },
                        terminationGracePeriodSeconds: 30,
                        affinity: {
                            podAntiAffinity: {
                                preferredDuringSchedulingIgnoredDuringExecution: [
                                    {
                                        weight: 100,
                                        podAffinityTerm: {
                                            labelSelector: { matchLabels: selector },
                                            topologyKey: "kubernetes.io/hostname",
                                        },
                                    },
                                ],
                            },
                        },
                        containers: [
                            {
                                name: "server",
                                image: "zookeeper:3.9.3",
                                env: [
                                    { name: "POD_NAME", valueFrom: fieldRef("metadata.name") },
                                    { name: "POD_NAMESPACE", valueFrom: fieldRef("metadata.namespace") },
                                ],
                                ports: allPorts.map((p) => ({ name: p.name, containerPort: p.port, protocol: p.protocol })),
                                readinessProbe: probe(10, 3),
                                livenessProbe: probe(30, 6),
                                resources: { requests: { cpu: "250m", memory: "1Gi" }, limits: { memory: "1Gi" } },
                                securityContext: {
                                    allowPrivilegeEscalation: false,
                                    readOnlyRootFilesystem: true,
                                    runAsNonRoot: true,
                                    capabilities: { drop: ["ALL"] },
                                    seccompProfile: { type: "RuntimeDefault" },
                                },
                                volumeMounts: [
                                    { name: "data", mountPath: "/data" },
                                    { name: "tmp", mountPath: "/tmp" },
                                ],
                            },
                        ],
                        volumes: [{ name: "tmp", emptyDir: {} }],
                    },
                },
                volumeClaimTemplates: [
                    {
                        metadata: { name: "data" },
                        spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "10Gi" } } },
                    },
                ],
            },
        },
        { dependsOn },
    );
}

/** EndpointSlices of at most 100 endpoints, as the EndpointSlice controller cuts them. */
function endpointSlices(service: k8s.core.v1.Service, serviceName: string, ports: typeof allPorts, addresses: string[]): void {
    for (let first = 0; first < addresses.length; first += 100) {
        const name = `${serviceName}-ext-ipv4-${first / 100}`;
        new k8s.discovery.v1.EndpointSlice(
            name,
            {
                metadata: {
                    name,
                    namespace,
                    annotations: owned,
                    labels: {
                        ...labels,
                        "kubernetes.io/service-name": serviceName,
                        "endpointslice.kubernetes.io/managed-by": "stateful-ensemble",
                    },
                },
                addressType: "IPv4",
                endpoints: addresses.slice(first, first + 100).map((address, i) => ({
                    addresses: [address],
                    hostname: `zk-${first + i}`,
                    conditions: { ready: true },
                })),
                ports: ports.map((p) => ({ name: p.name, port: p.targetPort, protocol: p.protocol })),
            },
            { dependsOn: [service] },
        );
    }
}

export function handWrittenProgram() {
    const config = new pulumi.Config();
    const { mode, size } = parseCase(config.get("mode"), config.getNumber("size"));
    const { replicas, externalMembers } = blockSizes(mode, size);
    const inCluster = mode === "inCluster";

    const serviceAccount = inCluster
        ? new k8s.core.v1.ServiceAccount("zk", {
              metadata: { name: "zk", namespace, labels, annotations: owned },
              automountServiceAccountToken: false,
          })
        : undefined;
    const client = new k8s.core.v1.Service("zk", {
        metadata: { name: "zk", namespace, labels, annotations: serviceAnnotations },
        spec: { type: "ClusterIP", ipFamilyPolicy: "PreferDualStack", ports: clientPorts, selector: inCluster ? selector : noPods },
    });
    const headless = new k8s.core.v1.Service("zk-headless", {
        metadata: {
            name: "zk-headless",
            namespace,
            labels,
            annotations: { ...serviceAnnotations, "stateful-ensemble/membership": "majority" },
        },
        spec: {
            clusterIP: "None",
            ipFamilyPolicy: "PreferDualStack",
            publishNotReadyAddresses: true,
            ports: allPorts,
            selector: inCluster ? selector : noPods,
        },
    });
    if (serviceAccount) {
        statefulSet(replicas, [serviceAccount, client, headless]);
        new k8s.policy.v1.PodDisruptionBudget("zk", {
            metadata: { name: "zk", namespace, labels, annotations: owned },
            spec: { maxUnavailable: 1, selector: { matchLabels: selector } },
        });
    } else {
        const addresses = fleetAddresses(externalMembers);
        endpointSlices(client, "zk", clientPorts, addresses);
        endpointSlices(headless, "zk-headless", allPorts, addresses);
    }

    const members = inCluster ? replicas : externalMembers;
    const hosts = Array.from({ length: members }, (_, ordinal) => `zk-${ordinal}.zk-headless.${namespace}.svc.cluster.local`);
    return {
        clientEndpoint: client.metadata.name.apply((n) => `${n}.${namespace}.svc.cluster.local:2181`),
        connectionString: headless.metadata.name.apply(() => hosts.map((h) => `${h}:2181`).join(",")),
        memberHosts: headless.metadata.name.apply(() => hosts),
    };
}
