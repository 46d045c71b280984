import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { EnsembleOutputs, StatefulEnsemble, ensembleOutputs, validatedArgs } from "../../../sdk/component/ensemble";
import { validateEnsemble } from "../../../sdk/validate";
import { EnsembleArgsError } from "../../../sdk/validate/problems";
import { configMapName } from "../../../sdk/model/names";
import { IN_CLUSTER, ensembleArgs } from "../../helpers/fixtures";
import { loadKubernetesClasses, recordResources, settle, valueOf } from "../../helpers/mocks";

const FILES = { "app.conf": "a=1\n" };

describe("StatefulEnsemble", () => {
    before(loadKubernetesClasses);

    it("publishes each child it registers under its own field, found by its Kubernetes name", async () => {
        await recordResources();
        const zk = new StatefulEnsemble(
            "zk",
            ensembleArgs("hybrid", {
                inCluster: {
                    ...IN_CLUSTER,
                    startOrdinal: 3,
                    configFiles: { mountPath: "/conf", files: FILES },
                    env: [{ name: "A", value: "x", secret: true }],
                },
                networkPolicy: { clients: [] },
            }),
        );
        await settle();
        assert.equal(await valueOf(zk.clientService.metadata.name), "zk");
        assert.equal(await valueOf(zk.headlessService.metadata.name), "zk-headless");
        assert.equal(await valueOf(zk.statefulSet!.metadata.name), "zk");
        assert.equal(await valueOf(zk.configMap!.metadata.name), configMapName("zk", FILES));
        assert.equal(await valueOf(zk.envSecret!.metadata.name), "zk-env");
        assert.equal(await valueOf(zk.networkPolicy!.metadata.name), "zk");
        assert.deepEqual(await Promise.all(zk.endpointSlices.map((s) => valueOf(s.metadata.name))), [
            "zk-ext-ipv4-0",
            "zk-headless-ext-ipv4-0",
        ]);
        assert.equal(await valueOf(zk.mode), "hybrid");
        assert.equal(
            await valueOf(zk.connectionString),
            [0, 1, 2, 3, 4, 5].map((o) => `zk-${o}.zk-headless.default.svc.cluster.local:2181`).join(","),
        );
    });

    it("leaves the optional children out where the mode has none", async () => {
        await recordResources();
        const zk = new StatefulEnsemble("zk", ensembleArgs("external"));
        await settle();
        assert.deepEqual([zk.statefulSet, zk.configMap, zk.envSecret, zk.networkPolicy], [undefined, undefined, undefined, undefined]);
        assert.equal(zk.endpointSlices.length, 2);
    });

    it("throws before registering anything when the arguments are refused", async () => {
        const rec = await recordResources();
        assert.throws(() => new StatefulEnsemble("zk", ensembleArgs("inCluster", { namespace: "Bad" })), EnsembleArgsError);
        await settle();
        assert.deepEqual(rec.resources, []);
    });
});

describe("validatedArgs", () => {
    it("hands the ensemble a spec validated already, which it builds from instead of the arguments", async () => {
        const rec = await recordResources();
        const spec = validateEnsemble("zk", ensembleArgs("inCluster", { namespace: "from-spec" }));
        // Arguments the ensemble would refuse: it does not read them again.
        const args = ensembleArgs("inCluster", { namespace: "Not A Namespace" });
        assert.equal(validatedArgs(args, spec), args);
        new StatefulEnsemble("zk", args);
        await settle();
        assert.equal(rec.get("kubernetes:core/v1:Service", "zk").inputs.metadata.namespace, "from-spec");
    });
});

describe("ensembleOutputs", () => {
    it("registers exactly the six outputs of the contract, and nothing else a component holds", () => {
        const o = (v: string) => pulumi.output(v);
        const component = {
            clientServiceName: o("a"),
            headlessServiceName: o("b"),
            clientEndpoint: o("c"),
            memberHosts: pulumi.output(["d"]),
            connectionString: o("e"),
            mode: pulumi.output("external" as const),
            zooCfg: o("not an ensemble output"),
        };
        const outputs = ensembleOutputs(component as EnsembleOutputs);
        assert.deepEqual(Object.keys(outputs), [
            "clientServiceName",
            "headlessServiceName",
            "clientEndpoint",
            "memberHosts",
            "connectionString",
            "mode",
        ]);
        assert.equal(outputs.memberHosts, component.memberHosts);
    });
});
