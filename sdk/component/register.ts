/**
 * Turns planned objects into Pulumi resources, children of the component. The one place that
 * knows which @pulumi/kubernetes class serves each kind.
 */
// The API-group modules, not the package's root: the root also loads Helm, YAML and Kustomize
// support at start-up (about 40 ms, a tenth of a render) that plain objects never use.
import { CustomResource } from "@pulumi/kubernetes/apiextensions";
import * as appsv1 from "@pulumi/kubernetes/apps/v1";
import * as corev1 from "@pulumi/kubernetes/core/v1";
import * as discoveryv1 from "@pulumi/kubernetes/discovery/v1";
import * as networkingv1 from "@pulumi/kubernetes/networking/v1";
import * as policyv1 from "@pulumi/kubernetes/policy/v1";
import * as pulumi from "@pulumi/pulumi";
import { PlannedKind, PlannedObject } from "../plan/objects";

type ResourceClass = new (name: string, args: any, opts?: pulumi.CustomResourceOptions) => pulumi.CustomResource; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Classes are looked up lazily: @pulumi/kubernetes loads each API group on first use. */
const CLASSES: Record<PlannedKind, () => ResourceClass> = {
    Namespace: () => corev1.Namespace,
    NetworkPolicy: () => networkingv1.NetworkPolicy,
    ServiceAccount: () => corev1.ServiceAccount,
    Secret: () => corev1.Secret,
    ConfigMap: () => corev1.ConfigMap,
    Service: () => corev1.Service,
    EndpointSlice: () => discoveryv1.EndpointSlice,
    Endpoints: () => corev1.Endpoints,
    StatefulSet: () => appsv1.StatefulSet,
    PodDisruptionBudget: () => policyv1.PodDisruptionBudget,
    PodMonitor: () => CustomResource,
    ServiceMonitor: () => CustomResource,
};

/** Kinds without a class of their own: a CustomResource learns its type from the body's apiVersion and kind. */
const CUSTOM_KINDS: readonly PlannedKind[] = ["PodMonitor", "ServiceMonitor"];

/** `Kind/name`: how objects refer to each other within one plan. */
export function objectKey(o: Pick<PlannedObject, "kind" | "body">): string {
    return `${o.kind}/${o.body.metadata.name}`;
}

/**
 * What each object waits for: a StatefulSet for its Services, ServiceAccount and ConfigMaps/Secrets;
 * a Service for its own EndpointSlices and Endpoints. The Service waits for them, not the other
 * way round, so a switch that moves a Service's traffic off the pods (a selector update) runs
 * after the external members' slices exist: clients never face a Service with nothing behind it.
 * Deleted slices go last, as Pulumi deletes after it creates and updates.
 */
export function prerequisites(o: PlannedObject, all: PlannedObject[]): PlannedObject[] {
    switch (o.kind) {
        case "StatefulSet":
            return all.filter((p) => ["ServiceAccount", "ConfigMap", "Secret", "Service"].includes(p.kind));
        case "Service":
            return all.filter(
                (p) =>
                    (p.kind === "EndpointSlice" && p.body.metadata.labels["kubernetes.io/service-name"] === o.body.metadata.name) ||
                    (p.kind === "Endpoints" && p.body.metadata.name === o.body.metadata.name),
            );
        default:
            return [];
    }
}

/**
 * Options the component hands to each child itself. Providers, `protect`, aliases and
 * `transforms` reach children through `parent`; `retainOnDelete` does not (the engine does not
 * inherit it in every version), so a component marked to be retained passes it on explicitly.
 */
export type ChildOptions = Pick<pulumi.CustomResourceOptions, "retainOnDelete">;

/** Registers every object (already in apply order) as a child of `parent`; returns them by `Kind/name`. */
export function registerObjects(
    objects: PlannedObject[],
    parent: pulumi.Resource,
    childOptions: ChildOptions = {},
): Map<string, pulumi.CustomResource> {
    const registered = new Map<string, pulumi.CustomResource>();
    for (const o of objects) {
        const dependsOn = prerequisites(o, objects)
            .map((p) => registered.get(objectKey(p)))
            .filter((r): r is pulumi.CustomResource => r !== undefined);
        const Class = CLASSES[o.kind]();
        const body = CUSTOM_KINDS.includes(o.kind) ? { apiVersion: o.apiVersion, kind: o.kind, ...o.body } : { ...o.body };
        registered.set(objectKey(o), new Class(o.resourceName, body, { ...childOptions, parent, dependsOn }));
    }
    return registered;
}
