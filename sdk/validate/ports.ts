/** Validation of `ports`: names, numbers and protocols, each port once, at least one client port. */
import { PortProtocol } from "../api/args";
import { PortSpec } from "../model/spec";
import { ianaServiceNameProblem } from "./grammar/dns";
import { isInteger } from "./grammar/values";
import { Problems, checkEnum, checkInteger, show } from "./problems";

/** Validates `ports` and returns them with `targetPort` and `protocol` filled in. */
export function normalisePorts(problems: Problems, ports: unknown): PortSpec[] {
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

/**
 * A `targetPort` given as a name, as a Service allows. The ensemble's targetPort must be a
 * number: external members have no named container ports, and their EndpointSlices carry numbers.
 * Records the problem and returns false.
 */
function checkNamedTargetPort(problems: Problems, path: string, name: string, ports: unknown[]): false {
    const named = ports.map((p) => (p as { name?: unknown; targetPort?: unknown; port?: unknown } | undefined) ?? {});
    const match = named.find((p) => p.name === name);
    if (match) {
        const listens = isInteger(match.targetPort) ? match.targetPort : match.port;
        problems.add(
            path,
            `${show(name)} is a port name; targetPort takes the number the servers listen on (${show(name)} listens on ${show(listens)}), because external members have no named ports`,
        );
    } else {
        const names = named.map((p) => p.name).filter((n): n is string => typeof n === "string");
        problems.add(
            path,
            `${show(name)} names no container port (the container's ports are ${names.map((n) => JSON.stringify(n)).join(", ")}); targetPort takes the number the servers listen on`,
        );
    }
    return false;
}
