/**
 * A client that writes without pause through a connection string, and a reader that lists what
 * one server holds: ZooKeeper's own Java client (Debian's), through zookeeper-load/LoadClient.java
 * run from source by the JDK's launcher.
 */
import { ChildProcess, spawn, spawnSync } from "child_process";
import * as path from "path";
import * as readline from "readline";
import { TestNetwork } from "./netns";

const SOURCE = path.join(__dirname, "zookeeper-load", "LoadClient.java");
const CLASSPATH = "/usr/share/java/zookeeper.jar";

function javaCommand(jvmFlags: string, args: string[]): string[] {
    return ["java", ...jvmFlags.split(" "), "-cp", CLASSPATH, SOURCE, ...args];
}

export class LoadWriter {
    /** The numbers of the writes the ensemble acknowledged, in order. */
    readonly acked: number[] = [];
    /** Writes whose outcome the client never learned (connection lost, session expired, no parent). */
    failed = 0;
    private readonly child: ChildProcess;
    private readonly done: Promise<number | null>;
    private stderr = "";

    constructor(net: TestNetwork, jvmFlags: string, connectionString: string) {
        const [command, ...args] = net.exec(net.lan, javaCommand(jvmFlags, ["write", connectionString]));
        this.child = spawn(command, args, { stdio: ["pipe", "pipe", "pipe"] });
        readline.createInterface({ input: this.child.stdout! }).on("line", (line) => {
            const [word, n] = line.split(" ");
            if (word === "ack") this.acked.push(Number(n));
            else if (word === "fail") this.failed++;
        });
        this.child.stderr!.on("data", (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-4000)));
        this.done = new Promise((resolve) => this.child.on("exit", (code) => resolve(code)));
    }

    /** The client's own last words, for a failure message. */
    log(): string {
        return this.stderr;
    }

    /** Whether the client process still runs. */
    running(): boolean {
        return this.child.exitCode === null && this.child.signalCode === null;
    }

    /** Closes the client's input: it finishes the write in flight and exits. Then kills it by PID if it has not. */
    async stop(graceMs = 30_000): Promise<void> {
        this.child.stdin!.end();
        const timer = setTimeout(() => this.child.kill("SIGKILL"), graceMs);
        await this.done;
        clearTimeout(timer);
    }
}

/** Every write `server` (one `host:port`) holds, after a sync with its leader; throws if it serves no quorum. */
export function writesHeldBy(net: TestNetwork, jvmFlags: string, server: string): Set<number> {
    const [command, ...args] = net.exec(net.lan, javaCommand(jvmFlags, ["read", server]));
    // One line per write: far more than spawnSync's default 1 MiB of output.
    const r = spawnSync(command, args, { encoding: "utf8", timeout: 120_000, maxBuffer: 256 * 1024 * 1024 });
    const result = { status: r.status, output: `${r.stdout ?? ""}${r.stderr ?? ""}${r.error ? r.error.message : ""}` };
    const count = /^count (\d+)$/m.exec(result.output);
    if (result.status !== 0 || !count) throw new Error(`cannot read the writes held by ${server}: ${result.output.slice(-2000)}`);
    const held = new Set<number>();
    for (const match of result.output.matchAll(/^have (\d+)$/gm)) held.add(Number(match[1]));
    if (held.size !== Number(count[1])) throw new Error(`${server}: ${held.size} writes listed, ${count[1]} counted`);
    return held;
}
