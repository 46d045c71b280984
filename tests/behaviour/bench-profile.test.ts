import { strict as assert } from "assert";
import { categoryOf, formatProfile, summariseProfile } from "../../bench/profile";

const frame = (functionName: string, url = "") => ({ functionName, url });

describe("benchmark profile", () => {
    it("puts each sampled frame in its package, the renderer, the program, Node.js or V8", () => {
        assert.deepEqual(
            [
                categoryOf("(garbage collector)", ""),
                categoryOf("(program)", ""),
                categoryOf("readFileSync", "node:fs"),
                categoryOf("x", "file:///r/node_modules/@pulumi/pulumi/runtime/rpc.js"),
                categoryOf("x", "file:///r/node_modules/yaml/dist/index.js"),
                categoryOf("x", "file:///r/dist/vendor/yaml.js"),
                categoryOf("main", "file:///r/dist/tools/render/cli.js"),
                categoryOf("x", "file:///r/index.ts"),
            ],
            [
                "V8: garbage collection",
                "V8: compiling and native code",
                "Node.js (module loader, fs, streams)",
                "@pulumi/pulumi",
                "yaml",
                "yaml",
                "stateful-ensemble (dist, bin)",
                "the program",
            ],
        );
    });

    it("counts as loading every sample under require(), and weighs samples by their time", () => {
        const profile = {
            nodes: [
                { id: 1, callFrame: frame("(root)"), children: [2, 4] },
                { id: 2, callFrame: frame("require", "node:internal/modules/cjs/helpers"), children: [3] },
                { id: 3, callFrame: frame("x", "file:///r/node_modules/yaml/dist/index.js") },
                { id: 4, callFrame: frame("render", "file:///r/dist/tools/render/engine.js") },
            ],
            samples: [3, 3, 4, 2],
            timeDeltas: [1000, 2000, 4000, 500],
        };
        const summary = summariseProfile(profile);
        assert.equal(summary.total, 7.5);
        assert.equal(summary.loading, 3.5);
        assert.deepEqual(
            [...summary.byCategory],
            [
                ["yaml", 3],
                ["stateful-ensemble (dist, bin)", 4],
                ["Node.js (module loader, fs, streams)", 0.5],
            ],
        );
        const report = formatProfile([summary]);
        assert.match(report, /\n {5}3\.5 ms {3}47% {2}inside require\(\): loading modules\n/);
        assert.match(report, /self time by package\n {5}4\.0 ms {3}53% {2}stateful-ensemble \(dist, bin\)\n/);
    });
});
