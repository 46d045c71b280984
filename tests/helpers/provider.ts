/**
 * The package as other languages see it: its component provider and the Pulumi schema that
 * `pulumi package add` generates their SDKs from, both built in this process.
 *
 * The provider is built the way the Node.js plugin host (`@pulumi/pulumi/cmd/run-plugin`) builds
 * it for `pulumi package add`: the components are the ComponentResource classes the package
 * entry exports, the provider is named after package.json's `name`, and the analyzer reads the
 * package directory's tsconfig.json and TypeScript sources.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { ComponentProvider, getPulumiComponents } from "@pulumi/pulumi/provider/experimental";
import { PackageSpec, Property } from "@pulumi/pulumi/provider/experimental/schema";

export const PACKAGE_DIR = path.resolve(__dirname, "..", "..");
export const PACKAGE_JSON = require(path.join(PACKAGE_DIR, "package.json")) as { name: string; version: string; description: string };

/** The package entry's exports, loaded from source (the plugin host loads the same from `dist/`). */
export const ENTRY = require(path.join(PACKAGE_DIR, "sdk")) as Record<string, unknown>;

/** The provider name the plugin host derives from an npm package name: its scope dropped, odd characters as `-`. */
export function providerName(npmName: string): string {
    return npmName.replace(/^@[^/]+\//, "").replace(/[^-a-zA-Z0-9_]/g, "-");
}

/** The component classes the plugin host would serve. */
export function exportedComponents(): ReturnType<typeof getPulumiComponents> {
    return getPulumiComponents(ENTRY);
}

let provider: ComponentProvider | undefined;
let schema: Promise<PackageSpec> | undefined;

/** The package's component provider (one per test run: the analyzer takes seconds). */
export function packageProvider(): ComponentProvider {
    provider ??= new ComponentProvider({ name: providerName(PACKAGE_JSON.name), dirname: PACKAGE_DIR, components: exportedComponents() });
    return provider;
}

/** The schema the provider reports to the Pulumi CLI. */
export function packageSchema(): Promise<PackageSpec> {
    schema ??= packageProvider()
        .getSchema()
        .then((text) => JSON.parse(text) as PackageSpec);
    return schema;
}

/**
 * Creates a component through the provider's `construct`, as its gRPC server does for a program
 * in another language, and returns the outputs serialized as the server sends them back:
 * child resources become resource references.
 */
export async function constructComponent(
    name: string,
    token: string,
    inputs: pulumi.Inputs,
    options: pulumi.ComponentResourceOptions = {},
): Promise<{ urn: string; state: Record<string, unknown> }> {
    await packageSchema();
    const result = await packageProvider().construct(name, token, inputs, options);
    const [state] = await pulumi.runtime.serializeResourceProperties(`construct(${token}, ${name})`, result.state);
    const urn = await new Promise<string>((resolve) => pulumi.output(result.urn).apply(resolve));
    return { urn, state };
}

/** `#/types/<pkg>:index:Name` → `Name`; a reference to another package's resource → its type token. */
function refName(ref: string): string {
    const local = /^#\/types\/[^:]+:index:(.+)$/.exec(ref);
    if (local) return local[1];
    const foreign = /^\/[^/]+\/v[^/]+\/schema\.json#\/resources\/(.+)$/.exec(ref);
    if (foreign) return decodeURIComponent(foreign[1]);
    throw new Error(`unexpected schema reference ${ref}`);
}

/**
 * A property's type in a compact notation the tests compare with: `string`, `number`, `boolean`,
 * `T[]`, `map<T>`, a type of this package by name (`InClusterArgs`, `EnsembleMode`), or another
 * package's resource by token (`kubernetes:core/v1:Service`).
 */
export function typeOf(property: Property): string {
    if ("$ref" in property) return refName(property.$ref);
    if (property.type === "array") return `${typeOf(property.items as Property)}[]`;
    if (property.type === "object" && property.additionalProperties) return `map<${typeOf(property.additionalProperties as Property)}>`;
    return property.type;
}

/** Every property of an object (inputs, outputs or a type's fields) as `name → type`, `?` marking the optional ones. */
export function signature(properties: Record<string, Property> | undefined, required: string[] | undefined): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, property] of Object.entries(properties ?? {})) {
        out[name] = typeOf(property) + ((required ?? []).includes(name) ? "" : "?");
    }
    return out;
}
