import { isIP } from "net";

/** An EndpointSlice address family. */
import type { AddressFamily } from "../../model/spec";

/** A parsed IP address: its family and its canonical text (what duplicates are compared by). */
export interface ParsedIp {
    readonly family: AddressFamily;
    readonly canonical: string;
}

/** Why Kubernetes would refuse an address as an endpoint, or undefined when it would take it. */
export type IpRejection = string | undefined;

/**
 * Parses an IPv4 or IPv6 literal. Returns undefined for anything else, including IPv6 zone
 * identifiers (`fe80::1%eth0`), which an EndpointSlice cannot carry, and IPv4 with leading
 * zeros, which the API server rejects as ambiguous since Kubernetes 1.20.
 */
export function parseIp(text: string): ParsedIp | undefined {
    if (text.includes("%")) return undefined;
    switch (isIP(text)) {
        case 4:
            return { family: "IPv4", canonical: text };
        case 6:
            return { family: "IPv6", canonical: canonicalIpv6(text) };
        default:
            return undefined;
    }
}

/**
 * The zone of an IPv6 address with one (`eth0` of `fe80::1%eth0`), or undefined: for a message
 * that names the zone rather than calling the whole text no address.
 */
export function ipv6Zone(text: string): string | undefined {
    const percent = text.indexOf("%");
    if (percent < 0) return undefined;
    return isIP(text.slice(0, percent)) === 6 ? text.slice(percent + 1) : undefined;
}

/**
 * Says why the API server's endpoint-address validation (ValidateEndpointIP) would reject this
 * address, or why it can never reach a server elsewhere (multicast, broadcast).
 */
export function endpointRejection(ip: ParsedIp): IpRejection {
    const mapped = ip.family === "IPv6" ? mappedIpv4(ip.canonical) : undefined;
    if (mapped !== undefined) {
        // Strict IP validation (KEP-4858) refuses these; the IPv4 address itself is what works.
        return `is an IPv4-mapped IPv6 address; give the IPv4 address ${mapped} instead`;
    }
    if (ip.family === "IPv4") {
        const v4 = ip.canonical;
        const [a, b] = v4.split(".").map(Number);
        if (v4 === "0.0.0.0") return "is the unspecified address";
        if (a === 127) return "is a loopback address (127.0.0.0/8)";
        if (a === 169 && b === 254) return "is a link-local address (169.254.0.0/16)";
        if (a >= 224 && a <= 239) return "is a multicast address (224.0.0.0/4)";
        if (v4 === "255.255.255.255") return "is the broadcast address";
        return undefined;
    }
    const groups = ipv6Groups(ip.canonical);
    if (groups.every((g) => g === 0)) return "is the unspecified address (::)";
    if (groups.slice(0, 7).every((g) => g === 0) && groups[7] === 1) return "is a loopback address (::1)";
    if ((groups[0] & 0xffc0) === 0xfe80) return "is a link-local address (fe80::/10)";
    if ((groups[0] & 0xff00) === 0xff00) return "is a multicast address (ff00::/8)";
    return undefined;
}

function ipv6Groups(text: string): number[] {
    let head = text;
    let tailV4: number[] = [];
    const lastColon = text.lastIndexOf(":");
    const last = text.slice(lastColon + 1);
    if (last.includes(".")) {
        const o = last.split(".").map(Number);
        tailV4 = [(o[0] << 8) | o[1], (o[2] << 8) | o[3]];
        head = text.slice(0, lastColon + 1) + "0";
    }
    const [left, right] = head.includes("::") ? head.split("::") : [head, undefined];
    const parse = (s: string | undefined) => (s ? s.split(":").map((g) => parseInt(g, 16)) : []);
    const l = parse(left);
    const r = parse(right);
    const width = tailV4.length ? 7 : 8;
    const groups = right === undefined ? l : [...l, ...new Array(width - l.length - r.length).fill(0), ...r];
    return tailV4.length ? [...groups.slice(0, 6), ...tailV4] : groups;
}

/** RFC 5952 text form: lowercase, no leading zeros, the longest run of zero groups as `::`. */
function canonicalIpv6(text: string): string {
    const groups = ipv6Groups(text);
    let bestStart = -1;
    let bestLen = 1;
    for (let i = 0; i < 8;) {
        if (groups[i] !== 0) {
            i++;
            continue;
        }
        let j = i;
        while (j < 8 && groups[j] === 0) j++;
        if (j - i > bestLen) {
            bestStart = i;
            bestLen = j - i;
        }
        i = j;
    }
    const hex = groups.map((g) => g.toString(16));
    if (bestStart < 0) return hex.join(":");
    return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLen).join(":")}`;
}

function mappedIpv4(canonical: string): string | undefined {
    const g = ipv6Groups(canonical);
    if (!g.slice(0, 5).every((x) => x === 0) || g[5] !== 0xffff) return undefined;
    return [g[6] >> 8, g[6] & 0xff, g[7] >> 8, g[7] & 0xff].join(".");
}
