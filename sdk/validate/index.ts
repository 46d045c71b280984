/**
 * Validation and normalisation: StatefulEnsembleArgs in, EnsembleSpec out, or one error that
 * lists every problem. Nothing here touches Pulumi's engine.
 */
import { endpointRejection, parseIp } from "./grammar/ip";
import { MAX_NAME_LENGTH, NO_PODS_LABEL, ensembleNames } from "../model/names";
import { backingFor } from "../model/backing";
import { withoutNulls } from "./nulls";
import { DNS_LABEL, DNS_SUBDOMAIN, DnsRule, RFC1035_LABEL, dnsNameProblem, ianaServiceNameProblem, isDnsName } from "./grammar/dns";
import { isEnvName } from "./grammar/pod";
import { isInteger, isPlainString } from "./grammar/values";
import { Problems, checkEnum, checkInteger, show } from "./problems";
import { EnsembleSpec, ExternalMemberSpec, ExternalSpec, InClusterSpec, MemberSpec, PortSpec, ProbeSpec } from "../model/spec";
import {
    ClientTraffic,
    EnsembleMode,
    ExternalArgs,
    InClusterArgs,
    PodManagementPolicy,
    PortProtocol,
    ProbeArgs,
    PvcRetention,
    Spread,
    StatefulEnsembleArgs,
} from "../api/args";
import { checkNamedTargetPort, validateHardening } from "./hardening";
import { checkInClusterAtResolution } from "./resolved";
import { checkDistinctMounts, normaliseConfigFiles, normaliseStorage, normaliseVolumeClaims } from "./volumes";

/** Variables the component sets itself from the downward API. */
const RESERVED_ENV = ["POD_NAME", "POD_NAMESPACE"];

/**
 * An upper bound on members. A consensus ensemble of more than a few dozen voters is a mistake,
 * but external fleets of read replicas or observers can be large; this bound keeps a typo
 * (an extra zero) from registering tens of thousands of objects.
 */
export const MAX_MEMBERS = 10_000;

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
    if (!isDnsName(clusterDomain, DNS_SUBDOMAIN)) {
        problems.add("clusterDomain", `${show(clusterDomain)} is not a DNS domain`);
    }

    const modeOk = checkEnum(problems, "mode", a.mode, EnsembleMode);
    const mode = a.mode as EnsembleMode;
    const clientTraffic = a.clientTraffic ?? ClientTraffic.All;
    if (checkEnum(problems, "clientTraffic", clientTraffic, ClientTraffic) && modeOk) {
        checkTrafficAgainstMode(problems, mode, clientTraffic);
    }

    const ports = normalisePorts(problems, a.ports);
    const portByName = new Map(ports.map((p) => [p.name, p]));

    const appName = a.appName ?? name;
    // A valid name is a valid appName: check only one given on its own, so a bad name is reported once.
    if (a.appName !== undefined) checkDnsName(problems, "appName", appName, DNS_LABEL);
    const component = a.component ?? "server";
    checkDnsName(problems, "component", component, DNS_LABEL);
    checkReservedLabel(problems, "labels", a.labels);

    const wantsInCluster = modeOk && mode !== EnsembleMode.External;
    const wantsExternal = modeOk && mode !== EnsembleMode.InCluster;
    if (wantsInCluster && a.inCluster === undefined) {
        problems.add("inCluster", `is required in ${mode} mode`);
    }
    if (wantsExternal && a.external === undefined) {
        problems.add("external", `is required in ${mode} mode`);
    }
    // Blocks that the mode does not use are still validated: they stay in the program for the
    // next switch, and a mistake is cheapest to fix before that switch.
    const inCluster = a.inCluster === undefined ? undefined : normaliseInCluster(problems, a.inCluster, portByName);
    if (inCluster) checkDistinctMounts(problems, inCluster);
    const external = a.external === undefined ? undefined : normaliseExternal(problems, a.external);

    if (modeOk && mode === EnsembleMode.External && inCluster?.storage?.whenDeleted === PvcRetention.Delete && !a.allowDataLoss) {
        problems.add(
            "inCluster.storage.whenDeleted",
            `is "Delete": in external mode the StatefulSet is deleted and every member's PersistentVolumeClaim with it; set whenDeleted to "Retain", or allowDataLoss: true if losing the data is intended`,
        );
    }
    if (modeOk && mode === EnsembleMode.Hybrid && inCluster && external) {
        checkPlacement(problems, inCluster, external);
    }

    const hardening = validateHardening(problems, a, MAX_MEMBERS);

    const usedInCluster = wantsInCluster ? inCluster : undefined;
    const usedExternal = wantsExternal ? external : undefined;
    return {
        name,
        namespace,
        mode,
        clientTraffic,
        ports,
        appName,
        component,
        labels: { ...(a.labels ?? {}) },
        annotations: { ...(a.annotations ?? {}) },
        clusterDomain,
        names: ensembleNames(name),
        inCluster: usedInCluster,
        external: usedExternal,
        members: placeMembers(usedInCluster, usedExternal),
        backing: backingFor(mode, clientTraffic),
        networkPolicy: hardening.networkPolicy,
    };
}

