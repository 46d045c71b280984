/**
 * The Pod Security Standards "restricted" profile (which includes "baseline"), encoded control by
 * control as the documentation states it, to check pod templates without a cluster.
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
 */

/* eslint-disable @typescript-eslint/no-explicit-any */
type Obj = Record<string, any>;

/** Capabilities baseline lets a container add. */
const BASELINE_CAPABILITIES = [
    "AUDIT_WRITE",
    "CHOWN",
    "DAC_OVERRIDE",
    "FOWNER",
    "FSETID",
    "KILL",
    "MKNOD",
    "NET_BIND_SERVICE",
    "SETFCAP",
    "SETGID",
    "SETPCAP",
    "SETUID",
    "SYS_CHROOT",
];
/** Sysctls baseline allows. */
const SAFE_SYSCTLS = [
    "kernel.shm_rmid_forced",
    "net.ipv4.ip_local_port_range",
    "net.ipv4.ip_unprivileged_port_start",
    "net.ipv4.tcp_syncookies",
    "net.ipv4.ping_group_range",
    "net.ipv4.ip_local_reserved_ports",
    "net.ipv4.tcp_keepalive_time",
    "net.ipv4.tcp_fin_timeout",
    "net.ipv4.tcp_keepalive_intvl",
    "net.ipv4.tcp_keepalive_probes",
];
const SELINUX_TYPES = [undefined, "", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"];
/** Volume types restricted allows. */
const RESTRICTED_VOLUMES = ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"];
const SECCOMP_TYPES = ["RuntimeDefault", "Localhost"];

/** Every violation of the restricted profile in a pod template, each `<control>: <field> <why>`; empty when it complies. */
export function restrictedViolations(template: Obj): string[] {
    const v: string[] = [];
    const spec: Obj = template.spec ?? {};
    const pod: Obj = spec.securityContext ?? {};
    const containers: [string, Obj][] = (["containers", "initContainers", "ephemeralContainers"] as const).flatMap((list) =>
        ((spec[list] ?? []) as Obj[]).map((c, i): [string, Obj] => [`spec.${list}[${i}]`, c]),
    );
    const sc = (c: Obj): Obj => c.securityContext ?? {};

    // ---- baseline ----
    if (pod.windowsOptions?.hostProcess) v.push("HostProcess: spec.securityContext.windowsOptions.hostProcess is true");
    for (const [at, c] of containers) {
        if (sc(c).windowsOptions?.hostProcess) v.push(`HostProcess: ${at}.securityContext.windowsOptions.hostProcess is true`);
    }
    for (const field of ["hostNetwork", "hostPID", "hostIPC"]) if (spec[field]) v.push(`Host Namespaces: spec.${field} is true`);
    for (const [at, c] of containers) {
        if (sc(c).privileged) v.push(`Privileged Containers: ${at}.securityContext.privileged is true`);
        for (const cap of sc(c).capabilities?.add ?? []) {
            if (!BASELINE_CAPABILITIES.includes(cap)) v.push(`Capabilities (baseline): ${at} adds ${cap}`);
        }
        for (const [j, p] of ((c.ports ?? []) as Obj[]).entries()) {
            if (p.hostPort) v.push(`Host Ports: ${at}.ports[${j}].hostPort is ${p.hostPort}`);
        }
        if (sc(c).procMount !== undefined && sc(c).procMount !== "Default")
            v.push(`/proc Mount Type: ${at}.securityContext.procMount is ${sc(c).procMount}`);
    }
    for (const [i, vol] of ((spec.volumes ?? []) as Obj[]).entries())
        if (vol.hostPath) v.push(`HostPath Volumes: spec.volumes[${i}] is a hostPath`);
    const appArmorOk = (p: Obj | undefined) => p === undefined || ["RuntimeDefault", "Localhost"].includes(p.type);
    if (!appArmorOk(pod.appArmorProfile)) v.push(`AppArmor: spec.securityContext.appArmorProfile.type is ${pod.appArmorProfile.type}`);
    for (const [at, c] of containers)
        if (!appArmorOk(sc(c).appArmorProfile))
            v.push(`AppArmor: ${at}.securityContext.appArmorProfile.type is ${sc(c).appArmorProfile.type}`);
    for (const [key, value] of Object.entries((template.metadata?.annotations ?? {}) as Record<string, string>)) {
        if (
            key.startsWith("container.apparmor.security.beta.kubernetes.io/") &&
            value !== "runtime/default" &&
            !value.startsWith("localhost/")
        ) {
            v.push(`AppArmor: annotation ${key} is ${value}`);
        }
    }
    const seLinux = (at: string, o: Obj | undefined) => {
        if (!o) return;
        if (!SELINUX_TYPES.includes(o.type)) v.push(`SELinux: ${at}.seLinuxOptions.type is ${o.type}`);
        if (o.user) v.push(`SELinux: ${at}.seLinuxOptions.user is set`);
        if (o.role) v.push(`SELinux: ${at}.seLinuxOptions.role is set`);
    };
    seLinux("spec.securityContext", pod.seLinuxOptions);
    for (const [at, c] of containers) seLinux(`${at}.securityContext`, sc(c).seLinuxOptions);
    if (pod.seccompProfile?.type === "Unconfined") v.push("Seccomp: spec.securityContext.seccompProfile.type is Unconfined");
    for (const [at, c] of containers)
        if (sc(c).seccompProfile?.type === "Unconfined") v.push(`Seccomp: ${at}.securityContext.seccompProfile.type is Unconfined`);
    for (const s of (pod.sysctls ?? []) as Obj[])
        if (!SAFE_SYSCTLS.includes(s.name)) v.push(`Sysctls: spec.securityContext.sysctls sets ${s.name}`);

    // ---- restricted ----
    for (const [i, vol] of ((spec.volumes ?? []) as Obj[]).entries()) {
        const types = Object.keys(vol).filter((k) => k !== "name");
        if (!types.every((t) => RESTRICTED_VOLUMES.includes(t))) v.push(`Volume Types: spec.volumes[${i}] is ${types.join(", ")}`);
    }
    for (const [at, c] of containers) {
        if (sc(c).allowPrivilegeEscalation !== false)
            v.push(`Privilege Escalation: ${at}.securityContext.allowPrivilegeEscalation is not false`);
    }
    const podNonRoot = pod.runAsNonRoot === true;
    for (const [at, c] of containers) {
        const own = sc(c).runAsNonRoot;
        if (own === false || (own !== true && !podNonRoot)) v.push(`Running as Non-root: ${at} may run as root (runAsNonRoot is not true)`);
    }
    if (pod.runAsUser === 0) v.push("Running as Non-root user: spec.securityContext.runAsUser is 0");
    for (const [at, c] of containers) if (sc(c).runAsUser === 0) v.push(`Running as Non-root user: ${at}.securityContext.runAsUser is 0`);
    const podSeccomp = SECCOMP_TYPES.includes(pod.seccompProfile?.type);
    for (const [at, c] of containers) {
        const own = sc(c).seccompProfile?.type;
        if (own !== undefined ? !SECCOMP_TYPES.includes(own) : !podSeccomp)
            v.push(`Seccomp (restricted): ${at} has no RuntimeDefault or Localhost profile`);
    }
    for (const [at, c] of containers) {
        const caps = sc(c).capabilities ?? {};
        if (!(caps.drop ?? []).includes("ALL")) v.push(`Capabilities (restricted): ${at} does not drop ALL`);
        for (const cap of caps.add ?? []) if (cap !== "NET_BIND_SERVICE") v.push(`Capabilities (restricted): ${at} adds ${cap}`);
    }
    return v;
}
