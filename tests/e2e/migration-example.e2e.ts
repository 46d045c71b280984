/**
 * examples/zookeeper-migration, step by step as docs/migration.md applies it to one stack: the
 * generated grow path, VMs → three members added in the cluster one at a time → the VMs removed
 * one at a time, each step's `Pulumi.grow-step<N>.yaml` in turn, each checked by harness/switches.ts.
 */
import * as path from "node:path";
import { e2e } from "./harness/context";
import { Stack } from "./harness/stack";
import { SwitchRun } from "./harness/switches";

const EXAMPLE = path.resolve(__dirname, "..", "..", "examples", "zookeeper-migration");
const STEPS = [0, 1, 2, 3, 4, 5, 6].map((n) => `grow-step${n}`);

describe("examples/zookeeper-migration through the real Pulumi CLI and provider", function () {
    let run: SwitchRun;

    before(async function () {
        run = new SwitchRun(await Stack.create(e2e().pulumi, EXAMPLE, "migration"), "default", "zk");
    });

    after(async function () {
        if (run?.upSeconds.length) console.log(`      pulumi up, seconds per step: ${run.upSeconds.join("; ")}`);
        if (run?.refreshChanges.size) console.log(`      output paths a refresh changed: ${[...run.refreshChanges].sort().join("; ")}`);
    });

    for (const step of STEPS) {
        it(`applies ${step} exactly as planned`, async function () {
            await run.step(run.stack.stackFileConfig(step), step);
        });
    }

    it("destroys the stack and leaves the claims", async function () {
        await run.stack.destroy();
        const claims = (await e2e().kube.claims("default")).map((c) => c.metadata!.name!);
        for (const claim of run.claims) {
            if (!claims.includes(claim)) throw new Error(`claim ${claim} was deleted by destroy`);
        }
        await e2e().kube.deleteClaims("default");
        await run.stack.remove();
    });
});
