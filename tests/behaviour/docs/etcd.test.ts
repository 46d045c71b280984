/**
 * The README's etcd example: its `--initial-cluster` names every member, wherever it lives,
 * exactly as the rendered objects place them (pods of the StatefulSet's ordinal range, external
 * members of the component's EndpointSlices), after startOrdinal moves and in hybrid mode.
 */
import { strict as assert } from "assert";
import * as path from "path";
import { renderProgram } from "../../../sdk/tools/render/engine";
import { snippetProjects, snippets } from "../../helpers/snippets";

/* eslint-disable @typescript-eslint/no-explicit-any */

/** `etcd-<ordinal>=http://<host>:2380` of every member the rendered objects hold, in ordinal order. */
function renderedMembers(objects: any[]): string[] {
    const ordinals: number[] = [];
    const sts = objects.find((o) => o.kind === "StatefulSet");
    if (sts) for (let i = 0; i < sts.spec.replicas; i++) ordinals.push((sts.spec.ordinals?.start ?? 0) + i);
    for (const slice of objects.filter((o) => o.kind === "EndpointSlice" && o.metadata.name.startsWith("etcd-headless-"))) {
        for (const e of slice.endpoints) ordinals.push(Number(/^etcd-(\d+)$/.exec(e.hostname)![1]));
    }
    return ordinals.sort((a, b) => a - b).map((o) => `etcd-${o}=http://etcd-${o}.etcd-headless.default.svc.cluster.local:2380`);
}

describe("the README's etcd example", () => {
    const snippet = snippets().find((s) => s.source.startsWith("README.md") && s.code.includes("quay.io/coreos/etcd"));
    const dir = snippet && path.dirname(snippetProjects([snippet])[0]);

    const cases: [string, string[], number][] = [
        ["inCluster, ordinals 0 to 2", [], 3],
        ["inCluster after startOrdinal moves to 2", ["startOrdinal=2"], 3],
        ["hybrid: three pods and the VM at ordinal 3", ["mode=hybrid"], 4],
        ["hybrid with the pods at 4 to 6", ["mode=hybrid", "startOrdinal=4"], 4],
    ];
    for (const [what, config, count] of cases) {
        it(`lists exactly the members in --initial-cluster: ${what}`, async () => {
            assert.ok(dir, "the README has no etcd example");
            const { resources } = await renderProgram(dir, { config });
            const objects = resources.map((r) => r.object as any);
            const container = objects.find((o) => o.kind === "StatefulSet").spec.template.spec.containers[0];
            const flag = (container.args as string[]).find((a) => a.startsWith("--initial-cluster="))!;
            const listed = flag.slice("--initial-cluster=".length).split(",");
            assert.equal(listed.length, count);
            assert.deepEqual(listed, renderedMembers(objects));
        });
    }
});
