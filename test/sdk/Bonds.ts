import { expect } from "chai";
import type { Signer } from "ethers";

import {
  Convention,
  Frequency,
  UnitError,
  connect,
  parseBondUnits,
  parseDayCount,
  parseFrequency,
  parseRate,
  scheduleTermsOf,
  tagText,
  type BondHandle,
  type BondTermsInput,
  type SuiteAddresses,
} from "../../src/index.js";
import { couponPerUnit, couponPerUnitScaled } from "../../src/coupons.js";
import { deployBondsOn, fundingOf, SCALE, SME_LENDING } from "../helpers/bonds.js";
import { connection, DAY } from "../helpers/fixtures.js";

const { ethers, networkHelpers } = connection;
const CASH = 10_000_000_00n;

function iso(ts: bigint): string {
  return new Date(Number(ts) * 1000).toISOString().slice(0, 10);
}

/** The last day of the month that contains `ts`, as an ISO date. */
function monthEnd(ts: bigint): string {
  const d = new Date(Number(ts) * 1000);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
}

async function wait(p: Promise<{ wait(): Promise<unknown> }>) {
  await (await p).wait();
}

/** Foundation + Bonds, two investors with cash (no allowance), the SDK connected as each party. */
async function bondsFixture() {
  const f = await deployBondsOn(connection);
  const manager = await f.manager.getAddress();
  const addresses: SuiteAddresses = {
    manager,
    registry: await f.registry.getAddress(),
    cash: await f.cash.getAddress(),
    bondFactory: await f.factory.getAddress(),
    // Not deployed by the Bonds module; the bonds facade does not use them.
    receivables: manager,
    productFactory: manager,
    market: manager,
  };
  const inv = await f.investors(2, CASH);
  const [borrower] = f.signers.slice(15, 16);
  await f.registerLong("SME-BORROWER-0001", borrower, "SME");
  const as = (s: Signer) => connect(addresses, s).bonds;
  const reader = connect(addresses, ethers.provider).bonds;
  const now = await f.latest();
  const day0 = (now / DAY + 1n) * DAY;
  return { ...f, addresses, inv, borrower, as, reader, day0 };
}
type F = Awaited<ReturnType<typeof bondsFixture>>;

/** A bond input: book day0 .. day0+7, issue day0+9, 1,000 x 100.00, yields 2.80% .. 3.60%. */
function input(f: F, over: Partial<BondTermsInput> = {}): BondTermsInput {
  const issue = f.day0 + 9n * DAY;
  return {
    name: "BOC SME Bond",
    symbol: "BOCSME",
    denomination: "100.00",
    size: "1,000",
    issueDate: iso(issue),
    maturity: iso(issue + 3n * 365n * DAY),
    frequency: "semi-annual",
    dayCount: "act/act-icma",
    bookOpen: iso(f.day0),
    bookClose: iso(f.day0 + 7n * DAY),
    yieldMin: "2.80%",
    yieldMax: "3.60%",
    tick: "5bps",
    minTicket: 100,
    maxTicket: "1,000",
    investorKinds: ["INVESTOR", "BANK"],
    graceDays: 10,
    useOfProceeds: "SME_LENDING",
    termSheetUri: "ipfs://term-sheet",
    termSheetHash: ethers.id("term sheet"),
    leadUnderwriter: f.lead.address,
    ...over,
  };
}

/** Symbols are unique per factory: each bond created here gets its own. */
let serial = 0;

/** Creates a bond through the facade as the issuer; returns its handle (as the reader). */
async function create(f: F, over: Partial<BondTermsInput> = {}): Promise<BondHandle> {
  const tx = await f.as(f.issuer).create(input(f, { symbol: `BOCSME${++serial}`, ...over }));
  const receipt = (await tx.wait())!;
  return f.reader.bond(f.reader.bondAddressOf(receipt));
}

