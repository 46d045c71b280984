/** Validation of the `external` block: every member an IP address Kubernetes accepts as an endpoint, each ordinal once. */
import { ExternalArgs } from "../api/args";
import { ExternalMemberSpec, ExternalSpec } from "../model/spec";
import { MAX_MEMBERS, checkAtMost } from "./bounds";
import { endpointRejection, ipv6Zone, parseIp } from "./grammar/ip";
import { INT32_MAX, isInteger } from "./grammar/values";
import { Problems, checkInteger, show } from "./problems";

/** The external block as validated, and how many members it lists (valid or not). */
export interface NormalisedExternal {
    readonly spec: ExternalSpec;
    readonly listed: number;
}

/** Validates `external`. */
export function normaliseExternal(problems: Problems, e: ExternalArgs): NormalisedExternal {
    const p = "external.members";
    const legacyEndpoints = e.legacyEndpoints === true;
    if (!Array.isArray(e.members) || e.members.length === 0) {
        problems.add(p, "must list at least one member");
        return { spec: { members: [], legacyEndpoints }, listed: 0 };
    }
    if (e.members.length > MAX_MEMBERS) {
        problems.add(p, `lists ${e.members.length} members; the limit is ${MAX_MEMBERS}`);
    }
    const members: ExternalMemberSpec[] = [];
    const byAddress = new Map<string, number>();
    const byOrdinal = new Map<number, number>();
    e.members.forEach((m, i) => {
        const address = m?.address;
        const ip = typeof address === "string" ? parseIp(address) : undefined;
        const zone = typeof address === "string" ? ipv6Zone(address) : undefined;
        if (zone !== undefined) {
            problems.add(
                `${p}[${i}].address`,
                `${show(address)} has an IPv6 zone (%${zone}), which an EndpointSlice address cannot carry; give the address without it`,
            );
        } else if (!ip) {
            problems.add(
                `${p}[${i}].address`,
                `${show(address)} is not an IPv4 or IPv6 address (DNS names are not accepted: kube-proxy ignores FQDN endpoints)`,
            );
        } else {
            const rejection = endpointRejection(ip);
            if (rejection) problems.add(`${p}[${i}].address`, `${show(address)} ${rejection}; Kubernetes rejects such endpoints`);
            const seen = byAddress.get(ip.canonical);
            if (seen !== undefined) problems.add(`${p}[${i}].address`, `${show(address)} is also the address of members[${seen}]`);
            else byAddress.set(ip.canonical, i);
        }
        const ordinal = m?.ordinal ?? i;
        if (checkInteger(problems, `${p}[${i}].ordinal`, ordinal, 0)) {
            checkAtMost(problems, `${p}[${i}].ordinal`, ordinal, INT32_MAX, "the largest ordinal");
            const seen = byOrdinal.get(ordinal);
            if (seen !== undefined) problems.add(`${p}[${i}].ordinal`, `${ordinal} is also the ordinal of members[${seen}]`);
            else byOrdinal.set(ordinal, i);
        }
        // A member whose ordinal is refused is left out, so later checks compare numbers only.
        if (ip && isInteger(ordinal)) members.push({ ordinal, address: ip.canonical, family: ip.family });
    });
    members.sort((x, y) => x.ordinal - y.ordinal);
    return { spec: { members, legacyEndpoints }, listed: e.members.length };
}
