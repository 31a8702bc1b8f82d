/**
 * Money-path safety of FactoringMarket (issue #18, findings 7-13), each written as the attack a
 * member (ordinary, lapsed or court-frozen) tried on 53cbaf4. There every one of them stole, locked
 * or bricked something; here each is refused, or harmless, and every unit of cash has a way out.
 */
import { expect } from "chai";

import { Basis, discountPrice, platformFee } from "../../src/pricing.js";
import { connection, DAY, ethers, networkHelpers, reason } from "../helpers/fixtures.js";
import { deployMarketOn, FEE_BPS } from "../helpers/market.js";

const { loadFixture, time } = networkHelpers;

const FACE = 300_000_00n; // the fixture's payable: 300,000.00
const ORDER = ethers.id("court order 2026-044");
const WHY = ethers.encodeBytes32String("licence withdrawn");
const HoldKind = { None: 0n, Listing: 1n, Auction: 2n, Parked: 3n } as const;

async function market() {
  return deployMarketOn(connection);
}
type F = Awaited<ReturnType<typeof market>>;

async function now(): Promise<bigint> {
  return BigInt(await time.latest());
}

async function listParams(f: F, over: Record<string, unknown> = {}) {
  return {
    tokenId: f.token.tokenId,
    value: 0n,
    price: 0n,
    rateBps: 435n,
    basis: Basis.Act360,
    expiry: (await now()) + 7n * DAY,
    buyerKinds: 0n,
    recourse: false,
    collateral: 0n,
    ...over,
  };
}

async function remainingOf(f: F, tokenId: bigint): Promise<bigint> {
  return (await f.receivables.position(tokenId)).remaining;
}

async function idOf(f: F, wallet: { address: string }) {
  return f.registry.participantOf(wallet.address);
}

