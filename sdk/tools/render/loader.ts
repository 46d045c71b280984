/**
 * Loads a Pulumi program in this process: TypeScript is transpiled without type-checking (the
 * test suite type-checks; a render must start fast), `stateful-ensemble` resolves to this very
 * package, so a program renders against the version of the component that renders it, and
 * `@pulumi/*` packages the program has not installed resolve to the renderer's own.
 */
import * as fs from "fs";
import Module from "module";
import * as path from "path";
import { transpile } from "./transpile";

const PACKAGE_NAME = "stateful-ensemble";
/** `dist/index.js` when running compiled, `sdk/index.ts` when running from source. */
const OWN_ENTRY = path.resolve(__dirname, "..", "..", "index");

interface ModuleInternals {
    _resolveFilename(request: string, parent: unknown, ...rest: unknown[]): string;
}

let installed = false;

/** Installs the TypeScript hook (unless one is present, e.g. ts-node's) and the package alias. Idempotent. */
export function installLoader(): void {
    if (installed) return;
    installed = true;
    const internals = Module as unknown as ModuleInternals;
    const resolve = internals._resolveFilename;
    internals._resolveFilename = function (request: string, parent: unknown, ...rest: unknown[]) {
        if (request === PACKAGE_NAME) return resolve.call(this, OWN_ENTRY, parent, ...rest);
        try {
            return resolve.call(this, request, parent, ...rest);
        } catch (err) {
            // A program whose dependencies are not installed (a checked-out example, a scratch
            // directory) uses the renderer's own Pulumi SDKs; Pulumi's runtime state is global,
            // so the mocks apply to whichever copy the program loads.
            if (!request.startsWith("@pulumi/")) throw err;
            return require.resolve(request);
        }
    };
    const extensions = (Module as unknown as { _extensions: Record<string, unknown> })._extensions;
    if (!extensions[".ts"]) {
        extensions[".ts"] = (module: Module & { _compile(code: string, file: string): void }, file: string) => {
            module._compile(transpile(fs.readFileSync(file, "utf8"), file), file);
        };
    }
}

/**
 * Forgets every module loaded from the program's directory (not its node_modules), so the same
 * process can render the program again under other configuration.
 */
export function forgetProgram(dir: string): void {
    const prefix = path.resolve(dir) + path.sep;
    // The package's own modules stay: they hold no per-program state.
    const own = path.dirname(OWN_ENTRY) + path.sep;
    for (const key of Object.keys(require.cache)) {
        if (key.startsWith(prefix) && !key.startsWith(own) && !key.includes(`${path.sep}node_modules${path.sep}`)) {
            delete require.cache[key];
        }
    }
}