/** The label that makes a Service select no pod must never be on a pod: refuse it in user labels. */
function checkReservedLabel(problems: Problems, path: string, labels: unknown): void {
    if (labels && typeof labels === "object" && Object.prototype.hasOwnProperty.call(labels, NO_PODS_LABEL)) {
        problems.add(
            `${path}[${JSON.stringify(NO_PODS_LABEL)}]`,
            "is reserved: the component selects no pod with it, so Services that must not reach the pods never lose their selector",
        );
    }
}

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

function normalisePorts(problems: Problems, ports: unknown): PortSpec[] {
    if (!Array.isArray(ports) || ports.length === 0) {
        problems.add("ports", "must list at least one port");
        return [];
    }
    const result: PortSpec[] = [];
    const names = new Map<string, number>();
    const numbers = new Map<string, number>();
    const targets = new Map<string, number>();
    ports.forEach((raw, i) => {
        const path = `ports[${i}]`;
        const p = (raw ?? {}) as Record<string, unknown>;
        const nameProblem = ianaServiceNameProblem(p.name);
        if (nameProblem) problems.add(`${path}.name`, `${show(p.name)} ${nameProblem}`);
        const portOk = checkInteger(problems, `${path}.port`, p.port, 1, 65535);
        const targetPort = p.targetPort ?? p.port;
        const targetOk =
            p.targetPort === undefined ||
            (typeof p.targetPort === "string"
                ? checkNamedTargetPort(problems, `${path}.targetPort`, p.targetPort, ports)
                : checkInteger(problems, `${path}.targetPort`, p.targetPort, 1, 65535));
        const protocol = (p.protocol ?? PortProtocol.TCP) as PortProtocol;
        const protocolOk = checkEnum(problems, `${path}.protocol`, protocol, PortProtocol);
        if (typeof p.client !== "boolean" && p.client !== undefined) {
            problems.add(`${path}.client`, `${show(p.client)} is not a boolean`);
        }
        if (typeof p.name === "string") {
            const seen = names.get(p.name);
            if (seen !== undefined) problems.add(`${path}.name`, `${show(p.name)} is also the name of ports[${seen}]`);
            else names.set(p.name, i);
        }
        if (portOk && protocolOk) {
            const key = `${p.port}/${protocol}`;
            const seen = numbers.get(key);
            if (seen !== undefined) problems.add(`${path}.port`, `${key} is also the port of ports[${seen}]`);
            else numbers.set(key, i);
        }
        if (portOk && targetOk && protocolOk) {
            const key = `${targetPort}/${protocol}`;
            const seen = targets.get(key);
            if (seen !== undefined) problems.add(`${path}.targetPort`, `${key} is also the target port of ports[${seen}]`);
            else targets.set(key, i);
        }
        result.push({
            name: p.name as string,
            port: p.port as number,
            targetPort: targetPort as number,
            protocol,
            client: p.client === true,
        });
    });
    if (!result.some((p) => p.client)) {
        problems.add("ports", "has no client port: mark at least one port `client: true` for the client Service");
    }
    return result;
}

function normaliseProbe(
    problems: Problems,
    path: string,
    probe: ProbeArgs | undefined,
    fallback: ProbeSpec,
    ports: Map<string, PortSpec>,
): ProbeSpec {
    if (probe === undefined) return fallback;
    const handlers = [probe.tcpPort, probe.httpGetPath, probe.exec].filter((h) => h !== undefined).length;
    if (handlers !== 1) {
        problems.add(path, `must set exactly one of tcpPort, httpGetPath or exec (it sets ${handlers})`);
    }
    const portNumber = (field: string, portName: unknown): number | undefined => {
        const port = typeof portName === "string" ? ports.get(portName) : undefined;
        if (!port) problems.add(`${path}.${field}`, `${show(portName)} is not the name of one of the ensemble's ports`);
        return port?.targetPort;
    };
    const timing = (field: keyof ProbeSpec, value: number | undefined, def: number, min: number): number => {
        if (value === undefined) return def;
        checkInteger(problems, `${path}.${field}`, value, min);
        return value;
    };
    const spec: ProbeSpec = {
        tcpPort: probe.tcpPort !== undefined ? portNumber("tcpPort", probe.tcpPort) : undefined,
        httpGet:
            probe.httpGetPath !== undefined ? { path: probe.httpGetPath, port: portNumber("httpPort", probe.httpPort) ?? 0 } : undefined,
        exec: probe.exec,
        initialDelaySeconds: timing("initialDelaySeconds", probe.initialDelaySeconds, fallback.initialDelaySeconds, 0),
        periodSeconds: timing("periodSeconds", probe.periodSeconds, fallback.periodSeconds, 1),
        timeoutSeconds: timing("timeoutSeconds", probe.timeoutSeconds, fallback.timeoutSeconds, 1),
        failureThreshold: timing("failureThreshold", probe.failureThreshold, fallback.failureThreshold, 1),
    };
    if (probe.httpGetPath !== undefined && (typeof probe.httpGetPath !== "string" || !probe.httpGetPath.startsWith("/"))) {
        problems.add(`${path}.httpGetPath`, `${show(probe.httpGetPath)} must be an absolute path starting with '/'`);
    }
    if (probe.exec !== undefined && (!Array.isArray(probe.exec) || probe.exec.length === 0)) {
        problems.add(`${path}.exec`, "must be a non-empty command");
    }
    if (
        isInteger(spec.timeoutSeconds) &&
        isInteger(spec.periodSeconds) &&
        spec.periodSeconds >= 1 &&
        spec.timeoutSeconds > spec.periodSeconds
    ) {
        problems.add(
            `${path}.timeoutSeconds`,
            `${spec.timeoutSeconds} is longer than periodSeconds ${spec.periodSeconds}: a probe would still be running when the next one starts`,
        );
    }
    return spec;
}

