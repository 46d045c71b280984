/**
 * ZooKeeperEnsembleArgs in, the StatefulEnsembleArgs of its ensemble and its `zoo.cfg` out — or
 * one error listing every problem, the core's and ZooKeeper's own, before anything registers.
 * Pure: nothing here touches Pulumi's engine.
 */
import { memberHost } from "../../model/names";
import { isInteger, isObject } from "../../validate/grammar/values";
import { Problems, show } from "../../validate/problems";
import { checkConfigMapSize } from "../../validate/volumes";
import { EnsembleSpec, MemberSpec } from "../../model/spec";
import {
    EnsembleMode,
    EnvVarArgs,
    EnsembleBaseArgs,
    InClusterArgs,
    InClusterBaseArgs,
    PodManagementPolicy,
    StatefulEnsembleArgs,
} from "../../api/args";
import { checkedWhenResolved, normaliseEnsemble } from "../../validate";
import {
    CONFIG_DIR,
    DEFAULT_SETTINGS,
    LIVENESS_SCRIPT,
    LOGBACK_XML,
    MANAGED_SETTINGS,
    MIN_HEAP_MIB,
    READINESS_SCRIPT,
    heapForLimit,
    startScript,
    zooCfg,
} from "./config";
import { MIB, quantityNumber } from "../../validate/grammar/quantity";
import { ZOOKEEPER_IMAGE, ZooKeeperEnsembleArgs, ZooKeeperInClusterArgs, ZooKeeperPorts } from "./args";

