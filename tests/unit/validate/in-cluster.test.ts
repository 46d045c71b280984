import { strict as assert } from "assert";
import { normaliseInCluster } from "../../../sdk/validate/in-cluster";
import { InClusterArgs } from "../../../sdk/api/args";
import { PortSpec } from "../../../sdk/model/spec";
import { Problems } from "../../../sdk/validate/problems";
import { problemsRecorded } from "../../helpers/problems";

const PORTS = new Map<string, PortSpec>([["client", { name: "client", port: 2181, targetPort: 2181, protocol: "TCP", client: true }]]);
const BASE: InClusterArgs = { replicas: 3, image: "zookeeper:3.9.3" };
const problemsOf = (extra: Record<string, unknown>, annotations: Map<string, string> | undefined) =>
    problemsRecorded((p) => normaliseInCluster(p, { ...BASE, ...extra } as InClusterArgs, PORTS, annotations));

describe("normaliseInCluster", () => {
    it("fills every default: ordinals from 0, one pod at a time, non-root IDs 1000, a read-only root, TCP probes", () => {
        const problems = new Problems();
        const { spec, range } = normaliseInCluster(problems, BASE, PORTS, new Map());
        assert.equal(problems.count, 0);
        assert.deepEqual(range, { first: 0, end: 3 });
        const probe = { tcpPort: 2181, periodSeconds: 10, timeoutSeconds: 5 };
        assert.deepEqual(spec, {
            replicas: 3,
            startOrdinal: 0,
            image: "zookeeper:3.9.3",
            imagePullPolicy: undefined,
            command: undefined,
            args: undefined,
            env: [],
            resources: undefined,
            readinessProbe: { ...probe, failureThreshold: 3, initialDelaySeconds: 10 },
            livenessProbe: { ...probe, failureThreshold: 6, initialDelaySeconds: 30 },
            storage: undefined,
            configFiles: undefined,
            additionalVolumes: [],
            secretVolumes: [],
            podManagementPolicy: "OrderedReady",
            maxUnavailable: 1,
            spread: "preferred",
            terminationGracePeriodSeconds: 30,
            partition: undefined,
            allowRoot: false,
            runAsUser: 1000,
            runAsGroup: 1000,
            fsGroup: 1000,
            readOnlyRootFilesystem: true,
            mountServiceAccountToken: false,
            nodeSelector: undefined,
            priorityClassName: undefined,
            podLabels: {},
            podAnnotations: {},
        });
    });

    it("gives the range [startOrdinal, startOrdinal + replicas), and none when a count is invalid", () => {
        assert.deepEqual(normaliseInCluster(new Problems(), { ...BASE, startOrdinal: 5 }, PORTS, new Map()).range, { first: 5, end: 8 });
        assert.equal(normaliseInCluster(new Problems(), { ...BASE, replicas: 0 }, PORTS, new Map()).range, undefined);
    });

    it("accepts root when allowed, and deferred command and env values", () => {
        assert.deepEqual(
            problemsOf(
                { runAsUser: 0, allowRoot: true, command: [Promise.resolve("x")], env: [{ name: "A", value: Promise.resolve("1") }] },
                new Map(),
            ),
            [],
        );
    });

    const refused: [string, Record<string, unknown>, string[]][] = [
        ["no replicas", { replicas: 0 }, ["inCluster.replicas 0 is out of range: it must be from 1 to 10000"]],
        ["more replicas than the bound", { replicas: 10_001 }, ["inCluster.replicas 10001 is out of range: it must be from 1 to 10000"]],
        ["a negative start ordinal", { startOrdinal: -1 }, ["inCluster.startOrdinal -1 is out of range: it must be at least 0"]],
        [
            "a last ordinal past int32",
            { startOrdinal: 2_147_483_646 },
            ["inCluster.startOrdinal 2147483646 puts the last pod at ordinal 2147483648, past 2147483647, the largest StatefulSet ordinal"],
        ],
        [
            "no image",
            { image: undefined },
            ['inCluster.image is required: the image the servers run, e.g. "registry.example.com/team/server:1.0"'],
        ],
        [
            "a blank image",
            { image: "  " },
            ['inCluster.image is required: the image the servers run, e.g. "registry.example.com/team/server:1.0"'],
        ],
        ["an image with white space", { image: "Bad Image" }, ['inCluster.image "Bad Image" contains white space']],
        [
            "an unknown pull policy",
            { imagePullPolicy: "always" },
            ['inCluster.imagePullPolicy "always" is not one of "Always", "IfNotPresent", "Never"'],
        ],
        ["a command that is not a list", { command: "run" }, ['inCluster.command "run" is not a list of strings']],
        ["an argument that is not a string", { args: ["a", 2] }, ["inCluster.args[1] 2 is not a string"]],
        ["a negative partition", { partition: -1 }, ["inCluster.partition -1 is out of range: it must be at least 0"]],
        [
            "a partition past int32",
            { partition: 2_147_483_648 },
            ["inCluster.partition 2147483648 is more than 2147483647, the largest value of this 32-bit field"],
        ],
        ["no pod allowed to be unavailable", { maxUnavailable: 0 }, ["inCluster.maxUnavailable 0 is out of range: it must be at least 1"]],
        [
            "an unknown pod management policy",
            { podManagementPolicy: "Serial" },
            ['inCluster.podManagementPolicy "Serial" is not one of "OrderedReady", "Parallel"'],
        ],
        ["an unknown spread", { spread: "strict" }, ['inCluster.spread "strict" is not one of "preferred", "required", "none"']],
        [
            "a grace period Pulumi cannot carry exactly",
            { terminationGracePeriodSeconds: 2 ** 53 },
            [
                "inCluster.terminationGracePeriodSeconds 9007199254740992 is more than 9007199254740991, the largest integer a Pulumi program carries exactly",
            ],
        ],
        [
            "root without allowRoot",
            { runAsUser: 0 },
            [
                "inCluster.runAsUser is 0 (root), which the restricted Pod Security Standard forbids; set allowRoot: true to run as root anyway",
            ],
        ],
        [
            "a user ID past int32",
            { runAsUser: 2 ** 31 },
            ["inCluster.runAsUser 2147483648 is more than 2147483647, the largest user ID Kubernetes accepts"],
        ],
        ["a negative group", { runAsGroup: -5 }, ["inCluster.runAsGroup -5 is out of range: it must be at least 0"]],
        [
            "an fsGroup past int32",
            { fsGroup: 2 ** 31 },
            ["inCluster.fsGroup 2147483648 is more than 2147483647, the largest group ID Kubernetes accepts"],
        ],
        [
            "a priority class that is not a DNS subdomain",
            { priorityClassName: "High" },
            ['inCluster.priorityClassName "High" is not a PriorityClass name (a DNS subdomain of at most 253 characters)'],
        ],
        ["an env that is not a list", { env: { A: "1" } }, ['inCluster.env {"A":"1"} is not a list of variables']],
        [
            "env names that are invalid, set by the component, or repeated",
            {
                env: [
                    { name: "1A", value: "x" },
                    { name: "POD_NAME", value: "x" },
                    { name: "A", value: "x" },
                    { name: "A", value: "y" },
                ],
            },
            [
                'inCluster.env[0].name "1A" is not a valid environment variable name',
                'inCluster.env[1].name "POD_NAME" is set by the component from the downward API',
                'inCluster.env[3].name "A" is also the name of env[2]',
            ],
        ],
        [
            "env values missing, not text, and a secret flag that is not a boolean",
            { env: [{ name: "A" }, { name: "B", value: 1 }, { name: "C", value: "x", secret: "yes" }] },
            [
                "inCluster.env[0].value is required",
                "inCluster.env[1].value 1 is not a string: environment variables hold text",
                'inCluster.env[2].secret "yes" is not a boolean',
            ],
        ],
        [
            "pod annotations that, with the objects', pass 256 KiB",
            { podAnnotations: { b: "v".repeat(262_140) } },
            [
                "inCluster.podAnnotations together with annotations come to 262146 bytes on each pod; an object's annotations hold at most 262144 (256 KiB)",
            ],
        ],
    ];
    for (const [what, extra, expected] of refused) {
        it(`refuses ${what}`, () => {
            assert.deepEqual(problemsOf(extra, new Map([["a", "1234"]])), expected);
        });
    }

    it("does not count the pods' annotations again when the objects' were too large already", () => {
        assert.deepEqual(problemsOf({ podAnnotations: { b: "v".repeat(262_144) } }, undefined), []);
    });
});
