/**
 * Real ZooKeeper servers for the tests, from Debian's `zookeeper` package: installed with apt-get
 * when missing, started as processes (one per network namespace), spoken to with four-letter
 * words and Debian's zkCli.sh, and stopped by PID.
 */
import { ChildProcess, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

/** Where Debian's package puts ZooKeeper's scripts. */
export const ZK_BIN = "/usr/share/zookeeper/bin";
const ZK_JAR = "/usr/share/java/zookeeper.jar";
/** Bound on each apt-get run. */
const APT_TIMEOUT_MS = 5 * 60_000;

function which(command: string): boolean {
    return (process.env.PATH ?? "")
        .split(":")
        .concat(["/usr/sbin", "/sbin"])
        .some((dir) => {
            try {
                fs.accessSync(path.join(dir, command), fs.constants.X_OK);
                return true;
            } catch {
                return false;
            }
        });
}

function apt(args: string[]) {
    return spawnSync("apt-get", ["-o", "DPkg::Lock::Timeout=120", ...args], {
        encoding: "utf8",
        timeout: APT_TIMEOUT_MS,
        env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
}

/**
 * Makes sure ZooKeeper, Java and `ip` are installed, installing Debian's packages if not.
 * Returns the reason to skip where apt-get cannot be used; throws if an installation fails.
 */
export function ensureZooKeeper(log: (line: string) => void): { skip?: string } {
    const missing: string[] = [];
    if (!fs.existsSync(path.join(ZK_BIN, "zkServer.sh")) || !fs.existsSync(ZK_JAR)) missing.push("zookeeper");
    else if (!which("java")) missing.push("default-jre-headless");
    if (!which("ip")) missing.push("iproute2");
    if (missing.length === 0) return {};
    if (!which("apt-get")) {
        return { skip: `apt-get is not available on this machine, so ${missing.join(" and ")} cannot be installed from Debian's packages` };
    }
    if (process.getuid?.() !== 0) return { skip: `installing ${missing.join(" and ")} with apt-get needs root` };
    log(`installing ${missing.join(", ")} from Debian's packages (each apt-get run at most ${APT_TIMEOUT_MS / 60_000} minutes)`);
    let result = apt(["install", "-y", "--no-install-recommends", ...missing]);
    if (result.status !== 0) {
        // A fresh machine may not have package lists yet.
        apt(["update"]);
        result = apt(["install", "-y", "--no-install-recommends", ...missing]);
    }
    if (result.status !== 0) {
        const why = result.error?.message ?? result.stderr.trim().split("\n").slice(-3).join(" / ");
        throw new Error(`apt-get install ${missing.join(" ")} failed: ${why}`);
    }
    if (!fs.existsSync(path.join(ZK_BIN, "zkServer.sh")) || !which("java") || !which("ip")) {
        throw new Error(`apt-get installed ${missing.join(" ")}, but zkServer.sh, java or ip is still missing`);
    }
    return {};
}

/** A server process, known by its PID. */
export interface ServerProcess {
    readonly name: string;
    readonly pid: number;
    readonly logFile: string;
    readonly child: ChildProcess;
    exitCode(): number | null;
}

/** Starts `command` with `env`, output to `logFile`. */
export function startProcess(name: string, command: readonly string[], env: NodeJS.ProcessEnv, logFile: string): ServerProcess {
    const out = fs.openSync(logFile, "a");
    const child = spawn(command[0], command.slice(1), { env, stdio: ["ignore", out, out] });
    fs.closeSync(out);
    if (child.pid === undefined) throw new Error(`cannot start ${name}: ${command.join(" ")}`);
    let code: number | null = null;
    child.on("exit", (c, signal) => (code = c ?? (signal ? 128 : null)));
    return { name, pid: child.pid, logFile, child, exitCode: () => code };
}

/** Stops a server by its PID: SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
export async function stopProcess(p: ServerProcess, graceMs = 10_000): Promise<void> {
    if (p.child.exitCode !== null || p.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => p.child.once("exit", () => resolve()));
    try {
        process.kill(p.pid, "SIGTERM");
    } catch {
        return; // already gone
    }
    const timer = setTimeout(() => {
        try {
            process.kill(p.pid, "SIGKILL");
        } catch {
            // exited meanwhile
        }
    }, graceMs);
    await exited;
    clearTimeout(timer);
}

/** The last lines of a server's log, for a failure message. */
export function logTail(p: ServerProcess, lines = 15): string {
    try {
        return fs.readFileSync(p.logFile, "utf8").trim().split("\n").slice(-lines).join("\n");
    } catch {
        return "(no log)";
    }
}

/** Runs a command to completion with a time bound; returns its exit status and output. */
export function run(
    command: readonly string[],
    env: NodeJS.ProcessEnv = process.env,
    timeoutMs = 30_000,
): { status: number | null; output: string } {
    const r = spawnSync(command[0], command.slice(1), { env, encoding: "utf8", timeout: timeoutMs });
    return { status: r.status, output: `${r.stdout ?? ""}${r.stderr ?? ""}${r.error ? r.error.message : ""}` };
}

/** A four-letter word sent with bash's /dev/tcp, the way the probes send theirs. */
export function fourLetterWordCommand(address: string, word: string): string[] {
    return ["bash", "-c", `exec 3<>/dev/tcp/${address}/2181 && printf ${word} >&3 && timeout 5 cat <&3`];
}

/** The `Mode:` a server reports to `srvr`, or undefined while it does not serve. */
export function modeOf(srvrOutput: string): string | undefined {
    return /^Mode: (\S+)/m.exec(srvrOutput)?.[1];
}

export function sleep(ms: number): Promise<void> {
    return new Promise((r) => setTimeout(r, ms));
}

/** Polls `check` until it returns a value or `timeoutMs` passes. */
export async function waitFor<T>(what: string, timeoutMs: number, check: () => T | undefined, diagnose: () => string): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const value = check();
        if (value !== undefined) return value;
        if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}\n${diagnose()}`);
        await sleep(500);
    }
}
