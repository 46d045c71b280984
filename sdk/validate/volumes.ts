/**
 * Additional persistent volumes of the in-cluster members (e.g. a separate disk for a
 * write-ahead log): more volumeClaimTemplates of the StatefulSet, and their mounts.
 * volumeClaimTemplates cannot change on a live StatefulSet, so the list belongs to the
 * replacement-forcing fields: it depends only on the in-cluster block, never on the mode.
 */
import { CONFIG_VOLUME, checkMountPath } from "../plan/config-map";
import { Problems, show } from "./problems";
import { InClusterSpec, VolumeClaimSpec } from "../model/spec";
import { VolumeClaimArgs } from "../api/args";
import { quantityNumber } from "./grammar/quantity";

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const ACCESS_MODES = ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"];
/** Volume names the component uses itself: the data claim, the /tmp emptyDir and the configuration files. */
export const RESERVED_VOLUME_NAMES = ["data", "tmp", CONFIG_VOLUME];

/** Validates `inCluster.additionalVolumes`. */
export function normaliseVolumeClaims(problems: Problems, volumes: VolumeClaimArgs[] | undefined): VolumeClaimSpec[] {
    const path = "inCluster.additionalVolumes";
    if (volumes === undefined) return [];
    if (!Array.isArray(volumes)) {
        problems.add(path, `${show(volumes)} is not a list`);
        return [];
    }
    const names = new Map<string, number>();
    return volumes.map((raw, i) => {
        const at = `${path}[${i}]`;
        const v = (raw ?? {}) as Partial<VolumeClaimArgs>;
        if (typeof v.name !== "string" || v.name.length > 63 || !DNS1123_LABEL.test(v.name)) {
            problems.add(
                `${at}.name`,
                `${show(v.name)} is not a volume name: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit`,
            );
        } else if (RESERVED_VOLUME_NAMES.includes(v.name)) {
            problems.add(`${at}.name`, `${show(v.name)} is the name of a volume the component mounts itself`);
        } else if (names.has(v.name)) {
            problems.add(`${at}.name`, `${show(v.name)} is also the name of additionalVolumes[${names.get(v.name)}]`);
        } else {
            names.set(v.name, i);
        }
        checkMountPath(problems, `${at}.mountPath`, v.mountPath);
        const bytes = quantityNumber(v.size);
        if (bytes === undefined || !(bytes > 0)) {
            problems.add(`${at}.size`, `${show(v.size)} is not a positive Kubernetes quantity such as "10Gi"`);
        }
        if (v.storageClassName !== undefined && (typeof v.storageClassName !== "string" || !DNS1123_SUBDOMAIN.test(v.storageClassName))) {
            problems.add(`${at}.storageClassName`, `${show(v.storageClassName)} is not a valid StorageClass name`);
        }
        const accessModes = v.accessModes ?? ["ReadWriteOnce"];
        if (!Array.isArray(accessModes) || accessModes.length === 0) {
            problems.add(`${at}.accessModes`, "must list at least one access mode");
        } else {
            accessModes.forEach((m, j) => {
                if (!ACCESS_MODES.includes(m))
                    problems.add(`${at}.accessModes[${j}]`, `${show(m)} is not one of ${ACCESS_MODES.join(", ")}`);
            });
        }
        return {
            name: v.name as string,
            mountPath: v.mountPath as string,
            size: v.size as string,
            storageClassName: v.storageClassName,
            accessModes,
        };
    });
}

/** No two volumes of the server container may mount at the same path (the API server refuses it). */
export function checkDistinctMounts(problems: Problems, c: InClusterSpec): void {
    const mounts: { path: string; mountPath: string }[] = [];
    if (c.storage) mounts.push({ path: "inCluster.storage.mountPath", mountPath: c.storage.mountPath });
    if (c.readOnlyRootFilesystem) mounts.push({ path: "the /tmp emptyDir of a read-only root file system", mountPath: "/tmp" });
    if (c.configFiles) mounts.push({ path: "inCluster.configFiles.mountPath", mountPath: c.configFiles.mountPath });
    c.additionalVolumes.forEach((v, i) => mounts.push({ path: `inCluster.additionalVolumes[${i}].mountPath`, mountPath: v.mountPath }));
    const seen = new Map<string, string>();
    for (const m of mounts) {
        if (typeof m.mountPath !== "string") continue;
        const key = m.mountPath.replace(/\/+$/, "");
        const first = seen.get(key);
        if (first === undefined) seen.set(key, m.path);
        else if (m.path.startsWith("inCluster.")) problems.add(m.path, `${show(m.mountPath)} is also the mount path of ${first}`);
        else problems.add(first, `${show(m.mountPath)} is also the mount path of ${m.path}`);
    }
}

/** The volumeClaimTemplates of the additional volumes, after the data volume's. */
export function additionalClaimTemplates(c: InClusterSpec): Record<string, unknown>[] {
    return c.additionalVolumes.map((v) => ({
        metadata: { name: v.name },
        spec: {
            accessModes: v.accessModes,
            ...(v.storageClassName ? { storageClassName: v.storageClassName } : {}),
            resources: { requests: { storage: v.size } },
        },
    }));
}

/** The server container's mounts of the additional volumes. */
export function additionalVolumeMounts(c: InClusterSpec): Record<string, unknown>[] {
    return c.additionalVolumes.map((v) => ({ name: v.name, mountPath: v.mountPath }));
}
