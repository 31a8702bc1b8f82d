#!/usr/bin/env node
// Reads coverage/lcov.info and fails when line coverage of the deployable contracts (everything
// under contracts/ except mocks) is below the floor (default 95%, COVERAGE_MIN to change it).
import { readFileSync } from "node:fs";

const min = Number(process.env.COVERAGE_MIN ?? 95);
const lcov = readFileSync(new URL("../coverage/lcov.info", import.meta.url), "utf8");
let file = "";
let hit = 0;
let found = 0;
const rows = [];
for (const line of lcov.split("\n")) {
  if (line.startsWith("SF:")) file = line.slice(3);
  else if (line.startsWith("LF:")) found = Number(line.slice(3));
  else if (line.startsWith("LH:")) hit = Number(line.slice(3));
  else if (line === "end_of_record") {
    if (/contracts\//.test(file) && !/contracts\/mocks\//.test(file) && !/\.t\.sol$/.test(file))
      rows.push({ file, hit, found });
    hit = found = 0;
  }
}
const H = rows.reduce((s, r) => s + r.hit, 0);
const F = rows.reduce((s, r) => s + r.found, 0);
for (const r of rows) {
  const pct = r.found === 0 ? 100 : (100 * r.hit) / r.found;
  console.log(
    `${pct.toFixed(2).padStart(7)}%  ${r.hit}/${r.found}  ${r.file.replace(/^.*?contracts\//, "contracts/")}`,
  );
}
const total = F === 0 ? 100 : (100 * H) / F;
console.log(`\nContract line coverage: ${total.toFixed(2)}% (${H}/${F}); floor ${min}%`);
if (total < min) {
  console.error(`Line coverage ${total.toFixed(2)}% is below ${min}%`);
  process.exit(1);
}
