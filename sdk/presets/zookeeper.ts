import * as pulumi from "@pulumi/pulumi";
import { StatefulEnsemble } from "../ensemble";
import { EnsembleMode } from "../types";
import { planZooKeeper } from "./zookeeper-plan";
import { ZooKeeperEnsembleArgs } from "./zookeeper-types";

/**
 * A ZooKeeper ensemble behind fixed Kubernetes names — client Service `<name>`, headless Service
 * `<name>-headless` — whose servers live in the cluster, outside it, or both while it moves.
 *
 * Every server of the mode, wherever it runs, is a `server.N` line of one generated `zoo.cfg`
 * under its per-member name `<name>-<ordinal>.<name>-headless.<namespace>.svc.<domain>`, so a
 * hybrid ensemble is one quorum. Pods write `myid` (ordinal + `serverIdOffset`) when they start;
 * external servers run the `zooCfg` output with the same rule.
 *
 * Arguments are validated before anything registers: bad input throws one error listing every
 * problem. An even number of servers is allowed, with a warning.
 */
export class ZooKeeperEnsemble extends pulumi.ComponentResource {
    /** The Pulumi type token. */
    public static readonly __pulumiType = "stateful-ensemble:index:ZooKeeperEnsemble";

    /** The StatefulEnsemble that owns the Kubernetes objects; it has the same name. */
    public readonly ensemble: StatefulEnsemble;

    /** The client Service's name. */
    public readonly clientServiceName: pulumi.Output<string>;
    /** The headless Service's name. */
    public readonly headlessServiceName: pulumi.Output<string>;
    /** `<client service>.<namespace>.svc.cluster.local:2181`. */
    public readonly clientEndpoint: pulumi.Output<string>;
    /** Every server's FQDN, `<name>-<ordinal>.<name>-headless.<namespace>.svc.cluster.local`, in ordinal order. */
    public readonly memberHosts: pulumi.Output<string[]>;
    /** The ZooKeeper connection string: `host:2181` of every server, comma-joined, in ordinal order. */
    public readonly connectionString: pulumi.Output<string>;
    /** The mode the ensemble runs in. */
    public readonly mode: pulumi.Output<EnsembleMode>;
    /** The `zoo.cfg` every server runs: the pods mount it; external servers need the same file (with their own data paths). */
    public readonly zooCfg: pulumi.Output<string>;

    constructor(name: string, args: ZooKeeperEnsembleArgs, opts?: pulumi.ComponentResourceOptions) {
        // Validate before super(): bad arguments register nothing, not even the component.
        const plan = planZooKeeper(name, args);
        super(ZooKeeperEnsemble.__pulumiType, name, {}, opts);
        for (const warning of plan.warnings) void pulumi.log.warn(warning, this);

        this.ensemble = new StatefulEnsemble(name, plan.ensembleArgs, { parent: this });
        this.clientServiceName = this.ensemble.clientServiceName;
        this.headlessServiceName = this.ensemble.headlessServiceName;
        this.clientEndpoint = this.ensemble.clientEndpoint;
        this.memberHosts = this.ensemble.memberHosts;
        this.connectionString = this.ensemble.connectionString;
        this.mode = this.ensemble.mode;
        this.zooCfg = pulumi.output(plan.zooCfg);

        this.registerOutputs({
            clientServiceName: this.clientServiceName,
            headlessServiceName: this.headlessServiceName,
            clientEndpoint: this.clientEndpoint,
            memberHosts: this.memberHosts,
            connectionString: this.connectionString,
            mode: this.mode,
            zooCfg: this.zooCfg,
        });
    }
}
