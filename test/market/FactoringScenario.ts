import { expect } from "chai";

import { Basis, discountPrice, platformFee } from "../../src/pricing.js";
import { connection, DAY, ethers, networkHelpers } from "../helpers/fixtures.js";
import { deployMarketOn, FEE_BPS } from "../helpers/market.js";

const { loadFixture, time } = networkHelpers;

const FACE = 300_000_00n;
const GRACE = 7n * DAY;
const DEFAULT_PERIOD = 30n * DAY;
const RecourseStatus = { None: 0n, Listed: 1n, Sold: 2n, Exercised: 3n } as const;
const Status = { Confirmed: 2n, Defaulted: 5n } as const;

async function market() {
  return deployMarketOn(connection);
}
type F = Awaited<ReturnType<typeof market>>;

async function listing(f: F, over: Record<string, unknown> = {}) {
  return {
    tokenId: f.token.tokenId,
    value: 0n,
    price: 0n,
    rateBps: 435n,
    basis: Basis.Act360,
    expiry: BigInt(await time.latest()) + 7n * DAY,
    buyerKinds: 0n,
    recourse: true,
    collateral: 10_000_00n,
    ...over,
  };
}

/** Cash balances of the fixture's parties, keyed by name. */
async function balances(f: F) {
  const names = ["supplier", "factor", "bank", "bank2", "treasury", "debtor"] as const;
  const out: Record<string, bigint> = {};
  for (const n of names) out[n] = await f.cash.balanceOf(f[n].address);
  out.market = await f.cash.balanceOf(f.marketAddr);
  return out;
}

/** Expects each party's balance to have moved by `delta` (0 for parties not named). */
async function expectMoved(f: F, before: Record<string, bigint>, delta: Record<string, bigint>) {
  const after = await balances(f);
  for (const k of Object.keys(before)) expect(after[k] - before[k], k).to.equal(delta[k] ?? 0n);
  return after;
}

/** Supplier -> factor with recourse (supplier collateral 10,000.00); factor -> bank with recourse,
 * guaranteed by bank2 (50,000.00). */
async function refactored() {
  const f = await loadFixture(market);
  await (await f.market.connect(f.supplier).list(await listing(f))).wait();
  await (await f.market.connect(f.factor).buy(1n, FACE)).wait();
  await time.increaseTo(f.token.due - 60n * DAY + 10n);
  await (
    await f.market.connect(f.factor).list(await listing(f, { rateBps: 400n, buyerKinds: 1n << 3n, collateral: 0n }))
  ).wait();
  await (await f.market.connect(f.bank2).postCollateral(2n, 50_000_00n)).wait();
  await (await f.market.connect(f.bank).buy(2n, FACE)).wait();
  return f;
}

async function defaulted() {
  const f = await refactored();
  await time.increaseTo(f.token.due + GRACE + DEFAULT_PERIOD + 1n);
  await (await f.receivables.connect(f.bank).declareDefault(f.token.tokenId)).wait();
  return f;
}

