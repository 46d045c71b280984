/**
 * EndpointSlices (and, on request, legacy Endpoints) that put external members behind the
 * ensemble's Services. kube-proxy and CoreDNS merge every slice labelled with a Service's name,
 * so the same Service can front pods (controller-managed slices) and external members (these).
 * @see https://kubernetes.io/docs/concepts/services-networking/endpoint-slices/
 */
import type * as k8s from "@pulumi/kubernetes/types/input";
import { MANAGED_BY, memberName, sliceName } from "../model/names";
import { PlannedObject, objectMeta, planned } from "./objects";
import { AddressFamily, EnsembleSpec, ExternalMemberSpec, PortSpec, clientPorts } from "../model/spec";

/**
 * Endpoints per slice. The API allows 1000; the EndpointSlice controller uses 100 so that one
 * member's change rewrites a small object. We follow the controller.
 */
export const MAX_ENDPOINTS_PER_SLICE = 100;

const FAMILIES: readonly AddressFamily[] = ["IPv4", "IPv6"];

function slicePorts(ports: PortSpec[]): k8s.core.v1.EndpointPort[] {
    // Slice port names must equal the Service's port names: kube-proxy matches them by name.
    // The port is where the external server listens.
    return ports.map((p) => ({ name: p.name, port: p.targetPort, protocol: p.protocol }));
}

/**
 * Groups members (sorted by ordinal) by block of {@link MAX_ENDPOINTS_PER_SLICE} ordinals:
 * block n holds ordinals [100n, 100n + 100). A member's block depends on its own ordinal only, so
 * adding, removing or moving another member never moves it to another slice.
 */
function blocks(members: readonly ExternalMemberSpec[]): [number, ExternalMemberSpec[]][] {
    const byBlock = new Map<number, ExternalMemberSpec[]>();
    for (const m of members) {
        const block = Math.floor(m.ordinal / MAX_ENDPOINTS_PER_SLICE);
        const members = byBlock.get(block);
        if (members) members.push(m);
        else byBlock.set(block, [m]);
    }
    return [...byBlock.entries()];
}

/**
 * The component's EndpointSlices for one Service: one address family per slice, at most
 * {@link MAX_ENDPOINTS_PER_SLICE} endpoints each, named `<service>-ext-<family>-<n>` where n is
 * the block of 100 ordinals the slice's members belong to, so a member that stays put keeps its slice.
 * Each endpoint carries `hostname: <name>-<ordinal>`, so CoreDNS answers
 * `<name>-<ordinal>.<service>.<namespace>.svc` for it (kubernetes/dns spec §2.4.1).
 */
export function externalSlices(spec: EnsembleSpec, service: string, ports: PortSpec[]): PlannedObject[] {
    const members = spec.external?.members ?? [];
    return FAMILIES.flatMap((family) =>
        blocks(members.filter((m) => m.family === family)).map(([index, slice]) => {
            const name = sliceName(service, family, index);
            return planned("EndpointSlice", name, {
                metadata: objectMeta(spec, name, {
                    "kubernetes.io/service-name": service,
                    // The EndpointSlice controller leaves slices managed by anyone else alone.
                    "endpointslice.kubernetes.io/managed-by": MANAGED_BY,
                }),
                addressType: family,
                endpoints: slice.map((m) => endpoint(spec, m)),
                ports: slicePorts(ports),
            });
        }),
    );
}

function endpoint(spec: EnsembleSpec, m: ExternalMemberSpec): k8s.discovery.v1.Endpoint {
    return {
        addresses: [m.address],
        hostname: memberName(spec.name, m.ordinal),
        conditions: { ready: true },
    };
}

/**
 * core/v1 Endpoints for a selector-less Service, for consumers that still read them (deprecated
 * since Kubernetes 1.33). Labelled skip-mirror so the mirroring controller does not copy them
 * into slices that would duplicate the component's own.
 */
export function legacyEndpoints(spec: EnsembleSpec, service: string, ports: PortSpec[]): PlannedObject {
    const members = spec.external?.members ?? [];
    return planned(
        // Distinct from the Service's Pulumi name: same Kubernetes name, different type.
        "Endpoints",
        service,
        {
            metadata: objectMeta(spec, service, { "endpointslice.kubernetes.io/skip-mirror": "true" }),
            subsets: [
                {
                    addresses: members.map((m) => ({ ip: m.address, hostname: memberName(spec.name, m.ordinal) })),
                    ports: slicePorts(ports),
                },
            ],
        },
    );
}

/** Every object that puts external members behind the ensemble's Services, in the current mode. */
export function externalBacking(spec: EnsembleSpec): PlannedObject[] {
    if (!spec.external) return [];
    const services: { name: string; ports: PortSpec[]; selectorLess: boolean }[] = [];
    if (spec.backing.clientHasExternal) {
        services.push({ name: spec.names.client, ports: clientPorts(spec), selectorLess: !spec.backing.clientSelectsPods });
    }
    if (spec.backing.headlessHasExternal) {
        services.push({ name: spec.names.headless, ports: spec.ports, selectorLess: !spec.backing.headlessSelectsPods });
    }
    const slices = services.flatMap((s) => externalSlices(spec, s.name, s.ports));
    // A Service with a selector has controller-managed Endpoints of the same name: never write those.
    const endpoints = spec.external.legacyEndpoints
        ? services.filter((s) => s.selectorLess).map((s) => legacyEndpoints(spec, s.name, s.ports))
        : [];
    return [...slices, ...endpoints];
}
