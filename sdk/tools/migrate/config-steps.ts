/**
 * Safe paths for programs configured through the documented keys (`mode`, `replicas`,
 * `startOrdinal`, `externalAddresses`, `clientTraffic`), as the root program and the migration
 * example are: the stack config of every step, each checked by rendering it and planning the
 * step before it is returned.
 */
import * as fs from "fs";
import * as path from "path";
import { stringify } from "yaml";
import { RenderResult, renderProgram } from "../render/engine";
import { ProjectError, PulumiProject, qualifyKey, readProject, resolveConfig } from "../render/project";
import { diffRenders } from "./diff";
import { EnsembleLayout, EnsembleView, inClusterOrdinals, renderedEnsembles } from "./members";
import { MigrationSide, describeSide, sideRefused } from "./program";
import { SafePathError, describeLayout, describeStep, externalFirst, safeLayoutPath } from "./path";
import { modeOf, trafficFor } from "./arguments";
import { ClientTraffic } from "../../api/args";
import { deepEqual } from "./fields";

/** The `<stack>` of the files `plan --steps` writes when not told: `Pulumi.migration-step<N>.yaml`. */
export const DEFAULT_STEPS_STACK = "migration";

/** The config keys a step writes. */
export const STEP_KEYS = ["mode", "replicas", "startOrdinal", "externalAddresses", "clientTraffic"] as const;

/** One step's stack configuration: config key (unqualified for the project's own keys) → value. */
export type ConfigStep = Record<string, string>;

/** A program's configuration of one side, with its render and the ensemble it places. */
interface Side {
    readonly config: Record<string, string>;
    readonly view: EnsembleView;
}

async function renderConfig(dir: string, config: ConfigStep): Promise<RenderResult> {
    return renderProgram(dir, { config: Object.entries(config).map(([k, v]) => `${k}=${v}`) });
}

/** The one ensemble of a render. */
function onlyEnsemble(render: RenderResult, what: string): EnsembleView {
    const views = renderedEnsembles(render.resources);
    if (views.length !== 1)
        throw new SafePathError(`${what} renders ${views.length} ensembles; config steps are planned for a program of one`);
    return views[0];
}

/** `<project>:mode` → `mode`; other namespaces keep theirs. */
function unqualified(project: PulumiProject, config: Record<string, string>): ConfigStep {
    return Object.fromEntries(
        Object.entries(config).map(([k, v]) => [k.startsWith(`${project.name}:`) ? k.slice(project.name.length + 1) : k, v]),
    );
}

/** The config a side sets itself (its stack file and pairs, no project default), with the step keys resolved. */
function sideConfig(project: PulumiProject, side: MigrationSide): ConfigStep {
    const explicit = unqualified(project, resolveConfig({ ...project, configDefaults: {} }, side.stack, side.config));
    const all = unqualified(project, resolveConfig(project, side.stack, side.config));
    return { ...explicit, ...Object.fromEntries(STEP_KEYS.filter((k) => all[k] !== undefined).map((k) => [k, all[k]])) };
}

/**
 * `externalAddresses` for a layout: by place, so the address at place N is the member of ordinal N.
 * @internal
 */
export function externalAddresses(layout: EnsembleLayout): string {
    const external = layout.members.filter((m) => m.address !== undefined);
    const places: string[] = Array.from({ length: Math.max(...external.map((m) => m.ordinal)) + 1 }, () => "");
    for (const m of external) places[m.ordinal] = m.address!;
    return places.join(",");
}

/**
 * The config of a step between two others: `base` with the placement keys of `layout`; keys the
 * layout does not decide (the range while no pod runs) keep their `previous` value.
 * @internal
 */
export function stepConfig(base: ConfigStep, previous: ConfigStep, layout: EnsembleLayout): ConfigStep {
    const pods = inClusterOrdinals(layout);
    const hasExternal = layout.members.length > pods.length;
    const traffic = trafficFor(layout, previous.clientTraffic as ClientTraffic | undefined);
    return {
        ...base,
        mode: modeOf(layout),
        replicas: pods.length > 0 ? String(pods.length) : previous.replicas,
        startOrdinal: pods.length > 0 ? String(pods[0]) : previous.startOrdinal,
        externalAddresses: hasExternal ? externalAddresses(layout) : previous.externalAddresses,
        ...(traffic === undefined ? {} : { clientTraffic: traffic }),
    };
}

/**
 * Whether the program reads an empty place in `externalAddresses` as a missing member (the
 * migration example does) rather than closing the gap (the root program does): one render says.
 */
async function readsPlaces(dir: string, base: ConfigStep, address: string): Promise<boolean> {
    try {
        const view = onlyEnsemble(
            await renderConfig(dir, { ...base, mode: "external", clientTraffic: "all", externalAddresses: `,${address}` }),
            "the probe",
        );
        return deepEqual(view.members, [{ ordinal: 1, address }]);
    } catch {
        return false;
    }
}

/** A safe path of config steps, with what each step does. */
export interface ConfigPath {
    /** The config of every step, `from` first and `to` last. */
    readonly steps: readonly ConfigStep[];
    /** What each step after the first does, in words: `move zk-2 from 10.0.0.12 into the cluster`. */
    readonly changes: readonly string[];
    /** The ensemble's name. */
    readonly name: string;
}

