/**
 * The Python, Go and YAML examples through the real CLI, exactly as their READMEs say: in a
 * checkout of the repository, `pulumi package add ../..` (which serves the component's schema
 * from the package, generates the language's SDK and links it: requirements.txt for Python, a
 * `replace` directive in go.mod for Go, nothing more for YAML, whose programs need no SDK; it
 * must leave each committed Pulumi.yaml as it is, since they say it wrote them), `pulumi stack
 * init dev`, the README's config, `pulumi up`. Their stack outputs must equal those of the
 * TypeScript component given the same arguments through the same CLI; then `destroy` removes
 * everything but the claims. A refused argument from Python, Go or YAML reaches the user as the
 * component's own message.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { checkout } from "./harness/checkout";
import { e2e } from "./harness/context";
import { Stack } from "./harness/stack";

const TWIN = path.join(__dirname, "fixtures", "twin");
const NAMESPACE = "zookeeper";
const ZOOKEEPER_PORTS = [
    { name: "client", port: 2181, client: true },
    { name: "server", port: 2888 },
    { name: "election", port: 3888 },
];

/** The pod settings the YAML and Go examples give their in-cluster members. */
const ZOOKEEPER_POD = {
    image: "zookeeper:3.9.3",
    readOnlyRootFilesystem: false,
    storage: { size: "10Gi" },
    resources: { requests: { cpu: "250m", memory: "1Gi" }, limits: { memory: "1Gi" } },
};

/** Each example, the config its README sets, and the same ensemble's arguments in TypeScript. */
const CASES: ReadonlyArray<{ example: string; config: string[][]; args: Record<string, unknown> }> = [
    {
        example: "yaml-in-cluster",
        config: [],
        args: {
            mode: "inCluster",
            namespace: NAMESPACE,
            appName: "zookeeper",
            ports: ZOOKEEPER_PORTS,
            inCluster: {
                replicas: 3,
                ...ZOOKEEPER_POD,
            },
        },
    },
    {
        example: "python-external",
        config: [["addresses", "10.0.0.10,10.0.0.11,10.0.0.12"]],
        args: {
            mode: "external",
            namespace: NAMESPACE,
            appName: "zookeeper",
            ports: ZOOKEEPER_PORTS,
            external: { members: [{ address: "10.0.0.10" }, { address: "10.0.0.11" }, { address: "10.0.0.12" }] },
        },
    },
    {
        example: "go-hybrid",
        config: [
            ["addresses", "10.0.0.10,10.0.0.11"],
            ["replicas", "1"],
        ],
        args: {
            mode: "hybrid",
            namespace: NAMESPACE,
            appName: "zookeeper",
            ports: ZOOKEEPER_PORTS,
            external: { members: [{ address: "10.0.0.10" }, { address: "10.0.0.11" }] },
            inCluster: {
                replicas: 1,
                startOrdinal: 2,
                ...ZOOKEEPER_POD,
            },
        },
    },
];

/** The message of a loopback member at ordinal 1, which the component refuses whatever the language. */
const LOOPBACK =
    /StatefulEnsemble "zk": external\.members\[1\]\.address "127\.0\.0\.1" is a loopback address \(127\.0\.0\.0\/8\); Kubernetes rejects such endpoints/;

/** Each example with a config value its README allows but the component refuses, and the component's message. */
const REFUSED: ReadonlyArray<{ example: string; language: string; config: [string, string]; message: RegExp }> = [
    { example: "python-external", language: "Python", config: ["addresses", "10.0.0.10,127.0.0.1,10.0.0.12"], message: LOOPBACK },
    { example: "go-hybrid", language: "Go", config: ["addresses", "10.0.0.10,127.0.0.1"], message: LOOPBACK },
    {
        example: "yaml-in-cluster",
        language: "YAML",
        config: ["replicas", "0"],
        message: /StatefulEnsemble "zk": inCluster\.replicas 0 is out of range: it must be from 1 to \d+/,
    },
];

/**
 * Generous: the first `package add` of Python creates a virtual environment from PyPI, and the
 * first `up` of Go compiles the Kubernetes SDK the generated one imports (five minutes on two
 * shared cores; Go's build cache keeps it).
 */