/**
 * Four bonds, one per convention and frequency, each bid by inv0 (600 @ 3.00%) and inv1 (600 @
 * 3.15%), finalised at 1,000 (clearing 3.15%, 400 of 600 there) and every allocation delivered.
 */
async function liveBonds() {
  const f = await bondsFixture();
  const issue = f.day0 + 9n * DAY;
  const bonds = {
    icma: await create(f),
    act360: await create(f, {
      frequency: "quarterly",
      dayCount: "act/360",
      maturity: iso(issue + 2n * 365n * DAY + 45n * DAY), // off-cycle: a short final stub
    }),
    thirty360: await create(f, {
      frequency: "annual",
      dayCount: "30/360",
      issueDate: monthEnd(f.day0 + 8n * DAY), // month-end clamping of later dates
      maturity: iso(issue + 4n * 365n * DAY + 61n * DAY),
    }),
    zero: await create(f, { frequency: "zero", dayCount: "act/365f", maturity: iso(issue + 500n * DAY) }),
  };
  await networkHelpers.time.increaseTo(f.day0);
  for (const b of Object.values(bonds)) {
    await wait(f.as(f.inv[0]).bond(b.address).bid(600, "3.00%"));
    await wait(f.as(f.inv[1]).bond(b.address).bid("600", "315bps"));
  }
  await networkHelpers.time.increaseTo(f.day0 + 7n * DAY);
  for (const b of Object.values(bonds)) {
    await wait(f.as(f.issuer).bond(b.address).finalize());
    for (const id of [1, 2]) await wait(f.as(f.inv[0]).bond(b.address).claimAllocation(id));
  }
  return { ...f, bonds };
}

