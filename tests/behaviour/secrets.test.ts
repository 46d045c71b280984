import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { StatefulEnsemble, StatefulEnsembleArgs, planEnsemble, validateEnsemble } from "../../sdk";
import { main } from "../../sdk/tools/render/cli";
import { renderProgram } from "../../sdk/tools/render/engine";
import { REDACTED } from "../../sdk/tools/render/yaml";
import { EXAMPLE_CONFIG, ROOT, nodeExamples } from "../helpers/examples";
import { ensembleArgs, IN_CLUSTER } from "../helpers/fixtures";
import { recordResources, settle, valueOf } from "../helpers/mocks";
import { assertValidObject } from "../helpers/schema";

const SECRET = "kubernetes:core/v1:Secret";
const STS = "kubernetes:apps/v1:StatefulSet";
const PASSWORD = "correct-horse-battery-staple";
const EXAMPLE = path.resolve(__dirname, "..", "..", "examples", "hardened");
const DEFERRED_IMAGE = path.resolve(__dirname, "..", "fixtures", "deferred-image");
const SECRET_CONFIG_MAP = path.resolve(__dirname, "..", "fixtures", "secret-config-map");

/** The fixture with `env`; in hybrid mode the pods take ordinals 3 to 5, after the external members. */
const withEnv = (env: NonNullable<StatefulEnsembleArgs["inCluster"]>["env"], mode: StatefulEnsembleArgs["mode"] = "inCluster") =>
    ensembleArgs(mode, { inCluster: { ...IN_CLUSTER, env, ...(mode === "hybrid" ? { startOrdinal: 3 } : {}) } });

/* eslint-disable @typescript-eslint/no-explicit-any */
function serverEnv(sts: any): any[] {
    return sts.spec.template.spec.containers[0].env.filter((e: any) => e.name !== "POD_NAME" && e.name !== "POD_NAMESPACE");
}

/** What the mock engine receives for a secret value: Pulumi's secret envelope. */
function isSecretEnvelope(value: unknown): boolean {
    return (
        !!value &&
        typeof value === "object" &&
        (value as Record<string, unknown>)[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig
    );
}

function capture() {
    const out = { stdout: "", stderr: "" };
    return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) } };
}

