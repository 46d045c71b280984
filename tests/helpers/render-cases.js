// Runs the command line on many argument lists in one process, the way bin/stateful-ensemble.js
// does (stand-ins installed first, unless STATEFUL_ENSEMBLE_LOAD_ALL=1), and prints as JSON what
// each wrote and returned, the stand-ins the renders used, and which left-out modules got loaded.
//   node tests/helpers/render-cases.js '<JSON list of argv lists>'
"use strict";
const path = require("path");

const dist = path.resolve(__dirname, "..", "..", "dist", "tools", "render");
const standIns = require(path.join(dist, "stand-ins"));
standIns.installStandIns();
const cli = require(path.join(dist, "cli"));

async function main() {
    const results = [];
    for (const argv of JSON.parse(process.argv[2])) {
        let stdout = "";
        let stderr = "";
        const code = await cli.main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
        results.push({ argv, code, stdout, stderr });
    }
    const loaded = Object.keys(require.cache).map((f) => path.relative(path.resolve(__dirname, "..", ".."), f));
    process.stdout.write(JSON.stringify({ results, used: standIns.standInsUsed().map((e) => e.message), loaded }));
}

main();
