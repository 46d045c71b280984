/**
 * The package as Python, Go, C#, Java and YAML programs get it through `pulumi package add`:
 * the schema the component provider infers from the TypeScript sources, and `construct`, the
 * call through which those programs create a component.
 */
import { strict as assert } from "assert";
import { spawn } from "child_process";
import * as os from "os";
import * as pulumi from "@pulumi/pulumi";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { PackageSpec, Property } from "@pulumi/pulumi/provider/experimental/schema";
import {
    ConfigFilesArgs,
    EnsemblePortArgs,
    EnvVarArgs,
    ExternalArgs,
    ExternalMemberArgs,
    InClusterArgs,
    NetworkPolicyArgs,
    NetworkPolicyPeerArgs,
    ProbeArgs,
    ResourcesArgs,
    StatefulEnsemble,
    StatefulEnsembleArgs,
    StorageArgs,
    TransactionLogStorageArgs,
    VolumeClaimArgs,
    SecretVolumeArgs,
    MonitorArgs,
    ZooKeeperTlsArgs,
    ZooKeeperSaslArgs,
    ZooKeeperMetricsArgs,
    ZooKeeperEnsemble,
    ZooKeeperEnsembleArgs,
    ZooKeeperInClusterArgs,
} from "../../sdk";
import { grpc } from "../helpers/grpc";
import { recordResources, settle } from "../helpers/mocks";
import {
    ENTRY,
    PACKAGE_DIR,
    PACKAGE_JSON,
    constructComponent,
    exportedComponents,
    packageProvider,
    packageSchema,
    providerName,
    signature,
} from "../helpers/provider";

const TOKEN = "stateful-ensemble:index:StatefulEnsemble";

/** One schema type per field of T: a field added to T and not listed here fails the type-check. */
type Expected<T> = { readonly [K in keyof Required<T>]: string };
/** The public members a component declares itself: the analyzer publishes each as an output. */
type Declared<C> = Omit<C, keyof pulumi.ComponentResource>;

const STATEFUL_ENSEMBLE_INPUTS: Expected<StatefulEnsembleArgs> = {
    mode: "EnsembleMode",
    namespace: "string?",
    ports: "EnsemblePortArgs[]",
    inCluster: "InClusterArgs?",
    external: "ExternalArgs?",
    clientTraffic: "ClientTraffic?",
    membership: "Membership?",
    appName: "string?",
    component: "string?",
    labels: "map<string>?",
    annotations: "map<string>?",
    clusterDomain: "string?",
    allowDataLoss: "boolean?",
    networkPolicy: "NetworkPolicyArgs?",
    monitor: "MonitorArgs?",
};

const STATEFUL_ENSEMBLE_OUTPUTS: Expected<Declared<StatefulEnsemble>> = {
    clientService: "kubernetes:core/v1:Service",
    headlessService: "kubernetes:core/v1:Service",
    statefulSet: "kubernetes:apps/v1:StatefulSet?",
    configMap: "kubernetes:core/v1:ConfigMap?",
    endpointSlices: "kubernetes:discovery.k8s.io/v1:EndpointSlice[]",
    envSecret: "kubernetes:core/v1:Secret?",
    networkPolicy: "kubernetes:networking.k8s.io/v1:NetworkPolicy?",
    clientServiceName: "string",
    headlessServiceName: "string",
    clientEndpoint: "string",
    memberHosts: "string[]",
    connectionString: "string",
    mode: "EnsembleMode",
};

const ZOOKEEPER_TOKEN = "stateful-ensemble:index:ZooKeeperEnsemble";

