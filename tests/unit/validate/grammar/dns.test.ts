import { strict as assert } from "assert";
import { labelValueProblem, qualifiedNameProblem } from "../../../../sdk/validate/grammar/dns";

describe("label keys and values", () => {
    const keys = [
        "a",
        "A",
        "a.b-c_d",
        "team",
        "example.com/team",
        "app.kubernetes.io/part-of",
        "x".repeat(63),
        `${"a".repeat(253)}/x`,
        "a/B",
    ];
    for (const key of keys) {
        it(`accepts the key ${key.length > 40 ? `${key.slice(0, 40)}…` : key}`, () => {
            assert.equal(qualifiedNameProblem(key), undefined);
        });
    }

    const badKeys: [string, RegExp][] = [
        ["", /empty name/],
        ["/x", /empty prefix/],
        ["x/", /empty name/],
        ["a/b/c", /more than one '\/'/],
        ["x".repeat(64), /name part of 64 characters/],
        [`${"a".repeat(254)}/x`, /prefix of 254 characters/],
        ["Example.com/x", /prefix that is not a DNS subdomain.*character 1 is "E"/],
        ["-x", /name part/],
        ["x.", /name part/],
        ["a b", /character 2 is white space \(U\+0020\)/],
    ];
    for (const [key, problem] of badKeys) {
        it(`refuses the key ${JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key)}`, () => {
            assert.match(qualifiedNameProblem(key) ?? "accepted", problem);
        });
    }

    for (const value of ["", "a", "v1.2.3", "a_b-c.d", "x".repeat(63)]) {
        it(`accepts the value ${JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}…` : value)}`, () => {
            assert.equal(labelValueProblem(value), undefined);
        });
    }

    const badValues: [unknown, RegExp][] = [
        ["x".repeat(64), /64 characters long/],
        ["-a", /between a letter or digit at each end/],
        ["a\u200b", /character 2 is "\u200b" \(U\+200B\), not ASCII/],
        [true, /is not a string/],
    ];
    for (const [value, problem] of badValues) {
        it(`refuses the value ${JSON.stringify(value).slice(0, 20)}`, () => {
            assert.match(labelValueProblem(value) ?? "accepted", problem);
        });
    }
});
