/**
 * Validation of the `inCluster` block, in one pass over the arguments: counts and ordinals, the
 * image and the command, the environment, the pod's security and placement, probes, labels and
 * annotations of the pods, resources and volumes.
 */
import { EnvVarArgs, InClusterArgs, PodManagementPolicy, Spread } from "../api/args";
import { InClusterSpec, PortSpec } from "../model/spec";
import { MAX_MEMBERS, checkAtMost } from "./bounds";
import { DNS_SUBDOMAIN, isDnsName } from "./grammar/dns";
import { imageSyntaxProblem } from "./grammar/image";
import { PULL_POLICIES, isEnvName } from "./grammar/pod";
import { INT32_MAX, isDeferred, isPlainString } from "./grammar/values";
import { MAX_ANNOTATION_BYTES, annotationBytes, checkAnnotations, checkLabels, checkReservedLabel } from "./metadata";
import { defaultProbes, normaliseProbe } from "./probes";
import { Problems, checkEnum, checkInteger, show } from "./problems";
import { checkResources } from "./resources";
import { checkDistinctMounts, normaliseConfigFiles, normaliseSecretVolumes, normaliseStorage, normaliseVolumeClaims } from "./volumes";

/** Variables the component sets itself from the downward API. */
const RESERVED_ENV = ["POD_NAME", "POD_NAMESPACE"];
const INT32 = "the largest value of this 32-bit field";
const GROUP_ID = "the largest group ID Kubernetes accepts";

/** The in-cluster block as validated, and its ordinals `[first, end)` when both counts are valid. */
export interface NormalisedInCluster {
    readonly spec: InClusterSpec;
    readonly range?: { readonly first: number; readonly end: number };
}

/**
 * Validates `inCluster`. `objectAnnotations` are the annotations every object carries, or
 * undefined when they are too large already (the pods' total is then not reported again).
 */
export function normaliseInCluster(
    problems: Problems,
    c: InClusterArgs,
    ports: Map<string, PortSpec>,
    objectAnnotations: Map<string, string> | undefined,
): NormalisedInCluster {
    const p = "inCluster";
    const range = checkOrdinals(problems, p, c);
    checkImage(problems, `${p}.image`, c.image);
    if (c.imagePullPolicy !== undefined && !PULL_POLICIES.includes(c.imagePullPolicy)) {
        problems.add(
            `${p}.imagePullPolicy`,
            `${show(c.imagePullPolicy)} is not one of ${PULL_POLICIES.map((v) => JSON.stringify(v)).join(", ")}`,
        );
    }
    for (const field of ["command", "args"] as const) checkStrings(problems, `${p}.${field}`, c[field]);
    const rollout = normaliseRollout(problems, p, c);
    const security = normaliseSecurity(problems, p, c);
    if (c.priorityClassName !== undefined && !isDnsName(c.priorityClassName, DNS_SUBDOMAIN)) {
        problems.add(
            `${p}.priorityClassName`,
            `${show(c.priorityClassName)} is not a PriorityClass name (a DNS subdomain of at most 253 characters)`,
        );
    }
    checkReservedLabel(problems, `${p}.podLabels`, c.podLabels);
    checkLabels(problems, `${p}.podLabels`, c.podLabels);
    checkPodAnnotations(problems, `${p}.podAnnotations`, c.podAnnotations, objectAnnotations);
    checkLabels(problems, `${p}.nodeSelector`, c.nodeSelector, true);
    checkResources(problems, `${p}.resources`, c.resources);
    const env = normaliseEnv(problems, `${p}.env`, c.env);
    const defaults = defaultProbes(ports);
    const spec: InClusterSpec = {
        replicas: c.replicas,
        startOrdinal: c.startOrdinal ?? 0,
        image: c.image,
        imagePullPolicy: c.imagePullPolicy,
        command: c.command,
        args: c.args,
        env,
        resources: c.resources,
        readinessProbe: normaliseProbe(problems, `${p}.readinessProbe`, c.readinessProbe, defaults.readiness, ports),
        livenessProbe: normaliseProbe(problems, `${p}.livenessProbe`, c.livenessProbe, defaults.liveness, ports),
        storage: c.storage === undefined ? undefined : normaliseStorage(problems, c.storage),
        configFiles: normaliseConfigFiles(problems, c.configFiles),
        additionalVolumes: normaliseVolumeClaims(problems, c.additionalVolumes),
        secretVolumes: normaliseSecretVolumes(problems, c.secretVolumes, c.additionalVolumes),
        ...rollout,
        partition: c.partition,
        ...security,
        readOnlyRootFilesystem: c.readOnlyRootFilesystem ?? true,
        mountServiceAccountToken: c.mountServiceAccountToken === true,
        nodeSelector: c.nodeSelector,
        priorityClassName: c.priorityClassName,
        podLabels: { ...(c.podLabels ?? {}) },
        podAnnotations: { ...(c.podAnnotations ?? {}) },
    };
    checkDistinctMounts(problems, spec);
    return { spec, range };
}

