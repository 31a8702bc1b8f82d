import { expect } from "chai";

import { couponPerUnit, couponPerUnitScaled, proRata, clear, type ScheduleTerms } from "../../src/coupons.js";
import {
  deployBondsOn,
  dueNow,
  SCALE,
  SME_LENDING,
  TERM_SHEET_HASH,
  TERM_SHEET_URI,
  type BondTerms,
} from "../helpers/bonds.js";
import { connection, DAY, YEAR } from "../helpers/fixtures.js";

const { ethers, networkHelpers } = connection;
const FACE = 100_00n;
const CASH = 10_000_000_00n;
const State = { Book: 0, Cancelled: 1, Live: 2, Redeeming: 3, Defaulted: 4 } as const;

async function at(ts: bigint | number) {
  if (BigInt(ts) > BigInt(await networkHelpers.time.latest())) await networkHelpers.time.increaseTo(ts);
}

function schedule(t: BondTerms): ScheduleTerms {
  return {
    denomination: BigInt(t.denomination),
    issueDate: BigInt(t.issueDate),
    maturity: BigInt(t.maturity),
    frequency: Number(t.frequency),
    dayCount: Number(t.dayCount),
  };
}

/** Foundation + Bonds, four investors with cash, a callable 3-year semi-annual bond, book open. */
async function openBook() {
  const f = await deployBondsOn(connection);
  const inv = await f.investors(4, CASH);
  const [alice] = f.signers.slice(7, 8);
  const outsider = f.signers[10];
  await f.registerLong("SME-ALICE-0001", alice, "SME");
  const base = await f.terms();
  const t = await f.terms({
    size: 10_000n,
    minTicket: 100n,
    maxTicket: 10_000n,
    firstCallDate: BigInt(base.issueDate) + YEAR,
    callNotice: 30n * DAY,
    callPriceBp: 10_050,
  });
  const bond = await f.createBond(t);
  const addr = await bond.getAddress();
  for (const w of inv) await (await f.cash.connect(w).approve(addr, CASH)).wait();
  await at(t.bookOpen);
  return { ...f, inv, alice, outsider, t, bond, addr };
}

/**
 * Bids: inv0 4,000 @ 3.00%, inv1 3,000 @ 3.10%, inv2 5,000 @ 3.20%, inv3 2,000 @ 3.20% and
 * 1,500 @ 3.30%. Size 10,000 clears at 3.20% with 3,000 of 7,000 filled there pro rata.
 */
async function fullBook() {
  const f = await openBook();
  await (await f.bond.connect(f.inv[0]).bid(4_000n, 300)).wait();
  await (await f.bond.connect(f.inv[1]).bid(3_000n, 310)).wait();
  await (await f.bond.connect(f.inv[2]).bid(5_000n, 320)).wait();
  await (await f.bond.connect(f.inv[3]).bid(2_000n, 320)).wait();
  await (await f.bond.connect(f.inv[3]).bid(1_500n, 330)).wait();
  await at(f.t.bookClose);
  return f;
}

/** The full book finalised at 10,000 and every allocation delivered. */
async function issued() {
  const f = await fullBook();
  await (await f.bond.connect(f.issuer).finalize(10_000n)).wait();
  for (let id = 1n; id <= 5n; id++) await (await f.bond.claimAllocation(id)).wait();
  return f;
}

/** Coupon `index` of the fixture bond (3.20%) per unit, exact: base units x SCALE. */
function exact(f: Awaited<ReturnType<typeof issued>>, index: bigint, end?: bigint) {
  return couponPerUnitScaled(schedule(f.t), index, 320n, end);
}

/** Funds coupon `index` as the issuer with the exact amount (holdings' total less carry, rounded up); returns it. */
async function payCoupon(f: Awaited<ReturnType<typeof issued>>, index: bigint) {
  await at(await f.bond.couponDate(index));
  const amount = await dueNow(f.bond, exact(f, index));
  await f.fund(f.issuer, amount);
  await (await f.cash.connect(f.issuer).approve(f.addr, amount)).wait();
  await (await f.bond.connect(f.issuer).fundCoupon(index, amount)).wait();
  return amount;
}

