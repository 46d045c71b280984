/**
 * Runs components under Pulumi's mock engine and records what they register, so tests select
 * children by type and name and assert exact fields.
 */
import * as pulumi from "@pulumi/pulumi";

export interface Registered {
    readonly type: string;
    readonly name: string;
    readonly inputs: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    readonly custom: boolean;
    readonly provider?: string;
}

export interface Recorder {
    readonly resources: Registered[];
    /** The one resource of `type` named `name`; throws if there is none or several. */
    get(type: string, name: string): Registered;
    /** Every resource of `type`, in registration order. */
    all(type: string): Registered[];
}

/** Installs fresh mocks and returns the recorder they write to. */
export async function recordResources(project = "test", stack = "test"): Promise<Recorder> {
    const resources: Registered[] = [];
    await pulumi.runtime.setMocks(
        {
            newResource: (args) => {
                resources.push({
                    type: args.type,
                    name: args.name,
                    inputs: args.inputs,
                    custom: args.custom ?? false,
                    provider: args.provider,
                });
                return { id: `${args.name}-id`, state: args.inputs };
            },
            call: () => ({}),
        },
        project,
        stack,
        false,
    );
    return {
        resources,
        get(type, name) {
            const found = resources.filter((r) => r.type === type && r.name === name);
            if (found.length !== 1) {
                throw new Error(
                    `expected one ${type} named ${name}, found ${found.length} among ${resources.map((r) => `${r.type}::${r.name}`).join(", ")}`,
                );
            }
            return found[0];
        },
        all(type) {
            return resources.filter((r) => r.type === type);
        },
    };
}

/** Resolves an Output (or any input) to its value. */
export function valueOf<T>(output: pulumi.Input<T>): Promise<T> {
    return new Promise((resolve) => (pulumi.output(output) as pulumi.Output<T>).apply((v) => resolve(v as T)));
}

/** Waits until every registration the mock engine has started has finished. */
export async function settle(): Promise<void> {
    await pulumi.runtime.disconnect();
}

/**
 * Loads the @pulumi/kubernetes classes a component registers (each API group loads its classes on
 * first use), for a `before` hook: the unit layer's first test to register a child would
 * otherwise spend most of its two seconds loading them.
 */
export function loadKubernetesClasses(): void {
    const groups = [
        require("@pulumi/kubernetes/core/v1"),
        require("@pulumi/kubernetes/apps/v1"),
        require("@pulumi/kubernetes/discovery/v1"),
        require("@pulumi/kubernetes/networking/v1"),
        require("@pulumi/kubernetes/policy/v1"),
    ] as Record<string, unknown>[];
    for (const group of groups) for (const name of Object.keys(group)) void group[name];
}
