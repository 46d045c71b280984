/**
 * examples/zookeeper-migration: its step files are exactly what `stateful-ensemble plan --steps`
 * writes for each of its three paths, every step renders valid Kubernetes objects, and the planner
 * between consecutive steps, forwards and back, finds every step safe: nothing replaced, no claim
 * at risk, no Service losing its selector, and every step rule kept.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Action, MigrationPlan, diffRenders } from "../../../sdk/tools/migrate/diff";
import { RenderResult, renderProgram } from "../../../sdk/tools/render/engine";
import { main } from "../../../sdk/tools/render/cli";
import { assertValidObject } from "../../helpers/schema";
import { allowWarning, withWarningsChecked } from "../../helpers/warnings";

const DIR = path.join("examples", "zookeeper-migration");
const VMS = "externalAddresses=10.0.0.10,10.0.0.11,10.0.0.12";

/** The example's paths: the `plan` arguments that write each, and what its steps do. */
const EXAMPLE_PATHS: Record<string, { readonly argv: string[]; readonly changes: string[] }> = {
    "vms-to-cluster": {
        argv: ["--from", `mode=external,${VMS}`, "--to", `mode=inCluster,replicas=3,startOrdinal=0,${VMS}`],
        changes: [2, 1, 0].map((o) => `move zk-${o} from 10.0.0.1${o} into the cluster`),
    },
    "cluster-to-vms": {
        argv: ["--from", `mode=inCluster,replicas=3,startOrdinal=0,${VMS}`, "--to", `mode=external,${VMS}`],
        changes: [0, 1, 2].map((o) => `move zk-${o} from the cluster to 10.0.0.1${o}`),
    },
    grow: {
        argv: ["--from", `mode=external,${VMS}`, "--to", "mode=inCluster,replicas=3,startOrdinal=3,externalAddresses="],
        changes: [...[3, 4, 5].map((o) => `add zk-${o} in the cluster`), ...[0, 1, 2].map((o) => `remove zk-${o} (10.0.0.1${o})`)],
    },
};

/** The example's step files of one path, in order. */
function stepStacks(name: string): string[] {
    return fs
        .readdirSync(DIR)
        .map((f) => new RegExp(`^Pulumi\\.(${name}-step(\\d+))\\.yaml$`).exec(f))
        .filter((m): m is RegExpExecArray => m !== null)
        .sort((a, b) => Number(a[2]) - Number(b[2]))
        .map((m) => m[1]);
}

function assertSafe(plan: MigrationPlan, what: string): void {
    assert.deepEqual(
        plan.objects.filter((p) => p.action === Action.Replace).map((p) => p.id),
        [],
        what,
    );
    assert.deepEqual(plan.claimRisks, [], what);
    assert.deepEqual(plan.hazards, [], what);
    assert.deepEqual(plan.stepRules, [], what);
    assert.equal(plan.safe, true, what);
}

/** Even server counts (four and five members around a move) warn; expected on the grow path. */
const EVEN_SERVERS = /^warning: \[runtime\] ZooKeeperEnsemble "zk": the ensemble has [46] servers; /;

describe("examples/zookeeper-migration", function () {
    // A path is planned by rendering every step of it in this process: several renders, each a
    // second or more on a loaded machine.
    this.timeout(90_000);
    it("holds only the step files of its paths", () => {
        const stacks = fs.readdirSync(DIR).filter((f) => /^Pulumi\..+\.yaml$/.test(f) && f !== "Pulumi.yaml");
        assert.deepEqual(
            stacks.sort(),
            Object.keys(EXAMPLE_PATHS)
                .flatMap((p) => stepStacks(p).map((s) => `Pulumi.${s}.yaml`))
                .sort(),
        );
    });

    for (const [name, { argv, changes }] of Object.entries(EXAMPLE_PATHS)) {
        describe(`the ${name} path`, () => {
            const renders = new Map<string, RenderResult>();

            before(() =>
                withWarningsChecked(
                    async () => {
                        for (const step of stepStacks(name)) renders.set(step, await renderProgram(DIR, { stack: step }));
                    },
                    { allow: [EVEN_SERVERS] },
                ),
            );

            it("is exactly what plan --steps writes, with what each step does", async () => {
                allowWarning(EVEN_SERVERS);
                const out = fs.mkdtempSync(path.join(os.tmpdir(), "example-steps-"));
                let stdout = "";
                const code = await main(["plan", DIR, ...argv, "--steps", out, "--steps-stack", name], {
                    stdout: (t) => (stdout += t),
                    stderr: () => {},
                });
                assert.equal(code, 0);
                assert.deepEqual(
                    stdout.split("\n").slice(2, -1),
                    changes.map((c, i) => `  step ${i + 1}: ${c}`),
                );
                const written = fs.readdirSync(out).sort();
                assert.deepEqual(
                    written,
                    stepStacks(name)
                        .map((s) => `Pulumi.${s}.yaml`)
                        .sort(),
                );
                for (const file of written) {
                    assert.equal(fs.readFileSync(path.join(DIR, file), "utf8"), fs.readFileSync(path.join(out, file), "utf8"), file);
                }
            });

            it("renders every step as objects the Kubernetes schemas accept, the client endpoint fixed", () => {
                assert.equal(renders.size, changes.length + 1);
                for (const [step, r] of renders) {
                    assert.ok(r.resources.length >= 4, step);
                    for (const { object } of r.resources) assertValidObject(object);
                    assert.equal(r.outputs.clientEndpoint, "zk.default.svc.cluster.local:2181");
                }
            });

            it("plans every step and its roll-back as safe", () => {
                const stacks = stepStacks(name);
                for (let i = 1; i < stacks.length; i++) {
                    const [from, to] = [renders.get(stacks[i - 1])!, renders.get(stacks[i])!];
                    assertSafe(diffRenders(from.resources, to.resources), `${stacks[i - 1]} → ${stacks[i]}`);
                    assertSafe(diffRenders(to.resources, from.resources), `${stacks[i]} → ${stacks[i - 1]}`);
                }
            });
        });
    }
});
