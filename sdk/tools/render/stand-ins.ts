/**
 * The renderer's fast start: stand-ins in `require.cache` for the parts of the Pulumi SDK that a
 * render under the mock engine never calls, so loading `@pulumi/pulumi` does not load them.
 *
 * `@pulumi/pulumi` loads, whatever the program does, the closure serializer (which parses
 * functions with the TypeScript compiler and walks `node_modules` with `@npmcli/arborist`), the
 * Automation API, the provider server, the gRPC clients of the engine and OpenTelemetry's
 * tracing of those clients. Under `pulumi.runtime.setMocks` every resource goes to the mock
 * monitor in this process: none of them runs. A stand-in takes the module's place: its
 * properties that the SDK copies at load time are functions that throw when called, any other
 * property throws when read, and every use is recorded, so the command line can render again
 * with every module loaded (see `bin/stateful-ensemble.js`) and the tests can fail on any use.
 *
 * The `yaml` package, which a render does use, is loaded from one file where the build bundled it
 * (`dist/vendor/yaml.js`, by scripts/bundle-yaml.js): the same code at the same version, read and
 * wrapped as one module instead of 72.
 *
 * `STATEFUL_ENSEMBLE_LOAD_ALL=1` turns both off: the plain path, every module loaded as Node would.
 */
import * as fs from "fs";
import Module from "module";
import * as path from "path";

/** Set to `1` to load every module as Node would; the renderer's output is the same. */
export const LOAD_ALL_ENV = "STATEFUL_ENSEMBLE_LOAD_ALL";

/** One module a render does not load. */
export interface StandIn {
    /** The request, as `require` takes it. */
    readonly module: string;
    /** Exports the SDK reads while it loads: functions that throw when called. */
    readonly functions?: readonly string[];
    /** Exports a render does read, from a small module of the same package instead of the whole. */
    readonly values?: Readonly<Record<string, () => unknown>>;
    /** Why a render never calls it. */
    readonly why: string;
}

const SDK = "@pulumi/pulumi";

/** The modules replaced by stand-ins, each with the reason a render never calls it. */
export const STAND_INS: readonly StandIn[] = [
    {
        module: `${SDK}/runtime/closure/serializeClosure`,
        functions: ["serializeFunction", "serializeFunctionAsync"],
        why: "serializes functions for Lambda-style resources and dynamic providers; loads the TypeScript compiler",
    },
    {
        module: `${SDK}/runtime/closure/codePaths`,
        functions: ["computeCodePaths"],
        why: "lists the files a serialized function needs; loads @npmcli/arborist",
    },
    { module: `${SDK}/automation`, why: "the Automation API drives the Pulumi CLI; a render runs no CLI" },
    { module: `${SDK}/provider`, why: "serves a provider over gRPC; a render is a program, not a provider" },
    { module: `${SDK}/proto/engine_grpc_pb`, why: "the engine's gRPC client; the mock engine is in this process" },
    { module: `${SDK}/proto/resource_grpc_pb`, why: "the resource monitor's gRPC client; the mock monitor is in this process" },
    { module: `${SDK}/proto/callback_grpc_pb`, why: "the gRPC client of the callback server, which only the real engine calls" },
    { module: "@opentelemetry/api", why: "traces the gRPC calls to the engine; a render makes none" },
    {
        module: "@grpc/grpc-js",
        // The SDK compares errors' codes with grpc.status on its error paths, so those stay real.
        values: { status: () => (require(resolveFrom(SDK, "@grpc/grpc-js/build/src/constants")) as { Status: unknown }).Status },
        why: "gRPC transport; a render's only gRPC use is the status codes its error paths compare",
    },
    {
        module: "semver",
        // semver's index loads all of its 40-odd modules; the SDK's rpc module uses three.
        values: {
            SemVer: () => require(resolveFrom(SDK, "semver/classes/semver")),
            eq: () => require(resolveFrom(SDK, "semver/functions/eq")),
            gt: () => require(resolveFrom(SDK, "semver/functions/gt")),
        },
        why: "version ranges and the like; the SDK compares provider versions with SemVer, eq and gt alone",
    },
];