const ZOOKEEPER_INPUTS: Expected<ZooKeeperEnsembleArgs> = {
    mode: "EnsembleMode",
    namespace: "string?",
    inCluster: "ZooKeeperInClusterArgs?",
    external: "ExternalArgs?",
    clientTraffic: "ClientTraffic?",
    serverIdOffset: "number?",
    settings: "map<string>?",
    fourLetterWords: "string[]?",
    appName: "string?",
    component: "string?",
    labels: "map<string>?",
    annotations: "map<string>?",
    clusterDomain: "string?",
    allowDataLoss: "boolean?",
    networkPolicy: "NetworkPolicyArgs?",
    tls: "ZooKeeperTlsArgs?",
    sasl: "ZooKeeperSaslArgs?",
    metrics: "ZooKeeperMetricsArgs?",
};

const ZOOKEEPER_OUTPUTS: Expected<Declared<ZooKeeperEnsemble>> = {
    clientService: "kubernetes:core/v1:Service",
    headlessService: "kubernetes:core/v1:Service",
    statefulSet: "kubernetes:apps/v1:StatefulSet?",
    configMap: "kubernetes:core/v1:ConfigMap?",
    endpointSlices: "kubernetes:discovery.k8s.io/v1:EndpointSlice[]",
    clientServiceName: "string",
    headlessServiceName: "string",
    clientEndpoint: "string",
    memberHosts: "string[]",
    connectionString: "string",
    mode: "EnsembleMode",
    zooCfg: "string",
};

