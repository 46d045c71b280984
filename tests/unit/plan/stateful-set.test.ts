import { strict as assert } from "assert";
import { InClusterArgs, validateEnsemble } from "../../../sdk";
import { statefulSet } from "../../../sdk/plan/stateful-set";
import { IN_CLUSTER, ensembleArgs } from "../../helpers/fixtures";

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SELECTOR = { "app.kubernetes.io/name": "zk", "app.kubernetes.io/instance": "zk" };
const LABELS = { ...SELECTOR, "app.kubernetes.io/component": "server", "app.kubernetes.io/managed-by": "stateful-ensemble" };
/** Every object of the ensemble takes back fields another manager changed (see plan/objects.ts). */
const PATCH_FORCE = { "pulumi.com/patchForce": "true" };

function sts(inCluster: Partial<InClusterArgs> = {}, mode: "inCluster" | "hybrid" = "inCluster"): Body {
    return statefulSet(validateEnsemble("zk", ensembleArgs(mode, { inCluster: { ...IN_CLUSTER, ...inCluster } }))).body as Body;
}

describe("statefulSet", () => {
    it("renders the default in-cluster ensemble field by field", () => {
        assert.deepEqual(sts(), {
            metadata: { name: "zk", namespace: "default", labels: LABELS, annotations: PATCH_FORCE },
            spec: {
                serviceName: "zk-headless",
                replicas: 3,
                selector: { matchLabels: SELECTOR },
                podManagementPolicy: "OrderedReady",
                updateStrategy: { type: "RollingUpdate" },
                persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
                template: {
                    metadata: { labels: LABELS },
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
                                            labelSelector: { matchLabels: SELECTOR },
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
                                    { name: "POD_NAME", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "metadata.name" } } },
                                    {
                                        name: "POD_NAMESPACE",
                                        valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" } },
                                    },
                                ],
                                ports: [
                                    { name: "client", containerPort: 2181, protocol: "TCP" },
                                    { name: "server", containerPort: 2888, protocol: "TCP" },
                                    { name: "election", containerPort: 3888, protocol: "TCP" },
                                ],
                                readinessProbe: {
                                    tcpSocket: { port: 2181 },
                                    initialDelaySeconds: 10,
                                    periodSeconds: 10,
                                    timeoutSeconds: 5,
                                    failureThreshold: 3,
                                },
                                livenessProbe: {
                                    tcpSocket: { port: 2181 },
                                    initialDelaySeconds: 30,
                                    periodSeconds: 10,
                                    timeoutSeconds: 5,
                                    failureThreshold: 6,
                                },
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
                    { metadata: { name: "data" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "10Gi" } } } },
                ],
            },
        });
    });

    it("omits .spec.ordinals at start ordinal 0 and sets it otherwise", () => {
        assert.equal(sts().spec.ordinals, undefined);
        assert.deepEqual(sts({ startOrdinal: 3 }, "hybrid").spec.ordinals, { start: 3 });
    });

    it("sets a rolling-update partition only when given, and then tells Pulumi not to await the rollout", () => {
        const partitioned = sts({ partition: 2 });
        assert.deepEqual(partitioned.spec.updateStrategy, { type: "RollingUpdate", rollingUpdate: { partition: 2 } });
        assert.deepEqual(partitioned.metadata.annotations, { ...PATCH_FORCE, "pulumi.com/skipAwait": "true" });
        assert.deepEqual(sts().metadata.annotations, PATCH_FORCE);
        assert.deepEqual(sts({ partition: 0 }).metadata.annotations, PATCH_FORCE);
    });

    it("uses the Parallel pod management policy when asked", () => {
        assert.equal(sts({ podManagementPolicy: "Parallel" }).spec.podManagementPolicy, "Parallel");
    });

    it("has no claims, retention policy or data mount without storage", () => {
        const spec = sts({ storage: undefined }).spec;
        assert.equal(spec.volumeClaimTemplates, undefined);
        assert.equal(spec.persistentVolumeClaimRetentionPolicy, undefined);
        assert.deepEqual(spec.template.spec.containers[0].volumeMounts, [{ name: "tmp", mountPath: "/tmp" }]);
    });

    it("passes storage class, access modes, mount path and retention to the claims", () => {
        const spec = sts({
            storage: {
                size: "5Gi",
                storageClassName: "fast-ssd",
                accessModes: ["ReadWriteOncePod"],
                mountPath: "/var/lib/zk",
                whenScaled: "Delete",
            },
        }).spec;
        assert.deepEqual(spec.volumeClaimTemplates, [
            {
                metadata: { name: "data" },
                spec: { accessModes: ["ReadWriteOncePod"], storageClassName: "fast-ssd", resources: { requests: { storage: "5Gi" } } },
            },
        ]);
        assert.deepEqual(spec.persistentVolumeClaimRetentionPolicy, { whenDeleted: "Retain", whenScaled: "Delete" });
        assert.deepEqual(spec.template.spec.containers[0].volumeMounts[0], { name: "data", mountPath: "/var/lib/zk" });
    });

    it("spreads members with required anti-affinity, or not at all, when asked", () => {
        assert.deepEqual(sts({ spread: "required" }).spec.template.spec.affinity, {
            podAntiAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: [
                    { labelSelector: { matchLabels: SELECTOR }, topologyKey: "kubernetes.io/hostname" },
                ],
            },
        });
        assert.equal(sts({ spread: "none" }).spec.template.spec.affinity, undefined);
    });

    it("renders exec and HTTP probes with the given timings", () => {
        const container = sts({
            readinessProbe: { exec: ["sh", "-c", "echo ruok | nc localhost 2181"], periodSeconds: 5, timeoutSeconds: 2 },
            livenessProbe: { httpGetPath: "/commands/ruok", httpPort: "server", failureThreshold: 10 },
        }).spec.template.spec.containers[0];
        assert.deepEqual(container.readinessProbe, {
            exec: { command: ["sh", "-c", "echo ruok | nc localhost 2181"] },
            initialDelaySeconds: 10,
            periodSeconds: 5,
            timeoutSeconds: 2,
            failureThreshold: 3,
        });
        assert.deepEqual(container.livenessProbe, {
            httpGet: { path: "/commands/ruok", port: 2888 },
            initialDelaySeconds: 30,
            periodSeconds: 10,
            timeoutSeconds: 5,
            failureThreshold: 10,
        });
    });

    it("passes command, args, env, resources and the pull policy to the container", () => {
        const container = sts({
            command: ["/bin/server"],
            args: ["--verbose"],
            env: [{ name: "HEAP", value: "512m" }],
            resources: { requests: { cpu: "1" }, limits: { memory: "2Gi" } },
            imagePullPolicy: "Always",
        }).spec.template.spec.containers[0];
        assert.deepEqual(container.command, ["/bin/server"]);
        assert.deepEqual(container.args, ["--verbose"]);
        assert.deepEqual(container.env[2], { name: "HEAP", value: "512m" });
        assert.deepEqual(container.resources, { requests: { cpu: "1" }, limits: { memory: "2Gi" } });
        assert.equal(container.imagePullPolicy, "Always");
    });

    it("loosens security only as explicitly asked: root, a writable root file system, the token", () => {
        const spec = sts({ runAsUser: 0, allowRoot: true, readOnlyRootFilesystem: false, mountServiceAccountToken: true }).spec.template
            .spec;
        assert.equal(spec.securityContext.runAsNonRoot, false);
        assert.equal(spec.securityContext.runAsUser, 0);
        assert.equal(spec.automountServiceAccountToken, true);
        assert.equal(spec.containers[0].securityContext.readOnlyRootFilesystem, false);
        assert.equal(spec.containers[0].securityContext.allowPrivilegeEscalation, false);
        assert.deepEqual(spec.containers[0].securityContext.capabilities, { drop: ["ALL"] });
        assert.equal(spec.volumes, undefined);
    });

    it("adds pod labels and annotations without touching the selector (selector labels are refused: see the error table)", () => {
        const template = sts({
            podLabels: { tier: "data" },
            podAnnotations: { "prometheus.io/scrape": "true" },
        }).spec.template;
        assert.deepEqual(template.metadata.labels, { ...LABELS, tier: "data" });
        assert.deepEqual(template.metadata.annotations, { "prometheus.io/scrape": "true" });
    });

    it("keeps every replacement-forcing field the same in inCluster and hybrid mode", () => {
        const inCluster = sts({ startOrdinal: 3 }).spec;
        const hybrid = sts({ startOrdinal: 3 }, "hybrid").spec;
        for (const field of ["selector", "serviceName", "volumeClaimTemplates", "podManagementPolicy"]) {
            assert.deepEqual(hybrid[field], inCluster[field], field);
        }
    });
});
