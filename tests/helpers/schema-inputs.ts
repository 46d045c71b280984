/**
 * Checks the inputs a program in another language gives a component against the package schema,
 * the way that language's generated SDK would: every property must exist and have the schema's
 * type, required ones must be present. Returns the inputs as the SDK sends them (camelCase names).
 */
import { PackageSpec, Property } from "@pulumi/pulumi/provider/experimental/schema";

/** How a language names properties: as in the schema (YAML, TypeScript) or snake_case (Python). */
export type Naming = "schema" | "snake";

/** `clientTraffic` → `client_traffic`, as Pulumi's Python code generator names properties. */
export function snakeCase(name: string): string {
    return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

class Checker {
    readonly problems: string[] = [];
    constructor(
        private readonly schema: PackageSpec,
        private readonly naming: Naming,
    ) {}

    private localName(name: string): string {
        return this.naming === "snake" ? snakeCase(name) : name;
    }

    /** Checks an object against a schema's properties; returns it with the schema's names. */
    object(path: string, value: unknown, properties: Record<string, Property>, required: string[]): Record<string, unknown> {
        if (!isRecord(value)) {
            this.problems.push(`${path} is ${JSON.stringify(value)}, not an object`);
            return {};
        }
        const byLocalName = new Map(Object.keys(properties).map((name) => [this.localName(name), name]));
        const out: Record<string, unknown> = {};
        for (const [key, v] of Object.entries(value)) {
            const name = byLocalName.get(key);
            if (name === undefined) this.problems.push(`${path}.${key} is not a property of the schema`);
            else out[name] = this.value(`${path}.${key}`, v, properties[name]);
        }
        for (const name of required) {
            if (!(this.localName(name) in value)) this.problems.push(`${path}.${this.localName(name)} is required`);
        }
        return out;
    }

    value(path: string, value: unknown, property: Property): unknown {
        if ("$ref" in property) {
            const local = /^#\/types\/(.+)$/.exec(property.$ref);
            const type = local ? this.schema.types[local[1]] : undefined;
            if (!type) {
                this.problems.push(`${path} has a type ${property.$ref} that takes no value from a program`);
                return value;
            }
            if (type.enum) {
                const values = type.enum.map((v) => v.value);
                if (!values.includes(value as string))
                    this.problems.push(`${path} is ${JSON.stringify(value)}, not one of ${JSON.stringify(values)}`);
                return value;
            }
            return this.object(path, value, type.properties ?? {}, type.required ?? []);
        }
        switch (property.type) {
            case "array":
                if (!Array.isArray(value)) {
                    this.problems.push(`${path} is ${JSON.stringify(value)}, not a list`);
                    return value;
                }
                return value.map((v, i) => this.value(`${path}[${i}]`, v, property.items as Property));
            case "object":
                if (!isRecord(value)) {
                    this.problems.push(`${path} is ${JSON.stringify(value)}, not a map`);
                    return value;
                }
                // Map keys are the user's data: no SDK renames them.
                return Object.fromEntries(
                    Object.entries(value).map(([k, v]) => [k, this.value(`${path}.${k}`, v, property.additionalProperties as Property)]),
                );
            case "integer":
                if (!Number.isInteger(value)) this.problems.push(`${path} is ${JSON.stringify(value)}, not an integer`);
                return value;
            default:
                if (typeof value !== property.type) this.problems.push(`${path} is ${JSON.stringify(value)}, not a ${property.type}`);
                return value;
        }
    }
}

/** The inputs of the component `token`, checked against the schema; throws listing every mismatch. */
export function schemaInputs(schema: PackageSpec, token: string, values: Record<string, unknown>, naming: Naming): Record<string, unknown> {
    const resource = schema.resources[token];
    if (!resource) throw new Error(`the schema has no resource ${token}`);
    const checker = new Checker(schema, naming);
    const inputs = checker.object(token, values, resource.inputProperties ?? {}, resource.requiredInputs ?? []);
    if (checker.problems.length > 0) throw new Error(`inputs do not fit the schema:\n  ${checker.problems.join("\n  ")}`);
    return inputs;
}