/** The object types the arguments use. Numbers are `number`: the analyzer has no integer type. */
const OBJECT_TYPES: Record<string, Record<string, string>> = {
    EnsemblePortArgs: {
        name: "string",
        port: "number",
        targetPort: "number?",
        protocol: "PortProtocol?",
        client: "boolean?",
    } satisfies Expected<EnsemblePortArgs>,
    InClusterArgs: {
        replicas: "number",
        startOrdinal: "number?",
        image: "string",
        imagePullPolicy: "string?",
        command: "string[]?",
        args: "string[]?",
        env: "EnvVarArgs[]?",
        resources: "ResourcesArgs?",
        readinessProbe: "ProbeArgs?",
        livenessProbe: "ProbeArgs?",
        storage: "StorageArgs?",
        configFiles: "ConfigFilesArgs?",
        additionalVolumes: "VolumeClaimArgs[]?",
        secretVolumes: "SecretVolumeArgs[]?",
        podManagementPolicy: "PodManagementPolicy?",
        partition: "number?",
        maxUnavailable: "number?",
        spread: "Spread?",
        runAsUser: "number?",
        runAsGroup: "number?",
        fsGroup: "number?",
        allowRoot: "boolean?",
        readOnlyRootFilesystem: "boolean?",
        mountServiceAccountToken: "boolean?",
        terminationGracePeriodSeconds: "number?",
        nodeSelector: "map<string>?",
        priorityClassName: "string?",
        podLabels: "map<string>?",
        podAnnotations: "map<string>?",
    } satisfies Expected<InClusterArgs>,
    EnvVarArgs: { name: "string", value: "string", secret: "boolean?" } satisfies Expected<EnvVarArgs>,
    NetworkPolicyArgs: { clients: "NetworkPolicyPeerArgs[]", dns: "NetworkPolicyPeerArgs?" } satisfies Expected<NetworkPolicyArgs>,
    NetworkPolicyPeerArgs: { podLabels: "map<string>?", namespaceLabels: "map<string>?" } satisfies Expected<NetworkPolicyPeerArgs>,
    ResourcesArgs: { requests: "map<string>?", limits: "map<string>?" } satisfies Expected<ResourcesArgs>,
    ProbeArgs: {
        tcpPort: "string?",
        httpGetPath: "string?",
        httpPort: "string?",
        exec: "string[]?",
        initialDelaySeconds: "number?",
        periodSeconds: "number?",
        timeoutSeconds: "number?",
        failureThreshold: "number?",
    } satisfies Expected<ProbeArgs>,
    StorageArgs: {
        size: "string",
        mountPath: "string?",
        storageClassName: "string?",
        accessModes: "string[]?",
        whenDeleted: "PvcRetention?",
        whenScaled: "PvcRetention?",
    } satisfies Expected<StorageArgs>,
    ExternalArgs: { members: "ExternalMemberArgs[]", legacyEndpoints: "boolean?" } satisfies Expected<ExternalArgs>,
    ExternalMemberArgs: { address: "string", ordinal: "number?" } satisfies Expected<ExternalMemberArgs>,
    ConfigFilesArgs: { mountPath: "string", files: "map<string>" } satisfies Expected<ConfigFilesArgs>,
    VolumeClaimArgs: {
        name: "string",
        mountPath: "string",
        size: "string",
        storageClassName: "string?",
        accessModes: "string[]?",
    } satisfies Expected<VolumeClaimArgs>,
    MonitorArgs: {
        kind: "MonitorKind",
        port: "string",
        path: "string?",
        interval: "string?",
        labels: "map<string>?",
    } satisfies Expected<MonitorArgs>,
    ZooKeeperTlsArgs: {
        secretName: "string",
        stage: "ZooKeeperTlsStage?",
        clientAuth: "ZooKeeperClientAuth?",
    } satisfies Expected<ZooKeeperTlsArgs>,
    ZooKeeperSaslArgs: {
        secretName: "string",
        requireClientAuthScheme: "boolean?",
        requireQuorumSasl: "boolean?",
    } satisfies Expected<ZooKeeperSaslArgs>,
    ZooKeeperMetricsArgs: {
        monitor: "MonitorKind?",
        interval: "string?",
        monitorLabels: "map<string>?",
    } satisfies Expected<ZooKeeperMetricsArgs>,
    SecretVolumeArgs: { name: "string", secretName: "string", mountPath: "string" } satisfies Expected<SecretVolumeArgs>,
    ZooKeeperInClusterArgs: {
        replicas: "number",
        startOrdinal: "number?",
        image: "string?",
        imagePullPolicy: "string?",
        env: "EnvVarArgs[]?",
        resources: "ResourcesArgs?",
        heapMegabytes: "number?",
        storage: "StorageArgs?",
        transactionLogStorage: "TransactionLogStorageArgs?",
        podManagementPolicy: "PodManagementPolicy?",
        partition: "number?",
        maxUnavailable: "number?",
        spread: "Spread?",
        runAsUser: "number?",
        runAsGroup: "number?",
        fsGroup: "number?",
        readOnlyRootFilesystem: "boolean?",
        terminationGracePeriodSeconds: "number?",
        nodeSelector: "map<string>?",
        priorityClassName: "string?",
        podLabels: "map<string>?",
        podAnnotations: "map<string>?",
    } satisfies Expected<ZooKeeperInClusterArgs>,
    TransactionLogStorageArgs: {
        size: "string",
        mountPath: "string?",
        storageClassName: "string?",
        accessModes: "string[]?",
    } satisfies Expected<TransactionLogStorageArgs>,
};

/**
 * The only arguments other languages may pass as outputs of other resources: the fields declared
 * `pulumi.Input`. Everything else decides which objects exist, so it must be known when the
 * program runs, and the schema marks it plain.
 */
const NOT_PLAIN = [
    "EnvVarArgs.value",
    "InClusterArgs.args[]",
    "InClusterArgs.command[]",
    "InClusterArgs.image",
    "ZooKeeperInClusterArgs.image",
];

/**
 * Starts the package the way `pulumi package add` does, with the Node.js plugin host, and asks
 * it for its schema over gRPC. The host loads the package's compiled entry (`dist/`).
 */