describe("BondFactory", () => {
  describe("createBond", () => {
    it("creates, lists and registers the bond as a module, records the term sheet", async () => {
      const f = await networkHelpers.loadFixture(openBook);
      expect(await f.factory.bondCount()).to.equal(1n);
      expect(await f.factory.bondAt(0)).to.equal(f.addr);
      expect(await f.factory.isBond(f.addr)).to.equal(true);
      expect(await f.registry.isModule(f.addr)).to.equal(true);
      expect(await f.factory.termSheet(f.addr)).to.deep.equal([TERM_SHEET_URI, TERM_SHEET_HASH]);
      expect((await f.bond.terms()).useOfProceeds).to.equal(SME_LENDING);
      expect(await f.bond.decimals()).to.equal(0n);
      expect(await f.bond.couponCount()).to.equal(6n);
      expect(await f.bond.factory()).to.equal(await f.factory.getAddress());
    });

    it("emits BondCreated(bond, issuer, useOfProceeds, index)", async () => {
      const f = await networkHelpers.loadFixture(openBook);
      const t = await f.terms();
      const addr = await f.factory.connect(f.issuer).createBond.staticCall(t, "u", "n", "s");
      await expect(f.factory.connect(f.issuer).createBond(t, "u", "n", "s"))
        .to.emit(f.factory, "BondCreated")
        .withArgs(addr, f.issuer.address, SME_LENDING, 1n);
    });

    it("refuses bad terms with values", async () => {
      const f = await networkHelpers.loadFixture(openBook);
      const t = await f.terms();
      const c = f.factory.connect(f.issuer);
      const go = async (o: Partial<BondTerms>) => c.createBond(await f.terms(o), "u", "n", "s");
      await expect(go({ maturity: t.issueDate }))
        .to.be.revertedWithCustomError(f.factory, "BondFactoryMaturityBeforeIssue")
        .withArgs(t.issueDate, t.issueDate);
      await expect(go({ size: 0n }))
        .to.be.revertedWithCustomError(f.factory, "BondFactoryZeroSize")
        .withArgs(0n, FACE);
      await expect(go({ tickBp: 3 }))
        .to.be.revertedWithCustomError(f.factory, "BondFactoryTickNotDividing")
        .withArgs(280, 360, 3);
      await expect(go({ yieldMinBp: 0, yieldMaxBp: 1000, tickBp: 1 }))
        .to.be.revertedWithCustomError(f.factory, "BondFactoryTooManyTicks")
        .withArgs(1001n, 200n);
      await expect(go({ minTicket: 10n, maxTicket: 5n }))
        .to.be.revertedWithCustomError(f.factory, "BondFactoryInvalidTickets")
        .withArgs(10n, 5n, 2_000_000n);
      await expect(go({ bookClose: BigInt(t.issueDate) + 1n }))
        .to.be.revertedWithCustomError(f.factory, "BondFactoryInvalidBookWindow")
        .withArgs(t.bookOpen, BigInt(t.issueDate) + 1n, t.issueDate);
      await expect(go({ frequency: 0 })).to.be.revertedWithCustomError(f.factory, "BondFactoryIcmaNeedsCoupons");
      await expect(go({ investorKinds: 0 })).to.be.revertedWithCustomError(f.factory, "BondFactoryNoInvestorKinds");
      await expect(go({ firstCallDate: t.maturity, callPriceBp: 10_000 }))
        .to.be.revertedWithCustomError(f.factory, "BondFactoryInvalidCall")
        .withArgs(t.maturity, 10_000);
      await expect(go({ currency: f.addr }))
        .to.be.revertedWithCustomError(f.factory, "BondFactoryCurrencyNotApproved")
        .withArgs(f.addr);
      await expect(f.factory.connect(f.lead).createBond(t, "u", "n", "s"))
        .to.be.revertedWithCustomError(f.factory, "BondFactoryNotIssuer")
        .withArgs(f.lead.address, f.issuer.address);
      await expect(f.factory.connect(f.outsider).createBond({ ...t, issuer: f.outsider.address }, "u", "n", "s"))
        .to.be.revertedWithCustomError(f.factory, "BondFactoryIssuerIneligible")
        .withArgs(f.outsider.address, 1);
    });
  });

  describe("restricted functions", () => {
    const cases: [string, string, (f: Awaited<ReturnType<typeof openBook>>) => unknown[]][] = [
      ["setCurrencyApproved", "assetAdmin", (f) => [f.addr, true]],
      ["pauseBond", "guardian", (f) => [f.addr]],
      ["unpauseBond", "guardian", (f) => [f.addr]],
      ["forceTransferBond", "regulator", (f) => [f.addr, f.inv[0].address, f.inv[1].address, 1n, ethers.ZeroHash]],
    ];
    for (const [fn, allowed, args] of cases) {
      it(`${fn}: reverts AccessManagedUnauthorized for every role but ${allowed}`, async () => {
        const f = await networkHelpers.loadFixture(openBook);
        for (const [name, signer] of Object.entries(f.ops)) {
          if (name === allowed) continue;
          const c = f.factory.connect(signer) as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
          await expect(c[fn](...args(f)), `${fn} by ${name}`)
            .to.be.revertedWithCustomError(f.factory, "AccessManagedUnauthorized")
            .withArgs(signer.address);
        }
      });
    }

    it("pauseBond reverts BondFactoryUnknownBond for another address; Bond refuses direct operator calls", async () => {
      const f = await networkHelpers.loadFixture(openBook);
      await expect(f.factory.connect(f.ops.guardian).pauseBond(f.inv[0].address))
        .to.be.revertedWithCustomError(f.factory, "BondFactoryUnknownBond")
        .withArgs(f.inv[0].address);
      await expect(f.bond.connect(f.ops.guardian).setPaused(true))
        .to.be.revertedWithCustomError(f.bond, "BondNotFactory")
        .withArgs(f.ops.guardian.address);
      await expect(
        f.bond.connect(f.ops.regulator).forcedTransfer(f.inv[0].address, f.inv[1].address, 1n, ethers.ZeroHash),
      )
        .to.be.revertedWithCustomError(f.bond, "BondNotFactory")
        .withArgs(f.ops.regulator.address);
    });
  });
});

