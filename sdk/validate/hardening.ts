/**
 * Checks of careless and hostile input that the API server (or the kubelet, later) would refuse:
 * labels and annotations, resource quantities, image references, numbers past the width of the
 * API's integer fields, and the opt-in NetworkPolicy. Called once from validateEnsemble, it adds
 * to the same list of problems, so every one is reported before anything is registered.
 */
import { imageReferenceProblem } from "./grammar/image";
import { annotationBytes, checkAnnotations, checkLabels, MAX_ANNOTATION_BYTES } from "./metadata";
import { DNS_SUBDOMAIN, isDnsName } from "./grammar/dns";
import { PULL_POLICIES } from "./grammar/pod";
import { isDeferred, isInteger, isObject, isPlainString } from "./grammar/values";
import { Problems, show } from "./problems";
import { checkResources } from "./resources";
import { NetworkPolicySpec } from "../model/spec";
import { EnsembleMode, InClusterArgs, StatefulEnsembleArgs } from "../api/args";
import { normaliseNetworkPolicy } from "./network-policy";

/** The largest value of the API's int32 fields: ordinals, replicas, probe timings, user and group IDs. */
export const INT32_MAX = 2_147_483_647;

const PROBES = ["readinessProbe", "livenessProbe"] as const;
const PROBE_TIMINGS = ["initialDelaySeconds", "periodSeconds", "timeoutSeconds", "failureThreshold"] as const;

/** What validation adds to the spec from the checks here. */
export interface HardeningResult {
    readonly networkPolicy?: NetworkPolicySpec;
}

/** Records a problem when an integer is past `max`; values that are not integers are reported elsewhere. */
function checkAtMost(problems: Problems, path: string, value: unknown, max: number, what: string): void {
    if (isInteger(value) && value > max) problems.add(path, `${value} is more than ${max}, ${what}`);
}

/**
 * Validates what validateEnsemble's own checks leave out. Problems with a field those checks
 * already report (a missing image, a port out of range) are not reported twice.
 */
export function validateHardening(problems: Problems, a: Partial<StatefulEnsembleArgs>, maxMembers: number): HardeningResult {
    checkLabels(problems, "labels", a.labels);
    const annotations = checkAnnotations(problems, "annotations", a.annotations);
    const bytes = annotationBytes(annotations);
    if (bytes > MAX_ANNOTATION_BYTES) {
        problems.add("annotations", `come to ${bytes} bytes; an object's annotations hold at most ${MAX_ANNOTATION_BYTES} (256 KiB)`);
    }
    if (isObject(a.inCluster)) checkInCluster(problems, a.inCluster as InClusterArgs, annotations, bytes <= MAX_ANNOTATION_BYTES);
    checkMembers(problems, a, maxMembers);
    return { networkPolicy: a.networkPolicy === undefined ? undefined : normaliseNetworkPolicy(problems, a.networkPolicy) };
}

