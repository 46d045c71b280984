import { strict as assert } from "assert";
import { validateEnsemble } from "../../../sdk/validate";
import { ensembleEndpoints } from "../../../sdk/model/outputs";
import { ensembleArgs } from "../../helpers/fixtures";

describe("ensembleEndpoints", () => {
    it("names the in-cluster members of the StatefulSet's range, in ordinal order, on the first client port", () => {
        const spec = validateEnsemble("zk", ensembleArgs("inCluster", { namespace: "data" }));
        assert.deepEqual(ensembleEndpoints(spec), {
            clientEndpoint: "zk.data.svc.cluster.local:2181",
            memberHosts: [
                "zk-0.zk-headless.data.svc.cluster.local",
                "zk-1.zk-headless.data.svc.cluster.local",
                "zk-2.zk-headless.data.svc.cluster.local",
            ],
            connectionString:
                "zk-0.zk-headless.data.svc.cluster.local:2181,zk-1.zk-headless.data.svc.cluster.local:2181,zk-2.zk-headless.data.svc.cluster.local:2181",
        });
    });

    it("follows the members across the mode, the cluster domain and the first port marked client", () => {
        const spec = validateEnsemble(
            "kv",
            ensembleArgs("hybrid", {
                clusterDomain: "corp.example",
                ports: [
                    { name: "peer", port: 2380 },
                    { name: "client", port: 2379, client: true },
                    { name: "metrics", port: 9090, client: true },
                ],
                inCluster: { replicas: 1, startOrdinal: 3, image: "etcd:3.5" },
            }),
        );
        assert.deepEqual(ensembleEndpoints(spec), {
            clientEndpoint: "kv.default.svc.corp.example:2379",
            memberHosts: [0, 1, 2, 3].map((o) => `kv-${o}.kv-headless.default.svc.corp.example`),
            connectionString: [0, 1, 2, 3].map((o) => `kv-${o}.kv-headless.default.svc.corp.example:2379`).join(","),
        });
    });
});
