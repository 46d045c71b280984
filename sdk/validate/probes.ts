/**
 * Validation of the readiness and liveness probes: one handler each, on one of the ensemble's
 * ports, with timings Kubernetes accepts; a probe left out gets the default TCP check.
 */
import { ProbeArgs } from "../api/args";
import { PortSpec, ProbeSpec } from "../model/spec";
import { checkAtMost } from "./bounds";
import { INT32_MAX, isInteger } from "./grammar/values";
import { Problems, checkInteger, show } from "./problems";

export function normaliseProbe(
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
        checkAtMost(problems, `${path}.${field}`, value, INT32_MAX, "the largest value of this 32-bit field");
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
export function defaultProbes(ports: Map<string, PortSpec>): { readiness: ProbeSpec; liveness: ProbeSpec } {
    const first = [...ports.values()].find((p) => p.client);
    const base = { tcpPort: first?.targetPort, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 };
    return {
        readiness: { ...base, initialDelaySeconds: 10 },
        liveness: { ...base, initialDelaySeconds: 30, failureThreshold: 6 },
    };
}
