#!/usr/bin/env node
// Fails when the compiler warned about the suite's own contracts (contracts/**): run after
// `hardhat build` (CI's lint step). It reads the compiler output Hardhat keeps in
// artifacts/build-info, so a cached build is checked as well as a fresh one. Warnings in
// dependencies (Solady's deprecated memory-safe comments, OpenZeppelin's transient-storage note)
// and the size warnings of Solidity test contracts (test/**, deployed only by the test runner,
// which lifts the size limit) are not ours to fix and are listed, not failed. A build output whose
// project sources no longer match the files on disk (another profile's older build) is skipped.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = new URL("../artifacts/build-info", import.meta.url).pathname;
if (!existsSync(dir) || !readdirSync(dir).some((f) => f.endsWith(".output.json"))) {
  console.error("check-warnings: no compiler output in artifacts/build-info; run `npm run build` first");
  process.exit(1);
}
const root = new URL("..", import.meta.url).pathname;
const ours = [];
const others = new Map();
let current = 0;
for (const f of readdirSync(dir).filter((x) => x.endsWith(".output.json"))) {
  const input = JSON.parse(readFileSync(join(dir, f.replace(/\.output\.json$/, ".json")), "utf8")).input;
  const stale = Object.entries(input.sources).some(
    ([name, src]) =>
      name.startsWith("project/") &&
      (!existsSync(join(root, name.slice("project/".length))) ||
        readFileSync(join(root, name.slice("project/".length)), "utf8") !== src.content),
  );
  if (stale) {
    console.log(`check-warnings: skipped ${f} (built from older sources)`);
    continue;
  }
  current++;
  const o = JSON.parse(readFileSync(join(dir, f), "utf8"));
  for (const e of o.output?.errors ?? []) {
    if (e.severity !== "warning") continue;
    const file = e.sourceLocation?.file ?? "(no file)";
    if (file.startsWith("project/contracts/")) ours.push(e.formattedMessage ?? `${file}: ${e.message}`);
    else others.set(file, (others.get(file) ?? 0) + 1);
  }
}
if (current === 0) {
  console.error("check-warnings: every compiler output is older than the sources; run `npm run build` first");
  process.exit(1);
}
for (const [file, n] of [...others].sort())
  console.log(`check-warnings: ${n} warning(s) in ${file} (not the suite's code)`);
if (ours.length > 0) {
  console.error(`check-warnings: ${ours.length} compiler warning(s) in contracts/:\n${ours.join("\n")}`);
  process.exit(1);
}
console.log("check-warnings: no compiler warnings in contracts/");
