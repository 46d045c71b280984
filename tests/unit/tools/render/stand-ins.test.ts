import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
    LOAD_ALL_ENV,
    STAND_INS,
    StandInUsedError,
    installStandIns,
    standInExports,
    standInsUsed,
} from "../../../../sdk/tools/render/stand-ins";

const STAND_INS_MODULE = path.resolve(__dirname, "..", "..", "..", "..", "sdk", "tools", "render", "stand-ins.ts");

describe("standInExports", () => {
    const closure = standInExports({ module: "closure", functions: ["serialize"], why: "test" }) as Record<string, unknown>;

    it("has the functions the SDK copies while it loads, which throw a StandInUsedError naming the module when called", () => {
        const before = standInsUsed().length;
        assert.equal(typeof closure.serialize, "function");
        assert.throws(
            () => (closure.serialize as () => unknown)(),
            (err: unknown) =>
                err instanceof StandInUsedError &&
                err.message ===
                    `the renderer did not load closure (the program used its serialize()); render with ${LOAD_ALL_ENV}=1 to load every module`,
        );
        assert.equal(standInsUsed().length, before + 1);
    });

    it("throws when any other member is read, and records the use", () => {
        const before = standInsUsed().length;
        assert.throws(() => closure.LocalWorkspace, /did not load closure \(the program used its LocalWorkspace\)/);
        assert.equal(standInsUsed().length, before + 1);
        assert.equal(standInsUsed()[before].member, "LocalWorkspace");
    });

    it("answers what the module is (__esModule, then, symbols) without counting a use", () => {
        const before = standInsUsed().length;
        assert.equal(closure.__esModule, true);
        assert.equal(closure.then, undefined);
        assert.equal((closure as Record<symbol, unknown>)[Symbol.toPrimitive], undefined);
        assert.deepEqual(Object.keys(closure), []);
        assert.equal("serialize" in closure, true);
        assert.equal(standInsUsed().length, before);
    });

    it("serves gRPC's status codes, which the SDK's error paths compare, from gRPC itself", () => {
        const grpc = STAND_INS.find((s) => s.module === "@grpc/grpc-js")!;
        const status = (standInExports(grpc) as { status: Record<string, number> }).status;
        assert.deepEqual(status, (require("@grpc/grpc-js") as { status: unknown }).status);
    });
});

describe("the semver stand-in", () => {
    it("serves the SemVer class, eq and gt that the SDK's rpc module uses, as semver itself exports them", () => {
        const real = require("semver") as Record<string, unknown>;
        const standIn = standInExports(STAND_INS.find((s) => s.module === "semver")!) as Record<string, unknown>;
        for (const name of ["SemVer", "eq", "gt"]) assert.equal(standIn[name], real[name], name);
        assert.throws(() => standIn.satisfies, /did not load semver \(the program used its satisfies\)/);
    });
});

describe("installStandIns", () => {
    it("does nothing when STATEFUL_ENSEMBLE_LOAD_ALL=1, or once the Pulumi SDK is loaded", function () {
        this.timeout(30_000);
        require("@pulumi/pulumi");
        assert.equal(installStandIns({ [LOAD_ALL_ENV]: "1" }), false);
        assert.equal(installStandIns({}), false);
    });

    it("keeps a fresh process that loads @pulumi/pulumi from loading the closure serializer, gRPC and OpenTelemetry", function () {
        this.timeout(30_000);
        const script = `
            require(${JSON.stringify(STAND_INS_MODULE)}).installStandIns();
            require("@pulumi/pulumi");
            const loaded = Object.keys(require.cache);
            const has = (p) => loaded.some((f) => f.includes(p));
            process.stdout.write(JSON.stringify([has("/typescript/lib/"), has("/@npmcli/arborist/lib/"), has("/@opentelemetry/api/build/src/api/"), has("/@grpc/grpc-js/build/src/server.js"), has("/@pulumi/pulumi/runtime/mocks.js")]));`;
        const child = spawnSync(process.execPath, ["-r", "sucrase/register/ts", "-e", script], { encoding: "utf8" });
        assert.equal(child.status, 0, child.stderr);
        assert.deepEqual(JSON.parse(child.stdout), [false, false, false, false, true]);
    });
});

describe("installYamlBundle", () => {
    /** In a fresh process: installs a bundle of `version` from a temporary folder, then loads `yaml`. */
    function withBundle(version: string | undefined): { installed: boolean; stringify: string } {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "yaml-bundle-"));
        try {
            const bundle = path.join(dir, "yaml.js");
            fs.writeFileSync(bundle, 'exports.stringify = () => "from the bundle";\n');
            if (version !== undefined) fs.writeFileSync(path.join(dir, "yaml.json"), JSON.stringify({ version }));
            const script = `
                const installed = require(${JSON.stringify(STAND_INS_MODULE)}).installYamlBundle(${JSON.stringify(bundle)});
                process.stdout.write(JSON.stringify({ installed, stringify: require("yaml").stringify(1) }));`;
            const child = spawnSync(process.execPath, ["-r", "sucrase/register/ts", "-e", script], { encoding: "utf8" });
            assert.equal(child.status, 0, child.stderr);
            return JSON.parse(child.stdout) as { installed: boolean; stringify: string };
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    }
    const installed = (require("yaml/package.json") as { version: string }).version;

    it("serves require('yaml') from the bundle when it was bundled from the version installed", function () {
        this.timeout(30_000);
        assert.deepEqual(withBundle(installed), { installed: true, stringify: "from the bundle" });
    });

    it("leaves yaml to load as usual when the bundle is of another version, or has no version beside it", function () {
        this.timeout(30_000);
        assert.deepEqual(withBundle("0.0.1"), { installed: false, stringify: "1\n" });
        assert.deepEqual(withBundle(undefined), { installed: false, stringify: "1\n" });
    });
});
