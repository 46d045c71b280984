import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { planEnsemble } from "../plan";
import { configMapName, envSecretName, networkPolicyName } from "../model/names";
import { ensembleEndpoints } from "../model/outputs";
import { registerObjects } from "./register";
import { EnsembleSpec } from "../model/spec";
import { EnsembleMode, StatefulEnsembleArgs } from "../api/args";
import { validateEnsemble } from "../validate";

/** Arguments a preset has validated already, with the spec it validated them into. */
const VALIDATED = new WeakMap<StatefulEnsembleArgs, EnsembleSpec>();

/**
 * Hands `spec`, validated by a preset from its own arguments, to the StatefulEnsemble it creates
 * with `args`: the ensemble then neither validates nor checks deferred values a second time, so
 * each problem is reported once, in the preset's name.
 * @internal
 */
export function validatedArgs(args: StatefulEnsembleArgs, spec: EnsembleSpec): StatefulEnsembleArgs {
    VALIDATED.set(args, spec);
    return args;
}

/**
 * A stateful service behind fixed Kubernetes names — a client Service `<name>` and a headless
 * Service `<name>-headless` — whose members live in the cluster (a StatefulSet), outside it
 * (EndpointSlices of external addresses), or both while the service moves member by member.
 *
 * Every argument is validated before the first child is registered: bad input throws one error
 * that lists every problem with its path, and nothing is half-created.
 */
export class StatefulEnsemble extends pulumi.ComponentResource {
    /** The Pulumi type token. */
    public static readonly __pulumiType = "stateful-ensemble:index:StatefulEnsemble";

    /** The client Service `<name>`: what applications connect to, in every mode. */
    public readonly clientService: k8s.core.v1.Service;
    /** The headless Service `<name>-headless`: per-member DNS names for peers. */
    public readonly headlessService: k8s.core.v1.Service;
    /** The StatefulSet of in-cluster members; absent in external mode. */
    public readonly statefulSet?: k8s.apps.v1.StatefulSet;
    /** The EndpointSlices that put external members behind the Services; empty in inCluster mode. */
    public readonly endpointSlices: k8s.discovery.v1.EndpointSlice[];
    /** The ConfigMap of `inCluster.configFiles`; absent without configuration files or in external mode. */
    public readonly configMap?: k8s.core.v1.ConfigMap;
    /** The Secret `<name>-env` of environment values kept out of the pod spec; absent when none is. */
    public readonly envSecret?: k8s.core.v1.Secret;
    /** The opt-in NetworkPolicy `<name>`; absent unless asked for, and in external mode. */
    public readonly networkPolicy?: k8s.networking.v1.NetworkPolicy;

    /** The client Service's name. */
    public readonly clientServiceName: pulumi.Output<string>;
    /** The headless Service's name. */
    public readonly headlessServiceName: pulumi.Output<string>;
    /** `<client service>.<namespace>.svc.cluster.local:<first client port>`. */
    public readonly clientEndpoint: pulumi.Output<string>;
    /** Every member's FQDN, `<name>-<ordinal>.<name>-headless.<namespace>.svc.cluster.local`, in ordinal order. */
    public readonly memberHosts: pulumi.Output<string[]>;
    /** `host:<first client port>` of every member, comma-joined, in ordinal order. */
    public readonly connectionString: pulumi.Output<string>;
    /** The mode the ensemble runs in. */
    public readonly mode: pulumi.Output<EnsembleMode>;

    constructor(name: string, args: StatefulEnsembleArgs, opts?: pulumi.ComponentResourceOptions) {
        // Validate before super(): bad arguments register nothing, not even the component.
        const spec = VALIDATED.get(args) ?? validateEnsemble(name, args);
        super(StatefulEnsemble.__pulumiType, name, {}, opts);
        const children = registerObjects(planEnsemble(spec), this, { retainOnDelete: opts?.retainOnDelete });

        this.clientService = children.get(`Service/${spec.names.client}`) as k8s.core.v1.Service;
        this.headlessService = children.get(`Service/${spec.names.headless}`) as k8s.core.v1.Service;
        this.statefulSet = children.get(`StatefulSet/${spec.names.statefulSet}`) as k8s.apps.v1.StatefulSet | undefined;
        const files = spec.inCluster?.configFiles?.files;
        this.configMap = files && (children.get(`ConfigMap/${configMapName(spec.name, files)}`) as k8s.core.v1.ConfigMap);
        this.endpointSlices = [...children.entries()]
            .filter(([key]) => key.startsWith("EndpointSlice/"))
            .map(([, r]) => r as k8s.discovery.v1.EndpointSlice);
        this.envSecret = children.get(`Secret/${envSecretName(spec.name)}`) as k8s.core.v1.Secret | undefined;
        this.networkPolicy = children.get(`NetworkPolicy/${networkPolicyName(spec.name)}`) as k8s.networking.v1.NetworkPolicy | undefined;

        const endpoints = ensembleEndpoints(spec);
        this.clientServiceName = this.clientService.metadata.name;
        this.headlessServiceName = this.headlessService.metadata.name;
        // Derived from the Service's output so consumers wait for the Service to exist.
        this.clientEndpoint = this.clientService.metadata.name.apply(() => endpoints.clientEndpoint);
        this.memberHosts = this.headlessService.metadata.name.apply(() => endpoints.memberHosts);
        this.connectionString = this.headlessService.metadata.name.apply(() => endpoints.connectionString);
        this.mode = pulumi.output(spec.mode);

        this.registerOutputs(ensembleOutputs(this));
    }
}

/** The outputs every ensemble component reports: StatefulEnsemble's, which a preset passes on. */
export type EnsembleOutputs = Pick<
    StatefulEnsemble,
    "clientServiceName" | "headlessServiceName" | "clientEndpoint" | "memberHosts" | "connectionString" | "mode"
>;

/**
 * The outputs an ensemble component registers. Each component still declares them as fields of
 * its own: Pulumi's component analyzer publishes only a class's own members, of a class that
 * extends ComponentResource directly.
 * @internal
 */
export function ensembleOutputs(o: EnsembleOutputs): pulumi.Inputs {
    const { clientServiceName, headlessServiceName, clientEndpoint, memberHosts, connectionString, mode } = o;
    return { clientServiceName, headlessServiceName, clientEndpoint, memberHosts, connectionString, mode };
}