describe("FactoringMarket recourse", () => {
  describe("postCollateral", () => {
    it("lets a guarantor post collateral and refuses a second provider", async () => {
      const f = await loadFixture(market);
      await (await f.market.connect(f.supplier).list(await listing(f, { collateral: 0n }))).wait();
      await expect(f.market.connect(f.bank2).postCollateral(1n, 20_000_00n))
        .to.emit(f.market, "CollateralPosted")
        .withArgs(1n, f.bank2.address, 20_000_00n);
      expect((await f.market.recourseOf(1n)).provider).to.equal(f.bank2.address);
      await expect(f.market.connect(f.bank).postCollateral(1n, 1n))
        .to.be.revertedWithCustomError(f.market, "MarketCollateralProvider")
        .withArgs(1n, f.bank2.address);
      await expect(f.market.connect(f.bank2).postCollateral(1n, 0n)).to.be.revertedWithCustomError(
        f.market,
        "MarketZeroAmount",
      );
      await expect(f.market.connect(f.bank2).postCollateral(1n, 2n ** 96n))
        .to.be.revertedWithCustomError(f.market, "MarketAmountTooLarge")
        .withArgs(2n ** 96n);
    });

    it("reverts on a non-recourse listing", async () => {
      const f = await loadFixture(market);
      await (await f.market.connect(f.supplier).list(await listing(f, { recourse: false, collateral: 0n }))).wait();
      await expect(f.market.connect(f.bank2).postCollateral(1n, 1n))
        .to.be.revertedWithCustomError(f.market, "MarketRecourseNotExercisable")
        .withArgs(1n, RecourseStatus.None);
    });
  });

  describe("exerciseRecourse", () => {
    it("reverts before the root is declared defaulted", async () => {
      const f = await refactored();
      await expect(f.market.connect(f.bank).exerciseRecourse(2n))
        .to.be.revertedWithCustomError(f.market, "MarketRootNotDefaulted")
        .withArgs(f.token.rootId, Status.Confirmed);
    });

    it("reverts for anyone but the buyer, and for an unsold or non-recourse listing", async () => {
      const f = await defaulted();
      await expect(f.market.connect(f.factor).exerciseRecourse(2n))
        .to.be.revertedWithCustomError(f.market, "MarketNotRecourseBuyer")
        .withArgs(2n, f.factor.address);
      await expect(f.market.connect(f.bank).exerciseRecourse(7n))
        .to.be.revertedWithCustomError(f.market, "MarketRecourseNotExercisable")
        .withArgs(7n, RecourseStatus.None);
    });

    it("reverts when the buyer no longer holds the fragment", async () => {
      const f = await defaulted();
      await (await f.receivables.connect(f.bank).transferFrom(f.bank.address, f.bank2.address, f.token.tokenId)).wait();
      await expect(f.market.connect(f.bank).exerciseRecourse(2n))
        .to.be.revertedWithCustomError(f.market, "MarketNotHolder")
        .withArgs(f.token.tokenId, f.bank.address);
    });

    it("reverts when exercised twice", async () => {
      const f = await defaulted();
      await (await f.market.connect(f.bank).exerciseRecourse(2n)).wait();
      await expect(f.market.connect(f.bank).exerciseRecourse(2n))
        .to.be.revertedWithCustomError(f.market, "MarketRecourseNotExercisable")
        .withArgs(2n, RecourseStatus.Exercised);
    });

    it("returns surplus collateral to its provider", async () => {
      const f = await loadFixture(market);
      await (
        await f.market.connect(f.supplier).list(await listing(f, { price: 5_000_00n, collateral: 8_000_00n }))
      ).wait();
      await (await f.market.connect(f.factor).buy(1n, FACE)).wait();
      await time.increaseTo(f.token.due + GRACE + DEFAULT_PERIOD + 1n);
      await (await f.receivables.connect(f.factor).declareDefault(f.token.tokenId)).wait();
      const tx = f.market.connect(f.factor).exerciseRecourse(1n);
      await expect(tx)
        .to.emit(f.market, "RecourseExercised")
        .withArgs(1n, f.factor.address, f.supplier.address, 5_000_00n, 5_000_00n, 0n)
        .and.to.emit(f.market, "CollateralReleased")
        .withArgs(1n, f.supplier.address, 3_000_00n);
      await expect(tx).to.changeTokenBalances(
        ethers,
        f.cash,
        [f.factor, f.supplier, f.marketAddr],
        [5_000_00n, 3_000_00n, -8_000_00n],
      );
    });
  });

  describe("settleRecourseDebt", () => {
    it("reverts without debt, for zero and above the debt", async () => {
      const f = await defaulted();
      await expect(f.market.connect(f.factor).settleRecourseDebt(2n, 1n))
        .to.be.revertedWithCustomError(f.market, "MarketNoRecourseDebt")
        .withArgs(2n);
      await (await f.market.connect(f.bank).exerciseRecourse(2n)).wait();
      await expect(f.market.connect(f.factor).settleRecourseDebt(2n, 0n)).to.be.revertedWithCustomError(
        f.market,
        "MarketZeroAmount",
      );
      await expect(f.market.connect(f.factor).settleRecourseDebt(2n, 248_000_01n))
        .to.be.revertedWithCustomError(f.market, "MarketAmountAboveDebt")
        .withArgs(2n, 248_000_01n, 248_000_00n);
    });
  });

  describe("releaseCollateral", () => {
    it("reverts until the root is settled, then returns the collateral to its provider", async () => {
      const f = await refactored();
      await expect(f.market.connect(f.debtor).releaseCollateral(2n))
        .to.be.revertedWithCustomError(f.market, "MarketCollateralLocked")
        .withArgs(2n, await f.market.recourseDeadline(2n));
      await (await f.receivables.connect(f.debtor).repay(f.token.rootId, FACE)).wait();
      const tx = f.market.connect(f.debtor).releaseCollateral(2n);
      await expect(tx).to.emit(f.market, "CollateralReleased").withArgs(2n, f.bank2.address, 50_000_00n);
      await expect(tx).to.changeTokenBalances(ethers, f.cash, [f.bank2, f.marketAddr], [50_000_00n, -50_000_00n]);
      await expect(f.market.connect(f.debtor).releaseCollateral(2n))
        .to.be.revertedWithCustomError(f.market, "MarketNoCollateral")
        .withArgs(2n);
    });
  });
});

