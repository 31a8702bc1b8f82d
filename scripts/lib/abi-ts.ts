/**
 * Typed ABIs and constants for viem/abitype, generated from the compiler's output after every
 * successful `hardhat build` (the `scf-abi-ts` plugin of hardhat.config.ts; no extra compiler run):
 *
 * - `src/generated/abis.ts`: `export const <Contract>Abi = [...] as const` for every ABI that
 *   `scripts/copy-abi.mjs` publishes (the suite's deployables and interfaces without mocks,
 *   OpenZeppelin's AccessManager, the consortium's Safe) except the empty ones, and `errorsAbi`:
 *   every custom error of them, one per selector, plus `Error(string)` and `Panic(uint256)`.
 * - `src/generated/constants.ts` and `constants.json`: the `Kinds` and `Roles` libraries'
 *   constants and the member names of every enum of `contracts/` (from the AST, where the ABI only
 *   says `uint8`).
 * - `src/generated/errors.json`: `errorsAbi` as JSON.
 *
 * The folder is git-ignored like `types/`: it is always the last build's, so it cannot drift.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

import { id } from "ethers";

export interface AbiParam {
  name?: string;
  type: string;
  internalType?: string;
  components?: AbiParam[];
  indexed?: boolean;
}
export interface AbiItem {
  type: string;
  name?: string;
  inputs?: AbiParam[];
  outputs?: AbiParam[];
  stateMutability?: string;
  anonymous?: boolean;
}
export interface Generated {
  /** Contract name → ABI (non-empty ABIs only), in `scripts/copy-abi.mjs`'s order. */
  abis: Record<string, AbiItem[]>;
  /** Every custom error, one per selector, Error(string) and Panic(uint256) first. */
  errors: AbiItem[];
  constants: {
    Kinds: Record<string, number>;
    Roles: Record<string, number>;
    /** Canonical enum name (`IBond.Frequency`, `DiscountBasis`) → member names in order. */
    Enums: Record<string, string[]>;
  };
}

type Json = Record<string, unknown>;

function* artifactFiles(dir: string): Generator<string> {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) yield* artifactFiles(p);
    else if (e.endsWith(".json") && !e.endsWith(".dbg.json")) yield p;
  }
}

/** The ABIs `scripts/copy-abi.mjs` writes to dist/abi (same sources, same order, mocks left out). */
export function readAbis(root: string): Record<string, AbiItem[]> {
  const abis: Record<string, AbiItem[]> = {};
  for (const base of ["artifacts/contracts", "artifacts/@openzeppelin/contracts/access/manager"]) {
    const dir = join(root, base);
    if (!existsSync(dir)) continue;
    for (const file of artifactFiles(dir)) {
      if (relative(root, file).includes("/mocks/")) continue;
      const a = JSON.parse(readFileSync(file, "utf8")) as { abi?: unknown; contractName?: unknown };
      if (!Array.isArray(a.abi) || typeof a.contractName !== "string") continue;
      if (abis[a.contractName]) throw new Error(`two artifacts named ${a.contractName}`);
      abis[a.contractName] = a.abi as AbiItem[];
    }
  }
  const safe = join(root, "node_modules", "@safe-global", "safe-smart-account", "build", "artifacts", "contracts");
  for (const file of ["SafeL2.sol/SafeL2.json", "proxies/SafeProxyFactory.sol/SafeProxyFactory.json"]) {
    const a = JSON.parse(readFileSync(join(safe, file), "utf8")) as { abi: AbiItem[]; contractName: string };
    abis[a.contractName] = a.abi;
  }
  for (const name of Object.keys(abis)) if (abis[name].length === 0) delete abis[name];
  return abis;
}

/** The canonical type of a parameter (tuples expanded), as in a selector. */
function canonical(p: AbiParam): string {
  if (!p.type.startsWith("tuple")) return p.type;
  return `(${(p.components ?? []).map(canonical).join(",")})${p.type.slice("tuple".length)}`;
}

export function errorSelector(e: AbiItem): string {
  return id(`${e.name}(${(e.inputs ?? []).map(canonical).join(",")})`).slice(0, 10);
}

/** Every error of `abis`, one per selector (the first seen), after Solidity's two built-in ones. */
export function mergeErrors(abis: Record<string, AbiItem[]>): AbiItem[] {
  const bySelector = new Map<string, AbiItem>();
  const builtin: AbiItem[] = [
    { type: "error", name: "Error", inputs: [{ name: "message", type: "string", internalType: "string" }] },
    { type: "error", name: "Panic", inputs: [{ name: "code", type: "uint256", internalType: "uint256" }] },
  ];
  for (const e of [...builtin, ...Object.values(abis).flat()]) {
    if (e.type !== "error") continue;
    const s = errorSelector(e);
    if (!bySelector.has(s)) bySelector.set(s, e);
  }
  return [...bySelector.values()];
}

