import { strict as assert } from "assert";
import {
    SECURITY_SETTINGS,
    TLS_KEYSTORE,
    checkSecurity,
    securityFileNotes,
    securitySettings,
    securityStartLines,
    securityVolumes,
    servesPlaintextClients,
} from "../../../../sdk/presets/zookeeper/security";
import { ZooKeeperSaslArgs, ZooKeeperTlsArgs, ZooKeeperTlsStage } from "../../../../sdk";
import { Problems } from "../../../../sdk/validate/problems";
import { problemsRecorded } from "../../../helpers/problems";

const tlsAt = (stage: ZooKeeperTlsStage) => checkSecurity(new Problems(), { secretName: "zk-tls", stage }, undefined, undefined);

function setting(lines: string[], key: string): string | undefined {
    return lines.find((l) => l.startsWith(`${key}=`))?.slice(key.length + 1);
}

describe("checkSecurity", () => {
    it("defaults TLS to the strict stage with client certificates required, and SASL to required everywhere", () => {
        const problems = new Problems();
        const s = checkSecurity(problems, { secretName: "zk-tls" }, { secretName: "zk-jaas" }, {});
        assert.equal(problems.count, 0);
        assert.deepEqual(s, {
            tls: { secretName: "zk-tls", stage: "strict", clientAuth: "need" },
            sasl: { secretName: "zk-jaas", requireClientAuthScheme: true, requireQuorumSasl: true },
            metrics: true,
        });
    });

    it("turns nothing on without the blocks", () => {
        assert.deepEqual(checkSecurity(new Problems(), undefined, undefined, undefined), {
            tls: undefined,
            sasl: undefined,
            metrics: false,
        });
    });

    const refused: [string, unknown, unknown, string[]][] = [
        ["a TLS block that is not an object", "on", undefined, ['tls "on" is not an object with secretName']],
        [
            "a Secret name that is not a DNS subdomain",
            { secretName: "ZK_TLS" },
            undefined,
            [
                `tls.secretName "ZK_TLS" is not a valid Kubernetes name: lowercase letters, digits and '-', starting with a lowercase letter or digit and ending with a letter or digit; character 1 is "Z"`,
            ],
        ],
        [
            "an unknown stage and client-auth mode",
            { secretName: "t", stage: "tls", clientAuth: "yes" },
            undefined,
            [
                'tls.stage "tls" is not one of "portUnification", "quorumTls", "strict"',
                'tls.clientAuth "yes" is not one of "need", "want", "none"',
            ],
        ],
        [
            "SASL switches that are not booleans",
            undefined,
            { secretName: "s", requireClientAuthScheme: "yes", requireQuorumSasl: 1 },
            ['sasl.requireClientAuthScheme "yes" is not true or false', "sasl.requireQuorumSasl 1 is not true or false"],
        ],
    ];
    for (const [what, tls, sasl, expected] of refused) {
        it(`refuses ${what}`, () => {
            const problems = problemsRecorded((p) => checkSecurity(p, tls as ZooKeeperTlsArgs, sasl as ZooKeeperSaslArgs, undefined));
            assert.deepEqual(problems, expected);
        });
    }
});

