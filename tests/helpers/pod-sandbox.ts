/**
 * Runs a rendered pod's container as a process under the pod's own constraints, read from the
 * rendered pod spec, never restated: its user, group and fsGroup (setpriv, util-linux), a
 * read-only root file system in which only the pod's volume mounts are writable, no
 * capabilities, no new privileges and a session of its own (bubblewrap). The container's
 * command, args and environment are the rendered ones; the downward API values are filled in as
 * the kubelet would.
 *
 * The order matters: setpriv first becomes the pod's user, so every file the server writes is
 * owned by that uid on disk and every permission check is the one the pod would meet; bubblewrap
 * then builds the file system in a user namespace of that unprivileged user.
 */
import * as fs from "fs";
import * as path from "path";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

/** Where `bwrap` is, or undefined. */
function bwrapPath(): string | undefined {
    return ["/usr/bin/bwrap", "/bin/bwrap"].find((p) => fs.existsSync(p));
}

/** The pod's effective security settings: the container's own override the pod's. */
export interface PodConstraints {
    readonly runAsUser: number;
    readonly runAsGroup: number;
    readonly fsGroup?: number;
    readonly supplementalGroups: readonly number[];
    readonly readOnlyRootFilesystem: boolean;
}

/**
 * Reads the constraints of `container` in `pod`. Refuses what the sandbox cannot give as the
 * rendering asks (added capabilities, privilege escalation, root), so a test never runs a pod
 * looser or stricter than its spec without saying so.
 */
export function podConstraints(pod: Obj, container: Obj): PodConstraints {
    const podSc: Obj = pod.securityContext ?? {};
    const sc: Obj = container.securityContext ?? {};
    const runAsUser = sc.runAsUser ?? podSc.runAsUser;
    const runAsGroup = sc.runAsGroup ?? podSc.runAsGroup ?? runAsUser;
    const problems: string[] = [];
    if (typeof runAsUser !== "number" || runAsUser === 0) problems.push(`runAsUser is ${runAsUser}; the sandbox runs non-root pods only`);
    if (!(sc.capabilities?.drop ?? []).includes("ALL")) problems.push("the container does not drop every capability");
    if ((sc.capabilities?.add ?? []).length > 0) problems.push(`the container adds capabilities ${sc.capabilities.add.join(", ")}`);
    if (sc.allowPrivilegeEscalation !== false) problems.push("the container allows privilege escalation");
    if (problems.length > 0) throw new Error(`cannot sandbox container ${container.name}: ${problems.join("; ")}`);
    return {
        runAsUser,
        runAsGroup,
        fsGroup: podSc.fsGroup,
        supplementalGroups: podSc.supplementalGroups ?? [],
        readOnlyRootFilesystem: sc.readOnlyRootFilesystem === true,
    };
}

/** The groups a pod's processes hold: its group, its fsGroup and its supplemental groups, ascending. */
export function podGroups(constraints: PodConstraints): number[] {
    const fsGroup = constraints.fsGroup === undefined ? [] : [constraints.fsGroup];
    return [...new Set([constraints.runAsGroup, ...fsGroup, ...constraints.supplementalGroups])].sort((a, b) => a - b);
}

/** The container's environment as the kubelet sets it: plain values and the downward API's pod name and namespace. */
export function containerEnv(container: Obj, pod: { name: string; namespace: string }): Record<string, string> {
    const env: Record<string, string> = {};
    for (const e of (container.env ?? []) as Obj[]) {
        if (e.value !== undefined) env[e.name] = String(e.value);
        else if (e.valueFrom?.fieldRef?.fieldPath === "metadata.name") env[e.name] = pod.name;
        else if (e.valueFrom?.fieldRef?.fieldPath === "metadata.namespace") env[e.name] = pod.namespace;
        else throw new Error(`cannot fill ${e.name}: the sandbox knows only plain values and the pod's name and namespace`);
    }
    return env;
}

/** What stands behind a volume: a directory on the host, prepared as the kubelet would. */
export interface VolumeSources {
    /** The host directory of a claim of the StatefulSet (`<template>-<pod>`), kept across pods like a retained claim. */
    claim(name: string): string;
    /** A fresh directory for an emptyDir or a projected ConfigMap. */
    scratch(name: string): string;
    /** The data of a rendered ConfigMap. */
    configMap(name: string): Record<string, string>;
}

