/**
 * The opt-in NetworkPolicy `<name>` that fences the in-cluster members: every port open only
 * between members (and, in hybrid mode, the external members' addresses), the client ports also
 * open to the clients the user lists; egress only to members and DNS.
 *
 * NetworkPolicies add up: a cluster's other policies can open more, never less. The kubelet's
 * probes are always allowed from the pod's node, so readiness and liveness keep working.
 * @see https://kubernetes.io/docs/concepts/services-networking/network-policies/
 */
import type * as k8s from "@pulumi/kubernetes/types/input";
import { networkPolicyName, selectorLabels } from "../model/names";
import { PlannedObject, objectMeta, planned } from "./objects";
import { EnsembleSpec, PeerSpec, PortSpec, clientPorts } from "../model/spec";

function peer(p: PeerSpec): k8s.networking.v1.NetworkPolicyPeer {
    return {
        ...(p.podLabels ? { podSelector: { matchLabels: p.podLabels } } : {}),
        ...(p.namespaceLabels ? { namespaceSelector: { matchLabels: p.namespaceLabels } } : {}),
    };
}

function policyPorts(ports: PortSpec[]): k8s.networking.v1.NetworkPolicyPort[] {
    // A policy sees traffic after the Service has translated it: the port is the server's own.
    return ports.map((p) => ({ protocol: p.protocol, port: p.targetPort }));
}

/** The members as NetworkPolicy peers: the StatefulSet's pods and, in hybrid mode, each external address. */
function memberPeers(spec: EnsembleSpec): k8s.networking.v1.NetworkPolicyPeer[] {
    const external = (spec.external?.members ?? []).map((m) => ({
        ipBlock: { cidr: `${m.address}/${m.family === "IPv4" ? 32 : 128}` },
    }));
    return [{ podSelector: { matchLabels: selectorLabels(spec.appName, spec.name) } }, ...external];
}

/** The NetworkPolicy, when asked for and when members run in the cluster; otherwise nothing. */
export function networkPolicies(spec: EnsembleSpec): PlannedObject[] {
    const np = spec.networkPolicy;
    if (!np || !spec.inCluster) return [];
    const members = memberPeers(spec);
    const allPorts = policyPorts(spec.ports);
    const name = networkPolicyName(spec.name);
    return [
        planned("NetworkPolicy", name, {
            metadata: objectMeta(spec, name),
            spec: {
                podSelector: { matchLabels: selectorLabels(spec.appName, spec.name) },
                policyTypes: ["Ingress", "Egress"],
                ingress: [
                    { from: members, ports: allPorts },
                    ...(np.clients.length > 0 ? [{ from: np.clients.map(peer), ports: policyPorts(clientPorts(spec)) }] : []),
                ],
                egress: [
                    { to: members, ports: allPorts },
                    {
                        to: [peer(np.dns)],
                        ports: [
                            { protocol: "UDP", port: 53 },
                            { protocol: "TCP", port: 53 },
                        ],
                    },
                ],
            },
        }),
    ];
}