async function schemaFromPluginHost(): Promise<PackageSpec> {
    const host = require.resolve("@pulumi/pulumi/cmd/run-plugin");
    // The second argument is the engine's address; GetSchema never calls the engine.
    const child = spawn(process.execPath, [host, PACKAGE_DIR, "127.0.0.1:1"], { cwd: os.tmpdir(), stdio: ["ignore", "pipe", "pipe"] });
    try {
        let stderr = "";
        child.stderr.on("data", (d) => (stderr += d));
        const port = await new Promise<string>((resolve, reject) => {
            let stdout = "";
            child.stdout.on("data", (d) => {
                stdout += d;
                if (stdout.includes("\n")) resolve(stdout.split("\n")[0].trim());
            });
            child.on("exit", (code) => reject(new Error(`the plugin host exited with ${code} before serving:\n${stderr}`)));
        });
        const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
        try {
            const response = await new Promise<provproto.GetSchemaResponse>((resolve, reject) =>
                client.getSchema(new provproto.GetSchemaRequest(), (err, r) => (err ? reject(err) : resolve(r))),
            );
            return JSON.parse(response.getSchema()) as PackageSpec;
        } finally {
            client.close();
        }
    } finally {
        child.kill();
    }
}

function localName(token: string): string {
    return token.slice(token.lastIndexOf(":") + 1);
}

/** Every property of every resource and type: `[where, property]`. */
function everyProperty(schema: PackageSpec): [string, Property][] {
    const all: [string, Property][] = [];
    for (const [token, resource] of Object.entries(schema.resources)) {
        for (const [name, p] of Object.entries(resource.inputProperties ?? {})) all.push([`${token} input ${name}`, p]);
        for (const [name, p] of Object.entries(resource.properties ?? {})) all.push([`${token} output ${name}`, p]);
    }
    for (const [token, type] of Object.entries(schema.types)) {
        for (const [name, p] of Object.entries(type.properties ?? {})) all.push([`${token} field ${name}`, p]);
    }
    return all;
}

/** Whether a text is a usable description: present, and not a TSDoc link the analyzer could not flatten. */
function describes(text: string | undefined): boolean {
    return typeof text === "string" && text.trim().length > 0 && !text.includes("[object Object]");
}

/** Paths of the input-side properties (at any depth of arrays and maps) not marked plain. */
function notPlain(prefix: string, property: Property, out: string[]): void {
    if (property.plain !== true) out.push(prefix);
    if (property.items) notPlain(`${prefix}[]`, property.items as Property, out);
    if (property.additionalProperties) notPlain(`${prefix}{}`, property.additionalProperties as Property, out);
}

