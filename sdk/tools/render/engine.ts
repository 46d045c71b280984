/**
 * Runs a Pulumi program in this process under Pulumi's mock engine and collects every
 * Kubernetes object it registers: no cluster, no Pulumi CLI, no provider plugin.
 */
import * as pulumi from "@pulumi/pulumi";
import { inApplyOrder } from "../../plan/objects";
import { describeObject, identity } from "./identity";
import { forgetProgram, installLoader } from "./loader";
import { ProjectError, readProject, resolveConfig } from "./project";
import type { KubernetesObject, RenderedResource } from "./objects";
import { REDACTED, redactSecret } from "./yaml";

export type { KubernetesObject, RenderedResource };

/** How to configure a render. */
export interface RenderOptions {
    /** `key=value` pairs, as on the command line; keys without a namespace belong to the project. */
    readonly config?: readonly string[];
    /** Read `Pulumi.<stack>.yaml` too. */
    readonly stack?: string;
}

/** What a program would create, and what it exports. */
export interface RenderResult {
    /** The project's name. */
    readonly project: string;
    /** Every Kubernetes object, in apply order. */
    readonly resources: RenderedResource[];
    /** The program's stack outputs (its exports), resolved. */
    readonly outputs: Record<string, unknown>;
    /** The names of the stack outputs that are secret, or hold a secret. */
    readonly secretOutputs: readonly string[];
    /** How many resources the program registered, components included. */
    readonly registered: number;
}

/** A secret as the mock engine passes it: `{ <sig key>: <secret sig>, value }`. */
function isSecretEnvelope(value: unknown): value is { value: unknown } {
    return (
        !!value &&
        typeof value === "object" &&
        (value as Record<string, unknown>)[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig
    );
}

/** Replaces every scalar inside `value` by `<redacted>`, keeping maps' keys and lists' lengths. */
function redactLeaves(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(redactLeaves);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactLeaves(v)]));
    return REDACTED;
}

/**
 * Drops keys whose value is undefined, recursively, so objects compare and print cleanly, and
 * unwraps secrets: their values as they are, or redacted.
 */
function clean(value: unknown, redact: boolean): unknown {
    if (isSecretEnvelope(value)) return redact ? redactLeaves(clean(value.value, false)) : clean(value.value, false);
    if (Array.isArray(value)) return value.map((v) => clean(v, redact));
    if (value && typeof value === "object") {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = clean(v, redact);
        return out;
    }
    return value;
}

/** Waits until every output inside `value` has resolved, and returns the plain value. */
function resolved(value: unknown): Promise<unknown> {
    return new Promise((resolve) => (pulumi.output(value as object) as pulumi.Output<unknown>).apply((v) => resolve(v)));
}

/** Orders `apiVersion`, `kind`, `metadata` first, as kubectl and humans expect. */
function asObject(inputs: Record<string, unknown>, redact = false): KubernetesObject {
    const { apiVersion, kind, metadata, ...rest } = clean(inputs, redact) as Record<string, unknown>;
    return { apiVersion, kind, metadata, ...rest } as KubernetesObject;
}

/** Runs `program`, waits for every registration, and returns its resolved exports and which of them are secret. */
async function settleProgram(program: () => unknown): Promise<{ outputs: Record<string, unknown>; secrets: string[] }> {
    const exported = ((await program()) ?? {}) as Record<string, unknown>;
    const outputs = ((await resolved(exported)) ?? {}) as Record<string, unknown>;
    const secrets: string[] = [];
    for (const [key, value] of Object.entries(exported)) {
        if (value !== undefined && typeof value !== "function" && (await pulumi.isSecret(pulumi.output(value)))) secrets.push(key);
    }
    await pulumi.runtime.disconnect();
    // Let rejections from the last turn of the event loop arrive before the result is trusted.
    await new Promise((r) => setImmediate(r));
    return { outputs, secrets };
}

