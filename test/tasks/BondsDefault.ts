import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { expect } from "chai";

import { connect } from "../../src/index.js";
import { SCALE } from "../helpers/bonds.js";
import { BOOK, DEPLOYMENT_ID, deployedSuite, ethers, failure, networkHelpers, run, scratch } from "./helpers.js";

const NOT_SENT = "no transaction sent";
const DAY = 86_400n;

/** ISO date of unix seconds. */
function iso(ts: bigint): string {
  return new Date(Number(ts) * 1000).toISOString().slice(0, 10);
}

/** ISO date-time of unix seconds, as the tasks print it (formatDate). */
function isoTime(ts: bigint): string {
  const s = new Date(Number(ts) * 1000).toISOString().replace(".000Z", "Z");
  return s.endsWith("T00:00:00Z") ? s.slice(0, 10) : s;
}

/**
 * A 1,000 x 100.00 two-year semi-annual bond of boc (lead underwriter: lead) with its book open at
 * the next midnight and four bids: fund-a 400 @ 3.00%, fund-b 500 @ 3.10%, fund-a 300 @ 3.10%,
 * fund-b 200 @ 3.30% (the minimum of the setup of test/tasks/Bonds.ts).
 */
async function booked() {
  const f = await deployedSuite();
  const [boc, lead, fundA, fundB] = f.signers.slice(14, 18);
  const book = JSON.parse(readFileSync(BOOK, "utf8")) as Record<string, unknown>;
  book.boc = { address: boc.address, code: "91110000BOC00001X" };
  book.lead = { address: lead.address, code: "91110000LEAD0001X" };
  book["fund-a"] = { address: fundA.address, code: "91310000FUNDA001X" };
  book["fund-b"] = { address: fundB.address, code: "91310000FUNDB001X" };
  writeFileSync(BOOK, JSON.stringify(book));
  for (const [participant, kinds] of [
    ["boc", "BANK"],
    ["lead", "BANK"],
    ["fund-a", "INVESTOR"],
    ["fund-b", "INVESTOR"],
  ]) {
    await run(["participants", "register"], { participant, kinds, kycExpiry: "2099-12-31" });
  }
  for (const to of ["fund-a", "fund-b", "boc"]) await run(["cash", "mint"], { to, amount: "1,000,000.00" });
  await run(["bond", "approve-currency"], {});
  const suite = connect(f.addresses, ethers.provider);
  const day0 = (BigInt(await networkHelpers.time.latest()) / DAY + 1n) * DAY;
  const { result } = await run(["bond", "create"], {
    from: "boc",
    name: "BOC 2027 SME Bond 01",
    symbol: "BOCSME1",
    denomination: "100.00",
    size: "1,000",
    issueDate: iso(day0 + 9n * DAY),
    maturity: iso(day0 + 739n * DAY),
    bookOpen: iso(day0),
    bookClose: iso(day0 + 7n * DAY),
    yieldMin: "2.80%",
    yieldMax: "3.60%",
    tick: "5bps",
    minTicket: "100",
    lead: "lead",
  });
  const bond = (result as { address: string }).address;
  await networkHelpers.time.increaseTo(day0);
  for (const [from, units, y] of [
    ["fund-a", "400", "3.00%"],
    ["fund-b", "500", "3.10%"],
    ["fund-a", "300", "3.10%"],
    ["fund-b", "200", "3.30%"],
  ]) {
    await run(["bond", "bid"], { from, bond, units, yield: y });
  }
  const handle = suite.bonds.bond(bond);
  return { ...f, boc, lead, fundA, fundB, suite, day0, bond, handle, label: `BOCSME1 (${bond})` };
}

/** Finalised at 1,000 (3.10%): fund-a holds 625 units, fund-b 375; proceeds withdrawn. */
async function issued() {
  const f = await booked();
  await networkHelpers.time.increaseTo(f.day0 + 7n * DAY);
  await run(["bond", "finalize"], { from: "lead", bond: f.bond });
  await run(["bond", "claim"], { from: "boc", bond: f.bond, bid: "1,2,3,4" });
  await run(["bond", "withdraw-proceeds"], { from: "boc", bond: f.bond });
  return f;
}

