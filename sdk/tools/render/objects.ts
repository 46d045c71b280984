/** What the renderer produces: Kubernetes objects, each with the Pulumi resource that owns it. */

/** A Kubernetes object as the program would send it to the API server. */
export interface KubernetesObject {
    /** `v1`, `apps/v1`, … */
    readonly apiVersion: string;
    /** `Service`, `StatefulSet`, … */
    readonly kind: string;
    /** The object's metadata: at least its name. */
    readonly metadata: {
        /** The object's name. */
        readonly name: string;
        /** The object's namespace; absent for cluster-scoped objects and the provider's default. */
        readonly namespace?: string;
    } & Record<string, unknown>;
    readonly [field: string]: unknown;
}

/** A registered Kubernetes object and the Pulumi resource that owns it. */
export interface RenderedResource {
    /** The Pulumi type token, e.g. `kubernetes:core/v1:Service`. */
    readonly type: string;
    /** The Pulumi resource name. */
    readonly name: string;
    /** The object, as the API server would receive it. */
    readonly object: KubernetesObject;
    /** The object with every value Pulumi marks secret, and a Secret's data, replaced by `<redacted>`. */
    readonly redacted: KubernetesObject;
}

/** Whether the object holds a value that prints as `<redacted>`: applied redacted, it would store the placeholder. */
export function holdsSecret(r: RenderedResource): boolean {
    return JSON.stringify(r.redacted) !== JSON.stringify(r.object);
}
