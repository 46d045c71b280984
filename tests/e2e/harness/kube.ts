/**
 * Reads and writes the e2e cluster over its REST API, as an operator would with kubectl: what the
 * tests assert is what the API server holds. (@kubernetes/client-node 2 loads an undici that
 * needs Node.js 22, so only its types are used here; the requests are plain HTTPS.)
 */
import type {
    V1CustomResourceDefinition,
    V1EndpointSlice,
    V1Namespace,
    V1PersistentVolume,
    V1PersistentVolumeClaim,
    V1Pod,
    V1PodDisruptionBudget,
    V1Secret,
    V1Service,
    V1StatefulSet,
} from "@kubernetes/client-node";
import * as fs from "node:fs";
import * as https from "node:https";
import { parse, parseAllDocuments } from "yaml";

/** An answer of the API server other than 2xx. */
export class ApiError extends Error {
    constructor(
        readonly status: number,
        readonly method: string,
        readonly path: string,
        body: string,
    ) {
        super(`${method} ${path} answered ${status}: ${body.slice(0, 500)}`);
    }
}

interface List<T> {
    items: T[];
}

export class Kube {
    private readonly server: URL;
    private readonly ca: Buffer;
    private readonly token: string;
    private readonly plurals = new Map<string, string>();

    constructor(kubeconfig: string) {
        const config = parse(fs.readFileSync(kubeconfig, "utf8")) as {
            clusters: { cluster: { server: string; "certificate-authority": string } }[];
            users: { user: { token: string } }[];
        };
        this.server = new URL(config.clusters[0].cluster.server);
        this.ca = fs.readFileSync(config.clusters[0].cluster["certificate-authority"]);
        this.token = config.users[0].user.token;
    }

    /** One request; JSON in and out. */
    request<T>(method: string, path: string, body?: unknown, contentType = "application/json"): Promise<T> {
        const payload = body === undefined ? undefined : JSON.stringify(body);
        return new Promise((resolve, reject) => {
            const req = https.request(
                {
                    host: this.server.hostname,
                    port: this.server.port,
                    path,
                    method,
                    ca: this.ca,
                    headers: {
                        Authorization: `Bearer ${this.token}`,
                        Accept: "application/json",
                        ...(payload === undefined ? {} : { "Content-Type": contentType }),
                    },
                    timeout: 30_000,
                },
                (res) => {
                    let text = "";
                    res.on("data", (d: Buffer) => (text += d.toString()));
                    res.on("end", () => {
                        const status = res.statusCode ?? 0;
                        if (status < 200 || status >= 300) reject(new ApiError(status, method, path, text));
                        else resolve((text ? JSON.parse(text) : undefined) as T);
                    });
                },
            );
            req.on("timeout", () => req.destroy(new Error(`${method} ${path} timed out`)));
            req.on("error", reject);
            req.end(payload);
        });
    }

    private async get<T>(path: string): Promise<T | undefined> {
        try {
            return await this.request<T>("GET", path);
        } catch (err) {
            if (err instanceof ApiError && err.status === 404) return undefined;
            throw err;
        }
    }

