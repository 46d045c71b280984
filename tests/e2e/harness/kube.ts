/**
 * Reads and writes the e2e cluster through @kubernetes/client-node, as an operator would with
 * kubectl: what the tests assert is what the API server holds.
 */
import * as k8s from "@kubernetes/client-node";

export class Kube {
    readonly core: k8s.CoreV1Api;
    readonly apps: k8s.AppsV1Api;
    readonly discovery: k8s.DiscoveryV1Api;
    readonly policy: k8s.PolicyV1Api;
    readonly objects: k8s.KubernetesObjectApi;

    constructor(kubeconfig: string) {
        const kc = new k8s.KubeConfig();
        kc.loadFromFile(kubeconfig);
        this.core = kc.makeApiClient(k8s.CoreV1Api);
        this.apps = kc.makeApiClient(k8s.AppsV1Api);
        this.discovery = kc.makeApiClient(k8s.DiscoveryV1Api);
        this.policy = kc.makeApiClient(k8s.PolicyV1Api);
        this.objects = k8s.KubernetesObjectApi.makeApiClient(kc);
    }

    /**
     * A namespace that enforces the Pod Security Standards "restricted" profile, as every test
     * namespace does: a pod template the profile refuses never gets a pod, and the test fails.
     */
    async restrictedNamespace(name: string): Promise<void> {
        const labels = {
            "pod-security.kubernetes.io/enforce": "restricted",
            "pod-security.kubernetes.io/enforce-version": "latest",
        };
        try {
            await this.core.createNamespace({ body: { metadata: { name, labels } } });
        } catch (err) {
            if (!isStatus(err, 409)) throw err;
            await this.core.patchNamespace(
                { name, body: { metadata: { labels } } },
                k8s.setHeaderOptions("Content-Type", k8s.PatchStrategy.MergePatch),
            );
        }
    }

    /**
     * PersistentVolumes for claims to bind to, as a cluster's provisioner would supply them:
     * `count` more volumes of `size` in `storageClassName` ("" for claims that name no class).
     */
    async addVolumes(prefix: string, count: number, size: string, storageClassName = ""): Promise<void> {
        for (let i = 0; i < count; i++) {
            await this.core.createPersistentVolume({
                body: {
                    metadata: { name: `${prefix}-${i}` },
                    spec: {
                        capacity: { storage: size },
                        accessModes: ["ReadWriteOnce"],
                        persistentVolumeReclaimPolicy: "Retain",
                        storageClassName,
                        hostPath: { path: `/var/lib/e2e-volumes/${prefix}-${i}` },
                    },
                },
            });
        }
    }

    async service(namespace: string, name: string): Promise<k8s.V1Service | undefined> {
        return orMissing(this.core.readNamespacedService({ namespace, name }));
    }

    async statefulSet(namespace: string, name: string): Promise<k8s.V1StatefulSet | undefined> {
        return orMissing(this.apps.readNamespacedStatefulSet({ namespace, name }));
    }

    /** EndpointSlices of a Service, by name. */
    async slices(namespace: string, service: string): Promise<k8s.V1EndpointSlice[]> {
        const list = await this.discovery.listNamespacedEndpointSlice({
            namespace,
            labelSelector: `kubernetes.io/service-name=${service}`,
        });
        return list.items.sort((a, b) => a.metadata!.name!.localeCompare(b.metadata!.name!));
    }

    async claims(namespace: string): Promise<k8s.V1PersistentVolumeClaim[]> {
        return (await this.core.listNamespacedPersistentVolumeClaim({ namespace })).items;
    }

    async pods(namespace: string, labelSelector: string): Promise<k8s.V1Pod[]> {
        return (await this.core.listNamespacedPod({ namespace, labelSelector })).items;
    }

    /** Whether an object of any kind exists. */
    async exists(object: { apiVersion: string; kind: string; name: string; namespace?: string }): Promise<boolean> {
        const found = await orMissing(
            this.objects.read({
                apiVersion: object.apiVersion,
                kind: object.kind,
                metadata: { name: object.name, namespace: object.namespace },
            }),
        );
        return found !== undefined;
    }

    /** Deletes every object of a kind the tests create outside Pulumi, for a clean next test. */
    async deleteClaims(namespace: string): Promise<void> {
        await this.core.deleteCollectionNamespacedPersistentVolumeClaim({ namespace });
    }
}

/** True when `err` is the API server's answer with HTTP status `code`. */
export function isStatus(err: unknown, code: number): boolean {
    return err instanceof k8s.ApiException && err.code === code;
}

async function orMissing<T>(request: Promise<T>): Promise<T | undefined> {
    try {
        return await request;
    } catch (err) {
        if (isStatus(err, 404)) return undefined;
        throw err;
    }
}

/** Polls `check` until it returns a value, or fails after `timeoutMs` with the last reason. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000, intervalMs = 250): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    for (;;) {
        try {
            const value = await check();
            if (value !== undefined) return value;
        } catch (err) {
            last = err;
        }
        if (Date.now() > deadline) {
            throw new Error(`${what} did not happen within ${timeoutMs / 1000} s${last ? `: ${String(last)}` : ""}`);
        }
        await new Promise((r) => setTimeout(r, intervalMs));
    }
}
