import { strict as assert } from "assert";
import { compareQuantities, parseQuantity } from "../sdk/quantity";

describe("parseQuantity", () => {
    const equal: [string, string][] = [
        ["1", "1000m"],
        ["0.5", "500m"],
        [".5", "500m"],
        ["1.", "1"],
        ["+2", "2"],
        ["1Ki", "1024"],
        ["1Gi", "1073741824"],
        ["1G", "1e9"],
        ["1e-3", "1m"],
        ["1E3", "1k"],
        ["250u", "0.00025"],
        ["1n", "1e-9"],
        ["1Ei", "1152921504606846976"],
    ];
    for (const [a, b] of equal) {
        it(`reads ${a} and ${b} as the same amount`, () => {
            assert.equal(compareQuantities(parseQuantity(a)!, parseQuantity(b)!), 0);
        });
    }

    it("orders binary and decimal suffixes by value", () => {
        assert.equal(compareQuantities(parseQuantity("1Ki")!, parseQuantity("1k")!), 1);
        assert.equal(compareQuantities(parseQuantity("999Mi")!, parseQuantity("1Gi")!), -1);
        assert.equal(compareQuantities(parseQuantity("1.5Gi")!, parseQuantity("1536Mi")!), 0);
    });

    for (const bad of ["", " 1", "1 Gi", "Gi", "1gi", "1GB", "1.2.3", "1e", "--1", "1Gi ", "1e101", "0x10", "½"]) {
        it(`refuses ${JSON.stringify(bad)}`, () => {
            assert.equal(parseQuantity(bad), undefined);
        });
    }

    it("refuses values that are not strings", () => {
        assert.equal(parseQuantity(1), undefined);
        assert.equal(parseQuantity(undefined), undefined);
    });
});
