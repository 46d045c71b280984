/** Multi-document YAML of rendered objects, as `kubectl apply -f` takes it. */
import { stringify } from "yaml";
import { KubernetesObject } from "./objects";

export const REDACTED = "<redacted>";

/** A Secret with its values replaced, so rendered output can be pasted into a review. */
export function redactSecret(o: KubernetesObject): KubernetesObject {
    if (o.kind !== "Secret") return o;
    const redact = (map: unknown) =>
        map && typeof map === "object" ? Object.fromEntries(Object.keys(map).map((k) => [k, REDACTED])) : map;
    return { ...o, ...(o.data ? { data: redact(o.data) } : {}), ...(o.stringData ? { stringData: redact(o.stringData) } : {}) };
}

export function toYamlDocument(o: KubernetesObject): string {
    return stringify(o, { lineWidth: 0, aliasDuplicateObjects: false });
}

export function toYaml(objects: readonly KubernetesObject[]): string {
    return objects.map((o) => `---\n${toYamlDocument(o)}`).join("");
}
