/** Which mechanism puts members behind each of the ensemble's Services, decided by the mode alone. */
import { ClientTraffic, EnsembleMode } from "../api/args";
import { Backing } from "./spec";

/** Which mechanism backs each Service: the one table every builder reads. */
export function backingFor(mode: EnsembleMode, clientTraffic: ClientTraffic): Backing {
    const hybrid = mode === EnsembleMode.Hybrid;
    return {
        clientSelectsPods: mode === EnsembleMode.InCluster || (hybrid && clientTraffic !== ClientTraffic.External),
        clientHasExternal: mode === EnsembleMode.External || (hybrid && clientTraffic !== ClientTraffic.InCluster),
        headlessSelectsPods: mode !== EnsembleMode.External,
        headlessHasExternal: mode !== EnsembleMode.InCluster,
    };
}
