/**
 * Validation and normalisation: StatefulEnsembleArgs in, EnsembleSpec out, or one error that
 * lists every problem. One pass: the arguments are read once, block by block (the ensemble's own
 * fields here, then ports, inCluster, external, networkPolicy in their own modules), and the
 * checks that span blocks read the normalised blocks. Nothing here touches Pulumi's engine.
 */
import { ClientTraffic, EnsembleMode, Membership, PvcRetention, StatefulEnsembleArgs } from "../api/args";
import { backingFor } from "../model/backing";
import { MAX_NAME_LENGTH, ensembleNames } from "../model/names";
import { EnsembleSpec } from "../model/spec";
import { normaliseExternal } from "./external";
import { DNS_LABEL, DNS_SUBDOMAIN, DnsRule, RFC1035_LABEL, dnsNameProblem, isDnsName } from "./grammar/dns";
import { normaliseInCluster } from "./in-cluster";
import { checkObjectMetadata } from "./metadata";
import { normaliseMonitor } from "./monitor";
import { normaliseNetworkPolicy } from "./network-policy";
import { withoutNulls } from "./nulls";
import { checkHybridPlacement, placeMembers } from "./placement";
import { normalisePorts } from "./ports";
import { Problems, checkEnum, show } from "./problems";
import { checkInClusterAtResolution } from "./resolved";

export { MAX_MEMBERS } from "./bounds";

/**
 * Validates `args` for the component `kind "name"` and returns the normalised spec.
 * Throws one EnsembleArgsError listing every problem.
 */
export function validateEnsemble(name: string, args: StatefulEnsembleArgs, kind = "StatefulEnsemble"): EnsembleSpec {
    const problems = new Problems();
    const spec = normaliseEnsemble(problems, name, args);
    problems.throwIfAny(`${kind} ${JSON.stringify(name)}`);
    return checkedWhenResolved(kind, spec);
}

/**
 * The spec with every field given as an Output or a Promise checked when it resolves, and
 * refused then in the name of the component `kind`. Done once per component: a preset checks
 * the values it hands to its ensemble, and the ensemble does not check them again.
 */
export function checkedWhenResolved(kind: string, spec: EnsembleSpec): EnsembleSpec {
    return spec.inCluster ? { ...spec, inCluster: checkInClusterAtResolution(kind, spec.name, spec.inCluster) } : spec;
}

/**
 * Normalises `args` once, recording every problem in `problems`, and returns the spec. The spec
 * is complete only when no problem was recorded; members are placed only from valid counts.
 * @internal
 */
export function normaliseEnsemble(problems: Problems, name: string, args: StatefulEnsembleArgs): EnsembleSpec {
    const a: Partial<StatefulEnsembleArgs> = withoutNulls(args ?? {});

    checkDnsName(problems, "name", name, { ...RFC1035_LABEL, max: MAX_NAME_LENGTH });
    const namespace = a.namespace ?? "default";
    checkDnsName(problems, "namespace", namespace, DNS_LABEL);
    const clusterDomain = a.clusterDomain ?? "cluster.local";
    if (!isDnsName(clusterDomain, DNS_SUBDOMAIN)) problems.add("clusterDomain", `${show(clusterDomain)} is not a DNS domain`);

    const modeOk = checkEnum(problems, "mode", a.mode, EnsembleMode);
    const mode = a.mode as EnsembleMode;
    const clientTraffic = a.clientTraffic ?? ClientTraffic.All;
    if (checkEnum(problems, "clientTraffic", clientTraffic, ClientTraffic) && modeOk) {
        checkTrafficAgainstMode(problems, mode, clientTraffic);
    }

    const membership = a.membership ?? Membership.Majority;
    checkEnum(problems, "membership", membership, Membership);

    const ports = normalisePorts(problems, a.ports);

    const appName = a.appName ?? name;
    // A valid name is a valid appName: check only one given on its own, so a bad name is reported once.
    if (a.appName !== undefined) checkDnsName(problems, "appName", appName, DNS_LABEL);
    const component = a.component ?? "server";
    checkDnsName(problems, "component", component, DNS_LABEL);
    const annotations = checkObjectMetadata(problems, a.labels, a.annotations);

    const wantsInCluster = modeOk && mode !== EnsembleMode.External;
    const wantsExternal = modeOk && mode !== EnsembleMode.InCluster;
    if (wantsInCluster && a.inCluster === undefined) problems.add("inCluster", `is required in ${mode} mode`);
    if (wantsExternal && a.external === undefined) problems.add("external", `is required in ${mode} mode`);
    // Blocks that the mode does not use are still validated: they stay in the program for the
    // next switch, and a mistake is cheapest to fix before that switch.
    const portByName = new Map(ports.map((p) => [p.name, p]));
    const inClusterProblems = modeOk && mode === EnsembleMode.External ? problems.noting(UNUSED_IN_CLUSTER) : problems;
    const inCluster = a.inCluster === undefined ? undefined : normaliseInCluster(inClusterProblems, a.inCluster, portByName, annotations);
    const external = a.external === undefined ? undefined : normaliseExternal(problems, a.external);

    if (modeOk && mode === EnsembleMode.External && inCluster?.spec.storage?.whenDeleted === PvcRetention.Delete && !a.allowDataLoss) {
        problems.add(
            "inCluster.storage.whenDeleted",
            `is "Delete": in external mode the StatefulSet is deleted and every member's PersistentVolumeClaim with it; set whenDeleted to "Retain", or allowDataLoss: true if losing the data is intended`,
        );
    }
    if (modeOk && mode === EnsembleMode.Hybrid && inCluster && external) checkHybridPlacement(problems, inCluster, external);
    const networkPolicy = a.networkPolicy === undefined ? undefined : normaliseNetworkPolicy(problems, a.networkPolicy);
    const monitor = a.monitor === undefined ? undefined : normaliseMonitor(problems, a.monitor, portByName);

    const usedInCluster = wantsInCluster ? inCluster : undefined;
    const usedExternal = wantsExternal ? external?.spec : undefined;
    return {
        name,
        namespace,
        mode,
        clientTraffic,
        membership,
        ports,
        appName,
        component,
        labels: { ...(a.labels ?? {}) },
        annotations: { ...(a.annotations ?? {}) },
        clusterDomain,
        names: ensembleNames(name),
        inCluster: usedInCluster?.spec,
        external: usedExternal,
        members: placeMembers(usedInCluster, usedExternal),
        backing: backingFor(mode, clientTraffic),
        networkPolicy,
        monitor,
    };
}

/** Why a problem in the inCluster block is reported although external mode runs no pod. */
const UNUSED_IN_CLUSTER = "(external mode does not use the inCluster block, but it is checked so that it is ready for a switch)";

function checkTrafficAgainstMode(problems: Problems, mode: EnsembleMode, traffic: ClientTraffic): void {
    if (mode === EnsembleMode.InCluster && traffic === ClientTraffic.External) {
        problems.add("clientTraffic", `is "external" but inCluster mode has no external members to send it to`);
    }
    if (mode === EnsembleMode.External && traffic === ClientTraffic.InCluster) {
        problems.add("clientTraffic", `is "inCluster" but external mode has no in-cluster members to send it to`);
    }
}

function checkDnsName(problems: Problems, path: string, value: unknown, rule: DnsRule): void {
    const problem = dnsNameProblem(value, rule);
    if (problem) problems.add(path, problem);
}
