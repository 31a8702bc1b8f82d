/**
 * Money-path safety of Bond and BondFactory (issue 12, findings 8-10 and governance), each written
 * as the attack a member (ordinary, lapsed, revoked or court-frozen) tried on main: there each one
 * defaulted, drained or mis-booked something; here each is refused or harmless, and every unit of
 * cash the bond holds is owed to someone who can get it out.
 */
import { expect } from "chai";

import { kindsOf } from "../../src/kinds.js";
import { couponPerUnitScaled } from "../../src/coupons.js";
import { scheduleTermsOf } from "../../src/areas/bonds.js";
import { deployBondsOn, SCALE, TERM_SHEET_URI } from "../helpers/bonds.js";
import { connection, DAY, YEAR } from "../helpers/fixtures.js";
import type { Bond } from "../../types/ethers-contracts/index.js";

const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

const FACE = 100_00n;
const CASH = 10_000_000_00n;
const WHY = ethers.encodeBytes32String("licence withdrawn");
const State = { Book: 0n, Cancelled: 1n, Live: 2n, Redeeming: 3n, Defaulted: 4n } as const;
const Ineligibility = { None: 0n, NotRegistered: 1n, Suspended: 2n, Revoked: 3n, KycExpired: 4n, Frozen: 5n };

async function at(ts: bigint | number) {
  if (BigInt(ts) > BigInt(await time.latest())) await time.increaseTo(ts);
}

/**
 * Four investors bid on a 10,000-unit semi-annual bond callable 30 days after issue: inv0 4,000 @
 * 3.00%, inv1 3,000 @ 3.10%, inv2 5,000 @ 3.20% (bid 3), inv3 2,000 @ 3.20% (bid 4) and 1,500 @
 * 3.30% (bid 5). Finalised at 10,000: 3.20% clears, 3,000 of 7,000 filled there pro rata (2,142
 * and 857; one unit left over).
 */
async function finalised() {
  const f = await deployBondsOn(connection);
  const inv = await f.investors(4, CASH);
  const base = await f.terms();
  const t = await f.terms({
    size: 10_000n,
    minTicket: 100n,
    maxTicket: 10_000n,
    firstCallDate: BigInt(base.issueDate) + 30n * DAY,
    callNotice: 10n * DAY,
    callPriceBp: 10_000,
  });
  const bond = await f.createBond(t);
  const addr = await bond.getAddress();
  for (const w of inv) await (await f.cash.connect(w).approve(addr, CASH)).wait();
  await at(t.bookOpen);
  await (await bond.connect(inv[0]).bid(4_000n, 300)).wait();
  await (await bond.connect(inv[1]).bid(3_000n, 310)).wait();
  await (await bond.connect(inv[2]).bid(5_000n, 320)).wait();
  await (await bond.connect(inv[3]).bid(2_000n, 320)).wait();
  await (await bond.connect(inv[3]).bid(1_500n, 330)).wait();
  await at(t.bookClose);
  await (await bond.connect(f.issuer).finalize(10_000n)).wait();
  const idOf = (w: { address: string }) => ethers.id(`INVESTOR-${w.address}`);
  return { ...f, inv, t, bond, addr, idOf };
}
type F = Awaited<ReturnType<typeof finalised>>;

/** Approves and funds `amount` of cash from the issuer into the bond. */
async function fundFromIssuer(f: F, amount: bigint) {
  await f.fund(f.issuer, amount);
  await (await f.cash.connect(f.issuer).approve(f.addr, amount)).wait();
}

/** Everything the bond owes: holders' and bidders' distributions, credits, escrow, proceeds. */
async function owed(f: F, bond: Bond, wallets: string[]) {
  let total = 0n;
  for (const w of wallets) total += (await bond.claimable(w)) + (await bond.refundOf(w));
  return total;
}

