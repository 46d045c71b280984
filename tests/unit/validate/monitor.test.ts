import { strict as assert } from "assert";
import { normaliseMonitor } from "../../../sdk/validate/monitor";
import { normalisePorts } from "../../../sdk/validate/ports";
import { MonitorArgs } from "../../../sdk/api/args";
import { Problems } from "../../../sdk/validate/problems";
import { problemsRecorded } from "../../helpers/problems";

const PORTS = new Map(
    normalisePorts(new Problems(), [
        { name: "client", port: 2181, client: true },
        { name: "metrics", port: 7000 },
    ]).map((p) => [p.name, p]),
);

describe("normaliseMonitor", () => {
    it("defaults the path to /metrics, keeps the interval and copies the labels", () => {
        const labels = { release: "prometheus" };
        const problems = new Problems();
        const spec = normaliseMonitor(problems, { kind: "ServiceMonitor", port: "metrics", interval: "30s", labels }, PORTS);
        assert.equal(problems.count, 0);
        assert.deepEqual(spec, { kind: "ServiceMonitor", port: "metrics", path: "/metrics", interval: "30s", labels });
        assert.notEqual(spec?.labels, labels);
    });

    it("lets a PodMonitor scrape a client port, which only the pods are asked for", () => {
        assert.deepEqual(
            problemsRecorded((p) => normaliseMonitor(p, { kind: "PodMonitor", port: "client" }, PORTS)),
            [],
        );
    });

    const refused: [string, unknown, string[]][] = [
        ["a block that is not an object", "yes", ['monitor "yes" is not an object with kind and port']],
        ["an unknown kind", { kind: "Probe", port: "metrics" }, ['monitor.kind "Probe" is not one of "PodMonitor", "ServiceMonitor"']],
        [
            "a port the ensemble lacks",
            { kind: "PodMonitor", port: "prom" },
            ['monitor.port "prom" is not the name of one of the ports (client, metrics)'],
        ],
        [
            "a client port for a ServiceMonitor",
            { kind: "ServiceMonitor", port: "client" },
            ['monitor.port "client" is a client port; a ServiceMonitor needs a port only the headless Service carries'],
        ],
        [
            "a relative path",
            { kind: "PodMonitor", port: "metrics", path: "metrics" },
            ['monitor.path "metrics" is not an HTTP path such as "/metrics"'],
        ],
        [
            "an interval that is not a Prometheus duration",
            { kind: "PodMonitor", port: "metrics", interval: "30 seconds" },
            ['monitor.interval "30 seconds" is not a Prometheus duration such as "30s" or "1m30s"'],
        ],
    ];
    for (const [what, monitor, expected] of refused) {
        it(`refuses ${what}`, () => {
            assert.deepEqual(
                problemsRecorded((p) => normaliseMonitor(p, monitor as MonitorArgs, PORTS)),
                expected,
            );
        });
    }
});
