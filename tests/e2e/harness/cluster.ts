/**
 * The e2e control plane (tests/e2e/control-plane.sh) as the suite sees it: started once for the
 * whole run, stopped by PID at the end, its logs printed when a test fails.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const SCRIPT = path.join(__dirname, "..", "control-plane.sh");

/** Where the tools of tests/e2e/tools/build.sh are. */
export function toolsBin(): string {
    return (
        process.env.E2E_TOOLS_BIN ??
        execFileSync("bash", [path.join(__dirname, "..", "tools", "build.sh"), "--print-bin"], {
            encoding: "utf8",
        }).trim()
    );
}

/** What the control plane (control-plane.sh) and the Pulumi CLI of the suite run. */
export const SUITE_TOOLS = [
    "pulumi",
    "pulumi-language-nodejs",
    "pulumi-resource-kubernetes",
    "etcd",
    "kube-apiserver",
    "kube-controller-manager",
    "kube-scheduler",
    "kwok",
    "kwok-stages.yaml",
    "coredns",
    "prometheus-operator-crds.yaml",
] as const;

/** A sentence naming the tools of `names` that tools/build.sh has not built, or undefined. */
export function toolsMissing(names: readonly string[]): string | undefined {
    const bin = toolsBin();
    const missing = names.filter((name) => !fs.existsSync(path.join(bin, name)));
    if (missing.length === 0) return undefined;
    return `${missing.join(", ")} not built in ${bin} (run bash tests/e2e/tools/build.sh; the first build takes a while)`;
}

/** A running control plane. */
export interface Cluster {
    /** Its working folder: certificates, data, logs/, pids/. */
    readonly dir: string;
    readonly kubeconfig: string;
    /** CoreDNS's UDP and TCP port on 127.0.0.1. */
    readonly dnsPort: number;
    readonly apiserverPort: number;
    /** The ranges of Service ClusterIPs and of pod addresses. */
    readonly serviceCidr: string;
    readonly podCidr: string;
}

function controlPlane(command: string, dir: string): void {
    execFileSync("bash", [SCRIPT, command, dir], {
        stdio: ["ignore", "inherit", "inherit"],
        env: { ...process.env, E2E_TOOLS_BIN: toolsBin() },
        timeout: 300_000,
    });
}

export function startCluster(): Cluster {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stateful-ensemble-e2e-"));
    controlPlane("up", dir);
    const env = Object.fromEntries(
        fs
            .readFileSync(path.join(dir, "env"), "utf8")
            .split("\n")
            .filter((line) => line.includes("="))
            .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
    );
    return {
        dir,
        kubeconfig: env.KUBECONFIG,
        dnsPort: Number(env.DNS_PORT),
        apiserverPort: Number(env.APISERVER_PORT),
        serviceCidr: env.SERVICE_CIDR,
        podCidr: env.POD_CIDR,
    };
}

export function stopCluster(cluster: Cluster): void {
    controlPlane("down", cluster.dir);
}

export function stopApiServer(cluster: Cluster): void {
    controlPlane("stop-apiserver", cluster.dir);
}

export function startApiServer(cluster: Cluster): void {
    controlPlane("start-apiserver", cluster.dir);
}

/** The last lines of every component's log, for a failed test's report. */
export function clusterLogs(cluster: Cluster, lines = 15): string {
    const logs = path.join(cluster.dir, "logs");
    return fs
        .readdirSync(logs)
        .filter((f) => f.endsWith(".log"))
        .map((f) => {
            const text = fs.readFileSync(path.join(logs, f), "utf8").trimEnd().split("\n");
            return `--- ${f} (last ${lines} of ${text.length} lines)\n${text.slice(-lines).join("\n")}`;
        })
        .join("\n");
}
