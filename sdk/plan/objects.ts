/**
 * The plan: which Kubernetes objects an ensemble consists of, as plain data in apply order.
 * The component registers exactly these; the renderer and the tests read them too.
 */
import type * as k8s from "@pulumi/kubernetes/types/input";
import type * as pulumi from "@pulumi/pulumi";
import { commonLabels } from "../model/names";
import { EnsembleSpec } from "../model/spec";
import type { PodMonitorBody, ServiceMonitorBody } from "./monitor";

/** The API group and version of prometheus-operator's PodMonitor and ServiceMonitor. */
export const MONITORING_API_VERSION = "monitoring.coreos.com/v1";

/**
 * The kinds an ensemble may own, in the order they are applied. A Service's own EndpointSlices
 * and Endpoints come before it: when a switch moves a Service's traffic off the pods, the new
 * external backing then exists before the selector stops matching the pods (make before break).
 */
export const APPLY_ORDER = [
    "Namespace",
    "NetworkPolicy",
    "ServiceAccount",
    "Secret",
    "ConfigMap",
    "EndpointSlice",
    "Endpoints",
    "Service",
    "StatefulSet",
    "PodDisruptionBudget",
    "PodMonitor",
    "ServiceMonitor",
] as const;
/** A kind of Kubernetes object an ensemble may own. */
export type PlannedKind = (typeof APPLY_ORDER)[number];

/** The Kubernetes API type of each kind (@pulumi/kubernetes's input types) and its apiVersion. */
interface KindTypes {
    Namespace: k8s.core.v1.Namespace;
    NetworkPolicy: k8s.networking.v1.NetworkPolicy;
    ServiceAccount: k8s.core.v1.ServiceAccount;
    Secret: k8s.core.v1.Secret;
    ConfigMap: k8s.core.v1.ConfigMap;
    EndpointSlice: k8s.discovery.v1.EndpointSlice;
    Endpoints: k8s.core.v1.Endpoints;
    Service: k8s.core.v1.Service;
    StatefulSet: k8s.apps.v1.StatefulSet;
    PodDisruptionBudget: k8s.policy.v1.PodDisruptionBudget;
    PodMonitor: PodMonitorBody;
    ServiceMonitor: ServiceMonitorBody;
}

const API_VERSIONS: Record<PlannedKind, string> = {
    Namespace: "v1",
    NetworkPolicy: "networking.k8s.io/v1",
    ServiceAccount: "v1",
    Secret: "v1",
    ConfigMap: "v1",
    EndpointSlice: "discovery.k8s.io/v1",
    Endpoints: "v1",
    Service: "v1",
    StatefulSet: "apps/v1",
    PodDisruptionBudget: "policy/v1",
    PodMonitor: MONITORING_API_VERSION,
    ServiceMonitor: MONITORING_API_VERSION,
};

/** Every field of a `K` object but apiVersion and kind, typed by the Kubernetes API. */
export type TypedBody<K extends PlannedKind> = Known<Omit<KindTypes[K], "apiVersion" | "kind" | "metadata">> & {
    readonly metadata: ObjectMeta;
};

/**
 * A body's fields as plain objects rather than `Input`s: TypeScript checks an object literal for
 * misspelt fields against a plain type, not against a union with Output and Promise.
 */
type Known<T> = { [P in keyof T]: Exclude<T[P], Promise<unknown> | pulumi.OutputInstance<unknown>> };

/**
 * A planned object of `kind`, whose body `tsc` checks against the Kubernetes API types: a
 * misspelt or misplaced field fails the build, not only the schema tests.
 */
export function planned<K extends PlannedKind>(kind: K, resourceName: string, body: TypedBody<K>): PlannedObject {
    return { kind, apiVersion: API_VERSIONS[kind], resourceName, body: body as PlannedObject["body"] };
}

/** One Kubernetes object of the plan. */
export interface PlannedObject {
    /** The object's kind. */
    readonly kind: PlannedKind;
    /** The object's apiVersion, e.g. `discovery.k8s.io/v1`. */
    readonly apiVersion: string;
    /**
     * The Pulumi resource name. It stays the same across mode switches for as long as the
     * Kubernetes object exists, so a switch updates objects instead of replacing them.
     */
    readonly resourceName: string;
    /** Every field but apiVersion and kind. Values may be Pulumi inputs. */
    readonly body: {
        /** Name, namespace, labels and annotations. */
        readonly metadata: ObjectMeta;
    } & Record<string, unknown>;
}

export interface ObjectMeta {
    readonly name: string;
    readonly namespace: string;
    readonly labels: Record<string, string>;
    readonly annotations?: Record<string, string>;
}

/**
 * Every object of the ensemble is the component's alone, so its next `pulumi up` puts back what
 * a hand (`kubectl scale`, `kubectl edit`) changed. pulumi-kubernetes applies server-side, and
 * without this annotation the API server refuses that apply as a field conflict with the other
 * manager (seen in the e2e suite for an edited Service selector and a scaled StatefulSet).
 * @see https://www.pulumi.com/registry/packages/kubernetes/how-to-guides/managing-resources-with-server-side-apply/
 */
const PATCH_FORCE = { "pulumi.com/patchForce": "true" } as const;

/** Metadata for an object of the ensemble: its name, the namespace, the common labels and annotations. */
export function objectMeta(spec: EnsembleSpec, name: string, extraLabels: Record<string, string> = {}): ObjectMeta {
    return {
        name,
        namespace: spec.namespace,
        labels: { ...commonLabels(spec.appName, spec.name, spec.component, spec.labels), ...extraLabels },
        annotations: { ...spec.annotations, ...PATCH_FORCE },
    };
}

/** `meta` with the annotation that tells pulumi-kubernetes not to await the object's readiness. */
export function skipAwait(meta: ObjectMeta): ObjectMeta {
    return { ...meta, annotations: { ...meta.annotations, "pulumi.com/skipAwait": "true" } };
}

/** Sorts objects into apply order; objects of one kind keep their order, unknown kinds go last. */
export function inApplyOrder<T>(objects: readonly T[], kindOf: (o: T) => string): T[] {
    const rank = (o: T) => {
        const i = (APPLY_ORDER as readonly string[]).indexOf(kindOf(o));
        return i < 0 ? APPLY_ORDER.length : i;
    };
    return objects
        .map((o, i) => ({ o, i }))
        .sort((x, y) => rank(x.o) - rank(y.o) || x.i - y.i)
        .map(({ o }) => o);
}