export const ZOOKEEPER_KIND = "ZooKeeperEnsemble";
/** Variables the component sets in the server container. */
const RESERVED_ENV: Record<string, string> = {
    ZOOCFGDIR: "it is the configuration directory the component mounts",
    ZK_SERVER_HEAP: "set inCluster.heapMegabytes instead",
};
const SETTING_KEY = /^[A-Za-z][A-Za-z0-9._-]*$/;
const FOUR_LETTER_WORD = /^[a-z]{4}$/;
/** ZooKeeper's server ids: 1 to 255; 254 when extended types (TTL nodes) are enabled. */
const MIN_SERVER_ID = 1;
const DEFAULT_RESOURCES = { requests: { cpu: "250m", memory: "1Gi" }, limits: { memory: "1Gi" } };
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

    // zoo.cfg lists the members the core places, so it is written once the core has placed
    // them; the core validates the in-cluster block with the file's name and without its content.
    const ensembleArgs = (files: Record<string, string>): StatefulEnsembleArgs => ({
        ...pick<EnsembleBaseArgs>(a, ENSEMBLE_FIELDS),
        mode: a.mode as EnsembleMode,
        clientTraffic: a.clientTraffic,
        appName: a.appName ?? "zookeeper",
        networkPolicy: a.networkPolicy,
        ports: ZOOKEEPER_ENSEMBLE_PORTS,
        external: a.external,
        inCluster: isObject(c) ? inClusterArgs(c, isInteger(offset) ? offset : 1, heap, files) : (c as undefined),
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

function inClusterArgs(c: ZooKeeperInClusterArgs, offset: number, heap: number | undefined, files: Record<string, string>): InClusterArgs {
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
        command: ["bash", "-c", startScript(offset)],
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

/** The core's path of a field the preset fills from its own arguments, as the ZooKeeperEnsemble's. */
function inZooKeeperTerms(path: string): string {
    const log = "inCluster.additionalVolumes[0]";
    if (path === log || path.startsWith(`${log}.`)) return `inCluster.transactionLogStorage${path.slice(log.length)}`;
    if (path === "inCluster.configFiles.mountPath") return `the configuration directory ${CONFIG_DIR}`;
    return path;
}

function checkSettings(problems: Problems, settings: unknown): Record<string, string> {
    if (settings === undefined) return {};
    if (!isObject(settings)) {
        problems.add("settings", `${show(settings)} is not a map of zoo.cfg keys to values`);
        return {};
    }
    const result: Record<string, string> = {};
    for (const [key, value] of Object.entries(settings)) {
        const at = `settings[${JSON.stringify(key)}]`;
        if (MANAGED_SETTINGS.includes(key) || /^server\.[0-9]+$/.test(key)) {
            problems.add(at, `is written by the component: ${managedHint(key)}`);
        } else if (!SETTING_KEY.test(key)) {
            problems.add(at, "is not a zoo.cfg key: a letter, then letters, digits, '.', '_' or '-'");
        }
        if (typeof value !== "string" || value.trim() === "" || value !== value.trim()) {
            problems.add(at, `${show(value)} must be a non-empty string without leading or trailing white space`);
        } else if (/[\r\n\\]/.test(value) || /[\u0000-\u001f]/.test(value)) {
            problems.add(at, `${show(value)} may not hold line breaks, control characters or '\\' (zoo.cfg is read as Java properties)`);
        } else {
            result[key] = value;
        }
    }
    for (const [key, def] of Object.entries(DEFAULT_SETTINGS)) {
        if (/^(tickTime|initLimit|syncLimit)$/.test(key) && result[key] !== undefined && !/^[1-9][0-9]*$/.test(result[key])) {
            problems.add(
                `settings[${JSON.stringify(key)}]`,
                `${show(result[key])} is not a positive whole number (ZooKeeper's default is ${def})`,
            );
        }
    }
    return result;
}

function managedHint(key: string): string {
    if (key === "dataDir") return "set inCluster.storage.mountPath";
    if (key === "dataLogDir") return "set inCluster.transactionLogStorage";
    if (key === "4lw.commands.whitelist") return "list extra words in fourLetterWords";
    if (key.startsWith("server.")) return "the server lines list every member of the mode";
    return "the generated configuration, probes and Services rely on its value";
}

function checkFourLetterWords(problems: Problems, words: unknown): string[] {
    if (words === undefined) return [];
    if (!Array.isArray(words)) {
        problems.add("fourLetterWords", `${show(words)} is not a list`);
        return [];
    }
    words.forEach((w, i) => {
        if (typeof w !== "string" || !(FOUR_LETTER_WORD.test(w) || w === "*")) {
            problems.add(`fourLetterWords[${i}]`, `${show(w)} is not a four-letter word such as "mntr" (or "*" for all)`);
        }
    });
    return words.filter((w): w is string => typeof w === "string");
}

/** ZooKeeper-specific checks of the in-cluster block; returns the heap (MiB) to set, if any. */
function checkInCluster(problems: Problems, c: ZooKeeperInClusterArgs): number | undefined {
    (c.env ?? []).forEach((e, i) => {
        const reason = typeof e?.name === "string" ? RESERVED_ENV[e.name] : undefined;
        if (reason) problems.add(`inCluster.env[${i}].name`, `${show(e.name)} is set by the component: ${reason}`);
    });
    const limitPath = "inCluster.resources.limits.memory";
    const limit = (c.resources ?? DEFAULT_RESOURCES).limits?.memory;
    const limitBytes = limit === undefined ? undefined : quantityNumber(limit);
    if (limit !== undefined && !(limitBytes !== undefined && limitBytes > 0)) {
        problems.add(limitPath, `${show(limit)} is not a positive Kubernetes quantity such as "1Gi"`);
        return undefined;
    }
    if (c.heapMegabytes !== undefined) {
        if (!isInteger(c.heapMegabytes) || c.heapMegabytes < MIN_HEAP_MIB) {
            problems.add("inCluster.heapMegabytes", `${show(c.heapMegabytes)} is not a whole number of MiB of at least ${MIN_HEAP_MIB}`);
        } else if (limitBytes !== undefined && c.heapMegabytes * MIB >= limitBytes) {
            problems.add(
                "inCluster.heapMegabytes",
                `${c.heapMegabytes} MiB does not fit under the memory limit ${show(limit)}: the JVM needs memory outside its heap too`,
            );
        }
        return c.heapMegabytes;
    }
    if (limit === undefined) return undefined;
    const heap = heapForLimit(limit)!;
    if (heap < MIN_HEAP_MIB) {
        problems.add(
            limitPath,
            `${show(limit)} leaves a heap of ${Math.max(heap, 0)} MiB once the JVM's own memory (a quarter of the limit, at least 128 MiB) is set aside; ZooKeeperEnsemble needs at least ${MIN_HEAP_MIB} MiB`,
        );
    }
    return heap;
}

function checkServerIds(problems: Problems, name: string, members: readonly MemberSpec[], offset: number, maxId: number): void {
    const outside = members.map((m) => m.ordinal).filter((o) => o + offset < MIN_SERVER_ID || o + offset > maxId);
    if (outside.length === 0) return;
    const shown = outside
        .slice(0, 5)
        .map((o) => `${name}-${o} would be server ${o + offset}`)
        .join(", ");
    problems.add(
        "serverIdOffset",
        `${offset} puts server ids outside ZooKeeper's range ${MIN_SERVER_ID}–${maxId} (id = ordinal + serverIdOffset): ${shown}${outside.length > 5 ? ", …" : ""}`,
    );
}

/** An even ensemble tolerates no more failures than the odd one below it, with one more server to lose. */
function quorumWarnings(name: string, servers: number): string[] {
    if (servers === 0 || servers % 2 === 1) return [];
    const majority = servers / 2 + 1;
    return [
        `${ZOOKEEPER_KIND} ${JSON.stringify(name)}: the ensemble has ${servers} servers; a quorum of ${servers} needs ${majority}, so it survives ${servers - majority} failure${servers - majority === 1 ? "" : "s"}, no more than ${servers - 1} servers would. Prefer an odd number of servers.`,
    ];
}
