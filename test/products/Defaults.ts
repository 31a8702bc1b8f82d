import { expect } from "chai";
import type { Interface } from "ethers";

import { connection, ethers } from "../helpers/fixtures.js";
import { DAY } from "../helpers/foundation.js";
import { Custody } from "../helpers/products.js";
import { productsFixture } from "./fixtures.js";

const { networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

/**
 * Two tranches (800,000.00 senior at 0%, 200,000.00 junior), no fees, over F1 600,000.00 (180 days)
 * and F2 400,000.00 (30 days); F2 is past its default date. Investor 0 holds the senior shares,
 * investor 1 the junior. A registered factor (a fresh wallet, 1,000,000.00, the market approved)
 * buys defaulted fragments at the market's disposal auctions (fee 0) and pays further proceeds.
 */
async function defaultableFixture() {
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
  const agent = ethers.Wallet.createRandom().connect(ethers.provider);
  await networkHelpers.setBalance(agent.address, 10n ** 21n);
  await p.register("DISPOSAL-AGENT", agent, "FACTOR");
  await p.fund(agent, 1_000_000_00n);
  await (await p.cash.connect(agent).approve(await p.market.getAddress(), ethers.MaxUint256)).wait();
  return { ...p, f1, f2, product, tokens, address, senior, junior, agent };
}

type Fixture = Awaited<ReturnType<typeof defaultableFixture>>;

/** F2 declared defaulted, auctioned (reserve 100,000.00, 7 days), bought by the agent for `bid`. */
async function disposedOf(p: Fixture, bid: bigint) {
  await (await p.product.connect(p.factor).declareDefault(p.f2)).wait();
  const end = BigInt(await time.latest()) + 7n * DAY;
  await (await p.product.connect(p.factor).auctionDefaulted(p.f2, 100_000_00n, 1n, end, 0)).wait();
  const auctionId = await p.product.auctionOf(p.f2);
  await (await p.market.connect(p.agent).bid(auctionId, bid)).wait();
  await time.increaseTo(end + 1n);
  return { auctionId, end };
}

describe("RevenueProduct defaults", () => {
  describe("declareDefault", () => {
    it("declares the default of a fragment in custody", async () => {
      const p = await loadFixture(defaultableFixture);
      await expect(p.product.connect(p.factor).declareDefault(p.f2))
        .to.emit(p.receivables, "ReceivableDefaulted")
        .withArgs(p.f2 >> 32n, p.address, 400_000_00n);
    });

    it("reverts for anyone but the originator", async () => {
      const p = await loadFixture(defaultableFixture);
      await expect(p.product.connect(p.senior).declareDefault(p.f2))
        .to.be.revertedWithCustomError(p.product, "ProductNotOriginator")
        .withArgs(p.senior.address);
    });

    it("reverts for a fragment not in the basket", async () => {
      const p = await loadFixture(defaultableFixture);
      await expect(p.product.connect(p.factor).declareDefault(123n))
        .to.be.revertedWithCustomError(p.product, "ProductFragmentNotHeld")
        .withArgs(123n, Custody.None);
    });
  });

  describe("writeOff", () => {
    it("writes the loss down against the junior first, then the senior", async () => {
      const p = await loadFixture(defaultableFixture);
      await (await p.product.connect(p.factor).declareDefault(p.f2)).wait();
      await expect(p.product.connect(p.factor).writeOff(p.f2))
        .to.emit(p.product, "FragmentWrittenOff")
        .withArgs(p.f2, 400_000_00n)
        .and.to.emit(p.product, "LossAllocated")
        .withArgs(400_000_00n, 200_000_00n, 200_000_00n);
      expect((await p.product.tranche(1n)).written).to.equal(200_000_00n);
      expect((await p.product.tranche(0n)).written).to.equal(200_000_00n);
      expect((await p.product.waterfall()).losses).to.equal(400_000_00n);
      expect((await p.product.basket())[1][1]).to.equal(Custody.WrittenOff);
    });

    it("pays the junior nothing while the senior is impaired; a late repayment recovers senior first", async () => {
      const p = await loadFixture(defaultableFixture);
      await (await p.product.connect(p.factor).declareDefault(p.f2)).wait();
      await (await p.product.connect(p.factor).writeOff(p.f2)).wait();
      await (await p.receivables.connect(p.debtor).repay(p.f1 >> 32n, 600_000_00n)).wait();
      await expect(p.product.collect(0n, 2n))
        .to.emit(p.product, "Distributed")
        .withArgs(600_000_00n, 0n, 0n, 0n, 600_000_00n, 0n);
      expect(await p.tokens[1].claimable(p.junior.address)).to.equal(0n);
      // The debtor pays 250,000.00 late on the written-off F2: 200,000.00 senior principal, then junior.
      await (await p.receivables.connect(p.debtor).repay(p.f2 >> 32n, 250_000_00n)).wait();
      await expect(p.product.collect(1n, 2n))
        .to.emit(p.product, "Distributed")
        .withArgs(250_000_00n, 0n, 0n, 0n, 200_000_00n, 50_000_00n);
      expect((await p.product.tranche(0n)).written).to.equal(0n);
      expect((await p.product.tranche(1n)).written).to.equal(150_000_00n);
      expect(await p.tokens[1].claimable(p.junior.address)).to.equal(50_000_00n);
      expect(await p.tokens[0].claimable(p.senior.address)).to.equal(800_000_00n);
    });

    it("reverts on a fragment that has not defaulted", async () => {
      const p = await loadFixture(defaultableFixture);
      await expect(p.product.connect(p.factor).writeOff(p.f1))
        .to.be.revertedWithCustomError(p.product, "ProductNotDefaulted")
        .withArgs(p.f1, 2n);
    });

    it("reverts for anyone but the originator", async () => {
      const p = await loadFixture(defaultableFixture);
      await expect(p.product.connect(p.senior).writeOff(p.f2))
        .to.be.revertedWithCustomError(p.product, "ProductNotOriginator")
        .withArgs(p.senior.address);
    });
  });

  describe("disposal (issue 12: by auction only)", () => {
    it("has no hand-over to a disposal agent: a defaulted fragment leaves custody only by auction", async () => {
      const p = await loadFixture(defaultableFixture);
      const abi = p.product.interface as unknown as Interface;
      expect(abi.getFunction("releaseForDisposal")).to.equal(null);
      expect(abi.getEvent("FragmentReleased")).to.equal(null);
    });
  });

  describe("receiveDisposalProceeds", () => {
    it("takes further proceeds of a fragment sold at auction into the waterfall and reverses the write-down", async () => {
      const p = await loadFixture(defaultableFixture);
      // Loss 400,000.00 (junior 200,000.00, senior 200,000.00); the agent buys F2 for 200,000.00
      // (market fee 0): all senior principal, and the senior write-down is reversed.
      const { auctionId } = await disposedOf(p, 200_000_00n);
      await expect(p.product.settleDisposalAuction(p.f2))
        .to.emit(p.product, "DisposalAuctionSettled")
        .withArgs(p.f2, auctionId, p.agent.address, 200_000_00n)
        .and.to.emit(p.product, "Distributed")
        .withArgs(200_000_00n, 0n, 0n, 0n, 200_000_00n, 0n);
      expect(await p.receivables.ownerOf(p.f2)).to.equal(p.agent.address);
      expect((await p.product.basket())[1][1]).to.equal(Custody.Released);
      expect((await p.product.tranche(0n)).written).to.equal(0n);
      expect((await p.product.tranche(1n)).written).to.equal(200_000_00n);
      expect((await p.product.waterfall()).losses).to.equal(200_000_00n);
      // The agent pays 100,000.00 more for the fragment it bought: senior principal again.
      await (await p.cash.connect(p.agent).approve(p.address, 100_000_00n)).wait();
      const tx = p.product.connect(p.agent).receiveDisposalProceeds(p.f2, 100_000_00n);
      await expect(tx)
        .to.emit(p.product, "DisposalProceedsReceived")
        .withArgs(p.f2, p.agent.address, 100_000_00n)
        .and.to.emit(p.product, "Distributed")
        .withArgs(100_000_00n, 0n, 0n, 0n, 100_000_00n, 0n);
      await expect(tx).to.changeTokenBalances(ethers, p.cash, [p.agent, p.tokens[0]], [-100_000_00n, 100_000_00n]);
      expect((await p.product.tranche(0n)).written).to.equal(0n);
      expect((await p.product.tranche(1n)).written).to.equal(100_000_00n);
      const w = await p.product.waterfall();
      expect([w.losses, w.collected, w.seniorBalance]).to.deep.equal([100_000_00n, 300_000_00n, 500_000_00n]);
      expect(await p.tokens[0].claimable(p.senior.address)).to.equal(300_000_00n);
    });

    it("reverts for a fragment not sold at auction (held, on auction, back unsold) and on zero", async () => {
      const p = await loadFixture(defaultableFixture);
      await expect(p.product.connect(p.agent).receiveDisposalProceeds(p.f2, 1n))
        .to.be.revertedWithCustomError(p.product, "ProductFragmentNotHeld")
        .withArgs(p.f2, Custody.Held);
      await (await p.product.connect(p.factor).declareDefault(p.f2)).wait();
      const end = BigInt(await time.latest()) + 7n * DAY;
      await (await p.product.connect(p.factor).auctionDefaulted(p.f2, 100_000_00n, 1n, end, 0)).wait();
      await expect(p.product.connect(p.agent).receiveDisposalProceeds(p.f2, 1n))
        .to.be.revertedWithCustomError(p.product, "ProductFragmentNotHeld")
        .withArgs(p.f2, Custody.Auctioned);
      // No bid: the fragment comes back written off.
      await time.increaseTo(end + 1n);
      await (await p.product.settleDisposalAuction(p.f2)).wait();
      await expect(p.product.connect(p.agent).receiveDisposalProceeds(p.f2, 1n))
        .to.be.revertedWithCustomError(p.product, "ProductFragmentNotHeld")
        .withArgs(p.f2, Custody.WrittenOff);
      // Auctioned again and sold: further proceeds are taken, but not zero.
      const again = BigInt(await time.latest()) + 7n * DAY;
      await (await p.product.connect(p.factor).auctionDefaulted(p.f2, 100_000_00n, 1n, again, 0)).wait();
      await (await p.market.connect(p.agent).bid(await p.product.auctionOf(p.f2), 100_000_00n)).wait();
      await time.increaseTo(again + 1n);
      await (await p.product.settleDisposalAuction(p.f2)).wait();
      await expect(p.product.connect(p.agent).receiveDisposalProceeds(p.f2, 0n)).to.be.revertedWithCustomError(
        p.product,
        "ProductZeroAmount",
      );
    });
  });

  describe("windDown after a write-off", () => {
    it("closes with a written-off fragment that owes nothing more", async () => {
      const p = await loadFixture(defaultableFixture);
      await (await p.product.connect(p.factor).declareDefault(p.f2)).wait();
      await (await p.product.connect(p.factor).writeOff(p.f2)).wait();
      await (await p.receivables.connect(p.debtor).repay(p.f1 >> 32n, 600_000_00n)).wait();
      await (await p.product.collect(0n, 2n)).wait();
      await expect(p.product.windDown()).to.emit(p.product, "ProductClosed").withArgs(0n, p.treasury.address);
    });
  });
});
