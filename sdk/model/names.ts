/**
 * The Kubernetes names and labels of an ensemble: every name an object, a volume or a DNS record
 * gets is derived here. Names derive from the component's name and are never suffixed with
 * random characters: they are the contract clients rely on.
 */
import * as crypto from "crypto";

/** The package's own name, used as the `managed-by` value of the objects it owns. */
export const MANAGED_BY = "stateful-ensemble";

/**
 * The StatefulSet controller labels each pod with `controller-revision-hash: <name>-<hash>`;
 * a label value holds 63 characters, so the StatefulSet's name may hold 52.
 * @see https://github.com/kubernetes/kubernetes/issues/64023
 */
export const MAX_NAME_LENGTH = 52;

/** The names of every object an ensemble may own. */
export interface EnsembleNames {
    /** The client Service and the StatefulSet: `<name>`. */
    readonly client: string;
    /** The headless Service: `<name>-headless`. */
    readonly headless: string;
    readonly statefulSet: string;
    readonly serviceAccount: string;
    readonly podDisruptionBudget: string;
    /** The opt-in PodMonitor or ServiceMonitor: `<name>`. */
    readonly monitor: string;
    /** The name of the volumeClaimTemplate; claims are `<volume>-<name>-<ordinal>`. */
    readonly dataVolume: string;
    /** The name of the server container. */
    readonly container: string;
}

export function ensembleNames(name: string): EnsembleNames {
    return {
        client: name,
        headless: `${name}-headless`,
        statefulSet: name,
        serviceAccount: name,
        podDisruptionBudget: name,
        monitor: name,
        dataVolume: DATA_VOLUME,
        container: "server",
    };
}

/** The Secret of environment values kept out of the pod spec: `<name>-env`. */
export function envSecretName(name: string): string {
    return `${name}-env`;
}

/** The opt-in NetworkPolicy: the ensemble's own name. */
export function networkPolicyName(name: string): string {
    return name;
}

/** The ConfigMap of an ensemble's configuration files: `<name>-config-<first 10 hex digits of their SHA-256>`. */
export function configMapName(name: string, files: Record<string, string>): string {
    return `${name}-config-${filesChecksum(files).slice(0, 10)}`;
}

/** SHA-256 over every file's name and content, in name order: equal files, equal checksum. */
export function filesChecksum(files: Record<string, string>): string {
    const canonical = JSON.stringify(
        Object.keys(files)
            .sort()
            .map((name) => [name, files[name]]),
    );
    return crypto.createHash("sha256").update(canonical).digest("hex");
}

/** The volumeClaimTemplate of the data volume. */
export const DATA_VOLUME = "data";
/** The pod volume of the configuration files. */
export const CONFIG_VOLUME = "config";
/** The emptyDir a read-only root file system gets for scratch files, and where it is mounted. */
export const TMP_VOLUME = "tmp";
export const TMP_VOLUME_MOUNT = "/tmp";
/** Volume names the component uses itself: the data claim, the /tmp emptyDir and the configuration files. */
export const RESERVED_VOLUME_NAMES = [DATA_VOLUME, TMP_VOLUME, CONFIG_VOLUME];

/** A member's stable identity, the pod name for in-cluster members: `<name>-<ordinal>`. */
export function memberName(name: string, ordinal: number): string {
    return `${name}-${ordinal}`;
}

/**
 * The claim a StatefulSet creates for a member from one of its volumeClaimTemplates:
 * `<volume>-<statefulSet>-<ordinal>`. `ordinal` may be a range such as `{3..9}` where a list of
 * claims is shown.
 */
export function claimName(volume: string, statefulSet: string, ordinal: number | string): string {
    return `${volume}-${statefulSet}-${ordinal}`;
}

/** A member's DNS name through the headless Service, resolvable wherever the member lives. */
export function memberHost(name: string, ordinal: number, namespace: string, clusterDomain: string): string {
    return `${memberName(name, ordinal)}.${name}-headless.${namespace}.svc.${clusterDomain}`;
}

/** A Service's cluster DNS name. */
export function serviceHost(service: string, namespace: string, clusterDomain: string): string {
    return `${service}.${namespace}.svc.${clusterDomain}`;
}

/**
 * The name of the EndpointSlice the component owns for a Service, an address family and the
 * block n of 100 ordinals ([100n, 100n + 100)), e.g. `zk-headless-ext-ipv4-0`. Deterministic,
 * so a member that stays put keeps its slice.
 */
export function sliceName(service: string, family: "IPv4" | "IPv6", index: number): string {
    return `${service}-ext-${family.toLowerCase()}-${index}`;
}

/** The labels that select the ensemble's pods. Immutable once the StatefulSet exists. */
export function selectorLabels(appName: string, instance: string): Record<string, string> {
    return {
        "app.kubernetes.io/name": appName,
        "app.kubernetes.io/instance": instance,
    };
}

/**
 * A selector label that no pod carries, reserved by the component. A Service that must not send
 * traffic to pods keeps a selector with this label instead of losing its selector: Kubernetes'
 * Endpoints and EndpointSlice controllers skip a Service without a selector, so when a selector is
 * removed they neither update nor delete what they wrote for it, and its clients keep being sent
 * to the pods' old addresses. With a selector that matches nothing, the controllers empty their
 * objects instead, and the component's own EndpointSlices are the only backing. (pulumi-kubernetes
 * 4.17 and later does not wait for such a Service to have endpoints.)
 * @see https://github.com/kubernetes/kubernetes/issues/118376
 * @see https://github.com/pulumi/pulumi-kubernetes/pull/3142
 */
export const NO_PODS_LABEL = "stateful-ensemble/no-pods";

/**
 * The headless Service's annotation that says how the members agree (`majority`, `replicated`,
 * `independent`): the migration planner reads renderings, not arguments, so the rendering
 * carries it. A rendering without it is planned under the strictest rules, `majority`'s.
 */
export const MEMBERSHIP_ANNOTATION = "stateful-ensemble/membership";

/** The selector of a Service that selects none of the ensemble's pods: see {@link NO_PODS_LABEL}. */
export function noPodsSelector(appName: string, instance: string): Record<string, string> {
    return { ...selectorLabels(appName, instance), [NO_PODS_LABEL]: "true" };
}

/**
 * The Kubernetes recommended labels plus the user's own.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/
 */
export function commonLabels(appName: string, instance: string, component: string, extra: Record<string, string>): Record<string, string> {
    return {
        ...extra,
        ...selectorLabels(appName, instance),
        "app.kubernetes.io/component": component,
        "app.kubernetes.io/managed-by": MANAGED_BY,
    };
}
