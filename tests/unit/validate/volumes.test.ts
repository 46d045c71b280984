import { strict as assert } from "assert";
import { EnsembleArgsError, planEnsemble, validateEnsemble } from "../../../sdk";
import { ensembleArgs, IN_CLUSTER } from "../../helpers/fixtures";
import { assertValidObject } from "../../helpers/schema";
import {
    CONFIG_MAP_LIMIT,
    checkConfigMapSize,
    checkDistinctMounts,
    normaliseConfigFiles,
    normaliseStorage,
    normaliseVolumeClaims,
} from "../../../sdk/validate/volumes";
import { Problems } from "../../../sdk/validate/problems";
import { ConfigFilesArgs } from "../../../sdk/api/args";
import { problemsRecorded } from "../../helpers/problems";

const LOG = { name: "datalog", mountPath: "/datalog", size: "5Gi", storageClassName: "fast-ssd" };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function statefulSet(inCluster: object, mode: "inCluster" | "hybrid" = "inCluster"): any {
    const base = mode === "hybrid" ? { ...IN_CLUSTER, startOrdinal: 3 } : IN_CLUSTER;
    const objects = planEnsemble(validateEnsemble("zk", ensembleArgs(mode, { inCluster: { ...base, ...inCluster } })));
    const sts = objects.find((o) => o.kind === "StatefulSet")!;
    return { apiVersion: sts.apiVersion, kind: sts.kind, ...sts.body };
}

function expectProblem(inCluster: object, fragment: string): void {
    assert.throws(
        () => validateEnsemble("zk", ensembleArgs("inCluster", { inCluster: { ...IN_CLUSTER, ...inCluster } })),
        (err: unknown) => err instanceof EnsembleArgsError && err.problems.some((p) => p.includes(fragment)),
        `expected a problem containing ${JSON.stringify(fragment)}`,
    );
}

describe("additional volumes", () => {
    it("adds a volumeClaimTemplate after the data volume's and mounts it", () => {
        const sts = statefulSet({ additionalVolumes: [LOG] });
        assert.deepEqual(sts.spec.volumeClaimTemplates[1], {
            metadata: { name: "datalog" },
            spec: { accessModes: ["ReadWriteOnce"], storageClassName: "fast-ssd", resources: { requests: { storage: "5Gi" } } },
        });
        assert.equal(sts.spec.volumeClaimTemplates[0].metadata.name, "data");
        assert.deepEqual(sts.spec.template.spec.containers[0].volumeMounts.at(-1), { name: "datalog", mountPath: "/datalog" });
        assertValidObject(sts);
    });

    it("renders additional volumes without a data volume", () => {
        const sts = statefulSet({ storage: undefined, additionalVolumes: [LOG] });
        assert.deepEqual(
            sts.spec.volumeClaimTemplates.map((t: { metadata: { name: string } }) => t.metadata.name),
            ["datalog"],
        );
        assertValidObject(sts);
    });

    it("keeps the volumeClaimTemplates identical between inCluster and hybrid mode", () => {
        assert.deepEqual(
            statefulSet({ additionalVolumes: [LOG] }, "hybrid").spec.volumeClaimTemplates,
            statefulSet({ additionalVolumes: [LOG], startOrdinal: 3 }).spec.volumeClaimTemplates,
        );
    });

    const refused: [string, object, string][] = [
        [
            "a reserved name",
            { additionalVolumes: [{ ...LOG, name: "config" }] },
            'inCluster.additionalVolumes[0].name "config" is the name of a volume the component mounts',
        ],
        [
            "an invalid name",
            { additionalVolumes: [{ ...LOG, name: "Data_Log" }] },
            'inCluster.additionalVolumes[0].name "Data_Log" is not a volume name',
        ],
        [
            "a duplicate name",
            { additionalVolumes: [LOG, { ...LOG, mountPath: "/other" }] },
            'inCluster.additionalVolumes[1].name "datalog" is also the name of additionalVolumes[0]',
        ],
        [
            "a size that is not a quantity",
            { additionalVolumes: [{ ...LOG, size: "5 GB" }] },
            'inCluster.additionalVolumes[0].size "5 GB" is not a positive Kubernetes quantity',
        ],
        ["a zero size", { additionalVolumes: [{ ...LOG, size: "0Gi" }] }, 'inCluster.additionalVolumes[0].size "0Gi" is not a positive'],
        [
            "an unknown access mode",
            { additionalVolumes: [{ ...LOG, accessModes: ["ReadWriteSometimes"] }] },
            "inCluster.additionalVolumes[0].accessModes[0]",
        ],
        [
            "a relative mount path",
            { additionalVolumes: [{ ...LOG, mountPath: "datalog" }] },
            'inCluster.additionalVolumes[0].mountPath "datalog" must be an absolute path',
        ],
        [
            "the data volume's mount path",
            { additionalVolumes: [{ ...LOG, mountPath: "/data" }] },
            'inCluster.additionalVolumes[0].mountPath "/data" is also the mount path of inCluster.storage.mountPath',
        ],
        [
            "an invalid StorageClass",
            { additionalVolumes: [{ ...LOG, storageClassName: "Fast SSD" }] },
            'inCluster.additionalVolumes[0].storageClassName "Fast SSD"',
        ],
    ];
    for (const [what, inCluster, fragment] of refused) {
        it(`refuses ${what}`, () => expectProblem(inCluster, fragment));
    }
});

