import { strict as assert } from "assert";
import { defaultProbes, normaliseProbe } from "../../../sdk/validate/probes";
import { PortSpec, ProbeSpec } from "../../../sdk/model/spec";
import { ProbeArgs } from "../../../sdk/api/args";
import { Problems } from "../../../sdk/validate/problems";
import { problemsRecorded } from "../../helpers/problems";

const port = (name: string, number: number, client: boolean): [string, PortSpec] => [
    name,
    { name, port: number, targetPort: number + 10_000, protocol: "TCP", client },
];
const PORTS = new Map([port("peer", 2888, false), port("client", 2181, true), port("admin", 8080, false)]);
const FALLBACK: ProbeSpec = { tcpPort: 12181, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 };
const normalise = (probe: ProbeArgs | undefined) => normaliseProbe(new Problems(), "inCluster.readinessProbe", probe, FALLBACK, PORTS);
const problemsOf = (probe: unknown) =>
    problemsRecorded((p) => normaliseProbe(p, "inCluster.readinessProbe", probe as ProbeArgs, FALLBACK, PORTS));

describe("defaultProbes", () => {
    it("checks TCP on the first client port's target; liveness waits longer and tolerates more failures", () => {
        assert.deepEqual(defaultProbes(PORTS), {
            readiness: { tcpPort: 12181, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3, initialDelaySeconds: 10 },
            liveness: { tcpPort: 12181, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 6, initialDelaySeconds: 30 },
        });
    });
});

describe("normaliseProbe", () => {
    it("gives the fallback for a probe left out", () => {
        assert.equal(normalise(undefined), FALLBACK);
    });

    it("turns port names into the ports' target numbers and keeps the fallback's timings", () => {
        assert.deepEqual(normalise({ httpGetPath: "/ready", httpPort: "admin" }), {
            tcpPort: undefined,
            httpGet: { path: "/ready", port: 18080 },
            exec: undefined,
            initialDelaySeconds: 10,
            periodSeconds: 10,
            timeoutSeconds: 5,
            failureThreshold: 3,
        });
        assert.deepEqual(normalise({ exec: ["true"], periodSeconds: 20, timeoutSeconds: 20 }), {
            tcpPort: undefined,
            httpGet: undefined,
            exec: ["true"],
            initialDelaySeconds: 10,
            periodSeconds: 20,
            timeoutSeconds: 20,
            failureThreshold: 3,
        });
    });

    it("accepts a timeout as long as the period", () => {
        assert.deepEqual(problemsOf({ tcpPort: "client", timeoutSeconds: 10, periodSeconds: 10 }), []);
    });

    const refused: [string, unknown, string[]][] = [
        ["no handler", {}, ["inCluster.readinessProbe must set exactly one of tcpPort, httpGetPath or exec (it sets 0)"]],
        [
            "two handlers",
            { tcpPort: "client", exec: ["true"] },
            ["inCluster.readinessProbe must set exactly one of tcpPort, httpGetPath or exec (it sets 2)"],
        ],
        [
            "an unknown port name",
            { tcpPort: "clients" },
            ['inCluster.readinessProbe.tcpPort "clients" is not the name of one of the ensemble\'s ports'],
        ],
        [
            "an HTTP probe without a port",
            { httpGetPath: "/ok" },
            ["inCluster.readinessProbe.httpPort undefined is not the name of one of the ensemble's ports"],
        ],
        [
            "a relative HTTP path",
            { httpGetPath: "ok", httpPort: "admin" },
            ["inCluster.readinessProbe.httpGetPath \"ok\" must be an absolute path starting with '/'"],
        ],
        ["an empty command", { exec: [] }, ["inCluster.readinessProbe.exec must be a non-empty command"]],
        [
            "a period of zero and a negative delay",
            { tcpPort: "client", periodSeconds: 0, initialDelaySeconds: -1 },
            [
                "inCluster.readinessProbe.initialDelaySeconds -1 is out of range: it must be at least 0",
                "inCluster.readinessProbe.periodSeconds 0 is out of range: it must be at least 1",
            ],
        ],
        [
            "a failure threshold past int32",
            { tcpPort: "client", failureThreshold: 2_147_483_648 },
            ["inCluster.readinessProbe.failureThreshold 2147483648 is more than 2147483647, the largest value of this 32-bit field"],
        ],
        [
            "a timeout longer than the period",
            { tcpPort: "client", timeoutSeconds: 6, periodSeconds: 5 },
            [
                "inCluster.readinessProbe.timeoutSeconds 6 is longer than periodSeconds 5: a probe would still be running when the next one starts",
            ],
        ],
        [
            "a timeout longer than the fallback's period",
            { tcpPort: "client", timeoutSeconds: 11 },
            [
                "inCluster.readinessProbe.timeoutSeconds 11 is longer than periodSeconds 10: a probe would still be running when the next one starts",
            ],
        ],
    ];
    for (const [what, probe, expected] of refused) {
        it(`refuses ${what}`, () => {
            assert.deepEqual(problemsOf(probe), expected);
        });
    }
});
