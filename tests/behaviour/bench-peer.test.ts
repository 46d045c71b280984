/**
 * The benchmark's peer, a cdk8s-plus-31 chart (bench/peer/chart.ts), synthesizes the objects the
 * renderer renders for the root program in-cluster: the comparison in `npm run bench` is between
 * equal work. Field for field, with two allowances: cdk8s-plus writes some fields out with the
 * value Kubernetes takes when they are absent, and spells 1Gi as 1024Mi.
 */
import { strict as assert } from "assert";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { buildApp } from "../../bench/peer/chart";
import { renderProgram } from "../../sdk/tools/render/engine";
import { assertValidObject } from "../helpers/schema";

const ROOT = path.join(__dirname, "..", "..");

type Json = Record<string, unknown>;

/**
 * Fields cdk8s-plus always writes, each with the value it writes, which is what Kubernetes
 * takes when the field is absent (the renderer leaves them out).
 */
const WRITTEN_DEFAULTS: Readonly<Record<string, unknown>> = {
    "ConfigMap/immutable": false,
    "Service/spec/externalIPs": [],
    "Service/spec/type": "ClusterIP",
    "StatefulSet/spec/minReadySeconds": 0,
    "StatefulSet/spec/updateStrategy/rollingUpdate": { partition: 0 },
    "StatefulSet/spec/template/spec/dnsPolicy": "ClusterFirst",
    "StatefulSet/spec/template/spec/hostNetwork": false,
    "StatefulSet/spec/template/spec/restartPolicy": "Always",
    "StatefulSet/spec/template/spec/setHostnameAsFQDN": false,
    "StatefulSet/spec/template/spec/shareProcessNamespace": false,
    "StatefulSet/spec/template/spec/containers/0/imagePullPolicy": "IfNotPresent",
    "StatefulSet/spec/template/spec/containers/0/securityContext/privileged": false,
};

/** What cdk8s-plus-31 cannot express, set in the chart through cdk8s's JSON-patch escape hatch. */
const GAPS = [
    "Service zk /spec/ipFamilyPolicy",
    "Service zk-headless /spec/ipFamilyPolicy",
    "Service zk-headless /spec/publishNotReadyAddresses",
    "Service zk-headless /spec/selector/cdk8s.io~1metadata.addr",
    "StatefulSet zk /spec/template/metadata/labels/cdk8s.io~1metadata.addr",
    "StatefulSet zk /spec/persistentVolumeClaimRetentionPolicy",
    "StatefulSet zk /spec/template/spec/securityContext/seccompProfile",
];

const MEBIBYTES: Readonly<Record<string, number>> = { Mi: 1, Gi: 1024 };

/** The paths at which two objects differ, `/`-separated, with the two values. */
function differences(a: unknown, b: unknown, at = ""): [string, unknown, unknown][] {
    if (JSON.stringify(a) === JSON.stringify(b)) return [];
    if (a && b && typeof a === "object" && typeof b === "object" && Array.isArray(a) === Array.isArray(b)) {
        const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
        return keys.flatMap((k) => differences((a as Json)[k], (b as Json)[k], `${at}/${k.replace(/\//g, "~1")}`));
    }
    return [[at, a, b]];
}

/** A difference that is no difference to Kubernetes: a written default, or a quantity spelt otherwise. */
function same(kind: string, [at, rendered, peer]: [string, unknown, unknown]): boolean {
    if (rendered === undefined && `${kind}${at}` in WRITTEN_DEFAULTS) {
        assert.deepEqual(peer, WRITTEN_DEFAULTS[`${kind}${at}`], `${kind}${at}`);
        return true;
    }
    const quantity = (q: unknown) => {
        const m = /^(\d+)(Mi|Gi)$/.exec(String(q));
        return m ? Number(m[1]) * MEBIBYTES[m[2]] : NaN;
    };
    return /\/resources\/(limits|requests)\/memory$/.test(at) && quantity(rendered) === quantity(peer);
}

function synthesized(patch: boolean): Json[] {
    return parseAllDocuments(buildApp(patch).app.synthYaml())
        .map((d) => d.toJS() as Json)
        .filter(Boolean);
}

function keyOf(o: Json): string {
    return `${o.kind} ${(o.metadata as Json).name}`;
}

describe("the benchmark's cdk8s-plus peer", () => {
    let rendered: Map<string, Json>;
    before(async () => {
        const result = await renderProgram(ROOT, { config: ["mode=inCluster"] });
        rendered = new Map(result.resources.map((r) => [keyOf(r.object as unknown as Json), r.object as unknown as Json]));
    });

    it("synthesizes the root program's in-cluster objects, field for field", () => {
        const peer = synthesized(true);
        assert.deepEqual(peer.map(keyOf).sort(), [...rendered.keys()].sort());
        for (const object of peer) {
            assertValidObject(object as never);
            const kind = object.kind as string;
            const left = differences(rendered.get(keyOf(object)), object).filter((d) => !same(kind, d));
            assert.deepEqual(left, [], keyOf(object));
        }
    });

    it("needs cdk8s's escape hatch for exactly the fields cdk8s-plus cannot express", () => {
        const { gaps } = buildApp(true);
        assert.deepEqual(
            gaps.map((g) => `${g.kind} ${g.name} ${g.path}`),
            GAPS,
        );
        // Without the patches, the chart differs from the renderer at those fields and no others.
        const unpatched = synthesized(false).flatMap((object) =>
            differences(rendered.get(keyOf(object)), object)
                .filter((d) => !same(object.kind as string, d))
                .map(([at]) => `${keyOf(object)} ${at}`),
        );
        assert.deepEqual(unpatched.sort(), [...GAPS].sort());
    });
});
