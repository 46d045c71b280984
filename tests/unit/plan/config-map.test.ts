import { strict as assert } from "assert";
import { validateEnsemble } from "../../../sdk/validate";
import { configMapObjects, configMounts, configVolumes } from "../../../sdk/plan/config-map";
import { configMapName } from "../../../sdk/model/names";
import { IN_CLUSTER, ensembleArgs } from "../../helpers/fixtures";

const FILES = { "zoo.cfg": "tickTime=2000\n", "log4j.properties": "rootLogger=INFO\n" };
const withFiles = (mode: "inCluster" | "external") =>
    validateEnsemble("zk", ensembleArgs(mode, { inCluster: { ...IN_CLUSTER, configFiles: { mountPath: "/conf", files: FILES } } }));

describe("configMapObjects", () => {
    it("plans one ConfigMap named after the files' checksum, holding every file", () => {
        const name = configMapName("zk", FILES);
        assert.match(name, /^zk-config-[0-9a-f]{10}$/);
        assert.deepEqual(configMapObjects(withFiles("inCluster")), [
            {
                kind: "ConfigMap",
                apiVersion: "v1",
                resourceName: name,
                body: {
                    metadata: {
                        name,
                        namespace: "default",
                        labels: {
                            "app.kubernetes.io/name": "zk",
                            "app.kubernetes.io/instance": "zk",
                            "app.kubernetes.io/component": "server",
                            "app.kubernetes.io/managed-by": "stateful-ensemble",
                        },
                        annotations: { "pulumi.com/patchForce": "true" },
                    },
                    data: FILES,
                },
            },
        ]);
    });

    it("plans nothing without configuration files, and nothing in external mode", () => {
        assert.deepEqual(configMapObjects(validateEnsemble("zk", ensembleArgs("inCluster"))), []);
        assert.deepEqual(configMapObjects(withFiles("external")), []);
    });
});

describe("configVolumes and configMounts", () => {
    it("mount the ConfigMap read-only, its files readable by everyone and writable by no one", () => {
        const spec = withFiles("inCluster");
        assert.deepEqual(configVolumes(spec), [{ name: "config", configMap: { name: configMapName("zk", FILES), defaultMode: 0o444 } }]);
        assert.deepEqual(configMounts(spec), [{ name: "config", mountPath: "/conf", readOnly: true }]);
    });

    it("add no volume and no mount without configuration files", () => {
        const spec = validateEnsemble("zk", ensembleArgs("inCluster"));
        assert.deepEqual(configVolumes(spec), []);
        assert.deepEqual(configMounts(spec), []);
    });
});
