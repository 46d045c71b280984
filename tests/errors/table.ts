/**
 * Every input the component refuses: the change to a valid ensemble, the exact problem it
 * reports, and the rule behind it. docs/errors.md is generated from this table and the tests run
 * every row, so the documentation says exactly what the code does.
 */
import { Changes, built, output, repeated, secret } from "./input";

export interface ErrorCase {
    /** The heading the row is listed under. */
    readonly section: string;
    /** The component's name. @default "zk" */
    readonly name?: string;
    /** Changes to the valid base ensemble. */
    readonly changes: Changes;
    /** The problems reported, exactly, each `<field path> <reason>`. */
    readonly problems: readonly string[];
    /** The Kubernetes, Pulumi or operational rule behind the refusal. */
    readonly why: string;
    /** Reported when a Pulumi Output resolves rather than when the component is constructed. */
    readonly atResolution?: boolean;
}

const members = (n: number) =>
    built(`${n.toLocaleString("en-US")} addresses 10.1.0.0, 10.1.0.1, …`, () =>
        Array.from({ length: n }, (_, i) => ({ address: `10.1.${i >> 8}.${i & 255}` })),
    );

export const ERROR_CASES: readonly ErrorCase[] = [
    // ---- Names -------------------------------------------------------------------------------
    {
        section: "Names",
        name: "",
        changes: {},
        problems: ['name "" is not a name: it must be a non-empty string'],
        why: "Every object is named after the component; Kubernetes names are never empty.",
    },
    {
        section: "Names",
        name: "a".repeat(53),
        changes: {},
        problems: ['name "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" is 53 characters long; the limit is 52'],
        why: "The StatefulSet controller labels each pod `controller-revision-hash: <name>-<hash>`; a label value holds 63 characters, so the StatefulSet's name holds 52 (kubernetes/kubernetes#64023).",
    },
    {
        section: "Names",
        name: "ZK",
        changes: {},
        problems: [
            'name "ZK" is not a valid Kubernetes name: lowercase letters, digits and \'-\', starting with a letter and ending with a letter or digit; character 1 is "Z"',
        ],
        why: "Service names are RFC 1035 labels: lowercase ASCII letters, digits and '-'.",
    },
    {
        section: "Names",
        name: "1zk",
        changes: {},
        problems: [
            "name \"1zk\" is not a valid Kubernetes name: lowercase letters, digits and '-', starting with a letter and ending with a letter or digit",
        ],
        why: "Service names are RFC 1035 labels, which start with a letter.",
    },
    {
        section: "Names",
        name: "zk ",
        changes: {},
        problems: [
            "name \"zk \" is not a valid Kubernetes name: lowercase letters, digits and '-', starting with a letter and ending with a letter or digit; character 3 is white space (U+0020)",
        ],
        why: "White space is not part of any Kubernetes name; a trailing space copied from a document is invisible in most messages, so the character is named.",
    },
    {
        section: "Names",
        name: "z\u043e\u043e",
        changes: {},
        problems: [
            'name "z\u043e\u043e" is not a valid Kubernetes name: lowercase letters, digits and \'-\', starting with a letter and ending with a letter or digit; character 2 is "\u043e" (U+043E), not ASCII',
        ],
        why: "Kubernetes names are ASCII. A Cyrillic 'о' looks like a Latin 'o'; its code point shows the difference.",
    },
    {
        section: "Names",
        changes: { namespace: "Prod" },
        problems: [
            'namespace "Prod" is not a valid Kubernetes name: lowercase letters, digits and \'-\', starting with a lowercase letter or digit and ending with a letter or digit; character 1 is "P"',
        ],
        why: "Namespaces are RFC 1123 labels: lowercase.",
    },
    {
        section: "Names",
        changes: { namespace: "prod\u00a0" },
        problems: [
            "namespace \"prod\u00a0\" is not a valid Kubernetes name: lowercase letters, digits and '-', starting with a lowercase letter or digit and ending with a letter or digit; character 5 is white space (U+00A0)",
        ],
        why: "A no-break space (U+00A0) is white space too, and invisible.",
    },
    {
        section: "Names",
        changes: { namespace: repeated("n", 64) },
        problems: ['namespace "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn" is 64 characters long; the limit is 63'],
        why: "Namespaces are RFC 1123 labels of at most 63 characters.",
    },
    {
        section: "Names",
        changes: { appName: "ZooKeeper" },
        problems: [
            'appName "ZooKeeper" is not a valid Kubernetes name: lowercase letters, digits and \'-\', starting with a lowercase letter or digit and ending with a letter or digit; character 1 is "Z"',
        ],
        why: "`app.kubernetes.io/name` is a label value and part of the pod selector; the component keeps it a lowercase DNS label.",
    },
    {
        section: "Names",
        changes: { component: "" },
        problems: ['component "" is not a name: it must be a non-empty string'],
        why: "`app.kubernetes.io/component` names the role of the objects; an empty one says nothing.",
    },
    {
        section: "Names",
        changes: { clusterDomain: "cluster local" },
        problems: ['clusterDomain "cluster local" is not a DNS domain'],
        why: "The cluster domain ends every host name in the outputs (`<svc>.<ns>.svc.<domain>`).",
    },

    // ---- Mode and traffic --------------------------------------------------------------------
    {
        section: "Mode and client traffic",
        changes: { mode: "in-cluster" },
        problems: ['mode "in-cluster" is not one of "inCluster", "external", "hybrid"'],
        why: "The mode decides which objects exist; only the three modes are defined.",
    },
    {
        section: "Mode and client traffic",
        changes: { clientTraffic: "pods" },
        problems: ['clientTraffic "pods" is not one of "all", "inCluster", "external"'],
        why: "Only the three traffic settings are defined.",
    },
    {
        section: "Mode and client traffic",
        changes: { membership: "quorum" },
        problems: ['membership "quorum" is not one of "majority", "replicated", "independent"'],
        why: "The migration planner checks each step by the rules of how the members agree; only the three memberships are defined.",
    },
    {
        section: "Mode and client traffic",
        changes: { clientTraffic: "external" },
        problems: ['clientTraffic is "external" but inCluster mode has no external members to send it to'],
        why: "In inCluster mode no EndpointSlice of external members exists, so the client Service would have no endpoints.",
    },
    {
        section: "Mode and client traffic",
        changes: { mode: "external", clientTraffic: "inCluster" },
        problems: ['clientTraffic is "inCluster" but external mode has no in-cluster members to send it to'],
        why: "In external mode no pod runs, so the client Service would have no endpoints.",
    },
    {
        section: "Mode and client traffic",
        changes: { mode: "hybrid", inCluster: undefined },
        problems: ["inCluster is required in hybrid mode"],
        why: "Hybrid mode runs members in the cluster: it needs the in-cluster block.",
    },
    {
        section: "Mode and client traffic",
        changes: { mode: "external", external: undefined },
        problems: ["external is required in external mode"],
        why: "External mode puts external addresses behind the Services: it needs the external block.",
    },
    {
        section: "Mode and client traffic",
        changes: { mode: "external", "inCluster.storage.whenDeleted": "Delete" },
        problems: [
            'inCluster.storage.whenDeleted is "Delete": in external mode the StatefulSet is deleted and every member\'s PersistentVolumeClaim with it; set whenDeleted to "Retain", or allowDataLoss: true if losing the data is intended',
        ],
        why: "External mode deletes the StatefulSet; with `whenDeleted: Delete` the controller deletes every member's PersistentVolumeClaim, and the data with it.",
    },
    {
        section: "Mode and client traffic",
        changes: { mode: "external", "inCluster.replicas": 0 },
        problems: [
            "inCluster.replicas 0 is out of range: it must be from 1 to 10000 (external mode does not use the inCluster block, but it is checked so that it is ready for a switch)",
        ],
        why: "Both blocks may stay in the program whatever the mode, and both are validated in every mode: a mistake in the block the mode does not use is cheapest to fix before the switch that uses it.",
    },
    {
        section: "Mode and client traffic",
        changes: { mode: "hybrid" },
        problems: ["external.members place ordinals 0, 1, 2 that the in-cluster range [0, 3) also holds; a member lives in one place"],
        why: "A member lives in one place: an ordinal in the StatefulSet's range [startOrdinal, startOrdinal + replicas) cannot also be an external member.",
    },
    {
        section: "Mode and client traffic",
        changes: { mode: "hybrid", "inCluster.startOrdinal": 5 },
        problems: ["mode is hybrid but ordinals 3, 4 have no member: neither in the in-cluster range [5, 8) nor in external.members"],
        why: "Quorum-based services count members by ordinal; a gap is a member nobody runs.",
    },
    {
        section: "Mode and client traffic",
        changes: { mode: "hybrid", "inCluster.startOrdinal": 3, "inCluster.replicas": 10_000 },
        problems: ["mode is hybrid with 10000 in-cluster and 3 external members, 10003 in all; the limit is 10000"],
        why: "Both halves of a hybrid ensemble count against the bound on members (see below).",
    },

    // ---- Ports -------------------------------------------------------------------------------
    {
        section: "Ports",
        changes: { ports: [] },
        problems: ["ports must list at least one port"],
        why: "The Services need at least one port; Kubernetes refuses a Service without ports.",
    },
    {
        section: "Ports",
        changes: { "ports[0].client": false },
        problems: ["ports has no client port: mark at least one port `client: true` for the client Service"],
        why: "The client Service `<name>` exposes only client ports; without one it would have none.",
    },
    {
        section: "Ports",
        changes: { "ports[0].name": "zookeeper-client" },
        problems: ['ports[0].name "zookeeper-client" is 16 characters long; a port name holds at most 15'],
        why: "Port names are IANA service names (RFC 6335 §5.1): at most 15 characters. kube-proxy matches Service, EndpointSlice and container ports by name, so every port has one.",
    },
    {
        section: "Ports",
        changes: { "ports[0].name": "client_port" },
        problems: ['ports[0].name "client_port" may only contain lowercase letters, digits and \'-\'; character 7 is "_"'],
        why: "IANA service names hold lowercase letters, digits and '-' only.",
    },
    {
        section: "Ports",
        changes: { "ports[0].name": "2181" },
        problems: ['ports[0].name "2181" must contain at least one letter'],
        why: "An IANA service name has at least one letter, so it is never mistaken for a number.",
    },
    {
        section: "Ports",
        changes: { "ports[0].name": "-client" },
        problems: ["ports[0].name \"-client\" may not start or end with '-'"],
        why: "IANA service names neither start nor end with '-'.",
    },
    {
        section: "Ports",
        changes: { "ports[0].name": "cli--ent" },
        problems: ["ports[0].name \"cli--ent\" may not contain '--'"],
        why: "IANA service names have no '--'.",
    },
    {
        section: "Ports",
        changes: { "ports[1].name": "client" },
        problems: ['ports[1].name "client" is also the name of ports[0]'],
        why: "Ports are matched by name; Kubernetes refuses two ports of one name on a Service.",
    },
    {
        section: "Ports",
        changes: { "ports[0].port": 0 },
        problems: ["ports[0].port 0 is out of range: it must be from 1 to 65535"],
        why: "TCP, UDP and SCTP ports run from 1 to 65535.",
    },
    {
        section: "Ports",
        changes: { "ports[0].port": 2181.5 },
        problems: ["ports[0].port 2181.5 is not an integer"],
        why: "Ports are integers.",
    },
    {
        section: "Ports",
        changes: { "ports[1].port": 2181 },
        problems: [
            "ports[1].port 2181/TCP is also the port of ports[0]",
            "ports[1].targetPort 2181/TCP is also the target port of ports[0]",
        ],
        why: "Kubernetes refuses two Service ports with one number and protocol.",
    },
    {
        section: "Ports",
        changes: { "ports[0].targetPort": 70_000 },
        problems: ["ports[0].targetPort 70000 is out of range: it must be from 1 to 65535"],
        why: "Target ports run from 1 to 65535.",
    },
    {
        section: "Ports",
        changes: { "ports[0].targetPort": "clinet" },
        problems: [
            'ports[0].targetPort "clinet" names no container port (the container\'s ports are "client", "server", "election"); targetPort takes the number the servers listen on',
        ],
        why: "A Service may name a container port as its targetPort, but a name no container port has sends traffic nowhere, silently. The ensemble's targetPort is always a number: external members have no named ports.",
    },
    {
        section: "Ports",
        changes: { "ports[0].targetPort": "server" },
        problems: [
            'ports[0].targetPort "server" is a port name; targetPort takes the number the servers listen on ("server" listens on 2888), because external members have no named ports',
        ],
        why: "As above: external members have no named ports, and their EndpointSlices carry numbers.",
    },
    {
        section: "Ports",
        changes: { "ports[1].targetPort": 2181 },
        problems: ["ports[1].targetPort 2181/TCP is also the target port of ports[0]"],
        why: "Two ports on one container port and protocol: Kubernetes refuses duplicate container ports, and the EndpointSlices could not tell them apart.",
    },
    {
        section: "Ports",
        changes: { "ports[0].protocol": "tcp" },
        problems: ['ports[0].protocol "tcp" is not one of "TCP", "UDP", "SCTP"'],
        why: "Kubernetes protocols are upper case: TCP, UDP or SCTP.",
    },
    {
        section: "Ports",
        changes: { "ports[0].client": "yes" },
        problems: [
            'ports[0].client "yes" is not a boolean',
            "ports has no client port: mark at least one port `client: true` for the client Service",
        ],
        why: 'A string such as "false" would read as true; only booleans are taken.',
    },

    // ---- In-cluster members ------------------------------------------------------------------
    {
        section: "In-cluster members",
        changes: { "inCluster.replicas": 0 },
        problems: ["inCluster.replicas 0 is out of range: it must be from 1 to 10000"],
        why: "An in-cluster block runs at least one member; use external mode for none.",
    },
    {
        section: "In-cluster members",
        changes: { "inCluster.replicas": 10_001 },
        problems: ["inCluster.replicas 10001 is out of range: it must be from 1 to 10000"],
        why: "The bound on members (see below).",
    },
    {
        section: "In-cluster members",
        changes: { "inCluster.replicas": 2.5 },
        problems: ["inCluster.replicas 2.5 is not an integer"],
        why: "Members are counted in whole pods.",
    },
    {
        section: "In-cluster members",
        changes: { "inCluster.startOrdinal": -1 },
        problems: ["inCluster.startOrdinal -1 is out of range: it must be at least 0"],
        why: "StatefulSet ordinals start at 0 or more (`.spec.ordinals.start`).",
    },
    {
        section: "In-cluster members",
        changes: { "inCluster.startOrdinal": 2_147_483_647 },
        problems: [
            "inCluster.startOrdinal 2147483647 puts the last pod at ordinal 2147483649, past 2147483647, the largest StatefulSet ordinal",
        ],
        why: "Ordinals are 32-bit integers in the API; the last pod's ordinal must fit too.",
    },
    {
        section: "In-cluster members",
        changes: { "inCluster.image": "" },
        problems: ['inCluster.image is required: the image the servers run, e.g. "registry.example.com/team/server:1.0"'],
        why: "A container needs an image.",
    },
    {
        section: "In-cluster members",
        changes: { "inCluster.image": "zookeeper:3.9.3 " },
        problems: ['inCluster.image "zookeeper:3.9.3 " contains white space'],
        why: "The API server stores any string as an image, and the pods then fail with InvalidImageName.",
    },
    {
        section: "In-cluster members",
        changes: { "inCluster.image": "Zookeeper:3.9.3" },
        problems: ['inCluster.image "Zookeeper:3.9.3" is not a valid image reference: the repository path must be lowercase'],
        why: "Repository paths of image references are lowercase (distribution/reference); the kubelet reports InvalidImageName otherwise.",
    },
    {
        section: "In-cluster members",
        changes: { "inCluster.image": "zookeeper::3.9.3" },
        problems: [
            'inCluster.image "zookeeper::3.9.3" is not a valid image reference: expected [registry[:port]/]repository[:tag][@algorithm:hex]',
        ],
        why: "As above: the reference grammar of container runtimes.",
    },
    {
        section: "In-cluster members",
        changes: { "inCluster.imagePullPolicy": "always" },
        problems: ['inCluster.imagePullPolicy "always" is not one of "Always", "IfNotPresent", "Never"'],
        why: "Kubernetes knows Always, IfNotPresent and Never, capitalised.",
    },
    {
        section: "In-cluster members",
        changes: { "inCluster.partition": -1 },
        problems: ["inCluster.partition -1 is out of range: it must be at least 0"],
        why: "A rolling-update partition is an ordinal: 0 or more.",
    },
    {
        section: "In-cluster members",
        changes: { "inCluster.partition": 2_147_483_648 },
        problems: ["inCluster.partition 2147483648 is more than 2147483647, the largest value of this 32-bit field"],
        why: "The partition is a 32-bit integer in the API.",
    },
    {
        section: "In-cluster members",
        changes: { "inCluster.maxUnavailable": 0 },
        problems: ["inCluster.maxUnavailable 0 is out of range: it must be at least 1"],
        why: "A PodDisruptionBudget with maxUnavailable 0 blocks every node drain forever.",
    },
    {
        section: "In-cluster members",
        changes: { "inCluster.podManagementPolicy": "parallel" },
        problems: ['inCluster.podManagementPolicy "parallel" is not one of "OrderedReady", "Parallel"'],
        why: "Kubernetes knows OrderedReady and Parallel, capitalised.",
    },
    {
        section: "In-cluster members",
        changes: { "inCluster.spread": "zone" },
        problems: ['inCluster.spread "zone" is not one of "preferred", "required", "none"'],
        why: "Only the three spreading rules are defined.",
    },
    {
        section: "In-cluster members",
        changes: { "inCluster.runAsUser": 0 },
        problems: [
            "inCluster.runAsUser is 0 (root), which the restricted Pod Security Standard forbids; set allowRoot: true to run as root anyway",
        ],
        why: "The restricted Pod Security Standard forbids running as root; leaving it takes an explicit `allowRoot: true` (see docs/security.md).",
    },
    {
        section: "In-cluster members",
        changes: { "inCluster.runAsUser": 4_294_967_295 },
        problems: ["inCluster.runAsUser 4294967295 is more than 2147483647, the largest user ID Kubernetes accepts"],
        why: "Kubernetes takes user IDs from 0 to 2147483647 (IsValidUserID).",
    },
    {
        section: "In-cluster members",
        changes: { "inCluster.runAsGroup": -1 },
        problems: ["inCluster.runAsGroup -1 is out of range: it must be at least 0"],
        why: "Group IDs are 0 or more.",
    },
    {
        section: "In-cluster members",
        changes: { "inCluster.fsGroup": 2_147_483_648 },
        problems: ["inCluster.fsGroup 2147483648 is more than 2147483647, the largest group ID Kubernetes accepts"],
        why: "Kubernetes takes group IDs from 0 to 2147483647 (IsValidGroupID).",
    },
    {
        section: "In-cluster members",
        changes: { "inCluster.terminationGracePeriodSeconds": -5 },
        problems: ["inCluster.terminationGracePeriodSeconds -5 is out of range: it must be at least 0"],
        why: "A grace period is 0 seconds or more.",
    },
    {
        section: "In-cluster members",
        changes: { "inCluster.priorityClassName": "High" },
        problems: ['inCluster.priorityClassName "High" is not a PriorityClass name (a DNS subdomain of at most 253 characters)'],
        why: "PriorityClass names are DNS subdomains: lowercase.",
    },
    {
        section: "In-cluster members",
        changes: { "inCluster.command": "zkServer.sh start-foreground" },
        problems: ['inCluster.command "zkServer.sh start-foreground" is not a list of strings'],
        why: "A command is a list of arguments, not a shell line; a string would be split into characters or refused by the API server.",
    },
    {
        section: "In-cluster members",
        changes: { "inCluster.args": [2181] },
        problems: ["inCluster.args[0] 2181 is not a string"],
        why: "Container arguments are strings; the API server refuses numbers.",
    },

    // ---- Environment -------------------------------------------------------------------------
    {
        section: "Environment",
        changes: { "inCluster.env": [{ name: "1PASSWORD", value: "x" }] },
        problems: ['inCluster.env[0].name "1PASSWORD" is not a valid environment variable name'],
        why: "The API server takes variable names of letters, digits, '_', '-' and '.', not starting with a digit.",
    },
    {
        section: "Environment",
        changes: { "inCluster.env": [{ name: "POD_NAME", value: "x" }] },
        problems: ['inCluster.env[0].name "POD_NAME" is set by the component from the downward API'],
        why: "The component sets POD_NAME and POD_NAMESPACE from the downward API; a second definition would silently win or lose.",
    },
    {
        section: "Environment",
        changes: {
            "inCluster.env": [
                { name: "JVMFLAGS", value: "-Xmx1g" },
                { name: "JVMFLAGS", value: "-Xmx2g" },
            ],
        },
        problems: ['inCluster.env[1].name "JVMFLAGS" is also the name of env[0]'],
        why: "With two definitions the last one wins, silently.",
    },
    {
        section: "Environment",
        changes: { "inCluster.env": [{ name: "JVMFLAGS" }] },
        problems: ["inCluster.env[0].value is required"],
        why: "A variable needs a value.",
    },
    {
        section: "Environment",
        changes: { "inCluster.env": [{ name: "ZOO_TICK_TIME", value: 2000 }] },
        problems: ["inCluster.env[0].value 2000 is not a string: environment variables hold text"],
        why: "Environment values are strings; the API server refuses numbers.",
    },
    {
        section: "Environment",
        changes: { "inCluster.env": [{ name: "ZOO_PASSWORD", value: "x", secret: "yes" }] },
        problems: ['inCluster.env[0].secret "yes" is not a boolean'],
        why: 'Only booleans are taken: a string such as "false" would read as true.',
    },

    // ---- Probes ------------------------------------------------------------------------------
    {
        section: "Probes",
        changes: { "inCluster.readinessProbe": {} },
        problems: ["inCluster.readinessProbe must set exactly one of tcpPort, httpGetPath or exec (it sets 0)"],
        why: "A Kubernetes probe has exactly one handler.",
    },
    {
        section: "Probes",
        changes: { "inCluster.readinessProbe": { tcpPort: "client", exec: ["zkOk.sh"] } },
        problems: ["inCluster.readinessProbe must set exactly one of tcpPort, httpGetPath or exec (it sets 2)"],
        why: "A Kubernetes probe has exactly one handler.",
    },
    {
        section: "Probes",
        changes: { "inCluster.readinessProbe": { tcpPort: "zk" } },
        problems: ['inCluster.readinessProbe.tcpPort "zk" is not the name of one of the ensemble\'s ports'],
        why: "Probes name one of the ensemble's ports, the container ports; a probe on a port nothing listens on never succeeds.",
    },
    {
        section: "Probes",
        changes: { "inCluster.livenessProbe": { httpGetPath: "/commands/ruok" } },
        problems: ["inCluster.livenessProbe.httpPort undefined is not the name of one of the ensemble's ports"],
        why: "An HTTP probe needs the port to send to.",
    },
    {
        section: "Probes",
        changes: { "inCluster.livenessProbe": { httpGetPath: "commands/ruok", httpPort: "client" } },
        problems: ["inCluster.livenessProbe.httpGetPath \"commands/ruok\" must be an absolute path starting with '/'"],
        why: "The kubelet requests an absolute path.",
    },
    {
        section: "Probes",
        changes: { "inCluster.livenessProbe": { exec: [] } },
        problems: ["inCluster.livenessProbe.exec must be a non-empty command"],
        why: "An exec probe runs a command; an empty one is refused by the API server.",
    },
    {
        section: "Probes",
        changes: { "inCluster.readinessProbe": { tcpPort: "client", periodSeconds: 5, timeoutSeconds: 10 } },
        problems: [
            "inCluster.readinessProbe.timeoutSeconds 10 is longer than periodSeconds 5: a probe would still be running when the next one starts",
        ],
        why: "Impossible timing: every probe would still be running when the next starts, so a slow server is never seen as slow, only as failing.",
    },
    {
        section: "Probes",
        changes: { "inCluster.readinessProbe": { tcpPort: "client", periodSeconds: 0 } },
        problems: ["inCluster.readinessProbe.periodSeconds 0 is out of range: it must be at least 1"],
        why: "Kubernetes probes run at least every second.",
    },
    {
        section: "Probes",
        changes: { "inCluster.readinessProbe": { tcpPort: "client", initialDelaySeconds: -1 } },
        problems: ["inCluster.readinessProbe.initialDelaySeconds -1 is out of range: it must be at least 0"],
        why: "A delay is 0 seconds or more.",
    },
    {
        section: "Probes",
        changes: { "inCluster.livenessProbe": { tcpPort: "client", failureThreshold: 0 } },
        problems: ["inCluster.livenessProbe.failureThreshold 0 is out of range: it must be at least 1"],
        why: "A probe fails after at least one failure.",
    },
    {
        section: "Probes",
        changes: { "inCluster.livenessProbe": { tcpPort: "client", timeoutSeconds: 1.5 } },
        problems: ["inCluster.livenessProbe.timeoutSeconds 1.5 is not an integer"],
        why: "Probe timings are whole seconds.",
    },
    {
        section: "Probes",
        changes: { "inCluster.livenessProbe": { tcpPort: "client", initialDelaySeconds: 2_147_483_648 } },
        problems: [
            "inCluster.livenessProbe.initialDelaySeconds 2147483648 is more than 2147483647, the largest value of this 32-bit field",
        ],
        why: "Probe timings are 32-bit integers in the API.",
    },

    // ---- Storage -----------------------------------------------------------------------------
    {
        section: "Storage",
        changes: { "inCluster.storage.size": "10 GB" },
        problems: ['inCluster.storage.size "10 GB" is not a positive Kubernetes quantity such as "10Gi"'],
        why: "A quantity has no space and no `B`: `10G` (10⁹ bytes) or `10Gi` (2³⁰ bytes).",
    },
    {
        section: "Storage",
        changes: { "inCluster.storage.size": "10gb" },
        problems: ['inCluster.storage.size "10gb" is not a positive Kubernetes quantity such as "10Gi"'],
        why: "Quantity suffixes are case-sensitive: `G`, `Gi`; `g` and `b` are not among them.",
    },
    {
        section: "Storage",
        changes: { "inCluster.storage.size": "0" },
        problems: ['inCluster.storage.size "0" is not a positive Kubernetes quantity such as "10Gi"'],
        why: "A claim of no bytes cannot hold data.",
    },
    {
        section: "Storage",
        changes: { "inCluster.storage.mountPath": "data" },
        problems: ["inCluster.storage.mountPath \"data\" must be an absolute path without ':'"],
        why: "Mount paths are absolute; ':' is refused by the API server.",
    },
    {
        section: "Storage",
        changes: { "inCluster.storage.mountPath": "/tmp" },
        problems: ['inCluster.storage.mountPath "/tmp" is also the mount path of the /tmp emptyDir of a read-only root file system'],
        why: "With a read-only root file system the component mounts an emptyDir on /tmp; the API server refuses two mounts at one path.",
    },
    {
        section: "Storage",
        changes: { "inCluster.storage.accessModes": [] },
        problems: ["inCluster.storage.accessModes must list at least one access mode"],
        why: "A claim needs an access mode.",
    },
    {
        section: "Storage",
        changes: { "inCluster.storage.accessModes": ["RWO"] },
        problems: ['inCluster.storage.accessModes[0] "RWO" is not one of ReadWriteOnce, ReadOnlyMany, ReadWriteMany, ReadWriteOncePod'],
        why: "kubectl's abbreviations are not API values.",
    },
    {
        section: "Storage",
        changes: { "inCluster.storage.storageClassName": "Fast_SSD" },
        problems: [
            'inCluster.storage.storageClassName "Fast_SSD" is not a valid Kubernetes name: lowercase letters, digits and \'-\', starting with a lowercase letter or digit and ending with a letter or digit; character 1 is "F"',
        ],
        why: "StorageClass names are DNS subdomains: lowercase, no '_'.",
    },
    {
        section: "Storage",
        changes: { "inCluster.storage.whenDeleted": "Keep" },
        problems: ['inCluster.storage.whenDeleted "Keep" is not one of "Retain", "Delete"'],
        why: "The retention policies are Retain and Delete.",
    },
    {
        section: "Storage",
        changes: { "inCluster.storage.whenScaled": "delete" },
        problems: ['inCluster.storage.whenScaled "delete" is not one of "Retain", "Delete"'],
        why: "The retention policies are Retain and Delete, capitalised.",
    },

    // ---- Compute resources -------------------------------------------------------------------
    {
        section: "Compute resources",
        changes: { "inCluster.resources": { requests: { memory: "1 Gi" } } },
        problems: ['inCluster.resources.requests["memory"] "1 Gi" is not a Kubernetes quantity such as "500m", "1Gi" or "2"'],
        why: "A quantity has no space.",
    },
    {
        section: "Compute resources",
        changes: { "inCluster.resources": { requests: { cpu: 1 } } },
        problems: ['inCluster.resources.requests["cpu"] 1 is a number; give quantities as strings, e.g. "1"'],
        why: "The arguments take quantities as strings, as the API documents them.",
    },
    {
        section: "Compute resources",
        changes: { "inCluster.resources": { requests: { memroy: "1Gi" } } },
        problems: [
            'inCluster.resources.requests["memroy"] is not a container resource: use cpu, memory, ephemeral-storage, hugepages-<size>, or an extended resource with a domain such as example.com/gpu',
        ],
        why: "The API server refuses resource names outside cpu, memory, ephemeral-storage, hugepages-* and domain-qualified extended resources.",
    },
    {
        section: "Compute resources",
        changes: { "inCluster.resources": { requests: { cpu: "-1" } } },
        problems: ['inCluster.resources.requests["cpu"] "-1" is negative'],
        why: "Resource quantities are not negative.",
    },
    {
        section: "Compute resources",
        changes: { "inCluster.resources": { requests: { memory: "2Gi" }, limits: { memory: "1Gi" } } },
        problems: ['inCluster.resources.requests["memory"] "2Gi" is more than its limit "1Gi"; a request may not exceed the limit'],
        why: "The API server requires every request to be at most its limit.",
    },
    {
        section: "Compute resources",
        changes: { "inCluster.resources": { requests: { "example.com/gpu": "1" } } },
        problems: [
            'inCluster.resources.requests["example.com/gpu"] has no limit: huge pages and extended resources cannot be overcommitted, so Kubernetes requires a limit',
        ],
        why: "Extended resources cannot be overcommitted: the API server requires a limit (`Limit must be set for non overcommitable resources`).",
    },
    {
        section: "Compute resources",
        changes: { "inCluster.resources": { limits: { "example.com/gpu": "500m" } } },
        problems: [
            'inCluster.resources.limits["example.com/gpu"] "500m" is not a whole number: extended resources are counted in whole units',
        ],
        why: "The API server requires whole numbers of extended resources.",
    },
    {
        section: "Compute resources",
        changes: { "inCluster.resources": { requests: { memory: "1Gi", "hugepages-2Mi": "1Gi" }, limits: { "hugepages-2Mi": "2Gi" } } },
        problems: [
            'inCluster.resources.requests["hugepages-2Mi"] "1Gi" differs from its limit "2Gi": huge pages and extended resources cannot be overcommitted',
        ],
        why: "Huge pages cannot be overcommitted: the API server requires request and limit to be equal.",
    },
    {
        section: "Compute resources",
        changes: { "inCluster.resources": { limits: { "hugepages-2Mi": "1Gi" } } },
        problems: ["inCluster.resources asks for huge pages without cpu or memory; Kubernetes requires one of them alongside huge pages"],
        why: "The API server refuses huge pages without a cpu or memory request or limit.",
    },
    {
        section: "Compute resources",
        changes: { "inCluster.resources": { request: { cpu: "1" } } },
        problems: ["inCluster.resources.request is not a field of resources: it takes requests and limits"],
        why: "The block goes into the pod spec as it is: a misspelt field would be dropped by the API server, and the container would run without the resources meant for it.",
    },

    // ---- Labels and annotations --------------------------------------------------------------
    {
        section: "Labels and annotations",
        changes: { labels: { team: "data platform" } },
        problems: [
            "labels[\"team\"] \"data platform\" is not letters, digits, '-', '_' and '.' between a letter or digit at each end; character 5 is white space (U+0020)",
        ],
        why: "Label values are at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit.",
    },
    {
        section: "Labels and annotations",
        changes: { labels: { team: repeated("x", 64) } },
        problems: [
            'labels["team"] "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" is 64 characters long; a label value holds at most 63',
        ],
        why: "Label values hold at most 63 characters.",
    },
    {
        section: "Labels and annotations",
        changes: { labels: { team: 7 } },
        problems: ['labels["team"] 7 is not a string'],
        why: "Label values are strings; the API server refuses numbers.",
    },
    {
        section: "Labels and annotations",
        changes: { labels: { "Team Name": "data" } },
        problems: [
            "labels[\"Team Name\"] is not a valid label key: it has a name part that is not letters, digits, '-', '_' and '.' between a letter or digit at each end; character 5 is white space (U+0020)",
        ],
        why: "A label key's name part is at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit.",
    },
    {
        section: "Labels and annotations",
        changes: { labels: { "\u00e9quipe": "data" } },
        problems: [
            "labels[\"\u00e9quipe\"] is not a valid label key: it has a name part that is not letters, digits, '-', '_' and '.' between a letter or digit at each end; character 1 is \"\u00e9\" (U+00E9), not ASCII",
        ],
        why: "Label keys are ASCII.",
    },
    {
        section: "Labels and annotations",
        changes: { labels: { "example.com/": "x" } },
        problems: ['labels["example.com/"] is not a valid label key: it has an empty name'],
        why: "A prefixed key still needs a name after the '/'.",
    },
    {
        section: "Labels and annotations",
        changes: { labels: { "Example.com/team": "x" } },
        problems: [
            "labels[\"Example.com/team\"] is not a valid label key: it has a prefix that is not a DNS subdomain (lowercase letters, digits, '-' and '.'); character 1 is \"E\"",
        ],
        why: "A key's prefix is a DNS subdomain: lowercase.",
    },
    {
        section: "Labels and annotations",
        changes: { labels: { "a/b/c": "x" } },
        problems: ["labels[\"a/b/c\"] is not a valid label key: it has more than one '/'"],
        why: "A key is an optional prefix, one '/', and a name.",
    },
    {
        section: "Labels and annotations",
        changes: { labels: { "app.kubernetes.io/name": "zk" } },
        problems: [
            'labels["app.kubernetes.io/name"] may not be set: the component sets it from appName, and it is part of the pod selector',
        ],
        why: "The component's own labels select its pods; a user value would be overwritten on some objects and not on others.",
    },
    {
        section: "Labels and annotations",
        changes: { labels: { "service.kubernetes.io/service-proxy-name": "custom" } },
        problems: [
            'labels["service.kubernetes.io/service-proxy-name"] may not be set: on the ensemble\'s Services it would make kube-proxy ignore them',
        ],
        why: "Labels go on every object, the Services included, and kube-proxy ignores a Service with this label: clients would lose the ensemble.",
    },
    {
        section: "Labels and annotations",
        changes: { "inCluster.podLabels": { "app.kubernetes.io/instance": "other" } },
        problems: [
            'inCluster.podLabels["app.kubernetes.io/instance"] may not be set: the component sets it to its own name, and it is part of the pod selector',
        ],
        why: "Part of the pod selector: the StatefulSet would not find its own pods.",
    },
    {
        section: "Labels and annotations",
        changes: { "inCluster.nodeSelector": { disktype: "fast ssd" } },
        problems: [
            "inCluster.nodeSelector[\"disktype\"] \"fast ssd\" is not letters, digits, '-', '_' and '.' between a letter or digit at each end; character 5 is white space (U+0020)",
        ],
        why: "A nodeSelector matches label values, which have no spaces: no node could ever match.",
    },
    {
        section: "Labels and annotations",
        changes: { annotations: { "note ": "x" } },
        problems: [
            "annotations[\"note \"] is not a valid annotation key: it has a name part that is not letters, digits, '-', '_' and '.' between a letter or digit at each end; character 5 is white space (U+0020)",
        ],
        why: "Annotation keys follow the label key rules.",
    },
    {
        section: "Labels and annotations",
        changes: { annotations: { replicas: 3 } },
        problems: ['annotations["replicas"] 3 is not a string'],
        why: "Annotation values are strings; the API server refuses numbers.",
    },
    {
        section: "Labels and annotations",
        changes: { annotations: { notes: repeated("x", 262_140) } },
        problems: ["annotations come to 262145 bytes; an object's annotations hold at most 262144 (256 KiB)"],
        why: "The API server limits an object's annotations to 256 KiB, keys and values together.",
    },
    {
        section: "Labels and annotations",
        changes: { annotations: { notes: repeated("x", 200_000) }, "inCluster.podAnnotations": { more: repeated("x", 100_000) } },
        problems: [
            "inCluster.podAnnotations together with annotations come to 300009 bytes on each pod; an object's annotations hold at most 262144 (256 KiB)",
        ],
        why: "The pods carry both maps, so both count against the 256 KiB limit together.",
    },

    // ---- External members --------------------------------------------------------------------
    {
        section: "External members",
        changes: { "external.members": [] },
        problems: ["external.members must list at least one member"],
        why: "An external block puts at least one member behind the Services.",
    },
    {
        section: "External members",
        changes: { "external.members": members(10_001) },
        problems: ["external.members lists 10001 members; the limit is 10000"],
        why: "The bound on members (see below).",
    },
    {
        section: "External members",
        changes: { "external.members[0].address": "zk-0.example.com" },
        problems: [
            'external.members[0].address "zk-0.example.com" is not an IPv4 or IPv6 address (DNS names are not accepted: kube-proxy ignores FQDN endpoints)',
        ],
        why: "kube-proxy ignores FQDN endpoints, and EndpointSlice addresses of type IPv4/IPv6 are IP literals.",
    },
    {
        section: "External members",
        changes: { "external.members[0].address": " 10.0.0.10" },
        problems: [
            'external.members[0].address " 10.0.0.10" is not an IPv4 or IPv6 address (DNS names are not accepted: kube-proxy ignores FQDN endpoints)',
        ],
        why: "An IP literal has no white space.",
    },
    {
        section: "External members",
        changes: { "external.members[0].address": "010.0.0.10" },
        problems: [
            'external.members[0].address "010.0.0.10" is not an IPv4 or IPv6 address (DNS names are not accepted: kube-proxy ignores FQDN endpoints)',
        ],
        why: "The API server refuses IPv4 addresses with leading zeros, which some parsers read as octal (since Kubernetes 1.20).",
    },
    {
        section: "External members",
        changes: { "external.members[0].address": "2001:db8::13%eth0" },
        problems: [
            'external.members[0].address "2001:db8::13%eth0" has an IPv6 zone (%eth0), which an EndpointSlice address cannot carry; give the address without it',
        ],
        why: "An EndpointSlice address cannot carry an IPv6 zone.",
    },
    {
        section: "External members",
        changes: { "external.members[0].address": "127.0.0.1" },
        problems: ['external.members[0].address "127.0.0.1" is a loopback address (127.0.0.0/8); Kubernetes rejects such endpoints'],
        why: "The API server refuses loopback endpoints (ValidateEndpointIP): each node would reach itself.",
    },
    {
        section: "External members",
        changes: { "external.members[0].address": "::1" },
        problems: ['external.members[0].address "::1" is a loopback address (::1); Kubernetes rejects such endpoints'],
        why: "As above, for IPv6.",
    },
    {
        section: "External members",
        changes: { "external.members[0].address": "::ffff:127.0.0.1" },
        problems: [
            'external.members[0].address "::ffff:127.0.0.1" is an IPv4-mapped IPv6 address; give the IPv4 address 127.0.0.1 instead; Kubernetes rejects such endpoints',
        ],
        why: "Kubernetes' strict IP validation (KEP-4858) refuses IPv4-mapped IPv6 addresses; the IPv4 address itself is what works.",
    },
    {
        section: "External members",
        changes: { "external.members[0].address": "169.254.10.10" },
        problems: [
            'external.members[0].address "169.254.10.10" is a link-local address (169.254.0.0/16); Kubernetes rejects such endpoints',
        ],
        why: "The API server refuses link-local endpoints: they do not leave the node.",
    },
    {
        section: "External members",
        changes: { "external.members[0].address": "fe80::10" },
        problems: ['external.members[0].address "fe80::10" is a link-local address (fe80::/10); Kubernetes rejects such endpoints'],
        why: "As above, for IPv6.",
    },
    {
        section: "External members",
        changes: { "external.members[0].address": "224.0.0.10" },
        problems: ['external.members[0].address "224.0.0.10" is a multicast address (224.0.0.0/4); Kubernetes rejects such endpoints'],
        why: "The API server refuses multicast endpoints: a member is one server.",
    },
    {
        section: "External members",
        changes: { "external.members[0].address": "ff02::10" },
        problems: ['external.members[0].address "ff02::10" is a multicast address (ff00::/8); Kubernetes rejects such endpoints'],
        why: "As above, for IPv6.",
    },
    {
        section: "External members",
        changes: { "external.members[0].address": "0.0.0.0" },
        problems: ['external.members[0].address "0.0.0.0" is the unspecified address; Kubernetes rejects such endpoints'],
        why: "The unspecified address names no server.",
    },
    {
        section: "External members",
        changes: { "external.members[0].address": "::" },
        problems: ['external.members[0].address "::" is the unspecified address (::); Kubernetes rejects such endpoints'],
        why: "As above, for IPv6.",
    },
    {
        section: "External members",
        changes: { "external.members[0].address": "255.255.255.255" },
        problems: ['external.members[0].address "255.255.255.255" is the broadcast address; Kubernetes rejects such endpoints'],
        why: "The broadcast address names no server.",
    },
    {
        section: "External members",
        changes: { "external.members[1].address": "10.0.0.10" },
        problems: ['external.members[1].address "10.0.0.10" is also the address of members[0]'],
        why: "One server cannot be two members: a quorum would count it twice.",
    },
    {
        section: "External members",
        changes: { "external.members": [{ address: "2001:db8::10" }, { address: "2001:DB8:0:0::10" }] },
        problems: ['external.members[1].address "2001:DB8:0:0::10" is also the address of members[0]'],
        why: "Addresses are compared in their canonical form (RFC 5952).",
    },
    {
        section: "External members",
        changes: { "external.members[0].ordinal": -1 },
        problems: ["external.members[0].ordinal -1 is out of range: it must be at least 0"],
        why: "Ordinals are 0 or more.",
    },
    {
        section: "External members",
        changes: { "external.members[0].ordinal": 1.5 },
        problems: ["external.members[0].ordinal 1.5 is not an integer"],
        why: "Ordinals are integers.",
    },
    {
        section: "External members",
        changes: { "external.members[0].ordinal": 1 },
        problems: ["external.members[1].ordinal 1 is also the ordinal of members[0]"],
        why: "Each ordinal is one member: `<name>-<ordinal>` is its DNS name.",
    },
    {
        section: "External members",
        changes: { "external.members[0].ordinal": 2_147_483_648 },
        problems: ["external.members[0].ordinal 2147483648 is more than 2147483647, the largest ordinal"],
        why: "Ordinals are 32-bit, as StatefulSet ordinals are, which also keeps `<name>-<ordinal>` within a 63-character DNS label.",
    },

    // ---- NetworkPolicy -----------------------------------------------------------------------
    {
        section: "NetworkPolicy",
        changes: { networkPolicy: {} },
        problems: [
            "networkPolicy.clients is required: list the pods that may connect to the client ports, or [] to let only the members connect",
        ],
        why: "Closing the client ports to every application is a choice to state, not a default to stumble into (see docs/network-policy.md).",
    },
    {
        section: "NetworkPolicy",
        changes: { networkPolicy: "on" },
        problems: ['networkPolicy "on" is not a block: give { clients: [...] }'],
        why: "The block lists the clients.",
    },
    {
        section: "NetworkPolicy",
        changes: { networkPolicy: { clients: [{}] } },
        problems: [
            "networkPolicy.clients[0] sets neither podLabels nor namespaceLabels; Kubernetes refuses a NetworkPolicy peer that names nothing",
        ],
        why: "The API server refuses a NetworkPolicy peer without a selector.",
    },
    {
        section: "NetworkPolicy",
        changes: { networkPolicy: { clients: [{ podLabels: { app: "web client" } }] } },
        problems: [
            "networkPolicy.clients[0].podLabels[\"app\"] \"web client\" is not letters, digits, '-', '_' and '.' between a letter or digit at each end; character 4 is white space (U+0020)",
        ],
        why: "Selectors match label values, which have no spaces.",
    },
    {
        section: "NetworkPolicy",
        changes: { networkPolicy: { clients: [], dns: {} } },
        problems: [
            "networkPolicy.dns sets neither podLabels nor namespaceLabels; Kubernetes refuses a NetworkPolicy peer that names nothing",
        ],
        why: "The API server refuses a NetworkPolicy peer without a selector.",
    },

    // ---- Secret volumes ----------------------------------------------------------------------
    {
        section: "Secret volumes",
        changes: { "inCluster.secretVolumes": [{ name: "config", secretName: "zk-tls", mountPath: "/tls" }] },
        problems: ['inCluster.secretVolumes[0].name "config" is the name of a volume the component mounts itself'],
        why: "The pod already has a volume of that name (the configuration files); volume names are unique within a pod.",
    },
    {
        section: "Secret volumes",
        changes: { "inCluster.secretVolumes": [{ name: "tls", secretName: "zk_tls", mountPath: "/tls" }] },
        problems: [
            'inCluster.secretVolumes[0].secretName "zk_tls" is not a valid Kubernetes name: lowercase letters, digits and \'-\', starting with a lowercase letter or digit and ending with a letter or digit; character 3 is "_"',
        ],
        why: "Secret names are DNS subdomains; the pods would wait forever for a Secret that cannot exist.",
    },
    {
        section: "Secret volumes",
        changes: { "inCluster.secretVolumes": [{ name: "tls", secretName: "zk-tls", mountPath: "/data" }] },
        problems: ['inCluster.secretVolumes[0].mountPath "/data" is also the mount path of inCluster.storage.mountPath'],
        why: "The API server refuses two volume mounts at one path.",
    },

    // ---- Monitor -----------------------------------------------------------------------------
    {
        section: "Monitor",
        changes: { monitor: { kind: "PodMonitor", port: "metrics" } },
        problems: ['monitor.port "metrics" is not the name of one of the ports (client, server, election)'],
        why: "A monitor scrapes a named port of the pods or of the Service; prometheus-operator finds no target on a port that does not exist.",
    },
    {
        section: "Monitor",
        changes: { monitor: { kind: "ServiceMonitor", port: "client" } },
        problems: ['monitor.port "client" is a client port; a ServiceMonitor needs a port only the headless Service carries'],
        why: "Both Services carry the client ports and select the same members, so every member would be scraped twice.",
    },
    {
        section: "Monitor",
        changes: { monitor: { kind: "PodMonitor", port: "client", interval: "30 s" } },
        problems: ['monitor.interval "30 s" is not a Prometheus duration such as "30s" or "1m30s"'],
        why: "The CRD's schema refuses it, so the API server would reject the object.",
    },

    // ---- Values known only at deployment -----------------------------------------------------
    {
        section: "Values known only at deployment",
        changes: { "inCluster.image": output("") },
        atResolution: true,
        problems: ['inCluster.image resolved to "", which is empty: an image is required'],
        why: "An Output is checked when it resolves, by the rules its plain value would meet.",
    },
    {
        section: "Values known only at deployment",
        changes: { "inCluster.image": output("zookeeper:3.9.3 ") },
        atResolution: true,
        problems: ['inCluster.image resolved to "zookeeper:3.9.3 ", which contains white space'],
        why: "As for a plain image.",
    },
    {
        section: "Values known only at deployment",
        changes: { "inCluster.image": secret("zookeeper:3.9.3") },
        atResolution: true,
        problems: [
            "inCluster.image resolved to a secret, which would be stored in the pod spec in plain text: an image cannot come from a Secret",
        ],
        why: "No Kubernetes field lets an image come from a Secret: it would be in the pod spec in plain text.",
    },
    {
        section: "Values known only at deployment",
        changes: { "inCluster.args": ["--password", secret("hunter2")] },
        atResolution: true,
        problems: [
            'inCluster.args[1] resolved to a secret, which would be stored in the pod spec in plain text: put the value in inCluster.env (it is stored in the Secret "zk-env") and refer to it as $(NAME)',
        ],
        why: "Secrets never go inline in a pod spec; Kubernetes expands `$(NAME)` in arguments from the container's environment.",
    },
    {
        section: "Values known only at deployment",
        changes: { "inCluster.command": [output(42)] },
        atResolution: true,
        problems: ["inCluster.command[0] resolved to 42, which is not a string"],
        why: "Container commands are strings.",
    },
    {
        section: "Values known only at deployment",
        changes: { "inCluster.env": [{ name: "ZOO_PASSWORD", value: output(undefined) }] },
        atResolution: true,
        problems: ["inCluster.env[0].value resolved to undefined, which is not a string"],
        why: "The value would be missing from the Secret, and the pod would not start (CreateContainerConfigError).",
    },
];
