/** Validation of the opt-in NetworkPolicy block: NetworkPolicyArgs in, NetworkPolicySpec out. */
import { checkLabels } from "./metadata";
import { isObject } from "./grammar/values";
import { Problems, show } from "./problems";
import { NetworkPolicySpec, PeerSpec } from "../model/spec";

/**
 * The cluster DNS of kubeadm, EKS, GKE and AKS: CoreDNS (or kube-dns) pods labelled
 * `k8s-app: kube-dns` in kube-system, whose name label the API server sets on every namespace.
 * @see https://kubernetes.io/docs/reference/labels-annotations-taints/#kubernetes-io-metadata-name
 */
export const DEFAULT_DNS_PEER: PeerSpec = {
    namespaceLabels: { "kubernetes.io/metadata.name": "kube-system" },
    podLabels: { "k8s-app": "kube-dns" },
};

function normalisePeer(problems: Problems, path: string, peer: unknown): PeerSpec {
    if (!isObject(peer)) {
        problems.add(path, `${show(peer)} is not a peer: give podLabels, namespaceLabels or both`);
        return {};
    }
    const { podLabels, namespaceLabels } = peer;
    if (podLabels === undefined && namespaceLabels === undefined) {
        problems.add(path, "sets neither podLabels nor namespaceLabels; Kubernetes refuses a NetworkPolicy peer that names nothing");
    }
    // Selecting by any label is fine here, the component's own included: these select, they do not set.
    checkLabels(problems, `${path}.podLabels`, podLabels, true);
    checkLabels(problems, `${path}.namespaceLabels`, namespaceLabels, true);
    return {
        ...(isObject(podLabels) ? { podLabels: { ...(podLabels as Record<string, string>) } } : {}),
        ...(isObject(namespaceLabels) ? { namespaceLabels: { ...(namespaceLabels as Record<string, string>) } } : {}),
    };
}

export function normaliseNetworkPolicy(problems: Problems, np: unknown): NetworkPolicySpec | undefined {
    const p = "networkPolicy";
    if (!isObject(np)) {
        problems.add(p, `${show(np)} is not a block: give { clients: [...] }`);
        return undefined;
    }
    if (!Array.isArray(np.clients)) {
        problems.add(
            `${p}.clients`,
            np.clients === undefined
                ? "is required: list the pods that may connect to the client ports, or [] to let only the members connect"
                : `${show(np.clients)} is not a list of peers`,
        );
    }
    const clients = (Array.isArray(np.clients) ? np.clients : []).map((peer, i) => normalisePeer(problems, `${p}.clients[${i}]`, peer));
    const dns = np.dns === undefined ? DEFAULT_DNS_PEER : normalisePeer(problems, `${p}.dns`, np.dns);
    return { clients, dns };
}
