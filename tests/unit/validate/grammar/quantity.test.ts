import { strict as assert } from "assert";
import { MIB, compareQuantities, parseQuantity, quantityNumber } from "../../../../sdk/validate/grammar/quantity";

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

describe("quantityNumber", () => {
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
        it(`reads ${JSON.stringify(text)} as ${value}`, () => assert.equal(quantityNumber(text), value));
    }

    for (const text of ["", "10 GB", "1GB", "Gi", "1.2.3", "1Mi ", "one", "1ki"]) {
        it(`refuses ${JSON.stringify(text)}`, () => assert.equal(quantityNumber(text), undefined));
    }

    it("refuses values that are not strings", () => {
        assert.equal(quantityNumber(1024), undefined);
        assert.equal(quantityNumber(undefined), undefined);
    });
});
