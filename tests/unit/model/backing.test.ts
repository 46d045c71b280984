import { strict as assert } from "assert";
import { ClientTraffic, EnsembleMode } from "../../../sdk";
import { backingFor } from "../../../sdk/model/backing";

describe("which mechanism backs each Service", () => {
    // [mode, clientTraffic] → client selects pods, client has external, headless selects pods, headless has external
    const table: [EnsembleMode, ClientTraffic, boolean, boolean, boolean, boolean][] = [
        ["inCluster", "all", true, false, true, false],
        ["external", "all", false, true, false, true],
        ["hybrid", "all", true, true, true, true],
        ["hybrid", "inCluster", true, false, true, true],
        ["hybrid", "external", false, true, true, true],
    ];
    for (const [mode, traffic, clientPods, clientExternal, headlessPods, headlessExternal] of table) {
        it(`in ${mode} mode with clientTraffic ${traffic}`, () => {
            assert.deepEqual(backingFor(mode, traffic), {
                clientSelectsPods: clientPods,
                clientHasExternal: clientExternal,
                headlessSelectsPods: headlessPods,
                headlessHasExternal: headlessExternal,
            });
        });
    }
});