describe("Bond", () => {
  describe("bid", () => {
    it("escrows units x denomination and records demand at the tick", async () => {
      const f = await networkHelpers.loadFixture(openBook);
      {
        const tx = f.bond.connect(f.inv[0]).bid(1_000n, 315);
        await expect(tx).to.emit(f.bond, "BidPlaced").withArgs(1n, f.inv[0].address, 1_000n, 315);
        await expect(tx).to.changeTokenBalances(ethers, f.cash, [f.inv[0], f.bond], [-1_000n * FACE, 1_000n * FACE]);
      }
      expect(await f.bond.demandAt(7)).to.equal(1_000n);
      expect(await f.bond.bidOf(1n)).to.deep.equal([f.inv[0].address, 1_000n, 7n]);
      expect(await f.bond.book()).to.deep.equal([1n, 1n, 1_000n]);
    });

    it("refuses yields off range or off tick, tickets out of limits, ineligible bidders", async () => {
      const f = await networkHelpers.loadFixture(openBook);
      const b = f.bond.connect(f.inv[0]);
      await expect(b.bid(1_000n, 275))
        .to.be.revertedWithCustomError(f.bond, "BondYieldOutOfRange")
        .withArgs(275, 280, 360);
      await expect(b.bid(1_000n, 365))
        .to.be.revertedWithCustomError(f.bond, "BondYieldOutOfRange")
        .withArgs(365, 280, 360);
      await expect(b.bid(1_000n, 282)).to.be.revertedWithCustomError(f.bond, "BondYieldOffTick").withArgs(282, 5);
      await expect(b.bid(99n, 300))
        .to.be.revertedWithCustomError(f.bond, "BondTicketOutOfRange")
        .withArgs(99n, 100n, 10_000n);
      await expect(b.bid(10_001n, 300))
        .to.be.revertedWithCustomError(f.bond, "BondTicketOutOfRange")
        .withArgs(10_001n, 100n, 10_000n);
      await expect(f.bond.connect(f.alice).bid(1_000n, 300))
        .to.be.revertedWithCustomError(f.bond, "BondInvestorKindNotAllowed")
        .withArgs(f.alice.address, 24);
      await expect(f.bond.connect(f.outsider).bid(1_000n, 300))
        .to.be.revertedWithCustomError(f.bond, "BondIneligible")
        .withArgs(f.outsider.address, 1);
    });

    it("refuses bids after the close: BondBookNotOpen(now, open, close)", async () => {
      const f = await networkHelpers.loadFixture(openBook);
      await at(f.t.bookClose);
      await networkHelpers.time.setNextBlockTimestamp(BigInt(f.t.bookClose) + 10n);
      await expect(f.bond.connect(f.inv[0]).bid(1_000n, 300))
        .to.be.revertedWithCustomError(f.bond, "BondBookNotOpen")
        .withArgs(BigInt(f.t.bookClose) + 10n, f.t.bookOpen, f.t.bookClose);
    });
  });

  describe("amendBid and cancelBid", () => {
    it("moves demand between ticks and tops up or refunds the escrow", async () => {
      const f = await networkHelpers.loadFixture(openBook);
      await (await f.bond.connect(f.inv[0]).bid(1_000n, 300)).wait();
      {
        const tx = f.bond.connect(f.inv[0]).amendBid(1n, 1_500n, 310);
        await expect(tx).to.emit(f.bond, "BidAmended").withArgs(1n, 1_500n, 310);
        await expect(tx).to.changeTokenBalances(ethers, f.cash, [f.inv[0]], [-500n * FACE]);
      }
      expect(await f.bond.demandAt(4)).to.equal(0n);
      expect(await f.bond.demandAt(6)).to.equal(1_500n);
      await expect(f.bond.connect(f.inv[0]).amendBid(1n, 200n, 310)).to.changeTokenBalances(
        ethers,
        f.cash,
        [f.inv[0]],
        [1_300n * FACE],
      );
      await expect(f.bond.connect(f.inv[1]).amendBid(1n, 200n, 310))
        .to.be.revertedWithCustomError(f.bond, "BondNotBidder")
        .withArgs(1n, f.inv[1].address);
      {
        const tx = f.bond.connect(f.inv[0]).cancelBid(1n);
        await expect(tx)
          .to.emit(f.bond, "BidCancelled")
          .withArgs(1n, f.inv[0].address, 200n * FACE);
        await expect(tx).to.changeTokenBalances(ethers, f.cash, [f.inv[0], f.bond], [200n * FACE, -200n * FACE]);
      }
      expect(await f.bond.book()).to.deep.equal([1n, 0n, 0n]);
      await expect(f.bond.connect(f.inv[0]).cancelBid(1n))
        .to.be.revertedWithCustomError(f.bond, "BondUnknownBid")
        .withArgs(1n);
    });
  });

  describe("finalize", () => {
    it("clears at the lowest yield covering the size; refuses finalising twice", async () => {
      const f = await networkHelpers.loadFixture(fullBook);
      await expect(f.bond.connect(f.issuer).finalize(10_000n))
        .to.emit(f.bond, "BookFinalized")
        .withArgs(320, 10_000n, 3_000n, 7_000n, 15_500n);
      expect(await f.bond.clearing()).to.deep.equal([320n, 8n, 3_000n, 7_000n]);
      expect(await f.bond.state()).to.equal(State.Live);
      await expect(f.bond.connect(f.issuer).finalize(10_000n))
        .to.be.revertedWithCustomError(f.bond, "BondWrongState")
        .withArgs(State.Live, State.Book);
    });

    it("refuses the wrong caller, an open book, a bad size, and undersubscription", async () => {
      const f = await networkHelpers.loadFixture(fullBook);
      await expect(f.bond.connect(f.inv[0]).finalize(10_000n))
        .to.be.revertedWithCustomError(f.bond, "BondNotIssuer")
        .withArgs(f.inv[0].address);
      await expect(f.bond.connect(f.issuer).finalize(0n))
        .to.be.revertedWithCustomError(f.bond, "BondInvalidSize")
        .withArgs(0n, 10_000n);
      await expect(f.bond.connect(f.issuer).finalize(10_001n))
        .to.be.revertedWithCustomError(f.bond, "BondInvalidSize")
        .withArgs(10_001n, 10_000n);
      const g = await deployBondsOn(connection);
      const t = await g.terms({ size: 10_000n, minTicket: 100n, maxTicket: 10_000n });
      const bond = await g.createBond(t);
      const [w] = await g.investors(1, CASH, await bond.getAddress());
      await at(t.bookOpen);
      await (await bond.connect(w).bid(6_000n, 300)).wait();
      await expect(bond.connect(g.issuer).finalize(6_000n)).to.be.revertedWithCustomError(bond, "BondBookStillOpen");
      await at(t.bookClose);
      await expect(bond.connect(g.issuer).finalize(10_000n))
        .to.be.revertedWithCustomError(bond, "BondUndersubscribed")
        .withArgs(10_000n, 6_000n);
      // The issuer accepts a smaller size: the lead underwriter may finalise too.
      await expect(bond.connect(g.lead).finalize(6_000n))
        .to.emit(bond, "BookFinalized")
        .withArgs(300, 6_000n, 6_000n, 6_000n, 6_000n);
    });
  });

  describe("claimAllocation", () => {
    it("fills below in full, at the clearing yield pro rata (leftover units not issued), above not at all", async () => {
      const f = await networkHelpers.loadFixture(fullBook);
      await (await f.bond.connect(f.issuer).finalize(10_000n)).wait();
      await expect(f.bond.claimAllocation(1n))
        .to.emit(f.bond, "AllocationClaimed")
        .withArgs(1n, f.inv[0].address, 4_000n, 0n);
      {
        const tx = f.bond.claimAllocation(3n);
        await expect(tx)
          .to.emit(f.bond, "AllocationClaimed")
          .withArgs(3n, f.inv[2].address, 2_142n, (5_000n - 2_142n) * FACE);
        await expect(tx).to.changeTokenBalances(ethers, f.cash, [f.inv[2]], [(5_000n - 2_142n) * FACE]);
      }
      await expect(f.bond.claimAllocation(4n))
        .to.emit(f.bond, "AllocationClaimed")
        .withArgs(4n, f.inv[3].address, 857n, 1_143n * FACE);
      await expect(f.bond.claimAllocation(5n))
        .to.emit(f.bond, "AllocationClaimed")
        .withArgs(5n, f.inv[3].address, 0n, 1_500n * FACE);
      await (await f.bond.claimAllocation(2n)).wait();
      expect(await f.bond.balanceOf(f.inv[2].address)).to.equal(proRata(5_000n, 3_000n, 7_000n));
      expect(await f.bond.totalSupply()).to.equal(9_999n);
      expect(await f.bond.proceeds()).to.deep.equal([9_999n, 9_999n * FACE, 0n, 0n]);
      expect(await f.cash.balanceOf(f.addr)).to.equal(9_999n * FACE);
      expect(await f.bond.book()).to.deep.equal([5n, 0n, 0n]);
      await expect(f.bond.claimAllocation(1n)).to.be.revertedWithCustomError(f.bond, "BondUnknownBid").withArgs(1n);
      await expect(f.bond.connect(f.issuer).withdrawProceeds(9_999n * FACE))
        .to.emit(f.bond, "ProceedsWithdrawn")
        .withArgs(f.issuer.address, 9_999n * FACE);
      await expect(f.bond.connect(f.issuer).withdrawProceeds(1n))
        .to.be.revertedWithCustomError(f.bond, "BondInsufficientProceeds")
        .withArgs(1n, 0n);
      expect(await f.cash.balanceOf(f.addr)).to.equal(0n);
    });

    it("refunds every bid in full after a cancelled book; refuses claims while the book is open", async () => {
      const f = await networkHelpers.loadFixture(fullBook);
      await expect(f.bond.claimAllocation(1n))
        .to.be.revertedWithCustomError(f.bond, "BondWrongState")
        .withArgs(State.Book, State.Live);
      await expect(f.bond.connect(f.inv[0]).cancelBook())
        .to.be.revertedWithCustomError(f.bond, "BondNotIssuer")
        .withArgs(f.inv[0].address);
      await expect(f.bond.connect(f.lead).cancelBook()).to.emit(f.bond, "BookCancelled").withArgs(f.lead.address);
      for (let id = 1n; id <= 5n; id++) await (await f.bond.claimAllocation(id)).wait();
      for (const w of f.inv) expect(await f.cash.balanceOf(w.address)).to.equal(CASH);
      expect(await f.cash.balanceOf(f.addr)).to.equal(0n);
      expect(await f.bond.totalSupply()).to.equal(0n);
    });

    it("lets anyone cancel once the issue date passed unfinalised", async () => {
      const f = await networkHelpers.loadFixture(fullBook);
      await at(BigInt(f.t.issueDate) + 1n);
      await expect(f.bond.connect(f.issuer).finalize(10_000n)).to.be.revertedWithCustomError(
        f.bond,
        "BondSettlementPassed",
      );
      await expect(f.bond.connect(f.inv[0]).cancelBook()).to.emit(f.bond, "BookCancelled").withArgs(f.inv[0].address);
    });
  });

  describe("coupons", () => {
    it("pays the holder at funding time; transfers later do not move it", async () => {
      const f = await networkHelpers.loadFixture(issued);
      const c1 = await f.bond.couponPerUnit(1);
      expect(c1).to.equal(couponPerUnit(schedule(f.t), 1n, 320n));
      expect(c1).to.equal(160n); // 100.00 x 3.20% / 2, ACT/ACT ICMA regular period
      const amount = await payCoupon(f, 1n);
      expect(amount).to.equal(160n * 9_999n);
      await (await f.bond.connect(f.inv[0]).transfer(f.inv[1].address, 1_000n)).wait();
      expect(await f.bond.claimable(f.inv[0].address)).to.equal(4_000n * 160n);
      expect(await f.bond.claimable(f.inv[1].address)).to.equal(3_000n * 160n);
      {
        const tx = f.bond.connect(f.inv[0]).claimCoupons();
        await expect(tx).to.emit(f.bond, "CouponsClaimed").withArgs(f.inv[0].address, 640_000n);
        await expect(tx).to.changeTokenBalances(ethers, f.cash, [f.inv[0]], [640_000n]);
      }
      await expect(f.bond.connect(f.inv[0]).claimCoupons())
        .to.be.revertedWithCustomError(f.bond, "BondNothingToClaim")
        .withArgs(f.inv[0].address);
      await payCoupon(f, 2n);
      const c2 = await f.bond.couponPerUnit(2);
      expect(await f.bond.claimable(f.inv[0].address)).to.equal(3_000n * c2);
      expect(await f.bond.claimable(f.inv[1].address)).to.equal(3_000n * 160n + 4_000n * c2);
    });

    it("refuses too little, out of order, before the date; counts undelivered allocations as delivered", async () => {
      const f = await networkHelpers.loadFixture(issued);
      await expect(f.bond.fundCoupon(2n, 1n))
        .to.be.revertedWithCustomError(f.bond, "BondCouponOutOfOrder")
        .withArgs(2n, 1n);
      const date = await f.bond.couponDate(1);
      await expect(f.bond.fundCoupon(1n, 1n))
        .to.be.revertedWithCustomError(f.bond, "BondCouponNotDue")
        .withArgs(1n, date);
      await at(date);
      await expect(f.bond.connect(f.issuer).fundCoupon(1n, 1n))
        .to.be.revertedWithCustomError(f.bond, "BondWrongCouponAmount")
        .withArgs(1n, 160n * 9_999n, 1n);
      await expect(f.bond.couponDate(7)).to.be.revertedWithCustomError(f.bond, "BondUnknownCoupon").withArgs(7n, 6n);
      const g = await networkHelpers.loadFixture(fullBook);
      await (await g.bond.connect(g.issuer).finalize(10_000n)).wait();
      await (await g.bond.claimAllocation(1n)).wait();
      await at(await g.bond.couponDate(1));
      // 4,000 delivered + 3,000 undelivered below the clearing tick + floor(7,000 x 3,000 / 7,000) at it.
      expect(await g.bond.unitsOutstanding()).to.equal(10_000n);
      expect(await g.bond.pendingAllocations()).to.deep.equal([3_000n, 7_000n]);
      await expect(g.bond.fundCoupon(1n, 0n))
        .to.be.revertedWithCustomError(g.bond, "BondWrongCouponAmount")
        .withArgs(1n, 160n * 10_000n, 0n);
    });
  });

  describe("redemption, call and default", () => {
    it("redeems at maturity: burns the units, pays principal and unclaimed coupons", async () => {
      const f = await networkHelpers.loadFixture(issued);
      for (let k = 1n; k <= 6n; k++) await payCoupon(f, k);
      const supply = await f.bond.totalSupply();
      await expect(f.bond.redeem())
        .to.be.revertedWithCustomError(f.bond, "BondWrongState")
        .withArgs(State.Live, State.Redeeming);
      await f.fund(f.issuer, supply * FACE);
      await (await f.cash.connect(f.issuer).approve(f.addr, supply * FACE)).wait();
      await expect(f.bond.fundRedemption(1n))
        .to.be.revertedWithCustomError(f.bond, "BondWrongRedemptionAmount")
        .withArgs(supply * FACE, 1n);
      await expect(f.bond.connect(f.issuer).fundRedemption(supply * FACE))
        .to.emit(f.bond, "RedemptionFunded")
        .withArgs(FACE, supply * FACE, f.issuer.address);
      // The six coupons, exact per unit; inv0's 4,000 units are paid floor(4,000 x sum) once, with
      // the principal (face per unit is exact). Coupon 6 is a short stub (159.116... a unit).
      let coupons = 0n;
      for (let k = 1n; k <= 6n; k++) coupons += exact(f, k);
      expect(coupons % SCALE).to.not.equal(0n); // the per-unit sum is not whole: per-unit flooring would lose
      {
        const tx = f.bond.connect(f.inv[0]).redeem();
        await expect(tx)
          .to.emit(f.bond, "Redeemed")
          .withArgs(f.inv[0].address, 4_000n, 4_000n * FACE, (4_000n * coupons) / SCALE);
        await expect(tx).to.changeTokenBalances(
          ethers,
          f.cash,
          [f.inv[0]],
          [4_000n * FACE + (4_000n * coupons) / SCALE],
        );
      }
      expect(await f.bond.balanceOf(f.inv[0].address)).to.equal(0n);
      for (const w of f.inv.slice(1)) await (await f.bond.connect(w).redeem()).wait();
      expect(await f.bond.totalSupply()).to.equal(0n);
      // Every holding is paid: what stays beyond the proceeds is the carry, whole base units.
      const [, carry] = await f.bond.distributed();
      expect(carry % SCALE).to.equal(0n);
      expect(await f.cash.balanceOf(f.addr)).to.equal(9_999n * FACE + carry / SCALE);
      await expect(f.bond.connect(f.issuer).sweepCarry())
        .to.emit(f.bond, "CarrySwept")
        .withArgs(f.issuer.address, carry / SCALE);
      expect(await f.cash.balanceOf(f.addr)).to.equal(9_999n * FACE); // the proceeds the issuer has not withdrawn
    });

    it("is called after notice at the call price plus accrued coupon", async () => {
      const f = await networkHelpers.loadFixture(issued);
      await payCoupon(f, 1n);
      await payCoupon(f, 2n);
      await expect(f.bond.connect(f.inv[0]).noticeCall(0)).to.be.revertedWithCustomError(f.bond, "BondNotIssuer");
      const now = BigInt(await networkHelpers.time.latest());
      await expect(f.bond.connect(f.issuer).noticeCall(now + DAY)).to.be.revertedWithCustomError(
        f.bond,
        "BondInvalidCallDate",
      );
      const callDate = (await f.bond.couponDate(2)) + 45n * DAY;
      await expect(f.bond.connect(f.issuer).noticeCall(callDate))
        .to.emit(f.bond, "CallNoticed")
        .withArgs(callDate, 10_050n);
      await expect(f.bond.connect(f.issuer).noticeCall(callDate))
        .to.be.revertedWithCustomError(f.bond, "BondAlreadyCalled")
        .withArgs(callDate);
      expect(await f.bond.couponCount()).to.equal(6n);
      await expect(f.bond.couponDate(3)).to.be.revertedWithCustomError(f.bond, "BondUnknownCoupon");
      await at(callDate);
      const accrued = couponPerUnit(schedule(f.t), 3n, 320n, callDate);
      expect(await f.bond.accruedPerUnit(callDate)).to.equal(accrued);
      // Call price 100.50 plus the accrued coupon, exact per unit; the funder pays 9,999 units of
      // it rounded up once (coupons 1 and 2 were exact: no carry).
      const perUnit = 10_050n * SCALE + exact(f, 3n, callDate);
      const amount = (perUnit * 9_999n + SCALE - 1n) / SCALE;
      expect(await dueNow(f.bond, perUnit)).to.equal(amount);
      await f.fund(f.issuer, amount);
      await (await f.cash.connect(f.issuer).approve(f.addr, amount)).wait();
      await expect(f.bond.connect(f.issuer).fundRedemption(amount - 1n))
        .to.be.revertedWithCustomError(f.bond, "BondWrongRedemptionAmount")
        .withArgs(amount, amount - 1n);
      await expect(f.bond.connect(f.issuer).fundRedemption(amount))
        .to.emit(f.bond, "RedemptionFunded")
        .withArgs(10_050n + accrued, amount, f.issuer.address);
      expect(await f.bond.redemption()).to.deep.equal([callDate, 10_050n + accrued]);
      // inv1 never claimed: its 3,000 units are paid call price, accrued and both coupons, rounded once.
      const paid = (3_000n * (perUnit + exact(f, 1n) + exact(f, 2n))) / SCALE;
      expect(await f.bond.redeemable(f.inv[1].address)).to.equal(paid);
      await expect(f.bond.connect(f.inv[1]).redeem()).to.changeTokenBalances(ethers, f.cash, [f.inv[1]], [paid]);
    });

    it("defaults after the grace period; recovery is paid pro rata with the remainder carried", async () => {
      const f = await networkHelpers.loadFixture(issued);
      await payCoupon(f, 1n);
      const due = await f.bond.couponDate(2);
      await networkHelpers.time.setNextBlockTimestamp(due + 10n * DAY);
      await expect(f.bond.declareDefault()).to.be.revertedWithCustomError(f.bond, "BondNoMissedPayment");
      await at(due + 10n * DAY + 1n);
      await expect(f.bond.connect(f.inv[3]).declareDefault())
        .to.emit(f.bond, "BondDefaulted")
        .withArgs(2n, f.inv[3].address);
      expect(await f.bond.state()).to.equal(State.Defaulted);
      await expect(f.bond.fundCoupon(2n, 0n))
        .to.be.revertedWithCustomError(f.bond, "BondWrongState")
        .withArgs(State.Defaulted, State.Live);
      const pay = 500_000_00n + 7n; // 500,000.07 over 9,999 units
      await f.fund(f.issuer, pay * 2n);
      await (await f.cash.connect(f.issuer).approve(f.addr, pay * 2n)).wait();
      // Coupon 1 was exact (1.60 x 9,999): no carry. The recovery is divided at SCALE precision;
      // the remainder (below 9,999 / SCALE of a base unit per unit) is carried into the next one.
      expect((await f.bond.distributed())[1]).to.equal(0n);
      const perUnit = (pay * SCALE) / 9_999n;
      const carry = pay * SCALE - perUnit * 9_999n;
      await expect(f.bond.connect(f.issuer).payRecovery(pay))
        .to.emit(f.bond, "RecoveryPaid")
        .withArgs(pay, perUnit / SCALE, carry, f.issuer.address);
      const perUnit2 = (pay * SCALE + carry) / 9_999n;
      const carry2 = pay * SCALE + carry - perUnit2 * 9_999n;
      await (await f.bond.connect(f.issuer).payRecovery(pay)).wait();
      const cum = 160n * SCALE + perUnit + perUnit2;
      expect(await f.bond.distributed()).to.deep.equal([cum, carry2]);
      // Each holding is paid floor(units x cum) once; the fractions join the carry.
      let dust = carry2;
      for (const [w, units] of [
        [f.inv[0], 4_000n],
        [f.inv[1], 3_000n],
        [f.inv[2], 2_142n],
        [f.inv[3], 857n],
      ] as const) {
        expect(await f.bond.balanceOf(w.address)).to.equal(units);
        await expect(f.bond.connect(w).claimCoupons()).to.changeTokenBalances(
          ethers,
          f.cash,
          [w],
          [(units * cum) / SCALE],
        );
        dust += (units * cum) % SCALE;
      }
      // Every holding paid, the dust (each holding's fraction plus the recovery remainder) is whole
      // base units, swept: the bond then holds only the proceeds.
      expect(dust % SCALE).to.equal(0n);
      expect(await f.cash.balanceOf(f.addr)).to.equal(9_999n * FACE + dust / SCALE);
      await expect(f.bond.connect(f.issuer).sweepCarry())
        .to.emit(f.bond, "CarrySwept")
        .withArgs(f.issuer.address, dust / SCALE);
      expect(await f.cash.balanceOf(f.addr)).to.equal(9_999n * FACE);
    });
  });

  describe("transferFrom", () => {
    it("spends the allowance and refuses more than allowed or an ineligible recipient", async () => {
      const f = await networkHelpers.loadFixture(issued);
      await expect(f.bond.connect(f.inv[0]).approve(f.inv[1].address, 100n))
        .to.emit(f.bond, "Approval")
        .withArgs(f.inv[0].address, f.inv[1].address, 100n);
      await expect(
        f.bond.connect(f.inv[1]).transferFrom(f.inv[0].address, f.inv[2].address, 60n),
      ).to.changeTokenBalances(ethers, f.bond, [f.inv[0], f.inv[2]], [-60n, 60n]);
      expect(await f.bond.allowance(f.inv[0].address, f.inv[1].address)).to.equal(40n);
      await expect(f.bond.connect(f.inv[1]).transferFrom(f.inv[0].address, f.inv[2].address, 41n))
        .to.be.revertedWithCustomError(f.bond, "ERC20InsufficientAllowance")
        .withArgs(f.inv[1].address, 40n, 41n);
      await expect(f.bond.connect(f.inv[1]).transferFrom(f.inv[0].address, f.outsider.address, 1n))
        .to.be.revertedWithCustomError(f.bond, "BondIneligible")
        .withArgs(f.outsider.address, 1);
    });
  });

  describe("use of proceeds", () => {
    it("records loans to SMEs up to the proceeds and reports the share", async () => {
      const f = await networkHelpers.loadFixture(issued);
      const raised = 9_999n * FACE;
      await expect(f.bond.connect(f.issuer).recordDisbursement(f.alice.address, 600_000_00n, ethers.id("LOAN-1")))
        .to.emit(f.bond, "ProceedsDisbursed")
        .withArgs(f.alice.address, 600_000_00n, ethers.id("LOAN-1"));
      expect(await f.bond.smeShareBp()).to.equal((600_000_00n * 10_000n) / raised);
      await expect(f.bond.connect(f.issuer).recordDisbursement(f.alice.address, raised, ethers.id("LOAN-2")))
        .to.be.revertedWithCustomError(f.bond, "BondProceedsExceeded")
        .withArgs(600_000_00n + raised, raised);
      await expect(f.bond.connect(f.issuer).recordDisbursement(f.inv[0].address, 1n, ethers.id("LOAN-3")))
        .to.be.revertedWithCustomError(f.bond, "BondNotSme")
        .withArgs(f.inv[0].address);
      await expect(f.bond.connect(f.inv[0]).recordDisbursement(f.alice.address, 1n, ethers.id("LOAN-4")))
        .to.be.revertedWithCustomError(f.bond, "BondNotIssuer")
        .withArgs(f.inv[0].address);
    });
  });

  describe("supervision", () => {
    it("the guardian's pause stops transfers and claims", async () => {
      const f = await networkHelpers.loadFixture(issued);
      await expect(f.factory.connect(f.ops.guardian).pauseBond(f.addr)).to.emit(f.bond, "BondPauseSet").withArgs(true);
      await expect(f.bond.connect(f.inv[0]).transfer(f.inv[1].address, 1n)).to.be.revertedWithCustomError(
        f.bond,
        "BondPaused",
      );
      await expect(f.bond.connect(f.inv[0]).claimCoupons()).to.be.revertedWithCustomError(f.bond, "BondPaused");
      await (await f.factory.connect(f.ops.guardian).unpauseBond(f.addr)).wait();
      await expect(f.bond.connect(f.inv[0]).transfer(f.inv[1].address, 1n)).to.changeTokenBalances(
        ethers,
        f.bond,
        [f.inv[0], f.inv[1]],
        [-1n, 1n],
      );
      await expect(f.bond.connect(f.inv[0]).transfer(f.addr, 1n))
        .to.be.revertedWithCustomError(f.bond, "ERC20InvalidReceiver")
        .withArgs(f.addr);
      await expect(f.bond.connect(f.inv[0]).transfer(f.inv[1].address, 10_000n))
        .to.be.revertedWithCustomError(f.bond, "ERC20InsufficientBalance")
        .withArgs(f.inv[0].address, 3_999n, 10_000n);
    });

    it("a frozen holder cannot transfer; the regulator's forced transfer moves unclaimed coupons pro rata", async () => {
      const f = await networkHelpers.loadFixture(issued);
      await payCoupon(f, 1n);
      await (await f.registry.connect(f.ops.regulator).freezeWallet(f.inv[0].address, ethers.id("ORDER"))).wait();
      await expect(f.bond.connect(f.inv[0]).transfer(f.inv[1].address, 1n))
        .to.be.revertedWithCustomError(f.bond, "BondIneligible")
        .withArgs(f.inv[0].address, 5);
      // 1,000 of 4,000 units move with 1,000/4,000 of the 640,000 unclaimed.
      await expect(
        f.factory
          .connect(f.ops.regulator)
          .forceTransferBond(f.addr, f.inv[0].address, f.inv[1].address, 1_000n, ethers.id("ORDER")),
      )
        .to.emit(f.bond, "BondForcedTransfer")
        .withArgs(f.inv[0].address, f.inv[1].address, 1_000n, 160_000n, ethers.id("ORDER"));
      expect(await f.bond.claimable(f.inv[0].address)).to.equal(480_000n);
      expect(await f.bond.claimable(f.inv[1].address)).to.equal(480_000n + 160_000n);
      expect(await f.bond.balanceOf(f.inv[1].address)).to.equal(4_000n);
      await expect(
        f.factory
          .connect(f.ops.regulator)
          .forceTransferBond(f.addr, f.inv[0].address, f.outsider.address, 1n, ethers.ZeroHash),
      )
        .to.be.revertedWithCustomError(f.bond, "BondIneligible")
        .withArgs(f.outsider.address, 1);
    });
  });
});