describe("the component provider", () => {
    let schema: PackageSpec;
    before(async () => {
        schema = await packageSchema();
    });

    describe("schema", () => {
        it("names the package stateful-ensemble, at package.json's version, with its description", () => {
            assert.equal(providerName(PACKAGE_JSON.name), "stateful-ensemble");
            assert.equal(schema.name, "stateful-ensemble");
            assert.equal(schema.version, PACKAGE_JSON.version);
            assert.ok(describes(schema.description));
        });

        it("has exactly one resource per exported component, under the token the class registers with", () => {
            const components = exportedComponents();
            assert.ok(components.some((c) => c.name === "StatefulEnsemble"));
            assert.deepEqual(Object.keys(schema.resources).sort(), components.map((c) => `stateful-ensemble:index:${c.name}`).sort());
            for (const c of components) {
                assert.equal((c as unknown as { __pulumiType?: string }).__pulumiType, `stateful-ensemble:index:${c.name}`, c.name);
                assert.equal(schema.resources[`stateful-ensemble:index:${c.name}`].isComponent, true, c.name);
            }
        });

        it("has every argument of StatefulEnsemble as an input of the right type", () => {
            const resource = schema.resources[TOKEN];
            assert.deepEqual(signature(resource.inputProperties, resource.requiredInputs), STATEFUL_ENSEMBLE_INPUTS);
        });

        it("has every argument and output of ZooKeeperEnsemble, of the right type", () => {
            const resource = schema.resources[ZOOKEEPER_TOKEN];
            assert.deepEqual(signature(resource.inputProperties, resource.requiredInputs), ZOOKEEPER_INPUTS);
            assert.deepEqual(signature(resource.properties, resource.required), ZOOKEEPER_OUTPUTS);
        });

        it("has every output of StatefulEnsemble, its child resources as references to the kubernetes package", () => {
            const resource = schema.resources[TOKEN];
            assert.deepEqual(signature(resource.properties, resource.required), STATEFUL_ENSEMBLE_OUTPUTS);
            const kubernetes = (schema.dependencies ?? []).find((d) => d.name === "kubernetes");
            assert.equal(kubernetes?.version, require("@pulumi/kubernetes/package.json").version);
        });

        it("has every field of every argument type, of the right type", () => {
            const objects = Object.fromEntries(
                Object.entries(schema.types)
                    .filter(([, t]) => t.enum === undefined)
                    .map(([token, t]) => [localName(token), signature(t.properties, t.required)]),
            );
            for (const [name, fields] of Object.entries(OBJECT_TYPES)) assert.deepEqual(objects[name], fields, name);
        });

        it("marks plain every argument that decides which objects exist", () => {
            const found: string[] = [];
            for (const [token, resource] of Object.entries(schema.resources)) {
                for (const [name, p] of Object.entries(resource.inputProperties ?? {})) notPlain(`${localName(token)}.${name}`, p, found);
            }
            for (const [token, type] of Object.entries(schema.types)) {
                for (const [name, p] of Object.entries(type.properties ?? {})) notPlain(`${localName(token)}.${name}`, p, found);
            }
            assert.deepEqual(found.sort(), NOT_PLAIN);
        });

        it("publishes every enum with the values and member names of its `as const` object", () => {
            const enums = Object.entries(schema.types).filter(([, t]) => t.enum !== undefined);
            assert.deepEqual(enums.map(([token]) => localName(token)).sort(), [
                "ClientTraffic",
                "EnsembleMode",
                "Membership",
                "MonitorKind",
                "PodManagementPolicy",
                "PortProtocol",
                "PvcRetention",
                "Spread",
                "ZooKeeperClientAuth",
                "ZooKeeperTlsStage",
            ]);
            for (const [token, type] of enums) {
                const source = ENTRY[localName(token)] as Record<string, string>;
                assert.equal(type.type, "string", token);
                const published = Object.fromEntries((type.enum ?? []).map((v) => [v.name, v.value]));
                assert.deepEqual(published, { ...source }, token);
            }
        });

        it("is what the plugin host that `pulumi package add` starts serves over gRPC (needs `npm run build`)", async function () {
            this.timeout(120_000);
            assert.deepEqual(await schemaFromPluginHost(), schema);
        });

        it("describes every component, input, output, type field and enum value", () => {
            const undocumented = everyProperty(schema)
                .filter(([, p]) => !describes(p.description))
                .map(([where]) => where);
            for (const [token, resource] of Object.entries(schema.resources)) {
                if (!describes(resource.description)) undocumented.push(token);
            }
            for (const [token, type] of Object.entries(schema.types)) {
                for (const v of type.enum ?? []) if (!describes(v.description)) undocumented.push(`${token} value ${v.name}`);
            }
            assert.deepEqual(undocumented, []);
        });
    });

    describe("construct", () => {
        const PORTS = [
            { name: "client", port: 2181, client: true },
            { name: "server", port: 2888 },
            { name: "election", port: 3888 },
        ];
        const sig = pulumi.runtime.specialSigKey;

        const constructed = (inputs: pulumi.Inputs) => constructComponent("zk", TOKEN, inputs);

        it("creates an external ensemble from plain inputs, as a Python program sends them", async () => {
            const rec = await recordResources("multi", "dev");
            const { urn, state } = await constructed({
                mode: "external",
                namespace: "zookeeper",
                ports: PORTS,
                external: { members: [{ address: "10.0.0.10" }, { address: "10.0.0.11" }, { address: "10.0.0.12" }] },
            });
            await settle();
            assert.equal(urn, `urn:pulumi:dev::multi::${TOKEN}::zk`);
            assert.equal(state.clientServiceName, "zk");
            assert.equal(state.headlessServiceName, "zk-headless");
            assert.equal(state.clientEndpoint, "zk.zookeeper.svc.cluster.local:2181");
            assert.equal(state.mode, "external");
            assert.deepEqual(
                state.memberHosts,
                [0, 1, 2].map((i) => `zk-${i}.zk-headless.zookeeper.svc.cluster.local`),
            );
            assert.equal(state.statefulSet, undefined);
            assert.deepEqual(state.clientService, {
                [sig]: pulumi.runtime.specialResourceSig,
                urn: `urn:pulumi:dev::multi::${TOKEN}$kubernetes:core/v1:Service::zk`,
                id: "zk-id",
            });
            assert.deepEqual(
                (state.endpointSlices as { urn: string }[]).map((s) => s.urn),
                ["zk-ext-ipv4-0", "zk-headless-ext-ipv4-0"].map(
                    (n) => `urn:pulumi:dev::multi::${TOKEN}$kubernetes:discovery.k8s.io/v1:EndpointSlice::${n}`,
                ),
            );
            assert.deepEqual(
                rec.resources.filter((r) => r.custom).map((r) => `${r.type}::${r.name}`),
                // Slices register before their Service (make before break: see APPLY_ORDER).
                [
                    "kubernetes:discovery.k8s.io/v1:EndpointSlice::zk-ext-ipv4-0",
                    "kubernetes:discovery.k8s.io/v1:EndpointSlice::zk-headless-ext-ipv4-0",
                    "kubernetes:core/v1:Service::zk",
                    "kubernetes:core/v1:Service::zk-headless",
                ],
            );
        });

        it("creates an in-cluster ensemble whose image is another resource's output, as the engine sends it", async () => {
            const rec = await recordResources("multi", "dev");
            const { state } = await constructed({
                mode: "inCluster",
                ports: PORTS,
                inCluster: { replicas: 3, image: pulumi.output("zookeeper:3.9.3"), storage: { size: "10Gi" } },
            });
            await settle();
            assert.equal(state.mode, "inCluster");
            assert.equal(state.connectionString, [0, 1, 2].map((i) => `zk-${i}.zk-headless.default.svc.cluster.local:2181`).join(","));
            assert.equal((state.statefulSet as { urn: string }).urn, `urn:pulumi:dev::multi::${TOKEN}$kubernetes:apps/v1:StatefulSet::zk`);
            assert.deepEqual(state.endpointSlices, []);
            const sts = rec.get("kubernetes:apps/v1:StatefulSet", "zk");
            assert.equal(sts.inputs.spec.template.spec.containers[0].image, "zookeeper:3.9.3");
            assert.equal(sts.inputs.spec.replicas, 3);
        });

        it("refuses a number that is not an integer, which a Go or C# program can send for a schema `number`", async () => {
            const rec = await recordResources("multi", "dev");
            await assert.rejects(
                constructed({ mode: "inCluster", ports: PORTS, inCluster: { replicas: 2.5, image: "zookeeper:3.9.3" } }),
                /inCluster\.replicas 2\.5 is not an integer/,
            );
            await settle();
            assert.deepEqual(rec.resources, []);
        });

        it("refuses bad inputs with the component's own message before registering anything", async () => {
            const rec = await recordResources("multi", "dev");
            await assert.rejects(
                packageProvider().construct(
                    "zk",
                    TOKEN,
                    { mode: "external", ports: PORTS, external: { members: [{ address: "127.0.0.1" }] } },
                    {},
                ),
                /StatefulEnsemble "zk": external\.members\[0\]\.address "127\.0\.0\.1"/,
            );
            await settle();
            assert.deepEqual(rec.resources, []);
        });
    });
});
