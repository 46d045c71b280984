/**
 * ZooKeeperEnsembleArgs in, the StatefulEnsembleArgs of its ensemble and its `zoo.cfg` out — or
 * one error listing every problem, the core's and ZooKeeper's own, before anything registers.
 * Pure: nothing here touches Pulumi's engine.
 */
import { memberHost } from "../../model/names";
import { isInteger, isObject } from "../../validate/grammar/values";
import { Problems, show } from "../../validate/problems";
import { checkConfigMapSize } from "../../validate/volumes";
import { EnsembleSpec } from "../../model/spec";
import {
    EnsembleMode,
    Membership,
    EnvVarArgs,
    EnsembleBaseArgs,
    InClusterArgs,
    InClusterBaseArgs,
    PodManagementPolicy,
    StatefulEnsembleArgs,
} from "../../api/args";
import { checkedWhenResolved, normaliseEnsemble } from "../../validate";
import { CONFIG_DIR, LIVENESS_SCRIPT, LOGBACK_XML, READINESS_SCRIPT, startScript, zooCfg } from "./config";
import { ZOOKEEPER_IMAGE, ZooKeeperEnsembleArgs, ZooKeeperInClusterArgs, ZooKeeperMetricsArgs, ZooKeeperPorts } from "./args";
import { ZooKeeperSecurity, checkSecurity, securityStartLines, securityVolumes, servesPlaintextClients } from "./security";
import {
    DEFAULT_RESOURCES,
    ZOOKEEPER_KIND,
    checkFourLetterWords,
    checkInCluster,
    checkServerIds,
    checkSettings,
    inZooKeeperTerms,
    quorumWarnings,
} from "./validate";

const DEFAULT_STORAGE = { size: "10Gi" };
const DEFAULT_DATA_DIR = "/data";
const TRANSACTION_LOG_VOLUME = "datalog";
const DEFAULT_TRANSACTION_LOG_DIR = "/datalog";

export const ZOOKEEPER_ENSEMBLE_PORTS: StatefulEnsembleArgs["ports"] = [
    { name: "client", port: ZooKeeperPorts.Client, client: true },
    { name: "server", port: ZooKeeperPorts.Server },
    { name: "election", port: ZooKeeperPorts.Election },
    { name: "admin", port: ZooKeeperPorts.Admin },
];

/** The name of the metrics port on the headless Service and the EndpointSlices. */
export const METRICS_PORT = "metrics";

/**
 * The ensemble's ports: the plaintext client port while plaintext clients are served, the TLS
 * client port once TLS is on (the first client port is the connection string's, so it moves to
 * the TLS port when plaintext stops), and the metrics port when metrics are on.
 */
export function zooKeeperPorts(security: ZooKeeperSecurity): StatefulEnsembleArgs["ports"] {
    const [client, ...peers] = ZOOKEEPER_ENSEMBLE_PORTS;
    const tls = { name: "client-tls", port: ZooKeeperPorts.SecureClient, client: true };
    return [
        ...(servesPlaintextClients(security) ? [client] : []),
        ...(security.tls ? [tls] : []),
        ...peers,
        ...(security.metrics ? [{ name: METRICS_PORT, port: ZooKeeperPorts.Metrics }] : []),
    ];
}

/** What a ZooKeeperEnsemble consists of: the arguments of its StatefulEnsemble and its configuration. */
export interface ZooKeeperPlan {
    /** The arguments of the StatefulEnsemble child, `zoo.cfg` included in the in-cluster block. */
    readonly ensembleArgs: StatefulEnsembleArgs;
    /** The validated core spec of that ensemble. */
    readonly spec: EnsembleSpec;
    /** The `zoo.cfg` every server of the mode runs, in the cluster and outside it. */
    readonly zooCfg: string;
    /** Advice that does not stop the deployment (an even number of servers). */
    readonly warnings: string[];
}