describe("secret volumes", () => {
    const TLS = { name: "tls", secretName: "zk-tls", mountPath: "/tls" };

    it("mounts each Secret read-only, readable by the pod's group only, and validates the pod against the schema", () => {
        const sts = statefulSet({ secretVolumes: [TLS] });
        assertValidObject(sts);
        const pod = sts.spec.template.spec;
        assert.deepEqual(
            pod.volumes.find((v: { name: string }) => v.name === "tls"),
            { name: "tls", secret: { secretName: "zk-tls", defaultMode: 0o440 } },
        );
        assert.deepEqual(
            pod.containers[0].volumeMounts.find((m: { name: string }) => m.name === "tls"),
            { name: "tls", mountPath: "/tls", readOnly: true },
        );
        assert.equal(sts.spec.volumeClaimTemplates.length, 1, "a Secret adds no claim");
    });

    const refused: [string, object, string][] = [
        [
            "a reserved name",
            { secretVolumes: [{ ...TLS, name: "data" }] },
            'inCluster.secretVolumes[0].name "data" is the name of a volume the component mounts',
        ],
        [
            "an additional volume's name",
            { additionalVolumes: [LOG], secretVolumes: [{ ...TLS, name: "datalog" }] },
            'inCluster.secretVolumes[0].name "datalog" is also the name of additionalVolumes[0]',
        ],
        [
            "a Secret name that is not a DNS subdomain",
            { secretVolumes: [{ ...TLS, secretName: "ZK TLS" }] },
            'inCluster.secretVolumes[0].secretName "ZK TLS" is not a valid Kubernetes name',
        ],
        [
            "another volume's mount path",
            { secretVolumes: [{ ...TLS, mountPath: "/data" }] },
            'inCluster.secretVolumes[0].mountPath "/data" is also the mount path of inCluster.storage.mountPath',
        ],
        ["a value that is not a list", { secretVolumes: TLS }, "inCluster.secretVolumes "],
    ];
    for (const [what, inCluster, fragment] of refused) {
        it(`refuses ${what}`, () => expectProblem(inCluster, fragment));
    }
});

describe("StorageClass names", () => {
    const problemsOf = (inCluster: object): readonly string[] => {
        try {
            validateEnsemble("zk", ensembleArgs("inCluster", { inCluster: { ...IN_CLUSTER, ...inCluster } }));
        } catch (err) {
            if (err instanceof EnsembleArgsError) return err.problems;
            throw err;
        }
        return [];
    };
    const longest = `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(61)}`;
    const tooLong = `${longest}d`;

    for (const name of [longest, "fast-ssd.example.com"]) {
        it(`accepts the subdomain ${name.length > 40 ? `of ${name.length} characters` : JSON.stringify(name)} in storage and in additionalVolumes alike`, () => {
            assert.deepEqual(
                problemsOf({ storage: { size: "1Gi", storageClassName: name }, additionalVolumes: [{ ...LOG, storageClassName: name }] }),
                [],
            );
        });
    }

    for (const [what, name] of [
        ["254 characters", tooLong],
        ["an empty label between dots", "fast..ssd"],
        ["capitals", "Fast-SSD"],
    ]) {
        it(`refuses a StorageClass name of ${what} in storage and in additionalVolumes with the same reason`, () => {
            const problems = problemsOf({
                storage: { size: "1Gi", storageClassName: name },
                additionalVolumes: [{ ...LOG, storageClassName: name }],
            });
            assert.equal(problems.length, 2, problems.join("\n"));
            const [storage, additional] = problems;
            assert.ok(storage.startsWith("inCluster.storage.storageClassName "), storage);
            assert.ok(additional.startsWith("inCluster.additionalVolumes[0].storageClassName "), additional);
            assert.equal(
                storage.slice("inCluster.storage.storageClassName ".length),
                additional.slice("inCluster.additionalVolumes[0].storageClassName ".length),
            );
        });
    }
});

