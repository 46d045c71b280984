/**
 * Renders a StatefulEnsemble under the mock engine into what the migration planner compares:
 * every Kubernetes object with its Pulumi type and name, and the URNs of the component's children.
 */
import * as pulumi from "@pulumi/pulumi";
import { StatefulEnsemble, StatefulEnsembleArgs } from "../../sdk";
import { KubernetesObject, RenderedResource } from "../../sdk/tools/render/engine";
import { recordResources, settle, valueOf } from "./mocks";

export interface RenderedEnsemble {
    readonly resources: RenderedResource[];
    /** URN by `Kind/name` of the Kubernetes object, for the children the component exposes. */
    readonly urns: Map<string, string>;
}

export async function renderEnsemble(args: StatefulEnsembleArgs, name = "zk"): Promise<RenderedEnsemble> {
    const rec = await recordResources();
    const zk = new StatefulEnsemble(name, args);
    const children: pulumi.CustomResource[] = [
        zk.clientService,
        zk.headlessService,
        ...(zk.statefulSet ? [zk.statefulSet] : []),
        ...zk.endpointSlices,
    ];
    const urns = new Map<string, string>();
    for (const child of children) {
        const kind = (child as unknown as { kind: pulumi.Output<string> }).kind;
        const metadata = (child as unknown as { metadata: pulumi.Output<{ name: string }> }).metadata;
        urns.set(`${await valueOf(kind)}/${(await valueOf(metadata)).name}`, await valueOf(child.urn));
    }
    await settle();
    const resources = rec.resources
        .filter((r) => r.custom && r.type.startsWith("kubernetes:"))
        .map((r) => ({ type: r.type, name: r.name, object: r.inputs as KubernetesObject, redacted: r.inputs as KubernetesObject }));
    return { resources, urns };
}

/** The one object of `kind` named `name`, or undefined. */
export function objectOf(rendered: { resources: readonly RenderedResource[] }, kind: string, name: string): KubernetesObject | undefined {
    return rendered.resources.find((r) => r.object.kind === kind && r.object.metadata.name === name)?.object;
}
