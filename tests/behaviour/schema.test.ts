/**
 * Every object the component renders, in every mode and variant, against the official
 * Kubernetes OpenAPI schemas.
 */
import { strict as assert } from "assert";
import { StatefulEnsemble, StatefulEnsembleArgs } from "../../sdk";
import { IN_CLUSTER, ensembleArgs } from "../helpers/fixtures";
import { recordResources, settle } from "../helpers/mocks";
import { assertValidObject } from "../helpers/schema";

const hybridInCluster = { ...IN_CLUSTER, startOrdinal: 3 };
const dualStack = {
    members: [{ address: "10.0.0.1" }, { address: "2001:db8::1" }, { address: "10.0.0.2" }],
    legacyEndpoints: true,
};

const variants: [string, StatefulEnsembleArgs][] = [
    ["inCluster", ensembleArgs("inCluster")],
    [
        "inCluster with every option",
        ensembleArgs("inCluster", {
            namespace: "data",
            labels: { team: "data" },
            annotations: { "example.com/owner": "data" },
            inCluster: {
                ...IN_CLUSTER,
                startOrdinal: 5,
                partition: 6,
                podManagementPolicy: "Parallel",
                spread: "required",
                command: ["/bin/sh", "-c"],
                args: ["exec server"],
                env: [{ name: "JVMFLAGS", value: "-Xmx512m" }],
                resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { memory: "1Gi" } },
                readinessProbe: { exec: ["true"] },
                livenessProbe: { httpGetPath: "/healthz", httpPort: "client" },
                storage: { size: "1.5Gi", storageClassName: "standard", accessModes: ["ReadWriteOncePod"], whenScaled: "Delete" },
                nodeSelector: { "kubernetes.io/os": "linux" },
                priorityClassName: "high",
                podLabels: { tier: "data" },
                podAnnotations: { "example.com/scrape": "true" },
            },
        }),
    ],
    [
        "inCluster without storage",
        ensembleArgs("inCluster", { inCluster: { ...IN_CLUSTER, storage: undefined, readOnlyRootFilesystem: false } }),
    ],
    ["external", ensembleArgs("external")],
    ["external, dual-stack, with legacy Endpoints", ensembleArgs("external", { external: dualStack })],
    [
        "external with 250 members",
        ensembleArgs("external", {
            external: { members: Array.from({ length: 250 }, (_, i) => ({ address: `10.1.${i >> 8}.${(i & 255) + 1}` })) },
        }),
    ],
    ...(["all", "inCluster", "external"] as const).map((clientTraffic): [string, StatefulEnsembleArgs] => [
        `hybrid with ${clientTraffic} client traffic and legacy Endpoints`,
        ensembleArgs("hybrid", { inCluster: hybridInCluster, external: dualStack, clientTraffic }),
    ]),
];

describe("rendered objects against the Kubernetes OpenAPI schemas", () => {
    for (const [title, args] of variants) {
        it(`are valid for ${title}`, async () => {
            const rec = await recordResources();
            new StatefulEnsemble("zk", args);
            await settle();
            const objects = rec.resources.filter((r) => r.custom).map((r) => r.inputs);
            assert.ok(objects.length >= 3);
            for (const o of objects) assertValidObject(o);
        });
    }

    it("catches a field the API does not know, so the checks above can fail", () => {
        assert.throws(
            () =>
                assertValidObject({
                    apiVersion: "v1",
                    kind: "Service",
                    metadata: { name: "x" },
                    spec: { ipFamilyPolicies: "PreferDualStack" },
                }),
            /\.spec\.ipFamilyPolicies is not a field of V1ServiceSpec/,
        );
        assert.throws(
            () => assertValidObject({ apiVersion: "apps/v1", kind: "StatefulSet", metadata: { name: "x" }, spec: { replicas: "3" } }),
            /violates the Kubernetes schema/,
        );
    });
});
