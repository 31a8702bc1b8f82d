import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";

import { formatRootId, tokenIdOf } from "../../src/index.js";
import { listingTermsHash } from "../../src/areas/products.js";
import { Frequency } from "../../src/coupons.js";
import { Convention, addMonths } from "../../src/daycount.js";
import { kindsOf } from "../../src/kinds.js";
import type {
  BondFactory,
  ProductFactory,
  ReceivableToken,
  RevenueProduct,
  TrancheToken,
} from "../../types/ethers-contracts/index.js";
import type { DisclosureReport } from "../../tasks/lib/report.js";
import { BOOK, ethers, failure, networkHelpers, run } from "./helpers.js";
import { payable, receivableMembers } from "./receivablesSetup.js";

const DAY = 86_400n;
const ZERO = ethers.ZeroAddress;
const AA = "0x4141000000000000";
const A = "0x4100000000000000";

/**
 * The tasks' Suite with the cast of a bond and a product added to the address book and registered:
 * boc (bank, bond issuer), factor, agent (registration agent), rating (agency), exchange,
 * investorA and investorB (investors, with cash).
 */
async function members() {
  const f = await receivableMembers();
  const [boc, factor, agent] = f.signers.slice(7, 10);
  const [investorA, investorB, rating, exchange] = f.signers.slice(16, 20);
  const cast = { boc, factor, agent, investorA, investorB, rating, exchange };
  const book = JSON.parse(readFileSync(BOOK, "utf8")) as Record<string, unknown>;
  for (const [name, s] of Object.entries(cast)) book[name] = { address: s.address, code: `CODE-${name.toUpperCase()}` };
  writeFileSync(BOOK, JSON.stringify(book));
  for (const [participant, kinds] of [
    ["boc", "BANK"],
    ["factor", "FACTOR"],
    ["agent", "REGISTRATION_AGENT"],
    ["rating", "RATING_AGENCY"],
    ["exchange", "EXCHANGE"],
    ["investorA", "INVESTOR"],
    ["investorB", "INVESTOR"],
  ]) {
    await run(["participants", "register"], { participant, kinds, kycExpiry: "2099-12-31" });
  }
  await run(["cash", "mint"], { to: "investorA", amount: "1,000,000.00" });
  await run(["cash", "mint"], { to: "investorB", amount: "2,000,000.00" });
  await run(["cash", "mint"], { to: "boc", amount: "100,000.00" });
  const cash = f.suite.cash.contract;
  const bondFactory = (await ethers.getContractAt(
    "BondFactory",
    f.addresses["Bonds#BondFactory"],
  )) as unknown as BondFactory;
  const productFactory = (await ethers.getContractAt(
    "ProductFactory",
    f.addresses["Products#ProductFactory"],
  )) as unknown as ProductFactory;
  return { ...f, ...cast, cash, bondFactory, productFactory };
}

type Members = Awaited<ReturnType<typeof members>>;

/** Midnight UTC of the first 15th of a month at least `ahead` seconds after `t`. */
function fifteenthAfter(t: bigint, ahead: bigint): bigint {
  const d = new Date(Number(t + ahead) * 1000);
  let m = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 15);
  if (m / 1000 < Number(t + ahead)) m = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 15);
  return BigInt(m / 1000);
}

/**
 * A one-year semi-annual 30/360 bond of `size` units of 100.00 created by boc through the Suite's
 * BondFactory, issued on a 15th (so each half-year is exactly 180/360), its book open; investors
 * and boc have approved it.
 */
async function newBond(f: Members, size: bigint, symbol: string) {
  const { boc, investorA, investorB, bondFactory, cash } = f;
  if (!(await bondFactory.isCurrencyApproved(await cash.getAddress())))
    await (await bondFactory.connect(f.signers[6]).setCurrencyApproved(await cash.getAddress(), true)).wait();
  const now = BigInt(await networkHelpers.time.latest());
  const issueDate = fifteenthAfter(now, 20n * DAY);
  const terms = {
    issuer: boc.address,
    leadUnderwriter: ZERO,
    currency: await cash.getAddress(),
    denomination: 100_00n,
    size,
    issueDate,
    maturity: addMonths(issueDate, 12n),
    frequency: Frequency.SemiAnnual,
    dayCount: Convention.Thirty360,
    bookOpen: now + 60n,
    bookClose: issueDate - 2n * DAY,
    yieldMinBp: 280,
    yieldMaxBp: 360,
    tickBp: 5,
    minTicket: 1_000n,
    maxTicket: size,
    investorKinds: kindsOf("INVESTOR", "BANK"),
    gracePeriod: 10n * DAY,
    firstCallDate: 0n,
    callNotice: 0n,
    callPriceBp: 0,
    useOfProceeds: ethers.encodeBytes32String("SME_LENDING"),
    termSheetHash: ethers.id(`${symbol} term sheet`),
  };
  const uri = `ipfs://${symbol.toLowerCase()}/term-sheet.pdf`;
  const args = [terms, uri, `SME Special Financial Bond ${symbol.slice(3)}`, symbol] as const;
  const address = await bondFactory.connect(boc).createBond.staticCall(...args);
  await (await bondFactory.connect(boc).createBond(...args)).wait();
  const bond = await ethers.getContractAt("Bond", address);
  for (const s of [investorA, investorB, boc]) await (await cash.connect(s).approve(address, ethers.MaxUint256)).wait();
  await networkHelpers.time.increaseTo(terms.bookOpen);
  return { address, bond, terms };
}

/**
 * SME01: 10,000 units through book, allocation, use of proceeds, a secondary transfer, two coupons
 * and redemption by one holder. Coupon rate 3.20%: 1.60 a unit a half-year.
 */
