/**
 * Environment values that must not sit in the pod spec go through one Kubernetes Secret,
 * `<name>-env`, that the container reads with `secretKeyRef`. A value goes there when it is not
 * a plain string (a `pulumi.secret`, any Output or Promise: whether an Output is secret is only
 * known once it resolves, and which objects exist must not depend on that) or when it is marked
 * `secret: true`. Only plain strings the user wrote in the program stay inline.
 * @see https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables
 */
import type * as k8s from "@pulumi/kubernetes/types/input";
import { PlannedObject, objectMeta, planned } from "./objects";
import { envSecretName } from "../model/names";
import { EnsembleSpec } from "../model/spec";
import { EnvVarArgs } from "../api/args";

/** Whether an environment value is stored in the Secret rather than inline. Decided from plain values only. */
export function isSecretEnv(e: EnvVarArgs): boolean {
    return e.secret === true || typeof e.value !== "string";
}

/** The container's entry for `e`: its value inline, or a reference to its key in the Secret. */
export function envVar(spec: EnsembleSpec, e: EnvVarArgs): k8s.core.v1.EnvVar {
    if (!isSecretEnv(e)) return { name: e.name, value: e.value };
    return { name: e.name, valueFrom: { secretKeyRef: { name: envSecretName(spec.name), key: e.name } } };
}

/**
 * The Secret, when some value needs it and members run in the cluster. Its keys are the
 * variables' names, which validation keeps within what Secret keys allow. @pulumi/kubernetes
 * marks `stringData` secret in every output and in the state, whatever the values' own marking.
 */
export function envSecrets(spec: EnsembleSpec): PlannedObject[] {
    const entries = (spec.inCluster?.env ?? []).filter(isSecretEnv);
    if (entries.length === 0) return [];
    const name = envSecretName(spec.name);
    return [
        planned("Secret", name, {
            metadata: objectMeta(spec, name),
            type: "Opaque",
            stringData: Object.fromEntries(entries.map((e) => [e.name, e.value])),
        }),
    ];
}
