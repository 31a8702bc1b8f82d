import { expect } from "chai";

import { connection, ethers } from "../helpers/fixtures.js";
import { listedFixture } from "./fixtures.js";

const { networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

/** Investor 0 holds 6,000 shares, investor 1 4,000 (no fees on collections: 1.5% applies). */
async function heldFixture() {
  const p = await listedFixture();
  const [a, b] = p.investors;
  await p.subscribe(p.product, a, 0n, 6_000n);
  await p.subscribe(p.product, b, 0n, 4_000n);
  await time.increaseTo(p.listing.closes + 1n);
  await (await p.product.closeOffering()).wait();
  await (await p.product.claimShares(a.address, 0n)).wait();
  await (await p.product.claimShares(b.address, 0n)).wait();
  const outsider = (await ethers.getSigners())[19];
  return { ...p, token: p.tokens[0], outsider };
}

/** Repays `amount` on the first fragment and collects it: 98.5% reaches the holders. */
async function distribute(p: Awaited<ReturnType<typeof heldFixture>>, amount: bigint) {
  await (await p.receivables.connect(p.debtor).repay(p.ids[0] >> 32n, amount)).wait();
  await (await p.product.collect(0n, 1n)).wait();
}

describe("TrancheToken", () => {
  describe("transfer", () => {
    it("moves shares between eligible wallets; the entitlement stays with the holder at distribution", async () => {
      const p = await loadFixture(heldFixture);
      const [a, b, c] = p.investors;
      await distribute(p, 100_000_00n); // 98,500.00: a 59,100.00, b 39,400.00
      await expect(p.token.connect(a).transfer(c.address, 3_000n)).to.changeTokenBalances(
        ethers,
        p.token,
        [a, c],
        [-3_000n, 3_000n],
      );
      expect(await p.token.claimable(a.address)).to.equal(59_100_00n);
      expect(await p.token.claimable(c.address)).to.equal(0n);
      await distribute(p, 100_000_00n); // 98,500.00: a 29,550.00, b 39,400.00, c 29,550.00
      expect(await p.token.claimable(a.address)).to.equal(88_650_00n);
      expect(await p.token.claimable(b.address)).to.equal(78_800_00n);
      expect(await p.token.claimable(c.address)).to.equal(29_550_00n);
    });

    it("reverts towards an ineligible wallet", async () => {
      const p = await loadFixture(heldFixture);
      await expect(p.token.connect(p.investors[0]).transfer(p.outsider.address, 1n))
        .to.be.revertedWithCustomError(p.token, "TrancheIneligible")
        .withArgs(p.outsider.address, 1n);
    });

    it("reverts from a frozen wallet and towards the zero address", async () => {
      const p = await loadFixture(heldFixture);
      const [a, b] = p.investors;
      await expect(p.token.connect(a).transfer(ethers.ZeroAddress, 1n))
        .to.be.revertedWithCustomError(p.token, "ERC20InvalidReceiver")
        .withArgs(ethers.ZeroAddress);
      await (await p.registry.connect(p.ops.regulator).freezeWallet(a.address, ethers.id("order"))).wait();
      await expect(p.token.connect(a).transfer(b.address, 1n))
        .to.be.revertedWithCustomError(p.token, "TrancheIneligible")
        .withArgs(a.address, 5n);
    });

    it("reverts above the balance", async () => {
      const p = await loadFixture(heldFixture);
      const [a, b] = p.investors;
      await expect(p.token.connect(a).transfer(b.address, 6_001n))
        .to.be.revertedWithCustomError(p.token, "ERC20InsufficientBalance")
        .withArgs(a.address, 6_000n, 6_001n);
    });
  });

  describe("transferFrom", () => {
    it("spends the allowance", async () => {
      const p = await loadFixture(heldFixture);
      const [a, b, c] = p.investors;
      await expect(p.token.connect(a).approve(c.address, 10n))
        .to.emit(p.token, "Approval")
        .withArgs(a.address, c.address, 10n);
      await expect(p.token.connect(a).approve(ethers.ZeroAddress, 1n))
        .to.be.revertedWithCustomError(p.token, "ERC20InvalidSpender")
        .withArgs(ethers.ZeroAddress);
      await (await p.token.connect(c).transferFrom(a.address, b.address, 4n)).wait();
      expect(await p.token.allowance(a.address, c.address)).to.equal(6n);
      await expect(p.token.connect(c).transferFrom(a.address, b.address, 7n))
        .to.be.revertedWithCustomError(p.token, "ERC20InsufficientAllowance")
        .withArgs(c.address, 6n, 7n);
    });
  });

  describe("claim", () => {
    it("pays the holder and reverts when nothing is left", async () => {
      const p = await loadFixture(heldFixture);
      const [a] = p.investors;
      await distribute(p, 100_000_00n);
      await expect(p.token.connect(a).claim()).to.emit(p.token, "DistributionClaimed").withArgs(a.address, 59_100_00n);
      await expect(p.token.connect(a).claim())
        .to.be.revertedWithCustomError(p.token, "TrancheNothingToClaim")
        .withArgs(a.address);
    });
  });

  describe("product-only functions", () => {
    it("revert for any other caller", async () => {
      const p = await loadFixture(heldFixture);
      const [a] = p.investors;
      for (const call of [
        () => p.token.connect(a).mint(a.address, 1n),
        () => p.token.connect(a).allocate(a.address, 1n),
        () => p.token.connect(a).burnCustody(),
        () => p.token.connect(a).distribute(1n),
        () => p.token.connect(a).setPaused(true),
      ]) {
        await expect(call()).to.be.revertedWithCustomError(p.token, "TrancheNotProduct").withArgs(a.address);
      }
      await expect(p.token.connect(a).forcedTransfer(a.address, a.address, 1n, ethers.ZeroHash))
        .to.be.revertedWithCustomError(p.token, "TrancheNotFactory")
        .withArgs(a.address);
      await expect(p.token.connect(a).initialize(a.address, a.address, "x", "x")).to.be.revertedWithCustomError(
        p.token,
        "TrancheAlreadyInitialized",
      );
    });
  });

  describe("views", () => {
    it("report name, supply, accumulator and what was distributed", async () => {
      const p = await loadFixture(heldFixture);
      expect(await p.token.name()).to.equal(`Senior share ${p.address.toLowerCase()}`);
      expect(await p.token.totalSupply()).to.equal(10_000n);
      expect(await p.token.product()).to.equal(p.address);
      await distribute(p, 100_000_00n);
      expect(await p.token.totalDistributed()).to.equal(98_500_00n);
      expect(await p.token.accumulator()).to.equal((98_500_00n << 64n) / 10_000n);
    });
  });
});
