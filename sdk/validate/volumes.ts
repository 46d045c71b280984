/**
 * The in-cluster members' volumes: the data volume (`inCluster.storage`), the additional claims
 * (`inCluster.additionalVolumes`) and the configuration files, validated together because they
 * share the rules of claims (size, StorageClass, access modes) and of mounts (no two at one path).
 */
import { ConfigFilesArgs, PvcRetention, SecretVolumeArgs, StorageArgs, VolumeClaimArgs } from "../api/args";
import { RESERVED_VOLUME_NAMES, TMP_VOLUME_MOUNT } from "../model/names";
import { ConfigFilesSpec, InClusterSpec, SecretVolumeSpec, StorageSpec, VolumeClaimSpec } from "../model/spec";
import { DNS_LABEL, DNS_SUBDOMAIN, dnsNameProblem, isDnsName } from "./grammar/dns";
import { ACCESS_MODES, isConfigKey, mountPathProblem } from "./grammar/pod";
import { isPositiveQuantity } from "./grammar/quantity";
import { isObject } from "./grammar/values";
import { Problems, checkEnum, show } from "./problems";

/** A ConfigMap holds at most 1 MiB. */
export const CONFIG_MAP_LIMIT = 1024 * 1024;
const DEFAULT_ACCESS_MODES = ["ReadWriteOnce"];

function checkSize(problems: Problems, path: string, size: unknown): void {
    if (!isPositiveQuantity(size)) problems.add(path, `${show(size)} is not a positive Kubernetes quantity such as "10Gi"`);
}

function checkMountPath(problems: Problems, path: string, value: unknown): void {
    const problem = mountPathProblem(value);
    if (problem) problems.add(path, problem);
}

/** A StorageClass name is a DNS subdomain, wherever a claim names one. */
function checkStorageClass(problems: Problems, path: string, value: unknown): void {
    const problem = value === undefined ? undefined : dnsNameProblem(value, DNS_SUBDOMAIN);
    if (problem) problems.add(path, problem);
}

function checkAccessModes(problems: Problems, path: string, modes: unknown): void {
    if (!Array.isArray(modes) || modes.length === 0) {
        problems.add(path, "must list at least one access mode");
        return;
    }
    modes.forEach((m, i) => {
        if (!ACCESS_MODES.includes(m)) problems.add(`${path}[${i}]`, `${show(m)} is not one of ${ACCESS_MODES.join(", ")}`);
    });
}

/** Validates `inCluster.storage`. */
export function normaliseStorage(problems: Problems, s: StorageArgs): StorageSpec {
    const path = "inCluster.storage";
    checkSize(problems, `${path}.size`, s.size);
    const mountPath = s.mountPath ?? "/data";
    checkMountPath(problems, `${path}.mountPath`, mountPath);
    const accessModes = s.accessModes ?? DEFAULT_ACCESS_MODES;
    checkAccessModes(problems, `${path}.accessModes`, accessModes);
    checkStorageClass(problems, `${path}.storageClassName`, s.storageClassName);
    const whenDeleted = s.whenDeleted ?? PvcRetention.Retain;
    const whenScaled = s.whenScaled ?? PvcRetention.Retain;
    checkEnum(problems, `${path}.whenDeleted`, whenDeleted, PvcRetention);
    checkEnum(problems, `${path}.whenScaled`, whenScaled, PvcRetention);
    return { size: s.size, mountPath, storageClassName: s.storageClassName, accessModes, whenDeleted, whenScaled };
}

/** Validates `inCluster.additionalVolumes`. */
export function normaliseVolumeClaims(problems: Problems, volumes: VolumeClaimArgs[] | undefined): VolumeClaimSpec[] {
    const path = "inCluster.additionalVolumes";
    if (volumes === undefined) return [];
    if (!Array.isArray(volumes)) {
        problems.add(path, `${show(volumes)} is not a list`);
        return [];
    }
    const names = new Map<string, string>();
    return volumes.map((raw, i) => {
        const at = `${path}[${i}]`;
        const v = (raw ?? {}) as Partial<VolumeClaimArgs>;
        checkVolumeName(problems, `${at}.name`, v.name, names, `additionalVolumes[${i}]`);
        checkMountPath(problems, `${at}.mountPath`, v.mountPath);
        checkSize(problems, `${at}.size`, v.size);
        checkStorageClass(problems, `${at}.storageClassName`, v.storageClassName);
        const accessModes = v.accessModes ?? DEFAULT_ACCESS_MODES;
        checkAccessModes(problems, `${at}.accessModes`, accessModes);
        return {
            name: v.name as string,
            mountPath: v.mountPath as string,
            size: v.size as string,
            storageClassName: v.storageClassName,
            accessModes,
        };
    });
}

/**
 * A pod volume's name: a DNS label, none of the component's own, and used once. `names` maps the
 * names seen so far to the field that holds them; `field` is this one's.
 */
