/**
 * Properties that hold for every ensemble, checked on random ones (fast-check): valid input
 * renders objects Kubernetes accepts, with every member in exactly one place; invalid input is
 * refused with a clear error and registers nothing; no input, however hostile, crashes validation.
 */
import { strict as assert } from "assert";
import fc from "fast-check";
import { EnsembleArgsError, PlannedObject, StatefulEnsemble, planEnsemble, validateEnsemble } from "../../sdk";
import { parseIp } from "../../sdk/validate/grammar/ip";
import { anyValidEnsemble, brokenEnsemble, GeneratedEnsemble, validEnsemble } from "../helpers/arbitraries";
import { recordResources, settle } from "../helpers/mocks";
import { assertValidObject } from "../helpers/schema";

/** What the EndpointSlice controller puts in one slice, and so the most the component may. */
const ENDPOINTS_PER_SLICE = 100;

/** Runs per property: enough to meet every branch of the generators, few enough to stay fast. */
const RUNS = { numRuns: 60 };

const render = (o: PlannedObject) => ({ apiVersion: o.apiVersion, kind: o.kind, ...o.body }) as Record<string, unknown>;

function plan(e: GeneratedEnsemble): PlannedObject[] {
    return planEnsemble(validateEnsemble(e.name, e.args));
}

interface Slice {
    metadata: { name: string; labels: Record<string, string> };
    addressType: string;
    endpoints: { addresses: string[]; hostname: string }[];
}