describe("SDK: bonds", () => {
  it("creates a bond from human units, finds it from the receipt, lists it and reads its terms", async () => {
    const f = await networkHelpers.loadFixture(bondsFixture);
    const tx = await f.as(f.issuer).create(input(f, { firstCallDate: iso(f.day0 + 400n * DAY), callPrice: "100.50%" }));
    const receipt = (await tx.wait())!;
    const address = f.reader.bondAddressOf(receipt);
    expect(await f.reader.isBond(address)).to.equal(true);
    expect(await f.reader.addresses()).to.deep.equal([address]);
    const [listing] = await f.reader.list();
    expect(listing).to.include({
      index: 0,
      address,
      name: "BOC SME Bond",
      symbol: "BOCSME",
      issuer: f.issuer.address,
      state: "Book",
      size: 1_000n,
      denomination: 100_00n,
      issueDateIso: iso(f.day0 + 9n * DAY),
    });
    const [created] = await f.reader.created(f.issuer.address);
    expect(created.args.bond).to.equal(address);
    expect(created.args.useOfProceeds).to.equal(SME_LENDING);

    const t = await f.reader.bond(address).terms();
    expect(t).to.include({
      issuer: f.issuer.address,
      leadUnderwriter: f.lead.address,
      denomination: 100_00n,
      denominationText: "100.00",
      yieldMinBp: 280,
      yieldMaxBp: 360,
      tickBp: 5,
      minTicket: 100n,
      frequencyName: "semi-annual",
      dayCountName: "act/act-icma",
      bookOpenIso: iso(f.day0),
      yieldRange: "2.8% .. 3.6% step 0.05%",
      callable: true,
      callPriceBp: 10_050,
      firstCallDateIso: iso(f.day0 + 400n * DAY),
      useOfProceedsText: "SME_LENDING",
      gracePeriod: 10n * DAY,
    });
    expect(t.investorKindNames).to.deep.equal(["BANK", "INVESTOR"]);
    expect(await f.reader.factory.termSheet(address)).to.deep.equal(["ipfs://term-sheet", ethers.id("term sheet")]);
  });

  it("bid approves the escrow first when the allowance is short; amendBid approves the top-up", async () => {
    const f = await networkHelpers.loadFixture(bondsFixture);
    const b = await create(f);
    await networkHelpers.time.increaseTo(f.day0);
    const inv = f.inv[0];
    const mine = f.as(inv).bond(b.address);
    expect(await f.cash.allowance(inv.address, b.address)).to.equal(0n);
    await wait(mine.bid("300", "3.20%"));
    expect(await f.cash.balanceOf(b.address)).to.equal(300n * 100_00n);
    expect(await f.cash.allowance(inv.address, b.address)).to.equal(0n); // exactly the escrow, spent
    const approvals = await f.cash.queryFilter(f.cash.filters.Approval(inv.address, b.address));
    expect(approvals.map((e) => e.args.value)).to.deep.equal([30_000_00n]);

    await wait(mine.amendBid(1, "500", "3.10%"));
    const approvals2 = await f.cash.queryFilter(f.cash.filters.Approval(inv.address, b.address));
    expect(approvals2.map((e) => e.args.value)).to.deep.equal([30_000_00n, 20_000_00n]);
    expect(await f.cash.balanceOf(b.address)).to.equal(500n * 100_00n);
    const book = await b.book();
    expect(book).to.deep.include({ bids: 1, liveBids: 1, demand: 500n, escrow: 50_000_00n });
    expect(book.byYield).to.deep.equal([{ tick: 6, yieldBp: 310, units: 500n }]);
    const [bid] = await b.bids();
    expect(bid).to.deep.include({ bidId: 1, bidder: inv.address, units: 500n, yieldBp: 310, live: true });
    expect(bid.allocated).to.equal(undefined);

    await expect(mine.bid("100", "3.07%")).to.be.rejectedWith(UnitError, "yield: is not on a 0.05% tick from 2.8%");
    await expect(mine.bid("100", "3.70%")).to.be.rejectedWith(UnitError, "is outside the book's range 2.8% .. 3.6%");
    await expect(mine.bid("1.5", "3%")).to.be.rejectedWith(UnitError, "units: is not a whole number");
  });

  it("previews the clearing as the contract finalises, and each bid's allocation equals the delivered one", async () => {
    const f = await networkHelpers.loadFixture(bondsFixture);
    const b = await create(f);
    await networkHelpers.time.increaseTo(f.day0);
    await wait(f.as(f.inv[0]).bond(b.address).bid(400, "3.00%"));
    await wait(f.as(f.inv[1]).bond(b.address).bid(500, "3.10%"));
    await wait(f.as(f.inv[0]).bond(b.address).bid(300, "3.10%"));
    await wait(f.as(f.inv[1]).bond(b.address).bid(200, "3.30%"));
    await networkHelpers.time.increaseTo(f.day0 + 7n * DAY);
    expect(await b.previewClearing(2_000n)).to.equal(undefined);
    const preview = (await b.previewClearing(1_000n))!;
    await wait(f.as(f.lead).bond(b.address).finalize("1,000"));
    expect(await b.clearing()).to.deep.equal(preview);
    expect(preview).to.deep.equal({ couponBp: 310, coupon: "3.1%", tick: 6, fill: 600n, clearingDemand: 800n });
    const expected = await b.bids();
    expect(expected.map((x) => [x.allocated, x.refund])).to.deep.equal([
      [400n, 0n],
      [375n, 125n * 100_00n],
      [225n, 75n * 100_00n],
      [0n, 200n * 100_00n],
    ]);
    for (const x of expected) await wait(f.as(f.inv[0]).bond(b.address).claimAllocation(x.bidId));
    const delivered = await b.allocationsClaimed();
    expect(delivered.map((e) => [Number(e.args.bidId), e.args.units, e.args.refund])).to.deep.equal(
      expected.map((x) => [x.bidId, x.allocated, x.refund]),
    );
    expect((await b.bids()).every((x) => !x.live)).to.equal(true);
    expect(await b.holder(f.inv[0].address)).to.deep.equal({
      holder: f.inv[0].address,
      units: 625n,
      claimable: 0n,
      redeemable: 0n,
    });
    expect((await b.holders()).map((h) => h.units)).to.deep.equal([625n, 375n]);
  });

  it("schedule dates and per-unit amounts equal the contract's for every convention and frequency", async () => {
    const f = await networkHelpers.loadFixture(liveBonds);
    const counts: Record<string, number> = {};
    for (const [key, b] of Object.entries(f.bonds)) {
      expect(await b.state()).to.equal("Live");
      const schedule = await b.schedule();
      counts[key] = schedule.length;
      expect(BigInt(schedule.length)).to.equal(await b.contract.couponCount());
      const supply = await b.contract.totalSupply();
      for (const c of schedule) {
        const i = BigInt(c.index);
        expect(c.date, `${key} #${c.index} date`).to.equal(await b.contract.couponDate(i));
        expect(c.perUnit, `${key} #${c.index} per unit`).to.equal(await b.contract.couponPerUnit(i));
        expect(c.perUnit).to.equal(c.perUnitScaled / SCALE);
        // Nothing funded yet, so no carry: the holdings' exact total, rounded up once.
        expect(c.amount).to.equal((c.perUnitScaled * supply + SCALE - 1n) / SCALE);
        expect(c.perUnit > 0n).to.equal(true);
      }
      // Accrued coupon of the first period at a few instants, as the contract computes it.
      const t = await b.termsArgs();
      const s = scheduleTermsOf(t);
      for (const at of [t.issueDate + 1n, t.issueDate + 17n * DAY + 3_600n, schedule[0].date - 1n]) {
        expect(couponPerUnit(s, 1n, 315n, at), `${key} accrued`).to.equal(await b.contract.accruedPerUnit(at));
      }
    }
    expect(counts).to.deep.equal({ icma: 6, act360: 9, thirty360: 5, zero: 1 });
    expect((await f.bonds.act360.schedule()).at(-1)!.dateIso).to.equal(
      iso((await f.bonds.act360.termsArgs()).maturity),
    );
  });

  it("fundCoupon funds the exact amount (approving first); claimCoupons pays; typed events", async () => {
    const f = await networkHelpers.loadFixture(liveBonds);
    const b = f.bonds.icma;
    const next = (await b.nextCoupon())!;
    expect(next).to.deep.include({ index: 1, funded: false });
    await networkHelpers.time.increaseTo(next.date);
    await f.fund(f.issuer, next.amount);
    expect(await f.cash.allowance(f.issuer.address, b.address)).to.equal(0n);
    await wait(f.as(f.issuer).bond(b.address).fundCoupon());
    const [funded] = await b.couponsFundedEvents();
    expect(funded.args.index).to.equal(1n);
    expect(funded.args.perUnit).to.equal(next.perUnit);
    expect(funded.args.amount).to.equal(next.amount);
    expect((await b.schedule())[0].funded).to.equal(true);

    const inv = f.inv[0];
    const owed = (await b.holder(inv.address)).claimable;
    expect(owed).to.equal((next.perUnitScaled * (await b.contract.balanceOf(inv.address))) / SCALE);
    const before = await f.cash.balanceOf(inv.address);
    await wait(f.as(inv).bond(b.address).claimCoupons());
    expect(await f.cash.balanceOf(inv.address)).to.equal(before + owed);
    const names = (await b.events()).map((e) => e.name);
    expect(names).to.include.members([
      "BidPlaced",
      "BookFinalized",
      "AllocationClaimed",
      "CouponFunded",
      "CouponsClaimed",
    ]);
    await expect(f.as(f.issuer).bond(b.address).fundCoupon(9)).to.be.rejectedWith(
      UnitError,
      "is not a coupon of this bond (1 .. 6)",
    );
  });

  it("on a call, redemptionDue is exactly what fundRedemption takes (call price + accrued); redeem pays", async () => {
    const f = await networkHelpers.loadFixture(bondsFixture);
    const issue = f.day0 + 9n * DAY;
    const b = await create(f, { firstCallDate: iso(issue + 365n * DAY), callNoticeDays: 30, callPrice: "101%" });
    await networkHelpers.time.increaseTo(f.day0);
    await wait(f.as(f.inv[0]).bond(b.address).bid(1_000, "3.40%"));
    await networkHelpers.time.increaseTo(f.day0 + 7n * DAY);
    const issuer = f.as(f.issuer).bond(b.address);
    await wait(issuer.finalize());
    await wait(issuer.claimAllocation(1));
    await f.fund(f.issuer, 1_000_000_00n);
    for (const c of (await b.schedule()).slice(0, 2)) {
      await networkHelpers.time.increaseTo(c.date);
      await wait(issuer.fundCoupon(c.index));
    }
    const callDate = issue + 365n * DAY + 40n * DAY;
    await wait(issuer.noticeCall(iso(callDate)));
    expect((await b.schedule()).length).to.equal(2); // coupons after the call date are gone
    await networkHelpers.time.increaseTo(callDate);
    const due = await b.redemptionDue();
    expect(due.called).to.equal(true);
    const exact = 101_00n * SCALE + couponPerUnitScaled(scheduleTermsOf(await b.termsArgs()), 3n, 340n, callDate);
    expect(due.perUnitScaled).to.equal(exact);
    expect(due.perUnit).to.equal(101_00n + couponPerUnit(scheduleTermsOf(await b.termsArgs()), 3n, 340n, callDate));
    const [, carry] = await b.contract.distributed();
    expect(due.amount).to.equal(fundingOf(exact * 1_000n, carry).amount);
    await wait(issuer.fundRedemption());
    expect(await b.state()).to.equal("Redeeming");
    expect((await b.contract.redemption())[1]).to.equal(due.perUnit);
    const h = await b.holder(f.inv[0].address);
    // The one holder never claimed: 1,000 units x (call price + accrued + coupons 1 and 2), rounded once.
    const [cum] = await b.contract.distributed();
    expect(h.redeemable).to.equal((1_000n * (exact + cum)) / SCALE);
    const before = await f.cash.balanceOf(f.inv[0].address);
    await wait(f.as(f.inv[0]).bond(b.address).redeem());
    expect(await f.cash.balanceOf(f.inv[0].address)).to.equal(before + h.redeemable);

    await wait(issuer.recordDisbursement(f.borrower.address, "60,000.00", "LOAN-001"));
    const [d] = await b.disbursements(f.borrower.address);
    expect(d.args.amount).to.equal(60_000_00n);
    expect(tagText(d.args.loanRef)).to.equal("LOAN-001");
    expect((await b.show()).proceeds).to.deep.include({
      raised: 100_000_00n,
      disbursed: 60_000_00n,
      smeShareBp: 6_000,
    });
  });

  it("parses human units exactly and refuses what it cannot represent", () => {
    expect(parseBondUnits("1,000")).to.equal(1_000n);
    expect(parseBondUnits(25)).to.equal(25n);
    expect(() => parseBondUnits("0")).to.throw(UnitError, "units: must be greater than zero");
    expect(() => parseBondUnits("-3")).to.throw(UnitError, "must not be negative");
    expect(parseRate("3.20%")).to.equal(320);
    expect(parseRate("315bps")).to.equal(315);
    expect(() => parseRate("3.205%")).to.throw(UnitError, "finer than one basis point");
    expect(parseFrequency("Semi-Annual")).to.equal(Frequency.SemiAnnual);
    expect(() => parseFrequency("monthly")).to.throw(UnitError, "is not a frequency");
    expect(parseDayCount("30/360")).to.equal(Convention.Thirty360);
    expect(parseDayCount("ACT/365F")).to.equal(Convention.Act365F);
    expect(() => parseDayCount("act/act-isda")).to.throw(UnitError, "is not a day count");
    expect(tagText(ethers.encodeBytes32String("SME_LENDING"))).to.equal("SME_LENDING");
    expect(tagText(ethers.id("x"))).to.equal(ethers.id("x"));
  });
});
