/**
 * The data path, for real: kube-proxy (built with the control plane) programs a node namespace of
 * the test's own from the component's Services and EndpointSlices, "VM" namespaces answer on the
 * external members' addresses, and a client on the node connects to the client Service's
 * ClusterIP one connection after another while the root program goes external → hybrid and one
 * external member's address changes. Not one connection may fail, the ClusterIP may not change,
 * and afterwards the connections reach exactly the members `clientTraffic` names.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { e2e } from "./harness/context";
import { eventually } from "./harness/kube";
import { Client, Connection, NodeNetwork, dataPathMissing } from "./harness/node-network";
import { Stack } from "./harness/stack";

const REPO = path.resolve(__dirname, "..", "..");
const NAMESPACE = "e2e-data-path";
const PORT = 2181;
/** The VMs' addresses: member ordinal = place in the list. */
const ADDRESSES = ["10.123.0.10", "10.123.0.11", "10.123.0.12"];
/** Member 1's VM gets this address; it answers on the old one too until the switch is over. */
const MOVED = "10.123.1.11";
const MOVED_ORDINAL = 1;
/**
 * A new connection every 5 ms, each to its end: a steady stream of about 200 a second through
 * every moment of the switch, without filling the node's connection-tracking table.
 */
const INTERVAL_MS = 5;
/** Connections counted before the switch starts and after it has settled. */
const SAMPLE = 200;

const EXTERNAL = { namespace: NAMESPACE, mode: "external", externalAddresses: ADDRESSES.join(",") };
/** zk-3 joins as a pod; clients stay on the VMs (the pod runs no server: kwok's pods do not). */
const HYBRID = { ...EXTERNAL, mode: "hybrid", replicas: "1", startOrdinal: "3", clientTraffic: "external" };
const MOVED_ADDRESSES = ADDRESSES.map((a, i) => (i === MOVED_ORDINAL ? MOVED : a));

/** The answers a member gives: `zk-<ordinal> <address>`. */
const answers = (addresses: readonly string[]) => addresses.map((a, i) => `zk-${i} ${a}`).sort();
const distinct = (connections: readonly Connection[]) => [...new Set(connections.filter((c) => c.ok).map((c) => c.answer))].sort();
const now = () => Date.now() / 1000;

describe("the client Service's data path through a real kube-proxy", function () {
    let stack: Stack | undefined;
    let net: NodeNetwork | undefined;
    let client: Client | undefined;
    let clusterIP = "";
    let mode = "";
    const report: string[] = [];

    before(async function () {
        const missing = dataPathMissing();
        if (missing) {
            console.log(`      SKIPPED: the data-path test: ${missing}`);
            this.skip();
        }
        await e2e().kube.restrictedNamespace(NAMESPACE);
        net = NodeNetwork.create(e2e().cluster.serviceCidr);
        for (const [i, address] of ADDRESSES.entries()) {
            await net.addVm(`zk-${i}`, PORT);
            net.addAddress(i, address);
        }
        const kubeconfig = await net.forwardApiServer(e2e().cluster);
        const chosen = net.proxyMode();
        mode = chosen.mode;
        report.push(`kube-proxy mode ${mode} (${chosen.reason})`);
        await net.startKubeProxy(kubeconfig, chosen.mode, e2e().cluster.podCidr);
        stack = await Stack.create(e2e().pulumi, REPO, "data-path", ["Pulumi.yaml", "index.ts"]);
    });

    afterEach(function () {
        if (this.currentTest?.state === "failed" && net) process.stderr.write(`\ndata-path logs:\n${net.logTails()}\n`);
    });

    after(async function () {
        await client?.stop();
        await net?.destroy();
        if (report.length) console.log(`      ${report.join("\n      ")}`);
        if (stack) {
            await stack.destroy();
            await e2e().kube.deleteClaims(NAMESPACE);
            await stack.remove();
        }
    });

    async function clientServiceIP(): Promise<string> {
        return (await e2e().kube.service(NAMESPACE, "zk"))!.spec!.clusterIP!;
    }

    it("reaches the three VMs through the ClusterIP in external mode", async function () {
        await stack!.configure(EXTERNAL);
        report.push(`pulumi up external: ${(await stack!.up()).seconds.toFixed(1)} s`);
        clusterIP = await clientServiceIP();
        await eventually(`kube-proxy (${mode}) to route ${clusterIP}:${PORT}`, async () => net!.once(clusterIP, PORT), 60_000, 500);
        client = net!.connectContinuously(clusterIP, PORT, INTERVAL_MS);
        const started = now();
        await eventually(`${SAMPLE} connections`, async () => (client!.since(started).length >= SAMPLE ? true : undefined));
        assert.deepEqual(distinct(client.since(started)), answers(ADDRESSES));
    });

    it("loses no connection while the stack goes hybrid and a member's address changes", async function () {
        assert.ok(client, "the client did not start");
        const hybrid = await stack!.configure(HYBRID).then(() => stack!.up());
        assert.equal(await clientServiceIP(), clusterIP, "the ClusterIP changed with the switch to hybrid");
        // The VM answers on its new address before the stack names it, as a moved server would.
        net!.addAddress(MOVED_ORDINAL, MOVED);
        const moved = await stack!.configure({ ...HYBRID, externalAddresses: MOVED_ADDRESSES.join(",") }).then(() => stack!.up());
        assert.equal(await clientServiceIP(), clusterIP, "the ClusterIP changed with the address");
        report.push(`pulumi up hybrid: ${hybrid.seconds.toFixed(1)} s; address change: ${moved.seconds.toFixed(1)} s`);

        // kube-proxy applies the new slices within its sync period; from then on, and for the
        // next SAMPLE connections, only the members clientTraffic names answer.
        const ended = now();
        const settled = await eventually(
            "connections to reach only the VMs at their current addresses",
            async () => {
                const recent = client!.connections.slice(-50);
                return recent.length === 50 && recent[0].at >= ended && distinct(recent).join() === answers(MOVED_ADDRESSES).join()
                    ? recent[0].at
                    : undefined;
            },
            60_000,
        );
        await eventually(`${SAMPLE} connections after the switch settled`, async () =>
            client!.since(settled).length >= SAMPLE ? true : undefined,
        );
        await client!.stop();
        const all = client!.connections;
        const failed = all.filter((c) => !c.ok);
        const after = client!.since(settled);
        report.push(
            `connections: ${all.length} in ${(all[all.length - 1].at - all[0].at).toFixed(1)} s, ${failed.length} failed; ` +
                `${after.length} after the switch settled (${(settled - ended).toFixed(1)} s after the last up) reached ${distinct(after).join(", ")}`,
        );
        assert.deepEqual(
            failed.slice(0, 5).map((c) => c.answer),
            [],
            `${failed.length} of ${all.length} connections failed`,
        );
        assert.deepEqual(distinct(after), answers(MOVED_ADDRESSES));
        assert.ok(!after.some((c) => c.answer.endsWith(` ${ADDRESSES[MOVED_ORDINAL]}`)), "a connection still reached the old address");
    });
});