async function bondLifecycle(f: Members) {
  const { boc, investorA, investorB, tier1 } = f;
  const { address, bond, terms } = await newBond(f, 10_000n, "SME01");
  await (await bond.connect(investorA).bid(4_000n, 305)).wait(); // #1
  await (await bond.connect(investorB).bid(5_000n, 320)).wait(); // #2
  await (await bond.connect(investorB).bid(3_000n, 340)).wait(); // #3
  await (await bond.connect(investorB).amendBid(3n, 2_000n, 335)).wait();
  await (await bond.connect(investorA).bid(1_000n, 290)).wait(); // #4
  await (await bond.connect(investorA).cancelBid(4n)).wait();
  await networkHelpers.time.increaseTo(terms.bookClose);
  await (await bond.connect(boc).finalize(8_000n)).wait();
  for (const id of [1n, 2n, 3n]) await (await bond.connect(boc).claimAllocation(id)).wait();
  await (await bond.connect(boc).withdrawProceeds(800_000_00n)).wait();
  await (await bond.connect(boc).recordDisbursement(tier1.address, 500_000_00n, ethers.id("loan SME-42"))).wait();
  await (await bond.connect(investorA).transfer(investorB.address, 1_000n)).wait();
  await networkHelpers.time.increaseTo(await bond.couponDate(1n));
  await (await bond.connect(boc).fundCoupon(1n, 160n * 8_000n)).wait();
  await (await bond.connect(investorA).claimCoupons()).wait();
  await networkHelpers.time.increaseTo(terms.maturity);
  await (await bond.connect(boc).fundCoupon(2n, 160n * 8_000n)).wait();
  await (await bond.connect(boc).fundRedemption(100_00n * 8_000n)).wait();
  await (await bond.connect(investorB).redeem()).wait();
  return { bond: address, terms };
}

/**
 * A product of two payables of the core enterprise to the factor (600,000.00 and 400,000.00),
 * 80% senior at 3.20% with a 0.50% servicing fee, rated AA then downgraded to A, listed at 100.00 a
 * share with a 1% exchange fee, the senior tranche oversubscribed, a share transfer, one collection
 * after exactly 30 days, the second receivable written off and sold at auction for 50,000.00.
 */
type Subscription = readonly [Members["investorA"], bigint, bigint];

/**
 * A product of confirmed payables of acme to the factor (`invoices`: number, amount), created
 * through the Suite's ProductFactory, approved, rated AA, listed from 60 s after rating for 7
 * days at 100.00 a share, subscribed (`subs`: investor, tranche, shares) and closed.
 */
async function offering(
  f: Members,
  invoices: [string, string][],
  terms: { seniorBps: number; seniorRateBps: number; servicingFeeBps: number },
  offer: { exchangeFeeBps: number; minRaise: bigint; cap: bigint },
  subs: Subscription[],
) {
  const { factor, agent, rating, exchange, productFactory, cash } = f;
  const receivables = (await ethers.getContractAt(
    "ReceivableToken",
    f.addresses["Receivables#ReceivableToken"],
  )) as unknown as ReceivableToken;
  const start = BigInt(await networkHelpers.time.latest());
  const due = new Date(Number(start + 60n * DAY) * 1000).toISOString().slice(0, 10);
  const roots: bigint[] = [];
  for (const [invoice, amount] of invoices) {
    const { result } = await run(["receivable", "issue"], {
      from: "acme",
      creditor: "factor",
      amount,
      due,
      invoice,
      documentUri: `ipfs://${invoice}`,
    });
    roots.push((result as { rootId: bigint }).rootId);
  }
  const ids = roots.map((r) => tokenIdOf(r, 0));
  await (await receivables.connect(factor).setApprovalForAll(await productFactory.getAddress(), true)).wait();
  // Bound to the deployment's exchange, rating agency and registration agent (issue 12).
  const parties = { exchange: exchange.address, ratingAgency: rating.address, registrar: agent.address };
  const address = await productFactory.connect(factor).createProduct.staticCall(ids, terms, parties);
  await (await productFactory.connect(factor).createProduct(ids, terms, parties)).wait();
  const product = (await ethers.getContractAt("RevenueProduct", address)) as unknown as RevenueProduct;
  const tokens: TrancheToken[] = [];
  for (let i = 0n; i < (await product.trancheCount()); i++) {
    tokens.push(
      (await ethers.getContractAt("TrancheToken", (await product.tranche(i)).token)) as unknown as TrancheToken,
    );
  }
  await (await product.connect(agent).approve()).wait();
  const t = BigInt(await networkHelpers.time.latest());
  const report = `ipfs://ratings/${invoices[0][0]}.pdf`;
  await (await product.connect(rating).rate(AA, 2, t + 365n * DAY, report, ethers.id(report))).wait();
  const listing = {
    exchange: ZERO,
    opens: t + 60n,
    closes: t + 60n + 7n * DAY,
    investorKinds: kindsOf("INVESTOR"),
    pricePerShare: 100_00n,
    minTicket: 100_00n,
    maxTicket: offer.cap,
    ...offer,
  };
  // The exchange proposes; the originator accepts the terms as proposed.
  await (await product.connect(exchange).list(listing)).wait();
  await (await product.connect(factor).acceptListing(listingTermsHash(listing, exchange.address))).wait();
  await networkHelpers.time.increaseTo(listing.opens);
  for (const [s, tranche, shares] of subs) {
    await (await cash.connect(s).approve(address, shares * 100_00n)).wait();
    await (await product.connect(s).subscribe(tranche, shares)).wait();
  }
  await networkHelpers.time.increaseTo(listing.closes + 1n);
  await (await product.connect(exchange).closeOffering()).wait();
  for (const [s, tranche] of subs) await (await product.connect(exchange).claimShares(s.address, tranche)).wait();
  return { address, product, tokens, roots, ids, closedAt: (await product.waterfall()).accruedAt };
}

