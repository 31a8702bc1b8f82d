/**
 * Money-path safety of ReceivableToken (issue #18, findings 1-6), each written as the attack an
 * ordinary, lapsed or court-frozen member tried on 53cbaf4. On that commit every attack below
 * succeeded; here each is refused or harmless.
 */
import { expect } from "chai";

import { DAY, ethers, networkHelpers, reason, receivablesWithSuppliers } from "../helpers/fixtures.js";
import { issuePayable } from "../helpers/receivables.js";
import { Kinds, kindsOf, type KindName } from "../../src/kinds.js";

const { loadFixture } = networkHelpers;

type F = Awaited<ReturnType<typeof receivablesWithSuppliers>>;

const FACE = 1_000_000_00n; // 1,000,000.00
const ORDER = ethers.id("court order 2026-031");
const SUSPENSION = ethers.encodeBytes32String("AML review");

/** The core enterprise's confirmed 1,000,000.00 payable to tier 1, due in 90 days. */
async function payable(f: F, invoice = "INV-SAFE-1", face = FACE) {
  return issuePayable(f.receivables, f.cash, f.latest, f.core, f.tier1, face, invoice);
}

/** The storage slot of `_roots[rootId]`'s first word, found by looking for the debtor in it. */
async function rootSlot(f: F, rootId: bigint): Promise<bigint> {
  const target = await f.receivables.getAddress();
  for (let s = 0n; s < 64n; s++) {
    const slot = BigInt(
      ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["uint256", "uint256"], [rootId, s])),
    );
    const word = BigInt(await ethers.provider.getStorage(target, slot));
    if (word !== 0n && (word & ((1n << 160n) - 1n)) === BigInt(f.core.address)) return slot;
  }
  throw new Error("root slot not found");
}

