#!/usr/bin/env node
"use strict";
const { spawnSync } = require("child_process");

let cli;
let standIns;
try {
    // Before anything loads the Pulumi SDK: the parts a render never calls stay unloaded.
    standIns = require("../dist/tools/render/stand-ins");
    standIns.installStandIns();
    cli = require("../dist/tools/render/cli");
} catch (err) {
    if (err && err.code === "MODULE_NOT_FOUND" && String(err.message).includes("dist/tools/render/")) {
        process.stderr.write("error: stateful-ensemble is not built; run `npm run build` (npm ci does it too)\n");
        process.exit(1);
    }
    throw err;
}

// Output waits until the command is done: a program that used a module the fast start left out
// is rendered again with every module loaded, and only that run's output is seen.
const out = [];
const err = [];
const io = { stdout: (text) => out.push(text), stderr: (text) => err.push(text) };

cli.main(process.argv.slice(2), io).then((code) => {
    if (standIns.standInsUsed().length > 0) {
        const env = { ...process.env, [standIns.LOAD_ALL_ENV]: "1" };
        const again = spawnSync(process.execPath, [__filename, ...process.argv.slice(2)], { stdio: "inherit", env });
        process.exit(again.status ?? 1);
    }
    process.stderr.write(err.join(""));
    // Exit once stdout has drained: a pipe to kubectl must receive every byte.
    process.stdout.write(out.join(""), () => process.exit(code));
});