describe("Bond money-path safety", () => {
  describe("finding 8: one lapsed bidder no longer defaults the bond", () => {
    it("a revoked clearing bidder: coupon 1 is funded for every allocated unit, nobody can declare default", async () => {
      const f = await loadFixture(finalised);
      // The attack: inv2's participant is revoked before its allocation is delivered.
      await (await f.registry.connect(f.ops.registrar).revoke(f.idOf(f.inv[2]), WHY)).wait();
      for (const id of [1n, 2n, 4n, 5n]) await (await f.bond.claimAllocation(id)).wait();
      const c1 = await f.bond.couponDate(1);
      await at(c1);
      // 4,000 + 3,000 + 857 delivered; bid 3 still undelivered counts floor(5,000 x 3,000 / 7,000).
      expect(await f.bond.totalSupply()).to.equal(7_857n);
      expect(await f.bond.unitsOutstanding()).to.equal(9_999n);
      const perUnit = await f.bond.couponPerUnit(1);
      expect(perUnit).to.equal(160n);
      const amount = perUnit * 9_999n;
      await fundFromIssuer(f, amount);
      await expect(f.bond.connect(f.issuer).fundCoupon(1n, amount))
        .to.emit(f.bond, "CouponFunded")
        .withArgs(1n, perUnit, amount, f.issuer.address);
      await at(c1 + 11n * DAY);
      await expect(f.bond.declareDefault()).to.be.revertedWithCustomError(f.bond, "BondNoMissedPayment");
      expect(await f.bond.state()).to.equal(State.Live);
      // The holders are paid; the revoked bidder's 2,142 units are entitled since the issue date.
      await expect(f.bond.connect(f.inv[0]).claimCoupons()).to.changeTokenBalances(
        ethers,
        f.cash,
        [f.inv[0], f.addr],
        [4_000n * 160n, -(4_000n * 160n)],
      );
    });

    it("a suspended bidder's allocation is booked by anyone, its refund credited, all claimable once reinstated", async () => {
      const f = await loadFixture(finalised);
      for (const id of [1n, 2n, 4n, 5n]) await (await f.bond.claimAllocation(id)).wait();
      await at(await f.bond.couponDate(1));
      await fundFromIssuer(f, 160n * 9_999n);
      await (await f.bond.connect(f.issuer).fundCoupon(1n, 160n * 9_999n)).wait();
      await (await f.registry.connect(f.ops.registrar).suspend(f.idOf(f.inv[2]), WHY)).wait();
      // The issuer delivers it: the units are booked, the refund it cannot receive is credited.
      const refund = (5_000n - 2_142n) * FACE;
      const tx = f.bond.connect(f.issuer).claimAllocation(3n);
      await expect(tx).to.emit(f.bond, "AllocationClaimed").withArgs(3n, f.inv[2].address, 2_142n, refund);
      await expect(tx).to.emit(f.bond, "Credited").withArgs(f.inv[2].address, refund);
      expect(await f.bond.balanceOf(f.inv[2].address)).to.equal(2_142n);
      expect(await f.bond.claimable(f.inv[2].address)).to.equal(2_142n * 160n);
      expect(await f.bond.refundOf(f.inv[2].address)).to.equal(refund);
      expect(await f.bond.unitsOutstanding()).to.equal(9_999n);
      // While suspended it can neither move nor take them.
      await expect(f.bond.connect(f.inv[2]).transfer(f.inv[0].address, 1n))
        .to.be.revertedWithCustomError(f.bond, "BondIneligible")
        .withArgs(f.inv[2].address, Ineligibility.Suspended);
      await expect(f.bond.connect(f.inv[2]).withdrawRefund()).to.be.revertedWithCustomError(
        f.cash,
        "SettlementIneligible",
      );
      await (await f.registry.connect(f.ops.registrar).reinstate(f.idOf(f.inv[2]))).wait();
      await expect(f.bond.connect(f.inv[2]).withdrawRefund())
        .to.emit(f.bond, "RefundWithdrawn")
        .withArgs(f.inv[2].address, refund);
      await expect(f.bond.connect(f.inv[2]).claimCoupons()).to.changeTokenBalances(
        ethers,
        f.cash,
        [f.inv[2]],
        [2_142n * 160n],
      );
      await expect(f.bond.connect(f.inv[2]).withdrawRefund())
        .to.be.revertedWithCustomError(f.bond, "BondNothingToRefund")
        .withArgs(f.inv[2].address);
    });

    it("the unit left over at the clearing tick: what was funded for it goes back to the issuer", async () => {
      const f = await loadFixture(finalised);
      await at(await f.bond.couponDate(1));
      // Nothing delivered: 3,000 + 4,000 below and floor(7,000 x 3,000 / 7,000) = 3,000 at the tick.
      expect(await f.bond.unitsOutstanding()).to.equal(10_000n);
      await fundFromIssuer(f, 160n * 10_000n);
      await (await f.bond.connect(f.issuer).fundCoupon(1n, 160n * 10_000n)).wait();
      // Bid 4 (2,000 -> 857): the count drops to floor(5,000 x 3,000 / 7,000) = 2,142, one unit freed.
      await expect(f.bond.claimAllocation(4n)).to.emit(f.bond, "Credited").withArgs(f.issuer.address, 160n);
      expect(await f.bond.unitsOutstanding()).to.equal(9_999n);
      for (const id of [1n, 2n, 3n, 5n]) await (await f.bond.claimAllocation(id)).wait();
      expect(await f.bond.unitsOutstanding()).to.equal(await f.bond.totalSupply());
      // Every unit of cash in the bond is owed: coupons, the issuer's credit and its proceeds.
      const wallets = [...f.inv.map((w) => w.address), f.issuer.address];
      const [, raised, withdrawn] = await f.bond.proceeds();
      expect(await f.cash.balanceOf(f.addr)).to.equal((await owed(f, f.bond, wallets)) + raised - withdrawn);
    });

    it("a bid spammer cannot hold coupons hostage: nothing needs every bid delivered", async () => {
      const f = await loadFixture(finalised);
      // Nobody delivers anything; the coupon is funded all the same.
      await at(await f.bond.couponDate(1));
      await fundFromIssuer(f, 160n * 10_000n);
      await expect(f.bond.connect(f.issuer).fundCoupon(1n, 160n * 10_000n))
        .to.emit(f.bond, "CouponFunded")
        .withArgs(1n, 160n, 160n * 10_000n, f.issuer.address);
      const [, liveBids] = await f.bond.book();
      expect(liveBids).to.equal(5n);
      expect(await f.bond.couponsFunded()).to.equal(1n);
    });
  });

  describe("finding 9: the redemption is funded for every allocated unit", () => {
    async function called() {
      const f = await loadFixture(finalised);
      // bid 3 (inv2, 2,142 units) stays undelivered; the issuer takes the proceeds it can.
      for (const id of [1n, 2n, 4n, 5n]) await (await f.bond.claimAllocation(id)).wait();
      const [, raised] = await f.bond.proceeds();
      // 7,857 delivered + 0 undelivered below the clearing tick.
      expect(raised).to.equal(7_857n * FACE);
      await (await f.bond.connect(f.issuer).withdrawProceeds(raised)).wait();
      const callDate = BigInt(f.t.firstCallDate) + DAY;
      await (await f.bond.connect(f.issuer).noticeCall(callDate)).wait();
      await at(callDate);
      // Par plus the coupon accrued to the call date, exact per unit (x SCALE).
      const [couponBp] = await f.bond.clearing();
      const exact = FACE * SCALE + couponPerUnitScaled(scheduleTermsOf(f.t), 1n, couponBp, callDate);
      expect(exact / SCALE).to.equal(FACE + (await f.bond.accruedPerUnit(callDate)));
      /** What `units` are funded for (rounded up, no carry yet) or paid (rounded down). */
      const due = (units: bigint) => (exact * units + SCALE - 1n) / SCALE;
      const paid = (units: bigint) => (exact * units) / SCALE;
      return { ...f, callDate, exact, due, paid };
    }

    it("a call before coupon 1 with an allocation undelivered: funding only the delivered units is refused", async () => {
      const f = await called();
      // The attack on main: fund 7,857 units, then deliver bid 3 and let it drain the others' cash.
      await fundFromIssuer(f, f.due(9_999n));
      await expect(f.bond.connect(f.issuer).fundRedemption(f.due(7_857n)))
        .to.be.revertedWithCustomError(f.bond, "BondWrongRedemptionAmount")
        .withArgs(f.due(9_999n), f.due(7_857n));
      await expect(f.bond.connect(f.issuer).fundRedemption(f.due(9_999n)))
        .to.emit(f.bond, "RedemptionFunded")
        .withArgs(f.exact / SCALE, f.due(9_999n), f.issuer.address);
      // The late delivery and every redemption are paid in full; only the issuer's proceeds of the
      // late delivery remain.
      await (await f.bond.claimAllocation(3n)).wait();
      for (const w of [f.inv[2], f.inv[0], f.inv[1], f.inv[3]]) {
        const units = await f.bond.balanceOf(w.address);
        await expect(f.bond.connect(w).redeem()).to.changeTokenBalances(ethers, f.cash, [w], [f.paid(units)]);
      }
      expect(await f.bond.totalSupply()).to.equal(0n);
      const [, raised, withdrawn] = await f.bond.proceeds();
      expect(raised - withdrawn).to.equal(2_142n * FACE);
      // Beyond those proceeds the bond holds its carry (rounding up and each holding's fraction), whole.
      const [, carry] = await f.bond.distributed();
      expect(carry % SCALE).to.equal(0n);
      expect(await f.cash.balanceOf(f.addr)).to.equal(raised - withdrawn + carry / SCALE);
      await (await f.bond.connect(f.issuer).sweepCarry()).wait();
      expect(await f.cash.balanceOf(f.addr)).to.equal(raised - withdrawn);
    });

    it("a zero-coupon bond: coupon and redemption count an undelivered allocation", async () => {
      const f = await deployBondsOn(connection);
      const [a, b] = await f.investors(2, CASH);
      const t = await f.terms({ size: 1_000n, minTicket: 100n, maxTicket: 1_000n, frequency: 0, dayCount: 2 });
      t.maturity = BigInt(t.issueDate) + YEAR;
      const bond = await f.createBond(t);
      const addr = await bond.getAddress();
      for (const w of [a, b]) await (await f.cash.connect(w).approve(addr, CASH)).wait();
      await at(t.bookOpen);
      await (await bond.connect(a).bid(600n, 300)).wait();
      await (await bond.connect(b).bid(400n, 300)).wait();
      await at(t.bookClose);
      await (await bond.connect(f.issuer).finalize(1_000n)).wait();
      await (await bond.claimAllocation(1n)).wait();
      await at(t.maturity);
      const c = await bond.couponPerUnit(1);
      expect(await bond.unitsOutstanding()).to.equal(1_000n);
      await f.fund(f.issuer, (c + FACE) * 1_000n);
      await (await f.cash.connect(f.issuer).approve(addr, (c + FACE) * 1_000n)).wait();
      await expect(bond.connect(f.issuer).fundRedemption(FACE * 600n))
        .to.be.revertedWithCustomError(bond, "BondCouponOutstanding")
        .withArgs(1n);
      await (await bond.connect(f.issuer).fundCoupon(1n, c * 1_000n)).wait();
      await expect(bond.connect(f.issuer).fundRedemption(FACE * 600n))
        .to.be.revertedWithCustomError(bond, "BondWrongRedemptionAmount")
        .withArgs(FACE * 1_000n, FACE * 600n);
      await (await bond.connect(f.issuer).fundRedemption(FACE * 1_000n)).wait();
      await (await bond.claimAllocation(2n)).wait();
      await expect(bond.connect(b).redeem())
        .to.emit(bond, "Redeemed")
        .withArgs(b.address, 400n, 400n * FACE, 400n * c);
      await expect(bond.connect(a).redeem())
        .to.emit(bond, "Redeemed")
        .withArgs(a.address, 600n, 600n * FACE, 600n * c);
      // Only the issuer's proceeds remain.
      const [, raised, withdrawn] = await bond.proceeds();
      expect(await f.cash.balanceOf(addr)).to.equal(raised - withdrawn);
    });

    it("an amount above the figure pulls only the figure (a late delivery cannot make funding revert)", async () => {
      const f = await called();
      await fundFromIssuer(f, f.due(10_000n));
      await expect(f.bond.connect(f.issuer).fundRedemption(f.due(10_000n))).to.changeTokenBalances(
        ethers,
        f.cash,
        [f.issuer, f.addr],
        [-f.due(9_999n), f.due(9_999n)],
      );
    });
  });

  describe("finding 10: a fee-on-transfer currency is refused", () => {
    it("a bid in a currency that keeps 1% of every transfer reverts BondFeeOnTransfer", async () => {
      const f = await deployBondsOn(connection);
      const fot = await ethers.deployContract("FeeOnTransferToken", [100n]);
      const fotAddr = await fot.getAddress();
      await (await f.factory.connect(f.ops.assetAdmin).setCurrencyApproved(fotAddr, true)).wait();
      const [a] = await f.investors(1, 0n);
      const t = await f.terms({ currency: fotAddr, size: 1_000n, minTicket: 100n, maxTicket: 1_000n });
      const bond = await f.createBond(t);
      const addr = await bond.getAddress();
      await (await fot.mint(a.address, 1_000n * FACE)).wait();
      await (await fot.connect(a).approve(addr, 1_000n * FACE)).wait();
      await at(t.bookOpen);
      // The attack on main: 1,000 units escrowed for 990 x 100.00, later refunds and proceeds short.
      await expect(bond.connect(a).bid(1_000n, 300))
        .to.be.revertedWithCustomError(bond, "BondFeeOnTransfer")
        .withArgs(fotAddr, 1_000n * FACE, 990n * FACE);
      expect(await fot.balanceOf(addr)).to.equal(0n);
      const [bids] = await bond.book();
      expect(bids).to.equal(0n);
    });
  });

  describe("governance: who may issue, and symbols", () => {
    it("a factor cannot issue a bond: BondFactoryIssuerKindNotAllowed(factor, BANK | SME)", async () => {
      const f = await deployBondsOn(connection);
      const factor = f.signers[15];
      await f.registerLong("FACTOR-0001", factor, "FACTOR");
      const t = await f.terms({ issuer: factor.address });
      expect(await f.factory.ISSUER_KINDS()).to.equal(kindsOf("BANK", "SME"));
      await expect(f.factory.connect(factor).createBond(t, TERM_SHEET_URI, "Factor bond", "FCT1"))
        .to.be.revertedWithCustomError(f.factory, "BondFactoryIssuerKindNotAllowed")
        .withArgs(factor.address, kindsOf("BANK", "SME"));
      // An SME may issue its own bond.
      const sme = f.signers[16];
      await f.registerLong("SME-0001", sme, "SME");
      const s = await f.terms({ issuer: sme.address });
      await expect(f.factory.connect(sme).createBond(s, TERM_SHEET_URI, "SME bond", "SME1")).to.emit(
        f.factory,
        "BondCreated",
      );
    });

    it("the same symbol twice: BondFactorySymbolTaken(symbol, first bond)", async () => {
      const f = await deployBondsOn(connection);
      const t = await f.terms();
      const first = await f.factory.connect(f.issuer).createBond.staticCall(t, TERM_SHEET_URI, "A", "BOC26");
      await (await f.factory.connect(f.issuer).createBond(t, TERM_SHEET_URI, "A", "BOC26")).wait();
      expect(await f.factory.bondBySymbol("BOC26")).to.equal(first);
      await expect(f.factory.connect(f.issuer).createBond(t, TERM_SHEET_URI, "B", "BOC26"))
        .to.be.revertedWithCustomError(f.factory, "BondFactorySymbolTaken")
        .withArgs("BOC26", first);
      expect(await f.factory.bondCount()).to.equal(1n);
    });
  });

  describe("beyond the list", () => {
    it("a refund a third party delivers to a revoked bidder is credited, not lost or blocking", async () => {
      const f = await loadFixture(finalised);
      await (await f.registry.connect(f.ops.registrar).revoke(f.idOf(f.inv[3]), WHY)).wait();
      // Bid 5 is above the clearing yield: a full refund of 1,500 x 100.00.
      const tx = f.bond.connect(f.inv[0]).claimAllocation(5n);
      await expect(tx)
        .to.emit(f.bond, "Credited")
        .withArgs(f.inv[3].address, 1_500n * FACE);
      await expect(tx).to.changeTokenBalances(ethers, f.cash, [f.inv[3], f.addr], [0n, 0n]);
      expect(await f.bond.refundOf(f.inv[3].address)).to.equal(1_500n * FACE);
    });

    it("a cancelled book: every bid's escrow has a way out, whoever delivers it", async () => {
      const f = await deployBondsOn(connection);
      const [a, b] = await f.investors(2, CASH);
      const t = await f.terms({ size: 1_000n, minTicket: 100n, maxTicket: 1_000n });
      const bond = await f.createBond(t);
      const addr = await bond.getAddress();
      for (const w of [a, b]) await (await f.cash.connect(w).approve(addr, CASH)).wait();
      await at(t.bookOpen);
      await (await bond.connect(a).bid(500n, 300)).wait();
      await (await bond.connect(b).bid(500n, 300)).wait();
      // The issuer walks away; after the issue date anyone cancels.
      await at(BigInt(t.issueDate) + 1n);
      await expect(bond.connect(b).cancelBook()).to.emit(bond, "BookCancelled").withArgs(b.address);
      await (await f.registry.connect(f.ops.regulator).freezeWallet(a.address, ethers.id("ORDER"))).wait();
      await expect(bond.connect(b).claimAllocation(1n))
        .to.emit(bond, "Credited")
        .withArgs(a.address, 500n * FACE);
      await expect(bond.connect(b).claimAllocation(2n)).to.changeTokenBalances(ethers, f.cash, [b], [500n * FACE]);
      await (await f.registry.connect(f.ops.regulator).unfreezeWallet(a.address, ethers.id("ORDER"))).wait();
      await expect(bond.connect(a).withdrawRefund()).to.changeTokenBalances(ethers, f.cash, [a], [500n * FACE]);
      expect(await f.cash.balanceOf(addr)).to.equal(0n);
    });

    it("a forced transfer out of a frozen holder keeps the accounting: owed totals and cash unchanged", async () => {
      const f = await loadFixture(finalised);
      for (const id of [1n, 2n, 3n, 4n, 5n]) await (await f.bond.claimAllocation(id)).wait();
      await at(await f.bond.couponDate(1));
      await fundFromIssuer(f, 160n * 9_999n);
      await (await f.bond.connect(f.issuer).fundCoupon(1n, 160n * 9_999n)).wait();
      const wallets = [...f.inv.map((w) => w.address), f.issuer.address];
      const before = await owed(f, f.bond, wallets);
      await (await f.registry.connect(f.ops.regulator).freezeWallet(f.inv[2].address, ethers.id("ORDER"))).wait();
      // 1,071 of inv2's 2,142 units move with half its 342,720 unclaimed coupon.
      await expect(
        f.factory
          .connect(f.ops.regulator)
          .forceTransferBond(f.addr, f.inv[2].address, f.inv[1].address, 1_071n, ethers.id("ORDER")),
      )
        .to.emit(f.bond, "BondForcedTransfer")
        .withArgs(f.inv[2].address, f.inv[1].address, 1_071n, 171_360n, ethers.id("ORDER"));
      expect(await owed(f, f.bond, wallets)).to.equal(before);
      expect(await f.bond.totalSupply()).to.equal(9_999n);
      expect(await f.bond.unitsOutstanding()).to.equal(9_999n);
      // The recipient is paid in full; the frozen holder's remaining share waits for it.
      await expect(f.bond.connect(f.inv[1]).claimCoupons()).to.changeTokenBalances(
        ethers,
        f.cash,
        [f.inv[1]],
        [(3_000n + 1_071n) * 160n],
      );
      expect(await f.bond.claimable(f.inv[2].address)).to.equal(1_071n * 160n);
    });

    it("the extension refuses direct calls: BondExtensionDirectCall", async () => {
      const f = await deployBondsOn(connection);
      const ext = await ethers.getContractAt("BondExtension", await f.factory.bondExtension());
      await expect(ext.declareDefault()).to.be.revertedWithCustomError(ext, "BondExtensionDirectCall");
      await expect(ext.setPaused(true)).to.be.revertedWithCustomError(ext, "BondExtensionDirectCall");
    });
  });
});
