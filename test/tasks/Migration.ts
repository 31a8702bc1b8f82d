import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { expect } from "chai";
import type { Interface } from "ethers";

import MarketSuccessorModule from "../../ignition/modules/MarketSuccessor.js";
import ReceivableSuccessorModule from "../../ignition/modules/ReceivableSuccessor.js";
import { formatRootId } from "../../src/index.js";
import { marketMigrationPlan, receivableMigrationPlan } from "../../src/migration.js";
import { Roles } from "../../src/roles.js";
import { wiringOf } from "../../src/wiring.js";
import type {
  FactoringMarket,
  FactoringMarketImporter,
  ReceivableImporter,
  ReceivableToken,
} from "../../types/ethers-contracts/index.js";
import { BOOK, conn, DEPLOYMENT_ID, ethers, failure, networkHelpers, resetProposals, run, scratch } from "./helpers.js";
import { payable, receivableMembers } from "./receivablesSetup.js";

const ORDER = ethers.id("migration order 2026-12");

/** One act of the consortium: proposed, approved by a second owner, executed (no delay here). */
async function govern(to: string, data: string) {
  const { result } = await run(["gov", "propose"], { to, data });
  const nonce = (result as { nonce: string }).nonce;
  await run(["gov", "approve"], { nonce });
  await run(["gov", "execute"], { nonce });
}

/** Records `address` under Ignition id `id` in the test deployment's deployed_addresses.json. */
function recordAddress(id: string, address: string) {
  const file = path.join(scratch, DEPLOYMENT_ID, "deployed_addresses.json");
  const addresses = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
  addresses[id] = address;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(addresses));
}

/** The regulator's forced transfer: scheduled, waited for, executed (hardhat.json: a 1-hour delay). */
async function forced(
  f: Awaited<ReturnType<typeof receivableMembers>>,
  target: { getAddress(): Promise<string>; interface: Interface },
  fn: string,
  args: unknown[],
) {
  const manager = f.suite.manager.contract;
  const regulator = f.signers[4]!;
  const to = await target.getAddress();
  const data = target.interface.encodeFunctionData(fn, args);
  await (await manager.connect(regulator).schedule(to, data, 0)).wait();
  const opId = await manager.hashOperation(regulator.address, to, data);
  await networkHelpers.time.increaseTo(await manager.getSchedule(opId));
  await (await manager.connect(regulator).execute(to, data)).wait();
}

/**
 * The governance wires a successor like its predecessor (src/wiring.ts's entry for `contract`) and
 * registers it as a custody module (MODULE_FACTORY granted to the consortium for the act, then renounced).
 */
async function adopt(f: Awaited<ReturnType<typeof receivableMembers>>, contract: string, successor: string) {
  const manager = f.suite.manager.contract;
  for (const w of wiringOf(contract)) {
    await govern(
      "manager",
      manager.interface.encodeFunctionData("setTargetFunctionRole", [successor, w.selectors, w.roleId]),
    );
  }
  const safe = f.addresses["Consortium#Safe"]!;
  await govern("manager", manager.interface.encodeFunctionData("grantRole", [Roles.MODULE_FACTORY, safe, 0]));
  await govern("registry", f.suite.registry.contract.interface.encodeFunctionData("registerModule", [successor]));
  await govern("manager", manager.interface.encodeFunctionData("renounceRole", [Roles.MODULE_FACTORY, safe]));
}

/** Two receivables on v1, one repaid in part (cash owed to tier1), then v1 retired by governance. */
async function retiredV1() {
  const f = await receivableMembers();
  resetProposals(); // other files' proposals live in the shared scratch directory
  const A = await payable(f.due, "INV-M1", "1,000.00");
  const B = await payable(f.due, "INV-M2", "2,000.00");
  await run(["receivable", "split"], { from: "tier1", fragment: `0x${A.toString(16)}/0`, parts: "600.00 400.00" });
  await run(["receivable", "repay"], { from: "acme", root: `0x${A.toString(16)}`, amount: "500.00" });
  const v1 = f.suite.receivables.contract;
  const v1Addr = await v1.getAddress();
  const [, , , guardian] = f.signers;
  await (await v1.connect(guardian).pause()).wait();
  await govern("manager", f.suite.manager.contract.interface.encodeFunctionData("setTargetClosed", [v1Addr, true]));
  return { ...f, A, B, v1, v1Addr, guardian };
}