/**
 * Two payables (600,000.00 and 400,000.00), 80% senior at 3.20% with a 0.50% servicing fee, rated
 * AA then downgraded to A, 1% exchange fee, the senior tranche oversubscribed, a share transfer,
 * one collection after exactly 30 days, the second receivable written off and sold at auction at
 * the factoring market (no fee) for 50,000.00.
 */
async function productLifecycle(f: Members) {
  const { factor, rating, exchange, investorA, investorB, cash } = f;
  const { address, product, tokens, roots, ids, closedAt } = await offering(
    f,
    [
      ["PF-1", "600,000.00"],
      ["PF-2", "400,000.00"],
    ],
    { seniorBps: 8_000, seniorRateBps: 320, servicingFeeBps: 50 },
    { exchangeFeeBps: 100, minRaise: 500_000_00n, cap: 1_000_000_00n },
    [
      [investorA, 0n, 3_000n],
      [investorB, 0n, 6_000n],
      [investorB, 1n, 2_000n],
    ],
  );
  const [senior, junior] = tokens;
  const t = BigInt(await networkHelpers.time.latest());
  await (
    await product
      .connect(rating)
      .rate(A, 3, t + 365n * DAY, "ipfs://ratings/pf-1-review.pdf", ethers.id("rating PF-1 review"))
  ).wait();
  await (await senior.connect(investorA).transfer(investorB.address, 667n)).wait();
  await run(["receivable", "repay"], { from: "acme", root: formatRootId(roots[0]), amount: "600,000.00" });
  await run(["receivable", "repay"], { from: "acme", root: formatRootId(roots[1]), amount: "100,000.00" });
  const collectedAt = closedAt + 30n * DAY;
  await networkHelpers.time.setNextBlockTimestamp(collectedAt);
  await (await product.connect(exchange).collect(0n, 2n)).wait();
  await (await senior.connect(investorB).claim()).wait();
  await networkHelpers.time.increaseTo(collectedAt + 70n * DAY);
  await (await product.connect(factor).declareDefault(ids[1])).wait();
  await (await product.connect(factor).writeOff(ids[1])).wait();
  // No hand-over for disposal (issue 12): the written-off fragment is auctioned at the factoring
  // market (fee 0) and the factor buys it for 50,000.00; the sale settles on day 73.
  const market = await ethers.getContractAt("FactoringMarket", f.addresses["Market#FactoringMarket"]);
  const end = collectedAt + 72n * DAY;
  await (await product.connect(factor).auctionDefaulted(ids[1], 50_000_00n, 1_000_00n, end, 0)).wait();
  await (await cash.connect(factor).approve(await market.getAddress(), 50_000_00n)).wait();
  await (await market.connect(factor).bid(await product.auctionOf(ids[1]), 50_000_00n)).wait();
  await networkHelpers.time.setNextBlockTimestamp(collectedAt + 73n * DAY);
  await (await product.connect(exchange).settleDisposalAuction(ids[1])).wait();
  return { product: address, ids, senior: await senior.getAddress(), junior: await junior.getAddress() };
}

async function assets() {
  const f = await members();
  const bond = await bondLifecycle(f);
  const product = await productLifecycle(f);
  const t = BigInt(await networkHelpers.time.latest()) + 90n * DAY;
  const other = await payable(new Date(Number(t) * 1000).toISOString().slice(0, 10), "INV-9", "50.00");
  return { ...f, ...bond, ...product, other };
}

/**
 * SME02 defaults: 2,000 units at 3.00% (1.50 a unit a half-year) held 1,500 / 500, coupon 1
 * unfunded past its grace period, a recovery of 100,000.01 (50.000005 a unit, exact), both holders
 * claim (1,500 x 50.000005 = 75,000.0075 -> 75,000.00; 500 x 50.000005 = 25,000.0025 -> 25,000.00)
 * and the 0.01 their rounding left is swept. PF-3: a single-tranche product (5% target yield, no fees) of a 100,000.00 payable raising
 * 80,000.00, collected in full after exactly 10 days (the residual goes to the senior). PF-4: an
 * offering that fails (50,000.00 of a 150,000.00 minimum) and refunds. PF-5: a single-tranche product
 * whose only receivable (100,000.00) defaults and is auctioned at the factoring market (1% fee) for
 * 30,000.00.
 */
