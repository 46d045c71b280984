import { strict as assert } from "assert";
import { badCharacter } from "../../../../sdk/validate/grammar/characters";

const LABEL_CHARACTER = /[a-z0-9-]/;

describe("badCharacter", () => {
    const cases: [string, string, string][] = [
        ["every character allowed", "zk-0", ""],
        ["an ASCII character the pattern refuses, by position", "zk_0", '; character 3 is "_"'],
        ["a trailing space", "zk ", "; character 3 is white space (U+0020)"],
        ["a non-breaking space", "zk\u00a0a", "; character 3 is white space (U+00A0)"],
        ["a Cyrillic letter that looks Latin", "z\u043ek", '; character 2 is "о" (U+043E), not ASCII'],
        ["a character outside the Basic Multilingual Plane, counted as one", "\u{1F600}a", '; character 1 is "😀" (U+1F600), not ASCII'],
        ["the first of two bad characters", "a_B", '; character 2 is "_"'],
    ];
    for (const [what, value, expected] of cases) {
        it(`describes ${what}`, () => {
            assert.equal(badCharacter(value, LABEL_CHARACTER), expected);
        });
    }
});
