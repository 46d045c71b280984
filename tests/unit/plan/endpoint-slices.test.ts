import { strict as assert } from "assert";
import { validateEnsemble } from "../../../sdk";
import { externalBacking, externalSlices } from "../../../sdk/plan/endpoint-slices";
import { IN_CLUSTER, PORTS, ensembleArgs } from "../../helpers/fixtures";

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** n external members with IPv4 addresses 10.0.x.y, ordinals 0..n-1. */
function v4Members(n: number) {
    return Array.from({ length: n }, (_, i) => ({ address: `10.0.${Math.floor(i / 250)}.${(i % 250) + 1}` }));
}

describe("externalSlices", () => {
    it("writes one IPv4 slice with a hostname and a ready condition for each member", () => {
        const spec = validateEnsemble("zk", ensembleArgs("external", { namespace: "data" }));
        const [slice] = externalSlices(spec, "zk-headless", spec.ports);
        assert.deepEqual(slice, {
            kind: "EndpointSlice",
            apiVersion: "discovery.k8s.io/v1",
            resourceName: "zk-headless-ext-ipv4-0",
            body: {
                metadata: {
                    name: "zk-headless-ext-ipv4-0",
                    namespace: "data",
                    annotations: { "pulumi.com/patchForce": "true" },
                    labels: {
                        "app.kubernetes.io/name": "zk",
                        "app.kubernetes.io/instance": "zk",
                        "app.kubernetes.io/component": "server",
                        "app.kubernetes.io/managed-by": "stateful-ensemble",
                        "kubernetes.io/service-name": "zk-headless",
                        "endpointslice.kubernetes.io/managed-by": "stateful-ensemble",
                    },
                },
                addressType: "IPv4",
                endpoints: [
                    { addresses: ["10.0.0.10"], hostname: "zk-0", conditions: { ready: true } },
                    { addresses: ["10.0.0.11"], hostname: "zk-1", conditions: { ready: true } },
                    { addresses: ["10.0.0.12"], hostname: "zk-2", conditions: { ready: true } },
                ],
                ports: [
                    { name: "client", port: 2181, protocol: "TCP" },
                    { name: "server", port: 2888, protocol: "TCP" },
                    { name: "election", port: 3888, protocol: "TCP" },
                ],
            },
        });
    });

    it("puts IPv4 and IPv6 members in slices of their own family", () => {
        const members = [{ address: "10.0.0.1" }, { address: "2001:db8::1" }, { address: "10.0.0.2" }, { address: "2001:DB8::2" }];
        const spec = validateEnsemble("zk", ensembleArgs("external", { external: { members } }));
        const slices = externalSlices(spec, "zk", spec.ports).map((s) => s.body as Body);
        assert.deepEqual(
            slices.map((s) => [s.metadata.name, s.addressType, s.endpoints.map((e: Body) => `${e.hostname}=${e.addresses[0]}`)]),
            [
                ["zk-ext-ipv4-0", "IPv4", ["zk-0=10.0.0.1", "zk-2=10.0.0.2"]],
                ["zk-ext-ipv6-0", "IPv6", ["zk-1=2001:db8::1", "zk-3=2001:db8::2"]],
            ],
        );
    });

    it("splits members into slices of at most 100 endpoints, in ordinal order, with stable names", () => {
        const spec = validateEnsemble("zk", ensembleArgs("external", { external: { members: v4Members(250) } }));
        const slices = externalSlices(spec, "zk-headless", spec.ports).map((s) => s.body as Body);
        assert.deepEqual(
            slices.map((s) => [s.metadata.name, s.endpoints.length, s.endpoints[0].hostname]),
            [
                ["zk-headless-ext-ipv4-0", 100, "zk-0"],
                ["zk-headless-ext-ipv4-1", 100, "zk-100"],
                ["zk-headless-ext-ipv4-2", 50, "zk-200"],
            ],
        );
    });

    it("publishes each port where the external server listens, under the Service's port name", () => {
        const ports = [{ name: "client", port: 2181, targetPort: 12181, client: true }];
        const spec = validateEnsemble("zk", ensembleArgs("external", { ports }));
        assert.deepEqual((externalSlices(spec, "zk", spec.ports)[0].body as Body).ports, [
            { name: "client", port: 12181, protocol: "TCP" },
        ]);
    });
});

