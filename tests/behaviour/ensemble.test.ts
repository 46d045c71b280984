import { strict as assert } from "assert";
import { EnsembleArgsError, StatefulEnsemble } from "../../sdk";
import { IN_CLUSTER, ensembleArgs } from "../helpers/fixtures";
import { recordResources, settle, valueOf } from "../helpers/mocks";

const SERVICE = "kubernetes:core/v1:Service";
const SLICE = "kubernetes:discovery.k8s.io/v1:EndpointSlice";
const STS = "kubernetes:apps/v1:StatefulSet";
const TOKEN = "stateful-ensemble:index:StatefulEnsemble";

async function outputsOf(zk: StatefulEnsemble) {
    return {
        clientServiceName: await valueOf(zk.clientServiceName),
        headlessServiceName: await valueOf(zk.headlessServiceName),
        clientEndpoint: await valueOf(zk.clientEndpoint),
        memberHosts: await valueOf(zk.memberHosts),
        connectionString: await valueOf(zk.connectionString),
        mode: await valueOf(zk.mode),
    };
}

const hosts = (ns: string, ordinals: number[]) => ordinals.map((o) => `zk-${o}.zk-headless.${ns}.svc.cluster.local`);

describe("StatefulEnsemble", () => {
    it("registers itself with the contract's type token and its children under it", async () => {
        const rec = await recordResources();
        new StatefulEnsemble("zk", ensembleArgs("inCluster"));
        await settle();
        const component = rec.get(TOKEN, "zk");
        assert.equal(component.custom, false);
        assert.deepEqual(
            rec.resources
                .filter((r) => r.custom)
                .map((r) => `${r.type}::${r.name}`)
                .sort(),
            [
                "kubernetes:apps/v1:StatefulSet::zk",
                "kubernetes:core/v1:Service::zk",
                "kubernetes:core/v1:Service::zk-headless",
                "kubernetes:core/v1:ServiceAccount::zk",
                "kubernetes:policy/v1:PodDisruptionBudget::zk",
            ],
        );
        assert.equal(rec.get(STS, "zk").inputs.spec.serviceName, "zk-headless");
    });

    it("reports the contract's outputs in inCluster mode", async () => {
        await recordResources();
        const zk = new StatefulEnsemble("zk", ensembleArgs("inCluster", { namespace: "data" }));
        assert.deepEqual(await outputsOf(zk), {
            clientServiceName: "zk",
            headlessServiceName: "zk-headless",
            clientEndpoint: "zk.data.svc.cluster.local:2181",
            memberHosts: hosts("data", [0, 1, 2]),
            connectionString: hosts("data", [0, 1, 2])
                .map((h) => `${h}:2181`)
                .join(","),
            mode: "inCluster",
        });
    });

    it("reports every member in external mode, in ordinal order, whatever the list order", async () => {
        await recordResources();
        const members = [
            { address: "10.0.0.12", ordinal: 2 },
            { address: "10.0.0.10", ordinal: 0 },
            { address: "10.0.0.11", ordinal: 1 },
        ];
        const zk = new StatefulEnsemble("zk", ensembleArgs("external", { external: { members } }));
        const out = await outputsOf(zk);
        assert.deepEqual(out.memberHosts, hosts("default", [0, 1, 2]));
        assert.equal(out.clientEndpoint, "zk.default.svc.cluster.local:2181");
        assert.equal(out.mode, "external");
    });

    it("reports in-cluster and external members together in hybrid mode", async () => {
        await recordResources();
        const zk = new StatefulEnsemble(
            "zk",
            ensembleArgs("hybrid", {
                inCluster: { ...IN_CLUSTER, replicas: 1, startOrdinal: 2 },
                external: { members: [{ address: "10.0.0.10" }, { address: "10.0.0.11" }] },
                clusterDomain: "corp.internal",
            }),
        );
        const out = await outputsOf(zk);
        assert.deepEqual(
            out.memberHosts,
            [0, 1, 2].map((o) => `zk-${o}.zk-headless.default.svc.corp.internal`),
        );
        assert.equal(out.connectionString, out.memberHosts.map((h) => `${h}:2181`).join(","));
        assert.equal(out.clientEndpoint, "zk.default.svc.corp.internal:2181");
    });

    it("uses the first client port in the endpoint and the connection string", async () => {
        await recordResources();
        const ports = [
            { name: "peer", port: 7000 },
            { name: "tls", port: 9443, client: true },
            { name: "plain", port: 9000, client: true },
        ];
        const zk = new StatefulEnsemble("zk", ensembleArgs("inCluster", { ports }));
        assert.equal(await valueOf(zk.clientEndpoint), "zk.default.svc.cluster.local:9443");
        assert.match(await valueOf(zk.connectionString), /^zk-0\.zk-headless\.default\.svc\.cluster\.local:9443,/);
    });

    it("registers Services that select no pod, a slice per Service and no StatefulSet in external mode", async () => {
        const rec = await recordResources();
        const zk = new StatefulEnsemble("zk", ensembleArgs("external"));
        await settle();
        assert.deepEqual(rec.get(SERVICE, "zk").inputs.spec.selector, {
            "app.kubernetes.io/name": "zk",
            "app.kubernetes.io/instance": "zk",
            "stateful-ensemble/no-pods": "true",
        });
        assert.deepEqual(rec.get(SERVICE, "zk-headless").inputs.spec.selector, rec.get(SERVICE, "zk").inputs.spec.selector);
        assert.deepEqual(
            rec.all(SLICE).map((s) => s.name),
            ["zk-ext-ipv4-0", "zk-headless-ext-ipv4-0"],
        );
        assert.equal(rec.all(STS).length, 0);
        assert.equal(zk.statefulSet, undefined);
        assert.equal(zk.endpointSlices.length, 2);
    });

    it("exposes its children as fields", async () => {
        await recordResources();
        const zk = new StatefulEnsemble("zk", ensembleArgs("inCluster"));
        assert.equal(await valueOf(zk.clientService.metadata.name), "zk");
        assert.equal(await valueOf(zk.headlessService.metadata.name), "zk-headless");
        assert.equal(await valueOf(zk.statefulSet!.spec.serviceName), "zk-headless");
        assert.deepEqual(zk.endpointSlices, []);
    });

    it("registers nothing, not even itself, when its arguments are refused", async () => {
        const rec = await recordResources();
        assert.throws(
            () => new StatefulEnsemble("zk", ensembleArgs("external", { external: { members: [{ address: "127.0.0.1" }] } })),
            EnsembleArgsError,
        );
        await settle();
        assert.deepEqual(rec.resources, []);
    });
});