/** The successor deployed through Ignition into the same deployment, its address recorded there. */
async function withSuccessor() {
  const f = await retiredV1();
  const { receivables, importer } = await conn.ignition.deploy(ReceivableSuccessorModule, {
    parameters: { ReceivableSuccessor: { predecessor: f.v1Addr } },
  });
  const v2Addr = await receivables.getAddress();
  const file = path.join(scratch, DEPLOYMENT_ID, "deployed_addresses.json");
  const addresses = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
  addresses["ReceivableSuccessor#ReceivableToken"] = v2Addr;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(addresses));
  const v2 = (await ethers.getContractAt("ReceivableToken", v2Addr)) as unknown as ReceivableToken;
  const mig = (await ethers.getContractAt("ReceivableImporter", v2Addr)) as unknown as ReceivableImporter;
  await adopt(f, "ReceivableToken", v2Addr);
  return { ...f, v2, v2Addr, mig, importer };
}

async function fixture() {
  const f = await networkHelpers.loadFixture(withSuccessor);
  resetProposals();
  return f;
}

describe("Tasks: migrate (issue 13: a receivable token taken over by a fixed version)", () => {
  it("the Ignition module deploys a paused successor with the predecessor's manager, registry and parameters", async () => {
    const f = await fixture();
    expect(await f.v2.paused()).to.equal(true);
    expect(await f.v2.authority()).to.equal(await f.v1.authority());
    expect(await f.v2.registry()).to.equal(await f.v1.registry());
    expect(await f.v2.params()).to.deep.equal(await f.v1.params());
    expect(await f.mig.predecessor()).to.equal(f.v1Addr);
  });

  it("status lists what is left, import sends it in batches, a re-run sends nothing, and the close is a proposal", async () => {
    const f = await fixture();
    const status = await run(["migrate", "status"]);
    expect(status.out).to.contain("predecessor: paused, target closed in its AccessManager");
    expect(status.out).to.contain("receivables: 2 issued on the predecessor, 0 imported, 0 with entries left");
    expect(status.out).to.contain("owed to holders 500.00, held by the successor 0.00, by the predecessor 500.00");
    expect(status.out).to.contain("the regulator's forcedTransfer on the currency");

    // Batches of 1: currencies, 2 records, A's 2 fragments + 1 payment, B's 1 fragment = 7 calls.
    const imported = await run(["migrate", "receivables"], { batch: "1" });
    expect((imported.result as { sent: number }).sent).to.equal(7);
    expect(imported.out).to.contain("receivables: 2 issued on the predecessor, 2 imported, 0 with entries left");
    expect((await run(["migrate", "receivables"], { batch: "1" })).result).to.deep.include({ sent: 0 });
    expect(await f.v2.ownerOf((f.A << 32n) | 1n)).to.equal(await f.v1.ownerOf((f.A << 32n) | 1n));

    // The cash, then the close through the consortium; the successor then opens.
    const [, , , , regulator] = f.signers;
    // The regulator's forced transfer is scheduled with its delay (visible before it executes).
    const cash = f.suite.cash.contract;
    const move = cash.interface.encodeFunctionData("forcedTransfer", [f.v1Addr, f.v2Addr, 500_00n, ORDER]);
    const manager = f.suite.manager.contract;
    await (await manager.connect(regulator).schedule(await cash.getAddress(), move, 0)).wait();
    const opId = await manager.hashOperation(regulator.address, await cash.getAddress(), move);
    await networkHelpers.time.increaseTo(await manager.getSchedule(opId));
    await (await cash.connect(regulator).forcedTransfer(f.v1Addr, f.v2Addr, 500_00n, ORDER)).wait();
    const plan = await receivableMigrationPlan(ethers.provider, f.v1Addr, f.v2Addr);
    expect(plan.steps).to.deep.equal([]);
    expect(plan.cash).to.deep.equal([
      {
        currency: await f.suite.cash.contract.getAddress(),
        owed: 500_00n,
        successorBalance: 500_00n,
        predecessorBalance: 0n,
      },
    ]);
    const data = f.mig.interface.encodeFunctionData("closeMigration", [2n]);
    expect(plan.closeData).to.equal(data);
    await govern(f.v2Addr, data);
    expect(await f.mig.migrationStatus()).to.deep.equal([true, 2n, 0n]);
    expect((await run(["migrate", "status"])).out).to.contain("closed: the successor may be unpaused (GUARDIAN)");
    await (await f.v2.connect(f.guardian).unpause()).wait();
    // Wired like v1 by the governance, the successor pays tier1 its 500.00.
    expect(await f.v2.claimable(f.A << 32n)).to.equal(300_00n);
    expect(await f.v2.claimable((f.A << 32n) | 1n)).to.equal(200_00n);
    expect(await failure(["migrate", "receivables"])).to.contain("is already closed");
    const tier1Before = await f.suite.cash.contract.balanceOf(f.tier1.address);
    await (await f.v2.connect(f.tier1).claim(f.A << 32n)).wait();
    await (await f.v2.connect(f.tier1).claim((f.A << 32n) | 1n)).wait();
    expect(await f.suite.cash.contract.balanceOf(f.tier1.address)).to.equal(tier1Before + 500_00n);
    expect(await f.suite.cash.contract.balanceOf(f.v2Addr)).to.equal(0n);
  });

  it("refuses, with nothing sent, a successor of another token, a live predecessor and a bad batch", async () => {
    const f = await fixture();
    expect(await failure(["migrate", "receivables"], { batch: "0" })).to.contain(
      '--batch: "0" is not a whole number from 1 to 500',
    );
    expect(await failure(["migrate", "receivables"], { successor: f.v1Addr })).to.contain(
      `is not a successor receivable token (it has no importer)`,
    );
    const other = await ethers.deployContract("ReceivableImporter", [f.v2Addr]);
    const stranger = await ethers.deployContract("ReceivableToken", [
      await f.v1.authority(),
      await f.v1.registry(),
      ...(await f.v1.params()),
      await other.getAddress(),
    ]);
    expect(await failure(["migrate", "receivables"], { successor: await stranger.getAddress() })).to.contain(
      `takes over ${f.v2Addr}, not ${f.v1Addr}`,
    );
    // Reopen v1 at the manager (governance) and the import refuses before sending anything.
    await govern(
      "manager",
      f.suite.manager.contract.interface.encodeFunctionData("setTargetClosed", [f.v1Addr, false]),
    );
    const refused = await failure(["migrate", "receivables"]);
    expect(refused).to.contain("is not retired (paused and its target closed); nothing sent");
    expect((await f.mig.migrationStatus())[1]).to.equal(0n);
  });
});