interface AstNode {
  nodeType: string;
  name?: string;
  canonicalName?: string;
  constant?: boolean;
  members?: { name: string }[];
  nodes?: AstNode[];
  value?: { typeDescriptions?: { typeString?: string } };
}

function* walk(node: AstNode): Generator<AstNode> {
  yield node;
  for (const n of node.nodes ?? []) yield* walk(n);
}

/** Kinds, Roles and every enum of `contracts/` (mocks left out), from the build-info ASTs. */
export function readConstants(root: string): Generated["constants"] {
  const dir = join(root, "artifacts", "build-info");
  const Enums: Record<string, string[]> = {};
  const libs: Record<string, Record<string, number>> = {};
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".output.json"))) {
    const out = (JSON.parse(readFileSync(join(dir, f), "utf8")) as Json).output as { sources: Record<string, Json> };
    for (const [source, s] of Object.entries(out.sources)) {
      if (!/^(project\/)?contracts\//.test(source) || source.includes("/mocks/")) continue;
      for (const n of walk(s.ast as AstNode)) {
        if (n.nodeType === "EnumDefinition") {
          const members = n.members!.map((m) => m.name);
          const name = n.canonicalName ?? n.name!;
          if (Enums[name] && Enums[name].join() !== members.join())
            throw new Error(`enum ${name} differs between builds`);
          Enums[name] = members;
        }
        if (n.nodeType === "ContractDefinition" && (n.name === "Kinds" || n.name === "Roles")) {
          const values: Record<string, number> = {};
          for (const v of n.nodes ?? []) {
            if (v.nodeType !== "VariableDeclaration" || !v.constant) continue;
            const m = /^int_const (\d+)$/.exec(v.value?.typeDescriptions?.typeString ?? "");
            if (m === null || !Number.isSafeInteger(Number(m[1])))
              throw new Error(`${n.name}.${v.name} is not a small integer constant`);
            values[v.name!] = Number(m[1]);
          }
          libs[n.name] = values;
        }
      }
    }
  }
  if (!libs.Kinds || !libs.Roles) throw new Error("Kinds or Roles not found in artifacts/build-info");
  const sorted = Object.fromEntries(Object.entries(Enums).sort(([a], [b]) => a.localeCompare(b)));
  return { Kinds: libs.Kinds, Roles: libs.Roles, Enums: sorted };
}

export function generate(root: string): Generated {
  const abis = readAbis(root);
  return { abis, errors: mergeErrors(abis), constants: readConstants(root) };
}

const HEADER = "// Generated by scripts/lib/abi-ts.ts after `hardhat build`: do not edit.\n";

/** One item a line: the file stays readable and diffable. */
function abiLiteral(abi: AbiItem[]): string {
  return `[\n${abi.map((i) => `  ${JSON.stringify(i)},`).join("\n")}\n] as const`;
}

export function abisSource(g: Generated): string {
  const parts = [HEADER];
  for (const [name, abi] of Object.entries(g.abis)) parts.push(`export const ${name}Abi = ${abiLiteral(abi)};\n`);
  parts.push(
    "/** Every custom error of the suite (one per selector) with Error(string) and Panic(uint256): decodes a revert raised in any called contract. */\n",
    `export const errorsAbi = ${abiLiteral(g.errors)};\n`,
  );
  return parts.join("\n");
}

export function constantsSource(g: Generated): string {
  const { Kinds, Roles, Enums } = g.constants;
  const roles = Object.entries(Roles)
    .map(([k, v]) => `  ${k}: ${v}n,`)
    .join("\n");
  const enums = Object.entries(Enums)
    .map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`)
    .join("\n");
  return [
    HEADER,
    "/** Participant kind bits of `contracts/libraries/Kinds.sol` (with `ALL` and `MODULE`). */",
    `export const KINDS = ${JSON.stringify(Kinds, null, 2)} as const;\n`,
    "/** AccessManager role ids of `contracts/governance/Roles.sol` (uint64, as viem returns them). */",
    `export const ROLES = {\n${roles}\n} as const;\n`,
    "/** Member names of every enum of `contracts/`, by canonical name; a member's index is its uint8 value. */",
    `export const ENUMS = {\n${enums}\n} as const;\n`,
  ].join("\n");
}

/** Writes src/generated/ (abis.ts, constants.ts, constants.json, errors.json). */
export function writeGenerated(root: string, outDir = join(root, "src", "generated")): Generated {
  const g = generate(root);
  mkdirSync(outDir, { recursive: true });
  const write = (file: string, text: string) => {
    const p = join(outDir, file);
    if (!existsSync(p) || readFileSync(p, "utf8") !== text) writeFileSync(p, text);
  };
  write("abis.ts", abisSource(g));
  write("constants.ts", constantsSource(g));
  write("constants.json", JSON.stringify(g.constants, null, 2) + "\n");
  write("errors.json", JSON.stringify({ contractName: "errors", abi: g.errors }, null, 2) + "\n");
  return g;
}
