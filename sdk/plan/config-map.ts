/**
 * Configuration files of the in-cluster members: validated here, rendered as one ConfigMap
 * `<name>-config-<hash>`, mounted read-only into the server container.
 *
 * The name carries a hash of the files. A change therefore creates a new ConfigMap and changes
 * the pod template, and the StatefulSet rolls its pods, one at a time, onto the new files (a
 * ConfigMap updated in place would reach running pods unannounced, and a server that reads its
 * configuration once would never notice); Pulumi deletes the old ConfigMap after the rollout.
 * pulumi-kubernetes would otherwise replace a fixed-name ConfigMap whose data changes, deleting
 * it before creating it again.
 */
import * as crypto from "crypto";
import { PlannedObject, objectMeta } from "./objects";
import { Problems, show } from "../validate/problems";
import { ConfigFilesSpec, EnsembleSpec } from "../model/spec";
import { ConfigFilesArgs } from "../api/args";

/** The pod volume that holds the files. */
export const CONFIG_VOLUME = "config";
/** A ConfigMap holds at most 1 MiB. */
export const CONFIG_MAP_LIMIT = 1024 * 1024;
/** A ConfigMap key: what the API server accepts as a file name. */
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
/** Files are read-only for everyone: the server reads them, nothing writes them. */
const READ_ONLY_MODE = 0o444;

/** The ConfigMap of an ensemble's configuration files: `<name>-config-<first 10 hex digits of their SHA-256>`. */
export function configMapName(name: string, files: Record<string, string>): string {
    return `${name}-config-${filesChecksum(files).slice(0, 10)}`;
}

/** Checks an absolute mount path; records the problem and returns false otherwise. */
export function checkMountPath(problems: Problems, path: string, value: unknown): value is string {
    if (typeof value !== "string" || !value.startsWith("/") || value.includes(":")) {
        problems.add(path, `${show(value)} must be an absolute path without ':'`);
        return false;
    }
    if (/^\/+$/.test(value)) {
        problems.add(path, `${show(value)} would hide the image's whole file system; mount into a directory`);
        return false;
    }
    return true;
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
    if (files === null || typeof files !== "object" || Array.isArray(files) || Object.keys(files).length === 0) {
        problems.add(`${path}.files`, "must map at least one file name to its content");
        return { mountPath: c.mountPath, files: {} };
    }
    let bytes = 0;
    for (const [name, content] of Object.entries(files)) {
        const at = `${path}.files[${JSON.stringify(name)}]`;
        if (!CONFIG_KEY.test(name) || name.length > 253 || name === "." || name === "..") {
            problems.add(at, "is not a valid file name: letters, digits, '-', '_' and '.', at most 253 characters, and not '.' or '..'");
        }
        if (typeof content !== "string") problems.add(at, `${show(content)} is not a string`);
        else bytes += Buffer.byteLength(content, "utf8");
    }
    if (bytes > CONFIG_MAP_LIMIT) {
        problems.add(`${path}.files`, `hold ${bytes} bytes; a ConfigMap holds at most ${CONFIG_MAP_LIMIT} (1 MiB)`);
    }
    return { mountPath: c.mountPath, files: { ...files } };
}

/** The ConfigMap `<name>-config-<hash>`, or nothing when the ensemble has no configuration files. */
export function configMapObjects(spec: EnsembleSpec): PlannedObject[] {
    const files = spec.inCluster?.configFiles;
    if (!files) return [];
    const name = configMapName(spec.name, files.files);
    return [
        {
            kind: "ConfigMap",
            apiVersion: "v1",
            resourceName: name,
            body: { metadata: objectMeta(spec, name), data: { ...files.files } },
        },
    ];
}

/** The pod volume of the ConfigMap. */
export function configVolumes(spec: EnsembleSpec): Record<string, unknown>[] {
    const files = spec.inCluster?.configFiles;
    if (!files) return [];
    return [{ name: CONFIG_VOLUME, configMap: { name: configMapName(spec.name, files.files), defaultMode: READ_ONLY_MODE } }];
}

/** The read-only mount of the ConfigMap in the server container. */
export function configMounts(spec: EnsembleSpec): Record<string, unknown>[] {
    const files = spec.inCluster?.configFiles;
    if (!files) return [];
    return [{ name: CONFIG_VOLUME, mountPath: files.mountPath, readOnly: true }];
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