/**
 * The shortest safe path between two configurations of the program in `dir`, as
 * {@link planConfigSteps} returns it, with what each step does.
 */
export async function planConfigPath(dir: string, from: MigrationSide, to: MigrationSide): Promise<ConfigPath> {
    const project = readProject(dir);
    const missing = STEP_KEYS.filter((k) => project.declaredKeys && !project.declaredKeys.includes(k));
    if (missing.length > 0) {
        throw new ProjectError(
            `config steps are written in the keys ${STEP_KEYS.join(", ")}; ${dir}'s Pulumi.yaml does not declare ${missing.join(", ")}: use planSafePath on the component's arguments instead`,
        );
    }
    const sides: Side[] = [];
    for (const [label, side] of [
        ["from", from],
        ["to", to],
    ] as const) {
        const config = sideConfig(project, side);
        const render = await renderConfig(dir, config).catch((err: unknown) => Promise.reject(sideRefused(label, side, err)));
        sides.push({ config, view: onlyEnsemble(render, describeSide(side)) });
    }
    const [start, goal] = sides;
    const address = [...start.view.members, ...goal.view.members].find((m) => m.address !== undefined)?.address;
    const gaps = address !== undefined && (await readsPlaces(dir, goal.config, address));
    const accept = (l: EnsembleLayout) => gaps || externalFirst(l);
    const layouts = safeLayoutPath(start.view, goal.view, { accept });
    const steps: ConfigStep[] = [start.config];
    for (const layout of layouts.slice(1, -1)) steps.push(stepConfig(goal.config, steps[steps.length - 1], layout));
    if (layouts.length > 1) steps.push(goal.config);
    await checkSteps(dir, steps, layouts);
    const name = goal.view.name;
    return { steps, name, changes: layouts.slice(1).map((l, i) => describeStep(name, layouts[i], l)) };
}

/**
 * The shortest safe path between two configurations of the program in `dir`: the config of every
 * step, `from` first and `to` last, each a map of config keys (the project's own unqualified)
 * to values. The program must read the documented keys `mode`, `replicas`, `startOrdinal`,
 * `externalAddresses` (external members by place) and `clientTraffic`. Every step is rendered and
 * planned before it is returned: each keeps the step rules and replaces no object.
 */
export async function planConfigSteps(dir: string, from: MigrationSide, to: MigrationSide): Promise<ConfigStep[]> {
    return [...(await planConfigPath(dir, from, to)).steps];
}

/** Renders every step and plans each switch: the program must place the members as planned, and every switch be safe. */
async function checkSteps(dir: string, steps: readonly ConfigStep[], layouts: readonly EnsembleLayout[]): Promise<void> {
    let previous: RenderResult | undefined;
    for (const [i, step] of steps.entries()) {
        const render = await renderConfig(dir, step);
        const view = onlyEnsemble(render, `step ${i}`);
        if (!deepEqual(view.members, layouts[i].members)) {
            throw new SafePathError(
                `step ${i} should place ${describeLayout(view.name, layouts[i])} but the program places ${describeLayout(view.name, view)}: it does not read the documented config keys as the migration example does`,
            );
        }
        if (previous) {
            const plan = diffRenders(previous.resources, render.resources);
            if (!plan.safe)
                throw new SafePathError(
                    `step ${i} (${describeStep(view.name, layouts[i - 1], layouts[i])}) is not safe for the program's objects: run plan on it`,
                );
        }
        previous = render;
    }
}

/**
 * A config value as YAML: integers bare, other strings as YAML writes them.
 * @internal
 */
export function yamlValue(value: string): string {
    return /^(0|[1-9][0-9]*)$/.test(value) ? value : stringify(value).trim();
}

/**
 * Writes each step of `path` as `Pulumi.<stack>-step<N>.yaml` into `outDir`, with a comment saying
 * what the step does; returns the files' paths.
 */
export function writeConfigSteps(dir: string, outDir: string, stack: string, configPath: ConfigPath): string[] {
    const project = readProject(dir);
    fs.mkdirSync(outDir, { recursive: true });
    const { steps, changes } = configPath;
    // A longer path written before would leave steps behind that this one does not have.
    const prefix = `Pulumi.${stack}-step`;
    for (const file of fs.readdirSync(outDir)) {
        const n = file.startsWith(prefix) && file.endsWith(".yaml") ? file.slice(prefix.length, -".yaml".length) : "";
        if (/^[0-9]+$/.test(n) && Number(n) >= steps.length) fs.rmSync(path.join(outDir, file));
    }
    return steps.map((step, i) => {
        const file = path.join(outDir, `Pulumi.${stack}-step${i}.yaml`);
        const what = i === 0 ? "where the ensemble starts" : changes[i - 1];
        const lines = [`# Step ${i} of ${steps.length - 1}: ${what}.`, "config:"];
        const keys = [
            ...STEP_KEYS.filter((k) => k in step),
            ...Object.keys(step).filter((k) => !(STEP_KEYS as readonly string[]).includes(k)),
        ];
        for (const [key, value] of keys.map((k) => [k, step[k]])) lines.push(`    ${qualifyKey(project.name, key)}: ${yamlValue(value)}`);
        fs.writeFileSync(file, `${lines.join("\n")}\n`);
        return file;
    });
}
