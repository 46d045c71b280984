import { strict as assert } from "assert";
import { validateEnsemble } from "../../../sdk/validate";
import { networkPolicies } from "../../../sdk/plan/network-policy";
import { StatefulEnsembleArgs } from "../../../sdk/api/args";
import { IN_CLUSTER, ensembleArgs } from "../../helpers/fixtures";

const SELECTOR = { "app.kubernetes.io/name": "zk", "app.kubernetes.io/instance": "zk" };
const ALL_PORTS = [
    { protocol: "TCP", port: 2181 },
    { protocol: "TCP", port: 2888 },
    { protocol: "TCP", port: 3888 },
];
const DNS_EGRESS = {
    to: [
        {
            podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
            namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
        },
    ],
    ports: [
        { protocol: "UDP", port: 53 },
        { protocol: "TCP", port: 53 },
    ],
};
const policyOf = (mode: StatefulEnsembleArgs["mode"], extra: Partial<StatefulEnsembleArgs>) =>
    networkPolicies(validateEnsemble("zk", ensembleArgs(mode, extra)));

describe("networkPolicies", () => {
    it("opens every port between the pods, the client ports to the listed clients, and egress to members and DNS", () => {
        const [policy, ...rest] = policyOf("inCluster", { networkPolicy: { clients: [{ namespaceLabels: { team: "apps" } }] } });
        assert.equal(rest.length, 0);
        assert.equal(policy.kind, "NetworkPolicy");
        assert.equal(policy.apiVersion, "networking.k8s.io/v1");
        assert.equal(policy.resourceName, "zk");
        assert.deepEqual(policy.body.spec, {
            podSelector: { matchLabels: SELECTOR },
            policyTypes: ["Ingress", "Egress"],
            ingress: [
                { from: [{ podSelector: { matchLabels: SELECTOR } }], ports: ALL_PORTS },
                { from: [{ namespaceSelector: { matchLabels: { team: "apps" } } }], ports: [{ protocol: "TCP", port: 2181 }] },
            ],
            egress: [{ to: [{ podSelector: { matchLabels: SELECTOR } }], ports: ALL_PORTS }, DNS_EGRESS],
        });
    });

    it("admits each external member's address as a host block in hybrid mode, and no client rule for no clients", () => {
        const [policy] = policyOf("hybrid", {
            inCluster: { ...IN_CLUSTER, replicas: 1, startOrdinal: 2 },
            external: { members: [{ address: "10.0.0.10" }, { address: "2001:db8::1" }] },
            networkPolicy: { clients: [] },
        });
        const members = [
            { podSelector: { matchLabels: SELECTOR } },
            { ipBlock: { cidr: "10.0.0.10/32" } },
            { ipBlock: { cidr: "2001:db8::1/128" } },
        ];
        const spec = policy.body.spec as { ingress: unknown[]; egress: unknown[] };
        assert.deepEqual(spec.ingress, [{ from: members, ports: ALL_PORTS }]);
        assert.deepEqual(spec.egress, [{ to: members, ports: ALL_PORTS }, DNS_EGRESS]);
    });

    it("allows the server's own port, not the Service's, since a policy sees traffic after translation", () => {
        const [policy] = policyOf("inCluster", {
            ports: [{ name: "client", port: 80, targetPort: 8080, protocol: "TCP", client: true }],
            networkPolicy: { clients: [{ podLabels: { role: "web" } }] },
        });
        const spec = policy.body.spec as { ingress: { ports: unknown }[] };
        assert.deepEqual(spec.ingress[1], {
            from: [{ podSelector: { matchLabels: { role: "web" } } }],
            ports: [{ protocol: "TCP", port: 8080 }],
        });
    });

    it("plans nothing when not asked for, and nothing in external mode", () => {
        assert.deepEqual(policyOf("inCluster", {}), []);
        assert.deepEqual(policyOf("external", { networkPolicy: { clients: [] } }), []);
    });
});