/** Ordinal of each member a Service reaches: its pods (when it selects them) and its slices' endpoints. */
function membersBehind(objects: PlannedObject[], service: string, e: GeneratedEnsemble, name: string): number[] {
    const svc = objects.find((o) => o.kind === "Service" && o.body.metadata.name === service)!;
    const selector = (svc.body.spec as { selector?: Record<string, string> }).selector;
    const sts = objects.find((o) => o.kind === "StatefulSet");
    // The Service selects the pods when every label of its selector is on the pod template
    // (a Service not backed by pods keeps a selector that no pod carries).
    const podLabels: Record<string, string> =
        (sts?.body as { spec?: { template: { metadata: { labels: Record<string, string> } } } } | undefined)?.spec?.template.metadata
            .labels ?? {};
    const selects = selector !== undefined && Object.entries(selector).every(([k, v]) => podLabels[k] === v);
    const pods = selects && sts ? e.podOrdinals : [];
    const slices = objects.filter((o) => o.kind === "EndpointSlice" && o.body.metadata.labels["kubernetes.io/service-name"] === service);
    const external = slices.flatMap((s) => (s.body as unknown as Slice).endpoints.map((ep) => Number(ep.hostname.slice(name.length + 1))));
    return [...pods, ...external];
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

describe("every valid ensemble (property-based)", () => {
    for (const mode of ["inCluster", "external", "hybrid"] as const) {
        it(`renders only objects the Kubernetes schemas accept, in ${mode} mode`, () => {
            fc.assert(
                fc.property(validEnsemble(mode), (e) => {
                    for (const o of plan(e)) assertValidObject(render(o));
                }),
                RUNS,
            );
        });
    }

    it("gives every object a Kubernetes name and a Pulumi name no other object of its kind has", () => {
        fc.assert(
            fc.property(anyValidEnsemble(), (e) => {
                const objects = plan(e);
                const k8sIds = objects.map((o) => `${o.kind} ${o.body.metadata.namespace}/${o.body.metadata.name}`);
                const pulumiIds = objects.map((o) => `${o.kind} ${o.resourceName}`);
                assert.equal(new Set(k8sIds).size, k8sIds.length);
                assert.equal(new Set(pulumiIds).size, pulumiIds.length);
            }),
            RUNS,
        );
    });

    it("puts every member behind the headless Service exactly once, as a pod or as an endpoint", () => {
        fc.assert(
            fc.property(anyValidEnsemble(), (e) => {
                const expected = sorted([...e.podOrdinals, ...e.external.keys()]);
                assert.deepEqual(sorted(membersBehind(plan(e), `${e.name}-headless`, e, e.name)), expected);
            }),
            RUNS,
        );
    });

    it("puts exactly the members clientTraffic names behind the client Service, each once", () => {
        fc.assert(
            fc.property(anyValidEnsemble(), (e) => {
                const traffic = e.args.clientTraffic;
                const pods = traffic === "external" ? [] : e.podOrdinals;
                const external = traffic === "inCluster" ? [] : [...e.external.keys()];
                assert.deepEqual(sorted(membersBehind(plan(e), e.name, e, e.name)), sorted([...pods, ...external]));
            }),
            RUNS,
        );
    });

    it("never puts an endpoint in a slice of the other address family, nor more than 100 in one slice", () => {
        fc.assert(
            fc.property(anyValidEnsemble(), (e) => {
                for (const o of plan(e).filter((x) => x.kind === "EndpointSlice")) {
                    const slice = o.body as unknown as Slice;
                    assert.ok(
                        slice.endpoints.length >= 1 && slice.endpoints.length <= ENDPOINTS_PER_SLICE,
                        `${slice.metadata.name} has ${slice.endpoints.length}`,
                    );
                    for (const ep of slice.endpoints) {
                        const ordinal = Number(ep.hostname.slice(e.name.length + 1));
                        assert.deepEqual(ep.addresses, [e.external.get(ordinal)]);
                        assert.equal(parseIp(ep.addresses[0])!.family, slice.addressType, `${ep.addresses[0]} in ${slice.metadata.name}`);
                    }
                }
            }),
            RUNS,
        );
    });
});

describe("every invalid ensemble (property-based)", () => {
    it("is refused with an error naming the component and the broken field, and registers nothing", async () => {
        await fc.assert(
            fc.asyncProperty(brokenEnsemble, async ({ name, breakage }) => {
                const rec = await recordResources();
                let error: unknown;
                try {
                    new StatefulEnsemble(name, breakage.args);
                } catch (err) {
                    error = err;
                }
                await settle();
                assert.ok(error instanceof EnsembleArgsError, `expected an EnsembleArgsError, got ${String(error)}`);
                assert.ok(error.message.startsWith(`StatefulEnsemble ${JSON.stringify(name)}`), error.message);
                assert.ok(
                    error.problems.some((p) => p.startsWith(breakage.field)),
                    `no problem names ${breakage.field}:\n${error.problems.join("\n")}`,
                );
                assert.equal(rec.resources.length, 0);
            }),
            { numRuns: 150 },
        );
    });

    it("never crashes validation, whatever replaces a field: it validates or throws EnsembleArgsError", function () {
        // 400 cases of arbitrary junk take several seconds of CPU; the limit leaves room for a busy machine.
        this.timeout(60_000);
        const paths = [
            ["namespace"],
            ["mode"],
            ["ports"],
            ["ports", 0],
            ["ports", 0, "name"],
            ["ports", 0, "targetPort"],
            ["inCluster"],
            ["inCluster", "replicas"],
            ["inCluster", "image"],
            ["inCluster", "env"],
            ["inCluster", "env", 0],
            ["inCluster", "storage"],
            ["inCluster", "storage", "accessModes"],
            ["inCluster", "resources"],
            ["inCluster", "readinessProbe"],
            ["inCluster", "readinessProbe", "exec"],
            ["inCluster", "podLabels"],
            ["inCluster", "nodeSelector"],
            ["inCluster", "command"],
            ["external"],
            ["external", "members"],
            ["external", "members", 0],
            ["external", "members", 0, "address"],
            ["labels"],
            ["annotations"],
            ["clientTraffic"],
            ["networkPolicy"],
            ["networkPolicy", "clients"],
            ["networkPolicy", "clients", 0],
            ["appName"],
        ];
        const junk = fc.anything({
            withNullPrototype: true,
            withBigInt: true,
            withDate: true,
            withMap: true,
            withSet: true,
            withSparseArray: true,
        });
        fc.assert(
            fc.property(anyValidEnsemble(5), fc.constantFrom(...paths), junk, (e, path, value) => {
                const args = structuredClone(e.args) as unknown as Record<string | number, unknown>;
                let target = args;
                for (const key of path.slice(0, -1)) {
                    if (typeof target[key] !== "object" || target[key] === null) target[key] = typeof key === "number" ? [] : {};
                    target = target[key] as Record<string | number, unknown>;
                }
                target[path[path.length - 1]] = value;
                try {
                    validateEnsemble(e.name, args as never);
                } catch (err) {
                    if (!(err instanceof EnsembleArgsError)) throw err;
                }
            }),
            { numRuns: 400 },
        );
    });
});
