import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { main } from "../../../../sdk/tools/render/cli";
import { assertValidObject } from "../../../helpers/schema";
import { SIX_SERVERS, expectWarning } from "../../../helpers/warnings";

const ROOT = path.resolve(__dirname, "..", "..", "..", "..");

/** Runs the CLI in this process and captures what it prints. */
async function run(...argv: string[]) {
    let stdout = "";
    let stderr = "";
    const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    return { code, stdout, stderr };
}

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
function docs(yaml: string): Doc[] {
    return parseAllDocuments(yaml).map((d) => {
        assert.deepEqual(d.errors, []);
        return d.toJS() as Doc;
    });
}
/** `Kind/name`, with the hash of the configuration ConfigMap's name written as `<hash>`. */
const kinds = (objects: Doc[]) =>
    objects.map((o) => `${o.kind}/${o.metadata.name}`.replace(/^(ConfigMap\/zk-config-)[0-9a-f]{10}$/, "$1<hash>"));

describe("stateful-ensemble render", () => {
    it("prints the root program's in-cluster ensemble as valid YAML in apply order, and nothing else", async () => {
        const { code, stdout, stderr } = await run("render", ROOT, "--config", "mode=inCluster");
        assert.equal(code, 0, stderr);
        assert.ok(stdout.startsWith("---\napiVersion: "), stdout.slice(0, 40));
        const objects = docs(stdout);
        assert.deepEqual(kinds(objects), [
            "ServiceAccount/zk",
            "ConfigMap/zk-config-<hash>",
            "Service/zk",
            "Service/zk-headless",
            "StatefulSet/zk",
            "PodDisruptionBudget/zk",
        ]);
        objects.forEach(assertValidObject);
    });

    it("prints EndpointSlices, then Services that select no pod, for --config mode=external", async () => {
        const { code, stdout } = await run("render", ROOT, "--config", "mode=external", "--config=namespace=zk");
        assert.equal(code, 0);
        const objects = docs(stdout);
        assert.deepEqual(kinds(objects), [
            "EndpointSlice/zk-ext-ipv4-0",
            "EndpointSlice/zk-headless-ext-ipv4-0",
            "Service/zk",
            "Service/zk-headless",
        ]);
        assert.ok(objects.every((o) => o.metadata.namespace === "zk"));
        assert.equal(objects[2].spec.selector["stateful-ensemble/no-pods"], "true");
        objects.forEach(assertValidObject);
    });

    it("renders hybrid mode from the config keys the root program reads", async () => {
        expectWarning(SIX_SERVERS);
        const { code, stdout, stderr } = await run(
            "render",
            ROOT,
            "--config",
            "mode=hybrid",
            "--config",
            "startOrdinal=3",
            "--config",
            "clientTraffic=external",
        );
        assert.equal(code, 0, stderr);
        const objects = docs(stdout);
        const sts = objects.find((o) => o.kind === "StatefulSet")!;
        assert.deepEqual(sts.spec.ordinals, { start: 3 });
        assert.equal(
            objects.find((o) => o.kind === "Service" && o.metadata.name === "zk")!.spec.selector["stateful-ensemble/no-pods"],
            "true",
        );
        objects.forEach(assertValidObject);
    });

    it("fails with one clear message on stderr, no YAML and exit code 1 on bad input", async () => {
        const { code, stdout, stderr } = await run("render", ROOT, "--config", "mode=external", "--config", "externalAddresses=127.0.0.1");
        assert.equal(code, 1);
        assert.equal(stdout, "");
        assert.equal(
            stderr,
            `error: ZooKeeperEnsemble "zk": external.members[0].address "127.0.0.1" is a loopback address (127.0.0.0/8); Kubernetes rejects such endpoints\n`,
        );
    });

    it("fails with exit code 2 and the usage on a command-line mistake", async () => {
        const unknown = await run("render", ROOT, "--colour");
        assert.equal(unknown.code, 2);
        assert.match(unknown.stderr, /^error: unknown option --colour\n/);
        const missing = await run("render", ROOT, "--config");
        assert.equal(missing.code, 2);
        assert.equal(missing.stderr, "error: --config needs a value\n");
        const command = await run("deploy");
        assert.equal(command.code, 2);
        assert.match(command.stderr, /^error: unknown command "deploy"\nusage:/);
    });

    it("refuses a config pair without '=' and a directory that is no Pulumi project", async () => {
        const pair = await run("render", ROOT, "--config", "mode");
        assert.equal(pair.code, 1);
        assert.equal(pair.stderr, `error: --config "mode" is not key=value\n`);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "se-empty-"));
        const none = await run("render", dir);
        assert.equal(none.code, 1);
        assert.equal(none.stderr, `error: ${dir} is not a Pulumi project: it has no Pulumi.yaml\n`);
    });

    it("refuses a --config key the project does not declare, naming the closest declared key, and prints no YAML", async () => {
        const declared = "mode, namespace, externalAddresses, replicas, startOrdinal, clientTraffic";
        const misspelt = await run("render", ROOT, "--config", "mdoe=inCluster");
        assert.deepEqual(misspelt, {
            code: 1,
            stdout: "",
            stderr: `error: config key "mdoe" is not declared in Pulumi.yaml; did you mean "mode"? (declared: ${declared})\n`,
        });
        const plan = await run("plan", ROOT, "--from", "mode=inCluster", "--to", "startOrdnal=3");
        assert.equal(plan.code, 1);
        assert.equal(
            plan.stderr,
            `error: the to configuration (startOrdnal=3) is refused: config key "startOrdnal" is not declared in Pulumi.yaml; did you mean "startOrdinal"? (declared: ${declared})\n`,
        );
        const unlike = await run("render", ROOT, "--config", "colour=blue");
        assert.equal(unlike.stderr, `error: config key "colour" is not declared in Pulumi.yaml (declared: ${declared})\n`);
        // Another namespace's keys (the provider's) and projects that declare nothing pass as they are.
        assert.equal((await run("render", ROOT, "--config", "kubernetes:context=kind")).code, 0);
        const undeclared = fs.mkdtempSync(path.join(os.tmpdir(), "se-undeclared-"));
        fs.writeFileSync(path.join(undeclared, "Pulumi.yaml"), "name: undeclared\nruntime: nodejs\n");
        fs.writeFileSync(path.join(undeclared, "index.js"), "exports.value = 1;\n");
        assert.equal((await run("render", undeclared, "--config", "anything=1")).code, 0);
    });

    it("writes one file per object, numbered in apply order, with --out", async () => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "se-out-"));
        const { code, stdout, stderr } = await run("render", ROOT, "--out", out);
        assert.equal(code, 0);
        assert.equal(stdout, "");
        assert.equal(stderr, `wrote 6 objects to ${out}\n`);
        assert.deepEqual(
            fs
                .readdirSync(out)
                .sort()
                .map((f) => f.replace(/zk-config-[0-9a-f]{10}/, "zk-config-<hash>")),
            [
                "1-serviceaccount-zk.yaml",
                "2-configmap-zk-config-<hash>.yaml",
                "3-service-zk.yaml",
                "4-service-zk-headless.yaml",
                "5-statefulset-zk.yaml",
                "6-poddisruptionbudget-zk.yaml",
            ],
        );
        assert.equal(docs(fs.readFileSync(path.join(out, "5-statefulset-zk.yaml"), "utf8"))[0].kind, "StatefulSet");
    });
});
