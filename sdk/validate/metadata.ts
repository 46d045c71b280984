/**
 * What the API server accepts as label keys and values and as annotations, so a bad label is
 * refused with its path before anything is registered instead of by the API server halfway
 * through an update.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations/#syntax-and-character-set
 */
import { labelValueProblem, qualifiedNameProblem } from "./grammar/dns";
import { Problems, show } from "./problems";
import { NO_PODS_LABEL } from "../model/names";
import { isObject } from "./grammar/values";

/** The most bytes all annotations of one object may hold: apimachinery's TotalAnnotationSizeLimitB. */
export const MAX_ANNOTATION_BYTES = 256 * 1024;

/**
 * Labels the component sets itself. A user value would be overwritten on some objects and
 * kept on others, or would change a selector that must never change.
 */
export const COMPONENT_LABELS: Readonly<Record<string, string>> = {
    "app.kubernetes.io/name": "the component sets it from appName, and it is part of the pod selector",
    "app.kubernetes.io/instance": "the component sets it to its own name, and it is part of the pod selector",
    "app.kubernetes.io/component": "the component sets it from the component argument",
    "app.kubernetes.io/managed-by": "the component sets it",
    "kubernetes.io/service-name": "the component sets it on its EndpointSlices to tie each to its Service",
    "endpointslice.kubernetes.io/managed-by":
        "the component sets it on its EndpointSlices so the EndpointSlice controller leaves them alone",
    "endpointslice.kubernetes.io/skip-mirror": "the component sets it on legacy Endpoints",
    "statefulset.kubernetes.io/pod-name": "the StatefulSet controller sets it on each pod",
    "apps.kubernetes.io/pod-index": "the StatefulSet controller sets it on each pod",
    "controller-revision-hash": "the StatefulSet controller sets it on each pod",
    // On a Service these change how kube-proxy treats it: labels go on every object, Services included.
    "service.kubernetes.io/service-proxy-name": "on the ensemble's Services it would make kube-proxy ignore them",
    "service.kubernetes.io/headless": "on the client Service it would make kube-proxy ignore it",
};

function entries(problems: Problems, path: string, map: unknown): [string, unknown][] {
    if (map === undefined) return [];
    if (!isObject(map)) {
        problems.add(path, `${show(map)} is not a map of strings`);
        return [];
    }
    return Object.entries(map as Record<string, unknown>);
}

/**
 * Checks a map of labels; keys in `COMPONENT_LABELS` are refused unless `allowOwn`
 * (a nodeSelector may match any node label).
 */
export function checkLabels(problems: Problems, path: string, labels: unknown, allowOwn = false): void {
    for (const [key, value] of entries(problems, path, labels)) {
        const at = `${path}[${JSON.stringify(key)}]`;
        const keyProblem = qualifiedNameProblem(key);
        if (keyProblem) problems.add(at, `is not a valid label key: it ${keyProblem}`);
        else if (!allowOwn && key in COMPONENT_LABELS) problems.add(at, `may not be set: ${COMPONENT_LABELS[key]}`);
        const valueProblem = labelValueProblem(value);
        if (valueProblem) problems.add(at, `${show(value)} ${valueProblem}`);
    }
}

/** Checks a map of annotations: every key a qualified name, every value a string. Returns the valid entries. */
export function checkAnnotations(problems: Problems, path: string, annotations: unknown): Map<string, string> {
    const valid = new Map<string, string>();
    for (const [key, value] of entries(problems, path, annotations)) {
        const at = `${path}[${JSON.stringify(key)}]`;
        const keyProblem = qualifiedNameProblem(key);
        if (keyProblem) problems.add(at, `is not a valid annotation key: it ${keyProblem}`);
        if (typeof value !== "string") problems.add(at, `${show(value)} is not a string`);
        else valid.set(key, value);
    }
    return valid;
}

/** The bytes the API server counts against {@link MAX_ANNOTATION_BYTES}: every key and value, UTF-8, later maps overriding earlier ones. */
export function annotationBytes(...maps: Map<string, string>[]): number {
    const merged = new Map<string, string>();
    for (const m of maps) for (const [k, v] of m) merged.set(k, v);
    let bytes = 0;
    for (const [k, v] of merged) bytes += Buffer.byteLength(k, "utf8") + Buffer.byteLength(v, "utf8");
    return bytes;
}

/** The label that makes a Service select no pod must never be on a pod: refuse it in user labels. */
export function checkReservedLabel(problems: Problems, path: string, labels: unknown): void {
    if (isObject(labels) && Object.prototype.hasOwnProperty.call(labels, NO_PODS_LABEL)) {
        problems.add(
            `${path}[${JSON.stringify(NO_PODS_LABEL)}]`,
            "is reserved: the component selects no pod with it, so Services that must not reach the pods never lose their selector",
        );
    }
}

/**
 * Checks the labels and annotations every object carries. Returns the annotations when they fit
 * in an object, for the pods' total to be checked against; undefined when they do not.
 */
export function checkObjectMetadata(problems: Problems, labels: unknown, annotations: unknown): Map<string, string> | undefined {
    checkReservedLabel(problems, "labels", labels);
    checkLabels(problems, "labels", labels);
    const valid = checkAnnotations(problems, "annotations", annotations);
    const bytes = annotationBytes(valid);
    if (bytes <= MAX_ANNOTATION_BYTES) return valid;
    problems.add("annotations", `come to ${bytes} bytes; an object's annotations hold at most ${MAX_ANNOTATION_BYTES} (256 KiB)`);
    return undefined;
}
