/**
 * Renders a StatefulEnsemble with the offline renderer into what the migration planner compares:
 * every Kubernetes object with its Pulumi type and name, and the URNs of the component's children.
 */
import * as pulumi from "@pulumi/pulumi";
import { StatefulEnsemble, StatefulEnsembleArgs } from "../../sdk";
import { KubernetesObject, RenderedResource, renderInline } from "../../sdk/tools/render/engine";

export interface RenderedEnsemble {
    readonly resources: RenderedResource[];
    /** URN by `Kind/name` of the Kubernetes object, for the children the component exposes. */
    readonly urns: Map<string, string>;
}

type Child = pulumi.CustomResource & { kind: pulumi.Output<string>; metadata: pulumi.Output<{ name: string }> };

export async function renderEnsemble(args: StatefulEnsembleArgs, name = "zk"): Promise<RenderedEnsemble> {
    const result = await renderInline(() => {
        const zk = new StatefulEnsemble(name, args);
        const children = [zk.clientService, zk.headlessService, ...(zk.statefulSet ? [zk.statefulSet] : []), ...zk.endpointSlices];
        // The program's exports: each child's `Kind/name` and URN, resolved by the renderer.
        return {
            urns: pulumi.all((children as unknown as Child[]).map((c) => pulumi.all([c.kind, c.metadata, c.urn]))),
        };
    });
    const urns = result.outputs.urns as [string, { name: string }, string][];
    return { resources: result.resources, urns: new Map(urns.map(([kind, metadata, urn]) => [`${kind}/${metadata.name}`, urn])) };
}

/** The one object of `kind` named `name`, or undefined. */
export function objectOf(rendered: { resources: readonly RenderedResource[] }, kind: string, name: string): KubernetesObject | undefined {
    return rendered.resources.find((r) => r.object.kind === kind && r.object.metadata.name === name)?.object;
}
