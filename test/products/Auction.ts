import { anyValue } from "@nomicfoundation/hardhat-ethers-chai-matchers/withArgs";
import { expect } from "chai";

import { connection, ethers } from "../helpers/fixtures.js";
import { DAY } from "../helpers/foundation.js";
import { Custody, Phase } from "../helpers/products.js";
import { productsFixture } from "./fixtures.js";

const { networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

const FEE_BPS = 100n; // the market's fee in these tests: 1.00%
const ORDER = ethers.encodeBytes32String("ORDER-1");

/**
 * Two tranches (800,000.00 senior at 0%, 200,000.00 junior), no product fees, over F1 600,000.00
 * (180 days) and F2 400,000.00 (30 days); F2 is past its default date and declared defaulted.
 * Investor 0 holds the senior shares, investor 1 the junior. Two registered factors (fresh wallets,
 * 1,000,000.00 each) bid at the market, whose fee is 1.00% to a market treasury.
 */
async function auctionFixture() {
  const p = await productsFixture();
  const f1 = await p.fragment(600_000_00n, 180n * DAY);
  const f2 = await p.fragment(400_000_00n, 30n * DAY);
  const { product, tokens, address } = await p.create([f1, f2], {
    seniorBps: 8_000,
    seniorRateBps: 0,
    servicingFeeBps: 0,
  });
  const listing = await p.listingFor(1_000_000_00n);
  await p.approveRateList(product, listing);
  const [senior, junior] = p.investors;
  await p.subscribe(product, senior, 0n, 8_000n);
  await p.subscribe(product, junior, 1n, 2_000n);
  await time.increaseTo(listing.closes + 1n);
  await (await product.closeOffering()).wait();
  await (await product.claimShares(senior.address, 0n)).wait();
  await (await product.claimShares(junior.address, 1n)).wait();
  await time.increase(70n * DAY);
  await (await product.connect(p.factor).declareDefault(f2)).wait();

  const bidders = [];
  for (const code of ["BIDDER-A", "BIDDER-B"]) {
    const w = ethers.Wallet.createRandom().connect(ethers.provider);
    await networkHelpers.setBalance(w.address, 10n ** 21n);
    await p.register(code, w, "FACTOR");
    await p.fund(w, 1_000_000_00n);
    await (await p.cash.connect(w).approve(await p.market.getAddress(), ethers.MaxUint256)).wait();
    bidders.push(w);
  }
  const marketTreasury = ethers.Wallet.createRandom();
  await p.register("MARKET-TREASURY", marketTreasury, "BANK");
  await (await p.market.connect(p.ops.feeAdmin).setTreasury(marketTreasury.address)).wait();
  await (await p.market.connect(p.ops.feeAdmin).setFee(FEE_BPS)).wait();
  const [bidderA, bidderB] = bidders;
  return { ...p, f1, f2, product, tokens, address, senior, junior, bidderA, bidderB, marketTreasury };
}

type Fixture = Awaited<ReturnType<typeof auctionFixture>>;

/** F2 auctioned for 7 days, reserve 100,000.00, increment 5,000.00; returns the auction id and end. */
async function auctioned(p: Fixture) {
  const end = (await time.latest()) + 7 * 86_400;
  await (await p.product.connect(p.factor).auctionDefaulted(p.f2, 100_000_00n, 5_000_00n, end, 0)).wait();
  return { auctionId: await p.product.auctionOf(p.f2), end: BigInt(end) };
}

describe("RevenueProduct disposal by auction", () => {
  describe("auctionDefaulted", () => {
    it("records the loss and puts the fragment up for auction at the market, the product as seller", async () => {
      const p = await loadFixture(auctionFixture);
      const end = BigInt((await time.latest()) + 7 * 86_400);
      const tx = p.product.connect(p.factor).auctionDefaulted(p.f2, 100_000_00n, 5_000_00n, end, 0);
      await expect(tx)
        .to.emit(p.product, "FragmentAuctioned")
        .withArgs(p.f2, 1n, 400_000_00n, 100_000_00n, end)
        .and.to.emit(p.product, "LossAllocated")
        .withArgs(400_000_00n, 200_000_00n, 200_000_00n)
        .and.to.emit(p.market, "AuctionCreated")
        .withArgs(1n, p.f2, p.address, 100_000_00n, 5_000_00n, end, (1 << 2) | (1 << 3), 400_000_00n);
      expect(await p.receivables.ownerOf(p.f2)).to.equal(await p.market.getAddress());
      expect(await p.product.auctionOf(p.f2)).to.equal(1n);
      expect((await p.product.basket())[1]).to.deep.equal([Custody.Held, Custody.Auctioned]);
      expect((await p.product.waterfall()).losses).to.equal(400_000_00n);
      const a = await p.market.auction(1n);
      expect([a.seller, a.open, a.sold, a.reserve]).to.deep.equal([p.address, true, false, 100_000_00n]);
    });

    it("auctions a written-off fragment without counting the loss twice", async () => {
      const p = await loadFixture(auctionFixture);
      await (await p.product.connect(p.factor).writeOff(p.f2)).wait();
      const end = BigInt((await time.latest()) + 86_400);
      await expect(p.product.connect(p.factor).auctionDefaulted(p.f2, 50_000_00n, 1n, end, 0))
        .to.emit(p.product, "FragmentAuctioned")
        .withArgs(p.f2, 1n, 400_000_00n, 50_000_00n, end)
        .and.to.not.emit(p.product, "LossAllocated");
      expect((await p.product.waterfall()).losses).to.equal(400_000_00n);
    });

    it("collects what the fragment was owed before it leaves custody", async () => {
      const p = await loadFixture(auctionFixture);
      await (await p.receivables.connect(p.debtor).repay(p.f2 >> 32n, 100_000_00n)).wait();
      const end = BigInt((await time.latest()) + 86_400);
      // The loss is the unpaid 300,000.00; the 100,000.00 owed reverses none of it (already excluded)
      // and pays senior principal.
      await expect(p.product.connect(p.factor).auctionDefaulted(p.f2, 50_000_00n, 1n, end, 0))
        .to.emit(p.product, "FragmentAuctioned")
        .withArgs(p.f2, 1n, 300_000_00n, 50_000_00n, end)
        .and.to.emit(p.product, "Distributed")
        .withArgs(100_000_00n, 0n, 0n, 0n, 100_000_00n, 0n);
      expect(await p.tokens[0].claimable(p.senior.address)).to.equal(100_000_00n);
    });

    it("reverts for anyone but the originator: investors, the exchange, the agent, operators", async () => {
      const p = await loadFixture(auctionFixture);
      const end = BigInt((await time.latest()) + 86_400);
      for (const who of [p.senior, p.exchange, p.agent, p.agency, p.bidderA, p.ops.deployer, p.ops.guardian]) {
        await expect(p.product.connect(who).auctionDefaulted(p.f2, 1n, 1n, end, 0))
          .to.be.revertedWithCustomError(p.product, "ProductNotOriginator")
          .withArgs(await who.getAddress());
      }
    });

    it("reverts on a performing fragment, one not in custody and one already auctioned", async () => {
      const p = await loadFixture(auctionFixture);
      const end = BigInt((await time.latest()) + 86_400);
      await expect(p.product.connect(p.factor).auctionDefaulted(p.f1, 1n, 1n, end, 0))
        .to.be.revertedWithCustomError(p.product, "ProductNotDefaulted")
        .withArgs(p.f1, 2n);
      await expect(p.product.connect(p.factor).auctionDefaulted(123n, 1n, 1n, end, 0))
        .to.be.revertedWithCustomError(p.product, "ProductFragmentNotHeld")
        .withArgs(123n, Custody.None);
      await auctioned(p);
      await expect(p.product.connect(p.factor).auctionDefaulted(p.f2, 1n, 1n, end, 0))
        .to.be.revertedWithCustomError(p.product, "ProductFragmentNotHeld")
        .withArgs(p.f2, Custody.Auctioned);
    });

    it("passes the market's own checks through: a reserve above the fragment, an end in the past", async () => {
      const p = await loadFixture(auctionFixture);
      const end = BigInt((await time.latest()) + 86_400);
      await expect(p.product.connect(p.factor).auctionDefaulted(p.f2, 400_000_01n, 1n, end, 0))
        .to.be.revertedWithCustomError(p.market, "MarketValueTooLarge")
        .withArgs(p.f2, 400_000_01n, 400_000_00n);
      const past = BigInt(await time.latest());
      await expect(p.product.connect(p.factor).auctionDefaulted(p.f2, 1n, 1n, past, 0))
        .to.be.revertedWithCustomError(p.market, "MarketBadAuctionEnd")
        .withArgs(past, anyValue, 90n * DAY);
      expect((await p.product.basket())[1][1]).to.equal(Custody.Held);
      expect((await p.product.waterfall()).losses).to.equal(0n);
    });
  });

  describe("settleDisposalAuction", () => {
    it("takes the winning bid less the market fee into the waterfall and reverses the write-down, senior first", async () => {
      const p = await loadFixture(auctionFixture);
      const { auctionId, end } = await auctioned(p);
      await (await p.market.connect(p.bidderA).bid(auctionId, 300_000_00n)).wait();
      await (await p.market.connect(p.bidderB).bid(auctionId, 310_000_00n)).wait();
      await time.increaseTo(end + 1n);
      // 310,000.00 less 1.00% = 306,900.00, all senior principal (senior balance 800,000.00 at 0%).
      const tx = p.product.connect(p.senior).settleDisposalAuction(p.f2);
      await expect(tx)
        .to.emit(p.market, "AuctionSettled")
        .withArgs(auctionId, p.bidderB.address, 310_000_00n, 3_100_00n)
        .and.to.emit(p.product, "DisposalAuctionSettled")
        .withArgs(p.f2, auctionId, p.bidderB.address, 306_900_00n)
        .and.to.emit(p.product, "Distributed")
        .withArgs(306_900_00n, 0n, 0n, 0n, 306_900_00n, 0n);
      await expect(tx).to.changeTokenBalances(
        ethers,
        p.cash,
        [p.bidderB, p.marketTreasury, p.tokens[0], p.address],
        [0n, 3_100_00n, 306_900_00n, 0n],
      );
      expect(await p.receivables.ownerOf(p.f2)).to.equal(p.bidderB.address);
      expect((await p.product.basket())[1][1]).to.equal(Custody.Released);
      expect(await p.product.auctionOf(p.f2)).to.equal(0n);
      // Recovery 306,900.00 of the 400,000.00 loss: senior written 200,000.00 -> 0, junior 200,000.00 -> 93,100.00.
      expect((await p.product.tranche(0n)).written).to.equal(0n);
      expect((await p.product.tranche(1n)).written).to.equal(93_100_00n);
      const w = await p.product.waterfall();
      expect([w.losses, w.collected, w.seniorBalance]).to.deep.equal([93_100_00n, 306_900_00n, 493_100_00n]);
      expect(await p.tokens[0].claimable(p.senior.address)).to.equal(306_900_00n);
      expect(await p.market.refundOf(await p.cash.getAddress(), p.bidderA.address)).to.equal(300_000_00n);
      const a = await p.market.auction(auctionId);
      expect([a.open, a.sold, a.feeBps]).to.deep.equal([false, true, FEE_BPS]);
    });

    it("accounts for exactly what the market paid when someone settled at the market first", async () => {
      const p = await loadFixture(auctionFixture);
      const { auctionId, end } = await auctioned(p);
      await (await p.market.connect(p.bidderA).bid(auctionId, 250_000_00n)).wait();
      await time.increaseTo(end + 1n);
      const held = await p.cash.balanceOf(p.address);
      await (await p.market.connect(p.bidderB).settleAuction(auctionId)).wait();
      expect(await p.cash.balanceOf(p.address)).to.equal(held + 247_500_00n);
      // The fee changes afterwards: the product still uses the rate the market applied.
      await (await p.market.connect(p.ops.feeAdmin).setFee(500)).wait();
      await expect(p.product.settleDisposalAuction(p.f2))
        .to.emit(p.product, "DisposalAuctionSettled")
        .withArgs(p.f2, auctionId, p.bidderA.address, 247_500_00n)
        .and.to.emit(p.product, "Distributed")
        .withArgs(247_500_00n, 0n, 0n, 0n, 247_500_00n, 0n)
        .and.to.not.emit(p.market, "AuctionSettled");
      expect(await p.cash.balanceOf(p.address)).to.equal(held);
      expect(await p.cash.balanceOf(await p.tokens[0].getAddress())).to.equal(247_500_00n);
    });

    it("takes an unsold fragment back as written off; it can be auctioned again", async () => {
      const p = await loadFixture(auctionFixture);
      const { auctionId, end } = await auctioned(p);
      await time.increaseTo(end + 1n);
      await expect(p.product.settleDisposalAuction(p.f2))
        .to.emit(p.market, "AuctionSettled")
        .withArgs(auctionId, ethers.ZeroAddress, 0n, 0n)
        .and.to.emit(p.product, "DisposalAuctionSettled")
        .withArgs(p.f2, auctionId, ethers.ZeroAddress, 0n)
        .and.to.not.emit(p.product, "Distributed");
      expect(await p.receivables.ownerOf(p.f2)).to.equal(p.address);
      expect((await p.product.basket())[1][1]).to.equal(Custody.WrittenOff);
      expect((await p.product.waterfall()).losses).to.equal(400_000_00n);
      const again = BigInt((await time.latest()) + 86_400);
      await expect(p.product.connect(p.factor).auctionDefaulted(p.f2, 10_000_00n, 1n, again, 0))
        .to.emit(p.product, "FragmentAuctioned")
        .withArgs(p.f2, 2n, 400_000_00n, 10_000_00n, again)
        .and.to.not.emit(p.product, "LossAllocated");
    });

    it("takes the fragment back when the winner can no longer receive it; the winner's bid is refundable", async () => {
      const p = await loadFixture(auctionFixture);
      const { auctionId, end } = await auctioned(p);
      await (await p.market.connect(p.bidderA).bid(auctionId, 200_000_00n)).wait();
      await (await p.registry.connect(p.ops.regulator).freezeWallet(p.bidderA.address, ORDER)).wait();
      await time.increaseTo(end + 1n);
      await expect(p.product.settleDisposalAuction(p.f2))
        .to.emit(p.market, "AuctionDeliveryFailed")
        .withArgs(auctionId, p.bidderA.address, 200_000_00n)
        .and.to.emit(p.product, "DisposalAuctionSettled")
        .withArgs(p.f2, auctionId, ethers.ZeroAddress, 0n);
      expect((await p.product.basket())[1][1]).to.equal(Custody.WrittenOff);
      expect(await p.market.refundOf(await p.cash.getAddress(), p.bidderA.address)).to.equal(200_000_00n);
    });

    it("reverts before the auction's end (the market's error) and on a fragment not auctioned", async () => {
      const p = await loadFixture(auctionFixture);
      await expect(p.product.settleDisposalAuction(p.f2))
        .to.be.revertedWithCustomError(p.product, "ProductNotAuctioned")
        .withArgs(p.f2, Custody.Held);
      const { auctionId, end } = await auctioned(p);
      await expect(p.product.settleDisposalAuction(p.f2))
        .to.be.revertedWithCustomError(p.market, "MarketAuctionNotEnded")
        .withArgs(auctionId, end);
      await expect(p.product.settleDisposalAuction(p.f1))
        .to.be.revertedWithCustomError(p.product, "ProductNotAuctioned")
        .withArgs(p.f1, Custody.Held);
    });

    it("reverts while the product is paused", async () => {
      const p = await loadFixture(auctionFixture);
      const { end } = await auctioned(p);
      await time.increaseTo(end + 1n);
      await (await p.factory.connect(p.ops.guardian).setProductPaused(p.address, true)).wait();
      await expect(p.product.settleDisposalAuction(p.f2)).to.be.revertedWithCustomError(p.product, "ProductPaused");
    });
  });

  describe("windDown", () => {
    it("waits for the auction, then closes with the fragment disposed of", async () => {
      const p = await loadFixture(auctionFixture);
      const { auctionId, end } = await auctioned(p);
      await (await p.receivables.connect(p.debtor).repay(p.f1 >> 32n, 600_000_00n)).wait();
      await (await p.product.collect(0n, 2n)).wait();
      await expect(p.product.windDown()).to.be.revertedWithCustomError(p.product, "ProductNotResolved").withArgs(p.f2);
      await (await p.market.connect(p.bidderA).bid(auctionId, 150_000_00n)).wait();
      await time.increaseTo(end + 1n);
      await (await p.product.settleDisposalAuction(p.f2)).wait();
      await expect(p.product.windDown()).to.emit(p.product, "ProductClosed").withArgs(0n, p.treasury.address);
      expect(await p.product.phase()).to.equal(Phase.Closed);
      // Senior: 600,000.00 + 148,500.00 (150,000.00 less 1.00%); junior nothing (senior impaired by 51,500.00).
      expect(await p.tokens[0].claimable(p.senior.address)).to.equal(748_500_00n);
      expect(await p.tokens[1].claimable(p.junior.address)).to.equal(0n);
      expect((await p.product.tranche(0n)).written).to.equal(51_500_00n);
      expect((await p.product.tranche(1n)).written).to.equal(200_000_00n);
    });
  });
});
