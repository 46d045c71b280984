/**
 * Turns planned objects into Pulumi resources, children of the component. The one place that
 * knows which @pulumi/kubernetes class serves each kind.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { PlannedKind, PlannedObject } from "./plan";

type ResourceClass = new (name: string, args: any, opts?: pulumi.CustomResourceOptions) => pulumi.CustomResource; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Classes are looked up lazily: @pulumi/kubernetes loads each API group on first use. */
const CLASSES: Record<PlannedKind, () => ResourceClass> = {
    Namespace: () => k8s.core.v1.Namespace,
    NetworkPolicy: () => k8s.networking.v1.NetworkPolicy,
    ServiceAccount: () => k8s.core.v1.ServiceAccount,
    Secret: () => k8s.core.v1.Secret,
    ConfigMap: () => k8s.core.v1.ConfigMap,
    Service: () => k8s.core.v1.Service,
    EndpointSlice: () => k8s.discovery.v1.EndpointSlice,
    Endpoints: () => k8s.core.v1.Endpoints,
    StatefulSet: () => k8s.apps.v1.StatefulSet,
    PodDisruptionBudget: () => k8s.policy.v1.PodDisruptionBudget,
};

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
        registered.set(objectKey(o), new Class(o.resourceName, { ...o.body }, { ...childOptions, parent, dependsOn }));
    }
    return registered;
}
