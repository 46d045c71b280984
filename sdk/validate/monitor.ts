/**
 * Validation of `monitor`: the prometheus-operator object's kind, the port it scrapes, its path,
 * interval and labels, as the operator's CustomResourceDefinitions accept them.
 */
import { MonitorArgs, MonitorKind } from "../api/args";
import { MonitorSpec, PortSpec } from "../model/spec";
import { isObject } from "./grammar/values";
import { checkLabels } from "./metadata";
import { Problems, checkEnum, show } from "./problems";

/**
 * A Prometheus duration (`30s`, `1m30s`): the pattern of the operator's `Duration` type.
 * @see https://prometheus-operator.dev/docs/api-reference/api/#monitoring.coreos.com/v1.Duration
 */
const DURATION = /^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$/;

/** Validates `monitor` against the ensemble's ports (by name). */
export function normaliseMonitor(problems: Problems, m: MonitorArgs, ports: Map<string, PortSpec>): MonitorSpec | undefined {
    const p = "monitor";
    if (!isObject(m)) {
        problems.add(p, `${show(m)} is not an object with kind and port`);
        return undefined;
    }
    checkEnum(problems, `${p}.kind`, m.kind, MonitorKind);
    const port = ports.get(m.port);
    if (typeof m.port !== "string" || port === undefined) {
        problems.add(`${p}.port`, `${show(m.port)} is not the name of one of the ports (${[...ports.keys()].join(", ")})`);
    } else if (port.client && m.kind === MonitorKind.ServiceMonitor) {
        // Both Services carry a client port, so a ServiceMonitor would scrape every member twice.
        problems.add(`${p}.port`, `${show(m.port)} is a client port; a ServiceMonitor needs a port only the headless Service carries`);
    }
    const path = m.path ?? "/metrics";
    if (typeof path !== "string" || !path.startsWith("/") || /\s/.test(path)) {
        problems.add(`${p}.path`, `${show(path)} is not an HTTP path such as "/metrics"`);
    }
    if (m.interval !== undefined && (typeof m.interval !== "string" || !DURATION.test(m.interval) || m.interval === "")) {
        problems.add(`${p}.interval`, `${show(m.interval)} is not a Prometheus duration such as "30s" or "1m30s"`);
    }
    checkLabels(problems, `${p}.labels`, m.labels);
    return { kind: m.kind, port: m.port, path, interval: m.interval, labels: { ...(m.labels ?? {}) } };
}
