import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { renderProgram } from "../../../../sdk/tools/render/engine";
import { expectWarning } from "../../../helpers/warnings";

/** Writes a throwaway Pulumi project and returns its directory. */
function project(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "se-program-"));
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
}

const CHATTER = /^chatter that must not reach stdout$/;
const PULUMI_YAML = "name: demo\nruntime: nodejs\nconfig:\n  size:\n    type: integer\n    default: 3\n";
const CONFIGMAP_PROGRAM = `
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
const config = new pulumi.Config();
const cm = new k8s.core.v1.ConfigMap("cm", { metadata: { name: "cm" }, data: { size: config.require("size"), color: config.get("color") ?? "none" } });
new k8s.core.v1.ServiceAccount("sa", { metadata: { name: "sa" } });
console.log("chatter that must not reach stdout");
export const size = cm.data.apply((d) => d.size);
`;

describe("renderProgram", () => {
    it("applies project defaults, then the stack's config file, then --config values", async () => {
        // The program's console.log goes to stderr (console.error), never into the YAML on stdout.
        expectWarning(CHATTER);
        const dir = project({
            "Pulumi.yaml": PULUMI_YAML,
            "Pulumi.dev.yaml": "config:\n  demo:size: 5\n  color: blue\n",
            "index.ts": CONFIGMAP_PROGRAM,
        });
        const defaults = await renderProgram(dir);
        assert.deepEqual(defaults.outputs, { size: "3" });
        const stack = await renderProgram(dir, { stack: "dev" });
        assert.deepEqual(stack.resources.find((r) => r.object.kind === "ConfigMap")!.object.data, { size: "5", color: "blue" });
        const flags = await renderProgram(dir, { stack: "dev", config: ["size=7"] });
        assert.deepEqual(flags.outputs, { size: "7" });
    });

    it("orders objects for apply and names their Pulumi type and resource name", async () => {
        expectWarning(CHATTER);
        const dir = project({ "Pulumi.yaml": PULUMI_YAML, "index.ts": CONFIGMAP_PROGRAM });
        const { resources } = await renderProgram(dir);
        assert.deepEqual(
            resources.map((r) => [r.type, r.name, r.object.kind]),
            [
                ["kubernetes:core/v1:ServiceAccount", "sa", "ServiceAccount"],
                ["kubernetes:core/v1:ConfigMap", "cm", "ConfigMap"],
            ],
        );
        assert.deepEqual(Object.keys(resources[1].object), ["apiVersion", "kind", "metadata", "data"]);
    });

    it("runs a JavaScript program that default-exports an async function, with its returned outputs", async () => {
        const dir = project({
            "Pulumi.yaml": "name: js\nruntime:\n  name: nodejs\n  options:\n    typescript: false\n",
            "index.js": `const k8s = require("@pulumi/kubernetes");
module.exports = async () => { new k8s.core.v1.Namespace("ns", { metadata: { name: "zk" } }); return { answer: 42 }; };`,
        });
        const result = await renderProgram(dir);
        assert.deepEqual(result.outputs, { answer: 42 });
        assert.deepEqual(result.resources[0].object, { apiVersion: "v1", kind: "Namespace", metadata: { name: "zk" } });
    });

    it("reports an error raised inside an output instead of printing a partial result", async () => {
        const dir = project({
            "Pulumi.yaml": PULUMI_YAML,
            "index.ts": `import * as pulumi from "@pulumi/pulumi";
export const broken = pulumi.output(1).apply(() => { throw new Error("the value resolved to nonsense"); });`,
        });
        await assert.rejects(renderProgram(dir), /the value resolved to nonsense/);
    });

    it("refuses two resources that would create the same Kubernetes object", async () => {
        const dir = project({
            "Pulumi.yaml": PULUMI_YAML,
            "index.ts": `import * as k8s from "@pulumi/kubernetes";
new k8s.core.v1.ConfigMap("a", { metadata: { name: "same", namespace: "ns" } });
new k8s.core.v1.ConfigMap("b", { metadata: { name: "same", namespace: "ns" } });`,
        });
        await assert.rejects(renderProgram(dir), { message: "two resources, a and b, would both create v1 ConfigMap ns/same" });
    });

    it("refuses two versions of one API group's object, as the migration planner pairs them", async () => {
        const dir = project({
            "Pulumi.yaml": PULUMI_YAML,
            "index.ts": `import * as k8s from "@pulumi/kubernetes";
const spec = { selector: { matchLabels: { app: "x" } }, template: { metadata: { labels: { app: "x" } }, spec: { containers: [] } } };
new k8s.apps.v1.Deployment("a", { metadata: { name: "same", namespace: "ns" }, spec });
new k8s.apps.v1beta1.Deployment("b", { metadata: { name: "same", namespace: "ns" }, spec });`,
        });
        await assert.rejects(renderProgram(dir), { message: "two resources, a and b, would both create apps/v1beta1 Deployment ns/same" });
    });

    it("refuses encrypted stack secrets, which only the Pulumi CLI can decrypt", async () => {
        const dir = project({
            "Pulumi.yaml": PULUMI_YAML,
            "Pulumi.prod.yaml": "config:\n  demo:password:\n    secure: AAABAGZvbw==\n",
            "index.ts": CONFIGMAP_PROGRAM,
        });
        await assert.rejects(
            renderProgram(dir, { stack: "prod" }),
            /demo:password is an encrypted secret, which only the Pulumi CLI can decrypt; pass it with --config/,
        );
    });

    it("refuses runtimes it cannot run offline", async () => {
        const dir = project({ "Pulumi.yaml": "name: py\nruntime: python\n" });
        await assert.rejects(renderProgram(dir), /runtime "python" is not rendered offline; only nodejs programs are/);
    });
});