describe("secret values", () => {
    it("keeps plain strings inline and renders no Secret when nothing needs one", () => {
        const objects = planEnsemble(validateEnsemble("zk", withEnv([{ name: "JVMFLAGS", value: "-Xmx1g" }])));
        assert.deepEqual(
            objects.filter((o) => o.kind === "Secret"),
            [],
        );
        assert.deepEqual(serverEnv(objects.find((o) => o.kind === "StatefulSet")!.body), [{ name: "JVMFLAGS", value: "-Xmx1g" }]);
    });

    it("puts a pulumi.secret value in the Secret <name>-env and has the pod read it from there", async () => {
        const rec = await recordResources();
        const zk = new StatefulEnsemble(
            "zk",
            withEnv([
                { name: "JVMFLAGS", value: "-Xmx1g" },
                { name: "ZK_PASSWORD", value: pulumi.secret(PASSWORD) },
            ]),
        );
        await settle();
        const sts = rec.get(STS, "zk").inputs;
        assert.deepEqual(serverEnv(sts), [
            { name: "JVMFLAGS", value: "-Xmx1g" },
            { name: "ZK_PASSWORD", valueFrom: { secretKeyRef: { name: "zk-env", key: "ZK_PASSWORD" } } },
        ]);
        const secret = rec.get(SECRET, "zk-env").inputs;
        assert.equal(secret.metadata.name, "zk-env");
        assert.equal(secret.type, "Opaque");
        assert.ok(isSecretEnvelope(secret.stringData), "the engine receives stringData as a secret");
        assert.deepEqual(secret.stringData.value, { ZK_PASSWORD: PASSWORD });
        assert.equal(await pulumi.isSecret(zk.envSecret!.stringData), true);
        assert.deepEqual(await valueOf(zk.envSecret!.stringData), { ZK_PASSWORD: PASSWORD });
    });

    it("never writes a secret value into any other object", async () => {
        const rec = await recordResources();
        new StatefulEnsemble("zk", withEnv([{ name: "ZK_PASSWORD", value: pulumi.secret(PASSWORD) }], "hybrid"));
        await settle();
        assert.equal(rec.get(SECRET, "zk-env").inputs.metadata.name, "zk-env");
        const elsewhere = rec.resources.filter((r) => !(r.type === SECRET && r.name === "zk-env"));
        assert.ok(elsewhere.some((r) => r.type === STS));
        for (const r of elsewhere) assert.ok(!JSON.stringify(r.inputs).includes(PASSWORD), `${r.type} ${r.name} holds the secret`);
        assert.deepEqual(
            rec.resources.filter((r) => r.type === "kubernetes:core/v1:ConfigMap"),
            [],
        );
    });

    it("stores any Output in the Secret, since whether it is secret is known only once it resolves", async () => {
        const rec = await recordResources();
        new StatefulEnsemble("zk", withEnv([{ name: "ENDPOINT", value: pulumi.output("db.example.com") }]));
        await settle();
        assert.deepEqual(rec.get(SECRET, "zk-env").inputs.stringData.value, { ENDPOINT: "db.example.com" });
        assert.deepEqual(serverEnv(rec.get(STS, "zk").inputs), [
            { name: "ENDPOINT", valueFrom: { secretKeyRef: { name: "zk-env", key: "ENDPOINT" } } },
        ]);
    });

    it("stores a plain string marked secret: true in the Secret, secret like the rest", async () => {
        const rec = await recordResources();
        const zk = new StatefulEnsemble("zk", withEnv([{ name: "ZK_PASSWORD", value: PASSWORD, secret: true }]));
        await settle();
        assert.ok(isSecretEnvelope(rec.get(SECRET, "zk-env").inputs.stringData));
        assert.equal(await pulumi.isSecret(zk.envSecret!.stringData), true);
        assert.ok(!JSON.stringify(rec.get(STS, "zk").inputs).includes(PASSWORD));
    });

    it("renders no Secret in external mode, where no pod reads it", () => {
        const objects = planEnsemble(
            validateEnsemble("zk", withEnv([{ name: "ZK_PASSWORD", value: pulumi.secret(PASSWORD) }], "external")),
        );
        assert.deepEqual(
            objects.map((o) => o.kind).filter((k) => k === "Secret" || k === "StatefulSet"),
            [],
        );
    });
});