/** `replicas` and `startOrdinal`: the ordinals `[first, end)` of the pods, when both are valid. */
function checkOrdinals(problems: Problems, p: string, c: InClusterArgs): NormalisedInCluster["range"] {
    const replicasOk = checkInteger(problems, `${p}.replicas`, c.replicas, 1, MAX_MEMBERS);
    const startOrdinal = c.startOrdinal ?? 0;
    const startOk = checkInteger(problems, `${p}.startOrdinal`, startOrdinal, 0);
    if (!replicasOk || !startOk) return undefined;
    const end = startOrdinal + c.replicas;
    if (end - 1 > INT32_MAX) {
        problems.add(
            `${p}.startOrdinal`,
            `${startOrdinal} puts the last pod at ordinal ${end - 1}, past ${INT32_MAX}, the largest StatefulSet ordinal`,
        );
    }
    return { first: startOrdinal, end };
}

/** How the StatefulSet rolls pods out and lets them go: the fields of the spec it fills. */
function normaliseRollout(problems: Problems, p: string, c: InClusterArgs) {
    if (c.partition !== undefined && checkInteger(problems, `${p}.partition`, c.partition, 0)) {
        checkAtMost(problems, `${p}.partition`, c.partition, INT32_MAX, INT32);
    }
    const maxUnavailable = c.maxUnavailable ?? 1;
    if (checkInteger(problems, `${p}.maxUnavailable`, maxUnavailable, 1)) {
        checkAtMost(problems, `${p}.maxUnavailable`, maxUnavailable, INT32_MAX, INT32);
    }
    const podManagementPolicy = c.podManagementPolicy ?? PodManagementPolicy.OrderedReady;
    checkEnum(problems, `${p}.podManagementPolicy`, podManagementPolicy, PodManagementPolicy);
    const spread = c.spread ?? Spread.Preferred;
    checkEnum(problems, `${p}.spread`, spread, Spread);
    const terminationGracePeriodSeconds = c.terminationGracePeriodSeconds ?? 30;
    if (checkInteger(problems, `${p}.terminationGracePeriodSeconds`, terminationGracePeriodSeconds, 0)) {
        checkAtMost(
            problems,
            `${p}.terminationGracePeriodSeconds`,
            terminationGracePeriodSeconds,
            Number.MAX_SAFE_INTEGER,
            "the largest integer a Pulumi program carries exactly",
        );
    }
    return { podManagementPolicy, maxUnavailable, spread, terminationGracePeriodSeconds };
}

