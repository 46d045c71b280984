import { strict as assert } from "assert";
import { validateEnsemble } from "../../../sdk/validate";
import { EnsembleArgsError } from "../../../sdk/validate/problems";
import { StatefulEnsembleArgs } from "../../../sdk/api/args";
import { ianaServiceNameProblem } from "../../../sdk/validate/grammar/dns";
import { EXTERNAL, IN_CLUSTER, PORTS, ensembleArgs } from "../../helpers/fixtures";

/** The problems validation reports for these arguments (none when they are accepted). */
function problemsOf(args: StatefulEnsembleArgs, name = "zk"): readonly string[] {
    try {
        validateEnsemble(name, args);
        return [];
    } catch (err) {
        assert.ok(err instanceof EnsembleArgsError, `expected EnsembleArgsError, got ${err}`);
        return err.problems;
    }
}

type Case = [title: string, args: StatefulEnsembleArgs, problem: string, name?: string];

const long = "a".repeat(53);
const cases: Case[] = [
    [
        "a name with capitals",
        ensembleArgs("inCluster"),
        `name "ZK" is not a valid Kubernetes name: lowercase letters, digits and '-', starting with a letter and ending with a letter or digit; character 1 is "Z"`,
        "ZK",
    ],
    [
        "a name starting with a digit",
        ensembleArgs("inCluster"),
        `name "1zk" is not a valid Kubernetes name: lowercase letters, digits and '-', starting with a letter and ending with a letter or digit`,
        "1zk",
    ],
    ["a name longer than 52 characters", ensembleArgs("inCluster"), `name "${long}" is 53 characters long; the limit is 52`, long],
    ["an empty name", ensembleArgs("inCluster"), `name "" is not a name: it must be a non-empty string`, ""],
    [
        "a namespace with an underscore",
        ensembleArgs("inCluster", { namespace: "my_ns" }),
        `namespace "my_ns" is not a valid Kubernetes name: lowercase letters, digits and '-', starting with a lowercase letter or digit and ending with a letter or digit; character 3 is "_"`,
    ],
    ["an unknown mode", ensembleArgs("sideways" as never), `mode "sideways" is not one of "inCluster", "external", "hybrid"`],
    [
        "an unknown clientTraffic",
        ensembleArgs("hybrid", { clientTraffic: "some" as never }),
        `clientTraffic "some" is not one of "all", "inCluster", "external"`,
    ],
    [
        "an unknown membership",
        ensembleArgs("inCluster", { membership: "quorum" as never }),
        `membership "quorum" is not one of "majority", "replicated", "independent"`,
    ],
    [
        "external traffic in inCluster mode",
        ensembleArgs("inCluster", { clientTraffic: "external" }),
        `clientTraffic is "external" but inCluster mode has no external members to send it to`,
    ],
    [
        "in-cluster traffic in external mode",
        ensembleArgs("external", { clientTraffic: "inCluster" }),
        `clientTraffic is "inCluster" but external mode has no in-cluster members to send it to`,
    ],
    ["no ports", ensembleArgs("inCluster", { ports: [] }), "ports must list at least one port"],
    [
        "no client port",
        ensembleArgs("inCluster", { ports: [{ name: "peer", port: 2888 }] }),
        "ports has no client port: mark at least one port `client: true` for the client Service",
    ],
    [
        "a port name over 15 characters",
        ensembleArgs("inCluster", { ports: [{ name: "a-very-long-port-name", port: 1, client: true }] }),
        `ports[0].name "a-very-long-port-name" is 21 characters long; a port name holds at most 15`,
    ],
    [
        "a port name in capitals",
        ensembleArgs("inCluster", { ports: [{ name: "Client", port: 2181, client: true }] }),
        `ports[0].name "Client" may only contain lowercase letters, digits and '-'; character 1 is "C"`,
    ],
    [
        "a port name without a letter",
        ensembleArgs("inCluster", { ports: [{ name: "2181", port: 2181, client: true }] }),
        `ports[0].name "2181" must contain at least one letter`,
    ],
    [
        "a port name with a leading '-'",
        ensembleArgs("inCluster", { ports: [{ name: "-client", port: 2181, client: true }] }),
        `ports[0].name "-client" may not start or end with '-'`,
    ],
    [
        "a port name with '--'",
        ensembleArgs("inCluster", { ports: [{ name: "cli--ent", port: 2181, client: true }] }),
        `ports[0].name "cli--ent" may not contain '--'`,
    ],
    [
        "port 0",
        ensembleArgs("inCluster", { ports: [{ name: "client", port: 0, client: true }] }),
        "ports[0].port 0 is out of range: it must be from 1 to 65535",
    ],
    [
        "port 65536",
        ensembleArgs("inCluster", { ports: [{ name: "client", port: 65536, client: true }] }),
        "ports[0].port 65536 is out of range: it must be from 1 to 65535",
    ],
    [
        "a fractional port",
        ensembleArgs("inCluster", { ports: [{ name: "client", port: 21.5, client: true }] }),
        "ports[0].port 21.5 is not an integer",
    ],
    [
        "a targetPort out of range",
        ensembleArgs("inCluster", { ports: [{ name: "client", port: 2181, targetPort: 70000, client: true }] }),
        "ports[0].targetPort 70000 is out of range: it must be from 1 to 65535",
    ],
    [
        "an unknown protocol",
        ensembleArgs("inCluster", { ports: [{ name: "client", port: 2181, protocol: "QUIC" as never, client: true }] }),
        `ports[0].protocol "QUIC" is not one of "TCP", "UDP", "SCTP"`,
    ],
    [
        "a duplicate port name",
        ensembleArgs("inCluster", { ports: [...PORTS, { name: "client", port: 9000 }] }),
        `ports[3].name "client" is also the name of ports[0]`,
    ],
    [
        "a duplicate port number",
        ensembleArgs("inCluster", { ports: [...PORTS, { name: "admin", port: 2181 }] }),
        "ports[3].port 2181/TCP is also the port of ports[0]",
    ],
    [
        "a duplicate target port",
        ensembleArgs("inCluster", { ports: [...PORTS, { name: "admin", port: 9000, targetPort: 2888 }] }),
        "ports[3].targetPort 2888/TCP is also the target port of ports[1]",
    ],
    ["inCluster mode without its block", { mode: "inCluster", ports: PORTS }, "inCluster is required in inCluster mode"],
    ["external mode without its block", { mode: "external", ports: PORTS }, "external is required in external mode"],
    [
        "hybrid mode without the external block",
        { mode: "hybrid", ports: PORTS, inCluster: IN_CLUSTER },
        "external is required in hybrid mode",
    ],
    [
        "a missing image",
        ensembleArgs("inCluster", { inCluster: { ...IN_CLUSTER, image: "" } }),
        `inCluster.image is required: the image the servers run, e.g. "registry.example.com/team/server:1.0"`,
    ],
    [
        "zero replicas",
        ensembleArgs("inCluster", { inCluster: { ...IN_CLUSTER, replicas: 0 } }),
        "inCluster.replicas 0 is out of range: it must be from 1 to 10000",
    ],
    [
        "a negative start ordinal",
        ensembleArgs("inCluster", { inCluster: { ...IN_CLUSTER, startOrdinal: -1 } }),
        "inCluster.startOrdinal -1 is out of range: it must be at least 0",
    ],
    [
        "a negative partition",
        ensembleArgs("inCluster", { inCluster: { ...IN_CLUSTER, partition: -2 } }),
        "inCluster.partition -2 is out of range: it must be at least 0",
    ],
    [
        "root without allowRoot",
        ensembleArgs("inCluster", { inCluster: { ...IN_CLUSTER, runAsUser: 0 } }),
        `inCluster.runAsUser is 0 (root), which the restricted Pod Security Standard forbids; set allowRoot: true to run as root anyway`,
    ],
    [
        "a storage size that is not a quantity",
        ensembleArgs("inCluster", { inCluster: { ...IN_CLUSTER, storage: { size: "10 GB" } } }),
        `inCluster.storage.size "10 GB" is not a positive Kubernetes quantity such as "10Gi"`,
    ],
    [
        "a zero storage size",
        ensembleArgs("inCluster", { inCluster: { ...IN_CLUSTER, storage: { size: "0Gi" } } }),
        `inCluster.storage.size "0Gi" is not a positive Kubernetes quantity such as "10Gi"`,
    ],
    [
        "a relative mount path",
        ensembleArgs("inCluster", { inCluster: { ...IN_CLUSTER, storage: { size: "1Gi", mountPath: "data" } } }),
        `inCluster.storage.mountPath "data" must be an absolute path without ':'`,
    ],
    [
        "an unknown access mode",
        ensembleArgs("inCluster", { inCluster: { ...IN_CLUSTER, storage: { size: "1Gi", accessModes: ["RWO"] } } }),
        `inCluster.storage.accessModes[0] "RWO" is not one of ReadWriteOnce, ReadOnlyMany, ReadWriteMany, ReadWriteOncePod`,
    ],
    [
        "a probe with two handlers",
        ensembleArgs("inCluster", { inCluster: { ...IN_CLUSTER, readinessProbe: { tcpPort: "client", exec: ["true"] } } }),
        "inCluster.readinessProbe must set exactly one of tcpPort, httpGetPath or exec (it sets 2)",
    ],
    [
        "a probe on an unknown port",
        ensembleArgs("inCluster", { inCluster: { ...IN_CLUSTER, livenessProbe: { tcpPort: "admin" } } }),
        `inCluster.livenessProbe.tcpPort "admin" is not the name of one of the ensemble's ports`,
    ],
    [
        "a probe timing out after its period",
        ensembleArgs("inCluster", {
            inCluster: { ...IN_CLUSTER, readinessProbe: { tcpPort: "client", periodSeconds: 5, timeoutSeconds: 10 } },
        }),
        "inCluster.readinessProbe.timeoutSeconds 10 is longer than periodSeconds 5: a probe would still be running when the next one starts",
    ],
    [
        "an env variable the component sets",
        ensembleArgs("inCluster", { inCluster: { ...IN_CLUSTER, env: [{ name: "POD_NAME", value: "x" }] } }),
        `inCluster.env[0].name "POD_NAME" is set by the component from the downward API`,
    ],
    [
        "a duplicate env variable",
        ensembleArgs("inCluster", {
            inCluster: {
                ...IN_CLUSTER,
                env: [
                    { name: "A", value: "1" },
                    { name: "A", value: "2" },
                ],
            },
        }),
        `inCluster.env[1].name "A" is also the name of env[0]`,
    ],
    [
        "an external address that is a DNS name",
        ensembleArgs("external", { external: { members: [{ address: "zk-0.example.com" }] } }),
        `external.members[0].address "zk-0.example.com" is not an IPv4 or IPv6 address (DNS names are not accepted: kube-proxy ignores FQDN endpoints)`,
    ],
    [
        "a loopback external address",
        ensembleArgs("external", { external: { members: [{ address: "10.0.0.1" }, { address: "127.0.0.1" }] } }),
        `external.members[1].address "127.0.0.1" is a loopback address (127.0.0.0/8); Kubernetes rejects such endpoints`,
    ],
    [
        "a link-local external address",
        ensembleArgs("external", { external: { members: [{ address: "169.254.10.1" }] } }),
        `external.members[0].address "169.254.10.1" is a link-local address (169.254.0.0/16); Kubernetes rejects such endpoints`,
    ],
    [
        "a multicast external address",
        ensembleArgs("external", { external: { members: [{ address: "ff05::2" }] } }),
        `external.members[0].address "ff05::2" is a multicast address (ff00::/8); Kubernetes rejects such endpoints`,
    ],
    [
        "an unspecified external address",
        ensembleArgs("external", { external: { members: [{ address: "0.0.0.0" }] } }),
        `external.members[0].address "0.0.0.0" is the unspecified address; Kubernetes rejects such endpoints`,
    ],
    [
        "a duplicate external address",
        ensembleArgs("external", { external: { members: [{ address: "2001:db8::1" }, { address: "2001:DB8:0::1" }] } }),
        `external.members[1].address "2001:DB8:0::1" is also the address of members[0]`,
    ],
    [
        "a duplicate ordinal",
        ensembleArgs("external", { external: { members: [{ address: "10.0.0.1", ordinal: 1 }, { address: "10.0.0.2" }] } }),
        "external.members[1].ordinal 1 is also the ordinal of members[0]",
    ],
    [
        "a negative ordinal",
        ensembleArgs("external", { external: { members: [{ address: "10.0.0.1", ordinal: -1 }] } }),
        "external.members[0].ordinal -1 is out of range: it must be at least 0",
    ],
    ["no external members", ensembleArgs("external", { external: { members: [] } }), "external.members must list at least one member"],
    [
        "hybrid members that overlap",
        ensembleArgs("hybrid"),
        "external.members place ordinals 0, 1, 2 that the in-cluster range [0, 3) also holds; a member lives in one place",
    ],
    [
        "hybrid members with a gap",
        ensembleArgs("hybrid", { inCluster: { ...IN_CLUSTER, startOrdinal: 4 } }),
        "mode is hybrid but ordinal 3 has no member: neither in the in-cluster range [4, 7) nor in external.members",
    ],
    [
        "external mode that would delete claims",
        ensembleArgs("external", { inCluster: { ...IN_CLUSTER, storage: { size: "1Gi", whenDeleted: "Delete" } } }),
        `inCluster.storage.whenDeleted is "Delete": in external mode the StatefulSet is deleted and every member's PersistentVolumeClaim with it; set whenDeleted to "Retain", or allowDataLoss: true if losing the data is intended`,
    ],
];

