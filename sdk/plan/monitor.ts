/**
 * The opt-in prometheus-operator monitor `<name>`: a PodMonitor that selects the StatefulSet's
 * pods, or a ServiceMonitor that selects the headless Service and so scrapes every member behind
 * it, external members through the component's EndpointSlices (whose port names equal the
 * Service's). Only rendered when asked: without the operator's CustomResourceDefinitions the API
 * server refuses these kinds.
 * @see https://prometheus-operator.dev/docs/developer/getting-started/
 */
import { selectorLabels } from "../model/names";
import { EnsembleSpec, MonitorSpec } from "../model/spec";
import { PlannedObject, objectMeta, planned } from "./objects";

/** One scrape endpoint of a monitor: the fields this component sets. */
interface ScrapeEndpoint {
    readonly port: string;
    readonly path: string;
    readonly interval?: string;
}

/** The fields of a monitoring.coreos.com/v1 PodMonitor that the component writes. */
export interface PodMonitorBody {
    readonly apiVersion?: string;
    readonly kind?: string;
    readonly metadata?: unknown;
    readonly spec: {
        readonly selector: { readonly matchLabels: Record<string, string> };
        readonly podMetricsEndpoints: ScrapeEndpoint[];
    };
}

/** The fields of a monitoring.coreos.com/v1 ServiceMonitor that the component writes. */
export interface ServiceMonitorBody {
    readonly apiVersion?: string;
    readonly kind?: string;
    readonly metadata?: unknown;
    readonly spec: {
        readonly selector: { readonly matchLabels: Record<string, string> };
        readonly endpoints: ScrapeEndpoint[];
    };
}

function endpoint(m: MonitorSpec): ScrapeEndpoint {
    return { port: m.port, path: m.path, ...(m.interval ? { interval: m.interval } : {}) };
}

/** The monitor, or nothing when none is asked for (or a PodMonitor would find no pod). */
export function monitors(spec: EnsembleSpec): PlannedObject[] {
    const m = spec.monitor;
    if (!m) return [];
    const name = spec.names.monitor;
    const metadata = objectMeta(spec, name, m.labels);
    // Both Services and the pods carry the selector labels; the scraped port exists only on the
    // headless Service (validation refuses a client port), so the client Service adds no target.
    const selector = { matchLabels: selectorLabels(spec.appName, spec.name) };
    if (m.kind === "PodMonitor") {
        if (!spec.inCluster) return [];
        return [planned("PodMonitor", name, { metadata, spec: { selector, podMetricsEndpoints: [endpoint(m)] } })];
    }
    return [planned("ServiceMonitor", name, { metadata, spec: { selector, endpoints: [endpoint(m)] } })];
}
