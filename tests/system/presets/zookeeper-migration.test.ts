/**
 * Moving a ZooKeeper ensemble between VMs and the cluster, on real servers (Debian's package),
 * while a client writes without pause through the connection string.
 *
 * Every step of the path (tests/helpers/migration-path.ts, the one place the steps come from) is
 * a stack configuration of examples/zookeeper-migration that the planner generated
 * (`planConfigSteps`), rendered offline; the planner must call every step of it safe. The harness
 * (tests/helpers/zookeeper-ensemble-run.ts) runs what each rendering says: VM members as their
 * operator runs the `zooCfg` output, pod members under the rendered pod's own user, groups,
 * read-only root, volume mounts, capabilities and privileges (tests/helpers/pod-sandbox.ts),
 * with the rendered command and environment. After every step a quorum must answer and the
 * client must go on writing; at the end every acknowledged write must be on every server.
 *
 * Then one step that moves every member onto an empty claim at once, which the planner calls
 * UNSAFE, runs in the same harness: the members stop on their VMs and the pods start on empty
 * claims, so no server with the data is left, and the test asserts what that breaks.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { planMigration } from "../../../sdk";
import { renderProgram } from "../../../sdk/tools/render/engine";
import { MIGRATION_EXAMPLE, StepConfig, configPairs, roundTrip, unsafeSwitch } from "../../helpers/migration-path";
import { TestNetwork } from "../../helpers/netns";
import { podConstraints, podGroups, sandboxedProcess } from "../../helpers/pod-sandbox";
import { EnsembleRun, Layout, StepReport, layoutOf } from "../../helpers/zookeeper-ensemble-run";
import { LoadWriter, writesHeldBy } from "../../helpers/zookeeper-load";
import { waitFor, zooKeeperMissing } from "../../helpers/zookeeper-servers";

/** The ensemble sizes whose generated paths are walked. */
const SIZES = [3, 5] as const;
/** Pod addresses, from the range the end-to-end suite's fake nodes give pods. */
const POD_SUBNET = "10.244.0";
/** Writes the client must have acknowledged since a step's quorum before the next step starts. */
const WRITES_BETWEEN_STEPS = 20;
const WRITES_TIMEOUT_MS = 60_000;

function describeStep(step: StepConfig): string {
    return Object.entries(step)
        .map(([k, v]) => `${k}=${v}`)
        .join(",");
}

async function render(step: StepConfig): Promise<Layout> {
    return layoutOf(await renderProgram(MIGRATION_EXAMPLE, { config: configPairs(step) }));
}

/** One rendering after the other: a render holds Pulumi's process-wide mock engine. */
async function renderAll(steps: readonly StepConfig[]): Promise<Layout[]> {
    const layouts: Layout[] = [];
    for (const step of steps) layouts.push(await render(step));
    return layouts;
}

/** What `stateful-ensemble plan --from <from> --to <to>` says about one step of the example. */
async function verdict(from: StepConfig, to: StepConfig) {
    return planMigration(MIGRATION_EXAMPLE, { from: { config: configPairs(from) }, to: { config: configPairs(to) } });
}