/** The default probes: TCP on the first client port; liveness waits longer, to let a member recover its state. */
function defaultProbes(ports: Map<string, PortSpec>): { readiness: ProbeSpec; liveness: ProbeSpec } {
    const first = [...ports.values()].find((p) => p.client);
    const base = { tcpPort: first?.targetPort, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 };
    return {
        readiness: { ...base, initialDelaySeconds: 10 },
        liveness: { ...base, initialDelaySeconds: 30, failureThreshold: 6 },
    };
}

function normaliseInCluster(problems: Problems, c: InClusterArgs, ports: Map<string, PortSpec>): InClusterSpec {
    const p = "inCluster";
    checkInteger(problems, `${p}.replicas`, c.replicas, 1, MAX_MEMBERS);
    const startOrdinal = c.startOrdinal ?? 0;
    checkInteger(problems, `${p}.startOrdinal`, startOrdinal, 0);
    if (c.image === undefined || c.image === null || (isPlainString(c.image) && c.image.trim() === "")) {
        problems.add(`${p}.image`, 'is required: the server image, e.g. "zookeeper:3.9.3"');
    } else if (isPlainString(c.image) && /\s/.test(c.image)) {
        problems.add(`${p}.image`, `${show(c.image)} contains white space`);
    }
    if (c.partition !== undefined) checkInteger(problems, `${p}.partition`, c.partition, 0);
    const maxUnavailable = c.maxUnavailable ?? 1;
    checkInteger(problems, `${p}.maxUnavailable`, maxUnavailable, 1);
    const podManagementPolicy = c.podManagementPolicy ?? PodManagementPolicy.OrderedReady;
    checkEnum(problems, `${p}.podManagementPolicy`, podManagementPolicy, PodManagementPolicy);
    const spread = c.spread ?? Spread.Preferred;
    checkEnum(problems, `${p}.spread`, spread, Spread);
    const allowRoot = c.allowRoot === true;
    const runAsUser = c.runAsUser ?? 1000;
    if (checkInteger(problems, `${p}.runAsUser`, runAsUser, 0) && runAsUser === 0 && !allowRoot) {
        problems.add(
            `${p}.runAsUser`,
            "is 0 (root), which the restricted Pod Security Standard forbids; set allowRoot: true to run as root anyway",
        );
    }
    const runAsGroup = c.runAsGroup ?? 1000;
    checkInteger(problems, `${p}.runAsGroup`, runAsGroup, 0);
    const fsGroup = c.fsGroup ?? 1000;
    checkInteger(problems, `${p}.fsGroup`, fsGroup, 0);
    const terminationGracePeriodSeconds = c.terminationGracePeriodSeconds ?? 30;
    checkInteger(problems, `${p}.terminationGracePeriodSeconds`, terminationGracePeriodSeconds, 0);
    checkReservedLabel(problems, `${p}.podLabels`, c.podLabels);
    const env = Array.isArray(c.env) ? c.env : [];
    const envNames = new Map<string, number>();
    env.forEach((e, i) => {
        const name = e?.name;
        if (!isEnvName(name)) {
            problems.add(`${p}.env[${i}].name`, `${show(name)} is not a valid environment variable name`);
        } else if (RESERVED_ENV.includes(name)) {
            problems.add(`${p}.env[${i}].name`, `${show(name)} is set by the component from the downward API`);
        } else if (envNames.has(name)) {
            problems.add(`${p}.env[${i}].name`, `${show(name)} is also the name of env[${envNames.get(name)}]`);
        } else {
            envNames.set(name, i);
        }
        if (e?.value === undefined || e.value === null) problems.add(`${p}.env[${i}].value`, "is required");
    });
    const defaults = defaultProbes(ports);
    return {
        replicas: c.replicas,
        startOrdinal,
        image: c.image,
        imagePullPolicy: c.imagePullPolicy,
        command: c.command,
        args: c.args,
        env,
        resources: c.resources,
        readinessProbe: normaliseProbe(problems, `${p}.readinessProbe`, c.readinessProbe, defaults.readiness, ports),
        livenessProbe: normaliseProbe(problems, `${p}.livenessProbe`, c.livenessProbe, defaults.liveness, ports),
        storage: c.storage === undefined ? undefined : normaliseStorage(problems, c.storage),
        configFiles: normaliseConfigFiles(problems, c.configFiles),
        additionalVolumes: normaliseVolumeClaims(problems, c.additionalVolumes),
        podManagementPolicy,
        partition: c.partition,
        maxUnavailable,
        spread,
        runAsUser,
        runAsGroup,
        fsGroup,
        allowRoot,
        readOnlyRootFilesystem: c.readOnlyRootFilesystem ?? true,
        mountServiceAccountToken: c.mountServiceAccountToken === true,
        terminationGracePeriodSeconds,
        nodeSelector: c.nodeSelector,
        priorityClassName: c.priorityClassName,
        podLabels: { ...(c.podLabels ?? {}) },
        podAnnotations: { ...(c.podAnnotations ?? {}) },
    };
}

