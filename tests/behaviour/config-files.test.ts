import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { EnsembleArgsError, PlannedObject, StatefulEnsemble, planEnsemble, validateEnsemble } from "../../sdk";
import { configMapName, filesChecksum } from "../../sdk/model/names";
import { ensembleArgs, IN_CLUSTER } from "../helpers/fixtures";
import { recordResources, settle } from "../helpers/mocks";
import { assertValidObject } from "../helpers/schema";

const CONFIG = { mountPath: "/conf", files: { "server.conf": "port=2181\n", "log.xml": "<configuration/>\n" } };
/** The ConfigMap's name for CONFIG: `zk-config-` and the first 10 hex digits of the files' SHA-256. */
const CONFIG_MAP = `zk-config-${filesChecksum(CONFIG.files).slice(0, 10)}`;

/** The plan of zk with `inCluster` merged into the fixture's block; in hybrid mode the pods are ordinals 3–5. */
function planWith(inCluster: object, mode: "inCluster" | "hybrid" = "inCluster"): PlannedObject[] {
    const pods = mode === "hybrid" ? { ...IN_CLUSTER, startOrdinal: 3 } : IN_CLUSTER;
    return planEnsemble(validateEnsemble("zk", ensembleArgs(mode, { inCluster: { ...pods, ...inCluster } })));
}

