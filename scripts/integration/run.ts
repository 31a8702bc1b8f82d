/**
 * Integration against real JSON-RPC nodes, run by CI (`npm run test:integration [-- <scenario>]`):
 *
 * - `anvil`:    anvil (npm) as a separate process; Ignition deploys the Suite over JSON-RPC with an
 *               explicit deployment id; the SDK registers members whose wallets hold no ether and
 *               moves cash between them (free gas, gasPrice 0n); the built package's
 *               examples/integrator.mjs (ethers) and examples/viem-integrator.mjs (viem,
 *               `scf-suite/viem`) run against the same node.
 * - `besu-sim`: the same on the besuSim Hardhat node (chainId 1337, base fee 0, 2-second blocks,
 *               every account holding no ether), then the whole demo (`npm run demo -- --network
 *               localhost`: deploy, members, receivables, factoring, bonds, products, supervision)
 *               against it, and a re-run that finds everything done; no account ever holds ether.
 * - `resume`:   a deployment killed part way (the deploying process dies after its first contract)
 *               is re-run with the same id and completes without redeploying finished steps.
 *
 * Every node is stopped in `finally`; each scenario has a time limit (2 minutes; 10 for besu-sim).
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

import { JsonRpcProvider, NonceManager, Wallet, type Signer } from "ethers";

import { connect, explainError, formatDate, type Suite } from "../../src/index.js";
import { demoCast, operators as exampleOperators } from "../besu-config.js";
import { ROOT, deploySuite, hardhat, killGroup, rpc, startNode, stopNode, type LocalNode } from "./nodes.js";

// Hardhat/anvil test accounts #1 (registrar) and #2 (settlement bank) of ignition/parameters/localhost.json.
const LOCAL_KEYS = {
  registrar: "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
  bank: "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
};
// The example Besu network's operators (ignition/parameters/besu.json, keys in besu/README.md).
const opKey = (role: string) => exampleOperators.find((o) => o.role === role)!.pk;
const EXAMPLE_KEYS = { registrar: opKey("registrar"), bank: opKey("settlementBank") };
// Generous: a whole-suite deployment takes 35-70 s on an idle 2-core machine and twice that under
// load; the resume scenario deploys up to three times. The limits catch a hang, not slowness.
const SCENARIO_LIMIT_MS: Record<string, number> = { anvil: 360_000, "besu-sim": 900_000, resume: 480_000 };

const deploymentDir = (id: string) => path.join(ROOT, "ignition", "deployments", id);
const addressesOf = (id: string) =>
  JSON.parse(readFileSync(path.join(deploymentDir(id), "deployed_addresses.json"), "utf8")) as Record<string, string>;
const journalOf = (id: string) => {
  const f = path.join(deploymentDir(id), "journal.jsonl");
  if (!existsSync(f)) return [];
  return readFileSync(f, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as { type: string; futureId?: string; result?: { address?: string } }];
      } catch {
        return []; // a line cut by the kill
      }
    });
};

/**
 * A journal at which killing the deployer is a clean interruption: at least one contract is
 * complete, the last message is a sent transaction, and every started transaction-sending future
 * has its network interaction journaled.
 */
function safeToKill(journal: ReturnType<typeof journalOf>): boolean {
  if (!journal.some((m) => m.type === "DEPLOYMENT_EXECUTION_STATE_COMPLETE")) return false;
  if (journal.at(-1)?.type !== "TRANSACTION_SEND") return false;
  const started = new Set<string>();
  for (const m of journal) {
    if (/^(DEPLOYMENT|CALL|SEND_DATA)_EXECUTION_STATE_INITIALIZE$/.test(m.type)) started.add(m.futureId!);
    if (m.type === "NETWORK_INTERACTION_REQUEST") started.delete(m.futureId!);
  }
  return started.size === 0;
}

function log(s: string) {
  console.log(`[integration] ${s}`);
}