function checkVolumeName(problems: Problems, path: string, name: unknown, names: Map<string, string>, field: string): void {
    if (!isDnsName(name, DNS_LABEL)) {
        problems.add(
            path,
            `${show(name)} is not a volume name: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit`,
        );
    } else if (RESERVED_VOLUME_NAMES.includes(name)) {
        problems.add(path, `${show(name)} is the name of a volume the component mounts itself`);
    } else if (names.has(name)) {
        problems.add(path, `${show(name)} is also the name of ${names.get(name)}`);
    } else {
        names.set(name, field);
    }
}

/**
 * Validates `inCluster.secretVolumes`. Their names share the pod's volume names with the
 * additional volumes, so those count as taken (they are reported at their own path).
 */
export function normaliseSecretVolumes(
    problems: Problems,
    volumes: SecretVolumeArgs[] | undefined,
    claims: VolumeClaimArgs[] | undefined,
): SecretVolumeSpec[] {
    const path = "inCluster.secretVolumes";
    if (volumes === undefined) return [];
    if (!Array.isArray(volumes)) {
        problems.add(path, `${show(volumes)} is not a list`);
        return [];
    }
    const names = new Map<string, string>();
    if (Array.isArray(claims)) claims.forEach((c, i) => typeof c?.name === "string" && names.set(c.name, `additionalVolumes[${i}]`));
    return volumes.map((raw, i) => {
        const at = `${path}[${i}]`;
        const v = (raw ?? {}) as Partial<SecretVolumeArgs>;
        checkVolumeName(problems, `${at}.name`, v.name, names, `secretVolumes[${i}]`);
        const problem = dnsNameProblem(v.secretName, DNS_SUBDOMAIN);
        if (problem) problems.add(`${at}.secretName`, problem);
        checkMountPath(problems, `${at}.mountPath`, v.mountPath);
        return { name: v.name as string, secretName: v.secretName as string, mountPath: v.mountPath as string };
    });
}

/** Validates `inCluster.configFiles`. */
export function normaliseConfigFiles(problems: Problems, c: ConfigFilesArgs | undefined): ConfigFilesSpec | undefined {
    const path = "inCluster.configFiles";
    if (c === undefined) return undefined;
    if (c === null || typeof c !== "object") {
        problems.add(path, `${show(c)} is not an object with mountPath and files`);
        return undefined;
    }
    checkMountPath(problems, `${path}.mountPath`, c.mountPath);
    const files = c.files;
    if (!isObject(files) || Object.keys(files).length === 0) {
        problems.add(`${path}.files`, "must map at least one file name to its content");
        return { mountPath: c.mountPath, files: {} };
    }
    for (const [name, content] of Object.entries(files)) {
        const at = `${path}.files[${JSON.stringify(name)}]`;
        if (!isConfigKey(name)) {
            problems.add(at, "is not a valid file name: letters, digits, '-', '_' and '.', at most 253 characters, and not '.' or '..'");
        }
        if (typeof content !== "string") problems.add(at, `${show(content)} is not a string`);
    }
    checkConfigMapSize(problems, files);
    return { mountPath: c.mountPath, files: { ...(files as Record<string, string>) } };
}

/** The files' text must fit in one ConfigMap. */
export function checkConfigMapSize(problems: Problems, files: Record<string, unknown>): void {
    let bytes = 0;
    for (const content of Object.values(files)) if (typeof content === "string") bytes += Buffer.byteLength(content, "utf8");
    if (bytes > CONFIG_MAP_LIMIT) {
        problems.add("inCluster.configFiles.files", `hold ${bytes} bytes; a ConfigMap holds at most ${CONFIG_MAP_LIMIT} (1 MiB)`);
    }
}

/** No two volumes of the server container may mount at the same path (the API server refuses it). */
export function checkDistinctMounts(problems: Problems, c: InClusterSpec): void {
    const mounts: { path: string; mountPath: string }[] = [];
    if (c.storage) mounts.push({ path: "inCluster.storage.mountPath", mountPath: c.storage.mountPath });
    if (c.readOnlyRootFilesystem) mounts.push({ path: "the /tmp emptyDir of a read-only root file system", mountPath: TMP_VOLUME_MOUNT });
    if (c.configFiles) mounts.push({ path: "inCluster.configFiles.mountPath", mountPath: c.configFiles.mountPath });
    c.additionalVolumes.forEach((v, i) => mounts.push({ path: `inCluster.additionalVolumes[${i}].mountPath`, mountPath: v.mountPath }));
    c.secretVolumes.forEach((v, i) => mounts.push({ path: `inCluster.secretVolumes[${i}].mountPath`, mountPath: v.mountPath }));
    const seen = new Map<string, { path: string; mountPath: string }>();
    for (const m of mounts) {
        if (typeof m.mountPath !== "string") continue;
        const key = m.mountPath.replace(/\/+$/, "");
        const first = seen.get(key);
        if (first === undefined) seen.set(key, m);
        // The problem goes to the user's field, with the value the user wrote there.
        else if (m.path.startsWith("inCluster."))
            problems.add(m.path, `${show(m.mountPath)} is also the mount path of ${problems.nameOf(first.path)}`);
        else problems.add(first.path, `${show(first.mountPath)} is also the mount path of ${problems.nameOf(m.path)}`);
    }
}