describe("validateEnsemble", () => {
    for (const [title, args, problem, name] of cases) {
        it(`refuses ${title}`, () => {
            assert.ok(
                problemsOf(args, name).includes(problem),
                `expected ${JSON.stringify(problem)} among ${JSON.stringify(problemsOf(args, name), null, 2)}`,
            );
        });
    }

    it("accepts every mode of the fixture ensemble, hybrid with disjoint ordinals", () => {
        assert.deepEqual(problemsOf(ensembleArgs("inCluster")), []);
        assert.deepEqual(problemsOf(ensembleArgs("external")), []);
        assert.deepEqual(problemsOf(ensembleArgs("hybrid", { inCluster: { ...IN_CLUSTER, startOrdinal: 3 } })), []);
    });

    it("accepts external mode with claims deleted when the user allows data loss", () => {
        const args = ensembleArgs("external", {
            allowDataLoss: true,
            inCluster: { ...IN_CLUSTER, storage: { size: "1Gi", whenDeleted: "Delete" } },
        });
        assert.deepEqual(problemsOf(args), []);
    });

    it("reports every problem at once, each with its path, in one error naming the component", () => {
        const args: StatefulEnsembleArgs = {
            mode: "external",
            ports: [{ name: "Client", port: 0 }],
            external: { members: [{ address: "127.0.0.1" }, { address: "not-an-ip" }] },
        };
        assert.throws(
            () => validateEnsemble("zk", args),
            (err: Error) => {
                assert.equal(
                    err.message,
                    [
                        `StatefulEnsemble "zk" has 5 problems:`,
                        `  - ports[0].name "Client" may only contain lowercase letters, digits and '-'; character 1 is "C"`,
                        `  - ports[0].port 0 is out of range: it must be from 1 to 65535`,
                        "  - ports has no client port: mark at least one port `client: true` for the client Service",
                        `  - external.members[0].address "127.0.0.1" is a loopback address (127.0.0.0/8); Kubernetes rejects such endpoints`,
                        `  - external.members[1].address "not-an-ip" is not an IPv4 or IPv6 address (DNS names are not accepted: kube-proxy ignores FQDN endpoints)`,
                    ].join("\n"),
                );
                return true;
            },
        );
    });

    it("gives external members their position as ordinal unless they name one, and sorts them", () => {
        const spec = validateEnsemble(
            "zk",
            ensembleArgs("external", { external: { members: [{ address: "10.0.0.9", ordinal: 7 }, { address: "10.0.0.1" }] } }),
        );
        assert.deepEqual(spec.members, [
            { ordinal: 1, placement: "external", address: "10.0.0.1" },
            { ordinal: 7, placement: "external", address: "10.0.0.9" },
        ]);
    });

    it("places in-cluster members at startOrdinal and external members around them in hybrid mode", () => {
        const spec = validateEnsemble(
            "zk",
            ensembleArgs("hybrid", {
                inCluster: { ...IN_CLUSTER, replicas: 2, startOrdinal: 1 },
                external: { members: [{ address: "10.0.0.1", ordinal: 0 }] },
            }),
        );
        assert.deepEqual(
            spec.members.map((m) => `${m.ordinal}:${m.placement}`),
            ["0:external", "1:inCluster", "2:inCluster"],
        );
    });

    it("ignores the block the mode does not use, but still validates it", () => {
        const spec = validateEnsemble("zk", ensembleArgs("inCluster"));
        assert.equal(spec.external, undefined);
        assert.deepEqual(problemsOf(ensembleArgs("inCluster", { external: { members: [{ address: "::1" }] } })), [
            `external.members[0].address "::1" is a loopback address (::1); Kubernetes rejects such endpoints`,
        ]);
        assert.equal(EXTERNAL.members.length, 3);
    });
});

describe("ianaServiceNameProblem", () => {
    for (const ok of ["client", "http-2", "a", "x1", "abcdefghijklmno"]) {
        it(`accepts ${JSON.stringify(ok)}`, () => assert.equal(ianaServiceNameProblem(ok), undefined));
    }
});
