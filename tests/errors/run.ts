/** Runs one row of the error table through the component under Pulumi's mock engine. */
import { EnsembleArgsError, StatefulEnsemble } from "../../sdk";
import { recordResources } from "../helpers/mocks";
import { failuresWhileResolving } from "../helpers/resolution";
import { applyChanges } from "./input";
import { ErrorCase } from "./table";

export interface Outcome {
    /** The problems of the EnsembleArgsError, or undefined when nothing was refused. */
    readonly problems?: readonly string[];
    /** Whether the constructor threw it, rather than an Output when it resolved. */
    readonly atConstruction: boolean;
    /** Every other error, which the row does not expect. */
    readonly others: unknown[];
    /** How many resources were registered. */
    readonly registered: number;
}

export async function runCase(c: ErrorCase): Promise<Outcome> {
    const rec = await recordResources();
    const args = applyChanges(c.changes);
    let thrown: unknown;
    const failures = await failuresWhileResolving(() => {
        try {
            new StatefulEnsemble(c.name ?? "zk", args);
        } catch (err) {
            thrown = err;
        }
    });
    const errors = thrown === undefined ? failures : [thrown, ...failures];
    const refusal = errors.find((e): e is EnsembleArgsError => e instanceof EnsembleArgsError);
    return {
        problems: refusal?.problems,
        atConstruction: refusal !== undefined && refusal === thrown,
        others: errors.filter((e) => !(e instanceof EnsembleArgsError)),
        registered: rec.resources.length,
    };
}