    private async list<T>(path: string, labelSelector?: string): Promise<T[]> {
        const query = labelSelector ? `?labelSelector=${encodeURIComponent(labelSelector)}` : "";
        return (await this.request<List<T>>("GET", `${path}${query}`)).items;
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
            await this.request<V1Namespace>("POST", "/api/v1/namespaces", { metadata: { name, labels } });
        } catch (err) {
            if (!(err instanceof ApiError && err.status === 409)) throw err;
            await this.request("PATCH", `/api/v1/namespaces/${name}`, { metadata: { labels } }, "application/merge-patch+json");
        }
    }

    /**
     * PersistentVolumes for claims to bind to, as a cluster's provisioner would supply them:
     * `count` volumes of `size` for claims that name no storage class.
     */
    async addVolumes(prefix: string, count: number, size: string): Promise<void> {
        for (let i = 0; i < count; i++) {
            const volume: V1PersistentVolume = {
                metadata: { name: `${prefix}-${i}` },
                spec: {
                    capacity: { storage: size },
                    accessModes: ["ReadWriteOnce"],
                    persistentVolumeReclaimPolicy: "Retain",
                    storageClassName: "",
                    hostPath: { path: `/var/lib/e2e-volumes/${prefix}-${i}` },
                },
            };
            await this.request("POST", "/api/v1/persistentvolumes", volume);
        }
    }

    service(namespace: string, name: string): Promise<V1Service | undefined> {
        return this.get(`/api/v1/namespaces/${namespace}/services/${name}`);
    }

    services(namespace: string): Promise<V1Service[]> {
        return this.list(`/api/v1/namespaces/${namespace}/services`);
    }

    statefulSet(namespace: string, name: string): Promise<V1StatefulSet | undefined> {
        return this.get(`/apis/apps/v1/namespaces/${namespace}/statefulsets/${name}`);
    }

    disruptionBudget(namespace: string, name: string): Promise<V1PodDisruptionBudget | undefined> {
        return this.get(`/apis/policy/v1/namespaces/${namespace}/poddisruptionbudgets/${name}`);
    }

    statefulSets(namespace: string): Promise<V1StatefulSet[]> {
        return this.list(`/apis/apps/v1/namespaces/${namespace}/statefulsets`);
    }

    /** EndpointSlices of a namespace, or of one Service, by name. */
    async slices(namespace: string, service?: string): Promise<V1EndpointSlice[]> {
        const slices = await this.list<V1EndpointSlice>(
            `/apis/discovery.k8s.io/v1/namespaces/${namespace}/endpointslices`,
            service ? `kubernetes.io/service-name=${service}` : undefined,
        );
        return slices.sort((a, b) => a.metadata!.name!.localeCompare(b.metadata!.name!));
    }

    claims(namespace: string): Promise<V1PersistentVolumeClaim[]> {
        return this.list(`/api/v1/namespaces/${namespace}/persistentvolumeclaims`);
    }

    pods(namespace: string, labelSelector: string): Promise<V1Pod[]> {
        return this.list(`/api/v1/namespaces/${namespace}/pods`, labelSelector);
    }

    /** Deletes the claims a destroyed stack left behind (Retain), for a clean next test. */
    async deleteClaims(namespace: string): Promise<void> {
        await this.request("DELETE", `/api/v1/namespaces/${namespace}/persistentvolumeclaims`);
    }

    /**
     * Creates the CustomResourceDefinitions of a multi-document YAML file, keeping any that exist,
     * and waits until the API server serves each.
     */
    async createDefinitions(file: string): Promise<void> {
        const definitions = parseAllDocuments(fs.readFileSync(file, "utf8"))
            .map((d) => d.toJS() as V1CustomResourceDefinition | null)
            .filter((d): d is V1CustomResourceDefinition => d !== null);
        const path = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
        for (const definition of definitions) {
            try {
                await this.request("POST", path, definition);
            } catch (err) {
                if (!(err instanceof ApiError && err.status === 409)) throw err;
            }
        }
        for (const { metadata } of definitions) {
            await eventually(`the API server serving ${metadata!.name}`, async () => {
                const served = await this.get<V1CustomResourceDefinition>(`${path}/${metadata!.name}`);
                return served?.status?.conditions?.some((c) => c.type === "Established" && c.status === "True") || undefined;
            });
        }
    }

    /** Creates a Secret, as a user or cert-manager would before `pulumi up`. */
    async createSecret(namespace: string, name: string, type: string, stringData: Record<string, string>): Promise<void> {
        const secret: V1Secret = { metadata: { name, namespace }, type, stringData };
        await this.request("POST", `/api/v1/namespaces/${namespace}/secrets`, secret);
    }

    async deleteSecret(namespace: string, name: string): Promise<void> {
        await this.request("DELETE", `/api/v1/namespaces/${namespace}/secrets/${name}`);
    }

    /** An object of any kind as the API server holds it, or undefined; its resource path comes from API discovery. */
    async object<T = Record<string, unknown>>(object: {
        apiVersion: string;
        kind: string;
        name: string;
        namespace?: string;
    }): Promise<T | undefined> {
        const base = object.apiVersion.includes("/") ? `/apis/${object.apiVersion}` : `/api/${object.apiVersion}`;
        const key = `${object.apiVersion}/${object.kind}`;
        if (!this.plurals.has(key)) {
            const discovery = await this.request<{ resources: { name: string; kind: string }[] }>("GET", base);
            for (const r of discovery.resources) {
                if (!r.name.includes("/")) this.plurals.set(`${object.apiVersion}/${r.kind}`, r.name);
            }
        }
        const plural = this.plurals.get(key);
        if (!plural) throw new Error(`the API server has no ${key}`);
        const scope = object.namespace ? `/namespaces/${object.namespace}` : "";
        return this.get<T>(`${base}${scope}/${plural}/${object.name}`);
    }

    /** Whether an object of any kind exists. */
    async exists(object: { apiVersion: string; kind: string; name: string; namespace?: string }): Promise<boolean> {
        return (await this.object(object)) !== undefined;
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
