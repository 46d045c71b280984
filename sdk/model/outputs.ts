/** The values an ensemble reports to clients: where to connect, by name, in every mode. */
import { memberHost, serviceHost } from "./names";
import { EnsembleSpec, clientPorts } from "./spec";

/** Where clients and peers reach an ensemble: its endpoint outputs as plain values. */
export interface EnsembleEndpoints {
    /** `<client service>.<namespace>.svc.<domain>:<first client port>`. */
    readonly clientEndpoint: string;
    /** Every member's FQDN through the headless Service, in ordinal order. */
    readonly memberHosts: string[];
    /** `host:<first client port>` of every member, comma-joined, in ordinal order. */
    readonly connectionString: string;
}

export function ensembleEndpoints(spec: EnsembleSpec): EnsembleEndpoints {
    const port = clientPorts(spec)[0].port;
    const memberHosts = spec.members.map((m) => memberHost(spec.name, m.ordinal, spec.namespace, spec.clusterDomain));
    return {
        clientEndpoint: `${serviceHost(spec.names.client, spec.namespace, spec.clusterDomain)}:${port}`,
        memberHosts,
        connectionString: memberHosts.map((h) => `${h}:${port}`).join(","),
    };
}
