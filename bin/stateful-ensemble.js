#!/usr/bin/env node
"use strict";
let cli;
try {
    cli = require("../dist/tools/render/cli");
} catch (err) {
    if (err && err.code === "MODULE_NOT_FOUND" && String(err.message).includes("dist/tools/render/cli")) {
        process.stderr.write("error: stateful-ensemble is not built; run `npm run build` (npm ci does it too)\n");
        process.exit(1);
    }
    throw err;
}
cli.main(process.argv.slice(2)).then((code) => {
    // Exit once stdout has drained: a pipe to kubectl must receive every byte.
    process.stdout.write("", () => process.exit(code));
});
