#!/usr/bin/env node
// Bundles the installed `yaml` package into one file, dist/vendor/yaml.js, for the renderer's
// fast start (sdk/tools/render/stand-ins.ts): Node.js then reads and wraps one module where the
// package's own layout has 72. The bundle is the same code at the same version: beside it,
// yaml.json records that version, and the renderer uses the bundle only when the `yaml` it would
// otherwise load is that version. yaml's license travels with it as yaml.LICENSE.
//   node scripts/bundle-yaml.js      (part of `npm run build`)
"use strict";
const esbuild = require("esbuild");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const out = path.join(root, "dist", "vendor");
const entry = require.resolve("yaml", { paths: [root] });
const yamlDir = path.dirname(require.resolve("yaml/package.json", { paths: [root] }));
const { version, license } = require(path.join(yamlDir, "package.json"));

fs.mkdirSync(out, { recursive: true });
esbuild.buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    outfile: path.join(out, "yaml.js"),
    banner: { js: `// The yaml package ${version} (${license} license: yaml.LICENSE), bundled by scripts/bundle-yaml.js.` },
    logLevel: "warning",
});
fs.copyFileSync(path.join(yamlDir, "LICENSE"), path.join(out, "yaml.LICENSE"));
fs.writeFileSync(path.join(out, "yaml.json"), `${JSON.stringify({ version })}\n`);