/** Gives a volume directory the group and mode the kubelet gives it for an fsGroup: group-owned, group-writable, setgid. */
function applyFsGroup(dir: string, fsGroup: number | undefined, mode: number): void {
    if (fsGroup === undefined) return;
    fs.chownSync(dir, 0, fsGroup);
    fs.chmodSync(dir, mode | 0o2070);
}

/**
 * The host directory for each of the container's volume mounts: the pod's claims (from the
 * StatefulSet's `volumeClaimTemplates`), emptyDirs and ConfigMaps (their files written with the
 * volume's `defaultMode`). Other volume kinds are refused by name.
 */
export function mountSources(
    statefulSet: Obj,
    podName: string,
    container: Obj,
    sources: VolumeSources,
): { mountPath: string; dir: string; readOnly: boolean }[] {
    const pod: Obj = statefulSet.spec.template.spec;
    const fsGroup: number | undefined = pod.securityContext?.fsGroup;
    const claims = new Set(((statefulSet.spec.volumeClaimTemplates ?? []) as Obj[]).map((t) => t.metadata.name));
    return ((container.volumeMounts ?? []) as Obj[]).map((mount) => {
        let dir: string;
        const volume = ((pod.volumes ?? []) as Obj[]).find((v) => v.name === mount.name);
        if (claims.has(mount.name) && !volume) {
            dir = sources.claim(`${mount.name}-${podName}`);
            if (!fs.existsSync(dir)) {
                fs.mkdirSync(dir, { recursive: true });
                applyFsGroup(dir, fsGroup, 0o755);
            }
        } else if (volume?.emptyDir) {
            dir = sources.scratch(mount.name);
            fs.mkdirSync(dir, { recursive: true });
            fs.chmodSync(dir, 0o777);
            applyFsGroup(dir, fsGroup, 0o777);
        } else if (volume?.configMap) {
            dir = sources.scratch(mount.name);
            fs.mkdirSync(dir, { recursive: true });
            for (const [file, content] of Object.entries(sources.configMap(volume.configMap.name))) {
                const target = path.join(dir, file);
                fs.writeFileSync(target, content);
                fs.chmodSync(target, volume.configMap.defaultMode ?? 0o644);
                if (fsGroup !== undefined) fs.chownSync(target, 0, fsGroup);
            }
        } else {
            throw new Error(`cannot provide volume ${mount.name} of ${podName}: the sandbox knows claims, emptyDir and configMap volumes`);
        }
        return { mountPath: mount.mountPath, dir, readOnly: mount.readOnly === true };
    });
}

/** What the kubelet gives every pod besides its volumes. */
export interface PodIdentity {
    /** The pod's host name (its name, for a StatefulSet's pod). */
    readonly hostname: string;
    /** Files bound read-only over the host's, e.g. the pod's `/etc/hosts`. */
    readonly files: Readonly<Record<string, string>>;
}

/**
 * The command that runs `container` under `constraints`, with `mounts` as its only writable
 * places (unless the root file system is writable), and the pod's host name and files.
 */
export function sandboxCommand(
    constraints: PodConstraints,
    container: Obj,
    mounts: readonly { mountPath: string; dir: string; readOnly: boolean }[],
    identity: PodIdentity,
): string[] {
    const bwrap = bwrapPath();
    if (!bwrap) throw new Error("bwrap not found; install Debian's bubblewrap");
    const mountPaths = new Set(mounts.map((m) => m.mountPath));
    // The root is a fresh directory tree holding the host's top-level entries read-only, so a
    // mount path the host lacks (/data, /conf) can be created in it before it is made read-only.
    const root: string[] = [];
    for (const entry of fs.readdirSync("/")) {
        const p = `/${entry}`;
        if (mountPaths.has(p) || p === "/proc" || p === "/dev") continue;
        const stat = fs.lstatSync(p);
        if (stat.isSymbolicLink()) root.push("--symlink", fs.readlinkSync(p), p);
        else root.push(constraints.readOnlyRootFilesystem ? "--ro-bind" : "--bind", p, p);
    }
    for (const m of mounts) {
        if (path.dirname(m.mountPath) !== "/" && !fs.existsSync(m.mountPath)) {
            throw new Error(`cannot mount at ${m.mountPath}: the sandbox creates mount points only at the top level`);
        }
    }
    return [
        "setpriv",
        `--reuid=${constraints.runAsUser}`,
        `--regid=${constraints.runAsGroup}`,
        `--groups=${podGroups(constraints).join(",")}`,
        "--inh-caps=-all",
        "--bounding-set=-all",
        "--no-new-privs",
        "--",
        bwrap,
        "--unshare-user",
        "--unshare-ipc",
        "--unshare-uts",
        ...root,
        "--dev",
        "/dev",
        "--proc",
        "/proc",
        ...mounts.flatMap((m) => [m.readOnly ? "--ro-bind" : "--bind", m.dir, m.mountPath]),
        ...Object.entries(identity.files).flatMap(([target, source]) => ["--ro-bind", source, target]),
        "--hostname",
        identity.hostname,
        ...(constraints.readOnlyRootFilesystem ? ["--remount-ro", "/"] : []),
        "--cap-drop",
        "ALL",
        "--new-session",
        "--die-with-parent",
        "--",
        ...(container.command ?? []),
        ...(container.args ?? []),
    ];
}

