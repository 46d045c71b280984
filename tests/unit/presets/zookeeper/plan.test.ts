import { strict as assert } from "assert";
import { EnsembleArgsError, ZooKeeperEnsembleArgs } from "../../../../sdk";
import { planZooKeeper } from "../../../../sdk/presets/zookeeper/plan";

const EXTERNAL = { members: [{ address: "10.0.0.10" }, { address: "10.0.0.11" }, { address: "10.0.0.12" }] };

function args(mode: ZooKeeperEnsembleArgs["mode"], extra: Partial<ZooKeeperEnsembleArgs> = {}): ZooKeeperEnsembleArgs {
    return { mode, inCluster: { replicas: 3 }, external: EXTERNAL, ...extra };
}

function serverLines(cfg: string): string[] {
    return cfg.split("\n").filter((l) => l.startsWith("server."));
}

function env(plan: ReturnType<typeof planZooKeeper>): Record<string, unknown> {
    return Object.fromEntries((plan.ensembleArgs.inCluster?.env ?? []).map((e) => [e.name, e.value]));
}

function problemsOf(a: ZooKeeperEnsembleArgs): readonly string[] {
    try {
        planZooKeeper("zk", a);
    } catch (err) {
        assert.ok(err instanceof EnsembleArgsError, String(err));
        assert.equal(err.component, 'ZooKeeperEnsemble "zk"');
        return err.problems;
    }
    assert.fail("expected the arguments to be refused");
}

