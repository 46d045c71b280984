/**
 * The plan: which Kubernetes objects an ensemble consists of, as plain data in apply order.
 * The component registers exactly these; the renderer and the tests read them too.
 */
import { commonLabels } from "../model/names";
import { EnsembleSpec } from "../model/spec";

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
] as const;
/** A kind of Kubernetes object an ensemble may own. */
export type PlannedKind = (typeof APPLY_ORDER)[number];

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

/** Metadata for an object of the ensemble: its name, the namespace, the common labels and annotations. */
export function objectMeta(spec: EnsembleSpec, name: string, extraLabels: Record<string, string> = {}): ObjectMeta {
    const annotations = Object.keys(spec.annotations).length > 0 ? { annotations: { ...spec.annotations } } : {};
    return {
        name,
        namespace: spec.namespace,
        labels: { ...commonLabels(spec.appName, spec.name, spec.component, spec.labels), ...extraLabels },
        ...annotations,
    };
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