/** What the kernel says about a process: its identity, privileges and mounts (read from /proc). */
export interface ProcessState {
    readonly pid: number;
    readonly command: string;
    readonly uid: number;
    readonly gid: number;
    readonly groups: readonly number[];
    readonly effectiveCapabilities: bigint;
    readonly boundingCapabilities: bigint;
    readonly noNewPrivs: boolean;
    /** Mount point → whether it is read-only, as the process sees its file system. */
    readonly mounts: ReadonlyMap<string, boolean>;
}

/** The processes descending from `pid`, itself first. */
function descendants(pid: number): number[] {
    const parents = new Map<number, number>();
    for (const entry of fs.readdirSync("/proc")) {
        if (!/^\d+$/.test(entry)) continue;
        try {
            // The command may hold spaces and parentheses: the fields after the last ")" are fixed.
            const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
            parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
        } catch {
            // exited meanwhile
        }
    }
    const out = [pid];
    for (let i = 0; i < out.length; i++) for (const [child, parent] of parents) if (parent === out[i]) out.push(child);
    return out;
}

/** The state of the last process started under `pid` (the server the sandbox runs, once every `exec` is done). */
export function sandboxedProcess(pid: number): ProcessState {
    const target = descendants(pid).pop()!;
    const status = fs.readFileSync(`/proc/${target}/status`, "utf8");
    const field = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, "m").exec(status)?.[1].trim() ?? "";
    const mounts = new Map<string, boolean>();
    for (const line of fs.readFileSync(`/proc/${target}/mountinfo`, "utf8").trim().split("\n")) {
        const fields = line.split(" ");
        mounts.set(fields[4].replace(/\\040/g, " "), fields[5].split(",").includes("ro"));
    }
    return {
        pid: target,
        command: fs.readFileSync(`/proc/${target}/cmdline`, "utf8").split("\0")[0],
        uid: Number(field("Uid").split(/\s+/)[0]),
        gid: Number(field("Gid").split(/\s+/)[0]),
        groups: field("Groups").split(/\s+/).filter(Boolean).map(Number),
        effectiveCapabilities: BigInt(`0x${field("CapEff")}`),
        boundingCapabilities: BigInt(`0x${field("CapBnd")}`),
        noNewPrivs: field("NoNewPrivs") === "1",
        mounts,
    };
}

/** A pod of a rendered StatefulSet, ready to start: its sandboxed command and its environment. */
export interface SandboxedPod {
    readonly name: string;
    readonly command: string[];
    readonly env: Record<string, string>;
}

/**
 * Pod `<statefulSet>-<ordinal>` of a rendered StatefulSet (one container, no init containers):
 * its volumes prepared from `sources`, `/etc/hosts` bound from `hostsFile`, the rendered command
 * under the rendered constraints, and the rendered environment with `imagePath` as the image's PATH.
 */
export function statefulSetPod(
    statefulSet: Obj,
    ordinal: number,
    sources: VolumeSources,
    hostsFile: string,
    imagePath: string,
): SandboxedPod {
    const name = `${statefulSet.metadata.name}-${ordinal}`;
    const pod: Obj = statefulSet.spec.template.spec;
    if (pod.containers.length !== 1 || pod.initContainers) throw new Error("the sandbox runs pods of one container and no init containers");
    const container: Obj = pod.containers[0];
    const mounts = mountSources(statefulSet, name, container, sources);
    const command = sandboxCommand(podConstraints(pod, container), container, mounts, {
        hostname: name,
        files: { "/etc/hosts": hostsFile },
    });
    const env = { ...containerEnv(container, { name, namespace: statefulSet.metadata.namespace }), PATH: imagePath };
    return { name, command, env };
}
