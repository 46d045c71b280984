import { strict as assert } from "assert";
import { MIB, parseQuantity } from "../sdk/quantity";

describe("parseQuantity", () => {
    const cases: [string, number][] = [
        ["1Gi", 1024 * MIB],
        ["768Mi", 768 * MIB],
        ["1.5Gi", 1536 * MIB],
        ["2Ki", 2048],
        ["1G", 1e9],
        ["500M", 5e8],
        ["250m", 0.25],
        ["1e3", 1000],
        ["1E-3", 0.001],
        ["42", 42],
        [".5", 0.5],
        ["+3k", 3000],
    ];
    for (const [text, value] of cases) {
        it(`reads ${JSON.stringify(text)} as ${value}`, () => assert.equal(parseQuantity(text), value));
    }

    for (const text of ["", "10 GB", "1GB", "Gi", "1.2.3", "1Mi ", "one", "1ki"]) {
        it(`refuses ${JSON.stringify(text)}`, () => assert.equal(parseQuantity(text), undefined));
    }

    it("refuses values that are not strings", () => {
        assert.equal(parseQuantity(1024), undefined);
        assert.equal(parseQuantity(undefined), undefined);
    });
});
