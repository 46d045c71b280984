/**
 * Asks the control plane's CoreDNS the names this package promises, as a pod's resolver would.
 */
import { Resolver } from "node:dns/promises";

export class ClusterDns {
    private readonly resolver: Resolver;

    constructor(port: number) {
        this.resolver = new Resolver({ timeout: 2000, tries: 2 });
        this.resolver.setServers([`127.0.0.1:${port}`]);
    }

    /** Every A and AAAA address of a name, sorted; empty when the name does not exist. */
    async addresses(name: string): Promise<string[]> {
        const [v4, v6] = await Promise.all([this.resolver.resolve4(name).catch(notFound), this.resolver.resolve6(name).catch(notFound)]);
        return [...v4, ...v6].sort();
    }

    /** The targets of a SRV name, sorted. */
    async srvTargets(name: string): Promise<string[]> {
        const records = await this.resolver.resolveSrv(name).catch(notFound);
        return records.map((r) => `${r.name}:${r.port}`).sort();
    }
}

function notFound(err: NodeJS.ErrnoException): never[] {
    if (err.code === "ENOTFOUND" || err.code === "ENODATA") return [];
    throw err;
}