describe("securitySettings", () => {
    it("walks ZooKeeper's rolling upgrade: both kinds of peer accepted, then quorum TLS, then plaintext peers refused", () => {
        const steps = (["portUnification", "quorumTls", "strict"] as const).map((stage) => {
            const lines = securitySettings(tlsAt(stage));
            return `${setting(lines, "portUnification")}/${setting(lines, "sslQuorum")}`;
        });
        assert.deepEqual(steps, ["true/false", "true/true", "false/true"]);
    });

    it("names the PEM files for clients and the quorum alike, on the Netty connection factory and the secure client port", () => {
        const lines = securitySettings(tlsAt("strict"));
        for (const prefix of ["ssl", "ssl.quorum"]) {
            assert.equal(setting(lines, `${prefix}.keyStore.location`), TLS_KEYSTORE);
            assert.equal(setting(lines, `${prefix}.keyStore.type`), "PEM");
            assert.equal(setting(lines, `${prefix}.trustStore.location`), "/tls/ca.crt");
            assert.equal(setting(lines, `${prefix}.trustStore.type`), "PEM");
        }
        assert.equal(setting(lines, "secureClientPort"), "2281");
        assert.equal(setting(lines, "serverCnxnFactory"), "org.apache.zookeeper.server.NettyServerCnxnFactory");
        assert.equal(setting(lines, "ssl.clientAuth"), "need");
        // In FIPS mode, ZooKeeper's default since 3.9.0, the quorum checks no peer's name.
        assert.equal(setting(lines, "fips-mode"), "false");
    });

    it("serves plaintext clients on the network until the strict stage", () => {
        assert.deepEqual(
            (["portUnification", "quorumTls", "strict"] as const).map((stage) => servesPlaintextClients(tlsAt(stage))),
            [true, true, false],
        );
        assert.equal(servesPlaintextClients({ metrics: false }), true);
    });

    it("enforces SASL for clients only when asked, and lets quorum SASL be accepted before it is required", () => {
        const sasl = (requireClientAuthScheme: boolean, requireQuorumSasl: boolean) =>
            securitySettings({ sasl: { secretName: "s", requireClientAuthScheme, requireQuorumSasl }, metrics: false });
        assert.deepEqual(sasl(true, true), [
            "authProvider.sasl=org.apache.zookeeper.server.auth.SASLAuthenticationProvider",
            "enforce.auth.enabled=true",
            "enforce.auth.schemes=sasl",
            "quorum.auth.enableSasl=true",
            "quorum.auth.learnerRequireSasl=true",
            "quorum.auth.serverRequireSasl=true",
        ]);
        assert.deepEqual(sasl(false, false), [
            "authProvider.sasl=org.apache.zookeeper.server.auth.SASLAuthenticationProvider",
            "quorum.auth.enableSasl=true",
            "quorum.auth.learnerRequireSasl=false",
            "quorum.auth.serverRequireSasl=false",
        ]);
    });

    it("turns on the Prometheus metrics provider on port 7000", () => {
        assert.deepEqual(securitySettings({ metrics: true }), [
            "metricsProvider.className=org.apache.zookeeper.metrics.prometheus.PrometheusMetricsProvider",
            "metricsProvider.httpPort=7000",
        ]);
    });

    it("writes only keys that settings may not name", () => {
        const all = securitySettings({
            ...tlsAt("strict"),
            sasl: { secretName: "s", requireClientAuthScheme: true, requireQuorumSasl: true },
            metrics: true,
        });
        const written = all.map((l) => l.slice(0, l.indexOf("="))).filter((k) => k !== "secureClientPort");
        assert.deepEqual(
            written.filter((k) => !(k in SECURITY_SETTINGS)),
            [],
        );
    });
});

describe("the files TLS and SASL need", () => {
    const both = { ...tlsAt("strict"), sasl: { secretName: "zk-jaas", requireClientAuthScheme: true, requireQuorumSasl: true } };

    it("mounts the two Secrets read-only at /tls and /sasl", () => {
        assert.deepEqual(securityVolumes(both), [
            { name: "tls", secretName: "zk-tls", mountPath: "/tls" },
            { name: "sasl", secretName: "zk-jaas", mountPath: "/sasl" },
        ]);
        assert.deepEqual(securityVolumes({ metrics: true }), []);
    });

    it("joins key and certificate into a file only the server's user reads, and names the JAAS file to the JVM", () => {
        const lines = securityStartLines(both);
        assert.ok(
            lines.some((l) => l.includes("umask 077") && l.includes('cat "/tls/tls.key" "/tls/tls.crt" > "$keystore"')),
            lines.join("\n"),
        );
        assert.ok(lines.includes('export SERVER_JVMFLAGS="-Djava.security.auth.login.config=/sasl/jaas.conf ${SERVER_JVMFLAGS:-}"'));
        assert.deepEqual(securityStartLines({ metrics: true }), []);
    });

    it("names those files in zoo.cfg comments for external servers", () => {
        const notes = securityFileNotes(both).join("\n");
        assert.ok(
            notes.includes("/tls/ca.crt") &&
                notes.includes(TLS_KEYSTORE) &&
                notes.includes("-Djava.security.auth.login.config=/sasl/jaas.conf"),
        );
        assert.ok(notes.split("\n").every((l) => l.startsWith("# ")));
    });
});
