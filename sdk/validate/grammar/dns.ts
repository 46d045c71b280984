/**
 * The names Kubernetes accepts: DNS labels and subdomains for object names, IANA service names
 * for ports, qualified names and label values for labels and annotations. Each rule is defined
 * here once; validators only say which rule a field follows.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set
 */
import { show } from "../problems";
import { badCharacter } from "./characters";

/** RFC 1123 label: most object names, namespaces. */
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** RFC 1035 label: Service names, which must start with a letter. */
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
/** RFC 1123 subdomain: dot-separated labels (StorageClass, PriorityClass, label key prefixes). */
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const SUBDOMAIN_CHAR = /^[-a-z0-9.]$/;
/** The name part of a qualified name, and a label value. */
const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const NAME_CHAR = /^[-A-Za-z0-9_.]$/;

/** A kind of DNS name: its pattern, its length limit and how it must start. */
export interface DnsRule {
    readonly pattern: RegExp;
    readonly max: number;
    readonly start: string;
}

/** An RFC 1123 label of at most 63 characters. */
export const DNS_LABEL: DnsRule = { pattern: DNS1123_LABEL, max: 63, start: "a lowercase letter or digit" };
/** An RFC 1035 label; `max` is the caller's (a StatefulSet name holds 52). */
export const RFC1035_LABEL: DnsRule = { pattern: DNS1035_LABEL, max: 63, start: "a letter" };
/** An RFC 1123 subdomain of at most 253 characters. */
export const DNS_SUBDOMAIN: DnsRule = { pattern: DNS1123_SUBDOMAIN, max: 253, start: "a lowercase letter or digit" };

/** Whether `value` is a name of the `rule`. */
export function isDnsName(value: unknown, rule: DnsRule): value is string {
    return typeof value === "string" && value.length > 0 && value.length <= rule.max && rule.pattern.test(value);
}

/** Why `value` is not a name of the `rule` (the value shown first), or undefined. */
export function dnsNameProblem(value: unknown, rule: DnsRule): string | undefined {
    if (typeof value !== "string" || value.length === 0) return `${show(value)} is not a name: it must be a non-empty string`;
    if (value.length > rule.max) return `${show(value)} is ${value.length} characters long; the limit is ${rule.max}`;
    if (!rule.pattern.test(value)) {
        return `${show(value)} is not a valid Kubernetes name: lowercase letters, digits and '-', starting with ${rule.start} and ending with a letter or digit${badCharacter(value, SUBDOMAIN_CHAR)}`;
    }
    return undefined;
}

/**
 * Why `value` is not an IANA service name, what Kubernetes requires of port names so kube-proxy
 * can match Service, EndpointSlice and container ports by name (RFC 6335 §5.1), or undefined.
 */
export function ianaServiceNameProblem(value: unknown): string | undefined {
    if (typeof value !== "string" || value.length === 0) return "must be a non-empty string";
    if (value.length > 15) return `is ${value.length} characters long; a port name holds at most 15`;
    if (!/^[a-z0-9-]+$/.test(value)) return `may only contain lowercase letters, digits and '-'${badCharacter(value, /^[-a-z0-9]$/)}`;
    if (!/[a-z]/.test(value)) return "must contain at least one letter";
    if (value.startsWith("-") || value.endsWith("-")) return "may not start or end with '-'";
    if (value.includes("--")) return "may not contain '--'";
    return undefined;
}

/** Why Kubernetes refuses `key` as a label or annotation key (a qualified name), or undefined. */
export function qualifiedNameProblem(key: string): string | undefined {
    const parts = key.split("/");
    if (parts.length > 2) return "has more than one '/'";
    const [prefix, name] = parts.length === 2 ? parts : [undefined, parts[0]];
    if (prefix !== undefined) {
        if (prefix.length === 0) return "has an empty prefix before '/'";
        if (prefix.length > DNS_SUBDOMAIN.max) return `has a prefix of ${prefix.length} characters; the limit is ${DNS_SUBDOMAIN.max}`;
        if (!DNS1123_SUBDOMAIN.test(prefix)) {
            return `has a prefix that is not a DNS subdomain (lowercase letters, digits, '-' and '.')${badCharacter(prefix, SUBDOMAIN_CHAR)}`;
        }
    }
    if (name.length === 0) return "has an empty name";
    if (name.length > 63) return `has a name part of ${name.length} characters; the limit is 63`;
    if (!NAME_PART.test(name)) {
        return `has a name part that is not letters, digits, '-', '_' and '.' between a letter or digit at each end${badCharacter(name, NAME_CHAR)}`;
    }
    return undefined;
}

/** Why Kubernetes refuses `value` as a label value, or undefined. */
export function labelValueProblem(value: unknown): string | undefined {
    if (typeof value !== "string") return "is not a string";
    if (value.length > 63) return `is ${value.length} characters long; a label value holds at most 63`;
    if (value !== "" && !NAME_PART.test(value)) {
        return `is not letters, digits, '-', '_' and '.' between a letter or digit at each end${badCharacter(value, NAME_CHAR)}`;
    }
    return undefined;
}
