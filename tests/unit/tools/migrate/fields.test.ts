import { strict as assert } from "assert";
import { deepEqual, diffFields, formatChange, formatPath } from "../../../../sdk/tools/migrate/fields";

describe("the planner's field differences", () => {
    it("compares maps regardless of key order and lists in order", () => {
        assert.equal(deepEqual({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 }), true);
        assert.equal(deepEqual([1, 2], [2, 1]), false);
        assert.equal(deepEqual({ a: undefined }, {}), true);
    });

    it("descends into maps and stops at lists and scalars", () => {
        assert.deepEqual(diffFields({ spec: { a: 1, list: [1], keep: "x" } }, { spec: { a: 2, list: [1, 2], keep: "x", added: true } }), [
            { path: ["spec", "a"], before: 1, after: 2 },
            { path: ["spec", "list"], before: [1], after: [1, 2] },
            { path: ["spec", "added"], before: undefined, after: true },
        ]);
        assert.deepEqual(diffFields({ a: 1 }, { a: 1 }), []);
    });

    it("quotes keys that are not identifiers", () => {
        assert.equal(formatPath(["spec", "selector", "app.kubernetes.io/name"]), 'spec.selector["app.kubernetes.io/name"]');
        assert.equal(formatPath(["spec", "ipFamilies", "0"]), 'spec.ipFamilies["0"]');
    });

    it("summarises long values by size and marks absent ones", () => {
        const long = (n: number) => Array.from({ length: n }, (_, i) => ({ addresses: [`10.0.0.${i}`], hostname: `zk-${i}` }));
        assert.equal(formatChange({ path: ["endpoints"], before: long(3), after: long(2) }), "endpoints: 3 items → 2 items");
        assert.equal(
            formatChange({ path: ["endpoints"], before: long(3), after: [...long(2), { addresses: ["10.9.9.9"] }] }),
            "endpoints: 3 items, changed",
        );
        assert.equal(
            formatChange({ path: ["spec", "ordinals"], before: { start: 1 }, after: undefined }),
            'spec.ordinals: {"start":1} → (none)',
        );
    });
});