/**
 * The issue's scenario: a bank issues 2,000,000 units of 100.00, 14-day book, 2.80%-3.60% in 5 bp
 * ticks, 40 investors bid; the book is finalised and every allocation delivered.
 */
async function scenario() {
  const f = await deployBondsOn(connection);
  const t = await f.terms();
  t.firstCallDate = BigInt(t.issueDate) + YEAR;
  t.callNotice = 30n * DAY;
  t.callPriceBp = 10_000;
  const bond = await f.createBond(t);
  const addr = await bond.getAddress();
  const inv = await f.investors(40, 200_000n * FACE, addr);
  await at(t.bookOpen);
  const units = (i: number) => 50_000n + 1_000n * BigInt(i);
  const yieldOf = (i: number) => 280 + 5 * ((i * 7) % 17);
  const demand = Array.from({ length: 17 }, () => 0n);
  for (let i = 0; i < 40; i++) {
    await (await bond.connect(inv[i]).bid(units(i), yieldOf(i))).wait();
    demand[(yieldOf(i) - 280) / 5] += units(i);
  }
  await at(t.bookClose);
  const c = clear(demand, 2_000_000n)!;
  await (await bond.connect(f.issuer).finalize(2_000_000n)).wait();
  const couponBp = BigInt(280 + 5 * c.tick);
  expect(await bond.clearing()).to.deep.equal([couponBp, BigInt(c.tick), c.fill, c.clearingDemand]);
  let supply = 0n;
  const alloc: bigint[] = [];
  for (let i = 0; i < 40; i++) {
    const tick = (yieldOf(i) - 280) / 5;
    const a = tick < c.tick ? units(i) : tick === c.tick ? proRata(units(i), c.fill, c.clearingDemand) : 0n;
    alloc.push(a);
    supply += a;
    await (await bond.claimAllocation(BigInt(i + 1))).wait();
    expect(await bond.balanceOf(inv[i].address)).to.equal(a);
    expect(await f.cash.balanceOf(inv[i].address)).to.equal(200_000n * FACE - a * FACE);
  }
  expect(await bond.totalSupply()).to.equal(supply);
  expect(2_000_000n - supply).to.be.lessThan(40n);
  expect(await f.cash.balanceOf(addr)).to.equal(supply * FACE);

  const s = schedule(t);
  return { f, t, bond, addr, inv, alloc, supply, couponBp, s };
}

