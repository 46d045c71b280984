/**
 * The examples in Python and Pulumi YAML. Without the Pulumi CLI they cannot run for real; here
 * each one's component arguments are taken as the program gives them, checked against the schema
 * the way the language's generated SDK would check them, and passed to the provider's
 * `construct` under mocks, and every object the ensemble then registers is checked against the
 * Kubernetes OpenAPI schemas.
 */
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PackageSpec } from "@pulumi/pulumi/provider/experimental/schema";
import { parse } from "yaml";
import { Recorder, recordResources, settle } from "../helpers/mocks";
import { PACKAGE_DIR, constructComponent, packageSchema } from "../helpers/provider";
import { assertValidObject } from "../helpers/schema";
import { Naming, schemaInputs } from "../helpers/schema-inputs";

const EXAMPLES = path.join(PACKAGE_DIR, "examples");
const PACKAGE = "stateful-ensemble";

interface Project {
    readonly runtime: string | { name: string };
    readonly packages?: Record<string, string>;
    readonly config?: Record<string, { default?: unknown }>;
    readonly resources?: Record<string, { type: string; properties?: Record<string, unknown> }>;
    readonly outputs?: Record<string, unknown>;
}

function readProject(dir: string): Project {
    return parse(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8")) as Project;
}

function configDefaults(project: Project): Record<string, unknown> {
    return Object.fromEntries(Object.entries(project.config ?? {}).map(([key, decl]) => [key, decl.default]));
}

/** `stateful-ensemble:StatefulEnsemble` (YAML's short form) or the full token → the full token. */
function fullToken(type: string): string {
    const parts = type.split(":");
    return parts.length === 2 ? `${parts[0]}:index:${parts[1]}` : type;
}

/** Constructs a component from a program's checked inputs; every child must fit the Kubernetes schemas. */
async function construct(rec: Recorder, token: string, name: string, inputs: Record<string, unknown>): Promise<Record<string, unknown>> {
    const { state } = await constructComponent(name, token, inputs);
    await settle();
    const objects = rec.resources.filter((r) => r.type.startsWith("kubernetes:"));
    assert.ok(objects.length > 0, `${name} registered no Kubernetes objects`);
    for (const o of objects) assertValidObject(o.inputs);
    return state;
}

describe("the examples in other languages", () => {
    let schema: PackageSpec;
    before(async () => {
        schema = await packageSchema();
    });

    for (const example of ["python-external", "go-hybrid", "yaml-in-cluster"]) {
        it(`${example} takes the package from this repository, as \`pulumi package add ../..\` records it`, () => {
            const dir = path.join(EXAMPLES, example);
            const source = readProject(dir).packages?.[PACKAGE];
            assert.equal(typeof source, "string");
            assert.equal(path.resolve(dir, source as string), PACKAGE_DIR);
            assert.ok(fs.existsSync(path.join(PACKAGE_DIR, "PulumiPlugin.yaml")));
            assert.ok(fs.existsSync(path.join(dir, "README.md")), `${example} has no README.md`);
        });
    }

    describe("go-hybrid", () => {
        /** The version of an npm package this repository installs. */
        const installed = (name: string): string =>
            (JSON.parse(fs.readFileSync(path.join(PACKAGE_DIR, "node_modules", name, "package.json"), "utf8")) as { version: string })
                .version;

        it("requires the Go SDKs of the @pulumi/pulumi and @pulumi/kubernetes releases the package runs with", () => {
            // The generated SDK imports the Kubernetes Go SDK; left unpinned, `go mod tidy` takes
            // the newest, and the program asks the engine for a provider plugin of that version.
            const goMod = fs.readFileSync(path.join(EXAMPLES, "go-hybrid", "go.mod"), "utf8");
            assert.match(goMod, new RegExp(`^\\s*github\\.com/pulumi/pulumi/sdk/v3 v${installed("@pulumi/pulumi")}$`, "m"));
            assert.match(goMod, new RegExp(`^\\s*github\\.com/pulumi/pulumi-kubernetes/sdk/v4 v${installed("@pulumi/kubernetes")}$`, "m"));
        });
    });

    describe("python-external", () => {
        const dir = path.join(EXAMPLES, "python-external");
        let run: {
            created: { type: string; name: string; args: Record<string, unknown> }[];
            exports: Record<string, { resource: string; output: string }>;
        };

        before(function () {
            if (spawnSync("python3", ["--version"]).error) {
                this.skip(); // No Python here: the example cannot be run against the stand-in SDK.
            }
            const schemaFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "schema-")), "schema.json");
            fs.writeFileSync(schemaFile, JSON.stringify(schema));
            // Pulumi gives a Python program its config as strings.
            const config = Object.fromEntries(Object.entries(configDefaults(readProject(dir))).map(([k, v]) => [k, String(v)]));
            const result = spawnSync(
                "python3",
                [path.join(__dirname, "..", "helpers", "run_python_program.py"), schemaFile, dir, JSON.stringify(config)],
                {
                    encoding: "utf8",
                },
            );
            fs.rmSync(path.dirname(schemaFile), { recursive: true, force: true });
            if (result.status !== 0) throw new Error(`the Python program failed:\n${result.stderr}`);
            run = JSON.parse(result.stdout);
        });

        it("uses only inputs, enum members and outputs the generated Python SDK has, with the schema's types", () => {
            assert.deepEqual(
                run.created.map((c) => `${c.type}::${c.name}`),
                [`${PACKAGE}:index:StatefulEnsemble::zk`],
            );
            schemaInputs(schema, run.created[0].type, run.created[0].args, "snake" satisfies Naming);
            assert.deepEqual(Object.keys(run.exports).sort(), ["clientEndpoint", "connectionString", "memberHosts"]);
        });

        it("creates an external ensemble of three members through construct", async () => {
            const rec = await recordResources("zk-python-external", "dev");
            const { type, name, args } = run.created[0];
            const state = await construct(rec, type, name, schemaInputs(schema, type, args, "snake"));
            assert.equal(state.mode, "external");
            assert.equal(rec.all("kubernetes:apps/v1:StatefulSet").length, 0);
            assert.deepEqual(
                rec
                    .all("kubernetes:discovery.k8s.io/v1:EndpointSlice")
                    .map((s) => s.inputs.endpoints.map((e: { addresses: string[] }) => e.addresses[0])),
                [
                    ["10.0.0.10", "10.0.0.11", "10.0.0.12"],
                    ["10.0.0.10", "10.0.0.11", "10.0.0.12"],
                ],
            );
            for (const exported of Object.values(run.exports)) assert.notEqual(state[exported.output], undefined, exported.output);
        });
    });

    describe("yaml-in-cluster", () => {
        const dir = path.join(EXAMPLES, "yaml-in-cluster");
        const project = readProject(dir);
        const config = configDefaults(project);

        /** YAML's `${name}` interpolation of a config value: the only expression the example's inputs use. */
        function interpolate(value: unknown): unknown {
            if (Array.isArray(value)) return value.map(interpolate);
            if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v)]));
            if (typeof value !== "string" || !value.includes("${")) return value;
            const whole = /^\$\{([A-Za-z][\w-]*)\}$/.exec(value);
            if (!whole || !(whole[1] in config)) throw new Error(`${value} is not a config value of the example`);
            return config[whole[1]];
        }

        const ensembles = Object.entries(project.resources ?? {}).filter(([, r]) => r.type.startsWith(`${PACKAGE}:`));

        it("uses only inputs and outputs the schema has, with the schema's types", () => {
            assert.deepEqual(
                ensembles.map(([name, r]) => `${fullToken(r.type)}::${name}`),
                [`${PACKAGE}:index:StatefulEnsemble::zk`],
            );
            for (const [, r] of ensembles)
                schemaInputs(schema, fullToken(r.type), interpolate(r.properties ?? {}) as Record<string, unknown>, "schema");
            for (const [key, value] of Object.entries(project.outputs ?? {})) {
                const ref = /^\$\{([\w-]+)\.(\w+)\}$/.exec(String(value));
                assert.ok(ref, `output ${key} is not a property reference`);
                const resource = project.resources?.[ref[1]];
                assert.ok(resource, `output ${key} refers to no resource ${ref[1]}`);
                assert.ok(
                    ref[2] in (schema.resources[fullToken(resource.type)].properties ?? {}),
                    `output ${key}: ${ref[2]} is not an output`,
                );
            }
        });

        it("creates an in-cluster ensemble of three replicas through construct", async () => {
            const rec = await recordResources("zk-yaml-in-cluster", "dev");
            const [name, resource] = ensembles[0];
            const token = fullToken(resource.type);
            const state = await construct(
                rec,
                token,
                name,
                schemaInputs(schema, token, interpolate(resource.properties) as Record<string, unknown>, "schema"),
            );
            assert.equal(state.mode, "inCluster");
            assert.deepEqual(
                rec.resources
                    .filter((r) => r.custom)
                    .map((r) => `${r.type}::${r.name}`)
                    .sort(),
                [
                    "kubernetes:apps/v1:StatefulSet::zk",
                    "kubernetes:core/v1:Service::zk",
                    "kubernetes:core/v1:Service::zk-headless",
                    "kubernetes:core/v1:ServiceAccount::zk",
                    "kubernetes:policy/v1:PodDisruptionBudget::zk",
                ],
            );
            const sts = rec.get("kubernetes:apps/v1:StatefulSet", "zk");
            assert.equal(sts.inputs.metadata.namespace, "zookeeper");
            assert.equal(sts.inputs.spec.replicas, 3);
            assert.equal(state.clientEndpoint, "zk.zookeeper.svc.cluster.local:2181");
        });
    });
});
