import { strict as assert } from "assert";
import * as path from "path";
import { performance } from "perf_hooks";
import { RenderResult, renderProgram } from "../../sdk/tools/render/engine";
import { toYaml } from "../../sdk/tools/render/yaml";
import { BenchMode } from "../../bench/fleet";
import { runCaseProcess } from "../../bench/measure";

const PROJECTS = path.join(__dirname, "..", "..", "bench", "projects");

function render(program: "component" | "hand-written", mode: BenchMode, size: number): Promise<RenderResult> {
    return renderProgram(path.join(PROJECTS, program), { config: [`mode=${mode}`, `size=${size}`] });
}

describe("benchmark: one case in a fresh process", () => {
    it("measures one program in a fresh process and reports what it registered", async () => {
        // Runs the compiled package, as `npm run bench` does after building it.
        const started = performance.now();
        const component = runCaseProcess("component", "external", 3);
        const processMs = performance.now() - started;
        const rendered = await render("component", "external", 3);
        assert.equal(component.objects, rendered.resources.length);
        assert.equal(component.registered, rendered.registered);
        assert.equal(component.yamlBytes, Buffer.byteLength(toYaml(rendered.resources.map((r) => r.object))));
        // The case times the program inside its process, in milliseconds: less than the whole
        // process took as seen from here, and far more than a microsecond.
        assert.ok(component.wallMs > 1 && component.wallMs < processMs, `${component.wallMs} ms of a ${processMs} ms process`);
        assert.ok(component.cpuMs > 1, `${component.cpuMs} ms of CPU`);
        assert.ok(component.peakHeapBytes > 0 && component.peakRssBytes >= component.peakHeapBytes);
        assert.ok(component.ownWorkMs > 0);
        assert.equal(runCaseProcess("hand-written", "external", 3).ownWorkMs, 0);
    });
});