describe("Bond scenario: 2,000,000 units of 100.00, 40 investors", () => {
  it("clears and allocates to the base unit, pays two coupons across transfers, is called early", async function () {
    this.timeout(600_000);
    const { f, t, bond, addr, inv, alloc, supply, couponBp, s } = await networkHelpers.loadFixture(scenario);
    void t;
    // Coupon 1, then a transfer, then coupon 2.
    const pay = async (k: bigint) => {
      await at(await bond.couponDate(k));
      const amount = await dueNow(bond, couponPerUnitScaled(s, k, couponBp));
      await f.fund(f.issuer, amount);
      await (await f.cash.connect(f.issuer).approve(addr, amount)).wait();
      await (await bond.connect(f.issuer).fundCoupon(k, amount)).wait();
    };
    await pay(1n);
    const [a, b] = [inv.findIndex((_, i) => alloc[i] > 0n), 39];
    await (await bond.connect(inv[a]).transfer(inv[b].address, alloc[a] / 2n)).wait();
    await pay(2n);
    // Exact per unit (x SCALE); each holding is owed its units x the coupons it held, rounded once.
    const k1 = couponPerUnitScaled(s, 1n, couponBp);
    const k2 = couponPerUnitScaled(s, 2n, couponBp);
    expect(k1 % SCALE).to.not.equal(0n); // 3.35% ACT/ACT on 100.00 is not a whole base unit a unit
    const half = alloc[a] / 2n;
    expect(await bond.claimable(inv[a].address)).to.equal((alloc[a] * k1 + (alloc[a] - half) * k2) / SCALE);
    expect(await bond.claimable(inv[b].address)).to.equal((alloc[b] * k1 + (alloc[b] + half) * k2) / SCALE);

    // Early call 60 days into the third period at par plus accrued.
    const callDate = (await bond.couponDate(2)) + 60n * DAY;
    await (await bond.connect(f.issuer).noticeCall(callDate)).wait();
    await at(callDate);
    const perUnit = FACE * SCALE + couponPerUnitScaled(s, 3n, couponBp, callDate);
    const due = await dueNow(bond, perUnit);
    await f.fund(f.issuer, due);
    await (await f.cash.connect(f.issuer).approve(addr, due)).wait();
    await (await bond.connect(f.issuer).fundRedemption(due)).wait();
    const before = await f.cash.balanceOf(inv[b].address);
    await (await bond.connect(inv[b]).redeem()).wait();
    expect((await f.cash.balanceOf(inv[b].address)) - before).to.equal(
      ((alloc[b] + half) * perUnit + alloc[b] * k1 + (alloc[b] + half) * k2) / SCALE,
    );
  });
});

