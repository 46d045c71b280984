import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { validateEnsemble } from "../../../sdk/validate";
import { envSecrets, envVar, isSecretEnv } from "../../../sdk/plan/secret";
import { EnvVarArgs } from "../../../sdk/api/args";
import { IN_CLUSTER, ensembleArgs } from "../../helpers/fixtures";

const ENV: EnvVarArgs[] = [
    { name: "JVMFLAGS", value: "-Xmx1g" },
    { name: "ZOO_AUTH", value: "digest", secret: true },
    { name: "ZOO_TOKEN", value: Promise.resolve("t0ken") },
];
const spec = (mode: "inCluster" | "external", env: EnvVarArgs[]) =>
    validateEnsemble("zk", ensembleArgs(mode, { inCluster: { ...IN_CLUSTER, env } }));

describe("isSecretEnv", () => {
    const cases: [string, EnvVarArgs, boolean][] = [
        ["a plain string", { name: "A", value: "x" }, false],
        ["a plain string marked secret", { name: "A", value: "x", secret: true }, true],
        ["a plain string marked not secret", { name: "A", value: "x", secret: false }, false],
        ["an Output", { name: "A", value: pulumi.output("x") }, true],
        ["a Promise", { name: "A", value: Promise.resolve("x") }, true],
    ];
    for (const [what, env, secret] of cases) {
        it(`${secret ? "keeps" : "does not keep"} ${what} in the Secret`, () => {
            assert.equal(isSecretEnv(env), secret);
        });
    }
});

describe("envVar", () => {
    it("puts a plain value inline and refers to the Secret's key for the others", () => {
        const s = spec("inCluster", ENV);
        assert.deepEqual(envVar(s, ENV[0]), { name: "JVMFLAGS", value: "-Xmx1g" });
        assert.deepEqual(envVar(s, ENV[1]), { name: "ZOO_AUTH", valueFrom: { secretKeyRef: { name: "zk-env", key: "ZOO_AUTH" } } });
    });
});

describe("envSecrets", () => {
    it("plans one Opaque Secret <name>-env holding only the values kept out of the pod spec", () => {
        const [secret, ...rest] = envSecrets(spec("inCluster", ENV));
        assert.equal(rest.length, 0);
        assert.equal(secret.kind, "Secret");
        assert.equal(secret.apiVersion, "v1");
        assert.equal(secret.resourceName, "zk-env");
        assert.equal(secret.body.metadata.name, "zk-env");
        assert.equal(secret.body.type, "Opaque");
        const data = secret.body.stringData as Record<string, unknown>;
        assert.deepEqual(Object.keys(data), ["ZOO_AUTH", "ZOO_TOKEN"]);
        assert.equal(data.ZOO_AUTH, "digest");
    });

    it("plans no Secret when every value is inline, and none in external mode", () => {
        assert.deepEqual(envSecrets(spec("inCluster", [ENV[0]])), []);
        assert.deepEqual(envSecrets(spec("external", ENV)), []);
    });
});
