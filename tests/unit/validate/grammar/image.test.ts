import { strict as assert } from "assert";
import { imageReferenceProblem } from "../../../../sdk/validate/grammar/image";

const DIGEST = `sha256:${"0123456789abcdef".repeat(4)}`;

describe("imageReferenceProblem", () => {
    const valid = [
        "zookeeper",
        "zookeeper:3.9.3",
        "library/zookeeper:3.9",
        "docker.io/library/zookeeper:3.9.3",
        "localhost:5000/zk:dev",
        "localhost/zk",
        "registry.example.com:5000/data/zk-server:3.9.3-jre17",
        `registry.example.com/zk@${DIGEST}`,
        `zookeeper:3.9.3@${DIGEST}`,
        "[2001:db8::1]:5000/zk:1",
        "Registry.Example.com/zk:1",
        "a.b_c__d-e---f/g:Tag_1.0-x",
        "zk:" + "t".repeat(128),
    ];
    for (const ref of valid) {
        it(`accepts ${ref}`, () => {
            assert.equal(imageReferenceProblem(ref), undefined);
        });
    }

    const invalid: [string, RegExp][] = [
        ["Zookeeper:3.9.3", /must be lowercase/],
        ["registry.example.com/Data/zk:1", /must be lowercase/],
        ["zookeeper::3.9.3", /expected \[registry/],
        ["zookeeper:", /expected \[registry/],
        ["zk:" + "t".repeat(129), /expected \[registry/],
        ["zk@sha256:123", /expected \[registry/],
        ["-zk", /expected \[registry/],
        ["zk_", /expected \[registry/],
        ["zk___server", /expected \[registry/],
        ["https://registry.example.com/zk", /expected \[registry/],
        [`registry.example.com/${"a".repeat(250)}`, /repository name is 271 characters long; the limit is 255/],
    ];
    for (const [ref, problem] of invalid) {
        it(`refuses ${ref.length > 40 ? `${ref.slice(0, 40)}…` : ref}`, () => {
            assert.match(imageReferenceProblem(ref) ?? "accepted", problem);
        });
    }
});
