/**
 * The server container's compute resources, checked by the API server's rules for container
 * resource requirements, so a typo (`memroy`, `"1 Gi"`) is refused up front.
 * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
 * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#extended-resources
 */
import { qualifiedNameProblem } from "./grammar/dns";
import { Problems, show } from "./problems";
import { QuantityValue, compareQuantities, isNegative, isWholeNumber, parseQuantity } from "./grammar/quantity";
import { isObject } from "./grammar/values";

/** Resources a container may name without a domain. */
const STANDARD = ["cpu", "memory", "ephemeral-storage"];
const HUGEPAGES = /^hugepages-(.+)$/;

type Kind = "standard" | "hugepages" | "extended";

/** Which kind of resource `name` is, or why a container cannot request it. */
function classify(name: string): Kind | string {
    if (STANDARD.includes(name)) return "standard";
    const huge = HUGEPAGES.exec(name);
    if (huge) {
        const size = parseQuantity(huge[1]);
        return size && size.numerator > 0n
            ? "hugepages"
            : `names a huge page size ${JSON.stringify(huge[1])} that is not a positive quantity`;
    }
    // Unprefixed names and the kubernetes.io domains belong to Kubernetes: only the standard ones exist.
    const prefix = name.includes("/") ? name.slice(0, name.indexOf("/")) : undefined;
    if (prefix === undefined || prefix === "kubernetes.io" || prefix.endsWith(".kubernetes.io")) {
        return "is not a container resource: use cpu, memory, ephemeral-storage, hugepages-<size>, or an extended resource with a domain such as example.com/gpu";
    }
    const problem = qualifiedNameProblem(name);
    return problem ? `is not a valid extended resource name: it ${problem}` : "extended";
}

interface Entry {
    readonly raw: unknown;
    readonly value: QuantityValue;
    readonly kind: Kind;
}

function readMap(problems: Problems, path: string, map: unknown): Map<string, Entry> {
    const result = new Map<string, Entry>();
    if (map === undefined) return result;
    if (!isObject(map)) {
        problems.add(path, `${show(map)} is not a map of resource names to quantities`);
        return result;
    }
    for (const [name, raw] of Object.entries(map as Record<string, unknown>)) {
        const at = `${path}[${JSON.stringify(name)}]`;
        const kind = classify(name);
        if (kind !== "standard" && kind !== "hugepages" && kind !== "extended") {
            problems.add(at, kind);
            continue;
        }
        const value = parseQuantity(raw);
        if (typeof raw === "number") {
            problems.add(at, `${raw} is a number; give quantities as strings, e.g. ${JSON.stringify(String(raw))}`);
        } else if (!value) {
            problems.add(at, `${show(raw)} is not a Kubernetes quantity such as "500m", "1Gi" or "2"`);
        } else if (isNegative(value)) {
            problems.add(at, `${show(raw)} is negative`);
        } else if (kind === "extended" && !isWholeNumber(value)) {
            problems.add(at, `${show(raw)} is not a whole number: extended resources are counted in whole units`);
        } else {
            result.set(name, { raw, value, kind });
        }
    }
    return result;
}

/** Checks `resources` (requests and limits) as the API server would. */
export function checkResources(problems: Problems, path: string, resources: unknown): void {
    if (resources === undefined) return;
    if (!isObject(resources)) {
        problems.add(path, `${show(resources)} is not a block of requests and limits`);
        return;
    }
    const block = resources as Record<string, unknown>;
    for (const key of Object.keys(block)) {
        if (key !== "requests" && key !== "limits")
            problems.add(`${path}.${key}`, "is not a field of resources: it takes requests and limits");
    }
    const requests = readMap(problems, `${path}.requests`, block.requests);
    const limits = readMap(problems, `${path}.limits`, block.limits);
    for (const [name, request] of requests) {
        const at = `${path}.requests[${JSON.stringify(name)}]`;
        const limit = limits.get(name);
        // cpu, memory and ephemeral-storage may be overcommitted; huge pages and extended resources may not.
        if (request.kind === "standard") {
            if (limit && compareQuantities(request.value, limit.value) > 0) {
                problems.add(at, `${show(request.raw)} is more than its limit ${show(limit.raw)}; a request may not exceed the limit`);
            }
        } else if (!limit) {
            problems.add(at, "has no limit: huge pages and extended resources cannot be overcommitted, so Kubernetes requires a limit");
        } else if (compareQuantities(request.value, limit.value) !== 0) {
            problems.add(
                at,
                `${show(request.raw)} differs from its limit ${show(limit.raw)}: huge pages and extended resources cannot be overcommitted`,
            );
        }
    }
    const all = [...requests.values(), ...limits.values()];
    const names = [...requests.keys(), ...limits.keys()];
    if (all.some((e) => e.kind === "hugepages") && !names.some((n) => n === "cpu" || n === "memory")) {
        problems.add(path, "asks for huge pages without cpu or memory; Kubernetes requires one of them alongside huge pages");
    }
}
