#!/usr/bin/env node
// `npm run bench [-- --check] [-- --only <prefix>]`: builds with the production profile and runs
// every benchmark scenario on the simulated chain (bench/run.ts), then writes bench/results.json;
// with --check, fails when a scenario exceeds its budget in bench/budgets.json.
import { spawnSync } from "node:child_process";

const args = process.argv.slice(2);
const env = { ...process.env };
if (args.includes("--check")) env.BENCH_CHECK = "1";
const only = args.indexOf("--only");
if (only >= 0) env.BENCH_ONLY = args[only + 1] ?? "";

const hardhat = new URL("../node_modules/hardhat/dist/src/cli.js", import.meta.url).pathname;
const r = spawnSync(process.execPath, [hardhat, "run", "--build-profile", "production", "bench/run.ts"], {
  stdio: "inherit",
  env,
});
process.exit(r.status ?? 1);