describe("FactoringMarket auctions", () => {
  async function auctioned() {
    const f = await loadFixture(market);
    const end = BigInt(await time.latest()) + DAY;
    await (await f.market.connect(f.supplier).createAuction(f.token.tokenId, 250_000_00n, 1_000_00n, end, 0)).wait();
    return { ...f, end };
  }

  it("createAuction takes custody and refuses bad input", async () => {
    const f = await auctioned();
    expect(await f.receivables.ownerOf(f.token.tokenId)).to.equal(f.marketAddr);
    const a = await f.market.auction(1n);
    expect(a.reserve).to.equal(250_000_00n);
    expect(a.open).to.equal(true);
    const other = await f.payable(1_000_00n, "INV-A2");
    const t = BigInt(await time.latest());
    await expect(
      f.market.connect(f.supplier).createAuction(other.tokenId, 0n, 1n, t + DAY, 0),
    ).to.be.revertedWithCustomError(f.market, "MarketZeroPrice");
    await expect(
      f.market.connect(f.supplier).createAuction(other.tokenId, 1n, 0n, t + DAY, 0),
    ).to.be.revertedWithCustomError(f.market, "MarketZeroIncrement");
    await expect(f.market.connect(f.supplier).createAuction(other.tokenId, 1n, 1n, t, 0))
      .to.be.revertedWithCustomError(f.market, "MarketBadAuctionEnd")
      .withArgs(t, t + 1n, 90n * DAY);
    await expect(f.market.connect(f.factor).createAuction(other.tokenId, 1n, 1n, t + DAY, 0))
      .to.be.revertedWithCustomError(f.market, "MarketNotHolder")
      .withArgs(other.tokenId, f.factor.address);
  });

  it("bid refuses low bids, ineligible bidders and late bids", async () => {
    const f = await auctioned();
    await expect(f.market.connect(f.bank).bid(1n, 249_999_99n))
      .to.be.revertedWithCustomError(f.market, "MarketBidTooLow")
      .withArgs(1n, 249_999_99n, 250_000_00n);
    await (await f.market.connect(f.bank).bid(1n, 250_000_00n)).wait();
    await expect(f.market.connect(f.factor).bid(1n, 250_999_99n))
      .to.be.revertedWithCustomError(f.market, "MarketBidTooLow")
      .withArgs(1n, 250_999_99n, 251_000_00n);
    await expect(f.market.connect(f.supplier).bid(1n, 260_000_00n))
      .to.be.revertedWithCustomError(f.market, "MarketBuyerNotEligible")
      .withArgs(f.supplier.address, (1n << 2n) | (1n << 3n));
    await time.increaseTo(f.end + 1n);
    await expect(f.market.connect(f.factor).bid(1n, 260_000_00n))
      .to.be.revertedWithCustomError(f.market, "MarketAuctionEnded")
      .withArgs(1n, f.end);
  });

  it("settleAuction reverts before the end and returns the fragment when nobody bid", async () => {
    const f = await auctioned();
    await expect(f.market.connect(f.debtor).settleAuction(1n))
      .to.be.revertedWithCustomError(f.market, "MarketAuctionNotEnded")
      .withArgs(1n, f.end);
    await time.increaseTo(f.end + 1n);
    await expect(f.market.connect(f.debtor).settleAuction(1n))
      .to.emit(f.market, "AuctionSettled")
      .withArgs(1n, ethers.ZeroAddress, 0n, 0n);
    expect(await f.receivables.ownerOf(f.token.tokenId)).to.equal(f.supplier.address);
    await expect(f.market.connect(f.debtor).settleAuction(1n))
      .to.be.revertedWithCustomError(f.market, "MarketUnknownAuction")
      .withArgs(1n);
  });

  it("settleAuction refunds a winner that became ineligible and returns the fragment", async () => {
    const f = await auctioned();
    const cash = await f.cash.getAddress();
    await (await f.market.connect(f.bank).bid(1n, 250_000_00n)).wait();
    await (await f.registry.connect(f.ops.registrar).suspend(ethers.id("BANK-1"), ethers.id("AML"))).wait();
    await time.increaseTo(f.end + 1n);
    await expect(f.market.connect(f.debtor).settleAuction(1n))
      .to.emit(f.market, "AuctionDeliveryFailed")
      .withArgs(1n, f.bank.address, 250_000_00n);
    expect(await f.receivables.ownerOf(f.token.tokenId)).to.equal(f.supplier.address);
    expect(await f.market.refundOf(cash, f.bank.address)).to.equal(250_000_00n);
    await (await f.registry.connect(f.ops.registrar).reinstate(ethers.id("BANK-1"))).wait();
    await expect(f.market.connect(f.bank).withdrawRefund(cash)).to.changeTokenBalances(
      ethers,
      f.cash,
      [f.bank, f.marketAddr],
      [250_000_00n, -250_000_00n],
    );
  });

  it("withdrawRefund reverts with nothing to refund", async () => {
    const f = await auctioned();
    const cash = await f.cash.getAddress();
    await expect(f.market.connect(f.bank).withdrawRefund(cash))
      .to.be.revertedWithCustomError(f.market, "MarketNothingToRefund")
      .withArgs(cash, f.bank.address);
  });
});

