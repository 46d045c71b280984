import { strict as assert } from "assert";
import { validateEnsemble } from "../../../sdk";
import { clientService, headlessService } from "../../../sdk/plan/services";
import { IN_CLUSTER, ensembleArgs } from "../../helpers/fixtures";

const LABELS = {
    "app.kubernetes.io/name": "zk",
    "app.kubernetes.io/instance": "zk",
    "app.kubernetes.io/component": "server",
    "app.kubernetes.io/managed-by": "stateful-ensemble",
};
const SELECTOR = { "app.kubernetes.io/name": "zk", "app.kubernetes.io/instance": "zk" };
/** What a Service not backed by pods selects: nothing (see NO_PODS_LABEL). */
const NO_PODS = { ...SELECTOR, "stateful-ensemble/no-pods": "true" };
/**
 * Both Services skip the provider's Service await, whose outputs can be stale after an update;
 * like every object of the ensemble they take back fields another manager changed.
 */
const SKIP_AWAIT = { "pulumi.com/patchForce": "true", "pulumi.com/skipAwait": "true" };
const HYBRID_IN_CLUSTER = { ...IN_CLUSTER, startOrdinal: 3 };

describe("clientService", () => {
    it("is a dual-stack-preferring ClusterIP Service on the client ports that selects the pods in inCluster mode", () => {
        const service = clientService(validateEnsemble("zk", ensembleArgs("inCluster", { namespace: "zk-ns" })));
        assert.deepEqual(service, {
            kind: "Service",
            apiVersion: "v1",
            resourceName: "zk",
            body: {
                metadata: { name: "zk", namespace: "zk-ns", labels: LABELS, annotations: SKIP_AWAIT },
                spec: {
                    type: "ClusterIP",
                    ipFamilyPolicy: "PreferDualStack",
                    ports: [{ name: "client", port: 2181, targetPort: 2181, protocol: "TCP" }],
                    selector: SELECTOR,
                },
            },
        });
    });

    const selects: [string, ReturnType<typeof ensembleArgs>, boolean][] = [
        ["inCluster mode", ensembleArgs("inCluster"), true],
        ["external mode", ensembleArgs("external"), false],
        ["hybrid mode with all traffic", ensembleArgs("hybrid", { inCluster: HYBRID_IN_CLUSTER }), true],
        ["hybrid mode with in-cluster traffic", ensembleArgs("hybrid", { inCluster: HYBRID_IN_CLUSTER, clientTraffic: "inCluster" }), true],
        ["hybrid mode with external traffic", ensembleArgs("hybrid", { inCluster: HYBRID_IN_CLUSTER, clientTraffic: "external" }), false],
    ];
    for (const [title, args, selectsPods] of selects) {
        it(`${selectsPods ? "selects" : "does not select"} the pods in ${title}`, () => {
            const spec = clientService(validateEnsemble("zk", args)).body.spec as Record<string, unknown>;
            assert.deepEqual(spec.selector, selectsPods ? SELECTOR : NO_PODS);
            assert.equal(spec.ipFamilyPolicy, "PreferDualStack");
        });
    }

    it("exposes only the client ports, with numeric target ports", () => {
        const args = ensembleArgs("inCluster", {
            ports: [
                { name: "client", port: 2181, targetPort: 12181, client: true },
                { name: "admin", port: 8080, client: true },
                { name: "server", port: 2888 },
            ],
        });
        assert.deepEqual((clientService(validateEnsemble("zk", args)).body.spec as { ports: unknown }).ports, [
            { name: "client", port: 2181, targetPort: 12181, protocol: "TCP" },
            { name: "admin", port: 8080, targetPort: 8080, protocol: "TCP" },
        ]);
    });
});

/** What the headless Service of an ensemble that does not choose its membership says. */
const MAJORITY = { "stateful-ensemble/membership": "majority" };

describe("headlessService", () => {
    it("is headless, publishes not-ready addresses and exposes every port", () => {
        const service = headlessService(validateEnsemble("zk", ensembleArgs("inCluster")));
        assert.deepEqual(service, {
            kind: "Service",
            apiVersion: "v1",
            resourceName: "zk-headless",
            body: {
                metadata: { name: "zk-headless", namespace: "default", labels: LABELS, annotations: { ...SKIP_AWAIT, ...MAJORITY } },
                spec: {
                    clusterIP: "None",
                    ipFamilyPolicy: "PreferDualStack",
                    publishNotReadyAddresses: true,
                    ports: [
                        { name: "client", port: 2181, targetPort: 2181, protocol: "TCP" },
                        { name: "server", port: 2888, targetPort: 2888, protocol: "TCP" },
                        { name: "election", port: 3888, targetPort: 3888, protocol: "TCP" },
                    ],
                    selector: SELECTOR,
                },
            },
        });
    });

    it("selects no pod in external mode but keeps clusterIP None and an explicit ipFamilyPolicy", () => {
        const spec = headlessService(validateEnsemble("zk", ensembleArgs("external"))).body.spec as Record<string, unknown>;
        assert.deepEqual(spec.selector, NO_PODS);
        assert.equal(spec.clusterIP, "None");
        assert.equal(spec.ipFamilyPolicy, "PreferDualStack");
    });

    it("selects the pods in hybrid mode whatever the client traffic", () => {
        for (const clientTraffic of ["all", "inCluster", "external"] as const) {
            const spec = headlessService(validateEnsemble("zk", ensembleArgs("hybrid", { inCluster: HYBRID_IN_CLUSTER, clientTraffic })))
                .body.spec as Record<string, unknown>;
            assert.deepEqual(spec.selector, SELECTOR, clientTraffic);
        }
    });

    it("carries the user's labels and annotations beside the recommended labels", () => {
        const args = ensembleArgs("inCluster", {
            labels: { team: "data" },
            annotations: { owner: "data" },
        });
        const meta = headlessService(validateEnsemble("zk", args)).body.metadata;
        assert.deepEqual(meta.labels, { team: "data", ...LABELS });
        assert.deepEqual(meta.annotations, { owner: "data", ...SKIP_AWAIT, ...MAJORITY });
    });

    it("says how the members agree in its membership annotation, majority unless told otherwise", () => {
        for (const membership of ["majority", "replicated", "independent"] as const) {
            const meta = headlessService(validateEnsemble("zk", ensembleArgs("inCluster", { membership }))).body.metadata;
            assert.equal(meta.annotations?.["stateful-ensemble/membership"], membership);
        }
    });

    it("keeps its membership annotation when the user's annotations name the same key", () => {
        const args = ensembleArgs("inCluster", {
            membership: "replicated",
            annotations: { "stateful-ensemble/membership": "independent" },
        });
        assert.equal(
            headlessService(validateEnsemble("zk", args)).body.metadata.annotations?.["stateful-ensemble/membership"],
            "replicated",
        );
    });
});
