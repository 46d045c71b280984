/**
 * What the API server accepts in the fields of a pod and its volumes: environment variable
 * names, ConfigMap keys, mount paths, access modes and pull policies.
 * @see https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/
 */
import { show } from "../problems";

/** An environment variable name as the API server accepts it (C identifier, dots and dashes allowed). */
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
/** A ConfigMap key: what the API server accepts as a file name. */
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

/** The access modes of a PersistentVolumeClaim. */
export const ACCESS_MODES = ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"];
/** When the kubelet pulls a container's image. */
export const PULL_POLICIES = ["Always", "IfNotPresent", "Never"];

export function isEnvName(value: unknown): value is string {
    return typeof value === "string" && ENV_NAME.test(value);
}

/** Whether `name` is a ConfigMap key, and so a file name in a ConfigMap volume. */
export function isConfigKey(name: string): boolean {
    return CONFIG_KEY.test(name) && name.length <= 253 && name !== "." && name !== "..";
}

/** Why `value` is refused as a container's mount path (the value shown first), or undefined. */
export function mountPathProblem(value: unknown): string | undefined {
    if (typeof value !== "string" || !value.startsWith("/") || value.includes(":"))
        return `${show(value)} must be an absolute path without ':'`;
    if (/^\/+$/.test(value)) return `${show(value)} would hide the image's whole file system; mount into a directory`;
    return undefined;
}
