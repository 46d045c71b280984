import { strict as assert } from "assert";
import { EnsembleArgsError, planEnsemble, validateEnsemble } from "../../../sdk";
import { ensembleArgs, IN_CLUSTER } from "../../helpers/fixtures";
import { assertValidObject } from "../../helpers/schema";

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