function checkInCluster(problems: Problems, c: InClusterArgs, annotations: Map<string, string>, annotationsFit: boolean): void {
    const p = "inCluster";
    checkLabels(problems, `${p}.podLabels`, c.podLabels);
    const podAnnotations = checkAnnotations(problems, `${p}.podAnnotations`, c.podAnnotations);
    const podBytes = annotationBytes(annotations, podAnnotations);
    if (annotationsFit && podBytes > MAX_ANNOTATION_BYTES) {
        problems.add(
            `${p}.podAnnotations`,
            `together with annotations come to ${podBytes} bytes on each pod; an object's annotations hold at most ${MAX_ANNOTATION_BYTES} (256 KiB)`,
        );
    }
    checkLabels(problems, `${p}.nodeSelector`, c.nodeSelector, true);
    checkResources(problems, `${p}.resources`, c.resources);

    if (isPlainString(c.image) && c.image.trim() !== "" && !/\s/.test(c.image)) {
        const problem = imageReferenceProblem(c.image);
        if (problem) problems.add(`${p}.image`, `${show(c.image)} ${problem}`);
    }
    if (c.imagePullPolicy !== undefined && !PULL_POLICIES.includes(c.imagePullPolicy)) {
        problems.add(
            `${p}.imagePullPolicy`,
            `${show(c.imagePullPolicy)} is not one of ${PULL_POLICIES.map((v) => JSON.stringify(v)).join(", ")}`,
        );
    }
    if (c.priorityClassName !== undefined) {
        const name = c.priorityClassName as unknown;
        if (!isDnsName(name, DNS_SUBDOMAIN)) {
            problems.add(`${p}.priorityClassName`, `${show(name)} is not a PriorityClass name (a DNS subdomain of at most 253 characters)`);
        }
    }
    for (const field of ["command", "args"] as const) {
        const list = c[field] as unknown;
        if (list === undefined) continue;
        if (!Array.isArray(list)) {
            problems.add(`${p}.${field}`, `${show(list)} is not a list of strings`);
            continue;
        }
        list.forEach((v, i) => {
            if (typeof v !== "string" && !isDeferred(v)) problems.add(`${p}.${field}[${i}]`, `${show(v)} is not a string`);
        });
    }
    if (c.env !== undefined && !Array.isArray(c.env)) problems.add(`${p}.env`, `${show(c.env)} is not a list of variables`);
    if (Array.isArray(c.env)) {
        c.env.forEach((e, i) => {
            const value = (e as { value?: unknown } | undefined)?.value;
            if (value !== undefined && value !== null && typeof value !== "string" && !isDeferred(value)) {
                problems.add(`${p}.env[${i}].value`, `${show(value)} is not a string: environment variables hold text`);
            }
            const secret = (e as { secret?: unknown } | undefined)?.secret;
            if (secret !== undefined && typeof secret !== "boolean")
                problems.add(`${p}.env[${i}].secret`, `${show(secret)} is not a boolean`);
        });
    }
    // Mount paths that clash (the data volume on the /tmp emptyDir, …): checkDistinctMounts.

    const int32 = "the largest value of this 32-bit field";
    if (isInteger(c.startOrdinal) && c.startOrdinal >= 0 && isInteger(c.replicas) && c.replicas >= 1) {
        const last = c.startOrdinal + c.replicas - 1;
        if (last > INT32_MAX) {
            problems.add(
                `${p}.startOrdinal`,
                `${c.startOrdinal} puts the last pod at ordinal ${last}, past ${INT32_MAX}, the largest StatefulSet ordinal`,
            );
        }
    }
    checkAtMost(problems, `${p}.partition`, c.partition, INT32_MAX, int32);
    checkAtMost(problems, `${p}.maxUnavailable`, c.maxUnavailable, INT32_MAX, int32);
    // Kubernetes takes user and group IDs from 0 to 2^31-1 (IsValidUserID, IsValidGroupID).
    checkAtMost(problems, `${p}.runAsUser`, c.runAsUser, INT32_MAX, "the largest user ID Kubernetes accepts");
    checkAtMost(problems, `${p}.runAsGroup`, c.runAsGroup, INT32_MAX, "the largest group ID Kubernetes accepts");
    checkAtMost(problems, `${p}.fsGroup`, c.fsGroup, INT32_MAX, "the largest group ID Kubernetes accepts");
    checkAtMost(
        problems,
        `${p}.terminationGracePeriodSeconds`,
        c.terminationGracePeriodSeconds,
        Number.MAX_SAFE_INTEGER,
        "the largest integer a Pulumi program carries exactly",
    );
    for (const probe of PROBES) {
        const value = c[probe] as unknown;
        if (!isObject(value)) continue;
        for (const timing of PROBE_TIMINGS) checkAtMost(problems, `${p}.${probe}.${timing}`, value[timing], INT32_MAX, int32);
    }
}

/** Ordinals are int32 in the API; and a hybrid ensemble counts both its halves against the bound on members. */
function checkMembers(problems: Problems, a: Partial<StatefulEnsembleArgs>, maxMembers: number): void {
    const members = isObject(a.external) && Array.isArray(a.external.members) ? a.external.members : [];
    members.forEach((m, i) => {
        checkAtMost(
            problems,
            `external.members[${i}].ordinal`,
            (m as { ordinal?: unknown } | undefined)?.ordinal,
            INT32_MAX,
            "the largest ordinal",
        );
    });
    const replicas = isObject(a.inCluster) ? a.inCluster.replicas : undefined;
    // Each half past the bound on its own is already reported; only the sum is new here.
    if (a.mode === EnsembleMode.Hybrid && isInteger(replicas) && replicas >= 1 && replicas <= maxMembers && members.length <= maxMembers) {
        const total = replicas + members.length;
        if (total > maxMembers) {
            problems.add(
                "mode",
                `is hybrid with ${replicas} in-cluster and ${members.length} external members, ${total} in all; the limit is ${maxMembers}`,
            );
        }
    }
}

/**
 * A `targetPort` given as a name, as a Service allows. The ensemble's targetPort must be a
 * number: external members have no named container ports, and their EndpointSlices carry numbers.
 * Records the problem and returns false.
 */
export function checkNamedTargetPort(problems: Problems, path: string, name: string, ports: unknown[]): false {
    const named = ports.map((p) => (p as { name?: unknown; targetPort?: unknown; port?: unknown } | undefined) ?? {});
    const match = named.find((p) => p.name === name);
    if (match) {
        const listens = isInteger(match.targetPort) ? match.targetPort : match.port;
        problems.add(
            path,
            `${show(name)} is a port name; targetPort takes the number the servers listen on (${show(name)} listens on ${show(listens)}), because external members have no named ports`,
        );
    } else {
        const names = named.map((p) => p.name).filter((n): n is string => typeof n === "string");
        problems.add(
            path,
            `${show(name)} names no container port (the container's ports are ${names.map((n) => JSON.stringify(n)).join(", ")}); targetPort takes the number the servers listen on`,
        );
    }
    return false;
}
