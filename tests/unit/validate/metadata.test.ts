import { strict as assert } from "assert";
import {
    COMPONENT_LABELS,
    MAX_ANNOTATION_BYTES,
    annotationBytes,
    checkAnnotations,
    checkLabels,
    checkObjectMetadata,
    checkReservedLabel,
} from "../../../sdk/validate/metadata";
import { Problems } from "../../../sdk/validate/problems";
import { problemsRecorded } from "../../helpers/problems";

describe("checkLabels", () => {
    it("accepts user labels, and the component's own only where they select", () => {
        assert.deepEqual(
            problemsRecorded((p) => checkLabels(p, "labels", { team: "data", "example.com/tier": "" })),
            [],
        );
        assert.deepEqual(
            problemsRecorded((p) => checkLabels(p, "nodeSelector", { "app.kubernetes.io/name": "zk" }, true)),
            [],
        );
    });

    it("refuses every label the component or a controller sets, with the reason", () => {
        assert.equal(Object.keys(COMPONENT_LABELS).length, 12);
        assert.deepEqual(
            problemsRecorded((p) => checkLabels(p, "labels", { "app.kubernetes.io/instance": "x", "controller-revision-hash": "y" })),
            [
                'labels["app.kubernetes.io/instance"] may not be set: the component sets it to its own name, and it is part of the pod selector',
                'labels["controller-revision-hash"] may not be set: the StatefulSet controller sets it on each pod',
            ],
        );
    });

    it("refuses a map that is not one, a bad key and a value that is not a label value", () => {
        assert.deepEqual(
            problemsRecorded((p) => checkLabels(p, "labels", "team=data")),
            ['labels "team=data" is not a map of strings'],
        );
        const problems = problemsRecorded((p) => checkLabels(p, "labels", { "a b": "x", ok: 5 }));
        assert.equal(problems.length, 2);
        assert.match(problems[0], /^labels\["a b"\] is not a valid label key: it /);
        assert.match(problems[1], /^labels\["ok"\] 5 /);
    });
});

describe("checkAnnotations", () => {
    it("returns the valid entries and refuses values that are not strings", () => {
        const problems = new Problems();
        const valid = checkAnnotations(problems, "annotations", { "example.com/owner": "data", count: 3 });
        assert.deepEqual([...valid], [["example.com/owner", "data"]]);
        assert.equal(problems.count, 1);
        assert.deepEqual(
            problemsRecorded((p) => checkAnnotations(p, "annotations", { count: 3 })),
            ['annotations["count"] 3 is not a string'],
        );
    });

    it("takes no annotations as an empty map", () => {
        assert.equal(checkAnnotations(new Problems(), "annotations", undefined).size, 0);
    });
});

describe("annotationBytes", () => {
    it("counts keys and values in UTF-8, a later map overriding an earlier one", () => {
        assert.equal(annotationBytes(new Map([["a", "é"]])), 3);
        assert.equal(
            annotationBytes(
                new Map([["k", "12345"]]),
                new Map([
                    ["k", "1"],
                    ["x", ""],
                ]),
            ),
            3,
        );
        assert.equal(annotationBytes(), 0);
    });
});

describe("checkReservedLabel", () => {
    it("refuses the label that makes a Service select no pod", () => {
        assert.deepEqual(
            problemsRecorded((p) => checkReservedLabel(p, "inCluster.podLabels", { "stateful-ensemble/no-pods": "true" })),
            [
                'inCluster.podLabels["stateful-ensemble/no-pods"] is reserved: the component selects no pod with it, so Services that must not reach the pods never lose their selector',
            ],
        );
        assert.deepEqual(
            problemsRecorded((p) => checkReservedLabel(p, "labels", { other: "true" })),
            [],
        );
    });
});

describe("checkObjectMetadata", () => {
    it("returns the annotations while they fit in an object", () => {
        const value = "v".repeat(MAX_ANNOTATION_BYTES - 1);
        assert.deepEqual([...checkObjectMetadata(new Problems(), {}, { a: value })!], [["a", value]]);
    });

    it("refuses annotations one byte past 256 KiB and returns nothing for the pods to add to", () => {
        const problems = new Problems();
        assert.equal(checkObjectMetadata(problems, undefined, { a: "v".repeat(MAX_ANNOTATION_BYTES) }), undefined);
        assert.deepEqual(
            problemsRecorded((p) => checkObjectMetadata(p, undefined, { a: "v".repeat(MAX_ANNOTATION_BYTES) })),
            ["annotations come to 262145 bytes; an object's annotations hold at most 262144 (256 KiB)"],
        );
    });
});