describe("planZooKeeper", () => {
    const host = (o: number) => `zk-${o}.zk-headless.default.svc.cluster.local`;
    const modes: [string, ZooKeeperEnsembleArgs, string[]][] = [
        ["inCluster", args("inCluster"), [0, 1, 2].map((o) => `server.${o + 1}=${host(o)}:2888:3888;2181`)],
        ["external", args("external"), [0, 1, 2].map((o) => `server.${o + 1}=${host(o)}:2888:3888;2181`)],
        [
            "hybrid",
            args("hybrid", { inCluster: { replicas: 2, startOrdinal: 1 }, external: { members: [{ address: "10.0.0.10" }] } }),
            [0, 1, 2].map((o) => `server.${o + 1}=${host(o)}:2888:3888;2181`),
        ],
        [
            "hybrid with an offset and external members above the pods",
            args("hybrid", {
                serverIdOffset: 10,
                namespace: "coord",
                clusterDomain: "corp.internal",
                inCluster: { replicas: 2 },
                external: {
                    members: [
                        { address: "10.0.0.12", ordinal: 2 },
                        { address: "10.0.0.13", ordinal: 3 },
                        { address: "10.0.0.14", ordinal: 4 },
                    ],
                },
            }),
            [0, 1, 2, 3, 4].map((o) => `server.${o + 10}=zk-${o}.zk-headless.coord.svc.corp.internal:2888:3888;2181`),
        ],
    ];
    for (const [what, a, expected] of modes) {
        it(`lists every member of the ${what} rendering by its per-member name with id ordinal + offset`, () => {
            assert.deepEqual(serverLines(planZooKeeper("zk", a).zooCfg), expected);
        });
    }

    it("writes the same zoo.cfg whether a member lives in the cluster or outside it, so moving one rolls no pod", () => {
        const disks = { storage: { size: "10Gi", mountPath: "/var/lib/zookeeper" }, transactionLogStorage: { size: "5Gi" } };
        const cfgs = modes.slice(0, 3).map(([, a]) => planZooKeeper("zk", { ...a, inCluster: { ...a.inCluster!, ...disks } }).zooCfg);
        assert.ok(cfgs[0].includes("\ndataDir=/var/lib/zookeeper\ndataLogDir=/datalog\n"));
        assert.equal(cfgs[1], cfgs[0]);
        assert.equal(cfgs[2], cfgs[0]);
    });

    it("ships zoo.cfg and logback.xml to the pods in /conf, the directory the start script reads", () => {
        const plan = planZooKeeper("zk", args("inCluster"));
        const c = plan.ensembleArgs.inCluster!;
        assert.equal(c.configFiles?.mountPath, "/conf");
        assert.equal(c.configFiles?.files["zoo.cfg"], plan.zooCfg);
        assert.match(String(c.configFiles?.files["logback.xml"]), /<root level="INFO">/);
        assert.equal(env(plan).ZOOCFGDIR, "/conf");
        assert.deepEqual(c.command?.slice(0, 2), ["bash", "-c"]);
    });

    it("runs the pinned official image as its zookeeper user, in parallel, with the four ZooKeeper ports", () => {
        const plan = planZooKeeper("zk", args("inCluster"));
        const c = plan.ensembleArgs.inCluster!;
        assert.equal(c.image, "zookeeper:3.9.3");
        assert.equal(c.podManagementPolicy, "Parallel");
        assert.equal(plan.spec.inCluster?.runAsUser, 1000);
        assert.equal(plan.spec.inCluster?.readOnlyRootFilesystem, true);
        assert.equal(plan.ensembleArgs.appName, "zookeeper");
        assert.deepEqual(
            plan.ensembleArgs.ports.map((p) => `${p.name}:${p.port}${p.client ? "*" : ""}`),
            ["client:2181*", "server:2888", "election:3888", "admin:8080"],
        );
    });

    it("derives the heap from the memory limit, or takes it as given", () => {
        assert.equal(env(planZooKeeper("zk", args("inCluster"))).ZK_SERVER_HEAP, "768");
        const limited = args("inCluster", { inCluster: { replicas: 3, resources: { limits: { memory: "2Gi" } } } });
        assert.equal(env(planZooKeeper("zk", limited)).ZK_SERVER_HEAP, "1536");
        const given = args("inCluster", { inCluster: { replicas: 3, heapMegabytes: 512 } });
        assert.equal(env(planZooKeeper("zk", given)).ZK_SERVER_HEAP, "512");
        const unlimited = args("inCluster", { inCluster: { replicas: 3, resources: { requests: { memory: "1Gi" } } } });
        assert.equal(env(planZooKeeper("zk", unlimited)).ZK_SERVER_HEAP, undefined);
    });

    it("puts the transaction log on its own volume and names it dataLogDir", () => {
        const plan = planZooKeeper(
            "zk",
            args("inCluster", {
                inCluster: {
                    replicas: 3,
                    storage: { size: "20Gi", mountPath: "/var/lib/zookeeper" },
                    transactionLogStorage: { size: "5Gi", storageClassName: "fast" },
                },
            }),
        );
        assert.ok(plan.zooCfg.includes("\ndataDir=/var/lib/zookeeper\ndataLogDir=/datalog\n"));
        assert.deepEqual(plan.spec.inCluster?.additionalVolumes, [
            { name: "datalog", mountPath: "/datalog", size: "5Gi", storageClassName: "fast", accessModes: ["ReadWriteOnce"] },
        ]);
    });

    it("keeps the user's environment first and adds its own after it", () => {
        const plan = planZooKeeper(
            "zk",
            args("inCluster", { inCluster: { replicas: 3, env: [{ name: "SERVER_JVMFLAGS", value: "-XX:+UseG1GC" }] } }),
        );
        assert.deepEqual(
            plan.ensembleArgs.inCluster?.env?.map((e) => e.name),
            ["SERVER_JVMFLAGS", "ZOOCFGDIR", "ZK_SERVER_HEAP"],
        );
    });

    it("warns, without refusing, when the ensemble has an even number of servers", () => {
        assert.deepEqual(planZooKeeper("zk", args("inCluster")).warnings, []);
        const [four] = planZooKeeper("zk", args("inCluster", { inCluster: { replicas: 4 } })).warnings;
        assert.match(
            four,
            /^ZooKeeperEnsemble "zk": the ensemble has 4 servers; a quorum of 4 needs 3, so it survives 1 failure, no more than 3 servers would/,
        );
        const [two] = planZooKeeper("zk", args("external", { external: { members: EXTERNAL.members.slice(0, 2) } })).warnings;
        assert.match(two, /has 2 servers; a quorum of 2 needs 2, so it survives 0 failures/);
        const hybridFour = args("hybrid", { inCluster: { replicas: 1, startOrdinal: 3 } });
        assert.equal(planZooKeeper("zk", hybridFour).warnings.length, 1);
    });

    const refused: [string, ZooKeeperEnsembleArgs, string][] = [
        [
            "a server id of 0",
            args("inCluster", { serverIdOffset: 0 }),
            "serverIdOffset 0 puts server ids outside ZooKeeper's range 1–255 (id = ordinal + serverIdOffset): zk-0 would be server 0",
        ],
        ["a server id above 255", args("inCluster", { serverIdOffset: 254 }), "zk-2 would be server 256"],
        [
            "ordinals that reach past 255",
            args("external", { external: { members: [{ address: "10.0.0.10", ordinal: 255 }] } }),
            "zk-255 would be server 256",
        ],
        [
            "id 255 with extended types",
            args("external", {
                settings: { extendedTypesEnabled: "true" },
                external: { members: [{ address: "10.0.0.10", ordinal: 254 }] },
            }),
            "range 1–254",
        ],
        ["a fractional offset", args("inCluster", { serverIdOffset: 1.5 }), "serverIdOffset 1.5 is not an integer"],
        [
            "external mode without external members",
            { mode: "external", inCluster: { replicas: 3 } },
            "external is required in external mode",
        ],
        [
            "hybrid mode with a server that is neither a pod nor external",
            args("hybrid", { inCluster: { replicas: 1, startOrdinal: 2 }, external: { members: [{ address: "10.0.0.10" }] } }),
            "mode is hybrid but ordinal 1 has no member",
        ],
        [
            "an external member on loopback",
            args("external", { external: { members: [{ address: "127.0.0.2" }] } }),
            'external.members[0].address "127.0.0.2" is a loopback address',
        ],
        [
            "ZOOCFGDIR in env",
            args("inCluster", { inCluster: { replicas: 3, env: [{ name: "ZOOCFGDIR", value: "/etc/zk" }] } }),
            'inCluster.env[0].name "ZOOCFGDIR" is set by the component',
        ],
        [
            "ZK_SERVER_HEAP in env",
            args("inCluster", { inCluster: { replicas: 3, env: [{ name: "ZK_SERVER_HEAP", value: "512" }] } }),
            "set inCluster.heapMegabytes instead",
        ],
        [
            "a heap as large as the memory limit",
            args("inCluster", { inCluster: { replicas: 3, heapMegabytes: 1024 } }),
            'inCluster.heapMegabytes 1024 MiB does not fit under the memory limit "1Gi"',
        ],
        [
            "a tiny heap",
            args("inCluster", { inCluster: { replicas: 3, heapMegabytes: 16 } }),
            "inCluster.heapMegabytes 16 is not a whole number of MiB of at least 64",
        ],
        [
            "a memory limit too small for a heap",
            args("inCluster", { inCluster: { replicas: 3, resources: { limits: { memory: "160Mi" } } } }),
            'inCluster.resources.limits.memory "160Mi" leaves a heap of 32 MiB',
        ],
        [
            "a memory limit that is not a quantity",
            args("inCluster", { inCluster: { replicas: 3, resources: { limits: { memory: "1 GB" } } } }),
            'inCluster.resources.limits.memory "1 GB" is not a positive Kubernetes quantity',
        ],
        [
            "dataDir in settings",
            args("inCluster", { settings: { dataDir: "/var/zk" } }),
            'settings["dataDir"] is written by the component: set inCluster.storage.mountPath',
        ],
        [
            "a server line in settings",
            args("inCluster", { settings: { "server.9": "x:2888:3888" } }),
            'settings["server.9"] is written by the component: the server lines list every member',
        ],
        [
            "the 4lw whitelist in settings",
            args("inCluster", { settings: { "4lw.commands.whitelist": "*" } }),
            "list extra words in fourLetterWords",
        ],
        [
            "a setting value with a line break",
            args("inCluster", { settings: { maxSessionTimeout: "40000\nserver.9=evil:1:2" } }),
            'settings["maxSessionTimeout"]',
        ],
        [
            "a setting key that is not one",
            args("inCluster", { settings: { "tick time": "2000" } }),
            'settings["tick time"] is not a zoo.cfg key',
        ],
        [
            "a tickTime that is not a number",
            args("inCluster", { settings: { tickTime: "2s" } }),
            'settings["tickTime"] "2s" is not a positive whole number',
        ],
        [
            "a four-letter word that is not one",
            args("inCluster", { fourLetterWords: ["metrics"] }),
            'fourLetterWords[0] "metrics" is not a four-letter word',
        ],
        [
            "a bad transaction-log size",
            args("inCluster", { inCluster: { replicas: 3, transactionLogStorage: { size: "5 GB" } } }),
            'inCluster.transactionLogStorage.size "5 GB" is not a positive Kubernetes quantity',
        ],
        [
            "a transaction log on the data volume's path",
            args("inCluster", { inCluster: { replicas: 3, transactionLogStorage: { size: "5Gi", mountPath: "/data" } } }),
            'inCluster.transactionLogStorage.mountPath "/data" is also the mount path of inCluster.storage.mountPath',
        ],
        [
            "data on the configuration directory",
            args("inCluster", { inCluster: { replicas: 3, storage: { size: "1Gi", mountPath: "/conf" } } }),
            'the configuration directory /conf "/conf" is also the mount path of inCluster.storage.mountPath',
        ],
    ];
    for (const [what, a, fragment] of refused) {
        it(`refuses ${what}`, () => {
            const problems = problemsOf(a);
            assert.ok(
                problems.some((p) => p.includes(fragment)),
                `expected a problem containing ${JSON.stringify(fragment)} among:\n${problems.join("\n")}`,
            );
        });
    }

    it("reports the core's problems and ZooKeeper's own in one error", () => {
        const problems = problemsOf(
            args("inCluster", {
                namespace: "Bad_NS",
                serverIdOffset: 0,
                inCluster: { replicas: 3, env: [{ name: "ZOOCFGDIR", value: "x" }] },
            }),
        );
        assert.equal(problems.length, 3, problems.join("\n"));
        assert.ok(problems.some((p) => p.startsWith('namespace "Bad_NS"')));
        assert.ok(problems.some((p) => p.startsWith("serverIdOffset 0")));
        assert.ok(problems.some((p) => p.startsWith('inCluster.env[0].name "ZOOCFGDIR"')));
    });
});