describe("FactoringMarket scenario: supplier -> factor -> bank, default, recourse chain, NPA auction", () => {
  it("moves every balance as expected at every step", async () => {
    const f = await loadFixture(market);
    const cashAddr = await f.cash.getAddress();
    let b = await balances(f);

    // 1. The tier-1 supplier lists 300,000.00 at 4.35% ACT/360, 90 days, with recourse and
    //    10,000.00 collateral.
    await (await f.market.connect(f.supplier).list(await listing(f))).wait();
    b = await expectMoved(f, b, { supplier: -10_000_00n, market: 10_000_00n });
    const price1 = 296_737_50n; // 300,000.00 - ceil(300,000.00 x 4.35% x 90 / 360) = - 3,262.50
    expect(await f.market.quote(1n)).to.equal(price1);
    const fee1 = platformFee(price1, FEE_BPS);
    expect(fee1).to.equal(1_483_68n);

    // 2. A factor buys it.
    await (await f.market.connect(f.factor).buy(1n, price1)).wait();
    b = await expectMoved(f, b, { factor: -price1, supplier: price1 - fee1, treasury: fee1 });
    expect(await f.receivables.ownerOf(f.token.tokenId)).to.equal(f.factor.address);

    // 3. 30 days later the factor re-sells to a bank at 4.00% with recourse; bank2 guarantees it
    //    with 50,000.00.
    await time.increaseTo(f.token.due - 60n * DAY + 10n);
    await (
      await f.market.connect(f.factor).list(await listing(f, { rateBps: 400n, buyerKinds: 1n << 3n, collateral: 0n }))
    ).wait();
    b = await expectMoved(f, b, {});
    await (await f.market.connect(f.bank2).postCollateral(2n, 50_000_00n)).wait();
    b = await expectMoved(f, b, { bank2: -50_000_00n, market: 50_000_00n });
    const price2 = 298_000_00n; // 300,000.00 - 300,000.00 x 4.00% x 60 / 360
    const t2 = BigInt(await time.latest()) + 1n;
    expect(discountPrice(FACE, 400n, f.token.due, t2, Basis.Act360)).to.equal(price2);
    const fee2 = platformFee(price2, FEE_BPS);
    await time.setNextBlockTimestamp(t2);
    await (await f.market.connect(f.bank).buy(2n, price2)).wait();
    b = await expectMoved(f, b, { bank: -price2, factor: price2 - fee2, treasury: fee2 });

    // 4. The debtor defaults; the bank declares it.
    await time.increaseTo(f.token.due + GRACE + DEFAULT_PERIOD + 1n);
    await (await f.receivables.connect(f.bank).declareDefault(f.token.tokenId)).wait();

    // 5. The bank exercises recourse against the factor: bank2's collateral pays 50,000.00, the
    //    factor owes the bank 248,000.00, the fragment goes back to the factor.
    await expect(f.market.connect(f.bank).exerciseRecourse(2n))
      .to.emit(f.market, "RecourseExercised")
      .withArgs(2n, f.bank.address, f.factor.address, price2, 50_000_00n, price2 - 50_000_00n);
    b = await expectMoved(f, b, { bank: 50_000_00n, market: -50_000_00n });
    expect(await f.receivables.ownerOf(f.token.tokenId)).to.equal(f.factor.address);
    expect((await f.market.recourseOf(2n)).debt).to.equal(248_000_00n);

    // 6. The factor exercises against the supplier: 10,000.00 collateral, 286,737.50 debt.
    await (await f.market.connect(f.factor).exerciseRecourse(1n)).wait();
    b = await expectMoved(f, b, { factor: 10_000_00n, market: -10_000_00n });
    expect(await f.receivables.ownerOf(f.token.tokenId)).to.equal(f.supplier.address);
    const r1 = await f.market.recourseOf(1n);
    expect(r1.debt).to.equal(price1 - 10_000_00n);
    expect(r1.status).to.equal(RecourseStatus.Exercised);

    // 7. The supplier pays its recourse debt to the factor; the factor pays part of its own.
    await expect(f.market.connect(f.supplier).settleRecourseDebt(1n, price1 - 10_000_00n))
      .to.emit(f.market, "RecourseDebtSettled")
      .withArgs(1n, f.supplier.address, price1 - 10_000_00n, 0n);
    b = await expectMoved(f, b, { supplier: -(price1 - 10_000_00n), factor: price1 - 10_000_00n });
    await (await f.market.connect(f.factor).settleRecourseDebt(2n, 100_000_00n)).wait();
    b = await expectMoved(f, b, { factor: -100_000_00n, bank: 100_000_00n });
    expect((await f.market.recourseOf(2n)).debt).to.equal(148_000_00n);

    // 8. The supplier auctions the defaulted fragment (non-performing asset disposal).
    const end = BigInt(await time.latest()) + DAY;
    await (await f.market.connect(f.supplier).createAuction(f.token.tokenId, 30_000_00n, 1_000_00n, end, 0)).wait();
    expect(await f.receivables.ownerOf(f.token.tokenId)).to.equal(f.marketAddr);
    await (await f.market.connect(f.bank2).bid(1n, 30_000_00n)).wait();
    b = await expectMoved(f, b, { bank2: -30_000_00n, market: 30_000_00n });
    await (await f.market.connect(f.bank).bid(1n, 31_000_00n)).wait();
    b = await expectMoved(f, b, { bank: -31_000_00n, market: 31_000_00n });
    expect(await f.market.refundOf(cashAddr, f.bank2.address)).to.equal(30_000_00n);
    // A late bid extends the end.
    await time.increaseTo(end - 60n);
    await expect(f.market.connect(f.bank2).bid(1n, 32_000_00n))
      .to.emit(f.market, "BidPlaced")
      .withArgs(1n, f.bank2.address, 32_000_00n, end - 59n + 600n);
    b = await expectMoved(f, b, { bank2: -32_000_00n, market: 32_000_00n });
    await time.increaseTo(end + 1n);
    await expect(f.market.connect(f.debtor).settleAuction(1n)).to.be.revertedWithCustomError(
      f.market,
      "MarketAuctionNotEnded",
    );
    await time.increaseTo(end - 59n + 601n);
    const fee3 = platformFee(32_000_00n, FEE_BPS);
    await expect(f.market.connect(f.debtor).settleAuction(1n))
      .to.emit(f.market, "AuctionSettled")
      .withArgs(1n, f.bank2.address, 32_000_00n, fee3);
    b = await expectMoved(f, b, { supplier: 32_000_00n - fee3, treasury: fee3, market: -32_000_00n });
    expect(await f.receivables.ownerOf(f.token.tokenId)).to.equal(f.bank2.address);

    // 9. Outbid bidders pull their refunds; the market holds nothing any more.
    await (await f.market.connect(f.bank2).withdrawRefund(cashAddr)).wait();
    await (await f.market.connect(f.bank).withdrawRefund(cashAddr)).wait();
    b = await expectMoved(f, b, { bank2: 30_000_00n, bank: 31_000_00n, market: -61_000_00n });
    expect(b.market).to.equal(0n);

    // 10. A late collection goes to the auction winner.
    await (await f.receivables.connect(f.debtor).repay(f.token.rootId, 20_000_00n)).wait();
    await (await f.receivables.connect(f.bank2).claim(f.token.tokenId)).wait();
    await expectMoved(f, b, { debtor: -20_000_00n, bank2: 20_000_00n });
  });
});
