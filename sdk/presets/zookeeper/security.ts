/**
 * TLS, SASL and the metrics provider of a ZooKeeperEnsemble: their validation, the zoo.cfg
 * settings they add, the lines the start script runs for them and the Secrets the pods mount.
 * Nothing secret passes through here: the pods read the user's Secrets as files, and zoo.cfg
 * only names those files.
 * @see https://zookeeper.apache.org/doc/current/zookeeperAdmin.html#sc_authOptions
 */
import { SecretVolumeArgs } from "../../api/args";
import { DNS_SUBDOMAIN, dnsNameProblem } from "../../validate/grammar/dns";
import { isObject } from "../../validate/grammar/values";
import { Problems, checkEnum, show } from "../../validate/problems";
import { ZooKeeperClientAuth, ZooKeeperMetricsArgs, ZooKeeperPorts, ZooKeeperSaslArgs, ZooKeeperTlsArgs, ZooKeeperTlsStage } from "./args";

/** Where the TLS Secret (`tls.crt`, `tls.key`, `ca.crt`) is mounted. */
export const TLS_DIR = "/tls";
/**
 * ZooKeeper's PEM key store is one file holding the private key and its certificate chain; a TLS
 * Secret holds them apart. The start script joins them here, readable by the server's user only,
 * in the pod's memory-backed /tmp, never on a persistent volume.
 */
export const TLS_KEYSTORE = "/tmp/zookeeper-tls/keystore.pem";
/** Where the SASL Secret (`jaas.conf`) is mounted. */
export const SASL_DIR = "/sasl";
/** The servers' JAAS file, named by `-Djava.security.auth.login.config`. */
export const JAAS_FILE = `${SASL_DIR}/jaas.conf`;

/** The TLS, SASL and metrics blocks as validated and defaulted. */
export interface ZooKeeperSecurity {
    readonly tls?: { readonly secretName: string; readonly stage: ZooKeeperTlsStage; readonly clientAuth: ZooKeeperClientAuth };
    readonly sasl?: { readonly secretName: string; readonly requireClientAuthScheme: boolean; readonly requireQuorumSasl: boolean };
    readonly metrics: boolean;
}

/** zoo.cfg keys these blocks write: `settings` may not name them. */
export const SECURITY_SETTINGS: Readonly<Record<string, string>> = {
    serverCnxnFactory: "set tls (TLS needs the Netty connection factory)",
    "fips-mode": "set tls (in FIPS mode, the default since ZooKeeper 3.9.0, the quorum does not check peers' names)",
    sslQuorum: "set tls.stage",
    portUnification: "set tls.stage",
    "client.portUnification": "set tls.stage",
    "ssl.keyStore.location": "set tls.secretName",
    "ssl.keyStore.type": "set tls.secretName",
    "ssl.trustStore.location": "set tls.secretName",
    "ssl.trustStore.type": "set tls.secretName",
    "ssl.clientAuth": "set tls.clientAuth",
    "ssl.quorum.keyStore.location": "set tls.secretName",
    "ssl.quorum.keyStore.type": "set tls.secretName",
    "ssl.quorum.trustStore.location": "set tls.secretName",
    "ssl.quorum.trustStore.type": "set tls.secretName",
    "authProvider.sasl": "set sasl",
    "enforce.auth.enabled": "set sasl.requireClientAuthScheme",
    "enforce.auth.schemes": "set sasl.requireClientAuthScheme",
    "quorum.auth.enableSasl": "set sasl",
    "quorum.auth.learnerRequireSasl": "set sasl.requireQuorumSasl",
    "quorum.auth.serverRequireSasl": "set sasl.requireQuorumSasl",
    "metricsProvider.className": "set metrics",
    "metricsProvider.httpPort": "set metrics",
};

function checkSecretName(problems: Problems, path: string, value: unknown): void {
    const problem = dnsNameProblem(value, DNS_SUBDOMAIN);
    if (problem) problems.add(path, problem);
}

function checkBoolean(problems: Problems, path: string, value: unknown): void {
    if (value !== undefined && typeof value !== "boolean") problems.add(path, `${show(value)} is not true or false`);
}

/** Validates `tls`, `sasl` and `metrics` (the monitor's own fields are the core's to check). */
export function checkSecurity(
    problems: Problems,
    tls: ZooKeeperTlsArgs | undefined,
    sasl: ZooKeeperSaslArgs | undefined,
    metrics: ZooKeeperMetricsArgs | undefined,
): ZooKeeperSecurity {
    let tlsSpec: ZooKeeperSecurity["tls"];
    if (tls !== undefined) {
        if (!isObject(tls)) problems.add("tls", `${show(tls)} is not an object with secretName`);
        else {
            checkSecretName(problems, "tls.secretName", tls.secretName);
            const stage = tls.stage ?? ZooKeeperTlsStage.Strict;
            checkEnum(problems, "tls.stage", stage, ZooKeeperTlsStage);
            const clientAuth = tls.clientAuth ?? ZooKeeperClientAuth.Need;
            checkEnum(problems, "tls.clientAuth", clientAuth, ZooKeeperClientAuth);
            tlsSpec = { secretName: tls.secretName, stage, clientAuth };
        }
    }
    let saslSpec: ZooKeeperSecurity["sasl"];
    if (sasl !== undefined) {
        if (!isObject(sasl)) problems.add("sasl", `${show(sasl)} is not an object with secretName`);
        else {
            checkSecretName(problems, "sasl.secretName", sasl.secretName);
            checkBoolean(problems, "sasl.requireClientAuthScheme", sasl.requireClientAuthScheme);
            checkBoolean(problems, "sasl.requireQuorumSasl", sasl.requireQuorumSasl);
            saslSpec = {
                secretName: sasl.secretName,
                requireClientAuthScheme: sasl.requireClientAuthScheme !== false,
                requireQuorumSasl: sasl.requireQuorumSasl !== false,
            };
        }
    }
    if (metrics !== undefined && !isObject(metrics)) problems.add("metrics", `${show(metrics)} is not an object`);
    return { tls: tlsSpec, sasl: saslSpec, metrics: metrics !== undefined };
}