describe("planZooKeeper with TLS, SASL and metrics", () => {
    const SECURE = { tls: { secretName: "zk-tls" }, sasl: { secretName: "zk-jaas" }, metrics: { monitor: "PodMonitor" as const } };
    const portsOf = (plan: ReturnType<typeof planZooKeeper>) =>
        plan.ensembleArgs.ports.map((p) => `${p.name}:${p.port}${p.client ? "*" : ""}`);

    it("serves the TLS client port beside the plaintext one until the strict stage, then the TLS port alone", () => {
        const at = (stage: "portUnification" | "quorumTls" | "strict") =>
            portsOf(planZooKeeper("zk", args("inCluster", { tls: { secretName: "t", stage } })));
        const both = ["client:2181*", "client-tls:2281*", "server:2888", "election:3888", "admin:8080"];
        assert.deepEqual(at("portUnification"), both);
        assert.deepEqual(at("quorumTls"), both);
        assert.deepEqual(at("strict"), ["client-tls:2281*", "server:2888", "election:3888", "admin:8080"]);
    });

    it("moves the plaintext client port of every server line onto the loopback interface once TLS is strict", () => {
        const cfg = planZooKeeper("zk", args("inCluster", { tls: { secretName: "t" } })).zooCfg;
        assert.deepEqual(
            serverLines(cfg),
            [0, 1, 2].map((o) => `server.${o + 1}=zk-${o}.zk-headless.default.svc.cluster.local:2888:3888;127.0.0.1:2181`),
        );
    });

    it("adds the metrics port to the headless Service only, and the monitor the metrics block asks for", () => {
        const plan = planZooKeeper("zk", args("inCluster", { metrics: { monitor: "ServiceMonitor", interval: "30s" } }));
        assert.deepEqual(portsOf(plan).slice(-1), ["metrics:7000"]);
        assert.deepEqual(plan.spec.monitor, { kind: "ServiceMonitor", port: "metrics", path: "/metrics", interval: "30s", labels: {} });
        assert.equal(planZooKeeper("zk", args("inCluster", { metrics: {} })).spec.monitor, undefined);
    });

    it("mounts the user's Secrets and prepares the key store and JAAS flag in the start script", () => {
        const plan = planZooKeeper("zk", args("inCluster", SECURE));
        assert.deepEqual(
            plan.spec.inCluster?.secretVolumes.map((v) => `${v.name}:${v.secretName}@${v.mountPath}`),
            ["tls:zk-tls@/tls", "sasl:zk-jaas@/sasl"],
        );
        const script = String(plan.ensembleArgs.inCluster?.command?.[2]);
        assert.ok(script.indexOf("keystore.pem") < script.indexOf("exec zkServer.sh"), script);
        assert.ok(script.includes("-Djava.security.auth.login.config=/sasl/jaas.conf"), script);
    });

    it("writes the same TLS and SASL settings in every mode, so external servers run the pods' file", () => {
        const inCluster = planZooKeeper("zk", args("inCluster", SECURE)).zooCfg;
        const external = planZooKeeper("zk", args("external", SECURE)).zooCfg;
        assert.equal(external, inCluster);
        assert.ok(external.includes("\nsslQuorum=true\n") && external.includes("\nquorum.auth.serverRequireSasl=true\n"));
        assert.ok(external.includes("# TLS: /tls/ca.crt is the CA"));
    });

    it("keeps the Secrets out of the configuration: only their mount paths appear", () => {
        const plan = planZooKeeper("zk", args("inCluster", SECURE));
        const files = plan.spec.inCluster?.configFiles?.files ?? {};
        for (const text of [plan.zooCfg, ...Object.values(files)]) {
            assert.ok(!text.includes("zk-tls") && !text.includes("zk-jaas"), "a Secret's name in a ConfigMap file");
            assert.ok(!/password|user_/i.test(text), "credentials in a ConfigMap file");
        }
    });

    it("reports bad blocks under the ZooKeeperEnsemble's own field names", () => {
        assert.deepEqual(
            problemsOf(
                args("inCluster", {
                    tls: { secretName: "t", stage: "later" as "strict" },
                    metrics: { monitor: "Probe" as "PodMonitor", interval: "often", monitorLabels: { "-x": "y" } },
                    settings: { sslQuorum: "true", "metricsProvider.httpPort": "9000" },
                }),
            ).filter((p) => !p.includes("monitorLabels")),
            [
                'settings["sslQuorum"] is written by the component: set tls.stage',
                'settings["metricsProvider.httpPort"] is written by the component: set metrics',
                'tls.stage "later" is not one of "portUnification", "quorumTls", "strict"',
                'metrics.monitor "Probe" is not one of "PodMonitor", "ServiceMonitor"',
                'metrics.interval "often" is not a Prometheus duration such as "30s" or "1m30s"',
            ],
        );
    });
});
