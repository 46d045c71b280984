import { strict as assert } from "assert";
import { PlannedObject, StatefulEnsemble, StatefulEnsembleArgs, planEnsemble, validateEnsemble } from "../../sdk";
import { ensembleArgs } from "../helpers/fixtures";
import { recordResources, settle } from "../helpers/mocks";
import { assertValidObject } from "../helpers/schema";

const NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const PODS = { podSelector: { matchLabels: { "app.kubernetes.io/name": "zk", "app.kubernetes.io/instance": "zk" } } };
const KUBE_DNS = {
    namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
    podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
};
const ALL_PORTS = [
    { protocol: "TCP", port: 2181 },
    { protocol: "TCP", port: 2888 },
    { protocol: "TCP", port: 3888 },
];
const DNS_PORTS = [
    { protocol: "UDP", port: 53 },
    { protocol: "TCP", port: 53 },
];
const APPS = {
    namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "apps" } },
    podSelector: { matchLabels: { role: "client" } },
};

function policies(args: StatefulEnsembleArgs): PlannedObject[] {
    return planEnsemble(validateEnsemble("zk", args)).filter((o) => o.kind === "NetworkPolicy");
}

function render(o: PlannedObject) {
    return { apiVersion: o.apiVersion, kind: o.kind, ...o.body };
}

/* eslint-disable @typescript-eslint/no-explicit-any */
const specOf = (o: PlannedObject) => o.body.spec as any;

