/**
 * The real Pulumi CLI, as a user runs it: a project folder, a stack on a local file backend with
 * a passphrase, `pulumi up`/`preview`/`refresh`/`destroy` as child processes with a bounded time.
 */
import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { toolsBin } from "./cluster";

const REPO = path.resolve(__dirname, "..", "..", "..");

/** What one CLI run printed and how it ended. */
export interface CliResult {
    readonly code: number | null;
    readonly stdout: string;
    readonly stderr: string;
    readonly seconds: number;
}

/** The CLI's home, backend and environment, shared by every project of the run. */
export class PulumiEnvironment {
    readonly home: string;
    readonly backend: string;
    readonly env: NodeJS.ProcessEnv;

    constructor(kubeconfig: string) {
        const root = fs.mkdtempSync(path.join(os.tmpdir(), "stateful-ensemble-pulumi-"));
        this.home = path.join(root, "home");
        this.backend = path.join(root, "state");
        fs.mkdirSync(this.backend, { recursive: true });
        const bin = toolsBin();
        const constraints = path.join(root, "pip-constraints.txt");
        fs.writeFileSync(
            constraints,
            `pulumi==${packageVersion("@pulumi/pulumi")}\npulumi-kubernetes==${packageVersion("@pulumi/kubernetes")}\n`,
        );
        this.env = {
            ...process.env,
            PATH: `${bin}${path.delimiter}${process.env.PATH}`,
            PULUMI_HOME: this.home,
            PULUMI_BACKEND_URL: `file://${this.backend}`,
            PULUMI_CONFIG_PASSPHRASE: "stateful-ensemble-e2e",
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            // Plugins come from PULUMI_HOME (installed below), never from PATH by accident.
            PULUMI_IGNORE_AMBIENT_PLUGINS: "true",
            PULUMI_TELEMETRY: "false",
            // A Python program gets the `pulumi` package of the CLI's version and the
            // `pulumi-kubernetes` of the provider's, from PyPI, whatever its requirements allow.
            PIP_CONSTRAINT: constraints,
            KUBECONFIG: kubeconfig,
            NO_COLOR: "1",
        };
    }

    /** Installs the provider plugin built by tools/build.sh under the version @pulumi/kubernetes asks for. */
    async installProvider(): Promise<void> {
        const version = packageVersion("@pulumi/kubernetes");
        const binary = path.join(toolsBin(), "pulumi-resource-kubernetes");
        await this.cli(["plugin", "install", "resource", "kubernetes", version, "--file", binary], {
            cwd: REPO,
            check: true,
        });
    }

    /** Runs `pulumi ARGS` in `cwd`; `check` rejects on a non-zero exit with the CLI's output. */
    cli(
        args: readonly string[],
        options: { cwd: string; timeoutMs?: number; check?: boolean; onSpawn?: (child: ChildProcess) => void },
    ): Promise<CliResult> {
        return run("pulumi", [...args, "--non-interactive"], {
            cwd: options.cwd,
            env: this.env,
            timeoutMs: options.timeoutMs ?? 300_000,
            check: options.check ?? false,
            onSpawn: options.onSpawn,
        });
    }
}

/** The version of an installed npm package of the repository. */
export function packageVersion(name: string): string {
    return (
        JSON.parse(fs.readFileSync(path.join(REPO, "node_modules", name, "package.json"), "utf8")) as {
            version: string;
        }
    ).version;
}

/**
 * Runs a command in a process group of its own and collects its output. A run past its time is
 * killed with its whole group (the CLI's language host, the program, the provider) and rejected:
 * a hang is a failure, never a wait.
 */
export function run(
    command: string,
    args: readonly string[],
    options: {
        cwd: string;
        env?: NodeJS.ProcessEnv;
        timeoutMs: number;
        check: boolean;
        input?: string;
        onSpawn?: (child: ChildProcess) => void;
    },
): Promise<CliResult> {
    const started = Date.now();
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, {
            cwd: options.cwd,
            env: options.env ?? process.env,
            detached: true,
            stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
        });
        options.onSpawn?.(child);
        let stdout = "";
        let stderr = "";
        child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
        child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
        if (options.input !== undefined) child.stdin!.end(options.input);
        let timedOut = false;
        const timer = setTimeout(() => {
            timedOut = true;
            const below = child.pid === undefined ? [] : descendants(child.pid);
            killGroup(child, "SIGKILL");
            killPids(below, "SIGKILL");
        }, options.timeoutMs);
        child.on("error", (err) => {
            clearTimeout(timer);
            reject(err);
        });
        child.on("close", (code) => {
            clearTimeout(timer);
            const result = { code, stdout, stderr, seconds: (Date.now() - started) / 1000 };
            const shown = `${command} ${args.join(" ")} (in ${options.cwd})`;
            if (timedOut) {
                reject(new Error(`${shown} did not finish within ${options.timeoutMs / 1000} s:\n${tail(result)}`));
            } else if (options.check && code !== 0) {
                reject(new Error(`${shown} exited with ${code}:\n${tail(result)}`));
            } else {
                resolve(result);
            }
        });
    });
}

/** Sends a signal to a child's whole process group. */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
    if (child.pid === undefined) return;
    try {
        process.kill(-child.pid, signal);
    } catch {
        // The group has already gone.
    }
}

/**
 * The processes below `pid`, from /proc. The CLI starts its language host and its provider
 * plugins in process groups of their own, so a signal to the CLI's group does not reach them:
 * whoever kills the CLI notes these first and stops them by PID.
 */
export function descendants(pid: number): number[] {
    const children = new Map<number, number[]>();
    for (const entry of fs.readdirSync("/proc")) {
        if (!/^\d+$/.test(entry)) continue;
        let stat: string;
        try {
            stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
        } catch {
            continue; // gone meanwhile
        }
        // "pid (comm) state ppid …", and comm may hold spaces and parentheses.
        const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    }
    const found: number[] = [];
    const walk = (p: number): void => {
        for (const c of children.get(p) ?? []) {
            found.push(c);
            walk(c);
        }
    };
    walk(pid);
    return found;
}

/** Sends a signal to each process of `pids` that is still there. */
export function killPids(pids: readonly number[], signal: NodeJS.Signals): void {
    for (const pid of pids) {
        try {
            process.kill(pid, signal);
        } catch {
            // Already gone.
        }
    }
}

/** Whether a process of that PID is running: it exists and has not exited (a zombie has). */
export function alive(pid: number): boolean {
    try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
    } catch {
        return false;
    }
}

function tail(result: CliResult, lines = 60): string {
    const both = `${result.stdout}\n${result.stderr}`.trimEnd().split("\n");
    return both.slice(-lines).join("\n");
}