describe("a ZooKeeper ensemble moving between VMs and pods on real servers, under a writing client", function () {
    this.timeout(900_000);
    let net: TestNetwork | undefined;
    let dir: string | undefined;
    let vmAddresses: string[] = [];
    let podOrdinals: number[] = [];
    /** The generated round trip of each size. */
    const paths = new Map<number, StepConfig[]>();
    const runs: EnsembleRun[] = [];
    const writers: LoadWriter[] = [];

    before(async function () {
        const missing = zooKeeperMissing();
        if (missing) {
            console.log(`      SKIPPED: the migration tests on real servers: ${missing}`);
            this.skip();
        }
        // Every place any step puts a member: one network namespace each.
        for (const members of SIZES) paths.set(members, await roundTrip(members));
        const steps = [...[...paths.values()].flat(), unsafeSwitch().from, unsafeSwitch().to];
        const layouts = await renderAll(steps);
        for (const layout of layouts) {
            for (const [ordinal, place] of layout.places) {
                if ("vm" in place && !vmAddresses.includes(place.vm)) vmAddresses.push(place.vm);
                if (!("vm" in place) && !podOrdinals.includes(ordinal)) podOrdinals.push(ordinal);
            }
        }
        vmAddresses = vmAddresses.sort();
        podOrdinals = podOrdinals.sort((a, b) => a - b);
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "zk-migration-"));
        // Readable by the pods' user, as the kubelet's volume directories are.
        fs.chmodSync(dir, 0o755);
        net = TestNetwork.create(vmAddresses.length + podOrdinals.length, {
            prefix: "sezkmove",
            addresses: [...vmAddresses, ...podOrdinals.map((o) => `${POD_SUBNET}.${10 + o}`)],
            lanAddress: "10.0.0.1",
            prefixLength: 8,
        });
    });

    afterEach(async () => {
        await Promise.all(writers.splice(0).map((w) => w.stop()));
        await Promise.all(runs.splice(0).map((r) => r.stopAll()));
    });

    after(() => {
        net?.destroy();
        if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    function newRun(name: string): EnsembleRun {
        const runDir = path.join(dir!, name);
        fs.mkdirSync(runDir, { mode: 0o755 });
        const run = new EnsembleRun(net!, runDir, vmAddresses, podOrdinals);
        runs.push(run);
        return run;
    }

    /** Waits until the client has `count` more acknowledged writes than it had at `since`. */
    async function moreWrites(writer: LoadWriter, run: EnsembleRun, since: number, count: number): Promise<void> {
        await waitFor(
            `${count} more acknowledged writes`,
            WRITES_TIMEOUT_MS,
            () => {
                if (!writer.running()) throw new Error(`the client exited:\n${writer.log()}`);
                return writer.acked.length >= since + count || undefined;
            },
            () => `${run.diagnose()}\n--- client:\n${writer.log()}`,
        );
    }

    /** Every pod member runs as the rendering says: its user and groups, no capabilities, no new privileges, only its volumes writable. */
    function assertPodConstraints(layout: Layout, ordinal: number, pid: number): void {
        const pod = layout.statefulSet!.spec.template.spec;
        const container = pod.containers[0];
        const wanted = podConstraints(pod, container);
        const state = sandboxedProcess(pid);
        assert.match(state.command, /java$/, `zk-${ordinal}'s server is the sandbox's last process`);
        assert.equal(state.uid, wanted.runAsUser);
        assert.equal(state.gid, wanted.runAsGroup);
        assert.deepEqual(
            [...state.groups].sort((a, b) => a - b),
            podGroups(wanted),
        );
        assert.equal(state.effectiveCapabilities, 0n);
        assert.equal(state.boundingCapabilities, 0n);
        assert.equal(state.noNewPrivs, true);
        const writable = new Set(
            ((container.volumeMounts ?? []) as { mountPath: string; readOnly?: boolean }[])
                .filter((m) => !m.readOnly)
                .map((m) => m.mountPath),
        );
        for (const [mountPoint, readOnly] of state.mounts) {
            // /dev and /proc are the runtime's own in a pod too.
            if (/^\/(dev|proc)(\/|$)/.test(mountPoint)) continue;
            assert.equal(readOnly, !writable.has(mountPoint), `${mountPoint} is ${readOnly ? "read-only" : "writable"} in zk-${ordinal}`);
        }
        assert.equal(state.mounts.get("/"), wanted.readOnlyRootFilesystem, "the root file system");
        for (const m of writable) assert.equal(state.mounts.get(m), false, `${m} is mounted writable in zk-${ordinal}`);
    }

    for (const members of SIZES) {
        it(`keeps every acknowledged write on every server while ${members} members move from VMs into pods and back along the generated path`, async () => {
            const steps = paths.get(members)!;
            assert.equal(steps.length, 2 * members + 1, "the generated path moves one member per step");
            // The planner calls every step of its own path safe, by its rules and for every object.
            for (let i = 1; i < steps.length; i++) {
                const { plan, report } = await verdict(steps[i - 1], steps[i]);
                assert.deepEqual(plan.stepRules, [], `step ${i} breaks no step rule`);
                assert.equal(plan.safe, true, `step ${i} is safe:\n${report}`);
            }
            const layouts = await renderAll(steps);
            const connectionString = layouts[0].connectionString;
            for (const l of layouts) assert.equal(l.connectionString, connectionString, "clients keep one connection string throughout");

            const run = newRun(`safe-${members}`);
            const reports: { step: string; report: StepReport; acked: number; failed: number }[] = [];
            reports.push({ step: describeStep(steps[0]), report: await run.apply(layouts[0]), acked: 0, failed: 0 });
            const writer = new LoadWriter(net!, run.jvmFlags, connectionString);
            writers.push(writer);
            await moreWrites(writer, run, 0, WRITES_BETWEEN_STEPS);

            const checked = new Set<number>();
            for (let i = 1; i < steps.length; i++) {
                const [ackedBefore, failedBefore] = [writer.acked.length, writer.failed];
                const report = await run.apply(layouts[i]);
                // What the path promises, read from what the step did: never two members on the move at once.
                assert.ok(report.stopped.length <= 1, `step ${i} stopped ${report.stopped.join(", ")}`);
                await moreWrites(writer, run, writer.acked.length, WRITES_BETWEEN_STEPS);
                reports.push({
                    step: describeStep(steps[i]),
                    report,
                    acked: writer.acked.length - ackedBefore,
                    failed: writer.failed - failedBefore,
                });
                for (const o of run.members().filter((m) => run.isPod(m) && !checked.has(m))) {
                    assertPodConstraints(layouts[i], o, run.pid(o));
                    checked.add(o);
                }
            }
            assert.deepEqual(
                [...checked].sort((a, b) => a - b),
                Array.from({ length: members }, (_, o) => o),
                "every member ran as a pod on the way",
            );
            await writer.stop();

            const acked = writer.acked;
            const lines = reports.map(
                (r, i) =>
                    `        ${i}. ${r.step}: ${[...r.report.stopped.map((s) => `stopped ${s}${s === r.report.leaderBefore ? " (the leader)" : ""}`), ...r.report.started.map((s) => `started ${s}`)].join(", ")}; quorum after ${(r.report.quorumMs / 1000).toFixed(1)} s; ${r.acked} writes acknowledged, ${r.failed} unknown during the step`,
            );
            console.log(`      the path, step by step:\n${lines.join("\n")}`);
            for (const o of run.members()) {
                const held = writesHeldBy(net!, run.jvmFlags, `${run.host(o)}:2181`);
                const lost = acked.filter((n) => !held.has(n));
                console.log(`      zk-${o}: holds ${held.size} writes; ${acked.length} acknowledged, ${lost.length} of them missing`);
                assert.deepEqual(lost.slice(0, 20), [], `zk-${o} lacks ${lost.length} acknowledged writes`);
            }
            console.log(`      ${acked.length} writes acknowledged, ${writer.failed} with unknown outcome, 0 acknowledged writes lost`);
        });
    }

    it("loses the acknowledged writes when every member moves onto an empty claim in one step", async () => {
        const { from, to } = unsafeSwitch();
        // The planner calls this step UNSAFE: every member moves onto empty storage at once (data)
        // and none is left serving behind the client Service (clients); its first safe step is
        // the generated path's first.
        const { plan, report: planReport } = await verdict(from, to);
        assert.equal(plan.safe, false, planReport);
        assert.match(planReport, /UNSAFE/);
        assert.equal(plan.stepRules.length, 1, planReport);
        const [check] = plan.stepRules;
        assert.deepEqual(
            check.violations.map((v) => v.rule),
            ["data", "clients"],
            planReport,
        );
        for (const v of check.violations)
            assert.deepEqual(v.members, ["zk-0 (in the cluster)", "zk-1 (in the cluster)", "zk-2 (in the cluster)"]);
        assert.equal(check.next, "move zk-2 from 10.0.0.12 into the cluster");
        assert.equal(check.steps, (paths.get(3)!.length - 1) / 2, "the safe path it counts is the walked one's length");
        const [before, after] = await renderAll([from, to]);
        const run = newRun("unsafe");
        await run.apply(before);
        const writer = new LoadWriter(net!, run.jvmFlags, before.connectionString);
        writers.push(writer);
        await moreWrites(writer, run, 0, 200);

        // Before the switch, the writes are on every server: nothing below is a slow follower.
        const durable = [...writer.acked];
        for (const o of run.members()) {
            const held = writesHeldBy(net!, run.jvmFlags, `${run.host(o)}:2181`);
            assert.equal(durable.filter((n) => !held.has(n)).length, 0, `zk-${o} holds every write acknowledged before the switch`);
        }

        const report = await run.apply(after);
        // The new ensemble is healthy by every signal Kubernetes has: a quorum, every pod ready.
        const modes = await run.quorum();
        assert.deepEqual([...modes].sort(), ["follower", "follower", "leader"]);
        for (const o of run.members()) assert.equal(run.readinessProbe(o), 0, `zk-${o} is ready`);
        await writer.stop();

        const acked = writer.acked;
        console.log(
            `      ${describeStep(from)} → ${describeStep(to)}: stopped ${report.stopped.join(", ")}; started ${report.started.join(", ")}; quorum after ${(report.quorumMs / 1000).toFixed(1)} s`,
        );
        for (const o of run.members()) {
            const held = writesHeldBy(net!, run.jvmFlags, `${run.host(o)}:2181`);
            const lost = acked.filter((n) => !held.has(n));
            console.log(`      zk-${o}: holds ${held.size} writes; ${lost.length} of ${acked.length} acknowledged writes missing`);
            assert.equal(held.size, 0, `zk-${o} started on an empty claim and holds nothing`);
            assert.equal(lost.length, acked.length, `every acknowledged write is gone from zk-${o}`);
        }
        assert.ok(acked.length >= 200);
    });
});
