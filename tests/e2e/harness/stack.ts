/**
 * A Pulumi project staged the way a user's project sits after installing the package, and one
 * stack of it driven through the real CLI.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { ChildProcess } from "node:child_process";
import { CliResult, PulumiEnvironment } from "./pulumi";

const REPO = path.resolve(__dirname, "..", "..", "..");

/**
 * Copies a project's files (not its node_modules) into a new folder whose node_modules holds
 * `stateful-ensemble` as an installed package would (a link to this checkout, built into dist/,
 * as `npm install <path>` makes it) and the repository's @pulumi packages, so the program, the
 * package and the SDK share one @pulumi/pulumi. No registry is asked.
 */
export function stageProject(source: string, files?: readonly string[]): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `se-${path.basename(source)}-`));
    for (const name of files ?? fs.readdirSync(source)) {
        const from = path.join(source, name);
        if (name === "node_modules" || !fs.statSync(from).isFile()) continue;
        fs.copyFileSync(from, path.join(dir, name));
    }
    installLinked(dir, path.basename(source));
    return dir;
}

/**
 * Gives `dir` the node_modules of an installed package (`stateful-ensemble` linked to this
 * checkout, the repository's @pulumi packages) and, if it has none, a package.json naming them.
 */
export function installLinked(dir: string, name: string): void {
    fs.mkdirSync(path.join(dir, "node_modules"));
    fs.symlinkSync(REPO, path.join(dir, "node_modules", "stateful-ensemble"));
    fs.symlinkSync(path.join(REPO, "node_modules", "@pulumi"), path.join(dir, "node_modules", "@pulumi"));
    if (!fs.existsSync(path.join(dir, "package.json"))) {
        const dependencies = {
            "@pulumi/kubernetes": "*",
            "@pulumi/pulumi": "*",
            "stateful-ensemble": "*",
        };
        fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, private: true, dependencies }, null, 4));
    }
}

/** One step of `pulumi preview --json`. */
export interface PreviewStep {
    readonly op: string;
    readonly urn: string;
    readonly diffReasons?: string[];
    readonly replaceReasons?: string[];
}

/** What `pulumi preview --json` said. */
export interface Preview {
    readonly steps: PreviewStep[];
    /** The messages of its error diagnostics. */
    readonly errors: string[];
    readonly code: number | null;
}

/** A resource of `pulumi stack export`. */
export interface StateResource {
    readonly urn: string;
    readonly type: string;
    readonly inputs?: Record<string, unknown>;
    readonly outputs?: Record<string, unknown>;
}

/** The type and name of a resource, from its URN `urn:pulumi:stack::project::parent$type::name`. */
export function urnParts(urn: string): { type: string; name: string } {
    const parts = urn.split("::");
    const types = parts[2].split("$");
    return { type: types[types.length - 1], name: parts.slice(3).join("::") };
}

export class Stack {
    private constructor(
        readonly pulumi: PulumiEnvironment,
        readonly dir: string,
        readonly name: string,
    ) {}

    /** Stages `source` (or only `files` of it) and creates a stack of it. */
    static create(pulumi: PulumiEnvironment, source: string, name: string, files?: readonly string[]): Promise<Stack> {
        return Stack.init(pulumi, stageProject(source, files), name);
    }

    /** Creates a stack of the project already staged in `dir`. */
    static async init(pulumi: PulumiEnvironment, dir: string, name: string): Promise<Stack> {
        const stack = new Stack(pulumi, dir, name);
        await stack.cli(["stack", "init", name], { check: true });
        return stack;
    }

    cli(args: readonly string[], options: { check?: boolean; timeoutMs?: number } = {}): Promise<CliResult> {
        return this.pulumi.cli(args, { cwd: this.dir, ...options });
    }

    /** `args` for this stack: `--stack <name>` appended. */
    withStack(args: readonly string[]): string[] {
        return [...args, "--stack", this.name];
    }

    /**
     * Makes the stack's configuration exactly `values` (project keys): keys set before and not
     * named now are removed, so each step starts from the project's defaults as its file does.
     */
    async configure(values: Readonly<Record<string, string>>): Promise<void> {
        const current = JSON.parse((await this.cli(this.withStack(["config", "--json"]), { check: true })).stdout) as Record<
            string,
            unknown
        >;
        const project = this.projectName();
        for (const key of Object.keys(current)) {
            const bare = key.startsWith(`${project}:`) ? key.slice(project.length + 1) : key;
            if (!(bare in values)) await this.cli(this.withStack(["config", "rm", key]), { check: true });
        }
        const pairs = Object.entries(values).flatMap(([k, v]) => ["--plaintext", `${k}=${v}`]);
        if (pairs.length > 0) await this.cli(this.withStack(["config", "set-all", ...pairs]), { check: true });
    }

    /** The configuration of another stack file of the project (`Pulumi.<stack>.yaml`), as plain values. */
    stackFileConfig(stack: string): Record<string, string> {
        const file = parse(fs.readFileSync(path.join(this.dir, `Pulumi.${stack}.yaml`), "utf8")) as {
            config?: Record<string, unknown>;
        };
        const project = this.projectName();
        return Object.fromEntries(
            Object.entries(file.config ?? {}).map(([k, v]) => [k.startsWith(`${project}:`) ? k.slice(project.length + 1) : k, String(v)]),
        );
    }

    projectName(): string {
        return (parse(fs.readFileSync(path.join(this.dir, "Pulumi.yaml"), "utf8")) as { name: string }).name;
    }