function normaliseExternal(problems: Problems, e: ExternalArgs): ExternalSpec {
    const p = "external.members";
    if (!Array.isArray(e.members) || e.members.length === 0) {
        problems.add(p, "must list at least one member");
        return { members: [], legacyEndpoints: e.legacyEndpoints === true };
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
        if (!ip) {
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
            const seen = byOrdinal.get(ordinal);
            if (seen !== undefined) problems.add(`${p}[${i}].ordinal`, `${ordinal} is also the ordinal of members[${seen}]`);
            else byOrdinal.set(ordinal, i);
        }
        // A member whose ordinal is refused is left out, so later checks compare numbers only.
        if (ip && isInteger(ordinal)) members.push({ ordinal, address: ip.canonical, family: ip.family });
    });
    members.sort((x, y) => x.ordinal - y.ordinal);
    return { members, legacyEndpoints: e.legacyEndpoints === true };
}

/** Hybrid mode: every ordinal from the lowest to the highest is placed exactly once. */
function checkPlacement(problems: Problems, c: InClusterSpec, e: ExternalSpec): void {
    if (!validRange(c)) return;
    const first = c.startOrdinal;
    const end = c.startOrdinal + c.replicas;
    const overlap = e.members.filter((m) => m.ordinal >= first && m.ordinal < end).map((m) => m.ordinal);
    if (overlap.length > 0) {
        problems.add(
            "external.members",
            `place ${ordinals(overlap)} that the in-cluster range [${first}, ${end}) also holds; a member lives in one place`,
        );
    }
    const placed = new Set<number>([...e.members.map((m) => m.ordinal)]);
    for (let o = first; o < end; o++) placed.add(o);
    const lowest = Math.min(...placed);
    const highest = Math.max(...placed);
    const missing: number[] = [];
    for (let o = lowest; o <= highest && missing.length <= 10; o++) if (!placed.has(o)) missing.push(o);
    if (missing.length > 0) {
        problems.add(
            "mode",
            `is hybrid but ${ordinals(missing.slice(0, 10))}${missing.length > 10 ? ", …" : ""} ${missing.length === 1 ? "has" : "have"} no member: neither in the in-cluster range [${first}, ${end}) nor in external.members`,
        );
    }
}

/** Out-of-range counts are reported already; walking a range of millions would hang. */
function validRange(c: InClusterSpec): boolean {
    return isInteger(c.replicas) && isInteger(c.startOrdinal) && c.replicas >= 1 && c.replicas <= MAX_MEMBERS && c.startOrdinal >= 0;
}

/** `ordinal 3` or `ordinals 3, 4`. */
function ordinals(list: readonly number[]): string {
    return `${list.length === 1 ? "ordinal" : "ordinals"} ${list.join(", ")}`;
}

function placeMembers(c: InClusterSpec | undefined, e: ExternalSpec | undefined): MemberSpec[] {
    const members: MemberSpec[] = [];
    if (c && validRange(c)) {
        for (let o = c.startOrdinal; o < c.startOrdinal + c.replicas; o++) members.push({ ordinal: o, placement: "inCluster" });
    }
    for (const m of e?.members ?? []) members.push({ ordinal: m.ordinal, placement: "external", address: m.address });
    return members.sort((x, y) => x.ordinal - y.ordinal);
}