/** Validates `args` of the ZooKeeperEnsemble `name` and plans its ensemble. Throws one EnsembleArgsError listing every problem. */
export function planZooKeeper(name: string, args: ZooKeeperEnsembleArgs): ZooKeeperPlan {
    const a: Partial<ZooKeeperEnsembleArgs> = args ?? {};
    // The core's arguments are a transformation of these: its problems are reported under the
    // names of the fields the user wrote, with every problem of ZooKeeper's own, once.
    const problems = new Problems(inZooKeeperTerms);
    const offset = a.serverIdOffset ?? 1;
    if (!isInteger(offset)) problems.add("serverIdOffset", `${show(offset)} is not an integer`);
    const settings = checkSettings(problems, a.settings);
    const fourLetterWords = checkFourLetterWords(problems, a.fourLetterWords);
    const c = a.inCluster;
    const heap = isObject(c) ? checkInCluster(problems, c) : undefined;
    const security = checkSecurity(problems, a.tls, a.sasl, a.metrics);
    const m = isObject(a.metrics) ? (a.metrics as ZooKeeperMetricsArgs) : undefined;

    // zoo.cfg lists the members the core places, so it is written once the core has placed
    // them; the core validates the in-cluster block with the file's name and without its content.
    const ensembleArgs = (files: Record<string, string>): StatefulEnsembleArgs => ({
        ...pick<EnsembleBaseArgs>(a, ENSEMBLE_FIELDS),
        mode: a.mode as EnsembleMode,
        clientTraffic: a.clientTraffic,
        // ZooKeeper's servers are voters with majority quorums.
        membership: Membership.Majority,
        appName: a.appName ?? "zookeeper",
        networkPolicy: a.networkPolicy,
        ports: zooKeeperPorts(security),
        external: a.external,
        inCluster: isObject(c) ? inClusterArgs(c, isInteger(offset) ? offset : 1, heap, files, security) : (c as undefined),
        monitor:
            m?.monitor === undefined ? undefined : { kind: m.monitor, port: METRICS_PORT, interval: m.interval, labels: m.monitorLabels },
    });
    const core = normaliseEnsemble(problems, name, ensembleArgs({ "zoo.cfg": "", "logback.xml": LOGBACK_XML }));
    const maxId = settings.extendedTypesEnabled === "true" ? 254 : 255;
    if (isInteger(offset)) checkServerIds(problems, name, core.members, offset, maxId);
    problems.throwIfAny(`${ZOOKEEPER_KIND} ${JSON.stringify(name)}`);

    const cfg = zooCfg({
        servers: core.members.map((m) => ({
            id: m.ordinal + offset,
            host: memberHost(core.name, m.ordinal, core.namespace, core.clusterDomain),
        })),
        // From the arguments, not the spec: the spec drops the in-cluster block in external mode,
        // and the file must stay the same in every mode.
        dataDir: c?.storage?.mountPath ?? DEFAULT_DATA_DIR,
        dataLogDir: c?.transactionLogStorage ? (c.transactionLogStorage.mountPath ?? DEFAULT_TRANSACTION_LOG_DIR) : undefined,
        settings,
        fourLetterWords,
        security,
    });
    const files = { "zoo.cfg": cfg, "logback.xml": LOGBACK_XML };
    // The file's content is the one thing the core has not seen: only its size can be refused.
    checkConfigMapSize(problems, files);
    problems.throwIfAny(`${ZOOKEEPER_KIND} ${JSON.stringify(name)}`);
    const inCluster = core.inCluster && { ...core.inCluster, configFiles: { mountPath: CONFIG_DIR, files } };
    return {
        ensembleArgs: ensembleArgs(files),
        spec: checkedWhenResolved(ZOOKEEPER_KIND, { ...core, inCluster }),
        zooCfg: cfg,
        warnings: quorumWarnings(name, core.members.length),
    };
}

function inClusterArgs(
    c: ZooKeeperInClusterArgs,
    offset: number,
    heap: number | undefined,
    files: Record<string, string>,
    security: ZooKeeperSecurity,
): InClusterArgs {
    const log = c.transactionLogStorage;
    const env: EnvVarArgs[] = [...(c.env ?? [])];
    const named = new Set(env.map((e) => e?.name));
    // A name the user already set is reported as a problem; adding ours too would only add a duplicate.
    if (!named.has("ZOOCFGDIR")) env.push({ name: "ZOOCFGDIR", value: CONFIG_DIR });
    if (heap !== undefined && !named.has("ZK_SERVER_HEAP")) env.push({ name: "ZK_SERVER_HEAP", value: String(heap) });
    return {
        ...pick<InClusterBaseArgs>(c, SHARED_FIELDS),
        image: c.image ?? ZOOKEEPER_IMAGE,
        // The image's entrypoint would write its own zoo.cfg into the (read-only) configuration directory.
        command: ["bash", "-c", startScript(offset, securityStartLines(security))],
        env,
        resources: c.resources ?? DEFAULT_RESOURCES,
        readinessProbe: {
            exec: ["bash", "-c", READINESS_SCRIPT],
            initialDelaySeconds: 5,
            periodSeconds: 10,
            timeoutSeconds: 5,
            failureThreshold: 3,
        },
        livenessProbe: {
            exec: ["bash", "-c", LIVENESS_SCRIPT],
            initialDelaySeconds: 30,
            periodSeconds: 10,
            timeoutSeconds: 5,
            failureThreshold: 6,
        },
        storage: c.storage ?? DEFAULT_STORAGE,
        configFiles: { mountPath: CONFIG_DIR, files },
        additionalVolumes: log
            ? [
                  {
                      name: TRANSACTION_LOG_VOLUME,
                      mountPath: log.mountPath ?? DEFAULT_TRANSACTION_LOG_DIR,
                      size: log.size,
                      storageClassName: log.storageClassName,
                      accessModes: log.accessModes,
                  },
              ]
            : undefined,
        secretVolumes: securityVolumes(security),
        podManagementPolicy: c.podManagementPolicy ?? PodManagementPolicy.Parallel,
    };
}

/** The fields of the shared in-cluster block; tsc keeps this list and the interface equal. */
const SHARED_FIELDS: Record<keyof InClusterBaseArgs, true> = {
    replicas: true,
    startOrdinal: true,
    imagePullPolicy: true,
    partition: true,
    maxUnavailable: true,
    spread: true,
    runAsUser: true,
    runAsGroup: true,
    fsGroup: true,
    readOnlyRootFilesystem: true,
    terminationGracePeriodSeconds: true,
    nodeSelector: true,
    priorityClassName: true,
    podLabels: true,
    podAnnotations: true,
};

/** The fields every ensemble's arguments share; tsc keeps this list and the interface equal. */
const ENSEMBLE_FIELDS: Record<keyof EnsembleBaseArgs, true> = {
    namespace: true,
    component: true,
    labels: true,
    annotations: true,
    clusterDomain: true,
    allowDataLoss: true,
};

/** The shared fields, handed on as they are (and nothing else the caller added). */
function pick<T extends object>(args: T, fields: Record<keyof T, true>): T {
    return Object.fromEntries(Object.keys(fields).map((k) => [k, args[k as keyof T]])) as T;
}