const SLOW = 900_000;

/** No Service, EndpointSlice or StatefulSet is left in the examples' namespace. */
async function assertNothingInNamespace(): Promise<void> {
    assert.deepEqual(await e2e().kube.services(NAMESPACE), []);
    assert.deepEqual(await e2e().kube.slices(NAMESPACE), []);
    assert.deepEqual(await e2e().kube.statefulSets(NAMESPACE), []);
}

describe("the Python, Go and YAML examples through the real Pulumi CLI, as their READMEs say", function () {
    const seconds: string[] = [];
    let repo: string;

    before(async function () {
        this.timeout(SLOW);
        repo = await checkout();
        await e2e().kube.restrictedNamespace(NAMESPACE);
    });

    after(async function () {
        if (seconds.length) console.log(`      seconds: ${seconds.join("; ")}`);
        await e2e().kube.deleteClaims(NAMESPACE);
        if (repo) fs.rmSync(repo, { recursive: true, force: true });
    });

    for (const { example, config, args } of CASES) {
        it(`brings examples/${example} up with the outputs of the TypeScript component, then destroys it`, async function () {
            this.timeout(SLOW);
            const pulumi = e2e().pulumi;
            const twin = await Stack.create(pulumi, TWIN, `twin-${example}`);
            await twin.configure({ name: "zk", args: JSON.stringify(args) });
            await twin.up();
            const expected = await twin.outputs();
            await twin.destroy();
            await twin.remove();

            const dir = path.join(repo, "examples", example);
            const project = fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8");
            const added = await pulumi.cli(["package", "add", "../.."], { cwd: dir, timeoutMs: SLOW, check: true });
            seconds.push(`${example}: package add ${added.seconds.toFixed(1)} s`);
            assert.equal(
                fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8"),
                project,
                "`package add` rewrote the committed Pulumi.yaml",
            );
            assert.ok(fs.existsSync(path.join(dir, "sdks", "stateful-ensemble")), `\`package add\` generated nothing for ${example}`);
            if (example.startsWith("go-")) {
                // Link points the module path of the generated SDK's own go.mod at its folder.
                const goMod = fs.readFileSync(path.join(dir, "go.mod"), "utf8");
                assert.match(goMod, /^replace example\.com\/pulumi-stateful-ensemble\/sdk\/go => \.\/sdks\/stateful-ensemble$/m);
                assert.match(goMod, /^\texample\.com\/pulumi-stateful-ensemble\/sdk\/go v0\.0\.0-00010101000000-000000000000$/m);
            }
            const stack = await Stack.init(pulumi, dir, "dev");
            for (const [key, value] of config) await stack.cli(["config", "set", key, value], { check: true });
            const up = await stack.up(SLOW);
            seconds.push(`${example}: up ${up.seconds.toFixed(1)} s`);

            assert.deepEqual(await stack.outputs(), expected);
            await stack.expectNoChanges();
            const kinds = (await stack.state()).map((r) => r.type);
            assert.ok(kinds.includes("stateful-ensemble:index:StatefulEnsemble"), kinds.join(", "));
            assert.deepEqual((await e2e().kube.services(NAMESPACE)).map((s) => s.metadata!.name).sort(), ["zk", "zk-headless"]);

            await stack.destroy();
            await assertNothingInNamespace();
            await stack.cli(["stack", "rm", "dev", "--yes", "--force"], { check: true });
        });
    }

    for (const { example, language, config, message } of REFUSED) {
        it(`shows the ${language} user the component's message for a refused argument, and creates nothing`, async function () {
            this.timeout(SLOW);
            const dir = path.join(repo, "examples", example);
            assert.ok(fs.existsSync(path.join(dir, "sdks", "stateful-ensemble")), `the ${language} example's SDK was not generated`);
            const stack = await Stack.init(e2e().pulumi, dir, "refused");
            await stack.cli(["config", "set", ...config], { check: true });

            const up = await stack.cli(["up", "--yes", "--skip-preview"]);
            assert.notEqual(up.code, 0);
            assert.match(up.stdout + up.stderr, message);
            await assertNothingInNamespace();
            await stack.cli(["stack", "rm", "refused", "--yes", "--force"], { check: true });
        });
    }
});
