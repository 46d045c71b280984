import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { EnsembleOutputs, StatefulEnsemble, ensembleOutputs, validatedArgs } from "../../component/ensemble";
import { planZooKeeper } from "./plan";
import { ZooKeeperEnsembleArgs } from "./args";

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

    // The StatefulEnsemble child that owns the Kubernetes objects is not a field: the
    // multi-language schema can reference resources of @pulumi packages only, so its children
    // are published instead.
    /** The client Service `<name>`: what ZooKeeper clients connect to, in every mode. */
    public readonly clientService: k8s.core.v1.Service;
    /** The headless Service `<name>-headless`: the servers' per-member names. */
    public readonly headlessService: k8s.core.v1.Service;
    /** The StatefulSet of in-cluster servers; absent in external mode. */
    public readonly statefulSet?: k8s.apps.v1.StatefulSet;
    /** The ConfigMap with `zoo.cfg` the pods mount; absent in external mode. */
    public readonly configMap?: k8s.core.v1.ConfigMap;
    /** The EndpointSlices that put external servers behind the Services; empty in inCluster mode. */
    public readonly endpointSlices: k8s.discovery.v1.EndpointSlice[];

    // The outputs are StatefulEnsemble's, passed on: their types are its own.
    /** The client Service's name. */
    public readonly clientServiceName: EnsembleOutputs["clientServiceName"];
    /** The headless Service's name. */
    public readonly headlessServiceName: EnsembleOutputs["headlessServiceName"];
    /** `<client service>.<namespace>.svc.cluster.local:2181`. */
    public readonly clientEndpoint: EnsembleOutputs["clientEndpoint"];
    /** Every server's FQDN, `<name>-<ordinal>.<name>-headless.<namespace>.svc.cluster.local`, in ordinal order. */
    public readonly memberHosts: EnsembleOutputs["memberHosts"];
    /** The ZooKeeper connection string: `host:2181` of every server, comma-joined, in ordinal order. */
    public readonly connectionString: EnsembleOutputs["connectionString"];
    /** The mode the ensemble runs in. */
    public readonly mode: EnsembleOutputs["mode"];
    /** The `zoo.cfg` every server runs: the pods mount it; external servers need the same file (with their own data paths). */
    public readonly zooCfg: pulumi.Output<string>;

    constructor(name: string, args: ZooKeeperEnsembleArgs, opts?: pulumi.ComponentResourceOptions) {
        // Validate before super(): bad arguments register nothing, not even the component.
        const plan = planZooKeeper(name, args);
        super(ZooKeeperEnsemble.__pulumiType, name, {}, opts);
        for (const warning of plan.warnings) void pulumi.log.warn(warning, this);

        const ensemble = new StatefulEnsemble(name, validatedArgs(plan.ensembleArgs, plan.spec), { parent: this });
        this.clientService = ensemble.clientService;
        this.headlessService = ensemble.headlessService;
        this.statefulSet = ensemble.statefulSet;
        this.configMap = ensemble.configMap;
        this.endpointSlices = ensemble.endpointSlices;
        this.clientServiceName = ensemble.clientServiceName;
        this.headlessServiceName = ensemble.headlessServiceName;
        this.clientEndpoint = ensemble.clientEndpoint;
        this.memberHosts = ensemble.memberHosts;
        this.connectionString = ensemble.connectionString;
        this.mode = ensemble.mode;
        this.zooCfg = pulumi.output(plan.zooCfg);

        this.registerOutputs({ ...ensembleOutputs(this), zooCfg: this.zooCfg });
    }
}