    /** `pulumi up` without a preview; `refresh` reads every object back first (`--refresh`). */
    up(timeoutMs = 300_000, options: { refresh?: boolean } = {}): Promise<CliResult> {
        return this.cli(this.upArgs(options.refresh), { check: true, timeoutMs });
    }

    private upArgs(refresh = false): string[] {
        return this.withStack(["up", "--yes", "--skip-preview", ...(refresh ? ["--refresh"] : [])]);
    }

    /**
     * `pulumi up` that calls `interrupt` with the CLI's process as soon as the CLI reports its
     * first resource operation under way; resolves when the CLI has exited, however it ended.
     */
    upInterrupted(interrupt: (cli: ChildProcess) => void): Promise<CliResult> {
        let fired = false;
        return this.pulumi.cli(this.upArgs(), {
            cwd: this.dir,
            timeoutMs: 300_000,
            onSpawn: (child) => {
                let seen = "";
                child.stdout!.on("data", (d: Buffer) => {
                    seen += d.toString();
                    if (!fired && /kubernetes:\S+ \S+ (creating|updating|deleting) \(/.test(seen)) {
                        fired = true;
                        interrupt(child);
                    }
                });
            },
        });
    }

    /**
     * The recovery docs/operations.md gives after an interrupted `pulumi up`: release the lock the
     * dead CLI left (`pulumi cancel`), read every object back and drop operations that never
     * finished (`pulumi refresh --clear-pending-creates`), then `pulumi up` again.
     */
    async recover(): Promise<void> {
        const cancel = this.withStack(["cancel", "--yes"]);
        const cancelled = await this.cli(cancel);
        if (cancelled.code !== 0) {
            // The docs' first step when the CLI died while saving the state: the local file backend
            // writes the state's attributes beside it (`<stack>.json.attrs`) by truncating and then
            // writing that file, so a kill in between leaves it empty, and every command then fails
            // with "failed to load checkpoint: EOF". The state itself is renamed into place whole.
            if (!/failed to load checkpoint: EOF/.test(cancelled.stderr)) {
                throw new Error(`pulumi ${cancel.join(" ")} exited with ${cancelled.code}:\n${cancelled.stderr}`);
            }
            const attributes = path.join(this.pulumi.backend, ".pulumi", "stacks", this.projectName(), `${this.name}.json.attrs`);
            if (!fs.existsSync(attributes) || fs.statSync(attributes).size !== 0) {
                throw new Error(`the state cannot be loaded, and ${attributes} is not the empty file docs/operations.md names`);
            }
            fs.rmSync(attributes);
            console.log(`      the killed CLI left ${path.basename(attributes)} empty; deleted it, as docs/operations.md says`);
            await this.cli(cancel, { check: true });
        }
        await this.cli(this.withStack(["refresh", "--yes", "--skip-preview", "--clear-pending-creates"]), {
            check: true,
        });
        await this.up();
    }

    /**
     * `pulumi preview --diff --json --show-sames`: the step the engine would take for every
     * resource, and the errors it reported. A preview that fails still lists the steps it
     * decided on before failing; `check` rejects any failure.
     */
    async preview(options: { check?: boolean } = {}): Promise<Preview> {
        const args = this.withStack(["preview", "--diff", "--json", "--show-sames"]);
        const result = await this.cli(args, { timeoutMs: 300_000 });
        let parsed: { steps?: PreviewStep[]; diagnostics?: { message: string; severity: string }[] };
        try {
            parsed = JSON.parse(result.stdout) as typeof parsed;
        } catch {
            throw new Error(`pulumi ${args.join(" ")} printed no JSON (exit ${result.code}):\n${result.stderr}`);
        }
        const errors = (parsed.diagnostics ?? []).filter((d) => d.severity === "error").map((d) => d.message);
        if ((options.check ?? true) && (result.code !== 0 || errors.length > 0)) {
            throw new Error(`pulumi ${args.join(" ")} failed (exit ${result.code}):\n${errors.join("\n")}`);
        }
        return { steps: parsed.steps ?? [], errors, code: result.code };
    }

    /** `pulumi preview --expect-no-changes`: fails if the program and the state disagree. */
    expectNoChanges(): Promise<CliResult> {
        return this.cli(this.withStack(["preview", "--expect-no-changes", "--diff"]), { check: true });
    }

    refresh(): Promise<CliResult> {
        return this.cli(this.withStack(["refresh", "--yes", "--skip-preview"]), { check: true });
    }

    async outputs(): Promise<Record<string, unknown>> {
        const result = await this.cli(this.withStack(["stack", "output", "--json", "--show-secrets"]), {
            check: true,
        });
        return JSON.parse(result.stdout) as Record<string, unknown>;
    }

    /** Every resource of the stack's state, with its inputs and outputs. */
    async state(): Promise<StateResource[]> {
        const result = await this.cli(this.withStack(["stack", "export", "--show-secrets"]), { check: true });
        return (JSON.parse(result.stdout) as { deployment: { resources?: StateResource[] } }).deployment.resources ?? [];
    }

    destroy(): Promise<CliResult> {
        return this.cli(this.withStack(["destroy", "--yes", "--skip-preview"]), { check: true });
    }

    async remove(): Promise<void> {
        await this.cli(["stack", "rm", this.name, "--yes", "--force"], { check: true });
        fs.rmSync(this.dir, { recursive: true, force: true });
    }
}
