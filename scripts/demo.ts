/**
 * `npm run demo [-- --network localhost]`: the suite's story on a chain. Deploys the Suite through
 * Ignition (in process by default; on a node with the deployment id `demo-<network>`, or
 * DEMO_DEPLOYMENT_ID to tell the story on an existing deployment), casts the
 * actors and runs every chapter file in scripts/demo/ in name order (00-members.ts, then whatever
 * later areas add: 10-receivables.ts, 20-factoring.ts, ...). Re-running against the same node
 * reuses the deployment and skips what is already done.
 *
 * Accounts: the operators are the addresses of the parameter file (`ignition/parameters/<network>.json`,
 * or DEMO_PARAMETERS=<name>), the cast Hardhat's default accounts #7..#19. A network that
 * configures fewer accounts (`besu`: only the deployer's key), or DEMO_KEYS=example, uses the
 * example keys of besu/README.md instead: the example operators of `besu.json` and one
 * `keccak256("scf-suite besu example demo <actor>")` key per actor, all listed in the example
 * network's accounts allowlist. They send at gasPrice 0 and need no ether.
 */
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { NonceManager, type ContractTransactionResponse, type Signer } from "ethers";
import { network } from "hardhat";

import SuiteModule from "../ignition/modules/Suite.js";
import { FreeGasWallet, connect } from "../src/index.js";
import { IGNITION_IDS, OPTIONAL_IGNITION_IDS } from "../src/deployment.js";
import { table } from "../tasks/lib/runtime.js";
import { operators as exampleOperators, exampleKey } from "./besu-config.js";
import { CAST } from "./demo/cast.js";
import type { Actor, Chapter, DemoContext } from "./demo/context.js";
import { loadParameters } from "./lib/parameters.js";

const started = Date.now();
const conn = await network.create();
const { ethers, networkName } = conn;
const inProcess = conn.networkConfig.type === "edr-simulated";
// Time moves only where the chain allows it: in process, or on a Hardhat or anvil node (the
// besuSim node included). On a Besu network the chapters stop where time must pass; re-run later
// and they go on from where they stopped. DEMO_NO_WARP=1 forces that behaviour on a dev node.
const client = inProcess ? "edr" : String(await ethers.provider.send("web3_clientVersion", []));
const warp = process.env.DEMO_NO_WARP !== "1" && (inProcess || /hardhat|anvil/i.test(client));
const paramsFile = process.env.DEMO_PARAMETERS ?? (inProcess ? "hardhat" : networkName);
const parameters = loadParameters(paramsFile);

console.log(
  `== Supply-chain finance suite demo on ${networkName} (chain ${(await ethers.provider.getNetwork()).chainId})`,
);
const deployed = await conn.ignition.deploy(SuiteModule, {
  parameters,
  ...(inProcess ? {} : { deploymentId: process.env.DEMO_DEPLOYMENT_ID ?? `demo-${networkName}` }),
});
const addresses: Record<string, string> = {};
for (const key of Object.keys({ ...IGNITION_IDS, ...OPTIONAL_IGNITION_IDS })) {
  addresses[key] = await (deployed as unknown as Record<string, { getAddress(): Promise<string> }>)[key].getAddress();
}
console.log(`deployed: manager ${addresses.manager}, registry ${addresses.registry}, cash ${addresses.cash}`);

