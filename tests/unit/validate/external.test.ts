import { strict as assert } from "assert";
import { normaliseExternal } from "../../../sdk/validate/external";
import { Problems } from "../../../sdk/validate/problems";
import { problemsRecorded as problemsOf } from "../../helpers/problems";

describe("normaliseExternal", () => {
    it("sorts members by ordinal, in canonical form, and counts what was listed", () => {
        const problems = new Problems();
        const result = normaliseExternal(problems, { members: [{ address: "2001:DB8::5", ordinal: 4 }, { address: "10.0.0.1" }] });
        assert.equal(problems.count, 0);
        assert.deepEqual(result, {
            spec: {
                members: [
                    { ordinal: 1, address: "10.0.0.1", family: "IPv4" },
                    { ordinal: 4, address: "2001:db8::5", family: "IPv6" },
                ],
                legacyEndpoints: false,
            },
            listed: 2,
        });
    });

    it("leaves out a member whose ordinal is not an integer, and reports each problem once", () => {
        const members = [
            { address: "10.0.0.1" },
            { address: "10.0.0.1", ordinal: 2_147_483_648 },
            { address: "127.0.0.1", ordinal: 0 },
            { address: "10.0.0.4", ordinal: 1.5 },
        ];
        assert.deepEqual(
            problemsOf((p) => assert.equal(normaliseExternal(p, { members }).spec.members.length, 3)),
            [
                'external.members[1].address "10.0.0.1" is also the address of members[0]',
                "external.members[1].ordinal 2147483648 is more than 2147483647, the largest ordinal",
                'external.members[2].address "127.0.0.1" is a loopback address (127.0.0.0/8); Kubernetes rejects such endpoints',
                "external.members[2].ordinal 0 is also the ordinal of members[0]",
                "external.members[3].ordinal 1.5 is not an integer",
            ],
        );
    });
});
