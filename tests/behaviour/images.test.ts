/**
 * Every image the README, the docs and the examples name starts under the settings they show.
 * IMAGE_STARTS writes down which paths each image's start writes, as its entrypoint or the
 * command given runs it; every rendered container whose root file system is read-only must have
 * a writable mount at each of them, or the pod would crash at start.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { renderProgram } from "../../sdk/tools/render/engine";
import { ROOT } from "../helpers/examples";
import { COMPONENTS, everyPodTemplate } from "../helpers/pod-templates";
import { snippetProjects, snippets } from "../helpers/snippets";
import { SIX_SERVERS, allowWarning, expectWarning } from "../helpers/warnings";

/* eslint-disable @typescript-eslint/no-explicit-any */

interface ImageStart {
    readonly image: string;
    /** The container's command[0]; undefined: the image's own entrypoint. */
    readonly command?: string;
    /** Every path the start writes to (a directory or a file). */
    readonly writes: readonly string[];
    readonly why: string;
}

const IMAGE_STARTS: readonly ImageStart[] = [
    {
        image: "zookeeper:3.9.3",
        writes: ["/conf/zoo.cfg", "/data/myid", "/datalog"],
        why: "docker-entrypoint.sh writes $ZOO_CONF_DIR/zoo.cfg when it is missing and $ZOO_DATA_DIR/myid; the server writes its transaction log to $ZOO_DATA_LOG_DIR",
    },
    {
        image: "zookeeper:3.9.3",
        command: "bash",
        writes: ["/data/myid", "/data/version-2", "/tmp"],
        why: "ZooKeeperEnsemble's start script writes myid into dataDir, the server its snapshots (and, without a transaction-log disk, its log) there, the JVM its perf data under /tmp",
    },
    {
        image: "quay.io/coreos/etcd:v3.5.17",
        command: "etcd",
        writes: ["/data/etcd"],
        why: "etcd writes only its --data-dir, /data/etcd in the README",
    },
];

/** Images named in the docs that the package never runs: `kubectl run` with the cluster's defaults. */
const RUN_BY_KUBECTL = ["busybox:1.36"];

function startOf(container: any): ImageStart | undefined {
    return IMAGE_STARTS.find((s) => s.image === container.image && s.command === container.command?.[0]);
}

/** The paths a container's start writes that no writable mount holds, when its root file system is read-only. */
function unwritable(container: any): string[] {
    const start = startOf(container);
    if (!start) return [`no entry in IMAGE_STARTS for ${container.image} started by ${container.command?.[0] ?? "its entrypoint"}`];
    if (container.securityContext?.readOnlyRootFilesystem !== true) return [];
    const writable = (container.volumeMounts ?? []).filter((m: any) => !m.readOnly).map((m: any) => m.mountPath as string);
    return start.writes.filter((w) => !writable.some((m: string) => w === m || w.startsWith(`${m}/`)));
}

/** Images named in README.md, docs/ (but the error table, which lists refused ones) and examples/. */
function namedImages(): Map<string, string> {
    const files = [
        "README.md",
        ...fs
            .readdirSync(path.join(ROOT, "docs"))
            .filter((f) => f.endsWith(".md") && f !== "errors.md")
            .map((f) => `docs/${f}`),
        ...fs
            .readdirSync(path.join(ROOT, "examples"))
            .flatMap((e) => fs.readdirSync(path.join(ROOT, "examples", e)).map((f) => `examples/${e}/${f}`))
            .filter((f) => /\.(md|ts|ya?ml|py)$/.test(f)),
    ];
    const named = new Map<string, string>();
    for (const file of files) {
        const text = fs.readFileSync(path.join(ROOT, file), "utf8");
        for (const m of text.matchAll(/(?:\bimage[:=]\s*["']?|--image=)([a-z0-9][\w./-]*:[\w.-]+)/g)) named.set(m[1], file);
    }
    return named;
}

describe("the images the documentation and the examples name", () => {
    it("are each written down with what their start writes, or run by kubectl with its defaults", () => {
        const named = namedImages();
        assert.ok(named.has("zookeeper:3.9.3") && named.has("quay.io/coreos/etcd:v3.5.17"), [...named.keys()].join(", "));
        const unknown = [...named].filter(([image]) => !IMAGE_STARTS.some((s) => s.image === image) && !RUN_BY_KUBECTL.includes(image));
        assert.deepEqual(unknown, []);
    });

    it("start with every path they write on a writable mount in every rendered program, example and snippet", async function () {
        this.timeout(120_000);
        // The migration example's middle steps and the README's hybrid example run six servers.
        expectWarning(SIX_SERVERS);
        allowWarning(/^warning: \[runtime\] ZooKeeperEnsemble "zk": the ensemble has 2 servers; /);
        // The programs and examples, not the test-only component fixtures (which no document shows).
        const templates = (await everyPodTemplate()).filter((t) => !COMPONENTS.some((c) => c.source === t.source));
        const all = snippets();
        const files = snippetProjects(all);
        for (const [i, file] of files.entries()) {
            const { resources } = await renderProgram(path.dirname(file));
            for (const r of resources.filter((o) => o.object.kind === "StatefulSet")) {
                templates.push({ source: all[i].source, template: (r.object as any).spec.template });
            }
        }
        assert.ok(
            templates.some((t) => t.source.startsWith("README.md")),
            "no README snippet runs a pod",
        );
        const problems = templates.flatMap((t) =>
            [...(t.template.spec.initContainers ?? []), ...t.template.spec.containers].flatMap((c: any) =>
                unwritable(c).map((p) => `${t.source}: ${c.name} (${c.image}): ${p.startsWith("no entry") ? p : `${p} is not writable`}`),
            ),
        );
        assert.deepEqual(problems, []);
    });

    it("run in the Pulumi YAML example with the setting their start needs", () => {
        const program = parse(fs.readFileSync(path.join(ROOT, "examples/yaml-in-cluster/Pulumi.yaml"), "utf8"));
        const inCluster = program.resources.zk.properties.inCluster;
        const start = startOf({ image: inCluster.image, command: inCluster.command });
        assert.ok(start, inCluster.image);
        // The component's writable mounts are the data volume (/data) and /tmp: anything else needs a writable root.
        const outside = start.writes.filter((w) => !/^\/(data|tmp)(\/|$)/.test(w));
        assert.ok(outside.length === 0 || inCluster.readOnlyRootFilesystem === false, `${outside.join(", ")} would not be writable`);
    });

    it("shows the check failing for the image's own entrypoint under a read-only root", () => {
        const container = {
            image: "zookeeper:3.9.3",
            securityContext: { readOnlyRootFilesystem: true },
            volumeMounts: [{ mountPath: "/data" }, { mountPath: "/tmp" }],
        };
        assert.deepEqual(unwritable(container), ["/conf/zoo.cfg", "/datalog"]);
    });
});
