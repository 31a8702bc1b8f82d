#!/usr/bin/env node
// `npm run bench [-- --check] [-- --only <prefix>]`: builds with the production profile and runs
// every benchmark scenario on the simulated chain (bench/run.ts), then writes bench/results.json;
// with --check, fails when a scenario exceeds its budget in bench/budgets.json.
// `npm run bench -- --proxied core|all`: the same scenarios with the suite's contracts behind ERC-1967
// proxies (bench/proxy.ts); writes bench/results-proxied-<set>.json and bench/proxy-cost.md (against
// bench/results.json of the last direct run), leaves bench/results.json alone and enforces no budget.
import { spawnSync } from "node:child_process";

const args = process.argv.slice(2);
const env = { ...process.env };
if (args.includes("--check")) env.BENCH_CHECK = "1";
const only = args.indexOf("--only");
if (only >= 0) env.BENCH_ONLY = args[only + 1] ?? "";
const proxied = args.indexOf("--proxied");
if (proxied >= 0) {
  env.BENCH_PROXIED = args[proxied + 1] ?? "";
  if (!["core", "all"].includes(env.BENCH_PROXIED)) {
    console.error("--proxied expects core or all");
    process.exit(2);
  }
  if (env.BENCH_CHECK === "1") {
    console.error("--check does not apply to --proxied (proxied budgets are reported, not enforced)");
    process.exit(2);
  }
}

const hardhat = new URL("../node_modules/hardhat/dist/src/cli.js", import.meta.url).pathname;
const r = spawnSync(process.execPath, [hardhat, "run", "--build-profile", "production", "bench/run.ts"], {
  stdio: "inherit",
  env,
});
process.exit(r.status ?? 1);
