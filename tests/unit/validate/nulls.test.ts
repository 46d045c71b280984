import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { withoutNulls } from "../../../sdk/validate/nulls";

describe("withoutNulls", () => {
    it("drops null fields at any depth and leaves null list items as undefined", () => {
        assert.deepEqual(withoutNulls({ a: null, b: { c: null, d: 1 }, e: [null, { f: null }] }), { b: { d: 1 }, e: [undefined, {}] });
    });

    it("leaves Outputs and other class instances as they are", () => {
        const image = pulumi.output("zookeeper:3.9.3");
        const copy = withoutNulls({ inCluster: { image } });
        assert.equal(copy.inCluster.image, image);
    });

    it("keeps a key named __proto__ a key, never the copy's prototype", () => {
        const hostile = JSON.parse('{"labels": {"__proto__": {"polluted": "yes"}}}');
        const copy = withoutNulls(hostile) as { labels: Record<string, unknown> };
        assert.deepEqual(Object.keys(copy.labels), ["__proto__"]);
        assert.equal(Object.getPrototypeOf(copy.labels), Object.prototype);
        assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });
});