/** Coupon #1 unfunded past its 10 days' grace, default declared by fund-a. */
async function defaulted() {
  const f = await issued();
  await networkHelpers.time.increaseTo((await f.handle.contract.couponDate(1n)) + 10n * DAY + 1n);
  await run(["bond", "default"], { from: "fund-a", bond: f.bond });
  return f;
}

/**
 * Defaulted, a 1.00 recovery (0.001 a unit) claimed by both holders: fund-a's 625 units are paid
 * 0.62 (0.005 carried), fund-b's 375 units 0.37 (0.005 carried): a carry of 0.01.
 */
async function withCarry() {
  const f = await defaulted();
  await run(["bond", "recovery"], { from: "boc", bond: f.bond, amount: "1.00" });
  await run(["bond", "claim-coupon"], { from: "fund-a", bond: f.bond });
  await run(["bond", "claim-coupon"], { from: "fund-b", bond: f.bond });
  expect((await f.handle.contract.distributed())[1]).to.equal(SCALE);
  return f;
}

/** loadFixture, then the deployment file and address book of that fixture's chain. */
async function load<T extends { addresses: Record<string, string> }>(fixture: () => Promise<T>) {
  const f = await networkHelpers.loadFixture(fixture);
  writeFileSync(path.join(scratch, DEPLOYMENT_ID, "deployed_addresses.json"), JSON.stringify(f.addresses));
  const book = JSON.parse(readFileSync(BOOK, "utf8")) as Record<string, unknown>;
  const g = f as unknown as Record<string, { address: string }>;
  for (const [name, key, code] of [
    ["boc", "boc", "91110000BOC00001X"],
    ["lead", "lead", "91110000LEAD0001X"],
    ["fund-a", "fundA", "91310000FUNDA001X"],
    ["fund-b", "fundB", "91310000FUNDB001X"],
  ]) {
    book[name] = { address: g[key].address, code };
  }
  writeFileSync(BOOK, JSON.stringify(book));
  return f;
}