function find(objects: PlannedObject[], kind: string, name: string): PlannedObject {
    const found = objects.filter((o) => o.kind === kind && o.body.metadata.name === name);
    assert.equal(found.length, 1, `expected one ${kind} ${name}`);
    return found[0];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function podSpec(objects: PlannedObject[]): any {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return (find(objects, "StatefulSet", "zk").body as any).spec.template;
}

function expectProblem(inCluster: object, fragment: string): void {
    assert.throws(
        () => validateEnsemble("zk", ensembleArgs("inCluster", { inCluster: { ...IN_CLUSTER, ...inCluster } })),
        (err: unknown) => err instanceof EnsembleArgsError && err.problems.some((p) => p.includes(fragment)),
        `expected a problem containing ${JSON.stringify(fragment)}`,
    );
}

describe("configuration files", () => {
    it("renders the files as the ConfigMap <name>-config-<hash>, before the StatefulSet", () => {
        const objects = planWith({ configFiles: CONFIG });
        assert.match(CONFIG_MAP, /^zk-config-[0-9a-f]{10}$/);
        const cm = find(objects, "ConfigMap", CONFIG_MAP);
        assert.deepEqual(cm.body.data, CONFIG.files);
        assert.equal(cm.resourceName, CONFIG_MAP);
        const kinds = objects.map((o) => o.kind);
        assert.ok(kinds.indexOf("ConfigMap") < kinds.indexOf("StatefulSet"));
        assertValidObject({ apiVersion: cm.apiVersion, kind: cm.kind, ...cm.body });
    });

    it("mounts the ConfigMap read-only at the mount path, with read-only file modes", () => {
        const template = podSpec(planWith({ configFiles: CONFIG }));
        assert.deepEqual(
            template.spec.containers[0].volumeMounts.find((m: { name: string }) => m.name === "config"),
            { name: "config", mountPath: "/conf", readOnly: true },
        );
        assert.deepEqual(
            template.spec.volumes.find((v: { name: string }) => v.name === "config"),
            { name: "config", configMap: { name: CONFIG_MAP, defaultMode: 0o444 } },
        );
    });

    it("names the ConfigMap after the files, so any change and only a change points the pods at a new one", () => {
        const name = (files: Record<string, string>) => configMapName("zk", files);
        const volume = (files: Record<string, string>) =>
            podSpec(planWith({ configFiles: { mountPath: "/conf", files } })).spec.volumes.find(
                (v: { name: string }) => v.name === "config",
            ).configMap.name;
        assert.equal(volume(CONFIG.files), CONFIG_MAP);
        assert.equal(name({ "log.xml": CONFIG.files["log.xml"], "server.conf": CONFIG.files["server.conf"] }), CONFIG_MAP);
        assert.notEqual(name({ ...CONFIG.files, "server.conf": "port=2182\n" }), CONFIG_MAP);
        assert.notEqual(name({ ...CONFIG.files, "extra.conf": "" }), CONFIG_MAP);
        assert.equal(volume({ ...CONFIG.files, "server.conf": "port=2182\n" }), name({ ...CONFIG.files, "server.conf": "port=2182\n" }));
    });

    it("keeps the same ConfigMap and pod template between inCluster and hybrid mode", () => {
        const inCluster = planWith({ configFiles: CONFIG, startOrdinal: 3 });
        const hybrid = planWith({ configFiles: CONFIG }, "hybrid");
        assert.deepEqual(podSpec(hybrid), podSpec(inCluster));
        assert.deepEqual(find(hybrid, "ConfigMap", CONFIG_MAP), find(inCluster, "ConfigMap", CONFIG_MAP));
    });

    it("renders no ConfigMap in external mode", () => {
        const objects = planEnsemble(
            validateEnsemble("zk", ensembleArgs("external", { inCluster: { ...IN_CLUSTER, configFiles: CONFIG } })),
        );
        assert.deepEqual(
            objects.filter((o) => o.kind === "ConfigMap"),
            [],
        );
    });

    it("adds no ConfigMap, volume or annotation without configuration files", () => {
        const objects = planWith({});
        assert.equal(objects.filter((o) => o.kind === "ConfigMap").length, 0);
        const template = podSpec(objects);
        assert.equal(template.metadata.annotations, undefined);
        assert.deepEqual(
            template.spec.volumes.map((v: { name: string }) => v.name),
            ["tmp"],
        );
    });

    it("refuses content given as an Output: the ConfigMap's name is derived from the files when the program runs", async () => {
        const rec = await recordResources();
        assert.throws(
            () =>
                new StatefulEnsemble(
                    "zk",
                    ensembleArgs("inCluster", {
                        inCluster: {
                            ...IN_CLUSTER,
                            configFiles: { mountPath: "/conf", files: { "server.conf": pulumi.output("port=2181\n") as never } },
                        },
                    }),
                ),
            (err: unknown) =>
                err instanceof EnsembleArgsError &&
                err.problems.some((p) => p.startsWith('inCluster.configFiles.files["server.conf"]') && p.endsWith("is not a string")),
        );
        await settle();
        assert.deepEqual(rec.resources, []);
    });

    const refused: [string, object, string][] = [
        [
            "a relative mount path",
            { configFiles: { mountPath: "conf", files: { a: "x" } } },
            'inCluster.configFiles.mountPath "conf" must be an absolute path',
        ],
        ["the root directory", { configFiles: { mountPath: "/", files: { a: "x" } } }, "would hide the image's whole file system"],
        ["no files", { configFiles: { mountPath: "/conf", files: {} } }, "inCluster.configFiles.files must map at least one file name"],
        [
            "a file name with a slash",
            { configFiles: { mountPath: "/conf", files: { "a/b": "x" } } },
            'inCluster.configFiles.files["a/b"] is not a valid file name',
        ],
        [
            "the file name '..'",
            { configFiles: { mountPath: "/conf", files: { "..": "x" } } },
            'inCluster.configFiles.files[".."] is not a valid file name',
        ],
        [
            "a file without content",
            { configFiles: { mountPath: "/conf", files: { a: undefined } } },
            'inCluster.configFiles.files["a"] undefined is not a string',
        ],
        [
            "more than 1 MiB",
            { configFiles: { mountPath: "/conf", files: { a: "x".repeat(1024 * 1024 + 1) } } },
            "a ConfigMap holds at most 1048576",
        ],
        [
            "the mount path of the data volume",
            { configFiles: { mountPath: "/data", files: { a: "x" } } },
            'inCluster.configFiles.mountPath "/data" is also the mount path of inCluster.storage.mountPath',
        ],
        [
            "the /tmp of a read-only root file system",
            { configFiles: { mountPath: "/tmp/", files: { a: "x" } } },
            'inCluster.configFiles.mountPath "/tmp/" is also the mount path of the /tmp emptyDir',
        ],
    ];
    for (const [what, inCluster, fragment] of refused) {
        it(`refuses ${what}`, () => expectProblem(inCluster, fragment));
    }
});
