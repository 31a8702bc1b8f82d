import { expect } from "chai";

import { describeRestrictedFunctions } from "../helpers/access.js";
import { connection, ethers } from "../helpers/fixtures.js";
import { Kinds } from "../../src/kinds.js";
import { Roles } from "../../src/roles.js";
import { selector, wiringOf } from "../../src/wiring.js";
import { listedFixture, productsFixture } from "./fixtures.js";

const { networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

/** A product whose investor 0 holds 6,000 shares and investor 1 4,000. */
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
  return { ...p, outsider };
}

describe("ProductFactory", () => {
  describe("deployment (Products Ignition module)", () => {
    it("holds MODULE_FACTORY and is wired as in src/wiring.ts", async () => {
      const p = await loadFixture(productsFixture);
      const factory = await p.factory.getAddress();
      expect((await p.manager.hasRole(Roles.MODULE_FACTORY, factory))[0]).to.equal(true);
      for (const w of wiringOf("ProductFactory")) {
        for (const sel of w.selectors) expect(await p.manager.getTargetFunctionRole(factory, sel)).to.equal(w.roleId);
      }
      expect(
        await p.manager.getTargetFunctionRole(
          factory,
          selector("createProduct(uint256[],(uint16,uint16,uint16),(address,address,address))"),
        ),
      ).to.equal(Roles.ADMIN);
      expect(await p.factory.treasury()).to.equal(p.treasury.address);
      expect(await p.factory.maxBasket()).to.equal(20n);
      expect(await p.factory.receivables()).to.equal(await p.receivables.getAddress());
      expect(await p.factory.cash()).to.equal(await p.cash.getAddress());
      expect(await p.factory.registry()).to.equal(await p.registry.getAddress());
    });
  });

  describe("createProduct", () => {
    it("registers the product and its tranche tokens as modules and records it", async () => {
      const p = await loadFixture(productsFixture);
      const id = await p.fragment(1_000_00n);
      const terms = { seniorBps: 8_000, seniorRateBps: 300, servicingFeeBps: 0 };
      const predicted = await p.factory.connect(p.factor).createProduct.staticCall([id], terms, p.parties);
      await expect(p.factory.connect(p.factor).createProduct([id], terms, p.parties))
        .to.emit(p.factory, "ProductCreated")
        .withArgs(predicted, p.factor.address, 1n, 1_000_00n);
      const { tokens } = await p.at(predicted);
      expect(await p.registry.isModule(predicted)).to.equal(true);
      for (const t of tokens) expect(await p.registry.isModule(await t.getAddress())).to.equal(true);
      expect(await p.factory.isProduct(predicted)).to.equal(true);
      expect(await p.factory.productCount()).to.equal(1n);
      expect(await p.factory.productAt(0n)).to.equal(predicted);
      const product = await ethers.getContractAt("RevenueProduct", predicted);
      expect(await product.parties()).to.deep.equal([p.exchange.address, p.agency.address, p.agent.address]);
    });

    it("reverts when a bound party is not eligible and of its kind (issue 12)", async () => {
      const p = await loadFixture(productsFixture);
      const id = await p.fragment(1_000_00n);
      const terms = { seniorBps: 10_000, seniorRateBps: 0, servicingFeeBps: 0 };
      const impl = await ethers.getContractAt("RevenueProduct", p.factor.address);
      const cases = [
        [{ ...p.parties, exchange: p.agency.address }, p.agency.address, Kinds.EXCHANGE],
        [{ ...p.parties, ratingAgency: p.exchange.address }, p.exchange.address, Kinds.RATING_AGENCY],
        [{ ...p.parties, registrar: p.investors[0].address }, p.investors[0].address, Kinds.REGISTRATION_AGENT],
        [{ ...p.parties, registrar: ethers.ZeroAddress }, ethers.ZeroAddress, Kinds.REGISTRATION_AGENT],
      ] as const;
      for (const [parties, party, kind] of cases) {
        await expect(p.factory.connect(p.factor).createProduct([id], terms, parties))
          .to.be.revertedWithCustomError(impl, "ProductNotKind")
          .withArgs(party, kind);
      }
      // A suspended exchange is not eligible now.
      await (
        await p.registry
          .connect(p.ops.registrar)
          .suspend(await p.registry.participantOf(p.exchange.address), ethers.id("suspended"))
      ).wait();
      await expect(p.factory.connect(p.factor).createProduct([id], terms, p.parties))
        .to.be.revertedWithCustomError(impl, "ProductNotKind")
        .withArgs(p.exchange.address, Kinds.EXCHANGE);
      expect(await p.factory.productCount()).to.equal(0n);
      expect(await p.receivables.ownerOf(id)).to.equal(p.factor.address);
    });

    it("reverts for a wallet that is not a factor", async () => {
      const p = await loadFixture(productsFixture);
      await expect(
        p.factory
          .connect(p.investors[0])
          .createProduct([1n], { seniorBps: 10_000, seniorRateBps: 0, servicingFeeBps: 0 }, p.parties),
      )
        .to.be.revertedWithCustomError(p.factory, "FactoryNotFactor")
        .withArgs(p.investors[0].address);
    });
  });

  describe("setProductPaused", () => {
    it("pauses and resumes the product and its share transfers and claims", async () => {
      const p = await loadFixture(heldFixture);
      const [a, b] = p.investors;
      await expect(p.factory.connect(p.ops.guardian).setProductPaused(p.address, true))
        .to.emit(p.product, "ProductPauseSet")
        .withArgs(true);
      expect(await p.product.paused()).to.equal(true);
      await expect(p.tokens[0].connect(a).transfer(b.address, 1n)).to.be.revertedWithCustomError(
        p.tokens[0],
        "TranchePaused",
      );
      await expect(p.tokens[0].connect(a).claim()).to.be.revertedWithCustomError(p.tokens[0], "TranchePaused");
      await expect(p.product.collect(0n, 1n)).to.be.revertedWithCustomError(p.product, "ProductPaused");
      await (await p.factory.connect(p.ops.guardian).setProductPaused(p.address, false)).wait();
      await expect(p.tokens[0].connect(a).transfer(b.address, 1n)).to.changeTokenBalances(
        ethers,
        p.tokens[0],
        [a, b],
        [-1n, 1n],
      );
    });

    it("reverts for an address that is not a product", async () => {
      const p = await loadFixture(heldFixture);
      await expect(p.factory.connect(p.ops.guardian).setProductPaused(p.outsider.address, true))
        .to.be.revertedWithCustomError(p.factory, "FactoryUnknownProduct")
        .withArgs(p.outsider.address);
    });
  });

  describe("forcedTransferShares", () => {
    it("moves shares under a court order, from a frozen wallet too", async () => {
      const p = await loadFixture(heldFixture);
      const [a, , c] = p.investors;
      await (await p.registry.connect(p.ops.regulator).freezeWallet(a.address, ethers.id("order-0"))).wait();
      const ref = ethers.id("order-1");
      const tx = p.factory
        .connect(p.ops.regulator)
        .forcedTransferShares(p.address, 0n, a.address, c.address, 100n, ref);
      await expect(tx).to.emit(p.tokens[0], "SharesForceTransferred").withArgs(a.address, c.address, 100n, ref);
      await expect(tx).to.changeTokenBalances(ethers, p.tokens[0], [a, c], [-100n, 100n]);
    });

    it("reverts when the recipient is not eligible", async () => {
      const p = await loadFixture(heldFixture);
      await expect(
        p.factory
          .connect(p.ops.regulator)
          .forcedTransferShares(p.address, 0n, p.investors[0].address, p.outsider.address, 1n, ethers.ZeroHash),
      )
        .to.be.revertedWithCustomError(p.tokens[0], "TrancheIneligible")
        .withArgs(p.outsider.address, 1n);
    });
  });

  describe("constructor", () => {
    it("knows the suite's market and refuses a zero market or treasury", async () => {
      const p = await loadFixture(heldFixture);
      expect(await p.factory.market()).to.equal(await p.market.getAddress());
      const F = await ethers.getContractFactory("ProductFactory");
      const args = async (treasury: string, market: string) =>
        [
          await p.manager.getAddress(),
          await p.registry.getAddress(),
          await p.receivables.getAddress(),
          await p.cash.getAddress(),
          await p.factory.getAddress(),
          await p.factory.getAddress(),
          treasury,
          20n,
          market,
        ] as const;
      await expect(F.deploy(...(await args(p.treasury.address, ethers.ZeroAddress)))).to.be.revertedWithCustomError(
        F,
        "FactoryZeroMarket",
      );
      await expect(
        F.deploy(...(await args(ethers.ZeroAddress, await p.market.getAddress()))),
      ).to.be.revertedWithCustomError(F, "FactoryZeroTreasury");
    });
  });

  describe("setTreasury", () => {
    it("sets the treasury to an eligible participant", async () => {
      const p = await loadFixture(heldFixture);
      const next = p.investors[5];
      await expect(p.factory.connect(p.ops.feeAdmin).setTreasury(next.address))
        .to.emit(p.factory, "TreasurySet")
        .withArgs(next.address);
      expect(await p.factory.treasury()).to.equal(next.address);
    });

    it("reverts on a treasury that is not an eligible participant (issue 12)", async () => {
      const p = await loadFixture(heldFixture);
      await expect(p.factory.connect(p.ops.feeAdmin).setTreasury(p.outsider.address))
        .to.be.revertedWithCustomError(p.factory, "FactoryIneligibleTreasury")
        .withArgs(p.outsider.address, 1n); // NotRegistered
      const next = p.investors[5];
      await (await p.registry.connect(p.ops.regulator).freezeWallet(next.address, ethers.id("order-treasury"))).wait();
      await expect(p.factory.connect(p.ops.feeAdmin).setTreasury(next.address))
        .to.be.revertedWithCustomError(p.factory, "FactoryIneligibleTreasury")
        .withArgs(next.address, 5n); // Frozen
      expect(await p.factory.treasury()).to.equal(p.treasury.address);
    });

    it("reverts on the zero address", async () => {
      const p = await loadFixture(heldFixture);
      await expect(p.factory.connect(p.ops.feeAdmin).setTreasury(ethers.ZeroAddress)).to.be.revertedWithCustomError(
        p.factory,
        "FactoryZeroTreasury",
      );
    });
  });

  describeRestrictedFunctions("ProductFactory", () => loadFixture(heldFixture), {
    target: (f) => f.factory,
    callers: (f) => ({ ...f.ops, outsider: f.outsider }),
    args: {
      "setProductPaused(address,bool)": (f) => [f.address, true],
      "forcedTransferShares(address,uint256,address,address,uint256,bytes32)": (f) => [
        f.address,
        0n,
        f.investors[0].address,
        f.investors[1].address,
        1n,
        ethers.ZeroHash,
      ],
      "setTreasury(address)": (f) => [f.investors[5].address],
    },
  });
});
