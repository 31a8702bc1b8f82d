#!/usr/bin/env node
// Writes the ABI of every deployable and interface of the suite (and OpenZeppelin's AccessManager)
// and the consortium's Safe to dist/abi/<Contract>.json, plus dist/abi/index.json listing them. Run by `npm run build:sdk`
// after `hardhat build`; mocks are left out. Also copies the build's errors.json (every custom error of
// them, one per selector) and constants.json (Kinds, Roles, enum names) from src/generated/
// (written after every build by scripts/lib/abi-ts.ts).
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
// The consortium's multisig (Consortium#Safe), from the Safe package's own artifacts.
const safe = join(root, "node_modules", "@safe-global", "safe-smart-account", "build", "artifacts", "contracts");
for (const file of ["SafeL2.sol/SafeL2.json", "proxies/SafeProxyFactory.sol/SafeProxyFactory.json"]) {
  const a = JSON.parse(readFileSync(join(safe, file), "utf8"));
  writeFileSync(
    join(out, `${a.contractName}.json`),
    JSON.stringify(
      { contractName: a.contractName, sourceName: `@safe-global/safe-smart-account/${a.sourceName}`, abi: a.abi },
      null,
      2,
    ) + "\n",
  );
  index[a.contractName] = `@safe-global/safe-smart-account/${a.sourceName}`;
}
for (const file of ["errors.json", "constants.json"]) {
  writeFileSync(join(out, file), readFileSync(join(root, "src", "generated", file)));
}
writeFileSync(join(out, "index.json"), JSON.stringify(index, null, 2) + "\n");
console.log(`dist/abi: ${Object.keys(index).length} ABIs`);