const configured = await ethers.getSigners();
const exampleKeys = process.env.DEMO_KEYS === "example" || configured.length < 7 + CAST.length;
type Account = Signer & { address: string };
const pool: Account[] = [...configured];
if (exampleKeys) {
  console.log(
    `using the example keys of besu/README.md for the operators and the cast (${networkName} configures ${configured.length} account(s))`,
  );
  for (const o of exampleOperators) pool.push(new FreeGasWallet(o.pk, ethers.provider));
}
const byAddress = (a: unknown) => {
  const s = pool.find((x) => x.address.toLowerCase() === String(a).toLowerCase());
  if (s === undefined) throw new Error(`no configured account for operator ${String(a)} on ${networkName}`);
  return s;
};
const f = parameters.Foundation as Record<string, string>;
const managed = new Map<string, Signer>();
const nm = (s: Account) => {
  if (!managed.has(s.address)) managed.set(s.address, new NonceManager(s));
  return managed.get(s.address)!;
};
const ops = {
  deployer: nm(configured[0]),
  registrar: nm(byAddress(f.registrar)),
  settlementBank: nm(byAddress(f.settlementBank)),
  guardian: nm(byAddress(f.guardian)),
  regulator: nm(byAddress(f.regulator)),
  feeAdmin: nm(byAddress(f.feeAdmin)),
  assetAdmin: nm(byAddress(f.assetAdmin)),
};

const actors: Record<string, Actor> = {};
CAST.forEach(([key, name, code, kinds], i) => {
  const s = exampleKeys ? new FreeGasWallet(exampleKey(`demo ${key}`), ethers.provider) : configured[7 + i];
  actors[key] = { name, code, kinds: [...kinds], signer: nm(s), address: s.address };
});
actors.regulator = {
  name: "Shanghai Financial Regulator (regulator)",
  code: "11310000DEMOREGULA",
  kinds: ["REGULATOR"],
  signer: ops.regulator,
  address: String(f.regulator),
};

// An address book of the story (operators and cast by short name, with their credit codes), so the
// tasks can name them: `--address-book reports/demo-<network>/addressbook.json`.
const book: Record<string, unknown> = {
  $comment: `Written by the demo on ${networkName}: the operators and the cast of scripts/demo/cast.ts.`,
};
for (const role of ["registrar", "settlementBank", "guardian", "regulator", "feeAdmin", "assetAdmin"])
  book[role] = { address: String(f[role]) };
for (const [key, a] of Object.entries(actors))
  if (key !== "regulator") book[key] = { address: a.address, code: a.code };
const bookDir = path.join("reports", `demo-${networkName}`);
mkdirSync(bookDir, { recursive: true });
writeFileSync(path.join(bookDir, "addressbook.json"), JSON.stringify(book, null, 2) + "\n");

const ctx: DemoContext = {
  conn,
  networkName,
  warp,
  suite: connect(addresses, ethers.provider),
  as: (signer) => connect(addresses, signer),
  ops,
  actors,
  async settle(txs: Promise<ContractTransactionResponse>[]) {
    const sent = [];
    for (const t of txs) sent.push(await t);
    await Promise.all(sent.map((t) => t.wait()));
  },
  log: (line = "") => console.log(line),
  table: (rows) => table(rows),
};

const dir = path.join(path.dirname(new URL(import.meta.url).pathname), "demo");
const files = readdirSync(dir)
  .filter((n) => /^\d\d-.+\.ts$/.test(n))
  .sort();
for (const file of files) {
  const chapter = (await import(pathToFileURL(path.join(dir, file)).href)).default as Chapter;
  console.log(`\n== ${file.slice(0, 2)}. ${chapter.title}`);
  await chapter.run(ctx);
}
if (!inProcess) {
  // On a free-gas node nobody needs ether: show that every account the story used holds none.
  const used = [
    ...new Set([configured[0].address, ...Object.values(f), ...Object.values(actors).map((a) => a.address)]),
  ]
    .map(String)
    .filter((a) => /^0x[0-9a-fA-F]{40}$/.test(a));
  const funded = [];
  for (const a of used) if ((await ethers.provider.getBalance(a)) !== 0n) funded.push(a);
  console.log(
    funded.length === 0
      ? `\nnative balance of all ${used.length} accounts used: 0 (every transaction at gasPrice 0)`
      : `\n${funded.length} of ${used.length} accounts used hold ether (the demo needs none): ${funded.join(", ")}`,
  );
}
console.log(`\n== demo finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
