import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { isDeferred, isInteger, isObject, isPlainString } from "../../../../sdk/validate/grammar/values";

describe("value shapes", () => {
    it("calls a map an object, and neither null nor a list", () => {
        assert.deepEqual([{}, { a: 1 }, null, [], "x", 1].map(isObject), [true, true, false, false, false, false]);
    });

    it("calls only whole numbers integers", () => {
        assert.deepEqual([1, 0, -3, 1.5, NaN, Infinity, "1"].map(isInteger), [true, true, true, false, false, false, false]);
    });

    it("tells values known now from Outputs and Promises", () => {
        const promise = Promise.resolve("x");
        assert.deepEqual(
            ["x", pulumi.output("x"), promise, { then: 1 }].map((v) => [isPlainString(v), isDeferred(v)]),
            [
                [true, false],
                [false, true],
                [false, true],
                [false, false],
            ],
        );
    });
});