async function withNode(kind: LocalNode["kind"], fn: (node: LocalNode) => Promise<void>) {
  const node = await startNode(kind);
  log(`${kind} up at ${node.url} (pid ${node.child.pid})`);
  try {
    await fn(node);
  } catch (e) {
    console.error(`--- ${kind} output (tail) ---\n${node.output().slice(-3000)}`);
    throw e;
  } finally {
    await stopNode(node);
    log(`${kind} stopped`);
  }
}

async function deployFresh(node: LocalNode, id: string, parameters = "localhost") {
  rmSync(deploymentDir(id), { recursive: true, force: true });
  const t = Date.now();
  // A whole-suite deployment is ~20 Ignition batches of at least one block each (anvil mines every
  // 2 s); on a loaded 2-core machine it has taken over the default 110 s, so it gets 300 s.
  const r = await deploySuite(node.url, id, { parameters, timeoutMs: 300_000 });
  if (r.code !== 0) throw new Error(`ignition deploy ${id} failed (${r.code}):\n${r.output}`);
  assert.match(r.output, /successfully deployed/);
  log(`deployed Suite as ${id} with ${parameters}.json in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  return addressesOf(id);
}

/** Members with zero-ether wallets register and pay each other through the SDK. */
async function membersAndCash(node: LocalNode, addresses: Record<string, string>, keys = LOCAL_KEYS) {
  const provider = new JsonRpcProvider(node.url, undefined, { staticNetwork: true, pollingInterval: 200 });
  try {
    // NonceManager: anvil's "pending" nonce does not count transactions still in its pool.
    const registrar = connect(addresses, new NonceManager(new Wallet(keys.registrar, provider)));
    const bank = connect(addresses, new Wallet(keys.bank, provider));
    assert.deepEqual(await registrar.context.overrides(), { gasPrice: 0n }, "free-gas chain detected");

    const members = ["CORE", "TIER1", "TIER2"].map((code) => ({ code, wallet: Wallet.createRandom(provider) }));
    const now = (await provider.getBlock("latest"))!.timestamp;
    const kycExpiry = formatDate(now + 365 * 86400);
    // Sent one after another, then awaited together: one or two blocks instead of three.
    const registered = [];
    for (const [i, m] of members.entries()) {
      registered.push(
        await registrar.registry.register({
          code: `91310000${m.code}-${m.wallet.address}`,
          kinds: i === 0 ? ["CORE_ENTERPRISE"] : ["SME"],
          kycExpiry,
          jurisdiction: "CN",
          wallet: m.wallet.address,
        }),
      );
    }
    await Promise.all(registered.map((tx) => tx.wait()));
    for (const tx of registered) assert.equal(tx.gasPrice, 0n);
    log(`registered ${members.length} members`);

    const [core, tier1, tier2] = members.map((m) => m.wallet);
    await (await bank.cash.mint(core.address, "10000.00")).wait();
    const pay = async (from: Signer, to: string, amount: string) => {
      const s: Suite = connect(addresses, from);
      const tx = await s.cash.transfer(to, amount);
      assert.equal(tx.gasPrice, 0n);
      const receipt = await tx.wait();
      assert.equal(receipt?.status, 1);
    };
    await pay(core, tier1.address, "6000.00");
    await pay(tier1, tier2.address, "2500.50");
    const cash = bank.cash;
    assert.equal(await cash.balanceOf(core.address), 400000n);
    assert.equal(await cash.balanceOf(tier1.address), 349950n);
    assert.equal(await cash.balanceOf(tier2.address), 250050n);
    for (const w of members) assert.equal(await provider.getBalance(w.wallet.address), 0n, "wallets never held ether");
    log("cash moved between zero-balance wallets at gasPrice 0");

    // A refused payment is decoded into the suite's custom error.
    const outsider = Wallet.createRandom();
    let msg = "";
    try {
      await connect(addresses, tier2).cash.contract.transfer.staticCall(outsider.address, 1n);
    } catch (e) {
      msg = explainError(e);
    }
    assert.equal(msg, `SettlementIneligible: ${outsider.address} is not eligible to hold or move cash: NotRegistered`);
    assert.equal((await registrar.registry.list()).length, 3);

    // A short receivable lifecycle, still from zero-ether wallets: the core enterprise issues a
    // confirmed payable to tier-1, tier-1 sends part to tier-2, the core repays (the SDK approves
    // first), both holders claim.
    const due = formatDate(now + 90 * 86400 - ((now + 90 * 86400) % 86400));
    const asCore = connect(addresses, new NonceManager(core)).receivables;
    const rootId = await asCore.fingerprint("CI-INV-1", tier1.address, core.address);
    const issued = await asCore.issuePayable(tier1.address, {
      amount: "3000.00",
      dueDate: due,
      invoiceNumber: "CI-INV-1",
    });
    assert.equal(issued.gasPrice, 0n);
    await issued.wait();
    await (await connect(addresses, tier1).receivables.sendValue(rootId << 32n, tier2.address, "1000.00")).wait();
    await (await asCore.repay(rootId, "3000.00")).wait();
    await (await connect(addresses, tier1).receivables.claim(rootId << 32n)).wait();
    await (await connect(addresses, tier2).receivables.claim((rootId << 32n) | 1n)).wait();
    const view = (await bank.receivables.show(rootId))!;
    assert.equal(view.root.state, "Settled");
    assert.deepEqual(
      view.fragments.map((f) => [f.holder, f.value, f.claimed]),
      [
        [tier1.address, 200000n, 200000n],
        [tier2.address, 100000n, 100000n],
      ],
    );
    assert.equal(await cash.balanceOf(core.address), 100000n);
    assert.equal(await cash.balanceOf(tier1.address), 549950n);
    assert.equal(await cash.balanceOf(tier2.address), 350050n);
    for (const w of members) assert.equal(await provider.getBalance(w.wallet.address), 0n, "wallets never held ether");
    log("receivable issued, sent down a tier, repaid and claimed from zero-balance wallets");
  } finally {
    provider.destroy();
  }
}

/**
 * The whole demo (`hardhat run scripts/demo.ts --network localhost`) against the node, on the
 * deployment `id` (Ignition finds it complete), every chapter to its end (the node lets time move),
 * and the demo reports that no account it used holds ether. A second run reuses the deployment
 * and finds each chapter done.
 */
async function fullDemo(node: LocalNode, id: string) {
  const chapters = [
    "00. Members",
    "10. Receivables",
    "20. Factoring",
    "30. Bonds",
    "40. Products",
    "50. Supervision",
    "60. Disclosure",
  ];
  for (const pass of ["first", "second"]) {
    const t = Date.now();
    const r = await hardhat(
      ["run", "scripts/demo.ts", "--network", "localhost"],
      { LOCAL_RPC_URL: node.url, DEMO_DEPLOYMENT_ID: id, DEMO_PARAMETERS: "besu", DEMO_KEYS: "example" },
      { timeoutMs: 400_000 },
    );
    if (r.code !== 0) throw new Error(`demo (${pass} run) exited with ${r.code}:\n${r.output}`);
    for (const c of chapters) assert.ok(r.output.includes(`== ${c}`), `${pass} run told chapter ${c}`);
    assert.match(r.output, /using the example keys of besu\/README\.md/);
    assert.match(r.output, /native balance of all \d+ accounts used: 0 \(every transaction at gasPrice 0\)/);
    assert.doesNotMatch(r.output, /re-run to|skipped|not yet on/, "no chapter stopped for time");
    if (pass === "first") {
      for (const line of [
        /the shareholders claimed their distributions/,
        /senior interest \(3\.20% ACT\/365\)\s+2,104\.11/,
        /the product received 61,690\.00 \(the bid less the market fee\)/,
        /the product wound down \(Closed\)/,
        /disclosure report of the deployment \(\d+ receivables, 1 bonds, 1 products\)/,
        /refused — SettlementIneligible: .* Frozen/,
      ])
        assert.match(r.output, line);
    } else {
      assert.doesNotMatch(r.output, /the shareholders claimed their distributions/, "nothing done twice");
    }
    log(`demo ${pass} run: all ${chapters.length} chapters in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
}

/** `besu allowlist` from the deployment: every example operator and every actor of the demo is allowed. */
async function allowlist(node: LocalNode, id: string) {
  const out = path.join(ROOT, "ignition", "deployments", id, "permissions_config.toml");
  const r = await hardhat(
    ["besu", "allowlist", "--network", "localhost", "--deployment-id", id, "--out", out],
    { LOCAL_RPC_URL: node.url },
    { timeoutMs: 60_000 },
  );
  if (r.code !== 0) throw new Error(`besu allowlist exited with ${r.code}:\n${r.output}`);
  const toml = readFileSync(out, "utf8");
  const listed = new Set([...toml.matchAll(/0x[0-9a-f]{40}/g)].map((m) => m[0]));
  const wanted = [...exampleOperators.filter((o) => o.role !== "deployer"), ...demoCast];
  for (const w of wanted) assert.ok(listed.has(w.address.toLowerCase()), `${w.address} is allowlisted`);
  log(`besu allowlist: ${listed.size} accounts from the registry and the role grants, the demo's cast included`);
}

/** Runs one of the built package's examples (`integrator.mjs`: ethers; `viem-integrator.mjs`: viem) against the node. */
function runIntegrator(node: LocalNode, id: string, example = "integrator.mjs"): Promise<void> {
  const prefix = example.replace(/\.mjs$/, "");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, "examples", example)], {
      cwd: ROOT,
      env: {
        ...process.env,
        SCF_RPC_URL: node.url,
        SCF_DEPLOYMENT: path.join(deploymentDir(id), "deployed_addresses.json"),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      process.stdout.write(out.trimEnd().replace(/^/gm, `  ${prefix}> `) + "\n");
      if (code === 0) resolve();
      else reject(new Error(`examples/${example} exited with ${code}`));
    });
  });
}