/** Raised by a stand-in that a program used. */
export class StandInUsedError extends Error {
    constructor(
        readonly module: string,
        readonly member: string,
    ) {
        super(`the renderer did not load ${module} (the program used its ${member}); render with ${LOAD_ALL_ENV}=1 to load every module`);
    }
}

const used: StandInUsedError[] = [];

/** Every use of a stand-in in this process so far, first first. */
export function standInsUsed(): readonly StandInUsedError[] {
    return used;
}

function refuse(module: string, member: string): never {
    const err = new StandInUsedError(module, member);
    used.push(err);
    throw err;
}

/**
 * The exports of a stand-in: `__esModule`, so TypeScript's `__importStar` takes them as they are.
 * @internal
 */
export function standInExports(standIn: StandIn): object {
    const functions = new Map(
        (standIn.functions ?? []).map((name) => [name, (..._args: unknown[]) => refuse(standIn.module, `${name}()`)] as const),
    );
    const values = new Map<string, unknown>();
    return new Proxy(Object.create(null) as object, {
        get(_target, key) {
            // Symbols (util.inspect, Symbol.toPrimitive) and `then` (a promise resolving to the
            // module) only ask what the object is; they are not uses.
            if (typeof key === "symbol" || key === "then") return undefined;
            if (key === "__esModule") return true;
            if (functions.has(key)) return functions.get(key);
            const value = standIn.values?.[key];
            if (value) {
                if (!values.has(key)) values.set(key, value());
                return values.get(key);
            }
            return refuse(standIn.module, key);
        },
        ownKeys: () => [],
        has: (_target, key) => key === "__esModule" || functions.has(key as string) || !!standIn.values?.[key as string],
    });
}

/** Resolves `request` as it resolves from inside the package `base`, where the SDK's own requires start. */
function resolveFrom(base: string, request: string): string {
    return require.resolve(request, { paths: [path.dirname(require.resolve(`${base}/package.json`))] });
}

/** {@link resolveFrom} the SDK, or undefined when `request` is not installed there. */
function tryResolve(request: string): string | undefined {
    try {
        return resolveFrom(SDK, request);
    } catch {
        return undefined;
    }
}

/** Where the build puts the bundled `yaml` and the version it was bundled from. */
const YAML_BUNDLE = path.join(__dirname, "..", "..", "vendor", "yaml.js");

/**
 * Puts the bundled `yaml` into `require.cache` under the file name `require("yaml")` resolves to
 * from here, when the bundle exists and is of the version installed; otherwise `yaml` loads as
 * usual. Returns whether the bundle is in place.
 * @internal
 */
export function installYamlBundle(bundle = YAML_BUNDLE): boolean {
    let entry: string;
    let installedVersion: string;
    let bundledVersion: string;
    try {
        entry = require.resolve("yaml");
        installedVersion = (require(require.resolve("yaml/package.json")) as { version: string }).version;
        bundledVersion = (JSON.parse(fs.readFileSync(bundle.replace(/\.js$/, ".json"), "utf8")) as { version: string }).version;
    } catch {
        return false;
    }
    if (bundledVersion !== installedVersion) return false;
    if (require.cache[entry]) return require.cache[entry]?.exports === require.cache[bundle]?.exports;
    const module = new Module(entry);
    module.filename = entry;
    module.loaded = true;
    module.exports = require(bundle) as unknown;
    require.cache[entry] = module;
    return true;
}

let installed = false;

/**
 * Puts the stand-ins into `require.cache`, unless `STATEFUL_ENSEMBLE_LOAD_ALL=1` or the Pulumi
 * SDK is loaded already (its modules hold the real ones). Returns whether they are in place.
 */
export function installStandIns(env: NodeJS.ProcessEnv = process.env): boolean {
    if (installed) return true;
    if (env[LOAD_ALL_ENV] === "1") return false;
    installYamlBundle();
    const sdkIndex = tryResolve(SDK);
    if (!sdkIndex || require.cache[sdkIndex]) return false;
    for (const standIn of STAND_INS) {
        const file = tryResolve(standIn.module);
        if (!file || require.cache[file]) continue;
        const module = new Module(file);
        module.filename = file;
        module.loaded = true;
        module.exports = standInExports(standIn);
        require.cache[file] = module;
    }
    installed = true;
    return true;
}