describe("externalBacking", () => {
    const hybrid = { ...IN_CLUSTER, startOrdinal: 3 };
    const names = (args: ReturnType<typeof ensembleArgs>) =>
        externalBacking(validateEnsemble("zk", args)).map((o) => `${o.kind}/${o.resourceName}`);

    it("backs both Services with slices in external mode", () => {
        assert.deepEqual(names(ensembleArgs("external")), ["EndpointSlice/zk-ext-ipv4-0", "EndpointSlice/zk-headless-ext-ipv4-0"]);
    });

    it("writes nothing in inCluster mode", () => {
        assert.deepEqual(names(ensembleArgs("inCluster")), []);
    });

    it("backs the headless Service with slices in hybrid mode, and the client Service as clientTraffic says", () => {
        assert.deepEqual(names(ensembleArgs("hybrid", { inCluster: hybrid })), [
            "EndpointSlice/zk-ext-ipv4-0",
            "EndpointSlice/zk-headless-ext-ipv4-0",
        ]);
        assert.deepEqual(names(ensembleArgs("hybrid", { inCluster: hybrid, clientTraffic: "external" })), [
            "EndpointSlice/zk-ext-ipv4-0",
            "EndpointSlice/zk-headless-ext-ipv4-0",
        ]);
        assert.deepEqual(names(ensembleArgs("hybrid", { inCluster: hybrid, clientTraffic: "inCluster" })), [
            "EndpointSlice/zk-headless-ext-ipv4-0",
        ]);
    });

    it("gives the client Service's slices only the client ports", () => {
        const client = externalBacking(validateEnsemble("zk", ensembleArgs("external")))[0].body as Body;
        assert.deepEqual(client.ports, [{ name: "client", port: 2181, protocol: "TCP" }]);
        assert.equal(PORTS.length, 3);
    });

    it("writes legacy Endpoints, labelled skip-mirror, only for selector-less Services", () => {
        const external = { members: [{ address: "10.0.0.1" }, { address: "10.0.0.2" }], legacyEndpoints: true };
        assert.deepEqual(names(ensembleArgs("external", { external })), [
            "EndpointSlice/zk-ext-ipv4-0",
            "EndpointSlice/zk-headless-ext-ipv4-0",
            "Endpoints/zk",
            "Endpoints/zk-headless",
        ]);
        // Hybrid: the headless Service has a selector, so its Endpoints belong to the controller.
        const hybridExternal = {
            members: [{ address: "10.0.0.1" }, { address: "10.0.0.2" }, { address: "10.0.0.3" }],
            legacyEndpoints: true,
        };
        assert.deepEqual(names(ensembleArgs("hybrid", { inCluster: hybrid, external: hybridExternal, clientTraffic: "external" })), [
            "EndpointSlice/zk-ext-ipv4-0",
            "EndpointSlice/zk-headless-ext-ipv4-0",
            "Endpoints/zk",
        ]);
        const endpoints = externalBacking(validateEnsemble("zk", ensembleArgs("external", { external })))[2].body as Body;
        assert.equal(endpoints.metadata.labels["endpointslice.kubernetes.io/skip-mirror"], "true");
        assert.deepEqual(endpoints.subsets, [
            {
                addresses: [
                    { ip: "10.0.0.1", hostname: "zk-0" },
                    { ip: "10.0.0.2", hostname: "zk-1" },
                ],
                ports: [{ name: "client", port: 2181, protocol: "TCP" }],
            },
        ]);
    });
});
