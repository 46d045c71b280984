/** `stateful-ensemble plan`: the command line around the planner, and `planMigration` itself. */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { UNSAFE_PLAN_EXIT_CODE, planMigration } from "../../../../sdk";
import { main, splitPairs } from "../../../../sdk/tools/render/cli";
import { SIX_SERVERS, expectWarning } from "../../../helpers/warnings";

const TUNABLE = path.join("tests", "fixtures", "tunable");
const EXAMPLE = path.join("examples", "zookeeper-migration");

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = "";
    let stderr = "";
    const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    return { code, stdout, stderr };
}

const lastLine = (text: string) => text.trimEnd().split("\n").pop();

describe("stateful-ensemble plan", () => {
    it("keeps comma-separated lists whole in --from and --to", () => {
        assert.deepEqual(splitPairs("to", "mode=hybrid,externalAddresses=10.0.0.10,10.0.0.11,replicas=2"), [
            "mode=hybrid",
            "externalAddresses=10.0.0.10,10.0.0.11",
            "replicas=2",
        ]);
        assert.deepEqual(splitPairs("to", "externalAddresses="), ["externalAddresses="]);
        assert.throws(() => splitPairs("from", "10.0.0.10,mode=x"), /--from "10.0.0.10,mode=x" does not start with key=value/);
    });

    it("prints a safe plan and exits 0 for a step of the example", async () => {
        expectWarning(SIX_SERVERS);
        const grown = "mode=hybrid,startOrdinal=3,replicas=3";
        const { code, stdout, stderr } = await run(
            "plan",
            EXAMPLE,
            "--from",
            `${grown},clientTraffic=external`,
            "--to",
            `${grown},clientTraffic=inCluster`,
        );
        assert.equal(stderr, "");
        assert.equal(code, 0);
        assert.match(
            stdout,
            /^Plan for examples\/zookeeper-migration: mode=hybrid \+ startOrdinal=3 \+ replicas=3 \+ clientTraffic=external → /,
        );
        assert.match(stdout, /\n {2}delete {5}discovery\.k8s\.io\/v1 EndpointSlice default\/zk-ext-ipv4-0\n/);
        assert.equal(lastLine(stdout), "Verdict: safe: 0 to create, 1 to update, 1 to delete, 0 to replace, no claim at risk.");
    });

    it("accepts every step of ZooKeeper's rolling upgrade to TLS as safe: updates and rolling restarts, no replacement", async () => {
        const production = path.join("examples", "zookeeper-production");
        const stages = ["plaintext", "portUnification", "quorumTls", "strict"];
        for (let i = 1; i < stages.length; i++) {
            const { code, stdout, stderr } = await run(
                "plan",
                production,
                "--from",
                `tlsStage=${stages[i - 1]}`,
                "--to",
                `tlsStage=${stages[i]}`,
            );
            assert.equal(stderr, "", stages[i]);
            assert.equal(code, 0, stdout);
            assert.match(stdout, /\n {2}update {5}apps\/v1 StatefulSet data\/zk\n/, stdout);
            assert.match(lastLine(stdout) ?? "", /^Verdict: safe: .* 0 to replace, no claim at risk\.$/, stdout);
        }
    });

    it("combines a stack's file with --to pairs and --config for both sides", async () => {
        const { code, stdout } = await run(
            "plan",
            EXAMPLE,
            "--from-stack",
            "grow-step3",
            "--from",
            "clientTraffic=inCluster",
            "--to-stack",
            "grow-step3",
            "--config",
            "replicas=4",
        );
        assert.equal(code, 0);
        assert.match(stdout, /: stack grow-step3 \+ replicas=4 \+ clientTraffic=inCluster → stack grow-step3 \+ replicas=4\n/);
        assert.match(stdout, /\n {2}create {5}discovery\.k8s\.io\/v1 EndpointSlice default\/zk-ext-ipv4-0\n/);
        assert.match(stdout, /\n {2}unchanged {2}apps\/v1 StatefulSet default\/zk\n/);
    });

    it(`exits ${UNSAFE_PLAN_EXIT_CODE} and says REPLACE when a switch changes a field that forces a replacement`, async () => {
        const { code, stdout } = await run("plan", TUNABLE, "--to", "podManagementPolicy=Parallel");
        assert.equal(code, UNSAFE_PLAN_EXIT_CODE);
        assert.match(
            stdout,
            /\n {2}REPLACE {4}apps\/v1 StatefulSet default\/zk\n {15}spec\.podManagementPolicy: "OrderedReady" → "Parallel" {2}\(forces replacement: spec\.podManagementPolicy is immutable in the Kubernetes API\)\n/,
        );
        assert.match(lastLine(stdout)!, /^Verdict: UNSAFE: .*1 to replace/);
    });

    it(`exits ${UNSAFE_PLAN_EXIT_CODE} when claims could be lost: a StatefulSet deleted with whenDeleted Delete`, async () => {
        const { code, stdout } = await run("plan", TUNABLE, "--config", "whenDeleted=Delete", "--to", "mode=external,allowDataLoss=true");
        assert.equal(code, UNSAFE_PLAN_EXIT_CODE);
        assert.match(
            stdout,
            /\nClaims at risk:\n {2}apps\/v1 StatefulSet default\/zk: data-zk-\{0\.\.2\}: the StatefulSet is deleted and its claims' whenDeleted retention is Delete\n/,
        );
        assert.match(lastLine(stdout)!, /3 claims at risk/);
    });

    it(`exits ${UNSAFE_PLAN_EXIT_CODE} when members leave the StatefulSet with whenScaled Delete`, async () => {
        const { code, stdout } = await run(
            "plan",
            TUNABLE,
            "--config",
            "whenScaled=Delete",
            "--from",
            "mode=inCluster",
            "--to",
            "mode=hybrid,startOrdinal=1,replicas=2,externalAddresses=10.0.0.10",
        );
        assert.equal(code, UNSAFE_PLAN_EXIT_CODE);
        assert.match(stdout, /data-zk-0: member 0 leaves the StatefulSet's ordinal range and the whenScaled retention is Delete/);
    });

    it(`exits ${UNSAFE_PLAN_EXIT_CODE} when a Service would lose its selector (legacy Endpoints)`, async () => {
        const { code, stdout } = await run("plan", TUNABLE, "--config", "legacyEndpoints=true", "--to", "mode=external");
        assert.equal(code, UNSAFE_PLAN_EXIT_CODE);
        assert.match(stdout, /\nHazards:\n {2}v1 Service default\/zk loses its selector/);
    });

    it("names the side whose configuration is refused, exit code 1", async () => {
        const { code, stdout, stderr } = await run(
            "plan",
            EXAMPLE,
            "--from-stack",
            "vms-to-cluster-step0",
            "--to",
            "mode=hybrid,startOrdinal=0",
        );
        assert.equal(code, 1);
        assert.equal(stdout, "");
        assert.equal(
            stderr,
            'error: the to configuration (mode=hybrid + startOrdinal=0) is refused: ZooKeeperEnsemble "zk": external.members place ordinals 0, 1, 2 that the in-cluster range [0, 3) also holds; a member lives in one place\n',
        );
    });

    it("refuses command-line mistakes with exit code 2", async () => {
        assert.equal((await run("plan", EXAMPLE, "other")).code, 2);
        assert.equal((await run("plan", EXAMPLE, "--to", "hybrid")).stderr, 'error: --to "hybrid" does not start with key=value\n');
        assert.equal(
            (await run("plan", EXAMPLE, "--from-stack", "a", "--from-stack", "b")).stderr,
            "error: --from-stack may be given once\n",
        );
        assert.equal((await run("plan", EXAMPLE, "--stack", "a")).code, 2);
    });

    it("is a function too, returning the plan, both renders and the report", async () => {
        const migration = await planMigration(EXAMPLE, { from: { stack: "vms-to-cluster-step0" }, to: { stack: "vms-to-cluster-step1" } });
        assert.equal(migration.plan.safe, true);
        assert.equal(migration.before.resources.length, 4);
        assert.equal(migration.after.resources.length, 8);
        assert.deepEqual(migration.plan.claimMounts, [{ statefulSet: "apps/v1 StatefulSet default/zk", claims: ["data-zk-2"] }]);
        assert.equal(lastLine(migration.report), "Verdict: safe: 4 to create, 4 to update, 0 to delete, 0 to replace, no claim at risk.");
    });
    it("prints the new value of each changed output, a secret one redacted, a removed one as removed", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "se-outputs-"));
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: outputs\nruntime: nodejs\n");
        fs.writeFileSync(
            path.join(dir, "index.ts"),
            [
                'import * as pulumi from "@pulumi/pulumi";',
                'import * as k8s from "@pulumi/kubernetes";',
                "const config = new pulumi.Config();",
                'new k8s.core.v1.ServiceAccount("sa", { metadata: { name: "sa" } });',
                'export const size = Number(config.get("size") ?? 1);',
                'export const password = pulumi.secret(config.get("password") ?? "old-password");',
                'export const note = config.get("note");',
                "",
            ].join("\n"),
        );
        const { code, stdout } = await run("plan", dir, "--from", "note=kept", "--to", "size=2,password=new-password");
        assert.equal(code, 0);
        assert.match(stdout, /\nOutputs changed, with their new values:\n {2}size: 2\n {2}password: "<redacted>"\n {2}note: \(removed\)\n/);
        // The title repeats the command line; the report never prints the secret's value.
        assert.ok(!stdout.slice(stdout.indexOf("\n")).includes("new-password"));
    });

    describe("step rules", () => {
        it("exits 3 when the three in-cluster members move out and three new ones join in one step, naming each rule and the next safe step", async () => {
            expectWarning(SIX_SERVERS);
            const { code, stdout, stderr } = await run("plan", ".", "--from", "mode=inCluster", "--to", "mode=hybrid,startOrdinal=3");
            assert.equal(stderr, "");
            assert.equal(code, UNSAFE_PLAN_EXIT_CODE);
            assert.match(stdout, /\nStep rules broken for default\/zk \(membership majority\):\n/);
            assert.match(
                stdout,
                /\n {2}voters: zk-3 \(in the cluster\), zk-4 \(in the cluster\), zk-5 \(in the cluster\): the step adds zk-3, zk-4, zk-5: 3 → 6 voters\./,
            );
            assert.match(
                stdout,
                /\n {2}data: zk-0 \(10\.0\.0\.10\), zk-1 \(10\.0\.0\.11\), zk-2 \(10\.0\.0\.12\): 3 members change place at once/,
            );
            assert.match(stdout, /\n {2}clients: .*none is serving while they start/);
            assert.match(
                stdout,
                /\n {2}Next safe step: move zk-0 from the cluster to 10\.0\.0\.10 \(the shortest safe path takes 6 steps; plan --steps <dir> writes them\)\n/,
            );
            assert.match(lastLine(stdout)!, /^Verdict: UNSAFE: .*, 3 step rules broken\. Do not apply as it is\.$/);
        });

        it("exits 3 when every VM moves into the cluster at once", async () => {
            const { code, stdout } = await run("plan", ".", "--from", "mode=external", "--to", "mode=inCluster");
            assert.equal(code, UNSAFE_PLAN_EXIT_CODE);
            assert.match(
                stdout,
                /\n {2}data: zk-0 \(in the cluster\), zk-1 \(in the cluster\), zk-2 \(in the cluster\): 3 members change place at once/,
            );
            assert.match(stdout, /only 0 of 3 members keep their data, not a majority \(2\)/);
            assert.match(
                stdout,
                /\n {2}Next safe step: move zk-2 from 10\.0\.0\.12 into the cluster \(the shortest safe path takes 3 steps/,
            );
        });

        it("exits 0 for a step that adds one member in the cluster", async () => {
            expectWarning(/the ensemble has 4 servers/);
            const { code, stdout } = await run("plan", ".", "--from", "mode=external", "--to", "mode=hybrid,replicas=1,startOrdinal=3");
            assert.equal(code, 0);
            assert.doesNotMatch(stdout, /Step rules/);
            assert.equal(lastLine(stdout), "Verdict: safe: 4 to create, 2 to update, 0 to delete, 0 to replace, no claim at risk.");
        });

        it("writes the safe path with --steps and exits 0", async () => {
            const out = fs.mkdtempSync(path.join(os.tmpdir(), "plan-steps-"));
            const { code, stdout, stderr } = await run(
                "plan",
                ".",
                "--from",
                "mode=external",
                "--to",
                "mode=inCluster",
                "--steps",
                out,
                "--steps-stack",
                "in",
            );
            assert.equal(stderr, "");
            assert.equal(code, 0);
            assert.equal(
                stdout,
                [
                    `Safe path for zk in 3 steps, each planned safe: Pulumi.in-step0.yaml to Pulumi.in-step3.yaml in ${out}`,
                    "  step 0: where it starts",
                    "  step 1: move zk-2 from 10.0.0.12 into the cluster",
                    "  step 2: move zk-1 from 10.0.0.11 into the cluster",
                    "  step 3: move zk-0 from 10.0.0.10 into the cluster",
                    "",
                ].join("\n"),
            );
            assert.deepEqual(
                fs.readdirSync(out).sort(),
                [0, 1, 2, 3].map((i) => `Pulumi.in-step${i}.yaml`),
            );
        });

        it("names the side whose configuration --steps cannot render, exit code 1", async () => {
            const out = fs.mkdtempSync(path.join(os.tmpdir(), "plan-steps-"));
            const { code, stderr } = await run("plan", ".", "--to", "mode=hybrid,startOrdinal=0", "--steps", out);
            assert.equal(code, 1);
            assert.match(
                stderr,
                /^error: the to configuration \(mode=hybrid \+ startOrdinal=0\) is refused: ZooKeeperEnsemble "zk": external\.members place ordinals 0, 1, 2/,
            );
            assert.deepEqual(fs.readdirSync(out), []);
        });

        it("refuses --steps-stack without --steps, exit code 2", async () => {
            const { code, stderr } = await run("plan", ".", "--steps-stack", "in");
            assert.equal(code, 2);
            assert.equal(stderr, "error: --steps-stack names the files --steps writes; give --steps too\n");
        });
    });
});
