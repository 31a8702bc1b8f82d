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

/**
 * The tasks' Suite with bond members: boc (bank, issuer), lead (bank, lead underwriter), fund-a
 * and fund-b (investors, 1,000,000.00 cash each), tier1 (SME borrower); the settlement cash
 * approved as a bond currency through `bond approve-currency`. Book dates start at the next
 * midnight after the chain's time.
 */
async function bondMembers() {
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
    ["tier1", "SME"],
  ]) {
    await run(["participants", "register"], { participant, kinds, kycExpiry: "2099-12-31" });
  }
  for (const to of ["fund-a", "fund-b", "boc"]) await run(["cash", "mint"], { to, amount: "1,000,000.00" });
  const approval = await run(["bond", "approve-currency"], {});
  const suite = connect(f.addresses, ethers.provider);
  const now = BigInt(await networkHelpers.time.latest());
  const day0 = (now / DAY + 1n) * DAY;
  const dates = {
    bookOpen: iso(day0),
    bookClose: iso(day0 + 7n * DAY),
    issueDate: iso(day0 + 9n * DAY),
    maturity: iso(day0 + 9n * DAY + 730n * DAY),
    firstCall: iso(day0 + 9n * DAY + 365n * DAY),
  };
  return { ...f, boc, lead, fundA, fundB, suite, dates, approval, day0, bookText: readFileSync(BOOK, "utf8") };
}

/**
 * loadFixture, then the deployment file and address book of that fixture's chain: every fixture
 * deploys its own Suite, and the tasks read the addresses from disk.
 */
async function load<T extends { addresses: Record<string, string>; bookText: string }>(fixture: () => Promise<T>) {
  const f = await networkHelpers.loadFixture(fixture);
  writeFileSync(path.join(scratch, DEPLOYMENT_ID, "deployed_addresses.json"), JSON.stringify(f.addresses));
  writeFileSync(BOOK, f.bookText);
  return f;
}

/** `bond create` of a 1,000 x 100.00 two-year semi-annual ACT/ACT ICMA bond, callable after a year. */
async function createArgs(dates: Awaited<ReturnType<typeof bondMembers>>["dates"]) {
  return {
    from: "boc",
    name: "BOC 2027 SME Bond 01",
    symbol: "BOCSME1",
    denomination: "100.00",
    size: "1,000",
    issueDate: dates.issueDate,
    maturity: dates.maturity,
    frequency: "semi-annual",
    bookOpen: dates.bookOpen,
    bookClose: dates.bookClose,
    yieldMin: "2.80%",
    yieldMax: "3.60%",
    tick: "5bps",
    minTicket: "100",
    maxTicket: "1,000",
    firstCallDate: dates.firstCall,
    callNoticeDays: "30",
    callPrice: "100.50%",
    lead: "lead",
    termSheetUri: "ipfs://boc-sme-01",
    termSheetHash: ethers.id("term sheet"),
  };
}

async function created() {
  const f = await bondMembers();
  const { result, out } = await run(["bond", "create"], await createArgs(f.dates));
  const { address, hash } = result as { address: string; hash: string };
  return { ...f, bond: address, createOut: out, createHash: hash, handle: f.suite.bonds.bond(address) };
}

/**
 * Book open with bids: fund-a 400 @ 3.00% (#1), fund-b 500 @ 3.10% (#2), fund-a 300 @ 3.10% (#3),
 * fund-b 200 @ 3.30% (#4). Size 1,000 clears at 3.10% with 600 of 800 filled there.
 */
async function booked() {
  const f = await created();
  await networkHelpers.time.increaseTo(f.day0);
  for (const [from, units, y] of [
    ["fund-a", "400", "3.00%"],
    ["fund-b", "500", "3.10%"],
    ["fund-a", "300", "310bps"],
    ["fund-b", "200", "3.3%"],
  ]) {
    await run(["bond", "bid"], { from, bond: f.bond, units, yield: y });
  }
  return f;
}

