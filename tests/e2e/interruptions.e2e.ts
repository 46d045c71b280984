/**
 * A switch interrupted halfway recovers with the CLI's own commands and loses nothing: the CLI
 * killed (SIGKILL) in the middle of `hybrid → inCluster`, and the API server stopped and started
 * again in the middle of `inCluster → hybrid`. After the recovery of docs/operations.md, the
 * stack converges and everything harness/switches.ts checks after a step holds.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { startApiServer, stopApiServer } from "./harness/cluster";
import { e2e } from "./harness/context";
import { alive, descendants, killGroup, killPids } from "./harness/pulumi";
import { Stack } from "./harness/stack";
import { SwitchRun } from "./harness/switches";

const REPO = path.resolve(__dirname, "..", "..");
const NAMESPACE = "e2e-interrupt";
const BASE = { namespace: NAMESPACE, externalAddresses: "10.0.0.10,2001:db8::11" };
const HYBRID = { ...BASE, mode: "hybrid", startOrdinal: "2", replicas: "1" };
const IN_CLUSTER = { ...BASE, mode: "inCluster" };

describe("an interrupted switch", function () {
    let run: SwitchRun;

    before(async function () {
        await e2e().kube.restrictedNamespace(NAMESPACE);
        run = new SwitchRun(await Stack.create(e2e().pulumi, REPO, "interrupt", ["Pulumi.yaml", "index.ts"]), NAMESPACE, "zk");
        await run.step(HYBRID, "hybrid");
    });

    after(async function () {
        await run?.stack.destroy();
        await e2e().kube.deleteClaims(NAMESPACE);
        await run?.stack.remove();
    });

    it("recovers after the CLI is killed in the middle of hybrid → inCluster", async function () {
        await run.stack.configure(IN_CLUSTER);
        let below: number[] = [];
        const killed = await run.stack.upInterrupted((cli) => {
            // What a killed CLI leaves running (its language host, the program, the provider)
            // goes too, as it would with the terminal that ran it. The CLI starts its plugins in
            // process groups of their own: they are noted before the CLI dies and leaves them to init.
            below = descendants(cli.pid!);
            cli.kill("SIGKILL");
            setTimeout(() => {
                killGroup(cli, "SIGKILL");
                killPids(below, "SIGKILL");
            }, 200);
        });
        assert.equal(killed.code, null, "the CLI was not killed mid-update");
        assert.ok(below.length > 0, "the CLI had no language host or provider running");
        for (let waited = 0; waited < 5000 && below.some(alive); waited += 100) await sleep(100);
        assert.deepEqual(below.filter(alive), [], "processes of the killed CLI are still running 5 s later");
        await run.stack.recover();
        await run.assertConverged(IN_CLUSTER);
    });

    it("recovers after the API server stops and starts again in the middle of inCluster → hybrid", async function () {
        await run.stack.configure(HYBRID);
        let restarted: Promise<void> | undefined;
        const interrupted = await run.stack.upInterrupted(() => {
            restarted = (async () => {
                stopApiServer(e2e().cluster);
                await sleep(3000);
                startApiServer(e2e().cluster);
            })();
        });
        await restarted;
        // The up may have failed on the outage or ridden it out; the recovery is the same.
        console.log(`      the interrupted up exited with ${interrupted.code} after ${interrupted.seconds.toFixed(1)} s`);
        await run.stack.recover();
        await run.assertConverged(HYBRID);
    });
});