async function distressed() {
  const f = await members();
  const { boc, investorA, investorB, exchange } = f;
  const { address: bond2, bond } = await newBond(f, 2_000n, "SME02");
  await (await bond.connect(investorA).bid(2_000n, 300)).wait();
  await networkHelpers.time.increaseTo((await bond.terms()).bookClose);
  await (await bond.connect(boc).finalize(2_000n)).wait();
  await (await bond.connect(investorA).claimAllocation(1n)).wait();
  await (await bond.connect(boc).withdrawProceeds(200_000_00n)).wait();
  await (await bond.connect(investorA).transfer(investorB.address, 500n)).wait();
  await networkHelpers.time.increaseTo((await bond.couponDate(1n)) + 10n * DAY + 1n);
  await (await bond.connect(investorB).declareDefault()).wait();
  await (await bond.connect(boc).payRecovery(100_000_01n)).wait();
  await (await bond.connect(investorA).claimCoupons()).wait();
  await (await bond.connect(investorB).claimCoupons()).wait();
  await (await bond.connect(boc).sweepCarry()).wait();

  const single = await offering(
    f,
    [["PF-3", "100,000.00"]],
    { seniorBps: 10_000, seniorRateBps: 500, servicingFeeBps: 0 },
    { exchangeFeeBps: 0, minRaise: 50_000_00n, cap: 80_000_00n },
    [[investorA, 0n, 800n]],
  );
  await run(["receivable", "repay"], { from: "acme", root: formatRootId(single.roots[0]), amount: "100,000.00" });
  await networkHelpers.time.setNextBlockTimestamp(single.closedAt + 10n * DAY);
  await (await single.product.connect(exchange).collect(0n, 1n)).wait();

  const failed = await offering(
    f,
    [["PF-4", "200,000.00"]],
    { seniorBps: 10_000, seniorRateBps: 500, servicingFeeBps: 0 },
    { exchangeFeeBps: 0, minRaise: 150_000_00n, cap: 200_000_00n },
    [[investorB, 0n, 500n]],
  );
  const sold = await offering(
    f,
    [["PF-5", "100,000.00"]],
    { seniorBps: 10_000, seniorRateBps: 0, servicingFeeBps: 0 },
    { exchangeFeeBps: 0, minRaise: 50_000_00n, cap: 100_000_00n },
    [[investorA, 0n, 1_000n]],
  );
  await networkHelpers.time.increase(100n * DAY);
  await (await sold.product.connect(f.factor).declareDefault(sold.ids[0])).wait();
  const market = await ethers.getContractAt("FactoringMarket", f.addresses["Market#FactoringMarket"]);
  await (await market.connect(f.signers[5]).setTreasury(boc.address)).wait();
  await (await market.connect(f.signers[5]).setFee(100)).wait();
  const end = BigInt(await networkHelpers.time.latest()) + 7n * DAY;
  await (await sold.product.connect(f.factor).auctionDefaulted(sold.ids[0], 20_000_00n, 1_000_00n, end, 0)).wait();
  await (await f.cash.connect(f.factor).approve(await market.getAddress(), 30_000_00n)).wait();
  await (await market.connect(f.factor).bid(await sold.product.auctionOf(sold.ids[0]), 30_000_00n)).wait();
  await networkHelpers.time.increaseTo(end + 1n);
  await (await sold.product.connect(exchange).settleDisposalAuction(sold.ids[0])).wait();
  return {
    ...f,
    sold: sold.address,
    soldIds: sold.ids,
    soldToken: await sold.tokens[0].getAddress(),
    bond2,
    single: single.address,
    singleToken: await single.tokens[0].getAddress(),
    failed: failed.address,
    failedIds: failed.ids,
  };
}

type Files = { markdown: string; json: string };

async function reportOf(args: Record<string, unknown>) {
  const out = mkdtempSync(path.join(tmpdir(), "scf-report-"));
  const { result, out: printed } = await run(["report"], { ...args, out });
  const { files } = result as { files: Files; report: DisclosureReport };
  const json = JSON.parse(readFileSync(files.json, "utf8")) as DisclosureReport;
  return { files, json, md: readFileSync(files.markdown, "utf8"), printed };
}