/**
 * The market alone moves: tier1 lists a 600,000.00 part of its payable for 590,000.00 and the lender
 * escrows an offer of 390,000.00 on the rest; then the market is retired and a successor takes over.
 */
async function retiredMarket() {
  const f = await receivableMembers();
  resetProposals();
  const [factor, lender] = f.signers.slice(16, 18);
  const book = JSON.parse(readFileSync(BOOK, "utf8")) as Record<string, unknown>;
  book.factor = { address: factor!.address, code: "91310000FACTOR001X" };
  book.lender = { address: lender!.address, code: "91310000LENDER001X" };
  writeFileSync(BOOK, JSON.stringify(book));
  await run(["participants", "register"], { participant: "factor", kinds: "FACTOR", kycExpiry: "2099-12-31" });
  await run(["participants", "register"], { participant: "lender", kinds: "BANK", kycExpiry: "2099-12-31" });
  await run(["cash", "mint"], { to: "factor", amount: "2,000,000.00" });
  await run(["cash", "mint"], { to: "lender", amount: "2,000,000.00" });
  const rootId = await payable(f.due);
  const t0 = `${formatRootId(rootId)}/0`;
  const expiry = new Date((Number(await networkHelpers.time.latest()) + 20 * 86_400) * 1000).toISOString().slice(0, 10);
  await run(["market", "list"], { from: "tier1", fragment: t0, value: "600,000.00", price: "590,000.00", expiry });
  await run(["market", "offer"], { from: "lender", fragment: t0, amount: "390,000.00", expiry });
  const v1 = f.suite.market.contract;
  const v1Addr = await v1.getAddress();
  const listed = (await v1.listing(1n)).tokenId;
  await (await v1.connect(f.signers[3]!).pause()).wait();
  await govern("manager", f.suite.manager.contract.interface.encodeFunctionData("setTargetClosed", [v1Addr, true]));
  const { market } = await conn.ignition.deploy(MarketSuccessorModule, {
    parameters: {
      MarketSuccessor: { predecessor: v1Addr, receivables: await f.suite.receivables.contract.getAddress() },
    },
  });
  const v2Addr = await market.getAddress();
  recordAddress("MarketSuccessor#FactoringMarket", v2Addr);
  await adopt(f, "FactoringMarket", v2Addr);
  const v2 = (await ethers.getContractAt("FactoringMarket", v2Addr)) as unknown as FactoringMarket;
  const mig = (await ethers.getContractAt("FactoringMarketImporter", v2Addr)) as unknown as FactoringMarketImporter;
  return { ...f, factor: factor!, lender: lender!, rootId, v1, v1Addr, v2, v2Addr, mig, listed };
}

