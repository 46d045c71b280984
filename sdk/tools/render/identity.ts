/**
 * What the API server knows an object by: its API group (not the version: `apps/v1` and
 * `apps/v1beta1` serve the same object), kind, namespace and name. The renderer refuses two
 * resources of one identity; the migration planner pairs objects by it.
 */
import type { KubernetesObject } from "./objects";

/** `apps/v1` → `{ group: "apps", version: "v1" }`; `v1` → the core group. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
    const slash = apiVersion.lastIndexOf("/");
    return slash < 0 ? { group: "", version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** The API server's identity of an object: `<group> <kind> <namespace>/<name>`. */
export function identity(o: KubernetesObject): string {
    const { group } = splitApiVersion(o.apiVersion);
    return `${group || "core"} ${o.kind} ${o.metadata.namespace ?? "default"}/${o.metadata.name}`;
}

/** How objects are shown: `apps/v1 StatefulSet default/zk`. */
export function describeObject(o: KubernetesObject): string {
    return `${o.apiVersion} ${o.kind} ${o.metadata.namespace ?? "default"}/${o.metadata.name}`;
}
