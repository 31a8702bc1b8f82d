import { readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

import hre, { network } from "hardhat";

import { checkBudgets, type Budget, type Result, type Scenario } from "./harness.js";
import { installProxies, type ProxiedSet } from "./proxy.js";
import { writeProxyReport } from "./report.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const check = process.env.BENCH_CHECK === "1";
const only = process.env.BENCH_ONLY;
// `--proxied core|all` (bench/proxy.ts): the same scenarios with the suite's contracts behind ERC-1967 proxies.
const proxied = (process.env.BENCH_PROXIED ?? "") === "" ? undefined : (process.env.BENCH_PROXIED as ProxiedSet);
if (proxied !== undefined && proxied !== "core" && proxied !== "all") {
  throw new Error(`BENCH_PROXIED: expected core or all, got ${proxied}`);
}
/** Proxied mode: calls through a proxy in each measured transaction (total, and which proxies). */
const hops: Record<string, { proxyCalls: number; proxies: string[] }> = {};

const results: Record<string, Result> = {};
const files = (await readdir(path.join(here, "scenarios"))).filter((f) => f.endsWith(".ts")).sort();
for (const file of files) {
  const mod = (await import(path.join(here, "scenarios", file))) as { default: Scenario };
  // A fresh chain per scenario file, so areas never depend on each other's state.
  const conn = await network.create();
  const proxies =
    proxied === undefined ? undefined : await installProxies(conn, proxied, (n) => hre.artifacts.readArtifact(n));
  await mod.default({
    conn,
    async measure(id, note, tx) {
      if (only !== undefined && !id.startsWith(only) && !id.startsWith("baseline")) {
        return Number((await (await tx).wait())!.gasUsed);
      }
      const receipt = await (await tx).wait();
      if (receipt === null || receipt.status !== 1) throw new Error(`${id}: transaction failed`);
      results[id] = { gas: Number(receipt.gasUsed), note };
      if (proxies !== undefined) {
        const h = await proxies.proxyHops(receipt.hash);
        hops[id] = { proxyCalls: h.total, proxies: h.distinct.sort() };
      }
      return results[id].gas;
    },
    record(id, note, gas) {
      results[id] = { gas, note };
    },
  });
  if (proxies !== undefined) {
    const count: Record<string, number> = {};
    for (const e of proxies.etched.values()) count[e.name] = (count[e.name] ?? 0) + 1;
    const list = Object.entries(count).map(([n, c]) => `${n} x${c}`);
    console.log(`${file}: proxied ${proxies.etched.size} contract(s): ${list.join(", ") || "none"}`);
  }
  await conn.close();
}

const profile = hre.config.solidity.profiles.production;
const solc = profile.compilers[0].version;
const width = Math.max(...Object.keys(results).map((k) => k.length));
console.log(`\nBenchmark (production profile, solc ${solc}, evm ${profile.compilers[0].settings.evmVersion})\n`);
for (const [id, r] of Object.entries(results).sort(([a], [b]) => a.localeCompare(b))) {
  console.log(`${id.padEnd(width)}  ${String(r.gas).padStart(9)}  ${r.note}`);
}

if (proxied !== undefined) {
  // Proxied figures go to their own file (bench/results.json stays the direct run's) and to
  // bench/proxy-cost.md; budgets are reported, never enforced, in this mode.
  const scenarios = Object.fromEntries(
    Object.entries(results)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, r]) => [id, { ...r, ...hops[id] }]),
  );
  const out = `results-proxied-${proxied}.json`;
  await writeFile(path.join(here, out), JSON.stringify({ solc, proxied, scenarios }, null, 2) + "\n");
  console.log(`\nwrote bench/${out} (${Object.keys(results).length} scenarios)`);
  const budgets = JSON.parse(await readFile(path.join(here, "budgets.json"), "utf8")) as Record<string, Budget>;
  const { lines } = checkBudgets(results, budgets);
  console.log(`\nBudgets (bench/budgets.json) with the ${proxied} contracts proxied (reported, not enforced):`);
  for (const l of lines) console.log(`  ${l}`);
  console.log(`\n${await writeProxyReport(here)}`);
  process.exit(0);
}

// Deployed sizes of every deployable contract (production profile artifacts; mocks excluded).
// EIP-170 caps runtime code at 24,576 bytes; the suite keeps SIZE_MARGIN of room for fixes, except
// where bench/sizes.json records a narrower, explained interim ceiling.
const EIP170 = 24_576;
const SIZE_MARGIN = 2_048;
const sizeCeilings = JSON.parse(await readFile(path.join(here, "sizes.json"), "utf8")) as Record<
  string,
  { max: number; why: string }
>;
const sizes: Record<string, number> = {};
const artifactsDir = path.join(here, "..", "artifacts", "contracts");
for (const dir of await readdir(artifactsDir, { recursive: true })) {
  if (!dir.endsWith(".json") || dir.endsWith(".dbg.json") || dir.includes("mocks")) continue;
  const parts = dir.split(path.sep);
  const name = parts[parts.length - 1]!.replace(/\.json$/, "");
  if (parts[parts.length - 2] !== `${name}.sol`) continue;
  const a = JSON.parse(await readFile(path.join(artifactsDir, dir), "utf8")) as { deployedBytecode?: string };
  const code = a.deployedBytecode ?? "0x";
  // Interfaces and abstract contracts have no code; libraries with only internal functions neither.
  if (code.length <= 2) continue;
  sizes[name] = (code.length - 2) / 2;
}
console.log(
  `\nDeployed sizes (EIP-170 limit ${EIP170}; budget: ${SIZE_MARGIN} bytes of margin unless bench/sizes.json says otherwise):`,
);
const sizeFailures: string[] = [];
for (const [name, size] of Object.entries(sizes).sort(([a], [b]) => a.localeCompare(b))) {
  const ceiling = sizeCeilings[name]?.max ?? EIP170 - SIZE_MARGIN;
  const ok = size <= ceiling;
  if (!ok) sizeFailures.push(`${name}: ${size} bytes > ${ceiling}`);
  console.log(
    `  ${ok ? "ok  " : "OVER"} ${name.padEnd(28)} ${String(size).padStart(6)}  (ceiling ${ceiling}, margin ${EIP170 - size})`,
  );
}

const sorted = Object.fromEntries(Object.entries(results).sort(([a], [b]) => a.localeCompare(b)));
const sortedSizes = Object.fromEntries(Object.entries(sizes).sort(([a], [b]) => a.localeCompare(b)));
await writeFile(
  path.join(here, "results.json"),
  JSON.stringify({ solc, scenarios: sorted, sizes: sortedSizes }, null, 2) + "\n",
);
console.log(`\nwrote bench/results.json (${Object.keys(results).length} scenarios)`);

const budgets = JSON.parse(await readFile(path.join(here, "budgets.json"), "utf8")) as Record<string, Budget>;
const { lines, failures } = checkBudgets(results, budgets);
failures.push(...sizeFailures);
console.log("\nBudgets (bench/budgets.json):");
for (const l of lines) console.log(`  ${l}`);
if (check && failures.length > 0) {
  console.error(`\n${failures.length} budget(s) exceeded:\n  ${failures.join("\n  ")}`);
  process.exit(1);
}
if (check) console.log("\nAll budgets met.");