describe("the NetworkPolicy", () => {
    it("is not rendered unless asked for", () => {
        for (const mode of ["inCluster", "external", "hybrid"] as const) {
            const args = ensembleArgs(
                mode,
                mode === "hybrid" ? { inCluster: { replicas: 3, startOrdinal: 3, image: "zookeeper:3.9.3" } } : {},
            );
            assert.deepEqual(policies(args), []);
        }
    });

    it("opens every port between the pods only, the client port to the listed clients, and egress to the pods and DNS, in inCluster mode", () => {
        const [policy] = policies(
            ensembleArgs("inCluster", {
                networkPolicy: { clients: [{ namespaceLabels: { "kubernetes.io/metadata.name": "apps" }, podLabels: { role: "client" } }] },
            }),
        );
        assertValidObject(render(policy));
        assert.equal(policy.resourceName, "zk");
        assert.equal(policy.body.metadata.name, "zk");
        assert.deepEqual(policy.body.spec, {
            podSelector: PODS.podSelector,
            policyTypes: ["Ingress", "Egress"],
            ingress: [
                { from: [PODS], ports: ALL_PORTS },
                { from: [APPS], ports: [{ protocol: "TCP", port: 2181 }] },
            ],
            egress: [
                { to: [PODS], ports: ALL_PORTS },
                { to: [KUBE_DNS], ports: DNS_PORTS },
            ],
        });
    });

    it("counts the external members' addresses as members in hybrid mode, IPv4 as /32 and IPv6 as /128", () => {
        const [policy] = policies(
            ensembleArgs("hybrid", {
                inCluster: { replicas: 1, startOrdinal: 2, image: "zookeeper:3.9.3" },
                external: { members: [{ address: "10.0.0.10" }, { address: "2001:DB8::10" }] },
                networkPolicy: { clients: [] },
            }),
        );
        assertValidObject(render(policy));
        const members = [PODS, { ipBlock: { cidr: "10.0.0.10/32" } }, { ipBlock: { cidr: "2001:db8::10/128" } }];
        assert.deepEqual(specOf(policy).ingress, [{ from: members, ports: ALL_PORTS }]);
        assert.deepEqual(specOf(policy).egress[0], { to: members, ports: ALL_PORTS });
    });

    it("leaves the external members out in inCluster mode even when the external block stays in the program", () => {
        const [policy] = policies(ensembleArgs("inCluster", { networkPolicy: { clients: [] } }));
        assert.deepEqual(specOf(policy).ingress[0].from, [PODS]);
    });

    it("is not rendered in external mode, where no pod runs", () => {
        assert.deepEqual(policies(ensembleArgs("external", { networkPolicy: { clients: [] } })), []);
    });

    it("closes the client ports to everyone but the members when clients is empty", () => {
        const [policy] = policies(ensembleArgs("inCluster", { networkPolicy: { clients: [] } }));
        assert.deepEqual(specOf(policy).ingress, [{ from: [PODS], ports: ALL_PORTS }]);
    });

    it("opens the ports the servers listen on, which a Service's targetPort names", () => {
        const [policy] = policies(
            ensembleArgs("inCluster", {
                ports: [
                    { name: "client", port: 2181, targetPort: 12181, client: true },
                    { name: "metrics", port: 7000, protocol: "TCP" },
                ],
                networkPolicy: { clients: [{ podLabels: { role: "client" } }] },
            }),
        );
        assert.deepEqual(specOf(policy).ingress[1], {
            from: [{ podSelector: { matchLabels: { role: "client" } } }],
            ports: [{ protocol: "TCP", port: 12181 }],
        });
        assert.deepEqual(specOf(policy).egress[0].ports, [
            { protocol: "TCP", port: 12181 },
            { protocol: "TCP", port: 7000 },
        ]);
    });

    it("admits every namespace for namespaceLabels {}", () => {
        const [policy] = policies(ensembleArgs("inCluster", { networkPolicy: { clients: [{ namespaceLabels: {} }] } }));
        assertValidObject(render(policy));
        assert.deepEqual(specOf(policy).ingress[1].from, [{ namespaceSelector: { matchLabels: {} } }]);
    });

    it("sends DNS to the servers named in dns instead of kube-dns", () => {
        const [policy] = policies(
            ensembleArgs("inCluster", {
                networkPolicy: { clients: [], dns: { namespaceLabels: { "kubernetes.io/metadata.name": "dns" } } },
            }),
        );
        assert.deepEqual(specOf(policy).egress[1], {
            to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "dns" } } }],
            ports: DNS_PORTS,
        });
    });

    it("keeps its Pulumi and Kubernetes names when the mode switches from inCluster to hybrid", () => {
        const np = { networkPolicy: { clients: [] } };
        const [before] = policies(ensembleArgs("inCluster", np));
        const [after] = policies(ensembleArgs("hybrid", { ...np, inCluster: { replicas: 3, startOrdinal: 3, image: "zookeeper:3.9.3" } }));
        assert.deepEqual([after.resourceName, after.body.metadata.name], [before.resourceName, before.body.metadata.name]);
    });

    it("is registered as a child of the component and exposed on it", async () => {
        const rec = await recordResources();
        const zk = new StatefulEnsemble("zk", ensembleArgs("inCluster", { networkPolicy: { clients: [] } }));
        await settle();
        assert.equal(rec.get(NETWORK_POLICY, "zk").inputs.metadata.name, "zk");
        assert.ok(zk.networkPolicy, "the component exposes its NetworkPolicy");
    });

    it("stays under etcd's 1.5 MiB object limit at the bound on members, every external member an IPv6 address", () => {
        const external = Array.from({ length: 9_997 }, (_, i) => ({
            address: `fd12:3456:789a:bcde:f012:3456:${(0x1000 + (i >> 12)).toString(16)}:${(0x1000 + (i & 0xfff)).toString(16)}`,
            ordinal: i + 3,
        }));
        const [policy] = policies(
            ensembleArgs("hybrid", {
                inCluster: { replicas: 3, image: "zookeeper:3.9.3" },
                external: { members: external },
                networkPolicy: { clients: [] },
            }),
        );
        // Every address written out in full, 39 characters: the longest an IPv6 address gets.
        assert.ok(external.every((m) => m.address.length === 39));
        const bytes = Buffer.byteLength(JSON.stringify(render(policy)));
        assert.equal(specOf(policy).ingress[0].from.length, 10_000 - 3 + 1);
        assert.ok(bytes < 1.5 * 1024 * 1024, `the NetworkPolicy is ${bytes} bytes`);
    });
});