describe("ReceivableToken money-path safety", () => {
  describe("finding 1: a frozen or suspended holder moves no value", () => {
    it("a court-frozen holder cannot send value to an accomplice; the fragment and its cash stay put", async () => {
      const f = await loadFixture(receivablesWithSuppliers);
      const { rootId, tokenId } = await payable(f);
      await (await f.receivables.connect(f.core).repay(rootId, 400_000_00n)).wait();
      await (await f.registry.connect(f.ops.regulator).freezeWallet(f.tier1.address, ORDER)).wait();
      await expect(f.receivables.connect(f.tier1).sendValue(tokenId, f.tier2.address, FACE - 100n))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableIneligible")
        .withArgs(f.tier1.address, reason("Frozen"));
      const [frag] = await f.receivables.fragment(tokenId);
      expect(frag.value).to.equal(FACE);
      expect((await f.receivables.receivable(rootId)).fragmentCount).to.equal(1n);
      expect(await f.receivables.claimable(tokenId)).to.equal(400_000_00n);
      expect(await f.receivables.balanceOf(f.tier2.address)).to.equal(0n);
    });

    it("a suspended holder cannot split or send value", async () => {
      const f = await loadFixture(receivablesWithSuppliers);
      const { tokenId } = await payable(f);
      await (await f.registry.connect(f.ops.registrar).suspend(f.tier1Id, SUSPENSION)).wait();
      await expect(f.receivables.connect(f.tier1).split(tokenId, [FACE / 2n, FACE / 2n]))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableIneligible")
        .withArgs(f.tier1.address, reason("Suspended"));
      await expect(f.receivables.connect(f.tier1).sendValue(tokenId, f.tier2.address, 1_000_00n))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableIneligible")
        .withArgs(f.tier1.address, reason("Suspended"));
      expect(await f.receivables.balanceOf(f.tier1.address)).to.equal(1n);
    });

    it("a lapsed operator cannot move or claim for a holder it was approved by", async () => {
      const f = await loadFixture(receivablesWithSuppliers);
      const { rootId, tokenId } = await payable(f);
      await (await f.receivables.connect(f.tier1).setApprovalForAll(f.tier3.address, true)).wait();
      await (await f.registry.connect(f.ops.regulator).freezeWallet(f.tier3.address, ORDER)).wait();
      await expect(f.receivables.connect(f.tier3).transferFrom(f.tier1.address, f.tier2.address, tokenId))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableIneligible")
        .withArgs(f.tier3.address, reason("Frozen"));
      await (await f.receivables.connect(f.core).repay(rootId, 1_000_00n)).wait();
      await expect(f.receivables.connect(f.tier3).claim(tokenId))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableIneligible")
        .withArgs(f.tier3.address, reason("Frozen"));
      expect(await f.receivables.ownerOf(tokenId)).to.equal(f.tier1.address);
      expect(await f.receivables.claimable(tokenId)).to.equal(1_000_00n);
    });

    it("a regulator's forced transfer still moves a frozen holder's fragment", async () => {
      const f = await loadFixture(receivablesWithSuppliers);
      const { tokenId } = await payable(f);
      await (await f.registry.connect(f.ops.regulator).freezeWallet(f.tier1.address, ORDER)).wait();
      await expect(f.receivables.connect(f.ops.regulator).forcedTransfer(tokenId, f.tier2.address, ORDER))
        .to.emit(f.receivables, "FragmentForceTransferred")
        .withArgs(tokenId, f.tier1.address, f.tier2.address, ORDER);
      expect(await f.receivables.ownerOf(tokenId)).to.equal(f.tier2.address);
    });
  });

  describe("finding 2: nobody can block the debtor's settlement", () => {
    it("with the payment counter at its last value, only the settling payment goes through", async () => {
      const f = await loadFixture(receivablesWithSuppliers);
      const { rootId, tokenId } = await payable(f);
      await (await f.receivables.connect(f.core).repay(rootId, 1_000_00n)).wait();
      // Pretend 65,533 more payments happened (the attack paid 0.01 each; it needs no real history).
      const slot = await rootSlot(f, rootId);
      const target = await f.receivables.getAddress();
      const word = BigInt(await ethers.provider.getStorage(target, slot));
      const lowBits = word & ((1n << 240n) - 1n);
      await networkHelpers.setStorageAt(target, slot, (65_534n << 240n) | lowBits);
      expect((await f.receivables.receivable(rootId)).paymentCount).to.equal(65_534n);
      await expect(f.receivables.connect(f.core).repay(rootId, 1n))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableTooManyPayments")
        .withArgs(rootId);
      const rest = FACE - 1_000_00n;
      const tx = f.receivables.connect(f.core).repay(rootId, rest);
      await expect(tx).to.emit(f.receivables, "ReceivableRepaid").withArgs(rootId, f.core.address, rest, FACE);
      await expect(tx).to.emit(f.receivables, "ReceivableSettled").withArgs(rootId);
      expect((await f.receivables.receivable(rootId)).paymentCount).to.equal(65_535n);
      // The holder collects everything in one claim.
      await expect(f.receivables.connect(f.tier1).claim(tokenId)).to.changeTokenBalances(
        ethers,
        f.cash,
        [f.tier1, f.receivablesAddress],
        [FACE, -FACE],
      );
    });
  });

  describe("finding 4: one participant is one party", () => {
    it("a participant cannot issue a confirmed payable to itself through its second wallet", async () => {
      const f = await loadFixture(receivablesWithSuppliers);
      const second = f.signers[16]!;
      await (await f.registry.connect(f.ops.registrar).addWallet(f.coreId, second.address)).wait();
      const due = (await f.latest()) + 90n * DAY;
      await expect(
        f.receivables
          .connect(f.core)
          .issuePayable(
            second.address,
            await f.cash.getAddress(),
            FACE,
            due,
            ethers.id("SELF"),
            "ipfs://self",
            ethers.id("d"),
          ),
      )
        .to.be.revertedWithCustomError(f.receivables, "ReceivableSameParty")
        .withArgs(f.core.address);
      await expect(
        f.receivables
          .connect(second)
          .issue(
            f.core.address,
            await f.cash.getAddress(),
            FACE,
            due,
            ethers.id("SELF"),
            "ipfs://self",
            ethers.id("d"),
          ),
      )
        .to.be.revertedWithCustomError(f.receivables, "ReceivableSameParty")
        .withArgs(f.core.address);
    });
  });

  describe("a registered module is not a member (issue 13: no KYC bypass)", () => {
    it("an address registered as a module can neither issue, owe, nor become a participant's wallet", async () => {
      const f = await loadFixture(receivablesWithSuppliers);
      // What a MODULE_FACTORY holder gone rogue would do: register its own EOA as a custody module.
      const rogue = f.outsider;
      await (await f.registry.connect(f.ops.deployer).registerModule(rogue.address)).wait();
      expect(await f.registry.isEligible(rogue.address)).to.equal(true);
      const cash = await f.cash.getAddress();
      const due = (await f.latest()) + 90n * DAY;
      await expect(
        f.receivables
          .connect(rogue)
          .issue(f.core.address, cash, FACE, due, ethers.id("R1"), "ipfs://r", ethers.id("d")),
      )
        .to.be.revertedWithCustomError(f.receivables, "ReceivableNotParticipant")
        .withArgs(rogue.address);
      await expect(
        f.receivables
          .connect(f.tier1)
          .issue(rogue.address, cash, FACE, due, ethers.id("R2"), "ipfs://r", ethers.id("d")),
      )
        .to.be.revertedWithCustomError(f.receivables, "ReceivableNotDebtorKind")
        .withArgs(rogue.address);
      await expect(f.registry.connect(f.ops.registrar).addWallet(f.tier1Id, rogue.address))
        .to.be.revertedWithCustomError(f.registry, "RegistryModuleExists")
        .withArgs(rogue.address);
      expect(await f.registry.participantOf(rogue.address)).to.equal(ethers.ZeroHash);
      // Of no member kind at all.
      expect(await f.registry.isEligibleKind(rogue.address, kindsOf(...(Object.keys(Kinds) as KindName[])))).to.equal(
        false,
      );
    });
  });

  describe("finding 6: a frozen fragment reports nothing claimable", () => {
    it("claimable is 0 while frozen (so batch collectors skip it) and comes back on unfreeze", async () => {
      const f = await loadFixture(receivablesWithSuppliers);
      const { rootId, tokenId } = await payable(f);
      await (await f.receivables.connect(f.core).repay(rootId, 250_000_00n)).wait();
      await (await f.receivables.connect(f.ops.regulator).freeze(tokenId, ORDER)).wait();
      expect(await f.receivables.claimable(tokenId)).to.equal(0n);
      const pos = await f.receivables.position(tokenId);
      expect(pos.frozen).to.equal(true);
      expect(pos.remaining).to.equal(FACE);
      await (await f.receivables.connect(f.ops.regulator).unfreeze(tokenId, ORDER)).wait();
      expect(await f.receivables.claimable(tokenId)).to.equal(250_000_00n);
    });
  });

  describe("position: what a price binds", () => {
    it("remaining falls with what the fragment collects and moves with value sent", async () => {
      const f = await loadFixture(receivablesWithSuppliers);
      const { rootId, tokenId } = await payable(f);
      expect((await f.receivables.position(tokenId)).remaining).to.equal(FACE);
      await (await f.receivables.connect(f.core).repay(rootId, 300_000_00n)).wait();
      // Paid but not claimed: still to collect by this fragment.
      expect((await f.receivables.position(tokenId)).remaining).to.equal(FACE);
      await (await f.receivables.connect(f.tier1).claim(tokenId)).wait();
      expect((await f.receivables.position(tokenId)).remaining).to.equal(700_000_00n);
      const sent = await f.receivables.connect(f.tier1).sendValue.staticCall(tokenId, f.tier2.address, 500_000_00n);
      await (await f.receivables.connect(f.tier1).sendValue(tokenId, f.tier2.address, 500_000_00n)).wait();
      const a = await f.receivables.position(tokenId);
      const b = await f.receivables.position(sent);
      expect(a.value + b.value).to.equal(FACE);
      expect(a.remaining + b.remaining).to.equal(700_000_00n);
      expect(b.holder).to.equal(f.tier2.address);
    });
  });
});
