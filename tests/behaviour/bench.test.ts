import { strict as assert } from "assert";
import * as path from "path";
import { planEnsemble, validateEnsemble } from "../../sdk";
import { RenderResult, renderProgram } from "../../sdk/tools/render/engine";
import type { CaseResult } from "../../bench/case";
import { BenchMode, fleetAddresses } from "../../bench/fleet";
import { compareEngine, formatEngineReport, formatEngineSkipped } from "../../bench/engine-report";
import { median } from "../../bench/measure";
import {
    ColdStart,
    Comparison,
    compare,
    expectedObjects,
    formatReport,
    peerRatios,
    summarise,
    summariseColdStarts,
    verdicts,
} from "../../bench/report";
import { ensembleArgs } from "../helpers/fixtures";
import { assertValidObject } from "../helpers/schema";

const PROJECTS = path.join(__dirname, "..", "..", "bench", "projects");

function render(program: "component" | "hand-written", mode: BenchMode, size: number): Promise<RenderResult> {
    return renderProgram(path.join(PROJECTS, program), { config: [`mode=${mode}`, `size=${size}`] });
}

describe("benchmark", () => {
    describe("programs", () => {
        const shapes: [BenchMode, number][] = [
            ["external", 3],
            ["external", 250],
            ["inCluster", 3],
            ["inCluster", 50],
        ];
        for (const [mode, size] of shapes) {
            it(`has the hand-written program register exactly the component's objects and outputs (${mode}, ${size} members)`, async () => {
                const component = await render("component", mode, size);
                const hand = await render("hand-written", mode, size);
                assert.deepEqual(
                    hand.resources.map((r) => [r.type, r.name, r.object]),
                    component.resources.map((r) => [r.type, r.name, r.object]),
                );
                assert.deepEqual(hand.outputs, component.outputs);
                assert.equal((component.outputs.memberHosts as string[]).length, size);
                for (const r of component.resources) assertValidObject(r.object);
            });
        }

        it("renders the object count the benchmark checks, and counts the component among the registrations", async () => {
            for (const [mode, size] of [
                ["external", 201],
                ["inCluster", 7],
            ] as const) {
                const component = await render("component", mode, size);
                const hand = await render("hand-written", mode, size);
                assert.equal(component.resources.length, expectedObjects(mode, size));
                assert.equal(component.registered, component.resources.length + 1);
                assert.equal(hand.registered, hand.resources.length);
            }
            assert.equal(expectedObjects("external", 201), 2 + 2 * 3);
        });

        it("refuses a size that is not a positive integer", async () => {
            await assert.rejects(render("hand-written", "external", 0), /size 0 is not a positive integer/);
        });
    });

    describe("objects per ensemble", () => {
        // Mixed families: one slice series per Service and address family, 100 endpoints each.
        // Each family's members hold their own blocks of 100 ordinals, as a fleet numbered in order does.
        const table: [number, number][] = [
            [1, 0],
            [100, 0],
            [101, 0],
            [250, 99],
            [1_000, 101],
        ];
        for (const [v4, v6] of table) {
            it(`is the two Services plus ceil(members/100) slices per Service and family (${v4} IPv4, ${v6} IPv6)`, () => {
                const members = [
                    ...fleetAddresses(v4).map((address) => ({ address })),
                    ...Array.from({ length: v6 }, (_, i) => ({
                        address: `2001:db8::${(i + 1).toString(16)}`,
                        ordinal: Math.ceil(v4 / 100) * 100 + i,
                    })),
                ];
                const objects = planEnsemble(validateEnsemble("zk", ensembleArgs("external", { external: { members } })));
                const slices = Math.ceil(v4 / 100) + Math.ceil(v6 / 100);
                assert.equal(objects.length, 2 + 2 * slices);
                assert.equal(objects.filter((o) => o.kind === "Service").length, 2);
            });
        }
    });

    describe("report", () => {
        const result = (wallMs: number, objects: number, ownWorkMs = 0): CaseResult => ({
            wallMs,
            cpuMs: wallMs,
            peakHeapBytes: 1 << 20,
            peakRssBytes: 1 << 21,
            registered: objects,
            objects,
            yamlBytes: 100,
            ownWorkMs,
        });
        /** Hand-written resources costing `size` ms; a component costing `componentMs(size)`, own work `ownWorkMs(size)`. */
        const comparisons = (componentMs: (size: number) => number, ownWorkMs = (size: number) => size / 100): Comparison[] => {
            const shapes: [BenchMode, number][] = [
                ["external", 1_000],
                ["external", 10_000],
                ["inCluster", 3],
            ];
            return shapes.map(([mode, size]) =>
                compare(
                    mode,
                    size,
                    [result(componentMs(size), expectedObjects(mode, size), ownWorkMs(size))],
                    [result(size, expectedObjects(mode, size))],
                ),
            );
        };
        type Command = "floor" | "render" | "plan" | "synth";
        /** The commands the verdicts read, each one's times (and peak RSS in MB) over rounds. */
        const coldStarts = (times: Record<Command, number[]>, rssMb: Partial<Record<Command, number[]>> = {}): ColdStart[] => {
            const ids = Object.keys(times) as Command[];
            return summariseColdStarts(
                ids.map((id) => ({ id, label: id })),
                ids.map((id) => times[id].map((ms, i) => ({ ms, rssBytes: (rssMb[id]?.[i] ?? 100) * 1024 * 1024 }))),
            );
        };
        const cold = coldStarts({ floor: [500, 400, 600], render: [600, 480, 720], plan: [840, 720, 1000], synth: [700, 500, 800] });

        it("takes the median of an odd and of an even number of runs", () => {
            assert.equal(median([3, 1, 2]), 2);
            assert.equal(median([4, 1, 3, 2]), 2.5);
        });

        it("takes the ratio of each run's pair, so a slow moment of the machine cancels out", () => {
            // Run 2 was slow for both programs; the component costs 1.05x in every run.
            const c = compare(
                "external",
                3,
                [result(21, 4), result(42, 4), result(10.5, 4)],
                [result(20, 4), result(40, 4), result(10, 4)],
            );
            assert.equal(c.ratio.toFixed(3), "1.050");
            assert.equal(c.component.wallMs, 21);
            assert.equal(cold[1].ratio, 1.2);
            assert.equal(cold[1].medianMs, 600);
        });

        it("passes every target when the component costs what hand-written resources cost", () => {
            assert.deepEqual(
                verdicts(
                    comparisons((size) => size),
                    cold,
                ).map((v) => v.ok),
                [true, true, true, true, true, true, true],
            );
            const report = formatReport(
                comparisons((size) => size),
                cold,
                ["machine: test"],
            );
            assert.match(report, /\nmachine: test\n/);
            assert.match(
                report,
                /\nrenderer vs cdk8s-plus synth: 0\.90x\nplan vs one render: 1\.40x\nrender peak RSS vs cdk8s-plus synth: 1\.00x\n/,
            );
            assert.match(report, /\nmax ratio vs hand-written: 1\.00$/);
        });

        it("misses the ratio and linearity targets when the component grows faster than its members", () => {
            const [ratio, linear] = verdicts(
                comparisons((size) => (size * size) / 1_000),
                cold,
            );
            assert.equal(ratio.ok, false);
            assert.match(ratio.measured, /worst 10\.00 \(external 10000\)/);
            assert.equal(linear.ok, false);
        });

        it("misses the linearity target when the component's own work grows faster than its members", () => {
            const [ratio, linear] = verdicts(
                comparisons(
                    (size) => size,
                    (size) => (size * size) / 1_000,
                ),
                cold,
            );
            assert.equal(ratio.ok, true);
            assert.equal(linear.ok, false);
            assert.match(linear.measured, /own validation and planning 100\.0x/);
        });

        it("misses the object-count target when a case renders other than ceil(members/100) slices per Service", () => {
            const wrong = comparisons((size) => size).map((c) =>
                c.mode === "external" && c.size === 1_000 ? { ...c, component: { ...c.component, objects: 21 } } : c,
            );
            const counts = verdicts(wrong, cold)[2];
            assert.equal(counts.ok, false);
            assert.match(counts.measured, /component external 1000: 21, expected 22/);
        });

        it("misses the cold-start target when the renderer takes more than 1.3 times the floor", () => {
            const slow = coldStarts({ floor: [500], render: [700], plan: [700], synth: [800] });
            assert.equal(
                verdicts(
                    comparisons((size) => size),
                    slow,
                )[3].ok,
                false,
            );
        });

        it("pairs the renderer with the cdk8s-plus synth and the plan with the render round by round", () => {
            // Round 2 was slow for every command: render/synth is 1.10 in rounds 1 and 3, 0.60 in round 2.
            const peer = peerRatios(
                coldStarts(
                    { floor: [1, 1, 1], render: [220, 300, 440], plan: [330, 600, 660], synth: [200, 500, 400] },
                    { render: [120, 120, 120], synth: [60, 60, 100] },
                ),
            );
            assert.equal(peer.render.toFixed(2), "1.10");
            assert.equal(peer.plan.toFixed(2), "1.50");
            assert.equal(peer.rss.toFixed(2), "2.00");
        });

        it("misses the peer targets when the render is slower than the synth, the plan over 1.5 renders, the RSS over 1.5 the synth's", () => {
            const slow = coldStarts({ floor: [500], render: [600], plan: [1000], synth: [550] }, { render: [140], synth: [70] });
            const [render, plan, rss] = verdicts(
                comparisons((size) => size),
                slow,
            ).slice(4);
            assert.deepEqual([render.ok, plan.ok, rss.ok], [false, false, false]);
            assert.equal(render.measured, "1.09x");
            assert.equal(plan.measured, "1.67x");
            assert.equal(rss.measured, "2.00x (medians 140.0 MB vs 70.0 MB)");
        });

        it("refuses runs that disagree on what they registered, or that do not pair up", () => {
            assert.throws(() => summarise("external", 3, "component", [result(1, 4), result(1, 5)]), /runs disagree/);
            assert.throws(() => compare("external", 3, [result(1, 4)], []), /1 component runs against 0 hand-written runs/);
        });
    });

    describe("real-engine report", () => {
        const engineRun = (previewS: number, upS: number) => ({ previewS, upS });

        it("pairs each run's preview and up with the hand-written program's, and takes the medians", () => {
            const c = compareEngine(
                "external",
                1_000,
                [engineRun(4.4, 12), engineRun(8.8, 30), engineRun(4.2, 11)],
                [engineRun(4, 10), engineRun(8, 20), engineRun(4.2, 11)],
            );
            assert.equal(c.previewRatio.toFixed(3), "1.100");
            assert.equal(c.upRatio.toFixed(3), "1.200");
            assert.deepEqual(c.component, { previewS: 4.4, upS: 12 });
            assert.equal(c.runs, 3);
            assert.throws(() => compareEngine("external", 3, [engineRun(1, 1)], []), /1 component runs against 0 hand-written runs/);
        });

        it("prints a row per program and case and ends with the largest ratio, preview or up", () => {
            const report = formatEngineReport(
                [
                    compareEngine("external", 1_000, [engineRun(5, 20)], [engineRun(4, 20)]),
                    compareEngine("inCluster", 3, [engineRun(3, 9)], [engineRun(3, 10)]),
                ],
                ["load: test"],
            );
            const lines = report.split("\n");
            assert.match(lines[0], /^Real engine: .*medians of 1 runs/);
            assert.match(lines[2], /^-+( +-+){5}$/);
            assert.deepEqual(
                [lines[1], ...lines.slice(3, 7)].map((l) => l.trimEnd().split(/ {2,}/)),
                [
                    ["case", "program", "preview s", "up s", "preview ratio", "up ratio"],
                    ["external 1,000", "component", "5.00", "20.00", "1.25", "1.00"],
                    ["", "hand-written", "4.00", "20.00"],
                    ["inCluster 3", "component", "3.00", "9.00", "1.00", "0.90"],
                    ["", "hand-written", "3.00", "10.00"],
                ],
            );
            assert.equal(lines[lines.length - 2], "load: test");
            assert.equal(lines[lines.length - 1], "max real-engine ratio vs hand-written: 1.25");
        });

        it("says why it measured nothing when the tools are not built", () => {
            assert.equal(formatEngineSkipped("pulumi not built"), "Real engine: not measured: pulumi not built");
        });
    });
});