describe("Bond scenario: default with partial recovery", () => {
  it("defaults on coupon 2 and shares a partial recovery pro rata to the base unit", async function () {
    this.timeout(600_000);
    const { f, bond, addr, inv, alloc, supply, couponBp, s } = await networkHelpers.loadFixture(scenario);
    await at(await bond.couponDate(1));
    const k1 = couponPerUnitScaled(s, 1n, couponBp);
    // The issuer funds the holdings' exact total rounded up once; the round-up is the first carry.
    const c1 = (k1 * supply + SCALE - 1n) / SCALE;
    await f.fund(f.issuer, c1);
    await (await f.cash.connect(f.issuer).approve(addr, c1)).wait();
    await expect(bond.connect(f.issuer).fundCoupon(1n, c1))
      .to.emit(bond, "CouponFunded")
      .withArgs(1n, k1 / SCALE, c1, f.issuer.address);
    const carry0 = c1 * SCALE - k1 * supply;
    await at((await bond.couponDate(2)) + 10n * DAY + 1n);
    await expect(bond.declareDefault()).to.emit(bond, "BondDefaulted").withArgs(2n, f.signers[0].address);
    // 40% of the principal comes back in two payments.
    const first = (supply * FACE * 25n) / 100n + 12_345n;
    const second = (supply * FACE * 15n) / 100n + 999n;
    await f.fund(f.issuer, first + second);
    await (await f.cash.connect(f.issuer).approve(addr, first + second)).wait();
    await (await bond.connect(f.issuer).payRecovery(first)).wait();
    // Each recovery shares amount + carry at SCALE precision; the remainder is carried.
    const p1 = (first * SCALE + carry0) / supply;
    const carry1 = first * SCALE + carry0 - p1 * supply;
    await (await bond.connect(f.issuer).payRecovery(second)).wait();
    const p2 = (second * SCALE + carry1) / supply;
    const carry2 = second * SCALE + carry1 - p2 * supply;
    const cum = k1 + p1 + p2;
    expect(await bond.distributed()).to.deep.equal([cum, carry2]);
    let paid = 0n;
    let dust = carry2;
    for (let i = 0; i < 40; i++) {
      expect(await bond.claimable(inv[i].address)).to.equal((alloc[i] * cum) / SCALE);
      if (alloc[i] > 0n) {
        await (await bond.connect(inv[i]).claimCoupons()).wait();
        paid += (alloc[i] * cum) / SCALE;
        dust += (alloc[i] * cum) % SCALE;
      }
    }
    // Paid and carried add up to everything funded and recovered.
    expect(paid + dust / SCALE).to.equal(c1 + first + second);
    // Left in the bond: the proceeds the issuer has not withdrawn and the carry, whole.
    expect(dust % SCALE).to.equal(0n);
    expect(await f.cash.balanceOf(addr)).to.equal(supply * FACE + dust / SCALE);
    await (await bond.connect(f.issuer).sweepCarry()).wait();
    expect(await f.cash.balanceOf(addr)).to.equal(supply * FACE);
  });
});
