import { strict as assert } from "assert";
import {
    clientOrdinals,
    describeMember,
    isHybrid,
    membershipOf,
    normalLayout,
    placeable,
    renderedEnsembles,
} from "../../../../sdk/tools/migrate/members";
import { renderEnsemble } from "../../../helpers/rendered";
import { EXTERNAL, IN_CLUSTER, ensembleArgs } from "../../../helpers/fixtures";

const vm = (ordinal: number) => ({ ordinal, address: `10.0.0.${10 + ordinal}` });
const pod = (ordinal: number) => ({ ordinal });

describe("renderedEnsembles", () => {
    it("reads the pods of the StatefulSet's range and the external members of the headless Service's slices", async () => {
        const rendered = await renderEnsemble(
            ensembleArgs("hybrid", { inCluster: { ...IN_CLUSTER, replicas: 2, startOrdinal: 3 }, clientTraffic: "external" }),
        );
        assert.deepEqual(renderedEnsembles(rendered.resources), [
            {
                id: "default/zk",
                name: "zk",
                membership: "majority",
                members: [vm(0), vm(1), vm(2), pod(3), pod(4)],
                clientTraffic: "external",
            },
        ]);
    });

    it("reads which members take client traffic from the client Service's selector and slices", async () => {
        for (const clientTraffic of ["all", "inCluster", "external"] as const) {
            const rendered = await renderEnsemble(
                ensembleArgs("hybrid", { inCluster: { ...IN_CLUSTER, replicas: 1, startOrdinal: 3 }, clientTraffic }),
            );
            assert.equal(renderedEnsembles(rendered.resources)[0].clientTraffic, clientTraffic);
        }
    });

    it("reads the membership the headless Service's annotation carries", async () => {
        const rendered = await renderEnsemble(ensembleArgs("external", { membership: "replicated" }));
        assert.equal(renderedEnsembles(rendered.resources)[0].membership, "replicated");
    });

    it("reads external members written as legacy Endpoints", async () => {
        const rendered = await renderEnsemble(ensembleArgs("external", { external: { ...EXTERNAL, legacyEndpoints: true } }));
        assert.deepEqual(renderedEnsembles(rendered.resources)[0].members, [vm(0), vm(1), vm(2)]);
    });

    it("finds no ensemble in a rendering without the component's headless Service", () => {
        assert.deepEqual(renderedEnsembles([]), []);
    });
});

describe("membershipOf", () => {
    it("plans a headless Service without a known membership under majority's rules", () => {
        const service = (annotations: Record<string, string>) => ({
            apiVersion: "v1",
            kind: "Service",
            metadata: { name: "zk-headless", annotations },
        });
        assert.equal(membershipOf(service({})), "majority");
        assert.equal(membershipOf(service({ "stateful-ensemble/membership": "quorum" })), "majority");
        assert.equal(membershipOf(service({ "stateful-ensemble/membership": "independent" })), "independent");
    });
});

describe("layouts", () => {
    it("chooses client traffic only when members live in both places", () => {
        assert.deepEqual(normalLayout([pod(1), pod(0)], "inCluster"), { members: [pod(0), pod(1)], clientTraffic: "all" });
        assert.equal(isHybrid({ members: [vm(0), pod(1)], clientTraffic: "all" }), true);
        assert.deepEqual(clientOrdinals(normalLayout([vm(0), pod(1), pod(2)], "inCluster")), [1, 2]);
        assert.deepEqual(clientOrdinals(normalLayout([vm(0), pod(1), pod(2)], "external")), [0]);
    });

    it("places pods in one range and, in hybrid mode, every ordinal between the lowest and the highest", () => {
        assert.equal(placeable({ members: [pod(0), pod(2)], clientTraffic: "all" }), false);
        assert.equal(placeable({ members: [vm(0), pod(2)], clientTraffic: "all" }), false);
        assert.equal(placeable({ members: [vm(1), vm(3)], clientTraffic: "all" }), true);
        assert.equal(placeable({ members: [], clientTraffic: "all" }), false);
    });

    it("describes a member by name and place", () => {
        assert.equal(describeMember("zk", vm(0)), "zk-0 (10.0.0.10)");
        assert.equal(describeMember("zk", pod(3)), "zk-3 (in the cluster)");
    });
});