describe("the renderer and secrets", () => {
    it("leaves a Secret out of stdout by default, naming it and --show-secrets in one line on stderr", async () => {
        const { out, io } = capture();
        assert.equal(await main(["render", EXAMPLE, "--config", `zkPassword=${PASSWORD}`], io), 0);
        assert.doesNotMatch(out.stdout, /kind: Secret\n/);
        assert.match(out.stdout, /kind: StatefulSet\n/);
        assert.ok(!out.stdout.includes(PASSWORD));
        assert.equal(out.stderr, "note: left out v1 Secret data/zk-env: it holds secret values; --show-secrets prints it with them\n");
    });

    it("prints the values with --show-secrets, in the Secret only", async () => {
        const { out, io } = capture();
        assert.equal(await main(["render", EXAMPLE, "--config", `zkPassword=${PASSWORD}`, "--show-secrets"], io), 0);
        assert.equal(out.stdout.split(PASSWORD).length - 1, 1);
        assert.match(out.stdout, new RegExp(`stringData:\\n {2}ZK_PASSWORD: ${PASSWORD}\\n`));
        assert.equal(out.stderr, "");
    });

    it("writes no file for an object holding a secret with --out, and the secret in no file", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "render-"));
        try {
            const { out, io } = capture();
            assert.equal(await main(["render", EXAMPLE, "--config", `zkPassword=${PASSWORD}`, "--out", dir], io), 0);
            const files = fs.readdirSync(dir);
            assert.ok(!files.some((f) => f.includes("-secret-")), files.join(", "));
            assert.ok(
                files.some((f) => f.includes("-statefulset-zk")),
                files.join(", "),
            );
            for (const f of files) assert.ok(!fs.readFileSync(path.join(dir, f), "utf8").includes(PASSWORD), `${f} holds the secret`);
            assert.match(out.stderr, /^note: left out v1 Secret data\/zk-env: /);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("leaves out any object holding a value Pulumi marks secret, not only Secrets", async () => {
        const { out, io } = capture();
        assert.equal(await main(["render", SECRET_CONFIG_MAP], io), 0);
        assert.equal(out.stdout, "");
        assert.equal(
            out.stderr,
            "note: left out v1 ConfigMap default/settings: it holds secret values; --show-secrets prints it with them\n",
        );
        const shown = capture();
        assert.equal(await main(["render", SECRET_CONFIG_MAP, "--show-secrets"], shown.io), 0);
        assert.match(shown.out.stdout, /data:\n {2}list: a,b\n {2}plain: visible\n {2}token: s3cr3t-token\n/);
    });

    it("prints by default nothing that kubectl apply would store as a placeholder, for every program of the repository", async function () {
        this.timeout(120_000);
        const programs = [ROOT, ...nodeExamples().map((e) => path.join(ROOT, e)), SECRET_CONFIG_MAP, DEFERRED_IMAGE];
        for (const dir of programs) {
            const config = (EXAMPLE_CONFIG[path.relative(ROOT, dir)] ?? []).flatMap((c) => ["--config", c]);
            const { out, io } = capture();
            assert.equal(await main(["render", dir, ...config], io), 0, `${dir}: ${out.stderr}`);
            assert.ok(!out.stdout.includes(REDACTED), `${dir} prints ${REDACTED}`);
        }
    });

    it("prints the stack outputs as JSON with --outputs, secret ones redacted unless --show-secrets", async () => {
        const { out, io } = capture();
        assert.equal(await main(["render", SECRET_CONFIG_MAP, "--outputs"], io), 0);
        assert.deepEqual(JSON.parse(out.stdout), { settingsName: "settings", token: { value: REDACTED, uses: REDACTED } });
        const shown = capture();
        assert.equal(await main(["render", SECRET_CONFIG_MAP, "--outputs", "--show-secrets"], shown.io), 0);
        assert.deepEqual(JSON.parse(shown.out.stdout), { settingsName: "settings", token: { value: "s3cr3t-token", uses: 2 } });
        const root = capture();
        assert.equal(await main(["render", ROOT, "--outputs", "--config", "mode=external"], root.io), 0);
        const outputs = JSON.parse(root.out.stdout);
        assert.deepEqual(Object.keys(outputs).sort(), ["clientEndpoint", "connectionString", "memberHosts", "mode", "zooCfg"]);
        assert.equal(outputs.mode, "external");
        assert.match(outputs.zooCfg, /^server\.1=zk-0\.zk-headless\.default\.svc\.cluster\.local:2888:3888;2181$/m);
    });

    it("renders the example's objects, the Secret included, as the Kubernetes schemas accept them", async () => {
        const result = await renderProgram(EXAMPLE, { config: [`zkPassword=${PASSWORD}`] });
        assert.deepEqual(
            result.resources.map((r) =>
                `${r.object.kind}/${r.object.metadata.name}`.replace(/^(ConfigMap\/zk-config-)[0-9a-f]{10}$/, "$1<hash>"),
            ),
            [
                "NetworkPolicy/zk",
                "ServiceAccount/zk",
                "Secret/zk-env",
                "ConfigMap/zk-config-<hash>",
                "EndpointSlice/zk-ext-ipv4-0",
                "EndpointSlice/zk-headless-ext-ipv4-0",
                "Service/zk",
                "Service/zk-headless",
                "StatefulSet/zk",
                "PodDisruptionBudget/zk",
            ],
        );
        for (const r of result.resources) assertValidObject(r.object);
        const secret = result.resources.find((r) => r.object.kind === "Secret")!;
        assert.deepEqual(secret.object.stringData, { ZK_PASSWORD: PASSWORD });
        assert.deepEqual(secret.redacted.stringData, { ZK_PASSWORD: "<redacted>" });
    });

    it("exits 1 with one line naming the field when an Output resolves to an invalid value", async () => {
        const { out, io } = capture();
        assert.equal(await main(["render", DEFERRED_IMAGE, "--config", "image=zookeeper 3.9.3"], io), 1);
        assert.equal(out.stdout, "");
        assert.equal(
            out.stderr,
            'error: StatefulEnsemble "zk": inCluster.image resolved to "zookeeper 3.9.3", which contains white space\n',
        );
    });

    it("renders the same program when the Output resolves to a valid value", async () => {
        const { out, io } = capture();
        assert.equal(await main(["render", DEFERRED_IMAGE, "--config", "image=registry.example.com/zookeeper:3.9.3"], io), 0);
        assert.match(out.stdout, /image: registry\.example\.com\/zookeeper:3\.9\.3\n/);
    });
});