describe("the volume validators, directly", () => {
    const STORAGE_DEFAULTS = {
        mountPath: "/data",
        storageClassName: undefined,
        accessModes: ["ReadWriteOnce"],
        whenDeleted: "Retain",
        whenScaled: "Retain",
    };

    it("normaliseStorage fills the defaults: /data, ReadWriteOnce, claims retained", () => {
        const problems = new Problems();
        assert.deepEqual(normaliseStorage(problems, { size: "1Gi" }), { size: "1Gi", ...STORAGE_DEFAULTS });
        assert.equal(problems.count, 0);
    });

    it("normaliseStorage refuses an unknown retention and an empty access mode list", () => {
        assert.deepEqual(
            problemsRecorded((p) => normaliseStorage(p, { size: "1Gi", accessModes: [], whenScaled: "Keep" as "Retain" })),
            [
                "inCluster.storage.accessModes must list at least one access mode",
                'inCluster.storage.whenScaled "Keep" is not one of "Retain", "Delete"',
            ],
        );
    });

    it("normaliseVolumeClaims refuses a value that is not a list, and returns each claim with its defaults", () => {
        assert.deepEqual(
            problemsRecorded((p) => normaliseVolumeClaims(p, "log" as unknown as [])),
            ['inCluster.additionalVolumes "log" is not a list'],
        );
        assert.deepEqual(normaliseVolumeClaims(new Problems(), [{ name: "log", mountPath: "/log", size: "1Gi" }]), [
            { name: "log", mountPath: "/log", size: "1Gi", storageClassName: undefined, accessModes: ["ReadWriteOnce"] },
        ]);
        assert.deepEqual(normaliseVolumeClaims(new Problems(), undefined), []);
    });

    it("normaliseConfigFiles refuses a block that is not one, no files, bad names and contents", () => {
        assert.deepEqual(
            problemsRecorded((p) => normaliseConfigFiles(p, "x" as unknown as ConfigFilesArgs)),
            ['inCluster.configFiles "x" is not an object with mountPath and files'],
        );
        assert.deepEqual(
            problemsRecorded((p) => normaliseConfigFiles(p, { mountPath: "/conf", files: {} })),
            ["inCluster.configFiles.files must map at least one file name to its content"],
        );
        assert.deepEqual(
            problemsRecorded((p) => normaliseConfigFiles(p, { mountPath: "/conf", files: { "..": "a", "a/b": 3 as unknown as string } })),
            [
                "inCluster.configFiles.files[\"..\"] is not a valid file name: letters, digits, '-', '_' and '.', at most 253 characters, and not '.' or '..'",
                "inCluster.configFiles.files[\"a/b\"] is not a valid file name: letters, digits, '-', '_' and '.', at most 253 characters, and not '.' or '..'",
                'inCluster.configFiles.files["a/b"] 3 is not a string',
            ],
        );
    });

    it("checkConfigMapSize counts UTF-8 bytes against 1 MiB", () => {
        assert.equal(CONFIG_MAP_LIMIT, 1_048_576);
        assert.deepEqual(
            problemsRecorded((p) => checkConfigMapSize(p, { a: "é".repeat(CONFIG_MAP_LIMIT / 2) })),
            [],
        );
        assert.deepEqual(
            problemsRecorded((p) => checkConfigMapSize(p, { a: "é".repeat(CONFIG_MAP_LIMIT / 2), b: "x" })),
            ["inCluster.configFiles.files hold 1048577 bytes; a ConfigMap holds at most 1048576 (1 MiB)"],
        );
    });

    it("checkDistinctMounts names both mounts at one path, the component's /tmp by what it is", () => {
        const spec = validateEnsemble("zk", ensembleArgs("inCluster")).inCluster!;
        assert.deepEqual(
            problemsRecorded((p) =>
                checkDistinctMounts(p, {
                    ...spec,
                    storage: { ...spec.storage!, mountPath: "/tmp/" },
                    additionalVolumes: [{ name: "log", mountPath: "/data", size: "1Gi", accessModes: ["ReadWriteOnce"] }],
                }),
            ),
            ['inCluster.storage.mountPath "/tmp/" is also the mount path of the /tmp emptyDir of a read-only root file system'],
        );
        assert.deepEqual(
            problemsRecorded((p) =>
                checkDistinctMounts(p, {
                    ...spec,
                    readOnlyRootFilesystem: false,
                    additionalVolumes: [{ name: "log", mountPath: "/data/", size: "1Gi", accessModes: [] }],
                }),
            ),
            ['inCluster.additionalVolumes[0].mountPath "/data/" is also the mount path of inCluster.storage.mountPath'],
        );
    });
});
