#!/usr/bin/env node
// Adds package-lock entries for the optional native packages of other platforms (Hardhat's EDR,
// anvil from @foundry-rs/anvil).
// Some registry mirrors carry only linux-x64 builds; npm then leaves the other platforms out of
// the lockfile and `npm ci` rejects it as out of sync. The entries are gated by os/cpu/libc, so npm
// skips them on every other platform. Run after `npm install` changes the lockfile.
import { readFileSync, writeFileSync } from "node:fs";

const path = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(path, "utf8"));
const platforms = {
  "darwin-arm64": { os: ["darwin"], cpu: ["arm64"] },
  "darwin-x64": { os: ["darwin"], cpu: ["x64"] },
  "linux-arm64-gnu": { os: ["linux"], cpu: ["arm64"], libc: ["glibc"] },
  "linux-arm64-musl": { os: ["linux"], cpu: ["arm64"], libc: ["musl"] },
  "linux-x64-gnu": { os: ["linux"], cpu: ["x64"], libc: ["glibc"] },
  "linux-x64-musl": { os: ["linux"], cpu: ["x64"], libc: ["musl"] },
  "win32-x64-msvc": { os: ["win32"], cpu: ["x64"] },
};
/** os/cpu from a suffix such as "darwin-arm64" or "win32-x64" when not in the table. */
function guess(suffix) {
  const [os, arch, libc] = suffix.split("-");
  const cpu = arch === "amd64" ? "x64" : arch;
  return { os: [os], cpu: [cpu], ...(libc ? { libc: [libc === "musl" ? "musl" : "glibc"] } : {}) };
}
let added = 0;
for (const [key, entry] of Object.entries(lock.packages)) {
  const m = /^node_modules\/(@nomicfoundation\/edr|@foundry-rs\/anvil)$/.exec(key);
  if (!m) continue;
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const k = `node_modules/${dep}`;
    if (lock.packages[k]) continue;
    const suffix = dep.slice(`${m[1]}-`.length);
    const platform = platforms[suffix] ?? guess(suffix);
    lock.packages[k] = {
      version,
      dev: true,
      license: entry.license,
      optional: true,
      ...platform,
      engines: entry.engines,
    };
    added++;
  }
}
writeFileSync(path, JSON.stringify(lock, null, 2) + "\n");
console.log(`lock-platforms: added ${added} optional platform entries`);