describe("FactoringMarket money-path safety", () => {
  describe("finding 7: an offer binds the state it priced", () => {
    async function offered() {
      const f = await loadFixture(market);
      const cash = await f.cash.getAddress();
      const expiry = (await now()) + 3n * DAY;
      await (await f.market.connect(f.bank).makeOffer(f.token.tokenId, cash, 295_515_00n, expiry, FACE)).wait();
      return { ...f, cash: f.cash, expiry };
    }

    it("the holder sends value away, then accepts: refused, and the offerer keeps its escrow", async () => {
      const f = await offered();
      // The attack: keep 1.00 in the offered fragment and move the rest to an accomplice.
      await (await f.receivables.connect(f.supplier).sendValue(f.token.tokenId, f.factor.address, FACE - 1_00n)).wait();
      await expect(f.market.connect(f.supplier).acceptOffer(1n))
        .to.be.revertedWithCustomError(f.market, "MarketOfferStale")
        .withArgs(1n, FACE, 1_00n);
      expect(await f.cash.balanceOf(f.marketAddr)).to.equal(295_515_00n);
      await expect(f.market.connect(f.bank).cancelOffer(1n)).to.changeTokenBalances(
        ethers,
        f.cash,
        [f.bank, f.marketAddr],
        [295_515_00n, -295_515_00n],
      );
    });

    it("a split or a claim since the offer voids it too", async () => {
      const f = await offered();
      await (await f.receivables.connect(f.supplier).split(f.token.tokenId, [100_000_00n, 200_000_00n])).wait();
      await expect(f.market.connect(f.supplier).acceptOffer(1n))
        .to.be.revertedWithCustomError(f.market, "MarketOfferStale")
        .withArgs(1n, FACE, 100_000_00n);

      const g = await offered();
      await (await g.receivables.connect(g.debtor).repay(g.token.rootId, 30_000_00n)).wait();
      // Paid but not yet claimed: still the fragment's to collect, the offer still holds...
      expect(await remainingOf(g, g.token.tokenId)).to.equal(FACE);
      await (await g.receivables.connect(g.supplier).claim(g.token.tokenId)).wait();
      // ...until the holder takes the cash out.
      await expect(g.market.connect(g.supplier).acceptOffer(1n))
        .to.be.revertedWithCustomError(g.market, "MarketOfferStale")
        .withArgs(1n, FACE, FACE - 30_000_00n);
    });

    it("an offer made on the partly collected state is accepted at that state", async () => {
      const f = await loadFixture(market);
      await (await f.receivables.connect(f.debtor).repay(f.token.rootId, 30_000_00n)).wait();
      await (await f.receivables.connect(f.supplier).claim(f.token.tokenId)).wait();
      const rem = await remainingOf(f, f.token.tokenId);
      await (
        await f.market
          .connect(f.bank)
          .makeOffer(f.token.tokenId, await f.cash.getAddress(), 265_000_00n, (await now()) + DAY, rem)
      ).wait();
      const fee = platformFee(265_000_00n, FEE_BPS);
      const tx = f.market.connect(f.supplier).acceptOffer(1n);
      await expect(tx).to.emit(f.market, "OfferAccepted").withArgs(1n, f.token.tokenId, f.supplier.address, fee);
      await expect(tx).to.changeTokenBalances(
        ethers,
        f.cash,
        [f.supplier, f.treasury, f.marketAddr],
        [265_000_00n - fee, fee, -265_000_00n],
      );
      expect(await f.receivables.ownerOf(f.token.tokenId)).to.equal(f.bank.address);
    });

    it("anyone may return an expired offer's escrow to its offerer", async () => {
      const f = await offered();
      await expect(f.market.connect(f.outsider).cancelOffer(1n))
        .to.be.revertedWithCustomError(f.market, "MarketNotOfferer")
        .withArgs(1n, f.outsider.address);
      await time.increaseTo(f.expiry + 1n);
      await expect(f.market.connect(f.outsider).cancelOffer(1n)).to.changeTokenBalances(
        ethers,
        f.cash,
        [f.bank, f.marketAddr],
        [295_515_00n, -295_515_00n],
      );
    });
  });

  describe("finding 8: prices are on what remains to be collected", () => {
    it("a 70% repaid fragment lists, quotes and sells on its 30%", async () => {
      const f = await loadFixture(market);
      await (await f.receivables.connect(f.debtor).repay(f.token.rootId, 210_000_00n)).wait();
      await (await f.receivables.connect(f.supplier).claim(f.token.tokenId)).wait();
      const p = await listParams(f);
      await expect(f.market.connect(f.supplier).list(p))
        .to.emit(f.market, "Listed")
        .withArgs(
          1n,
          f.token.tokenId,
          f.supplier.address,
          FACE,
          0n,
          435n,
          Basis.Act360,
          p.expiry,
          12n,
          false,
          90_000_00n,
        );
      const l = await f.market.listing(1n);
      expect(l.value).to.equal(FACE);
      expect(l.remaining).to.equal(90_000_00n);
      const quoted = await f.market.quote(1n);
      expect(quoted).to.equal(discountPrice(90_000_00n, 435n, f.token.due, await now(), Basis.Act360));
      expect(quoted).to.be.lessThan(90_000_00n);
      // A fixed price above what remains is refused.
      const g = await loadFixture(market);
      await (await g.receivables.connect(g.debtor).repay(g.token.rootId, 210_000_00n)).wait();
      await (await g.receivables.connect(g.supplier).claim(g.token.tokenId)).wait();
      await expect(g.market.connect(g.supplier).list(await listParams(g, { price: 90_000_01n })))
        .to.be.revertedWithCustomError(g.market, "MarketValueTooLarge")
        .withArgs(g.token.tokenId, 90_000_01n, 90_000_00n);
    });

    it("an auction's reserve cannot exceed what remains", async () => {
      const f = await loadFixture(market);
      await (await f.receivables.connect(f.debtor).repay(f.token.rootId, 210_000_00n)).wait();
      await (await f.receivables.connect(f.supplier).claim(f.token.tokenId)).wait();
      const end = (await now()) + DAY;
      await expect(f.market.connect(f.supplier).createAuction(f.token.tokenId, 90_000_01n, 1_00n, end, 0))
        .to.be.revertedWithCustomError(f.market, "MarketValueTooLarge")
        .withArgs(f.token.tokenId, 90_000_01n, 90_000_00n);
      await expect(f.market.connect(f.supplier).createAuction(f.token.tokenId, 80_000_00n, 1_00n, end, 0))
        .to.emit(f.market, "AuctionCreated")
        .withArgs(1n, f.token.tokenId, f.supplier.address, 80_000_00n, 1_00n, end, 12n, 90_000_00n);
    });
  });

  describe("finding 9: recourse does not pay twice", () => {
    it("the buyer collected 90% since the sale: recourse buys back 10% of the price", async () => {
      const f = await loadFixture(market);
      await (
        await f.market.connect(f.supplier).list(await listParams(f, { recourse: true, collateral: 50_000_00n }))
      ).wait();
      const price = await f.market.quote(1n);
      await (await f.market.connect(f.factor).buy(1n, price)).wait();
      await (await f.receivables.connect(f.debtor).repay(f.token.rootId, 270_000_00n)).wait();
      await (await f.receivables.connect(f.factor).claim(f.token.tokenId)).wait();
      await time.increaseTo(f.token.due + 37n * DAY + 1n);
      await (await f.receivables.connect(f.factor).declareDefault(f.token.tokenId)).wait();
      const owed = (price * 30_000_00n) / FACE;
      const tx = f.market.connect(f.factor).exerciseRecourse(1n);
      await expect(tx)
        .to.emit(f.market, "RecourseExercised")
        .withArgs(1n, f.factor.address, f.supplier.address, owed, owed, 0n);
      await expect(tx)
        .to.emit(f.market, "CollateralReleased")
        .withArgs(1n, f.supplier.address, 50_000_00n - owed);
      await expect(tx).to.changeTokenBalances(
        ethers,
        f.cash,
        [f.factor, f.supplier, f.marketAddr],
        [owed, 50_000_00n - owed, -50_000_00n],
      );
      expect(await f.receivables.ownerOf(f.token.tokenId)).to.equal(f.supplier.address);
      // 10% of the price for the 10% it did not collect (on 53cbaf4: 100% of the price).
      expect(owed).to.equal(price / 10n);
    });
  });

  describe("finding 10: a court order on a fragment in custody unwinds the trade", () => {
    it("a forced-out listing cannot be bought; anyone unwinds it and the collateral goes back", async () => {
      const f = await loadFixture(market);
      await (
        await f.market.connect(f.supplier).list(await listParams(f, { recourse: true, collateral: 10_000_00n }))
      ).wait();
      await (
        await f.receivables.connect(f.ops.regulator).forcedTransfer(f.token.tokenId, f.bank2.address, ORDER)
      ).wait();
      await expect(f.market.connect(f.factor).buy(1n, FACE))
        .to.be.revertedWithCustomError(f.market, "MarketFragmentGone")
        .withArgs(f.token.tokenId);
      const tx = f.market.connect(f.outsider).cancelListing(1n);
      await expect(tx).to.emit(f.market, "ListingUnwound").withArgs(1n, f.token.tokenId);
      await expect(tx).to.emit(f.market, "CollateralReleased").withArgs(1n, f.supplier.address, 10_000_00n);
      await expect(tx).to.changeTokenBalances(ethers, f.cash, [f.supplier, f.marketAddr], [10_000_00n, -10_000_00n]);
      expect((await f.market.listing(1n)).status).to.equal(0n);
      expect(await f.receivables.ownerOf(f.token.tokenId)).to.equal(f.bank2.address);
    });

    it("a forced-out auction refuses bids and settles at once, crediting the top bid", async () => {
      const f = await loadFixture(market);
      const end = (await now()) + DAY;
      await (await f.market.connect(f.supplier).createAuction(f.token.tokenId, 250_000_00n, 1_000_00n, end, 0)).wait();
      await (await f.market.connect(f.bank).bid(1n, 250_000_00n)).wait();
      await (
        await f.receivables.connect(f.ops.regulator).forcedTransfer(f.token.tokenId, f.bank2.address, ORDER)
      ).wait();
      await expect(f.market.connect(f.factor).bid(1n, 260_000_00n))
        .to.be.revertedWithCustomError(f.market, "MarketFragmentGone")
        .withArgs(f.token.tokenId);
      await expect(f.market.connect(f.outsider).settleAuction(1n))
        .to.emit(f.market, "AuctionUnwound")
        .withArgs(1n, f.token.tokenId, f.bank.address, 250_000_00n);
      expect(await f.market.refundOf(await f.cash.getAddress(), f.bank.address)).to.equal(250_000_00n);
      expect((await f.market.custodyOf(f.token.tokenId)).kind).to.equal(HoldKind.None);
      expect((await f.market.auction(1n)).open).to.equal(false);
      await expect(f.market.connect(f.bank).withdrawRefund(await f.cash.getAddress())).to.changeTokenBalances(
        ethers,
        f.cash,
        [f.bank, f.marketAddr],
        [250_000_00n, -250_000_00n],
      );
      expect(await f.cash.balanceOf(f.marketAddr)).to.equal(0n);
    });

    it("unwinding forgets the dead listing's custody record", async () => {
      const f = await loadFixture(market);
      await (await f.market.connect(f.supplier).list(await listParams(f))).wait();
      await (
        await f.receivables.connect(f.ops.regulator).forcedTransfer(f.token.tokenId, f.bank2.address, ORDER)
      ).wait();
      await (await f.market.connect(f.outsider).cancelListing(1n)).wait();
      expect((await f.market.custodyOf(f.token.tokenId)).kind).to.equal(HoldKind.None);
    });
  });

  describe("finding 11: an ineligible seller blocks nobody", () => {
    it("a revoked seller's auction settles: the winner gets the fragment, the proceeds are credited", async () => {
      const f = await loadFixture(market);
      const end = (await now()) + DAY;
      await (await f.market.connect(f.supplier).createAuction(f.token.tokenId, 250_000_00n, 1_000_00n, end, 0)).wait();
      await (await f.market.connect(f.bank).bid(1n, 250_000_00n)).wait();
      await (await f.registry.connect(f.ops.registrar).revoke(await idOf(f, f.supplier), WHY)).wait();
      await time.increaseTo(end + 1n);
      const fee = platformFee(250_000_00n, FEE_BPS);
      const tx = f.market.connect(f.bank).settleAuction(1n);
      await expect(tx).to.emit(f.market, "AuctionSettled").withArgs(1n, f.bank.address, 250_000_00n, fee);
      await expect(tx)
        .to.emit(f.market, "Credited")
        .withArgs(await f.cash.getAddress(), f.supplier.address, 250_000_00n - fee);
      await expect(tx).to.changeTokenBalances(ethers, f.cash, [f.treasury, f.marketAddr], [fee, -fee]);
      expect(await f.receivables.ownerOf(f.token.tokenId)).to.equal(f.bank.address);
      expect(await f.market.refundOf(await f.cash.getAddress(), f.supplier.address)).to.equal(250_000_00n - fee);
    });

    it("a suspended seller's listing still sells; the seller withdraws its proceeds once reinstated", async () => {
      const f = await loadFixture(market);
      await (await f.market.connect(f.supplier).list(await listParams(f, { price: 290_000_00n, rateBps: 0n }))).wait();
      const sid = await idOf(f, f.supplier);
      await (await f.registry.connect(f.ops.registrar).suspend(sid, WHY)).wait();
      const fee = platformFee(290_000_00n, FEE_BPS);
      const cash = await f.cash.getAddress();
      const tx = f.market.connect(f.factor).buy(1n, 290_000_00n);
      await expect(tx)
        .to.emit(f.market, "Credited")
        .withArgs(cash, f.supplier.address, 290_000_00n - fee);
      await expect(tx).to.changeTokenBalances(
        ethers,
        f.cash,
        [f.factor, f.treasury, f.marketAddr],
        [-290_000_00n, fee, 290_000_00n - fee],
      );
      expect(await f.receivables.ownerOf(f.token.tokenId)).to.equal(f.factor.address);
      await expect(f.market.connect(f.supplier).withdrawRefund(cash))
        .to.be.revertedWithCustomError(f.cash, "SettlementIneligible")
        .withArgs(f.supplier.address, reason("Suspended"));
      await (await f.registry.connect(f.ops.registrar).reinstate(sid)).wait();
      await expect(f.market.connect(f.supplier).withdrawRefund(cash)).to.changeTokenBalances(
        ethers,
        f.cash,
        [f.supplier, f.marketAddr],
        [290_000_00n - fee, -(290_000_00n - fee)],
      );
    });

    it("an unsold auction of a frozen seller parks the fragment until the seller can take it", async () => {
      const f = await loadFixture(market);
      const end = (await now()) + DAY;
      await (await f.market.connect(f.supplier).createAuction(f.token.tokenId, 250_000_00n, 1_000_00n, end, 0)).wait();
      await (await f.registry.connect(f.ops.regulator).freezeWallet(f.supplier.address, ORDER)).wait();
      await time.increaseTo(end + 1n);
      await expect(f.market.connect(f.outsider).settleAuction(1n))
        .to.emit(f.market, "FragmentParked")
        .withArgs(f.token.tokenId, f.supplier.address);
      const hold = await f.market.custodyOf(f.token.tokenId);
      expect(hold.kind).to.equal(HoldKind.Parked);
      expect(hold.owner).to.equal(f.supplier.address);
      await expect(f.market.connect(f.outsider).withdrawFragment(f.token.tokenId))
        .to.be.revertedWithCustomError(f.market, "MarketNotParked")
        .withArgs(f.token.tokenId, f.outsider.address);
      await (await f.registry.connect(f.ops.regulator).unfreezeWallet(f.supplier.address, ORDER)).wait();
      await expect(f.market.connect(f.supplier).withdrawFragment(f.token.tokenId))
        .to.emit(f.market, "FragmentWithdrawn")
        .withArgs(f.token.tokenId, f.supplier.address);
      expect(await f.receivables.ownerOf(f.token.tokenId)).to.equal(f.supplier.address);
    });
  });

  describe("finding 12: every collateral lock has an end", () => {
    it("resold without recourse and never settled: collateral comes back after the recourse deadline", async () => {
      const f = await loadFixture(market);
      await (
        await f.market.connect(f.supplier).list(await listParams(f, { recourse: true, collateral: 20_000_00n }))
      ).wait();
      await (await f.market.connect(f.factor).buy(1n, FACE)).wait();
      // The recourse buyer resells without recourse: nobody holding the fragment can exercise.
      await (await f.market.connect(f.factor).list(await listParams(f))).wait();
      await (await f.market.connect(f.bank).buy(2n, FACE)).wait();
      const deadline = await f.market.recourseDeadline(1n);
      expect(deadline).to.be.greaterThan(f.token.due);
      await expect(f.market.connect(f.outsider).releaseCollateral(1n))
        .to.be.revertedWithCustomError(f.market, "MarketCollateralLocked")
        .withArgs(1n, deadline);
      await time.increaseTo(deadline + 1n);
      const tx = f.market.connect(f.outsider).releaseCollateral(1n);
      await expect(tx).to.emit(f.market, "CollateralReleased").withArgs(1n, f.supplier.address, 20_000_00n);
      await expect(tx).to.changeTokenBalances(ethers, f.cash, [f.supplier, f.marketAddr], [20_000_00n, -20_000_00n]);
    });

    it("recourse cannot be exercised after its deadline", async () => {
      const f = await loadFixture(market);
      await (
        await f.market.connect(f.supplier).list(await listParams(f, { recourse: true, collateral: 20_000_00n }))
      ).wait();
      await (await f.market.connect(f.factor).buy(1n, FACE)).wait();
      const deadline = await f.market.recourseDeadline(1n);
      await time.increaseTo(deadline + 1n);
      await (await f.receivables.connect(f.factor).declareDefault(f.token.tokenId)).wait();
      await expect(f.market.connect(f.factor).exerciseRecourse(1n))
        .to.be.revertedWithCustomError(f.market, "MarketRecourseExpired")
        .withArgs(1n, deadline);
    });
  });

  describe("finding 13: auctions cannot be gamed", () => {
    it("refuses a zero minimum increment, so an equal bid never displaces the leader", async () => {
      const f = await loadFixture(market);
      await expect(
        f.market.connect(f.supplier).createAuction(f.token.tokenId, 250_000_00n, 0n, (await now()) + DAY, 0),
      ).to.be.revertedWithCustomError(f.market, "MarketZeroIncrement");
      await (
        await f.market.connect(f.supplier).createAuction(f.token.tokenId, 250_000_00n, 1n, (await now()) + DAY, 0)
      ).wait();
      await (await f.market.connect(f.bank).bid(1n, 250_000_00n)).wait();
      await expect(f.market.connect(f.factor).bid(1n, 250_000_00n))
        .to.be.revertedWithCustomError(f.market, "MarketBidTooLow")
        .withArgs(1n, 250_000_00n, 250_000_01n);
    });

    it("late bids extend the auction by at most MAX_EXTENSION past its planned end", async () => {
      const f = await loadFixture(market);
      const end = (await now()) + DAY;
      await (await f.market.connect(f.supplier).createAuction(f.token.tokenId, 100_000_00n, 1n, end, 0)).wait();
      const latest = (await f.market.auction(1n)).latestEnd;
      expect(latest).to.equal(end + (await f.market.MAX_EXTENSION()));
      let amount = 100_000_00n;
      const bidders = [f.bank, f.factor];
      // Two bidders outbid each other every 9 minutes, 5 minutes before the end: 170 extensions.
      await time.increaseTo(end - 300n);
      for (let i = 0; ; i++) {
        const a = await f.market.auction(1n);
        if (BigInt(await time.latest()) + 1n > a.endTime) break;
        await (await f.market.connect(bidders[i % 2]!).bid(1n, amount)).wait();
        amount += 1n;
        expect((await f.market.auction(1n)).endTime).to.be.lessThanOrEqual(latest);
        await time.increase(9n * 60n);
      }
      expect((await f.market.auction(1n)).endTime).to.equal(latest);
      await expect(f.market.connect(f.bank).bid(1n, amount + 1_000n))
        .to.be.revertedWithCustomError(f.market, "MarketAuctionEnded")
        .withArgs(1n, latest);
    });
  });
});