describe("Tasks: bond default and recovery", () => {
  it("cancel-book: only the issuer or lead before the issue date; bids are then refunded by bond claim", async () => {
    const f = await load(booked);
    const issueDate = (await f.handle.termsArgs()).issueDate;
    const block = await ethers.provider.getBlockNumber();
    expect(await failure(["bond", "cancel-book"], { from: "fund-a", bond: f.bond })).to.equal(
      `--from: fund-a (${f.fundA.address}) may not cancel the book before the issue date passes (anyone may after ${iso(issueDate)}): only the issuer boc (${f.boc.address}) or the lead underwriter lead (${f.lead.address}) may; ${NOT_SENT}`,
    );
    const dry = await run(["bond", "cancel-book"], { from: "lead", bond: f.bond, dryRun: true });
    expect(dry.out).to.match(
      /^dry run: cancel the book of BOCSME1 .* would succeed \(gas \d+\); no transaction sent$/m,
    );
    expect(await ethers.provider.getBlockNumber()).to.equal(block);
    expect(await f.handle.state()).to.equal("Book");

    const { result, out } = await run(["bond", "cancel-book"], { from: "lead", bond: f.bond });
    const { hash } = result as { hash: string };
    expect(out).to.contain(`cancel the book of ${f.label}: tx ${hash}`);
    expect(out).to.contain(`4 bid(s) to refund in full (140,000.00 escrowed): bond claim --bond ${f.bond}`);
    expect(out).to.contain("state Cancelled");
    expect(await f.handle.state()).to.equal("Cancelled");
    const [e] = await f.handle.contract.queryFilter(f.handle.contract.filters.BookCancelled());
    expect(e.args.by).to.equal(f.lead.address);

    const before = await f.suite.cash.balanceOf(f.fundA.address);
    await run(["bond", "claim"], { from: "fund-a", bond: f.bond });
    expect(await f.suite.cash.balanceOf(f.fundA.address)).to.equal(before + 70_000_00n);
    expect(await failure(["bond", "cancel-book"], { from: "boc", bond: f.bond })).to.equal(
      `--bond: ${f.label} is Cancelled; cancelling the book needs Book; ${NOT_SENT}`,
    );
  });

  it("cancel-book: anyone once the issue date has passed without finalisation", async () => {
    const f = await load(booked);
    await networkHelpers.time.increaseTo((await f.handle.termsArgs()).issueDate + 1n);
    const { out } = await run(["bond", "cancel-book"], { from: "fund-b", bond: f.bond });
    expect(out).to.contain(`cancel the book of ${f.label}: tx 0x`);
    expect(await f.handle.state()).to.equal("Cancelled");
  });

  it("default: refused with the exact time it becomes possible, then declared by anyone", async () => {
    const f = await load(issued);
    const c1 = await f.handle.contract.couponDate(1n);
    const from = c1 + 10n * DAY + 1n;
    const block = await ethers.provider.getBlockNumber();
    const early = new RegExp(
      `^--bond: BOCSME1 \\(${f.bond}\\) cannot be declared in default yet: coupon #1 is due on ${iso(c1)} with 10 days' grace; a default may be declared from ${isoTime(from)} if it is still unfunded \\(chain time .*\\); ${NOT_SENT}$`,
    );
    expect(await failure(["bond", "default"], { from: "fund-a", bond: f.bond })).to.match(early);
    await networkHelpers.time.increaseTo(from - 1n);
    expect(await failure(["bond", "default"], { from: "fund-a", bond: f.bond })).to.match(early);
    expect(await failure(["bond", "recovery"], { from: "boc", bond: f.bond, amount: "1.00" })).to.equal(
      `--bond: ${f.label} is Live; a recovery payment (declare it first with bond default) needs Defaulted; ${NOT_SENT}`,
    );
    expect(await failure(["bond", "sweep-carry"], { from: "boc", bond: f.bond })).to.equal(
      `--bond: ${f.label} carries less than one base unit; nothing to sweep; ${NOT_SENT}`,
    );
    expect(await failure(["bond", "cancel-book"], { from: "boc", bond: f.bond })).to.equal(
      `--bond: ${f.label} is Live; cancelling the book needs Book; ${NOT_SENT}`,
    );
    expect(await ethers.provider.getBlockNumber()).to.equal(block + 1); // increaseTo mined one block

    await networkHelpers.time.increaseTo(from);
    const block2 = await ethers.provider.getBlockNumber();
    const dry = await run(["bond", "default"], { from: "fund-a", bond: f.bond, dryRun: true });
    expect(dry.out).to.match(
      /^dry run: declare BOCSME1 .* in default: .* would succeed \(gas \d+\); no transaction sent$/m,
    );
    expect(await ethers.provider.getBlockNumber()).to.equal(block2);
    expect(await f.handle.state()).to.equal("Live");

    const { result, out } = await run(["bond", "default"], { from: "fund-a", bond: f.bond });
    const r = result as { hash: string; missed: number };
    expect(r.missed).to.equal(1);
    expect(out).to.contain(
      `declare ${f.label} in default: coupon #1, due ${iso(c1)}, is unfunded past 10 days' grace: tx ${r.hash}`,
    );
    expect(out).to.contain("state Defaulted");
    expect(out).to.not.contain("bond sweep-carry"); // no carry to show
    expect(out).to.contain("they collect it with bond claim-coupon");
    expect(await f.handle.state()).to.equal("Defaulted");
    const [e] = await f.handle.contract.queryFilter(f.handle.contract.filters.BondDefaulted());
    expect([e.args.couponIndex, e.args.declaredBy]).to.deep.equal([1n, f.fundA.address]);
    expect(await failure(["bond", "default"], { from: "fund-a", bond: f.bond })).to.equal(
      `--bond: ${f.label} is Defaulted; declaring a default needs Live; ${NOT_SENT}`,
    );
  });

  it("withdraw-refund: a refund delivered while the bidder was frozen is credited, then withdrawn", async () => {
    const f = await load(booked);
    await networkHelpers.time.increaseTo(f.day0 + 7n * DAY);
    await run(["bond", "finalize"], { from: "lead", bond: f.bond });
    const regulator = f.signers[4];
    const order = ethers.encodeBytes32String("ORDER-1");
    await (await f.suite.registry.contract.connect(regulator).freezeWallet(f.fundB.address, order)).wait();
    // Bid 4 (fund-b, 200 at 3.30%) is above the clearing yield: its 20,000.00 is credited.
    await run(["bond", "claim"], { from: "boc", bond: f.bond, bid: "4" });
    expect(await f.handle.contract.refundOf(f.fundB.address)).to.equal(200n * 100_00n);
    expect(await failure(["bond", "withdraw-refund"], { from: "fund-a", bond: f.bond })).to.equal(
      `--from: fund-a (${f.fundA.address}) has no credit to withdraw from ${f.label}; ${NOT_SENT}`,
    );
    await (await f.suite.registry.contract.connect(regulator).unfreezeWallet(f.fundB.address, order)).wait();
    const before = await f.suite.cash.balanceOf(f.fundB.address);
    const { out } = await run(["bond", "withdraw-refund"], { from: "fund-b", bond: f.bond });
    expect(out).to.match(/withdraw the 20,000\.00 credited to fund-b .* by BOCSME1 .*: tx 0x[0-9a-f]{64}/);
    expect((await f.suite.cash.balanceOf(f.fundB.address)) - before).to.equal(200n * 100_00n);
    expect(await f.handle.contract.refundOf(f.fundB.address)).to.equal(0n);
  });

  it("recovery approves then pays pro rata with a carry; claim-coupon collects it; sweep-carry returns the carry", async () => {
    const f = await load(defaulted);
    const bocBefore = await f.suite.cash.balanceOf(f.boc.address);
    const { result, out } = await run(["bond", "recovery"], { from: "boc", bond: f.bond, amount: "1,000.01" });
    const r = result as { hash: string; perUnit: bigint; perUnitScaled: bigint; carry: bigint };
    // 1,000.01 over 1,000 units is 1.00001 a unit, exact at SCALE: nothing is carried.
    expect([r.perUnit, r.perUnitScaled, r.carry]).to.deep.equal([1_00n, (100_001n * SCALE) / 1_000n, 0n]);
    expect(out).to.match(new RegExp(`\\[1/2\\] approve BOCSME1 \\(${f.bond}\\) for 1,000\\.01: tx 0x[0-9a-f]{64}`));
    expect(out).to.contain(
      `[2/2] pay 1,000.01 of recovery to the holders of ${f.label}: 1.00 per unit x 1,000 units (exact shares, with the 0.00 carried): tx ${r.hash}`,
    );
    // fund-a's 625 units: 625 x 1.00001 = 625.00625, 625.00 claimable (the rest is paid with later shares).
    expect(out).to.match(/fund-a \(0x[0-9a-fA-F]{40}\)\s+625\s+625\.00\s+0\.00/);
    expect(await f.suite.cash.balanceOf(f.boc.address)).to.equal(bocBefore - 1_000_01n);
    expect((await f.handle.contract.distributed())[1]).to.equal(0n);
    expect(await f.handle.contract.claimable(f.fundA.address)).to.equal(625_00n);

    // 999.99 more: 0.99999 a unit, 2.00 in all. Nothing to sweep yet.
    const second = await run(["bond", "recovery"], { from: "fund-b", bond: f.bond, amount: "999.99" });
    expect(second.out).to.contain("0.99 per unit x 1,000 units (exact shares, with the 0.00 carried)");
    expect((await f.handle.contract.distributed())[0]).to.equal(2_00n * SCALE);
    expect(await failure(["bond", "sweep-carry"], { from: "boc", bond: f.bond })).to.equal(
      `--bond: ${f.label} carries less than one base unit; nothing to sweep; ${NOT_SENT}`,
    );
    await run(["bond", "recovery"], { from: "boc", bond: f.bond, amount: "0.50" });
    // 2.0005 a unit: fund-a's 625 units are owed 1,250.3125, paid 1,250.31 (0.0025 carried);
    // fund-b's 375 are owed 750.1875, paid 750.18 (0.0075 carried): 0.01 to sweep.
    const aBefore = await f.suite.cash.balanceOf(f.fundA.address);
    const cc = await run(["bond", "claim-coupon"], { from: "fund-a", bond: f.bond });
    expect(cc.out).to.contain(`claim 1,250.31 of coupons and recovery on ${f.label}: tx`);
    expect(await f.suite.cash.balanceOf(f.fundA.address)).to.equal(aBefore + 1_250_31n);
    expect(await f.handle.contract.claimable(f.fundA.address)).to.equal(0n);
    await run(["bond", "claim-coupon"], { from: "fund-b", bond: f.bond });
    expect((await f.handle.contract.distributed())[1]).to.equal(SCALE);

    const bocMid = await f.suite.cash.balanceOf(f.boc.address);
    const sw = await run(["bond", "sweep-carry"], { from: "boc", bond: f.bond });
    const s = sw.result as { hash: string; amount: bigint };
    expect(s.amount).to.equal(1n);
    expect(sw.out).to.contain(
      `sweep the 0.01 carry (rounding dust and recovery remainder) of ${f.label} to the issuer: tx ${s.hash}`,
    );
    expect(await f.suite.cash.balanceOf(f.boc.address)).to.equal(bocMid + 1n);
    expect((await f.handle.contract.distributed())[1]).to.equal(0n);
    // Every holding paid and the carry swept: the bond holds nothing.
    expect(await f.suite.cash.balanceOf(f.bond)).to.equal(0n);
  });

  it("refuses bad recovery and sweep input and dry-runs without sending", async () => {
    const f = await load(withCarry);
    const block = await ethers.provider.getBlockNumber();
    const recovery = (amount: string, from = "boc") => failure(["bond", "recovery"], { from, bond: f.bond, amount });
    expect(await recovery("0")).to.equal(`--amount: must be greater than zero (got "0"); ${NOT_SENT}`);
    expect(await recovery("1.001")).to.equal(`--amount: has more than 2 decimal places (got "1.001"); ${NOT_SENT}`);
    expect(await failure(["bond", "recovery"], { from: "boc", bond: f.bond })).to.contain("--amount");
    expect(await recovery("10,000,000.00", "fund-a")).to.match(
      new RegExp(
        `^--from: fund-a \\(${f.fundA.address}\\) holds [\\d,.]+, less than the 10,000,000\\.00 needed; ${NOT_SENT}$`,
      ),
    );
    expect(await recovery("1.00", "outsider")).to.equal(
      `--from: outsider (${f.outsider.address}) is not eligible (NotRegistered); ${NOT_SENT}`,
    );
    expect(await failure(["bond", "sweep-carry"], { from: "fund-a", bond: f.bond })).to.equal(
      `--from: fund-a (${f.fundA.address}) may not sweep the carry: only the issuer boc (${f.boc.address}) may; ${NOT_SENT}`,
    );

    const dry = await run(["bond", "recovery"], { from: "fund-b", bond: f.bond, amount: "500.00", dryRun: true });
    expect(dry.out).to.match(
      /^dry run: \[1\/2\] approve BOCSME1 .* for 500\.00 would succeed \(gas \d+\); no transaction sent$/m,
    );
    expect(dry.out).to.contain(
      `dry run: then pay 500.00 of recovery to the holders of ${f.label}: 0.50 per unit x 1,000 units (exact shares, with the 0.01 carried)`,
    );
    const sweep = await run(["bond", "sweep-carry"], { from: "boc", bond: f.bond, dryRun: true });
    expect(sweep.out).to.match(
      /^dry run: sweep the 0\.01 carry \(rounding dust and recovery remainder\) of BOCSME1 .* would succeed \(gas \d+\); no transaction sent$/m,
    );
    expect(await ethers.provider.getBlockNumber()).to.equal(block);
    expect((await f.handle.contract.distributed())[1]).to.equal(SCALE);
  });

  it("decodes a revert found by the simulation (the bond's custody frozen) and sends nothing", async () => {
    const f = await load(withCarry);
    await (
      await f.suite.registry.contract.connect(f.signers[4]).freezeWallet(f.bond, ethers.encodeBytes32String("ORDER-1"))
    ).wait();
    const block = await ethers.provider.getBlockNumber();
    const why = `SettlementIneligible: ${f.bond} is not eligible to hold or move cash: Frozen; ${NOT_SENT}`;
    expect(await failure(["bond", "sweep-carry"], { from: "boc", bond: f.bond })).to.equal(
      `sweep the 0.01 carry (rounding dust and recovery remainder) of ${f.label} to the issuer would fail: ${why}`,
    );
    expect(await ethers.provider.getBlockNumber()).to.equal(block);
    // The approval ([1/2]) goes through; the payment itself ([2/2]) is simulated, fails and is not sent.
    expect(await failure(["bond", "recovery"], { from: "boc", bond: f.bond, amount: "1.00" })).to.equal(
      `[2/2] pay 1.00 of recovery to the holders of ${f.label}: 0.00 per unit x 1,000 units (exact shares, with the 0.01 carried) would fail: ${why}`,
    );
    expect(await ethers.provider.getBlockNumber()).to.equal(block + 1);
    expect((await f.handle.contract.distributed())[1]).to.equal(SCALE);
  });
});
