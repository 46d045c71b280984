/**
 * Validates rendered objects against the official Kubernetes OpenAPI schemas, twice over:
 * kubernetes-models (types, required fields, formats, enums) and the OpenAPI type map of
 * @kubernetes/client-node (no field the API does not know: a misspelt field would otherwise be
 * pruned silently by the API server).
 */
import * as path from "path";

interface Attribute {
    readonly baseName: string;
    readonly type: string;
}
interface ModelClass {
    getAttributeTypeMap(): Attribute[];
}
type Validatable = { validate(): void };
type ModelCtor = new (data: unknown) => Validatable;

/** apiVersion/kind → [kubernetes-models module, client-node model name]. */
const KINDS: Record<string, [string, string]> = {
    "v1/Namespace": ["v1/Namespace", "V1Namespace"],
    "v1/ServiceAccount": ["v1/ServiceAccount", "V1ServiceAccount"],
    "v1/Secret": ["v1/Secret", "V1Secret"],
    "v1/ConfigMap": ["v1/ConfigMap", "V1ConfigMap"],
    "v1/Service": ["v1/Service", "V1Service"],
    "v1/Endpoints": ["v1/Endpoints", "V1Endpoints"],
    "discovery.k8s.io/v1/EndpointSlice": ["discovery.k8s.io/v1/EndpointSlice", "V1EndpointSlice"],
    "apps/v1/StatefulSet": ["apps/v1/StatefulSet", "V1StatefulSet"],
    "policy/v1/PodDisruptionBudget": ["policy/v1/PodDisruptionBudget", "V1PodDisruptionBudget"],
    "networking.k8s.io/v1/NetworkPolicy": ["networking.k8s.io/v1/NetworkPolicy", "V1NetworkPolicy"],
};

/**
 * prometheus-operator's kinds, validated against the operator's CRD schemas as
 * @kubernetes-models/prometheus-operator publishes them (the cluster may lack the CRDs, the
 * objects must still be right where it has them).
 */
const CRD_KINDS: Record<string, string> = {
    "monitoring.coreos.com/v1/PodMonitor": "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor",
    "monitoring.coreos.com/v1/ServiceMonitor": "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor",
};

let typeMap: Record<string, ModelClass> | undefined;
function models(): Record<string, ModelClass> {
    // The generated models module, not the package's entry: the entry loads an HTTP client we do not need.
    typeMap ??= require(
        path.join(path.dirname(require.resolve("@kubernetes/client-node/package.json")), "dist/gen/models/ObjectSerializer.js"),
    ) as Record<string, ModelClass>;
    return typeMap;
}

/** Types that are scalars or free-form in the OpenAPI document. */
const OPEN_TYPES = new Set(["string", "number", "boolean", "object", "any", "Date", "IntOrString", "RuntimeRawExtension"]);

function unknownFields(value: unknown, type: string, at: string, problems: string[]): void {
    if (value === null || value === undefined || OPEN_TYPES.has(type)) return;
    const array = /^Array<(.+)>$/.exec(type);
    if (array) {
        if (Array.isArray(value)) value.forEach((v, i) => unknownFields(v, array[1], `${at}[${i}]`, problems));
        return;
    }
    const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
    if (map) {
        for (const [k, v] of Object.entries(value as object)) unknownFields(v, map[1], `${at}.${k}`, problems);
        return;
    }
    const model = models()[type];
    if (!model) throw new Error(`no OpenAPI model ${type} for ${at}`);
    const attributes = new Map(model.getAttributeTypeMap().map((a) => [a.baseName, a.type]));
    for (const [k, v] of Object.entries(value as object)) {
        const t = attributes.get(k);
        if (t === undefined) problems.push(`${at}.${k} is not a field of ${type}`);
        else unknownFields(v, t, `${at}.${k}`, problems);
    }
}

/** Throws with every schema violation of `object`, or returns quietly. */
export function assertValidObject(object: { apiVersion?: unknown; kind?: unknown; [k: string]: unknown }): void {
    const key = `${object.apiVersion}/${object.kind}`;
    if (CRD_KINDS[key]) {
        const Model = Object.values(require(CRD_KINDS[key]) as Record<string, ModelCtor>)[0];
        try {
            new Model(object).validate();
        } catch (err) {
            throw new Error(
                `${key} ${(object.metadata as { name?: string } | undefined)?.name} violates the CRD's schema: ${(err as Error).message}`,
            );
        }
        return;
    }
    const kind = KINDS[key];
    if (!kind) throw new Error(`no schema registered for ${key}`);
    const [modulePath, modelName] = kind;
    const Model = Object.values(require(`kubernetes-models/${modulePath}`) as Record<string, ModelCtor>)[0];
    const name = `${key} ${(object.metadata as { name?: string } | undefined)?.name}`;
    try {
        new Model(object).validate();
    } catch (err) {
        throw new Error(`${name} violates the Kubernetes schema: ${(err as Error).message}`);
    }
    const problems: string[] = [];
    unknownFields(object, modelName, "", problems);
    if (problems.length) throw new Error(`${name} has fields Kubernetes does not know:\n  ${problems.join("\n  ")}`);
}
