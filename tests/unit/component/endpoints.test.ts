import { strict as assert } from "assert";
import { plannedEndpoints } from "../../../sdk/component/endpoints";
import { EnsembleArgsError } from "../../../sdk/validate/problems";
import { ensembleArgs } from "../../helpers/fixtures";

describe("plannedEndpoints", () => {
    it("gives the external members' names in external mode, before any resource exists", () => {
        assert.deepEqual(plannedEndpoints("zk", ensembleArgs("external", { namespace: "q" })), {
            clientEndpoint: "zk.q.svc.cluster.local:2181",
            memberHosts: [
                "zk-0.zk-headless.q.svc.cluster.local",
                "zk-1.zk-headless.q.svc.cluster.local",
                "zk-2.zk-headless.q.svc.cluster.local",
            ],
            connectionString:
                "zk-0.zk-headless.q.svc.cluster.local:2181,zk-1.zk-headless.q.svc.cluster.local:2181,zk-2.zk-headless.q.svc.cluster.local:2181",
        });
    });

    it("throws the component's own error, under the name given, for arguments the component refuses", () => {
        assert.throws(
            () => plannedEndpoints("zk", ensembleArgs("external", { external: { members: [{ address: "127.0.0.1" }] } })),
            (err: unknown) =>
                err instanceof EnsembleArgsError &&
                err.message ===
                    'StatefulEnsemble "zk": external.members[0].address "127.0.0.1" is a loopback address (127.0.0.0/8); Kubernetes rejects such endpoints',
        );
    });
});
