/**
 * Every pod template the package renders, for the checks that must hold of all of them (the
 * restricted Pod Security Standard). Three sources, each meant to grow:
 *  - PROGRAMS: Pulumi programs rendered offline: the root program in each mode and every
 *    project under examples/ (found on disk), with the config each needs;
 *  - COMPONENTS: components constructed under mocks: StatefulEnsemble in configurations the
 *    programs do not reach, and presets, which belong here as they are added;
 *  - the property tests add random ensembles on top.
 */
import * as path from "path";
import { StatefulEnsemble, ZooKeeperEnsemble } from "../../sdk";
import { renderInline, renderProgram } from "../../sdk/tools/render/engine";
import { ensembleArgs } from "./fixtures";
import { EXAMPLE_CONFIG, nodeExamples } from "./examples";

const ROOT = path.resolve(__dirname, "..", "..");

/* eslint-disable @typescript-eslint/no-explicit-any */
export interface RenderedPodTemplate {
    /** Where it came from, for messages: `examples/hardened --config …`, `StatefulEnsemble (fixture, hybrid)`. */
    readonly source: string;
    readonly template: Record<string, any>;
}

/** Config sets to render a program with: every set renders the program once. Programs on disk not listed render with their defaults. */
export const PROGRAMS: Record<string, readonly (readonly string[])[]> = {
    ".": [["mode=inCluster"], ["mode=hybrid", "startOrdinal=3"], ["mode=inCluster", "replicas=5", "startOrdinal=2"]],
    "examples/hardened": [["zkPassword=example"], ["zkPassword=example", "mode=inCluster"]],
};

/** Components constructed under mocks. Add a preset's configurations here when it lands. */
export const COMPONENTS: readonly { readonly source: string; readonly create: () => void }[] = [
    { source: "StatefulEnsemble (fixture, inCluster)", create: () => new StatefulEnsemble("zk", ensembleArgs("inCluster")) },
    {
        source: "StatefulEnsemble (fixture, hybrid)",
        create: () =>
            new StatefulEnsemble("zk", ensembleArgs("hybrid", { inCluster: { replicas: 2, startOrdinal: 3, image: "zookeeper:3.9.3" } })),
    },
    {
        source: "StatefulEnsemble (writable root file system, token mounted, every option)",
        create: () =>
            new StatefulEnsemble(
                "zk",
                ensembleArgs("inCluster", {
                    inCluster: {
                        replicas: 3,
                        image: "zookeeper:3.9.3",
                        readOnlyRootFilesystem: false,
                        mountServiceAccountToken: true,
                        storage: { size: "1Gi", storageClassName: "fast" },
                        env: [{ name: "PASSWORD", value: "x", secret: true }],
                        spread: "required",
                        podManagementPolicy: "Parallel",
                        nodeSelector: { "kubernetes.io/os": "linux" },
                        podLabels: { team: "data" },
                        podAnnotations: { note: "x" },
                    },
                    networkPolicy: { clients: [] },
                }),
            ),
    },
    {
        source: "ZooKeeperEnsemble (hybrid, transaction log, secret env, every option)",
        create: () =>
            new ZooKeeperEnsemble("zk", {
                mode: "hybrid",
                inCluster: {
                    replicas: 2,
                    startOrdinal: 1,
                    storage: { size: "10Gi" },
                    transactionLogStorage: { size: "5Gi" },
                    resources: { limits: { memory: "2Gi" } },
                    env: [{ name: "ZK_SERVER_PASSWORD", value: "x", secret: true }],
                    spread: "required",
                    podLabels: { team: "data" },
                },
                external: { members: [{ address: "10.0.0.10" }] },
                fourLetterWords: ["mntr"],
                networkPolicy: { clients: [{ namespaceLabels: {} }] },
            }),
    },
];

const templatesOf = (statefulSets: any[]) => statefulSets.map((s) => s.spec.template as Record<string, any>);

/** Renders every program and constructs every component; returns the pod template of each StatefulSet. */
export async function everyPodTemplate(): Promise<RenderedPodTemplate[]> {
    const found: RenderedPodTemplate[] = [];
    const programs = new Map<string, readonly (readonly string[])[]>(Object.entries(PROGRAMS));
    for (const dir of nodeExamples()) if (!programs.has(dir)) programs.set(dir, [EXAMPLE_CONFIG[dir] ?? []]);
    for (const [dir, configs] of programs) {
        for (const config of configs) {
            const result = await renderProgram(path.join(ROOT, dir), { config });
            const sets = result.resources.filter((r) => r.object.kind === "StatefulSet").map((r) => r.object);
            const source = `${dir}${config.map((c) => ` --config ${c}`).join("")}`;
            found.push(...templatesOf(sets).map((template) => ({ source, template })));
        }
    }
    for (const c of COMPONENTS) {
        const result = await renderInline(c.create);
        const sets = result.resources.filter((r) => r.object.kind === "StatefulSet").map((r) => r.object);
        found.push(...templatesOf(sets).map((template) => ({ source: c.source, template })));
    }
    return found;
}
