import { strict as assert } from "assert";
import fc from "fast-check";
import { planEnsemble, validateEnsemble } from "../../sdk";
import { validEnsemble } from "../helpers/arbitraries";
import { ensembleArgs } from "../helpers/fixtures";
import { restrictedViolations } from "../helpers/pod-security";
import { everyPodTemplate, RenderedPodTemplate } from "../helpers/pod-templates";
import { SIX_SERVERS, withWarningsChecked } from "../helpers/warnings";

/* eslint-disable @typescript-eslint/no-explicit-any */
function podTemplateOf(args: Parameters<typeof validateEnsemble>[1]): Record<string, any> {
    const sts = planEnsemble(validateEnsemble("zk", args)).find((o) => o.kind === "StatefulSet")!;
    return (sts.body.spec as any).template;
}

describe("the restricted Pod Security Standard", () => {
    let rendered: RenderedPodTemplate[] = [];
    // The migration example's middle steps run six servers, and examples/hardened in inCluster mode
    // two: the ZooKeeper preset warns about an even count.
    before(() =>
        withWarningsChecked(
            async () => {
                rendered = await everyPodTemplate();
            },
            { expect: [SIX_SERVERS], allow: [/^warning: \[runtime\] ZooKeeperEnsemble "zk": the ensemble has 2 servers; /] },
        ),
    );

    it("is met by every pod template the package renders: programs, examples and components", () => {
        assert.ok(rendered.length >= 8, `only ${rendered.length} pod templates were found`);
        const failures = rendered.flatMap((r) => restrictedViolations(r.template).map((v) => `${r.source}: ${v}`));
        assert.deepEqual(failures, []);
    });

    it("is met by the pod template of every random valid ensemble", () => {
        fc.assert(
            fc.property(
                fc.constantFrom("inCluster", "hybrid" as const).chain((mode) => validEnsemble(mode, 5)),
                (e) => {
                    assert.deepEqual(restrictedViolations(podTemplateOf(e.args)), []);
                },
            ),
            { numRuns: 60 },
        );
    });

    it("is left only when allowRoot says so, and then visibly", () => {
        const root = podTemplateOf(
            ensembleArgs("inCluster", { inCluster: { replicas: 1, image: "zookeeper:3.9.3", allowRoot: true, runAsUser: 0 } }),
        );
        assert.deepEqual(restrictedViolations(root), [
            "Running as Non-root: spec.containers[0] may run as root (runAsNonRoot is not true)",
            "Running as Non-root user: spec.securityContext.runAsUser is 0",
        ]);
        // allowRoot alone (a non-zero user) still gives up the runAsNonRoot guarantee: the image's user could be root.
        const allowed = podTemplateOf(ensembleArgs("inCluster", { inCluster: { replicas: 1, image: "zookeeper:3.9.3", allowRoot: true } }));
        assert.deepEqual(restrictedViolations(allowed), [
            "Running as Non-root: spec.containers[0] may run as root (runAsNonRoot is not true)",
        ]);
    });

    // The checker itself: each control must catch its own violation, or the tests above prove nothing.
    const compliant = () => structuredClone(podTemplateOf(ensembleArgs("inCluster")));
    const container = (t: any) => t.spec.containers[0];
    const breaches: [string, string, (t: any) => void][] = [
        ["HostProcess", "a Windows host process", (t) => (container(t).securityContext.windowsOptions = { hostProcess: true })],
        ["Host Namespaces", "host networking", (t) => (t.spec.hostNetwork = true)],
        ["Host Namespaces", "the host's PID namespace", (t) => (t.spec.hostPID = true)],
        ["Privileged Containers", "a privileged container", (t) => (container(t).securityContext.privileged = true)],
        ["Capabilities (baseline)", "SYS_ADMIN added", (t) => (container(t).securityContext.capabilities.add = ["SYS_ADMIN"])],
        ["Capabilities (restricted)", "CHOWN added", (t) => (container(t).securityContext.capabilities.add = ["CHOWN"])],
        ["Capabilities (restricted)", "no capability dropped", (t) => (container(t).securityContext.capabilities.drop = [])],
        ["HostPath Volumes", "a hostPath volume", (t) => t.spec.volumes.push({ name: "host", hostPath: { path: "/" } })],
        ["Volume Types", "an NFS volume", (t) => t.spec.volumes.push({ name: "share", nfs: { server: "nfs", path: "/" } })],
        ["Host Ports", "a host port", (t) => (container(t).ports[0].hostPort = 2181)],
        ["AppArmor", "an unconfined AppArmor profile", (t) => (t.spec.securityContext.appArmorProfile = { type: "Unconfined" })],
        [
            "AppArmor",
            "an unconfined AppArmor annotation",
            (t) => (t.metadata.annotations = { "container.apparmor.security.beta.kubernetes.io/server": "unconfined" }),
        ],
        ["SELinux", "an SELinux user", (t) => (t.spec.securityContext.seLinuxOptions = { user: "system_u" })],
        ["/proc Mount Type", "an unmasked /proc", (t) => (container(t).securityContext.procMount = "Unmasked")],
        ["Seccomp", "an unconfined seccomp profile", (t) => (container(t).securityContext.seccompProfile = { type: "Unconfined" })],
        [
            "Seccomp (restricted)",
            "no seccomp profile",
            (t) => (delete t.spec.securityContext.seccompProfile, delete container(t).securityContext.seccompProfile),
        ],
        ["Sysctls", "an unsafe sysctl", (t) => (t.spec.securityContext.sysctls = [{ name: "kernel.msgmax", value: "1" }])],
        ["Privilege Escalation", "privilege escalation left open", (t) => delete container(t).securityContext.allowPrivilegeEscalation],
        ["Running as Non-root", "runAsNonRoot false", (t) => (container(t).securityContext.runAsNonRoot = false)],
        ["Running as Non-root user", "user 0", (t) => (container(t).securityContext.runAsUser = 0)],
    ];
    for (const [control, what, breach] of breaches) {
        it(`is checked for ${control}: ${what} is a violation`, () => {
            assert.deepEqual(restrictedViolations(compliant()), []);
            const t = compliant();
            breach(t);
            const found = restrictedViolations(t);
            assert.ok(
                found.some((v) => v.startsWith(`${control}:`)),
                `no ${control} violation in ${JSON.stringify(found)}`,
            );
        });
    }
});
