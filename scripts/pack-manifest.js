#!/usr/bin/env node
// `npm pack` hooks. The `prepare` script builds dist/ for a checkout (`npm ci`, a Git dependency,
// `pulumi package add <Git URL>`), but a packed package is already built: npm would list its
// `prepare` script among the install scripts to approve. `strip` (prepack) removes it from the
// package.json that goes into the tarball; `restore` (postpack) puts the original back.
"use strict";
const fs = require("fs");
const path = require("path");

const file = path.join(__dirname, "..", "package.json");
const backup = `${file}.orig`;
const command = process.argv[2];

if (command === "strip") {
    const text = fs.readFileSync(file, "utf8");
    fs.writeFileSync(backup, text);
    const manifest = JSON.parse(text);
    delete manifest.scripts.prepare;
    fs.writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
} else if (command === "restore") {
    if (fs.existsSync(backup)) fs.renameSync(backup, file);
} else {
    process.stderr.write("usage: pack-manifest.js strip|restore\n");
    process.exit(2);
}
