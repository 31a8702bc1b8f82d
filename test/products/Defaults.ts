import { expect } from "chai";

import { connection, ethers } from "../helpers/fixtures.js";
import { DAY } from "../helpers/foundation.js";
import { Custody } from "../helpers/products.js";
import { productsFixture } from "./fixtures.js";

const { networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

/**
 * Two tranches (800,000.00 senior at 0%, 200,000.00 junior), no fees, over F1 600,000.00 (180 days)
 * and F2 400,000.00 (30 days); F2 is past its default date. Investor 0 holds the senior shares,
 * investor 1 the junior; investor 2 acts as the disposal agent.
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
  const [senior, junior, agent] = p.investors;
  await p.subscribe(product, senior, 0n, 8_000n);
  await p.subscribe(product, junior, 1n, 2_000n);
  await time.increaseTo(listing.closes + 1n);
  await (await product.closeOffering()).wait();
  await (await product.claimShares(senior.address, 0n)).wait();
  await (await product.claimShares(junior.address, 1n)).wait();
  await time.increase(70n * DAY);
  return { ...p, f1, f2, product, tokens, address, senior, junior, agent };
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

  describe("releaseForDisposal", () => {
    it("hands a written-off fragment to the agent without counting the loss twice", async () => {
      const p = await loadFixture(defaultableFixture);
      await (await p.product.connect(p.factor).declareDefault(p.f2)).wait();
      await (await p.product.connect(p.factor).writeOff(p.f2)).wait();
      await expect(p.product.connect(p.factor).releaseForDisposal(p.f2, p.agent.address))
        .to.emit(p.product, "FragmentReleased")
        .withArgs(p.f2, p.agent.address, 400_000_00n)
        .and.to.not.emit(p.product, "LossAllocated");
      expect(await p.receivables.ownerOf(p.f2)).to.equal(p.agent.address);
      expect((await p.product.waterfall()).losses).to.equal(400_000_00n);
    });

    it("collects what the fragment was owed before handing it over", async () => {
      const p = await loadFixture(defaultableFixture);
      await (await p.product.connect(p.factor).declareDefault(p.f2)).wait();
      await (await p.receivables.connect(p.debtor).repay(p.f2 >> 32n, 100_000_00n)).wait();
      // Loss = 400,000.00 - 100,000.00 paid; the 100,000.00 goes to the senior.
      await expect(p.product.connect(p.factor).releaseForDisposal(p.f2, p.agent.address))
        .to.emit(p.product, "FragmentReleased")
        .withArgs(p.f2, p.agent.address, 300_000_00n)
        .and.to.emit(p.product, "Distributed")
        .withArgs(100_000_00n, 0n, 0n, 0n, 100_000_00n, 0n);
      expect(await p.receivables.claimable(p.f2)).to.equal(0n);
    });

    it("reverts on a fragment that has not defaulted or is not held", async () => {
      const p = await loadFixture(defaultableFixture);
      await expect(p.product.connect(p.factor).releaseForDisposal(p.f1, p.agent.address))
        .to.be.revertedWithCustomError(p.product, "ProductNotDefaulted")
        .withArgs(p.f1, 2n);
      await (await p.product.connect(p.factor).declareDefault(p.f2)).wait();
      await (await p.product.connect(p.factor).releaseForDisposal(p.f2, p.agent.address)).wait();
      await expect(p.product.connect(p.factor).releaseForDisposal(p.f2, p.agent.address))
        .to.be.revertedWithCustomError(p.product, "ProductFragmentNotHeld")
        .withArgs(p.f2, Custody.Released);
    });

    it("reverts for anyone but the originator", async () => {
      const p = await loadFixture(defaultableFixture);
      await expect(p.product.connect(p.agent).releaseForDisposal(p.f2, p.agent.address))
        .to.be.revertedWithCustomError(p.product, "ProductNotOriginator")
        .withArgs(p.agent.address);
    });
  });

  describe("receiveDisposalProceeds", () => {
    it("takes the proceeds into the waterfall and reverses the write-down", async () => {
      const p = await loadFixture(defaultableFixture);
      await (await p.product.connect(p.factor).declareDefault(p.f2)).wait();
      await (await p.product.connect(p.factor).releaseForDisposal(p.f2, p.agent.address)).wait();
      await (await p.cash.connect(p.agent).approve(p.address, 300_000_00n)).wait();
      const tx = p.product.connect(p.agent).receiveDisposalProceeds(p.f2, 300_000_00n);
      await expect(tx)
        .to.emit(p.product, "DisposalProceedsReceived")
        .withArgs(p.f2, p.agent.address, 300_000_00n)
        .and.to.emit(p.product, "Distributed")
        .withArgs(300_000_00n, 0n, 0n, 0n, 300_000_00n, 0n);
      await expect(tx).to.changeTokenBalances(ethers, p.cash, [p.agent, p.tokens[0]], [-300_000_00n, 300_000_00n]);
      expect((await p.product.tranche(0n)).written).to.equal(0n);
      expect((await p.product.tranche(1n)).written).to.equal(100_000_00n);
      expect((await p.product.waterfall()).losses).to.equal(100_000_00n);
    });

    it("reverts for a fragment that was not released and on zero", async () => {
      const p = await loadFixture(defaultableFixture);
      await expect(p.product.connect(p.agent).receiveDisposalProceeds(p.f2, 1n))
        .to.be.revertedWithCustomError(p.product, "ProductFragmentNotHeld")
        .withArgs(p.f2, Custody.Held);
      await (await p.product.connect(p.factor).declareDefault(p.f2)).wait();
      await (await p.product.connect(p.factor).releaseForDisposal(p.f2, p.agent.address)).wait();
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
