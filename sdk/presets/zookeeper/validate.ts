/**
 * What a ZooKeeperEnsemble refuses beyond what the core refuses: zoo.cfg settings, four-letter
 * words, the variables and the heap of the server container, server ids; and how the core's
 * paths read in the ZooKeeperEnsemble's terms. Every problem goes to the same Problems as the
 * core's, so the user sees them all at once.
 */
import { memberName } from "../../model/names";
import { MemberSpec } from "../../model/spec";
import { isInteger, isObject } from "../../validate/grammar/values";
import { MIB, isPositiveQuantity, quantityNumber } from "../../validate/grammar/quantity";
import { Problems, show } from "../../validate/problems";
import { ZooKeeperInClusterArgs } from "./args";
import { CONFIG_DIR, DEFAULT_SETTINGS, MANAGED_SETTINGS, MIN_HEAP_MIB, heapForLimit } from "./config";
import { SASL_DIR, SECURITY_SETTINGS, TLS_DIR } from "./security";

export const ZOOKEEPER_KIND = "ZooKeeperEnsemble";
/** The server container's resources unless given. */
export const DEFAULT_RESOURCES = { requests: { cpu: "250m", memory: "1Gi" }, limits: { memory: "1Gi" } };
/** Variables the component sets in the server container. */
const RESERVED_ENV: Record<string, string> = {
    ZOOCFGDIR: "it is the configuration directory the component mounts",
    ZK_SERVER_HEAP: "set inCluster.heapMegabytes instead",
};
const SETTING_KEY = /^[A-Za-z][A-Za-z0-9._-]*$/;
const FOUR_LETTER_WORD = /^[a-z]{4}$/;
/** ZooKeeper's server ids: 1 to 255; 254 when extended types (TTL nodes) are enabled. */
const MIN_SERVER_ID = 1;

/** The core's monitor fields and the metrics block's fields that fill them. */
const MONITOR_FIELDS: Record<string, string> = { kind: "monitor", interval: "interval", labels: "monitorLabels" };

/** The core's path of a field the preset fills from its own arguments, as the ZooKeeperEnsemble's. */
export function inZooKeeperTerms(path: string): string {
    const log = "inCluster.additionalVolumes[0]";
    if (path === log || path.startsWith(`${log}.`)) return `inCluster.transactionLogStorage${path.slice(log.length)}`;
    const monitor = /^monitor\.(kind|interval|labels)(.*)$/.exec(path);
    if (monitor) return `metrics.${MONITOR_FIELDS[monitor[1]]}${monitor[2]}`;
    if (path === "inCluster.configFiles.mountPath") return `the configuration directory ${CONFIG_DIR}`;
    if (/^inCluster\.secretVolumes\[[0-9]+\]\.mountPath$/.test(path))
        return `a Secret directory the component mounts (${TLS_DIR} or ${SASL_DIR})`;
    return path;
}

export function checkSettings(problems: Problems, settings: unknown): Record<string, string> {
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
        } else if (Object.prototype.hasOwnProperty.call(SECURITY_SETTINGS, key)) {
            problems.add(at, `is written by the component: ${SECURITY_SETTINGS[key]}`);
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

export function checkFourLetterWords(problems: Problems, words: unknown): string[] {
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
export function checkInCluster(problems: Problems, c: ZooKeeperInClusterArgs): number | undefined {
    (c.env ?? []).forEach((e, i) => {
        const reason = typeof e?.name === "string" ? RESERVED_ENV[e.name] : undefined;
        if (reason) problems.add(`inCluster.env[${i}].name`, `${show(e.name)} is set by the component: ${reason}`);
    });
    const limitPath = "inCluster.resources.limits.memory";
    const limit = (c.resources ?? DEFAULT_RESOURCES).limits?.memory;
    if (limit !== undefined && !isPositiveQuantity(limit)) {
        problems.add(limitPath, `${show(limit)} is not a positive Kubernetes quantity such as "1Gi"`);
        return undefined;
    }
    const limitBytes = limit === undefined ? undefined : quantityNumber(limit);
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

export function checkServerIds(problems: Problems, name: string, members: readonly MemberSpec[], offset: number, maxId: number): void {
    const outside = members.map((m) => m.ordinal).filter((o) => o + offset < MIN_SERVER_ID || o + offset > maxId);
    if (outside.length === 0) return;
    const shown = outside
        .slice(0, 5)
        .map((o) => `${memberName(name, o)} would be server ${o + offset}`)
        .join(", ");
    problems.add(
        "serverIdOffset",
        `${offset} puts server ids outside ZooKeeper's range ${MIN_SERVER_ID}–${maxId} (id = ordinal + serverIdOffset): ${shown}${outside.length > 5 ? ", …" : ""}`,
    );
}

/** An even ensemble tolerates no more failures than the odd one below it, with one more server to lose. */
export function quorumWarnings(name: string, servers: number): string[] {
    if (servers === 0 || servers % 2 === 1) return [];
    const majority = servers / 2 + 1;
    return [
        `${ZOOKEEPER_KIND} ${JSON.stringify(name)}: the ensemble has ${servers} servers; a quorum of ${servers} needs ${majority}, so it survives ${servers - majority} failure${servers - majority === 1 ? "" : "s"}, no more than ${servers - 1} server${servers === 2 ? "" : "s"} would. Prefer an odd number of servers.`,
    ];
}
