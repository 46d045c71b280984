/**
 * Real ZooKeeper servers for the tests, from Debian's `zookeeper` package (installed by `.ci/run`,
 * never by a test), started as processes (one per network namespace), spoken to with four-letter
 * words and Debian's zkCli.sh, and stopped by PID.
 */
import { ChildProcess, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

/** Where Debian's package puts ZooKeeper's scripts. */
export const ZK_BIN = "/usr/share/zookeeper/bin";
const ZK_JAR = "/usr/share/java/zookeeper.jar";
/** The PATH of a pod's container: Debian's ZooKeeper scripts stand in for the zookeeper image's. */
export const ZOOKEEPER_IMAGE_PATH = `${ZK_BIN}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`;
/** The Debian packages the real-server tests need (bubblewrap runs the pods); `.ci/run` installs them before `npm test`. */
export const ZOOKEEPER_PACKAGES = ["zookeeper", "default-jre-headless", "iproute2", "bubblewrap"] as const;

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

/**
 * Why the real-server tests cannot run here, in one line that says how to install what is
 * missing; undefined when ZooKeeper, Java, `ip` and `bwrap` are all installed. Tests never install
 * packages themselves.
 */
export function zooKeeperMissing(): string | undefined {
    const missing: string[] = [];
    if (!fs.existsSync(path.join(ZK_BIN, "zkServer.sh")) || !fs.existsSync(ZK_JAR)) missing.push("zookeeper");
    if (!which("java")) missing.push("default-jre-headless");
    if (!which("ip")) missing.push("iproute2");
    if (!which("bwrap")) missing.push("bubblewrap");
    if (missing.length === 0) return undefined;
    return `${missing.join(", ")} not installed; install with \`apt-get update && apt-get install -y --no-install-recommends ${ZOOKEEPER_PACKAGES.join(" ")}\` (.ci/run does)`;
}

/** `server.N=host:…` lines of a zoo.cfg: host → N. */
export function serverIds(zooCfg: string): Map<string, number> {
    const ids = new Map<string, number>();
    for (const match of zooCfg.matchAll(/^server\.(\d+)=([^:]+):2888:3888;2181$/gm)) ids.set(match[2], Number(match[1]));
    return ids;
}

/**
 * A zoo.cfg for a server outside a pod, as an operator runs the `zooCfg` output: the one
 * machine-specific change is the data directories, which are volumes in a pod and a path on a host.
 */
export function withLocalPaths(zooCfg: string, memberDir: string): string {
    return zooCfg
        .replace(/^dataDir=.*$/m, `dataDir=${path.join(memberDir, "data")}`)
        .replace(/^dataLogDir=.*$/m, `dataLogDir=${path.join(memberDir, "datalog")}`);
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
export async function stopProcess(p: Pick<ServerProcess, "child" | "pid">, graceMs = 10_000): Promise<void> {
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