describe("Tasks: report (bonds and products)", () => {
  it("reports one bond: terms, term sheet, clearing, coupons, proceeds, cash flows, holders, lifecycle", async () => {
    const f = await networkHelpers.loadFixture(assets);
    const { files, json, md, printed } = await reportOf({ bond: f.bond });
    expect(path.basename(files.json)).to.equal(`bond-${f.bond.slice(2, 12).toLowerCase()}.json`);
    expect(json.receivables).to.deep.equal([]);
    expect(json.products).to.equal(undefined);
    expect(json.bonds).to.have.length(1);
    const b = json.bonds![0];
    expect(json.title).to.equal(`Bond disclosure report: SME01 (${f.bond})`);
    expect(printed).to.contain(
      `bond SME01 ${f.bond}: Redeeming, 8000 units issued, raised 800,000.00, 1 holder(s), 20 event(s)`,
    );
    expect(b).to.deep.include({
      address: f.bond,
      name: "SME Special Financial Bond 01",
      symbol: "SME01",
      state: "Redeeming",
      paused: false,
      issuer: { address: f.boc.address, name: "boc" },
      currency: { address: f.addresses["Foundation#SettlementToken"], name: "settlement cash" },
    });
    expect(b.leadUnderwriter).to.equal(undefined);
    expect(b.terms).to.deep.equal({
      denomination: "100.00",
      denominationBase: "10000",
      size: "10000",
      issueDate: new Date(Number(f.terms.issueDate) * 1000).toISOString().slice(0, 10),
      maturity: new Date(Number(f.terms.maturity) * 1000).toISOString().slice(0, 10),
      frequency: "semi-annual",
      dayCount: "30/360",
      bookOpen: new Date(Number(f.terms.bookOpen) * 1000).toISOString().replace(".000Z", "Z"),
      bookClose: new Date(Number(f.terms.bookClose) * 1000).toISOString().slice(0, 10),
      yieldMinBp: 280,
      yieldMaxBp: 360,
      tickBp: 5,
      minTicket: "1000",
      maxTicket: "10000",
      investorKinds: ["BANK", "INVESTOR"],
      gracePeriodDays: "10",
      useOfProceeds: "SME_LENDING",
      termSheetHash: ethers.id("SME01 term sheet"),
    });
    expect(b.documents.map((d) => [d.name, d.uri, d.hash])).to.deep.equal([
      ["term sheet", "ipfs://sme01/term-sheet.pdf", ethers.id("SME01 term sheet")],
    ]);
    expect(b.book).to.deep.equal({ bids: 4, liveBids: 0, demand: "0" });
    expect(b.clearing).to.deep.equal({
      couponBp: 320,
      size: "8000",
      fill: "4000",
      clearingDemand: "5000",
      demand: "11000",
    });
    expect(b.coupons.map((c) => [c.index, c.perUnit, c.perUnitBase, c.funded, c.amount, c.amountBase])).to.deep.equal([
      [1, "1.60", "160", true, "12,800.00", "1280000"],
      [2, "1.60", "160", true, "12,800.00", "1280000"],
    ]);
    expect(b.redemption).to.deep.equal({ perUnit: "100.00", perUnitBase: "10000" });
    expect(b.proceeds).to.deep.equal({
      unitsIssued: "8000",
      raised: "800,000.00",
      raisedBase: "80000000",
      withdrawn: "800,000.00",
      withdrawnBase: "80000000",
      disbursed: "500,000.00",
      disbursedBase: "50000000",
      smeShareBp: 6250,
    });
    expect(b.cashFlows.map((c) => [c.type, c.party.name, c.amount, c.amountBase, c.detail])).to.deep.equal([
      ["bid escrow", "investorA", "400,000.00", "40000000", "bid #1"],
      ["bid escrow", "investorB", "500,000.00", "50000000", "bid #2"],
      ["bid escrow", "investorB", "300,000.00", "30000000", "bid #3"],
      ["bid refund", "investorB", "100,000.00", "10000000", "bid #3"],
      ["bid escrow", "investorA", "100,000.00", "10000000", "bid #4"],
      ["bid refund", "investorA", "100,000.00", "10000000", "bid #4 cancelled"],
      ["allocation refund", "investorB", "100,000.00", "10000000", "bid #2"],
      ["allocation refund", "investorB", "200,000.00", "20000000", "bid #3"],
      ["proceeds withdrawn", "boc", "800,000.00", "80000000", ""],
      ["SME loan recorded", "tier1", "500,000.00", "50000000", `loan ${ethers.id("loan SME-42")}`],
      ["coupon funded", "boc", "12,800.00", "1280000", "coupon 1"],
      ["coupons claimed", "investorA", "4,800.00", "480000", ""],
      ["coupon funded", "boc", "12,800.00", "1280000", "coupon 2"],
      ["redemption funded", "boc", "800,000.00", "80000000", ""],
      [
        "redemption",
        "investorB",
        "516,000.00",
        "51600000",
        "5,000 units: principal 500,000.00 + distributions 16,000.00",
      ],
    ]);
    expect(b.holders).to.deep.equal([
      {
        holder: { address: f.investorA.address, name: "investorA" },
        units: "3000",
        claimable: "4,800.00",
        claimableBase: "480000",
      },
    ]);
    expect(b.lifecycle.map((l) => l.event)).to.deep.equal([
      "BondCreated",
      "TermSheetRecorded",
      "BidPlaced",
      "BidPlaced",
      "BidPlaced",
      "BidAmended",
      "BidPlaced",
      "BidCancelled",
      "BookFinalized",
      "AllocationClaimed",
      "AllocationClaimed",
      "AllocationClaimed",
      "ProceedsWithdrawn",
      "ProceedsDisbursed",
      "Transfer",
      "CouponFunded",
      "CouponsClaimed",
      "CouponFunded",
      "RedemptionFunded",
      "Redeemed",
    ]);
    const blocks = b.lifecycle.map((l) => l.block);
    expect(blocks).to.deep.equal([...blocks].sort((x, y) => x - y));
    expect(b.lifecycle[8].detail).to.equal(
      "book finalised: coupon rate 3.2% (clearing yield), size 8,000 units, 4,000 of 5,000 units bid at the clearing yield filled, demand 11,000 units",
    );
    expect(b.lifecycle[14].detail).to.equal(
      `investorA (${f.investorA.address}) transferred 1,000 units to investorB (${f.investorB.address})`,
    );

    expect(json.factories).to.deep.equal({ bonds: f.addresses["Bonds#BondFactory"] });
    expect(md).to.contain(`, bond factory \`${f.addresses["Bonds#BondFactory"]}\`, generated`);
    expect(md).to.contain(`## Bond SME01: SME Special Financial Bond 01 (\`${f.bond}\`)`);
    expect(md).to.contain("| Coupon rate (clearing yield) | 3.2% |");
    expect(md).to.contain("| Lent to SMEs | 500,000.00 (62.5% of the proceeds) |");
    expect(md).to.contain(`| term sheet | ipfs://sme01/term-sheet.pdf | ${ethers.id("SME01 term sheet")} |`);
    expect(md).to.contain(`| 1 | ${b.coupons[0].date} | 1.60 | yes | 12,800.00 |`);
    expect(md).to.contain(`| investorA (${f.investorA.address}) | 3,000 | 4,800.00 |`);
    for (const heading of ["### Documents", "### Coupon schedule", "### Holders", "### Cash flows", "### Lifecycle"]) {
      expect(md).to.contain(heading);
    }
  });

  it("reports one product: rating and downgrade, listing, tranches, waterfall, losses, disposal, holders", async () => {
    const f = await networkHelpers.loadFixture(assets);
    const { files, json, md } = await reportOf({ product: f.product });
    expect(path.basename(files.markdown)).to.equal(`product-${f.product.slice(2, 12).toLowerCase()}.md`);
    expect(json.bonds).to.equal(undefined);
    expect(json.factories).to.deep.equal({ products: f.addresses["Products#ProductFactory"] });
    expect(json.products).to.have.length(1);
    const p = json.products![0];
    const [id1, id2] = f.ids.map((id) => `${formatRootId(id >> 32n)}/0`);
    expect(p).to.deep.include({
      address: f.product,
      phase: "Active",
      paused: false,
      originator: { address: f.factor.address, name: "factor" },
      face: "1,000,000.00",
      faceBase: "100000000",
      terms: { seniorBps: 8000, seniorRateBps: 320, servicingFeeBps: 50, tranches: 2 },
      basket: [
        { fragment: id1, custody: "Held" },
        { fragment: id2, custody: "Released" },
      ],
    });
    expect(p.listing).to.deep.include({
      exchange: { address: f.exchange.address, name: "exchange" },
      investorKinds: ["INVESTOR"],
      exchangeFeeBps: 100,
      pricePerShare: "100.00",
      pricePerShareBase: "10000",
      minRaise: "500,000.00",
      cap: "1,000,000.00",
      capBase: "100000000",
    });
    expect(p.rating).to.deep.include({
      agency: { address: f.rating.address, name: "rating" },
      grade: "A",
      notch: 3,
      reportUri: "ipfs://ratings/pf-1-review.pdf",
      reportHash: ethers.id("rating PF-1 review"),
    });
    expect(p.ratings.map((r) => [r.grade, r.notch, r.reportUri, r.reportHash])).to.deep.equal([
      ["AA", 2, "ipfs://ratings/PF-1.pdf", ethers.id("ipfs://ratings/PF-1.pdf")],
      ["A", 3, "ipfs://ratings/pf-1-review.pdf", ethers.id("rating PF-1 review")],
    ]);
    expect(p.downgrades.map((d) => [d.agency.name, d.from, d.to, d.fromNotch, d.toNotch])).to.deep.equal([
      ["rating", "AA", "A", 2, 3],
    ]);
    expect(p.documents.map((d) => [d.name, d.uri])).to.deep.equal([
      ["rating report (AA)", "ipfs://ratings/PF-1.pdf"],
      ["rating report (A)", "ipfs://ratings/pf-1-review.pdf"],
    ]);
    expect(
      p.tranches.map((t) => [
        t.name,
        t.token.address,
        t.supply,
        t.requested,
        t.subscribers,
        t.principalBase,
        t.writtenBase,
        t.distributed,
        t.distributedBase,
      ]),
    ).to.deep.equal([
      ["senior", f.senior, "8000", "9000", 2, "80000000", "5000000", "738,750.00", "73875000"],
      ["junior", f.junior, "2000", "2000", 1, "20000000", "20000000", "0.00", "0"],
    ]);
    expect(p.waterfall).to.deep.equal({
      seniorBalance: "64,074.76",
      seniorBalanceBase: "6407476",
      interestDue: "0.00",
      interestDueBase: "0",
      collected: "750,000.00",
      collectedBase: "75000000",
      losses: "250,000.00",
      lossesBase: "25000000",
    });
    const receivables = f.addresses["Receivables#ReceivableToken"];
    expect(
      p.cashFlows.map((c) => [c.type, c.party.address, c.tranche ?? c.fragment ?? "", c.amount, c.amountBase]),
    ).to.deep.equal([
      ["subscription", f.investorA.address, "senior", "300,000.00", "30000000"],
      ["subscription", f.investorB.address, "senior", "600,000.00", "60000000"],
      ["subscription", f.investorB.address, "junior", "200,000.00", "20000000"],
      ["proceeds to originator", f.factor.address, "", "990,000.00", "99000000"],
      ["exchange fee", f.exchange.address, "", "10,000.00", "1000000"],
      ["oversubscription refund", f.investorA.address, "senior", "33,300.00", "3330000"],
      ["oversubscription refund", f.investorB.address, "senior", "66,600.00", "6660000"],
      ["collection", receivables, "", "700,000.00", "70000000"],
      ["servicing fee", f.factor.address, "", "3,500.00", "350000"],
      ["exchange fee", f.exchange.address, "", "7,000.00", "700000"],
      ["senior interest", f.senior, "senior", "2,104.10", "210410"],
      ["senior principal", f.senior, "senior", "687,395.90", "68739590"],
      ["distribution claimed", f.investorB.address, "senior", "517,146.54", "51714654"],
      ["loss", f.product, id2, "300,000.00", "30000000"],
      ["auction proceeds", f.factor.address, id2, "50,000.00", "5000000"],
      ["servicing fee", f.factor.address, "", "250.00", "25000"],
      ["exchange fee", f.exchange.address, "", "500.00", "50000"],
      ["senior interest", f.senior, "senior", "720.66", "72066"],
      ["senior principal", f.senior, "senior", "48,529.34", "4852934"],
    ]);
    expect(p.holders).to.deep.equal([
      {
        tranche: "senior",
        holder: { address: f.investorA.address, name: "investorA" },
        shares: "2000",
        claimable: "184,664.41",
        claimableBase: "18466441",
      },
      {
        tranche: "senior",
        holder: { address: f.investorB.address, name: "investorB" },
        shares: "6001",
        claimable: "36,939.04",
        claimableBase: "3693904",
      },
      {
        tranche: "junior",
        holder: { address: f.investorB.address, name: "investorB" },
        shares: "2000",
        claimable: "0.00",
        claimableBase: "0",
      },
    ]);
    expect(p.lifecycle.map((l) => l.event)).to.deep.equal([
      "ProductOriginated",
      "ProductCreated",
      "ProductApproved",
      "ProductRated",
      "ListingProposed",
      "ProductListed",
      "Subscribed",
      "Subscribed",
      "Subscribed",
      "OfferingClosed",
      "SharesClaimed",
      "SharesClaimed",
      "SharesClaimed",
      "ProductRated",
      "ProductDowngraded",
      "Transfer",
      "Collected",
      "Distributed",
      "DistributionClaimed",
      "LossAllocated",
      "FragmentWrittenOff",
      "FragmentAuctioned",
      "DisposalAuctionSettled",
      "Distributed",
    ]);
    const detail = (e: string) => p.lifecycle.find((l) => l.event === e)!.detail;
    expect(detail("LossAllocated")).to.equal("loss of 300,000.00 written down: junior 200,000.00, senior 100,000.00");
    expect(detail("OfferingClosed")).to.equal(
      "offering closed: raised 1,000,000.00, 990,000.00 to the originator, exchange fee 10,000.00",
    );
    expect(detail("ProductDowngraded")).to.equal(`downgraded from AA to A by rating (${f.rating.address})`);

    expect(md).to.contain(`## Product \`${f.product}\``);
    expect(md).to.contain("| Tranching | 80% senior at a 3.2% target yield, 20% junior |");
    expect(md).to.contain("| Losses | 250,000.00 |");
    expect(md).to.contain(`| ${id2} | Released |`);
    expect(md).to.contain(`| senior | investorB (${f.investorB.address}) | 6,001 | 36,939.04 |`);
    expect(md).to.contain("| downgrade from AA (notch 2) |");
    for (const heading of ["### Rating history", "### Basket", "### Tranches", "### Holders", "### Cash flows"]) {
      expect(md).to.contain(heading);
    }
  });

  it("reports the whole deployment: every receivable, bond and product", async () => {
    const f = await networkHelpers.loadFixture(assets);
    const { files, json, md, printed } = await reportOf({});
    expect(path.basename(files.json)).to.equal("deployment.json");
    expect(json.title).to.equal("Disclosure report: 3 receivable(s), 1 bond(s), 1 product(s)");
    expect(json.factories).to.deep.equal({
      bonds: f.addresses["Bonds#BondFactory"],
      products: f.addresses["Products#ProductFactory"],
    });
    expect(json.receivables.map((r) => [r.creditor.name, r.face, r.state])).to.deep.equal([
      ["factor", "600,000.00", "Settled"],
      ["factor", "400,000.00", "Defaulted"],
      ["tier1", "50.00", "Confirmed"],
    ]);
    expect(json.bonds!.map((b) => [b.address, b.state])).to.deep.equal([[f.bond, "Redeeming"]]);
    expect(json.products!.map((p) => [p.address, p.phase])).to.deep.equal([[f.product, "Active"]]);
    expect(md.indexOf("## Receivable")).to.be.lessThan(md.indexOf("## Bond SME01"));
    expect(md.indexOf("## Bond SME01")).to.be.lessThan(md.indexOf("## Product"));
    expect(printed).to.contain(`product ${f.product}: Active, face 1,000,000.00, collected 750,000.00, 3 holding(s)`);
  });

  it("takes an address-book name; refuses two selectors, an address that is not a bond or product of the deployment", async () => {
    const f = await networkHelpers.loadFixture(assets);
    expect(await failure(["report"], { bond: f.bond, product: f.product })).to.equal(
      "give at most one of --root, --bond, --product (got --bond, --product); no transaction sent",
    );
    expect(await failure(["report"], { bond: f.product })).to.equal(
      `--bond: ${f.product} is not a bond of deployment tasks-test; no transaction sent`,
    );
    expect(await failure(["report"], { product: "outsider" })).to.equal(
      `--product: outsider (${f.outsider.address}) is not a product of deployment tasks-test; no transaction sent`,
    );
    const book = JSON.parse(readFileSync(BOOK, "utf8")) as Record<string, unknown>;
    writeFileSync(BOOK, JSON.stringify({ ...book, sme01: { address: f.bond } }));
    const { files, json } = await reportOf({ bond: "sme01" });
    expect(path.basename(files.json)).to.equal(`bond-${f.bond.slice(2, 12).toLowerCase()}.json`);
    expect(json.bonds!.map((b) => [b.address, b.symbol, b.holders.length])).to.deep.equal([[f.bond, "SME01", 1]]);
  });

  it("reports a defaulted bond: default, recovery with carry, claims and the carry swept", async () => {
    const f = await networkHelpers.loadFixture(distressed);
    const { json, md } = await reportOf({ bond: f.bond2 });
    const b = json.bonds![0];
    expect([b.symbol, b.state]).to.deep.equal(["SME02", "Defaulted"]);
    expect(b.coupons.map((c) => [c.index, c.perUnitBase, c.funded, c.amountBase])).to.deep.equal([
      [1, "150", false, undefined],
      [2, "150", false, undefined],
    ]);
    expect(b.cashFlows.map((c) => [c.type, c.party.name, c.amount, c.amountBase])).to.deep.equal([
      ["bid escrow", "investorA", "200,000.00", "20000000"],
      ["proceeds withdrawn", "boc", "200,000.00", "20000000"],
      ["recovery", "boc", "100,000.01", "10000001"],
      ["coupons claimed", "investorA", "75,000.00", "7500000"],
      ["coupons claimed", "investorB", "25,000.00", "2500000"],
      ["carry swept", "boc", "0.01", "1"],
    ]);
    expect(b.holders.map((h) => [h.holder.name, h.units, h.claimable, h.claimableBase])).to.deep.equal([
      ["investorA", "1500", "0.00", "0"],
      ["investorB", "500", "0.00", "0"],
    ]);
    expect(b.lifecycle.map((l) => l.event)).to.deep.equal([
      "BondCreated",
      "TermSheetRecorded",
      "BidPlaced",
      "BookFinalized",
      "AllocationClaimed",
      "ProceedsWithdrawn",
      "Transfer",
      "BondDefaulted",
      "RecoveryPaid",
      "CouponsClaimed",
      "CouponsClaimed",
      "CarrySwept",
    ]);
    expect(b.lifecycle[7].detail).to.equal(
      `default declared by investorB (${f.investorB.address}): coupon 1 unpaid past the grace period`,
    );
    expect(b.lifecycle[8].detail).to.equal(
      `boc (${f.boc.address}) paid a recovery of 100,000.01 (50.00 a unit, rounded down; the holdings are paid exactly)`,
    );
    expect(md).to.contain("| State | Defaulted |");
    expect(md).to.contain(`| 1 | ${b.coupons[0].date} | 1.50 |  |  |`);
    expect(md).to.contain(`| investorB (${f.investorB.address}) | 500 | 0.00 |`);
  });

  it("reports a single-tranche product (residual to the senior) and a failed offering (refunds)", async () => {
    const f = await networkHelpers.loadFixture(distressed);
    const single = (await reportOf({ product: f.single })).json.products![0];
    expect([single.phase, single.terms.tranches, single.tranches.map((t) => t.name)]).to.deep.equal([
      "Active",
      1,
      ["senior"],
    ]);
    expect(single.cashFlows.map((c) => [c.type, c.party.address, c.tranche ?? "", c.amountBase])).to.deep.equal([
      ["subscription", f.investorA.address, "senior", "8000000"],
      ["proceeds to originator", f.factor.address, "", "8000000"],
      ["collection", f.addresses["Receivables#ReceivableToken"], "", "10000000"],
      ["senior interest", f.singleToken, "senior", "10958"],
      ["senior principal", f.singleToken, "senior", "8000000"],
      ["senior residual", f.singleToken, "senior", "1989042"],
    ]);
    expect(single.lifecycle.find((l) => l.event === "Distributed")!.detail).to.equal(
      "waterfall on 100,000.00: servicing fee 0.00, exchange fee 0.00, senior interest 109.58, senior principal 80,000.00, residual to the senior 19,890.42",
    );
    expect(single.holders).to.deep.equal([
      {
        tranche: "senior",
        holder: { address: f.investorA.address, name: "investorA" },
        shares: "800",
        claimable: "100,000.00",
        claimableBase: "10000000",
      },
    ]);
    expect(single.waterfall).to.deep.include({ seniorBalance: "0.00", collected: "100,000.00", losses: "0.00" });

    const { json, md } = await reportOf({ product: f.failed });
    const p = json.products![0];
    expect(p.phase).to.equal("Failed");
    expect(p.basket).to.deep.equal([{ fragment: `${formatRootId(f.failedIds[0] >> 32n)}/0`, custody: "Returned" }]);
    expect(p.cashFlows.map((c) => [c.type, c.party.name, c.amount, c.amountBase])).to.deep.equal([
      ["subscription", "investorB", "50,000.00", "5000000"],
      ["subscription refund", "investorB", "50,000.00", "5000000"],
    ]);
    expect(p.holders).to.deep.equal([]);
    expect(p.tranches.map((t) => [t.supply, t.requested, t.subscribers, t.principalBase])).to.deep.equal([
      ["2000", "500", 1, "0"],
    ]);
    expect(p.lifecycle.map((l) => l.event)).to.deep.equal([
      "ProductOriginated",
      "ProductCreated",
      "ProductApproved",
      "ProductRated",
      "ListingProposed",
      "ProductListed",
      "Subscribed",
      "OfferingClosed",
      "BasketReturned",
      "SubscriptionRefunded",
    ]);
    expect(p.lifecycle[7].detail).to.equal(
      "offering failed: raised 50,000.00 below the minimum; subscriptions are refunded, the basket returns",
    );
    expect(md).to.contain("| Tranching | single tranche, target yield 5% |");
    expect(md).to.contain("| Phase | Failed |");
  });

  it("reports a defaulted fragment auctioned at the factoring market: loss once, net proceeds, recovery", async () => {
    const f = await networkHelpers.loadFixture(distressed);
    const p = (await reportOf({ product: f.sold })).json.products![0];
    const frag = `${formatRootId(f.soldIds[0] >> 32n)}/0`;
    expect(p.basket).to.deep.equal([{ fragment: frag, custody: "Released" }]);
    expect(p.cashFlows.map((c) => [c.type, c.party.address, c.fragment ?? "", c.amountBase])).to.deep.equal([
      ["subscription", f.investorA.address, "", "10000000"],
      ["proceeds to originator", f.factor.address, "", "10000000"],
      ["loss", f.sold, frag, "10000000"],
      ["auction proceeds", f.factor.address, frag, "2970000"],
      ["senior principal", f.soldToken, "", "2970000"],
    ]);
    expect(p.lifecycle.map((l) => l.event).slice(8)).to.deep.equal([
      "SharesClaimed",
      "LossAllocated",
      "FragmentAuctioned",
      "DisposalAuctionSettled",
      "Distributed",
    ]);
    expect(p.lifecycle[11].detail).to.equal(
      `auction #1 of ${frag} sold to factor (${f.factor.address}): 29,700.00 net of the market fee`,
    );
    expect(p.waterfall).to.deep.include({
      seniorBalanceBase: "7030000",
      collectedBase: "2970000",
      lossesBase: "7030000",
    });
    expect(p.tranches.map((t) => [t.principalBase, t.writtenBase, t.distributedBase])).to.deep.equal([
      ["10000000", "7030000", "2970000"],
    ]);
    expect(p.holders.map((h) => [h.holder.name, h.shares, h.claimable, h.claimableBase])).to.deep.equal([
      ["investorA", "1000", "29,700.00", "2970000"],
    ]);
  });
});
