import { strict as assert } from "assert";
import { validateEnsemble } from "../../../sdk/validate";
import { monitors } from "../../../sdk/plan/monitor";
import { MonitorArgs, StatefulEnsembleArgs } from "../../../sdk/api/args";
import { IN_CLUSTER, PORTS, ensembleArgs } from "../../helpers/fixtures";

const SELECTOR = { matchLabels: { "app.kubernetes.io/name": "zk", "app.kubernetes.io/instance": "zk" } };
const WITH_METRICS = [...PORTS, { name: "metrics", port: 7000 }];

function monitorsOf(mode: StatefulEnsembleArgs["mode"], monitor: MonitorArgs) {
    // In hybrid mode the pods hold the ordinals after the external members'.
    const inCluster = { ...IN_CLUSTER, startOrdinal: 3 };
    return monitors(validateEnsemble("zk", ensembleArgs(mode, { ports: WITH_METRICS, inCluster, monitor })));
}

describe("monitors", () => {
    it("renders nothing unless a monitor is asked for", () => {
        assert.deepEqual(monitors(validateEnsemble("zk", ensembleArgs("inCluster", { ports: WITH_METRICS }))), []);
    });

    it("renders a PodMonitor that selects the pods and scrapes the named port", () => {
        const [monitor, ...rest] = monitorsOf("hybrid", {
            kind: "PodMonitor",
            port: "metrics",
            interval: "15s",
            labels: { release: "kps" },
        });
        assert.equal(rest.length, 0);
        assert.equal(monitor.kind, "PodMonitor");
        assert.equal(monitor.apiVersion, "monitoring.coreos.com/v1");
        assert.equal(monitor.resourceName, "zk");
        assert.equal(monitor.body.metadata.labels.release, "kps");
        assert.deepEqual(monitor.body.spec, {
            selector: SELECTOR,
            podMetricsEndpoints: [{ port: "metrics", path: "/metrics", interval: "15s" }],
        });
    });

    it("renders no PodMonitor in external mode, where no pod runs", () => {
        assert.deepEqual(monitorsOf("external", { kind: "PodMonitor", port: "metrics" }), []);
    });

    it("renders a ServiceMonitor in every mode, so external members are scraped through the headless Service", () => {
        for (const mode of ["inCluster", "hybrid", "external"] as const) {
            const [monitor] = monitorsOf(mode, { kind: "ServiceMonitor", port: "metrics" });
            assert.equal(monitor.kind, "ServiceMonitor", mode);
            assert.deepEqual(monitor.body.spec, { selector: SELECTOR, endpoints: [{ port: "metrics", path: "/metrics" }] }, mode);
        }
    });
});