/** The user and groups the server runs as: not root unless allowed, IDs Kubernetes accepts. */
function normaliseSecurity(problems: Problems, p: string, c: InClusterArgs) {
    const allowRoot = c.allowRoot === true;
    const runAsUser = c.runAsUser ?? 1000;
    if (checkInteger(problems, `${p}.runAsUser`, runAsUser, 0) && runAsUser === 0 && !allowRoot) {
        problems.add(
            `${p}.runAsUser`,
            "is 0 (root), which the restricted Pod Security Standard forbids; set allowRoot: true to run as root anyway",
        );
    }
    // Kubernetes takes user and group IDs from 0 to 2^31-1 (IsValidUserID, IsValidGroupID).
    checkAtMost(problems, `${p}.runAsUser`, runAsUser, INT32_MAX, "the largest user ID Kubernetes accepts");
    const runAsGroup = c.runAsGroup ?? 1000;
    if (checkInteger(problems, `${p}.runAsGroup`, runAsGroup, 0)) checkAtMost(problems, `${p}.runAsGroup`, runAsGroup, INT32_MAX, GROUP_ID);
    const fsGroup = c.fsGroup ?? 1000;
    if (checkInteger(problems, `${p}.fsGroup`, fsGroup, 0)) checkAtMost(problems, `${p}.fsGroup`, fsGroup, INT32_MAX, GROUP_ID);
    return { allowRoot, runAsUser, runAsGroup, fsGroup };
}

/** A plain image must be given, without white space, and parse as a reference; an Output is checked when it resolves. */
function checkImage(problems: Problems, path: string, image: unknown): void {
    if (image === undefined || image === null || (isPlainString(image) && image.trim() === "")) {
        problems.add(path, 'is required: the image the servers run, e.g. "registry.example.com/team/server:1.0"');
    } else if (isPlainString(image)) {
        const problem = imageSyntaxProblem(image);
        if (problem) problems.add(path, `${show(image)} ${problem}`);
    }
}

/** `command` and `args`: lists of strings, or of Outputs that resolve to strings. */
function checkStrings(problems: Problems, path: string, list: unknown): void {
    if (list === undefined) return;
    if (!Array.isArray(list)) {
        problems.add(path, `${show(list)} is not a list of strings`);
        return;
    }
    list.forEach((v, i) => {
        if (typeof v !== "string" && !isDeferred(v)) problems.add(`${path}[${i}]`, `${show(v)} is not a string`);
    });
}

/** The pods carry the objects' annotations and their own: together they must fit in one object. */
function checkPodAnnotations(
    problems: Problems,
    path: string,
    podAnnotations: unknown,
    objectAnnotations: Map<string, string> | undefined,
) {
    const own = checkAnnotations(problems, path, podAnnotations);
    if (objectAnnotations === undefined) return;
    const bytes = annotationBytes(objectAnnotations, own);
    if (bytes > MAX_ANNOTATION_BYTES) {
        problems.add(
            path,
            `together with annotations come to ${bytes} bytes on each pod; an object's annotations hold at most ${MAX_ANNOTATION_BYTES} (256 KiB)`,
        );
    }
}

/** The environment: each variable named once, never one the component sets, holding text. */
function normaliseEnv(problems: Problems, path: string, env: unknown): EnvVarArgs[] {
    if (env === undefined) return [];
    if (!Array.isArray(env)) {
        problems.add(path, `${show(env)} is not a list of variables`);
        return [];
    }
    const names = new Map<string, number>();
    env.forEach((e: Partial<EnvVarArgs> | undefined, i) => {
        const name = e?.name;
        if (!isEnvName(name)) {
            problems.add(`${path}[${i}].name`, `${show(name)} is not a valid environment variable name`);
        } else if (RESERVED_ENV.includes(name)) {
            problems.add(`${path}[${i}].name`, `${show(name)} is set by the component from the downward API`);
        } else if (names.has(name)) {
            problems.add(`${path}[${i}].name`, `${show(name)} is also the name of env[${names.get(name)}]`);
        } else {
            names.set(name, i);
        }
        const value: unknown = e?.value;
        if (value === undefined || value === null) problems.add(`${path}[${i}].value`, "is required");
        else if (typeof value !== "string" && !isDeferred(value)) {
            problems.add(`${path}[${i}].value`, `${show(value)} is not a string: environment variables hold text`);
        }
        const secret: unknown = e?.secret;
        if (secret !== undefined && typeof secret !== "boolean") problems.add(`${path}[${i}].secret`, `${show(secret)} is not a boolean`);
    });
    return env as EnvVarArgs[];
}
