/**
 * Checks of the values that are only known at deployment: fields given as Pulumi Outputs or
 * Promises. Validation cannot see them, so each is wrapped to be checked when it resolves; a bad
 * value then fails the deployment with an EnsembleArgsError naming the field, as a plain value
 * would have failed validation, instead of reaching the API server or the kubelet.
 *
 * Which objects exist never depends on these values: only fields are filled from them.
 */
import * as pulumi from "@pulumi/pulumi";
import { imageSyntaxProblem } from "./grammar/image";
import { EnsembleArgsError, show } from "./problems";
import { envSecretName } from "../model/names";
import { InClusterSpec } from "../model/spec";
import { isDeferred } from "./grammar/values";

/** Why a resolved value is refused, or undefined. */
type Check = (value: unknown) => string | undefined;

function stringProblem(value: unknown): string | undefined {
    return typeof value === "string" ? undefined : "is not a string";
}

function imageProblem(value: unknown): string | undefined {
    if (typeof value !== "string") return "is not a string";
    if (value.trim() === "") return "is empty: an image is required";
    return imageSyntaxProblem(value);
}

/**
 * Wraps `value` so it is checked when it resolves. Plain values are returned as they are:
 * validation has checked them already. `secretProblem`, when given, refuses a secret value (a
 * field of the pod spec, which anyone who may read the StatefulSet reads) and says what to do.
 */
export function checkedAtResolution<T>(
    component: string,
    path: string,
    value: pulumi.Input<T>,
    check: Check,
    secretProblem?: string,
): pulumi.Input<T> {
    if (!isDeferred(value)) return value;
    const output = pulumi.output(value);
    return pulumi.all([output, pulumi.isSecret(output)]).apply(([resolved, secret]) => {
        const problem =
            secret && secretProblem
                ? `resolved to a secret, which would be stored in the pod spec in plain text: ${secretProblem}`
                : reason(resolved, check);
        if (problem) throw new EnsembleArgsError(component, [`${path} ${problem}`]);
        return resolved;
    }) as pulumi.Output<T>;
}

function reason(value: unknown, check: Check): string | undefined {
    const problem = check(value);
    return problem && `resolved to ${show(value)}, which ${problem}`;
}

/** The in-cluster block with every deferred field wrapped in its check. */
export function checkInClusterAtResolution(kind: string, name: string, c: InClusterSpec): InClusterSpec {
    const component = `${kind} ${JSON.stringify(name)}`;
    const inline = `put the value in inCluster.env (it is stored in the Secret "${envSecretName(name)}") and refer to it as $(NAME)`;
    const list = (field: "command" | "args") =>
        c[field]?.map((v, i) => checkedAtResolution(component, `inCluster.${field}[${i}]`, v, stringProblem, inline));
    return {
        ...c,
        image: checkedAtResolution(component, "inCluster.image", c.image, imageProblem, "an image cannot come from a Secret"),
        command: list("command"),
        args: list("args"),
        // Deferred env values go to the Secret, so a secret one is where it belongs.
        env: c.env.map((e, i) => ({ ...e, value: checkedAtResolution(component, `inCluster.env[${i}].value`, e.value, stringProblem) })),
    };
}
