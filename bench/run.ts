import { readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

import hre, { network } from "hardhat";

import { checkBudgets, type Budget, type Result, type Scenario } from "./harness.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const check = process.env.BENCH_CHECK === "1";
const only = process.env.BENCH_ONLY;

const results: Record<string, Result> = {};
const files = (await readdir(path.join(here, "scenarios"))).filter((f) => f.endsWith(".ts")).sort();
for (const file of files) {
  const mod = (await import(path.join(here, "scenarios", file))) as { default: Scenario };
  // A fresh chain per scenario file, so areas never depend on each other's state.
  const conn = await network.create();
  await mod.default({
    conn,
    async measure(id, note, tx) {
      if (only !== undefined && !id.startsWith(only) && !id.startsWith("baseline")) {
        return Number((await (await tx).wait())!.gasUsed);
      }
      const receipt = await (await tx).wait();
      if (receipt === null || receipt.status !== 1) throw new Error(`${id}: transaction failed`);
      results[id] = { gas: Number(receipt.gasUsed), note };
      return results[id].gas;
    },
    record(id, note, gas) {
      results[id] = { gas, note };
    },
  });
  await conn.close();
}

const profile = hre.config.solidity.profiles.production;
const solc = profile.compilers[0].version;
const width = Math.max(...Object.keys(results).map((k) => k.length));
console.log(`\nBenchmark (production profile, solc ${solc}, evm ${profile.compilers[0].settings.evmVersion})\n`);
for (const [id, r] of Object.entries(results).sort(([a], [b]) => a.localeCompare(b))) {
  console.log(`${id.padEnd(width)}  ${String(r.gas).padStart(9)}  ${r.note}`);
}

const sorted = Object.fromEntries(Object.entries(results).sort(([a], [b]) => a.localeCompare(b)));
await writeFile(path.join(here, "results.json"), JSON.stringify({ solc, scenarios: sorted }, null, 2) + "\n");
console.log(`\nwrote bench/results.json (${Object.keys(results).length} scenarios)`);

const budgets = JSON.parse(await readFile(path.join(here, "budgets.json"), "utf8")) as Record<string, Budget>;
const { lines, failures } = checkBudgets(results, budgets);
console.log("\nBudgets (bench/budgets.json):");
for (const l of lines) console.log(`  ${l}`);
if (check && failures.length > 0) {
  console.error(`\n${failures.length} budget(s) exceeded:\n  ${failures.join("\n  ")}`);
  process.exit(1);
}
if (check) console.log("\nAll budgets met.");
