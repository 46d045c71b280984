import { strict as assert } from "assert";
import { Problems } from "../../../sdk/validate/problems";
import { checkResources } from "../../../sdk/validate/resources";

function problemsOf(resources: unknown): string[] {
    const problems = new Problems();
    checkResources(problems, "resources", resources);
    try {
        problems.throwIfAny("test");
        return [];
    } catch (err) {
        return [...(err as { problems: string[] }).problems];
    }
}

describe("checkResources", () => {
    const accepted: [string, unknown][] = [
        ["no block", undefined],
        [
            "requests below limits",
            { requests: { cpu: "500m", memory: "1Gi", "ephemeral-storage": "2Gi" }, limits: { cpu: "1", memory: "1Gi" } },
        ],
        ["limits only", { limits: { memory: "512Mi" } }],
        ["an extended resource with equal request and limit", { requests: { "example.com/gpu": "1" }, limits: { "example.com/gpu": "1" } }],
        ["an extended resource in limits only", { limits: { "nvidia.com/gpu": "2" } }],
        [
            "huge pages with memory",
            { requests: { memory: "1Gi", "hugepages-2Mi": "512Mi" }, limits: { memory: "1Gi", "hugepages-2Mi": "512Mi" } },
        ],
        ["a request equal to its limit written differently", { requests: { cpu: "1000m" }, limits: { cpu: "1" } }],
    ];
    for (const [what, resources] of accepted) {
        it(`accepts ${what}`, () => {
            assert.deepEqual(problemsOf(resources), []);
        });
    }

    it("refuses a request above its limit, compared by value across suffixes", () => {
        assert.deepEqual(problemsOf({ requests: { memory: "1025Mi" }, limits: { memory: "1Gi" } }), [
            'resources.requests["memory"] "1025Mi" is more than its limit "1Gi"; a request may not exceed the limit',
        ]);
    });

    it("refuses a kubernetes.io-prefixed resource that is not a standard one", () => {
        assert.deepEqual(problemsOf({ limits: { "kubernetes.io/gpu": "1" } }), [
            'resources.limits["kubernetes.io/gpu"] is not a container resource: use cpu, memory, ephemeral-storage, hugepages-<size>, or an extended resource with a domain such as example.com/gpu',
        ]);
    });

    it("refuses a huge page size that is not a quantity", () => {
        assert.deepEqual(problemsOf({ limits: { memory: "1Gi", "hugepages-big": "1Gi" } }), [
            'resources.limits["hugepages-big"] names a huge page size "big" that is not a positive quantity',
        ]);
    });
});