/** Whether plaintext clients are still served on the network (every stage before `strict`). */
export function servesPlaintextClients(s: ZooKeeperSecurity): boolean {
    return s.tls?.stage !== ZooKeeperTlsStage.Strict;
}

/**
 * The zoo.cfg settings of TLS, SASL and metrics, in that order. The TLS settings follow the
 * steps of ZooKeeper's rolling upgrade: quorum TLS configured with both kinds of peer accepted,
 * then quorum TLS on, then plaintext peers refused.
 */
export function securitySettings(s: ZooKeeperSecurity): string[] {
    const lines: string[] = [];
    if (s.tls) {
        const stores = (prefix: string) => [
            `${prefix}.keyStore.location=${TLS_KEYSTORE}`,
            `${prefix}.keyStore.type=PEM`,
            `${prefix}.trustStore.location=${TLS_DIR}/ca.crt`,
            `${prefix}.trustStore.type=PEM`,
        ];
        lines.push(
            // The secure client port is served by Netty only.
            "serverCnxnFactory=org.apache.zookeeper.server.NettyServerCnxnFactory",
            `secureClientPort=${ZooKeeperPorts.SecureClient}`,
            ...stores("ssl"),
            `ssl.clientAuth=${s.tls.clientAuth}`,
            ...stores("ssl.quorum"),
            // FIPS mode, ZooKeeper's default since 3.9.0, replaces ZooKeeper's own trust manager with
            // the JDK's, and the quorum protocol then checks no peer's name (the Administrator's
            // Guide, fips-mode). Outside it ZooKeeper checks every peer's name itself
            // (ssl.quorum.hostnameVerification, on by default).
            "fips-mode=false",
            `sslQuorum=${s.tls.stage !== ZooKeeperTlsStage.PortUnification}`,
            `portUnification=${s.tls.stage !== ZooKeeperTlsStage.Strict}`,
        );
    }
    if (s.sasl) {
        const required = s.sasl.requireQuorumSasl;
        lines.push(
            "authProvider.sasl=org.apache.zookeeper.server.auth.SASLAuthenticationProvider",
            ...(s.sasl.requireClientAuthScheme ? ["enforce.auth.enabled=true", "enforce.auth.schemes=sasl"] : []),
            "quorum.auth.enableSasl=true",
            `quorum.auth.learnerRequireSasl=${required}`,
            `quorum.auth.serverRequireSasl=${required}`,
        );
    }
    if (s.metrics) {
        lines.push(
            "metricsProvider.className=org.apache.zookeeper.metrics.prometheus.PrometheusMetricsProvider",
            `metricsProvider.httpPort=${ZooKeeperPorts.Metrics}`,
        );
    }
    return lines;
}

/** zoo.cfg comments that name the files a server needs besides zoo.cfg and myid. */
export function securityFileNotes(s: ZooKeeperSecurity): string[] {
    return [
        ...(s.tls
            ? [
                  `# TLS: ${TLS_DIR}/ca.crt is the CA; ${TLS_KEYSTORE} is the server's PEM private key followed by its`,
                  "# certificate (tls.key, then tls.crt), valid for every server's name, readable by the server only.",
              ]
            : []),
        ...(s.sasl ? [`# SASL: start the JVM with -Djava.security.auth.login.config=${JAAS_FILE} (the JAAS file, kept secret).`] : []),
    ];
}

/** Start-script lines that prepare the files TLS and SASL need, before the server starts. */
export function securityStartLines(s: ZooKeeperSecurity): string[] {
    return [
        ...(s.tls
            ? [
                  `keystore="${TLS_KEYSTORE}"`,
                  'mkdir -p "$(dirname "$keystore")"',
                  `(umask 077 && cat "${TLS_DIR}/tls.key" "${TLS_DIR}/tls.crt" > "$keystore")`,
              ]
            : []),
        ...(s.sasl ? [`export SERVER_JVMFLAGS="-Djava.security.auth.login.config=${JAAS_FILE} \${SERVER_JVMFLAGS:-}"`] : []),
    ];
}

/** The user's Secrets, mounted read-only. */
export function securityVolumes(s: ZooKeeperSecurity): SecretVolumeArgs[] {
    return [
        ...(s.tls ? [{ name: "tls", secretName: s.tls.secretName, mountPath: TLS_DIR }] : []),
        ...(s.sasl ? [{ name: "sasl", secretName: s.sasl.secretName, mountPath: SASL_DIR }] : []),
    ];
}
