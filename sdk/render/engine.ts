/**
 * Runs a Pulumi program in this process under Pulumi's mock engine and collects every
 * Kubernetes object it registers: no cluster, no Pulumi CLI, no provider plugin.
 */
import * as pulumi from "@pulumi/pulumi";
import { inApplyOrder } from "../plan";
import { forgetProgram, installLoader } from "./loader";
import { ProjectError, parseConfigPairs, readProject, readStackConfig } from "./project";

/** A Kubernetes object as the program would send it to the API server. */
export interface KubernetesObject {
    readonly apiVersion: string;
    readonly kind: string;
    readonly metadata: { readonly name: string; readonly namespace?: string } & Record<string, unknown>;
    readonly [field: string]: unknown;
}

/** A registered Kubernetes object and the Pulumi resource that owns it. */
export interface RenderedResource {
    /** The Pulumi type token, e.g. `kubernetes:core/v1:Service`. */
    readonly type: string;
    /** The Pulumi resource name. */
    readonly name: string;
    readonly object: KubernetesObject;
}

export interface RenderOptions {
    /** `key=value` pairs, as on the command line; keys without a namespace belong to the project. */
    readonly config?: readonly string[];
    /** Read `Pulumi.<stack>.yaml` too. */
    readonly stack?: string;
}

export interface RenderResult {
    /** The project's name. */
    readonly project: string;
    /** Every Kubernetes object, in apply order. */
    readonly resources: RenderedResource[];
    /** The program's stack outputs (its exports), resolved. */
    readonly outputs: Record<string, unknown>;
    /** How many resources the program registered, components included. */
    readonly registered: number;
}

/** Drops keys whose value is undefined, recursively, so objects compare and print cleanly. */
function clean(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(clean);
    if (value && typeof value === "object") {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = clean(v);
        return out;
    }
    return value;
}

/** Waits until every output inside `value` has resolved, and returns the plain value. */
function resolved(value: unknown): Promise<unknown> {
    return new Promise((resolve) => (pulumi.output(value as object) as pulumi.Output<unknown>).apply((v) => resolve(v)));
}

/** Orders `apiVersion`, `kind`, `metadata` first, as kubectl and humans expect. */
function asObject(inputs: Record<string, unknown>): KubernetesObject {
    const { apiVersion, kind, metadata, ...rest } = clean(inputs) as Record<string, unknown>;
    return { apiVersion, kind, metadata, ...rest } as KubernetesObject;
}

function identity(o: KubernetesObject): string {
    return `${o.apiVersion} ${o.kind} ${o.metadata.namespace ?? "default"}/${o.metadata.name}`;
}

/**
 * Renders the Pulumi program in `dir`. Rejects with the program's own error (an
 * EnsembleArgsError for bad input) or a ProjectError; never returns a partial result.
 */
export async function renderProgram(dir: string, options: RenderOptions = {}): Promise<RenderResult> {
    const project = readProject(dir);
    const config = {
        ...project.configDefaults,
        ...(options.stack ? readStackConfig(project, options.stack) : {}),
        ...parseConfigPairs(project.name, options.config ?? []),
    };

    const resources: RenderedResource[] = [];
    let registered = 0;
    await pulumi.runtime.setMocks(
        {
            newResource(args) {
                registered++;
                const inputs = args.inputs as Record<string, unknown>;
                if (args.type.startsWith("kubernetes:") && inputs.apiVersion && inputs.kind) {
                    resources.push({ type: args.type, name: args.name, object: asObject(inputs) });
                }
                return { id: `${args.name}-id`, state: inputs };
            },
            call(args) {
                throw new ProjectError(`the program calls ${args.token}, which cannot run offline`);
            },
        },
        project.name,
        options.stack ?? "render",
        false,
    );
    pulumi.runtime.setAllConfig(config);

    // Errors raised inside outputs surface as rejections, not exceptions: collect them.
    const failures: unknown[] = [];
    const onRejection = (reason: unknown) => failures.push(reason);
    process.on("unhandledRejection", onRejection);
    // pulumi.log.info and stray console.log calls would otherwise mix with the YAML on stdout.
    const log = console.log;
    console.log = (...args: unknown[]) => console.error(...args);
    let outputs: Record<string, unknown>;
    try {
        installLoader();
        forgetProgram(project.dir);
        const loaded = require(project.entry);
        const program = typeof loaded === "function" ? loaded : typeof loaded?.default === "function" ? loaded.default : undefined;
        const exported = program ? await program() : loaded;
        outputs = ((await resolved(exported ?? {})) ?? {}) as Record<string, unknown>;
        await pulumi.runtime.disconnect();
        // Let rejections from the last turn of the event loop arrive.
        await new Promise((r) => setImmediate(r));
    } finally {
        console.log = log;
        process.off("unhandledRejection", onRejection);
    }
    if (failures.length > 0) throw failures[0];

    const seen = new Map<string, string>();
    for (const r of resources) {
        const id = identity(r.object);
        if (seen.has(id)) throw new ProjectError(`two resources, ${seen.get(id)} and ${r.name}, would both create ${id}`);
        seen.set(id, r.name);
    }
    const ordered = inApplyOrder(resources, (r) => r.object.kind);
    const plainOutputs = Object.fromEntries(Object.entries(outputs).filter(([k]) => k !== "default" && k !== "__esModule"));
    return { project: project.name, resources: ordered, outputs: plainOutputs, registered };
}
