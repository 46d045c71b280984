/**
 * args.ts declares the public arguments: interfaces (checked by the compiler: `npm test` runs tsc
 * over the tests, so the type assertions below fail the build when a type drifts) and enums as
 * `as const` objects, which are what exists at run time.
 */
import { strict as assert } from "assert";
import * as args from "../../../sdk/api/args";
import {
    ClientTraffic,
    EnsembleBaseArgs,
    EnsembleMode,
    InClusterArgs,
    InClusterBaseArgs,
    PodManagementPolicy,
    PortProtocol,
    PvcRetention,
    Spread,
    StatefulEnsembleArgs,
} from "../../../sdk/api/args";
import { Equal, typeIs } from "../../helpers/types";

describe("the args enums", () => {
    it("have exactly the values the schema publishes, and each type is the union of its object's values", () => {
        assert.deepEqual(Object.values(EnsembleMode), ["inCluster", "external", "hybrid"]);
        assert.deepEqual(Object.values(ClientTraffic), ["all", "inCluster", "external"]);
        assert.deepEqual(Object.values(PortProtocol), ["TCP", "UDP", "SCTP"]);
        assert.deepEqual(Object.values(PodManagementPolicy), ["OrderedReady", "Parallel"]);
        assert.deepEqual(Object.values(PvcRetention), ["Retain", "Delete"]);
        assert.deepEqual(Object.values(Spread), ["preferred", "required", "none"]);
        typeIs<Equal<EnsembleMode, "inCluster" | "external" | "hybrid">>(true);
        typeIs<Equal<ClientTraffic, "all" | "inCluster" | "external">>(true);
        typeIs<Equal<PortProtocol, "TCP" | "UDP" | "SCTP">>(true);
        typeIs<Equal<PodManagementPolicy, "OrderedReady" | "Parallel">>(true);
        typeIs<Equal<PvcRetention, "Retain" | "Delete">>(true);
        typeIs<Equal<Spread, "preferred" | "required" | "none">>(true);
    });

    it("are the only values args.ts exports: maps of names to strings, the shape Pulumi's analyzer publishes as an enum", () => {
        for (const [name, value] of Object.entries(args)) {
            assert.equal(typeof value, "object", name);
            assert.ok(
                Object.values(value as object).every((v) => typeof v === "string"),
                name,
            );
        }
    });
});

describe("the args interfaces", () => {
    it("build the component's arguments on the shared bases a preset extends", () => {
        typeIs<StatefulEnsembleArgs extends EnsembleBaseArgs ? true : false>(true);
        typeIs<InClusterArgs extends InClusterBaseArgs ? true : false>(true);
        typeIs<Equal<StatefulEnsembleArgs["inCluster"], InClusterArgs | undefined>>(true);
        // Values that decide which objects exist are plain, never Inputs.
        typeIs<Equal<StatefulEnsembleArgs["mode"], EnsembleMode>>(true);
        typeIs<Equal<InClusterArgs["replicas"], number>>(true);
    });

    it("refuse a misspelt field at compile time", () => {
        const ok: StatefulEnsembleArgs = {
            mode: "external",
            ports: [{ name: "client", port: 2181, client: true }],
            external: { members: [] },
        };
        // @ts-expect-error: `replica` is not a field of InClusterArgs.
        const misspelt: StatefulEnsembleArgs = { ...ok, inCluster: { replica: 3 } };
        assert.equal(misspelt.mode, "external");
    });
});
