#!/usr/bin/env node
// Writes the ABI of every deployable and interface of the suite (and OpenZeppelin's AccessManager)
// to dist/abi/<Contract>.json, plus dist/abi/index.json listing them. Run by `npm run build:sdk`
// after `hardhat build`; mocks are left out.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const out = join(root, "dist", "abi");
mkdirSync(out, { recursive: true });

function* artifacts(dir) {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) yield* artifacts(p);
    else if (e.endsWith(".json") && !e.endsWith(".dbg.json") && e !== "artifacts.d.ts") yield p;
  }
}

const index = {};
for (const base of ["artifacts/contracts", "artifacts/@openzeppelin/contracts/access/manager"]) {
  let files;
  try {
    files = [...artifacts(join(root, base))];
  } catch {
    continue;
  }
  for (const file of files) {
    const rel = relative(root, file);
    if (rel.includes("/mocks/")) continue;
    const a = JSON.parse(readFileSync(file, "utf8"));
    if (!Array.isArray(a.abi) || typeof a.contractName !== "string") continue;
    if (index[a.contractName])
      throw new Error(`two artifacts named ${a.contractName}: ${index[a.contractName]} and ${a.sourceName}`);
    writeFileSync(
      join(out, `${a.contractName}.json`),
      JSON.stringify({ contractName: a.contractName, sourceName: a.sourceName, abi: a.abi }, null, 2) + "\n",
    );
    index[a.contractName] = a.sourceName;
  }
}
writeFileSync(join(out, "index.json"), JSON.stringify(index, null, 2) + "\n");
console.log(`dist/abi: ${Object.keys(index).length} ABIs`);
