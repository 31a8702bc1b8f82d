import { readFileSync } from "node:fs";
import path from "node:path";

import type { DeploymentParameters } from "@nomicfoundation/ignition-core";

type Params = DeploymentParameters;

function revive(v: unknown): unknown {
  if (typeof v === "string" && /^-?\d+n$/.test(v)) return BigInt(v.slice(0, -1));
  if (Array.isArray(v)) return v.map(revive);
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, revive(x)]));
  return v;
}

/**
 * Reads ignition/parameters/<network>.json as `ignition deploy --parameters` does (strings like
 * "86400n" become bigints; "$comment" keys are dropped) for in-process `ignition.deploy` calls.
 */
export function loadParameters(network: string): Params {
  const file = path.join("ignition", "parameters", `${network}.json`);
  const raw = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  const out: Params = {};
  for (const [k, v] of Object.entries(raw)) if (!k.startsWith("$")) out[k] = revive(v) as Params[string];
  return out;
}