/** Finalised at 1,000 (by the lead) and every allocation delivered. */
async function issued() {
  const f = await booked();
  await networkHelpers.time.increaseTo(f.day0 + 7n * DAY);
  await run(["bond", "finalize"], { from: "lead", bond: f.bond });
  await run(["bond", "claim"], { from: "boc", bond: f.bond, bid: "1,2,3,4" });
  return f;
}

describe("Tasks: bond", () => {
  it("approve-currency and create: terms in human units, tx, address, state and listing", async () => {
    const f = await load(created);
    expect(f.approval.out).to.match(/approve 0x[0-9a-fA-F]{40} as a bond currency: tx 0x[0-9a-f]{64}/);
    expect(await f.suite.bonds.isCurrencyApproved()).to.equal(true);
    expect(f.createOut).to.contain(
      `create bond BOCSME1: 1,000 x 100.00, ${f.dates.issueDate} .. ${f.dates.maturity}: tx ${f.createHash}`,
    );
    expect(f.createOut).to.contain(`bond ${f.bond} (#1 of the factory)`);
    expect(f.createOut).to.contain(`state Book, issuer boc (${f.boc.address})`);
    expect(f.createOut).to.contain("yields 2.8% .. 3.6% step 0.05%, tickets 100 .. 1,000, investors BANK+INVESTOR");
    expect(f.createOut).to.contain(`callable from ${f.dates.firstCall} at 100.5% of face, notice 30 days`);
    expect(f.createOut).to.contain("use of proceeds SME_LENDING, term sheet ipfs://boc-sme-01");
    const t = await f.handle.termsArgs();
    expect(t).to.include({
      issuer: f.boc.address,
      leadUnderwriter: f.lead.address,
      denomination: 100_00n,
      size: 1_000n,
      yieldMinBp: 280,
      yieldMaxBp: 360,
      tickBp: 5,
      callPriceBp: 10_050,
      frequency: 2,
      dayCount: 0,
    });
    expect(iso(t.issueDate)).to.equal(f.dates.issueDate);
    expect(t.callNotice).to.equal(30n * DAY);
    expect(t.gracePeriod).to.equal(10n * DAY);
    const list = await run(["bond", "list"], {});
    expect(list.out).to.contain("1 bond(s) on deployment tasks-test");
    expect(list.out).to.match(
      new RegExp(`#1\\s+BOCSME1\\s+${f.bond}\\s+boc \\(${f.boc.address}\\)\\s+Book\\s+1,000\\s+${f.dates.issueDate}`),
    );
  });

  it("bids approve the escrow first, then bid (progress shown), and the book shows demand", async () => {
    const f = await load(created);
    await networkHelpers.time.increaseTo(f.day0);
    const before = await f.suite.cash.balanceOf(f.fundA.address);
    const { result, out } = await run(["bond", "bid"], { from: "fund-a", bond: "#1", units: "400", yield: "3.00%" });
    const { hash, bidId } = result as { hash: string; bidId: number };
    expect(bidId).to.equal(1);
    expect(out).to.match(/\[1\/2\] approve BOCSME1 \(0x[0-9a-fA-F]{40}\) for 40,000\.00: tx 0x/);
    expect(out).to.contain(`[2/2] bid 400 units of BOCSME1 (${f.bond}) at 3% (escrow 40,000.00): tx ${hash}`);
    expect(out).to.contain(`bid #1 by fund-a (${f.fundA.address})`);
    expect(out).to.contain("book: 1 bids placed, 1 unsettled, 400 units escrowed (40,000.00)");
    expect(await f.suite.cash.balanceOf(f.fundA.address)).to.equal(before - 40_000_00n);
    const bid = await f.handle.contract.bidOf(1n);
    expect([bid.bidder, bid.units, bid.tick]).to.deep.equal([f.fundA.address, 400n, 4n]);
  });

  it("finalize fixes the clearing yield; claim delivers allocations and refunds, with progress", async () => {
    const f = await load(booked);
    await networkHelpers.time.increaseTo(f.day0 + 7n * DAY);
    const fin = await run(["bond", "finalize"], { from: "lead", bond: f.bond, size: "1,000" });
    expect(fin.out).to.contain(`finalize BOCSME1 (${f.bond}) at 1,000 units (clearing yield 3.1%): tx`);
    expect(fin.out).to.contain("clearing: coupon 3.1%, 600 of 800 units filled at the clearing yield");
    expect(fin.out).to.match(/#2\s+fund-b \(0x[0-9a-fA-F]{40}\)\s+500\s+3\.1%\s+375\s+12,500\.00\s+unsettled/);
    expect(await f.handle.state()).to.equal("Live");
    expect((await f.handle.contract.clearing())[0]).to.equal(310n);

    const bBefore = await f.suite.cash.balanceOf(f.fundB.address);
    const mine = await run(["bond", "claim"], { from: "fund-a", bond: f.bond });
    expect(mine.result).to.have.length(2);
    expect(mine.out).to.contain(`[1/2] deliver bid #1 of fund-a (${f.fundA.address}): 400 units, refund 0.00: tx`);
    expect(mine.out).to.contain(`[2/2] deliver bid #3 of fund-a (${f.fundA.address}): 225 units, refund 7,500.00: tx`);
    expect(mine.out).to.contain(`fund-a (${f.fundA.address}) holds 625 units`);
    const theirs = await run(["bond", "claim"], { from: "boc", bond: f.bond, bid: "2, #4" });
    expect(theirs.out).to.contain("[2/2] deliver bid #4 of fund-b");
    expect(await f.handle.contract.balanceOf(f.fundA.address)).to.equal(625n);
    expect(await f.handle.contract.balanceOf(f.fundB.address)).to.equal(375n);
    expect(await f.suite.cash.balanceOf(f.fundB.address)).to.equal(bBefore + 12_500_00n + 20_000_00n);
    expect((await f.handle.contract.book())[1]).to.equal(0n);
  });

  it("withdraw-proceeds and disburse record the use of proceeds", async () => {
    const f = await load(issued);
    const cashBefore = await f.suite.cash.balanceOf(f.boc.address);
    const w = await run(["bond", "withdraw-proceeds"], { from: "boc", bond: f.bond });
    expect(w.out).to.contain(`withdraw 100,000.00 of proceeds from BOCSME1 (${f.bond}): tx ${w.result}`);
    expect(await f.suite.cash.balanceOf(f.boc.address)).to.equal(cashBefore + 100_000_00n);
    const d = await run(["bond", "disburse"], {
      from: "boc",
      bond: f.bond,
      borrower: "tier1",
      amount: "60,000.00",
      loanRef: "LOAN-2027-001",
    });
    expect(d.out).to.contain(`record a loan of 60,000.00 from BOCSME1 (${f.bond}) to tier1`);
    expect(d.out).to.contain("lent to SMEs 60,000.00 of 100,000.00 raised (60%)");
    expect(await f.handle.contract.smeShareBp()).to.equal(6_000n);
    const [e] = await f.handle.disbursements(f.tier1.address);
    expect(e.args.amount).to.equal(60_000_00n);
    expect(e.args.loanRef).to.equal(ethers.encodeBytes32String("LOAN-2027-001"));
  });

  it("fund-coupon pays the contract's exact amount; claim-coupon pays the holder", async () => {
    const f = await load(issued);
    const c1 = await f.handle.contract.couponDate(1n);
    await networkHelpers.time.increaseTo(c1);
    const perUnit = await f.handle.contract.couponPerUnit(1n);
    const { perUnitScaled: exact } = await f.handle.coupon(1);
    expect(perUnit).to.equal(exact / SCALE);
    // The 1,000 units are owed 1,000 x the exact coupon, funded rounded up once.
    const amount = (exact * 1_000n + SCALE - 1n) / SCALE;
    const fc = await run(["bond", "fund-coupon"], { from: "boc", bond: f.bond });
    const cash = (x: bigint) => (Number(x) / 100).toLocaleString("en-US", { minimumFractionDigits: 2 });
    expect(fc.out).to.contain(
      `[2/2] fund coupon #1 of BOCSME1 (${f.bond}): ${cash(perUnit)} per unit x 1,000 units = ${cash(amount)} (exact per unit, less the carry, rounded up once): tx`,
    );
    expect((fc.result as { amount: bigint }).amount).to.equal(amount);
    expect(fc.out).to.match(new RegExp(`#1\\s+${iso(c1)}\\s+\\S+\\s+\\S+\\s+funded`));
    expect(await f.handle.contract.couponsFunded()).to.equal(1n);
    const before = await f.suite.cash.balanceOf(f.fundA.address);
    const cc = await run(["bond", "claim-coupon"], { from: "fund-a", bond: f.bond });
    // fund-a's 625 units: floor(625 x exact), not 625 x the rounded per-unit figure.
    expect((cc.result as { amount: bigint }).amount).to.equal((exact * 625n) / SCALE);
    expect(await f.suite.cash.balanceOf(f.fundA.address)).to.equal(before + (exact * 625n) / SCALE);
    expect(cc.out).to.contain("claimable now 0.00");
  });

  it("call, fund the coupons due and the redemption (call price + accrued), redeem", async () => {
    const f = await load(issued);
    await networkHelpers.time.increaseTo(await f.handle.contract.couponDate(1n));
    await run(["bond", "fund-coupon"], { from: "boc", bond: f.bond, index: "1" });
    const t = await f.handle.termsArgs();
    const callDate = t.firstCallDate + 30n * DAY;
    const call = await run(["bond", "call"], { from: "boc", bond: f.bond, date: iso(callDate) });
    expect(call.out).to.contain(`call BOCSME1 (${f.bond}) for ${iso(callDate)} at 100.5% of face: tx`);
    expect(call.out).to.contain(`called for ${iso(callDate)}`);
    expect((await f.handle.contract.redemption())[0]).to.equal(callDate);
    // Coupon #2 falls on the first call date, before the call date: it is funded as usual.
    await networkHelpers.time.increaseTo(await f.handle.contract.couponDate(2n));
    await run(["bond", "fund-coupon"], { from: "boc", bond: f.bond });
    await networkHelpers.time.increaseTo(callDate);
    const fr = await run(["bond", "fund-redemption"], { from: "boc", bond: f.bond });
    const { perUnit, perUnitScaled } = fr.result as { perUnit: bigint; perUnitScaled: bigint };
    expect(perUnit).to.equal((await f.handle.contract.redemption())[1]);
    expect(perUnit).to.equal(perUnitScaled / SCALE);
    expect(perUnit > 100_50n).to.equal(true); // call price + 30 days' accrued coupon
    expect(fr.out).to.contain("[2/2] fund the call of BOCSME1");
    expect(await f.handle.state()).to.equal("Redeeming");
    const before = await f.suite.cash.balanceOf(f.fundB.address);
    // fund-b never claimed: 375 x (call price + accrued + coupons 1 and 2), rounded down once.
    const [k1, k2] = (await f.handle.schedule()).map((c) => c.perUnitScaled);
    const paid = (375n * (perUnitScaled + k1 + k2)) / SCALE;
    expect(await f.handle.contract.redeemable(f.fundB.address)).to.equal(paid);
    const rd = await run(["bond", "redeem"], { from: "fund-b", bond: f.bond });
    expect(rd.out).to.contain(`redeem 375 units of BOCSME1 (${f.bond})`);
    expect(await f.handle.contract.balanceOf(f.fundB.address)).to.equal(0n);
    expect(await f.suite.cash.balanceOf(f.fundB.address)).to.equal(before + paid);
    expect(rd.out).to.contain("625 outstanding");
  });

  it("show prints terms, bids, schedule and holders' figures", async () => {
    const f = await load(issued);
    const { out, result } = await run(["bond", "show"], { bond: f.bond });
    const schedule = (result as { schedule: { dateIso: string; perUnit: bigint }[] }).schedule;
    expect(schedule).to.have.length(4);
    for (let i = 0; i < 4; i++) {
      expect(schedule[i].perUnit).to.equal(await f.handle.contract.couponPerUnit(BigInt(i + 1)));
      expect(schedule[i].dateIso).to.equal(iso(await f.handle.contract.couponDate(BigInt(i + 1))));
    }
    expect(out).to.contain(`bond BOCSME1 "BOC 2027 SME Bond 01" (${f.bond})`);
    expect(out).to.contain("state Live");
    expect(out).to.contain("outstanding 1,000 units; proceeds raised 100,000.00, withdrawn 0.00");
    expect(out).to.match(/#4\s+fund-b \(0x[0-9a-fA-F]{40}\)\s+200\s+3\.3%\s+0\s+20,000\.00\s+settled/);
    expect(out).to.match(/fund-a \(0x[0-9a-fA-F]{40}\)\s+625\s+0\.00\s+0\.00/);
    expect(out).to.contain(`#4      ${f.dates.maturity}`);
  });

  it("dry runs simulate and send nothing", async () => {
    const f = await load(created);
    await networkHelpers.time.increaseTo(f.day0);
    const block = await ethers.provider.getBlockNumber();
    const bid = await run(["bond", "bid"], { from: "fund-a", bond: f.bond, units: "100", yield: "3%", dryRun: true });
    expect(bid.out).to.match(/^dry run: \[1\/2\] approve BOCSME1 .* would succeed \(gas \d+\); no transaction sent$/m);
    expect(bid.out).to.contain(`dry run: then bid 100 units of BOCSME1 (${f.bond}) at 3% (escrow 10,000.00)`);
    const c = await run(["bond", "create"], {
      ...(await createArgs(f.dates)),
      bookOpen: "",
      symbol: "DRY",
      dryRun: true,
    });
    expect(c.out).to.match(/^dry run: create bond DRY: .* would succeed \(gas \d+\); no transaction sent$/m);
    expect((c.result as { address: string }).address).to.match(/^0x[0-9a-fA-F]{40}$/);
    expect(await ethers.provider.getBlockNumber()).to.equal(block);
    expect(await f.suite.bonds.factory.bondCount()).to.equal(1n);
  });

  it("refuses bad input with readable messages before sending anything", async () => {
    const f = await load(created);
    const block = await ethers.provider.getBlockNumber();
    const base = await createArgs(f.dates);
    const create = (over: Record<string, unknown>) => failure(["bond", "create"], { ...base, ...over });
    expect(await create({ bookClose: "2020-01-01" })).to.match(
      /^--book-close: 2020-01-01 is in the past \(chain time .*\); no transaction sent$/,
    );
    expect(await create({ denomination: "100.001" })).to.equal(
      `--denomination: has more than 2 decimal places (got "100.001"); ${NOT_SENT}`,
    );
    expect(await create({ size: "-5" })).to.equal(`--size: must not be negative (got "-5"); ${NOT_SENT}`);
    expect(await create({ tick: "3bps" })).to.equal(
      `--tick: 0.03% does not divide the yield range 2.8% .. 3.6%; ${NOT_SENT}`,
    );
    expect(await create({ lead: "0x1234" })).to.equal(
      `--lead: "0x1234" is neither a 0x address nor a name in the address book ${BOOK}; ${NOT_SENT}`,
    );
    expect(await create({ frequency: "monthly" })).to.contain("--frequency: is not a frequency");
    expect(await create({ from: "outsider" })).to.equal(
      `--from: outsider (${f.outsider.address}) is not eligible (NotRegistered); ${NOT_SENT}`,
    );
    expect(await failure(["bond", "show"], { bond: f.addresses["Foundation#SettlementToken"] })).to.equal(
      `--bond: ${f.addresses["Foundation#SettlementToken"]} is not a bond of the factory of deployment tasks-test; ${NOT_SENT}`,
    );
    expect(await failure(["bond", "show"], { bond: "#2" })).to.equal(
      `--bond: #2 is not a bond of deployment tasks-test (it has 1); ${NOT_SENT}`,
    );
    const label = `BOCSME1 (${f.bond})`;
    expect(await failure(["bond", "bid"], { from: "fund-a", bond: f.bond, units: "100", yield: "3%" })).to.match(
      new RegExp(`^--bond: the book of BOCSME1 \\(${f.bond}\\) takes bids from ${f.dates.bookOpen} until`),
    );
    await networkHelpers.time.increaseTo(f.day0);
    const block2 = await ethers.provider.getBlockNumber();
    expect(await failure(["bond", "bid"], { from: "fund-a", bond: f.bond, units: "100", yield: "3.07%" })).to.equal(
      `--yield: is not on a 0.05% tick from 2.8% (got "3.07%"); ${NOT_SENT}`,
    );
    expect(await failure(["bond", "bid"], { from: "fund-a", bond: f.bond, units: "1.5", yield: "3%" })).to.equal(
      `--units: is not a whole number of units (bonds have 0 decimals) (got "1.5"); ${NOT_SENT}`,
    );
    expect(await failure(["bond", "bid"], { from: "fund-a", bond: f.bond, units: "50", yield: "3%" })).to.equal(
      `--units: 50 is outside the ticket limits 100 .. 1,000; ${NOT_SENT}`,
    );
    expect(await failure(["bond", "bid"], { from: "tier1", bond: f.bond, units: "100", yield: "3%" })).to.equal(
      `--from: tier1 (${f.tier1.address}) is not of an investor kind the terms allow (BANK, INVESTOR); ${NOT_SENT}`,
    );
    expect(await failure(["bond", "finalize"], { from: "fund-a", bond: f.bond })).to.equal(
      `--from: fund-a (${f.fundA.address}) may not finalize the book: only the issuer boc (${f.boc.address}) or the lead underwriter lead (${f.lead.address}) may; ${NOT_SENT}`,
    );
    expect(await failure(["bond", "finalize"], { from: "boc", bond: f.bond })).to.match(
      new RegExp(`^--bond: the book of BOCSME1 \\(${f.bond}\\) closes at ${f.dates.bookClose}; finalize from then`),
    );
    expect(await failure(["bond", "fund-coupon"], { from: "boc", bond: f.bond })).to.equal(
      `--bond: ${label} is Book; funding a coupon needs Live; ${NOT_SENT}`,
    );
    expect(await failure(["bond", "claim"], { from: "fund-a", bond: f.bond })).to.contain("is still in Book");
    expect(await failure(["bond", "claim-coupon"], { from: "fund-a", bond: f.bond })).to.equal(
      `nothing to claim: fund-a (${f.fundA.address}) is owed 0.00 on ${label} (holds 0 units); ${NOT_SENT}`,
    );
    expect(await ethers.provider.getBlockNumber()).to.equal(block2);
    expect(block2).to.be.greaterThanOrEqual(block);
  });

  it("refuses wrong phases of a live bond", async () => {
    const f = await load(issued);
    const block = await ethers.provider.getBlockNumber();
    const label = `BOCSME1 (${f.bond})`;
    const c1 = iso(await f.handle.contract.couponDate(1n));
    expect(await failure(["bond", "fund-coupon"], { from: "boc", bond: f.bond })).to.match(
      new RegExp(`^--index: coupon #1 is due on ${c1}; fund it from then \\(chain time .*\\); ${NOT_SENT}$`),
    );
    expect(await failure(["bond", "fund-coupon"], { from: "boc", bond: f.bond, index: "2" })).to.equal(
      `--index: coupons are funded in order; the next is #1 (${c1}); ${NOT_SENT}`,
    );
    expect(await failure(["bond", "redeem"], { from: "fund-a", bond: f.bond })).to.equal(
      `--bond: ${label} is Live; redemption (fund it first with bond fund-redemption) needs Redeeming; ${NOT_SENT}`,
    );
    expect(await failure(["bond", "call"], { from: "boc", bond: f.bond, date: f.dates.bookOpen })).to.match(
      /^--date: .* is in the past/,
    );
    expect(await failure(["bond", "call"], { from: "boc", bond: f.bond, date: f.dates.maturity })).to.match(
      new RegExp(`^--date: ${f.dates.maturity} must be on or after ${f.dates.firstCall} .* and before maturity`),
    );
    expect(
      await failure(["bond", "disburse"], { from: "boc", bond: f.bond, borrower: "fund-a", amount: "1", loanRef: "L" }),
    ).to.equal(`--borrower: fund-a (${f.fundA.address}) is not an eligible SME participant; ${NOT_SENT}`);
    expect(
      await failure(["bond", "disburse"], {
        from: "boc",
        bond: f.bond,
        borrower: "tier1",
        amount: "100,000.01",
        loanRef: "L",
      }),
    ).to.equal(
      `--amount: 100,000.01 would bring the loans recorded to 100,000.01, more than the 100,000.00 raised; ${NOT_SENT}`,
    );
    expect(await failure(["bond", "finalize"], { from: "boc", bond: f.bond })).to.equal(
      `--bond: ${label} is Live; finalisation needs Book; ${NOT_SENT}`,
    );
    expect(await ethers.provider.getBlockNumber()).to.equal(block);
  });

  it("delivers to a frozen bidder all the same: the units are booked to it (issue 12, finding 8)", async () => {
    const f = await load(booked);
    await networkHelpers.time.increaseTo(f.day0 + 7n * DAY);
    await run(["bond", "finalize"], { from: "boc", bond: f.bond });
    const regulator = f.signers[4];
    await (
      await f.suite.registry.contract
        .connect(regulator)
        .freezeWallet(f.fundA.address, ethers.encodeBytes32String("ORDER-1"))
    ).wait();
    await run(["bond", "claim"], { from: "boc", bond: f.bond, bid: "1" });
    const bond = await ethers.getContractAt("Bond", f.bond);
    expect(await bond.balanceOf(f.fundA.address)).to.equal(400n);
    // Frozen, it cannot move them.
    await expect(bond.connect(f.fundA).transfer(f.fundB.address, 1n))
      .to.be.revertedWithCustomError(bond, "BondIneligible")
      .withArgs(f.fundA.address, 5n);
  });

  it("refuses to deliver on a paused bond before sending anything", async () => {
    const f = await load(booked);
    await networkHelpers.time.increaseTo(f.day0 + 7n * DAY);
    await run(["bond", "finalize"], { from: "boc", bond: f.bond });
    const guardian = f.signers[3];
    const factory = await ethers.getContractAt(
      "BondFactory",
      await (await ethers.getContractAt("Bond", f.bond)).factory(),
    );
    await (await factory.connect(guardian).pauseBond(f.bond)).wait();
    const block = await ethers.provider.getBlockNumber();
    expect(await failure(["bond", "claim"], { from: "boc", bond: f.bond, bid: "1" })).to.equal(
      `--bond: BOCSME1 (${f.bond}) is paused by the guardian; delivering allocations is stopped; ${NOT_SENT}`,
    );
    expect(await ethers.provider.getBlockNumber()).to.equal(block);
  });
});
