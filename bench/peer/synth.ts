/**
 * The peer chart as its users run it: compiled JavaScript, no transpiler in the timed process
 * (the renderer, too, reads an unchanged program's transpiled text from its cache).
 */
import * as fs from "fs";
import * as path from "path";
import { transform } from "sucrase";

const CHART = path.join(__dirname, "chart.ts");

/** Transpiles chart.ts next to the renderer's cache and returns the JavaScript file's path. */
export function transpiledChart(): string {
    const dir = path.join(__dirname, "..", "..", "node_modules", ".cache", "stateful-ensemble-bench");
    const file = path.join(dir, "chart.js");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, transform(fs.readFileSync(CHART, "utf8"), { transforms: ["typescript", "imports"], filePath: CHART }).code);
    return file;
}