/** The stack outputs with every secret one's values replaced by `<redacted>`. */
export function redactedOutputs(result: Pick<RenderResult, "outputs" | "secretOutputs">): Record<string, unknown> {
    return Object.fromEntries(Object.entries(result.outputs).map(([k, v]) => [k, result.secretOutputs.includes(k) ? redactLeaves(v) : v]));
}

/** Loads the program's entry and runs what it exports: its module body, or its default function. */
function loadProgram(dir: string, entry: string): unknown {
    installLoader();
    forgetProgram(dir);
    const loaded = require(entry);
    const program = typeof loaded === "function" ? loaded : typeof loaded?.default === "function" ? loaded.default : undefined;
    return program ? program() : loaded;
}

/**
 * Renders the Pulumi program in `dir`. Rejects with the program's own error (an
 * EnsembleArgsError for bad input) or a ProjectError; never returns a partial result.
 */
export async function renderProgram(dir: string, options: RenderOptions = {}): Promise<RenderResult> {
    const project = readProject(dir);
    const config = resolveConfig(project, options.stack, options.config);
    return render(project.name, options.stack ?? "render", config, () => loadProgram(project.dir, project.entry));
}

/**
 * Renders what `program` registers, in this process, exactly as {@link renderProgram} renders a
 * program on disk: for tests that build components in code.
 * @internal
 */
export function renderInline(program: () => unknown, project = "test", stack = "render"): Promise<RenderResult> {
    return render(project, stack, {}, program);
}

async function render(projectName: string, stack: string, config: Record<string, string>, program: () => unknown): Promise<RenderResult> {
    const resources: RenderedResource[] = [];
    let registered = 0;
    await pulumi.runtime.setMocks(
        {
            newResource(args) {
                registered++;
                const inputs = args.inputs as Record<string, unknown>;
                if (args.type.startsWith("kubernetes:") && inputs.apiVersion && inputs.kind) {
                    resources.push({
                        type: args.type,
                        name: args.name,
                        object: asObject(inputs),
                        redacted: redactSecret(asObject(inputs, true)),
                    });
                }
                return { id: `${args.name}-id`, state: inputs };
            },
            call(args) {
                throw new ProjectError(`the program calls ${args.token}, which cannot run offline`);
            },
        },
        projectName,
        stack,
        false,
    );
    pulumi.runtime.setAllConfig(config);

    // Errors raised inside outputs surface as unhandled rejections, not exceptions, and leave the
    // outputs that depend on them unresolved: the first one ends the render.
    let fail: (reason: unknown) => void = () => undefined;
    const failed = new Promise<never>((_, reject) => (fail = reject));
    failed.catch(() => undefined);
    process.on("unhandledRejection", fail);
    // pulumi.log.info and stray console.log calls would otherwise mix with the YAML on stdout.
    const log = console.log;
    console.log = (...args: unknown[]) => console.error(...args);
    let settled: { outputs: Record<string, unknown>; secrets: string[] };
    try {
        settled = await Promise.race([settleProgram(program), failed]);
    } catch (err) {
        // Registrations that waited on a failed value never finish; forget them, or Pulumi would
        // report them as leaked promises when the process exits.
        pulumi.runtime.resetOptions(projectName, stack, -1, "", "", false, "");
        throw err;
    } finally {
        console.log = log;
        process.off("unhandledRejection", fail);
    }

    const seen = new Map<string, string>();
    for (const r of resources) {
        const id = identity(r.object);
        if (seen.has(id))
            throw new ProjectError(`two resources, ${seen.get(id)} and ${r.name}, would both create ${describeObject(r.object)}`);
        seen.set(id, r.name);
    }
    const ordered = inApplyOrder(resources, (r) => r.object.kind);
    const isOutput = (k: string) => k !== "default" && k !== "__esModule";
    const plainOutputs = Object.fromEntries(Object.entries(settled.outputs).filter(([k]) => isOutput(k)));
    return { project: projectName, resources: ordered, outputs: plainOutputs, secretOutputs: settled.secrets.filter(isOutput), registered };
}
