import { strict as assert } from "assert";
import { ClientTraffic, EnsembleMode } from "../../../sdk/api/args";
import { backingFor } from "../../../sdk/model/backing";
import { Backing } from "../../../sdk/model/spec";

describe("backingFor", () => {
    // [mode, clientTraffic, client selects pods, client has external, headless selects pods, headless has external]
    const table: [EnsembleMode, ClientTraffic, boolean, boolean, boolean, boolean][] = [
        ["inCluster", "all", true, false, true, false],
        ["inCluster", "external", true, false, true, false],
        ["external", "all", false, true, false, true],
        ["external", "inCluster", false, true, false, true],
        ["hybrid", "all", true, true, true, true],
        ["hybrid", "inCluster", true, false, true, true],
        ["hybrid", "external", false, true, true, true],
    ];
    for (const [mode, traffic, clientSelectsPods, clientHasExternal, headlessSelectsPods, headlessHasExternal] of table) {
        it(`backs the Services of ${mode} mode with client traffic ${traffic} as the table says`, () => {
            const expected: Backing = { clientSelectsPods, clientHasExternal, headlessSelectsPods, headlessHasExternal };
            assert.deepEqual(backingFor(mode, traffic), expected);
        });
    }
});