describe("Tasks: migrate market (issue 13: the market alone taken over by a fixed version)", () => {
  it("status names what must move first; after the forced transfers, migrate market imports it all; the close opens the successor", async () => {
    const f = await networkHelpers.loadFixture(retiredMarket);
    resetProposals();
    const escrow = await f.suite.cash.contract.balanceOf(f.v1Addr);
    expect(escrow).to.equal(390_000_00n);
    const before = await run(["migrate", "status"]);
    expect(before.out).to.contain("listings: 0 of 1 ids copied");
    expect(before.out).to.contain("1 fragment(s) still to move to the successor");
    expect(await failure(["migrate", "market"])).to.contain(
      "1 fragment(s) in the predecessor's custody are not at the successor yet; nothing sent",
    );

    // The regulator moves the custody: the listed fragment and the escrowed cash.
    await forced(f, f.suite.receivables.contract, "forcedTransfer", [f.listed, f.v2Addr, ORDER]);
    await forced(f, f.suite.cash.contract, "forcedTransfer", [f.v1Addr, f.v2Addr, escrow, ORDER]);
    const imported = await run(["migrate", "market"]);
    // Settings, listings, offers, auctions (none issued: no call), one hold.
    expect((imported.result as { sent: number }).sent).to.equal(4);
    expect(imported.out).to.contain("custody: 1 hold(s) and 0 stray(s) copied; 0 fragment(s) still to move");
    expect((await run(["migrate", "market"])).result).to.deep.include({ sent: 0 });

    const plan = await marketMigrationPlan(ethers.provider, f.v1Addr, f.v2Addr);
    expect(plan.steps).to.deep.equal([]);
    expect(plan.credits).to.deep.equal([]);
    expect(plan.closeData).to.equal(f.mig.interface.encodeFunctionData("closeMigration", [0n]));
    expect(await f.v2.listing(1n)).to.deep.equal(await f.v1.listing(1n));
    expect(await f.v2.offer(1n)).to.deep.equal(await f.v1.offer(1n));
    expect(await f.v2.custodyOf(f.listed)).to.deep.equal(await f.v1.custodyOf(f.listed));
    expect(await f.v2.nextIds()).to.deep.equal(await f.v1.nextIds());
    expect([await f.v2.feeBps(), await f.v2.treasury()]).to.deep.equal([await f.v1.feeBps(), await f.v1.treasury()]);
    await govern(f.v2Addr, plan.closeData);
    expect((await run(["migrate", "status"])).out).to.contain("closed: the successor may be unpaused (GUARDIAN)");
    await (await f.v2.connect(f.signers[3]!).unpause()).wait();

    // Trading resumes on the successor: the factor buys the listing, the lender withdraws its offer.
    const tier1Before = await f.suite.cash.contract.balanceOf(f.tier1.address);
    await (await f.suite.cash.contract.connect(f.factor).approve(f.v2Addr, ethers.MaxUint256)).wait();
    await (await f.v2.connect(f.factor).buy(1n, 590_000_00n)).wait();
    expect(await f.suite.receivables.contract.ownerOf(f.listed)).to.equal(f.factor.address);
    expect(await f.suite.cash.contract.balanceOf(f.tier1.address)).to.be.greaterThan(tier1Before);
    const lenderBefore = await f.suite.cash.contract.balanceOf(f.lender.address);
    await (await f.v2.connect(f.lender).cancelOffer(1n)).wait();
    expect(await f.suite.cash.contract.balanceOf(f.lender.address)).to.equal(lenderBefore + 390_000_00n);
    expect(await f.suite.cash.contract.balanceOf(f.v2Addr)).to.equal(0n);
  });
});