const scenarios: Record<string, () => Promise<void>> = {
  anvil: () =>
    withNode("anvil", async (node) => {
      const id = "ci-anvil";
      const addresses = await deployFresh(node, id);
      await membersAndCash(node, addresses);
      if (!existsSync(path.join(ROOT, "dist", "src", "viem.js")))
        throw new Error("dist/ is missing or stale: run `npm run build:sdk` before the integration tests");
      await runIntegrator(node, id);
      await runIntegrator(node, id, "viem-integrator.mjs");
      rmSync(deploymentDir(id), { recursive: true, force: true });
    }),

  "besu-sim": () =>
    withNode("besu-sim", async (node) => {
      const accounts = (await rpc(node.url, "eth_accounts")) as string[];
      for (const a of accounts)
        assert.equal(await rpc(node.url, "eth_getBalance", [a, "latest"]), "0x0", `${a} holds no ether`);
      log(`${accounts.length} node accounts, all with a zero balance`);
      // Deployed with the Besu network's own parameter file (its example operators, a one-day
      // grant delay) and operated with the example keys, as on the example network of besu/.
      const id = "ci-besu-sim";
      const addresses = await deployFresh(node, id, "besu");
      await membersAndCash(node, addresses, EXAMPLE_KEYS);
      await fullDemo(node, id);
      await allowlist(node, id);
      rmSync(deploymentDir(id), { recursive: true, force: true });
    }),

  resume: () =>
    withNode("anvil", async (node) => {
      const id = "ci-resume";
      rmSync(deploymentDir(id), { recursive: true, force: true });
      // 1. Start deploying and kill the deploying process part way.
      let killedAfter: Record<string, string> = {};
      const first = await deploySuite(node.url, id, {
        onSpawn: (child) => {
          const poll = setInterval(() => {
            // Kill once a contract is complete and the next transaction is sent and journaled
            // (Ignition is then waiting for its block): the journal knows everything sent.
            if (!safeToKill(journalOf(id)) || child.pid === undefined) return;
            // Ignition goes on writing while we look: freeze the process group, look again at
            // the frozen journal, and kill only if it is still at a safe point. Killed between a
            // future's INITIALIZE and its NETWORK_INTERACTION_REQUEST, Ignition 3.1 cannot resume
            // (HHE10000 "Unable to find network interaction"; see docs/operations.md).
            try {
              process.kill(-child.pid, "SIGSTOP");
            } catch {
              return; // already gone
            }
            const frozen = journalOf(id);
            if (!safeToKill(frozen)) {
              process.kill(-child.pid, "SIGCONT");
              return;
            }
            clearInterval(poll);
            const done = frozen.filter((m) => m.type === "DEPLOYMENT_EXECUTION_STATE_COMPLETE");
            killedAfter = Object.fromEntries(done.map((m) => [m.futureId!, m.result!.address!]));
            process.kill(-child.pid, "SIGKILL");
          }, 50);
          child.once("exit", () => clearInterval(poll));
        },
      });
      assert.notEqual(first.code, 0, "the first run was interrupted");
      assert.ok(Object.keys(killedAfter).length >= 1, "killed after at least one contract");
      const before = journalOf(id);
      const completedBefore = before.filter((m) => m.type.endsWith("_EXECUTION_STATE_COMPLETE")).length;
      log(`interrupted after ${Object.keys(killedAfter).join(", ")} (${completedBefore} steps complete)`);

      // 2. Re-run with the same id: Ignition resumes from the journal.
      let second = await deploySuite(node.url, id);
      if (second.code !== 0 && /IGN40[0-9]|pending|wait/i.test(second.output)) {
        // A transaction sent just before the kill may still be pending: wait two blocks, retry.
        await new Promise((r) => setTimeout(r, 5_000));
        second = await deploySuite(node.url, id);
      }
      if (second.code !== 0) throw new Error(`resumed deploy failed (${second.code}):\n${second.output}`);
      const after = addressesOf(id);
      for (const [future, address] of Object.entries(killedAfter)) {
        assert.equal(after[future], address, `${future} kept its address`);
      }
      const journal = journalOf(id);
      assert.match(second.output, /Resuming existing deployment/);
      const inits = new Map<string, number>();
      for (const m of journal) {
        if (m.type.endsWith("_EXECUTION_STATE_INITIALIZE")) inits.set(m.futureId!, (inits.get(m.futureId!) ?? 0) + 1);
      }
      for (const [future, n] of inits) assert.equal(n, 1, `${future} was started once`);
      const provider = new JsonRpcProvider(node.url, undefined, { staticNetwork: true });
      try {
        for (const a of Object.values(after)) assert.notEqual(await provider.getCode(a), "0x");
        const registry = connect(after, provider).registry.contract;
        assert.equal(await registry.participantCount(), 0n);
      } finally {
        provider.destroy();
      }
      // 3. A third run has nothing left to do.
      const third = await deploySuite(node.url, id);
      assert.equal(third.code, 0);
      assert.deepEqual(addressesOf(id), after);
      log(`resumed: ${inits.size} futures, each executed once; addresses unchanged; re-run is a no-op`);
      rmSync(deploymentDir(id), { recursive: true, force: true });
    }),
};

const wanted = process.argv.slice(2).filter((a) => a !== "--");
const names = wanted.length > 0 ? wanted : Object.keys(scenarios);
let failed = 0;
for (const name of names) {
  const scenario = scenarios[name];
  if (scenario === undefined) throw new Error(`unknown scenario ${name}; one of ${Object.keys(scenarios).join(", ")}`);
  const t = Date.now();
  try {
    await Promise.race([
      scenario(),
      new Promise((_, reject) =>
        setTimeout(
          () => reject(new Error(`${name} exceeded ${SCENARIO_LIMIT_MS[name] / 1000} s`)),
          SCENARIO_LIMIT_MS[name],
        ).unref(),
      ),
    ]);
    log(`PASS ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  } catch (e) {
    failed++;
    console.error(`[integration] FAIL ${name}: ${(e as Error).stack ?? String(e)}`);
  }
}
process.exit(failed === 0 ? 0 : 1);
