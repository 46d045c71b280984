/**
 * spec.ts is the validated form of the arguments: interfaces the compiler checks (the assertions
 * below fail `tsc` in `npm test` when they drift) and one function, clientPorts.
 */
import { strict as assert } from "assert";
import { AddressFamily, EnsembleSpec, MemberSpec, PortSpec, clientPorts } from "../../../sdk/model/spec";
import { Equal, typeIs } from "../../helpers/types";

const port = (name: string, client: boolean): PortSpec => ({ name, port: 1, targetPort: 1, protocol: "TCP", client });

describe("clientPorts", () => {
    it("keeps the client ports in declaration order", () => {
        const ports = [port("peer", false), port("client", true), port("admin", false), port("metrics", true)];
        assert.deepEqual(
            clientPorts({ ports }).map((p) => p.name),
            ["client", "metrics"],
        );
    });

    it("gives none when no port is a client port (validation refuses that)", () => {
        assert.deepEqual(clientPorts({ ports: [port("peer", false)] }), []);
    });
});

describe("the spec types", () => {
    it("decide placement and families from closed sets of plain values", () => {
        typeIs<Equal<AddressFamily, "IPv4" | "IPv6">>(true);
        typeIs<Equal<MemberSpec["placement"], "inCluster" | "external">>(true);
        typeIs<Equal<EnsembleSpec["members"], MemberSpec[]>>(true);
        const member: MemberSpec = { ordinal: 0, placement: "external", address: "10.0.0.1" };
        // @ts-expect-error: a spec is read-only once validated.
        member.ordinal = 1;
        assert.equal(member.ordinal, 1);
    });
});
