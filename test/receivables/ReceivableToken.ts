import { expect } from "chai";

import { describeRestrictedFunctions } from "../helpers/access.js";
import {
  DAY,
  addr,
  ethers,
  networkHelpers,
  now,
  reason,
  receivablesWithSuppliers,
  type Signer,
} from "../helpers/fixtures.js";
import { RECEIVABLE_PARAMS } from "../helpers/receivables.js";

const { loadFixture, time } = networkHelpers;

type F = Awaited<ReturnType<typeof receivablesWithSuppliers>>;

const FACE = 1_000_000_00n; // 1,000,000.00 in fen
const ORDER = ethers.id("court order 2026-017");
const SUSPENSION = ethers.encodeBytes32String("AML review");
const KIND = ethers.id("CUSTOMS_DECLARATION");
const EVIDENCE = ethers.id("customs declaration 2026/0001");
const DOC = ethers.encodeBytes32String("contract");
const { maxTenor, gracePeriod, defaultPeriod, minFragmentValue, maxTier } = RECEIVABLE_PARAMS;

/** IReceivableToken.Status as the ABI returns it. */
const Status = { None: 0n, Pending: 1n, Confirmed: 2n, Rejected: 3n, Cancelled: 4n, Defaulted: 5n, Settled: 6n };
/** IReceivableToken.State as the ABI returns it. */
const State = {
  None: 0n,
  Pending: 1n,
  Confirmed: 2n,
  PartiallyPaid: 3n,
  Overdue: 4n,
  Defaulted: 5n,
  Settled: 6n,
  Rejected: 7n,
  Cancelled: 8n,
};

async function chain(): Promise<F> {
  return loadFixture(receivablesWithSuppliers);
}

/** Token id of fragment `index` of `rootId`. */
function tokenOf(rootId: bigint, index: bigint | number): bigint {
  return (rootId << 32n) | BigInt(index);
}

/** `creditor` issues a pending receivable against the core enterprise (or `debtor`). */
async function issuePending(f: F, invoice: string, face = FACE, creditor: Signer = f.tier1, debtor: Signer = f.core) {
  const due = (await now()) + 90n * DAY;
  const invoiceHash = ethers.id(invoice);
  const rootId = await f.receivables.rootIdOf(invoiceHash, creditor.address, debtor.address);
  const count = (await f.receivables.receivable(rootId)).fragmentCount;
  await f.receivables
    .connect(creditor)
    .issue(debtor.address, await f.cash.getAddress(), face, due, invoiceHash, `ipfs://${invoice}`, ethers.id(invoice));
  return { rootId, tokenId: tokenOf(rootId, count), due, invoiceHash };
}

/** A confirmed payable of `face` from the core enterprise to tier 1. */
async function confirmed(f: F, face = FACE, invoice = "INV-2026-0001") {
  return f.payable(f.core, f.tier1, face, invoice);
}

async function fragmentOf(f: F, tokenId: bigint) {
  const [frag, rootId] = await f.receivables.fragment(tokenId);
  return { start: frag.start, value: frag.value, checkpoint: frag.checkpoint, tier: frag.tier, rootId };
}

/** Issue arguments with one field overridden. */
async function issueArgs(f: F, over: Partial<{ debtor: string; currency: string; face: bigint; due: bigint }> = {}) {
  return [
    over.debtor ?? f.core.address,
    over.currency ?? (await f.cash.getAddress()),
    over.face ?? FACE,
    over.due ?? (await now()) + 90n * DAY,
    ethers.id("INV-ARGS"),
    "ipfs://INV-ARGS",
    ethers.id("doc"),
  ] as const;
}

describe("ReceivableToken", () => {
  describe("deployment", () => {
    it("has the module's parameters, registry, name and symbol, and approves the settlement token", async () => {
      const f = await chain();
      expect(await f.receivables.params()).to.deep.equal([
        maxTenor,
        gracePeriod,
        defaultPeriod,
        minFragmentValue,
        maxTier,
      ]);
      expect(await f.receivables.registry()).to.equal(await f.registry.getAddress());
      expect(await f.receivables.name()).to.equal("Receivable Fragment");
      expect(await f.receivables.symbol()).to.equal("RCV");
      expect(await f.receivables.isCurrencyApproved(await f.cash.getAddress())).to.equal(true);
      expect(await f.receivables.MAX_SPLIT()).to.equal(16n);
      expect(await f.registry.isEligible(f.receivablesAddress)).to.equal(true);
    });

    it("supports the ERC-721 and ERC-165 interfaces", async () => {
      const f = await chain();
      expect(await f.receivables.supportsInterface("0x80ac58cd")).to.equal(true);
      expect(await f.receivables.supportsInterface("0x01ffc9a7")).to.equal(true);
      expect(await f.receivables.supportsInterface("0xffffffff")).to.equal(false);
    });

    it("treats a zero minimum fragment value as 1", async () => {
      const f = await chain();
      const token = await ethers.deployContract("ReceivableToken", [
        await f.manager.getAddress(),
        await f.registry.getAddress(),
        maxTenor,
        gracePeriod,
        defaultPeriod,
        0n,
        maxTier,
        ethers.ZeroAddress,
      ]);
      expect((await token.params())[3]).to.equal(1n);
    });
  });

  describe("tokenURI", () => {
    it("is empty for an existing fragment", async () => {
      const f = await chain();
      const { tokenId } = await confirmed(f);
      expect(await f.receivables.tokenURI(tokenId)).to.equal("");
    });

    it("reverts with TokenDoesNotExist for an unknown fragment", async () => {
      const f = await chain();
      await expect(f.receivables.tokenURI(1n)).to.be.revertedWithCustomError(f.receivables, "TokenDoesNotExist");
    });
  });

  describe("rootIdOf", () => {
    it("is the invoice fingerprint: uint224 of keccak256(invoiceHash, sellerId, debtorId)", async () => {
      const f = await chain();
      const invoiceHash = ethers.id("INV-1");
      const encoded = ethers.AbiCoder.defaultAbiCoder().encode(
        ["bytes32", "bytes32", "bytes32"],
        [invoiceHash, f.tier1Id, f.coreId],
      );
      const expected = BigInt(ethers.keccak256(encoded).slice(0, 2 + 56));
      expect(await f.receivables.rootIdOf(invoiceHash, f.tier1.address, f.core.address)).to.equal(expected);
    });

    it("differs with the parties and the invoice and does not depend on the wallet of a participant", async () => {
      const f = await chain();
      const h = ethers.id("INV-1");
      const a = await f.receivables.rootIdOf(h, f.tier1.address, f.core.address);
      expect(await f.receivables.rootIdOf(h, f.tier2.address, f.core.address)).to.not.equal(a);
      expect(await f.receivables.rootIdOf(ethers.id("INV-2"), f.tier1.address, f.core.address)).to.not.equal(a);
      await f.registry.connect(f.ops.registrar).addWallet(f.tier1Id, addr(7));
      expect(await f.receivables.rootIdOf(h, addr(7), f.core.address)).to.equal(a);
    });
  });

  describe("issue", () => {
    it("mints the whole-face fragment, pending, to the creditor and records the root", async () => {
      const f = await chain();
      const invoiceHash = ethers.id("INV-1");
      const rootId = await f.receivables.rootIdOf(invoiceHash, f.tier1.address, f.core.address);
      const tokenId = tokenOf(rootId, 0);
      const due = (await now()) + 90n * DAY;
      const tx = f.receivables
        .connect(f.tier1)
        .issue(f.core.address, await f.cash.getAddress(), FACE, due, invoiceHash, "ipfs://inv-1", ethers.id("pdf"));
      await expect(tx)
        .to.emit(f.receivables, "ReceivableIssued")
        .withArgs(
          rootId,
          f.tier1.address,
          f.core.address,
          await f.cash.getAddress(),
          FACE,
          due,
          invoiceHash,
          "ipfs://inv-1",
          ethers.id("pdf"),
          false,
        );
      await expect(tx).to.emit(f.receivables, "Transfer").withArgs(ethers.ZeroAddress, f.tier1.address, tokenId);
      expect(await f.receivables.ownerOf(tokenId)).to.equal(f.tier1.address);
      expect(await f.receivables.balanceOf(f.tier1.address)).to.equal(1n);
      const r = await f.receivables.receivable(rootId);
      expect(r.debtor).to.equal(f.core.address);
      expect(r.creditor).to.equal(f.tier1.address);
      expect(r.currency).to.equal(await f.cash.getAddress());
      expect(r.face).to.equal(FACE);
      expect(r.dueDate).to.equal(due);
      expect(r.status).to.equal(Status.Pending);
      expect(r.fragmentCount).to.equal(1n);
      expect(r.paid).to.equal(0n);
      expect(r.paymentCount).to.equal(0n);
      expect(await f.receivables.stateOf(rootId)).to.equal(State.Pending);
      expect(await f.receivables.isFingerprintUsed(rootId)).to.equal(true);
      expect(await fragmentOf(f, tokenId)).to.deep.equal({ start: 0n, value: FACE, checkpoint: 0n, tier: 0n, rootId });
      expect(await f.receivables.isFrozen(tokenId)).to.equal(false);
    });

    it("accepts an SME debtor and the largest face (2^96 - 1) and the longest tenor", async () => {
      const f = await chain();
      const max = 2n ** 96n - 1n;
      const due = (await now()) + maxTenor; // the block is at least one second later: still within
      await f.receivables
        .connect(f.tier1)
        .issue(...(await issueArgs(f, { debtor: f.tier2.address, face: max, due: due + 1n })));
      const rootId = await f.receivables.rootIdOf(ethers.id("INV-ARGS"), f.tier1.address, f.tier2.address);
      expect((await f.receivables.receivable(rootId)).face).to.equal(max);
    });

    it("reverts with ReceivableZeroAmount for a zero face", async () => {
      const f = await chain();
      await expect(
        f.receivables.connect(f.tier1).issue(...(await issueArgs(f, { face: 0n }))),
      ).to.be.revertedWithCustomError(f.receivables, "ReceivableZeroAmount");
    });

    it("reverts with ReceivableAmountTooLarge(face) at 2^96", async () => {
      const f = await chain();
      await expect(f.receivables.connect(f.tier1).issue(...(await issueArgs(f, { face: 2n ** 96n }))))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableAmountTooLarge")
        .withArgs(2n ** 96n);
    });

    it("reverts with ReceivableCurrencyNotApproved(currency)", async () => {
      const f = await chain();
      const other = await ethers.deployContract("BaselineERC20");
      await expect(
        f.receivables.connect(f.tier1).issue(...(await issueArgs(f, { currency: await other.getAddress() }))),
      )
        .to.be.revertedWithCustomError(f.receivables, "ReceivableCurrencyNotApproved")
        .withArgs(await other.getAddress());
    });

    it("reverts with ReceivableDueDateInPast(dueDate, now) for a due date not in the future", async () => {
      const f = await chain();
      const due = (await now()) + 10n;
      await time.setNextBlockTimestamp(due);
      await expect(f.receivables.connect(f.tier1).issue(...(await issueArgs(f, { due }))))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableDueDateInPast")
        .withArgs(due, due);
    });

    it("reverts with ReceivableTenorTooLong(dueDate, maxDueDate) beyond the maximum tenor", async () => {
      const f = await chain();
      const t = (await now()) + 10n;
      const due = t + maxTenor + 1n;
      await time.setNextBlockTimestamp(t);
      await expect(f.receivables.connect(f.tier1).issue(...(await issueArgs(f, { due }))))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableTenorTooLong")
        .withArgs(due, t + maxTenor);
    });

    it("reverts with ReceivableSameParty(wallet) when the creditor is the debtor", async () => {
      const f = await chain();
      await expect(f.receivables.connect(f.core).issue(...(await issueArgs(f))))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableSameParty")
        .withArgs(f.core.address);
    });

    it("reverts with ReceivableIneligible(debtor, NotRegistered) for an unregistered debtor", async () => {
      const f = await chain();
      await expect(f.receivables.connect(f.tier1).issue(...(await issueArgs(f, { debtor: f.outsider.address }))))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableIneligible")
        .withArgs(f.outsider.address, reason("NotRegistered"));
    });

    it("reverts with ReceivableIneligible(debtor, Suspended) for a suspended debtor", async () => {
      const f = await chain();
      await f.registry.connect(f.ops.registrar).suspend(f.coreId, SUSPENSION);
      await expect(f.receivables.connect(f.tier1).issue(...(await issueArgs(f))))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableIneligible")
        .withArgs(f.core.address, reason("Suspended"));
    });

    it("reverts with ReceivableIneligible(debtor, Frozen) for a frozen debtor wallet", async () => {
      const f = await chain();
      await f.registry.connect(f.ops.regulator).freezeWallet(f.core.address, ORDER);
      await expect(f.receivables.connect(f.tier1).issue(...(await issueArgs(f))))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableIneligible")
        .withArgs(f.core.address, reason("Frozen"));
    });

    it("reverts with ReceivableIneligible(creditor, Suspended) for a suspended creditor", async () => {
      const f = await chain();
      await f.registry.connect(f.ops.registrar).suspend(f.tier1Id, SUSPENSION);
      await expect(f.receivables.connect(f.tier1).issue(...(await issueArgs(f))))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableIneligible")
        .withArgs(f.tier1.address, reason("Suspended"));
    });

    it("reverts with ReceivableIneligible(creditor, Frozen) for a frozen creditor wallet", async () => {
      const f = await chain();
      await f.registry.connect(f.ops.regulator).freezeWallet(f.tier1.address, ORDER);
      await expect(f.receivables.connect(f.tier1).issue(...(await issueArgs(f))))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableIneligible")
        .withArgs(f.tier1.address, reason("Frozen"));
    });

    it("reverts with ReceivableNotParticipant(creditor) for an unregistered creditor", async () => {
      const f = await chain();
      await expect(f.receivables.connect(f.outsider).issue(...(await issueArgs(f))))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableNotParticipant")
        .withArgs(f.outsider.address);
    });

    it("reverts with ReceivableNotDebtorKind(debtor) for a debtor that is neither core enterprise nor SME", async () => {
      const f = await chain();
      await expect(f.receivables.connect(f.tier1).issue(...(await issueArgs(f, { debtor: f.verifier.address }))))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableNotDebtorKind")
        .withArgs(f.verifier.address);
    });

    it("reverts with ReceivableFingerprintUsed(rootId, Pending) for the same invoice between the same parties", async () => {
      const f = await chain();
      const { rootId } = await issuePending(f, "INV-1");
      await expect(issuePending(f, "INV-1"))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableFingerprintUsed")
        .withArgs(rootId, Status.Pending);
    });

    it("reverts with ReceivableFingerprintUsed(rootId, status) for a confirmed, defaulted or settled root", async () => {
      const f = await chain();
      const { rootId, tokenId, due } = await confirmed(f, FACE, "INV-1");
      await expect(issuePending(f, "INV-1"))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableFingerprintUsed")
        .withArgs(rootId, Status.Confirmed);
      await time.increaseTo(due + gracePeriod + defaultPeriod + 1n);
      await f.receivables.connect(f.tier1).declareDefault(tokenId);
      await expect(issuePending(f, "INV-1"))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableFingerprintUsed")
        .withArgs(rootId, Status.Defaulted);
      await f.receivables.connect(f.core).repay(rootId, FACE);
      await expect(f.payable(f.core, f.tier1, FACE, "INV-1"))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableFingerprintUsed")
        .withArgs(rootId, Status.Settled);
    });

    it("accepts the same invoice number between other parties (another fingerprint)", async () => {
      const f = await chain();
      const a = await issuePending(f, "INV-1");
      const b = await issuePending(f, "INV-1", FACE, f.tier2);
      expect(b.rootId).to.not.equal(a.rootId);
      expect(await f.receivables.ownerOf(b.tokenId)).to.equal(f.tier2.address);
    });

    it("reuses a fingerprint released by a rejection with a new token index", async () => {
      const f = await chain();
      const first = await issuePending(f, "INV-1");
      await f.receivables.connect(f.core).reject(first.rootId, SUSPENSION);
      const second = await issuePending(f, "INV-1", 500_00n);
      expect(second.rootId).to.equal(first.rootId);
      expect(second.tokenId).to.equal(tokenOf(first.rootId, 1));
      expect(await f.receivables.ownerOf(second.tokenId)).to.equal(f.tier1.address);
      const r = await f.receivables.receivable(first.rootId);
      expect(r.status).to.equal(Status.Pending);
      expect(r.fragmentCount).to.equal(2n);
      expect(r.face).to.equal(500_00n);
      expect(await fragmentOf(f, second.tokenId)).to.deep.equal({
        start: 0n,
        value: 500_00n,
        checkpoint: 0n,
        tier: 0n,
        rootId: first.rootId,
      });
      await expect(f.receivables.ownerOf(first.tokenId)).to.be.revertedWithCustomError(
        f.receivables,
        "TokenDoesNotExist",
      );
      await f.receivables.connect(f.core).confirm(first.rootId);
      expect(await f.receivables.stateOf(first.rootId)).to.equal(State.Confirmed);
    });

    it("reuses a fingerprint released by a cancellation with a new token index", async () => {
      const f = await chain();
      const first = await issuePending(f, "INV-1");
      await f.receivables.connect(f.tier1).cancel(first.rootId);
      const second = await issuePending(f, "INV-1");
      expect(second.tokenId).to.equal(tokenOf(first.rootId, 1));
      await f.receivables.connect(f.tier1).cancel(first.rootId);
      const third = await issuePending(f, "INV-1");
      expect(third.tokenId).to.equal(tokenOf(first.rootId, 2));
      expect((await f.receivables.receivable(first.rootId)).fragmentCount).to.equal(3n);
    });

    it("reverts with EnforcedPause while paused", async () => {
      const f = await chain();
      await f.receivables.connect(f.ops.guardian).pause();
      await expect(f.receivables.connect(f.tier1).issue(...(await issueArgs(f)))).to.be.revertedWithCustomError(
        f.receivables,
        "EnforcedPause",
      );
    });
  });

  describe("issuePayable", () => {
    it("issues a confirmed payable to the creditor, transferable at once", async () => {
      const f = await chain();
      const invoiceHash = ethers.id("PO-1");
      const rootId = await f.receivables.rootIdOf(invoiceHash, f.tier1.address, f.core.address);
      const due = (await now()) + 90n * DAY;
      const tx = f.receivables
        .connect(f.core)
        .issuePayable(
          f.tier1.address,
          await f.cash.getAddress(),
          FACE,
          due,
          invoiceHash,
          "ipfs://po-1",
          ethers.id("po"),
        );
      await expect(tx)
        .to.emit(f.receivables, "ReceivableIssued")
        .withArgs(
          rootId,
          f.tier1.address,
          f.core.address,
          await f.cash.getAddress(),
          FACE,
          due,
          invoiceHash,
          "ipfs://po-1",
          ethers.id("po"),
          true,
        );
      await expect(tx)
        .to.emit(f.receivables, "Transfer")
        .withArgs(ethers.ZeroAddress, f.tier1.address, tokenOf(rootId, 0));
      expect((await f.receivables.receivable(rootId)).status).to.equal(Status.Confirmed);
      expect(await f.receivables.stateOf(rootId)).to.equal(State.Confirmed);
      await f.receivables.connect(f.tier1).transferFrom(f.tier1.address, f.tier2.address, tokenOf(rootId, 0));
      expect(await f.receivables.ownerOf(tokenOf(rootId, 0))).to.equal(f.tier2.address);
    });

    it("reverts with ReceivableNotDebtorKind(debtor) when the caller is not a core enterprise or SME", async () => {
      const f = await chain();
      await expect(
        f.receivables
          .connect(f.payer)
          .issuePayable(
            f.tier1.address,
            await f.cash.getAddress(),
            FACE,
            (await now()) + DAY,
            ethers.id("x"),
            "",
            ethers.ZeroHash,
          ),
      )
        .to.be.revertedWithCustomError(f.receivables, "ReceivableNotDebtorKind")
        .withArgs(f.payer.address);
    });

    it("reverts with ReceivableNotParticipant(creditor) for an unregistered creditor", async () => {
      const f = await chain();
      await expect(f.payable(f.core, f.outsider, FACE, "PO-1"))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableNotParticipant")
        .withArgs(f.outsider.address);
    });

    it("reverts with ReceivableNotParticipant(creditor) for a registered module (eligible, no participant)", async () => {
      const f = await chain();
      await f.registry.connect(f.ops.deployer).registerModule(addr(3));
      await expect(f.payable(f.core, { address: addr(3) }, FACE, "PO-1"))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableNotParticipant")
        .withArgs(addr(3));
    });

    it("reverts with ReceivableIneligible(creditor, Suspended) for a suspended creditor", async () => {
      const f = await chain();
      await f.registry.connect(f.ops.registrar).suspend(f.tier1Id, SUSPENSION);
      await expect(f.payable(f.core, f.tier1, FACE, "PO-1"))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableIneligible")
        .withArgs(f.tier1.address, reason("Suspended"));
    });

    it("reverts with ReceivableFingerprintUsed(rootId, Confirmed) for a second payable on the same invoice", async () => {
      const f = await chain();
      const { rootId } = await confirmed(f, FACE, "PO-1");
      await expect(f.payable(f.core, f.tier1, 1_00n, "PO-1"))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableFingerprintUsed")
        .withArgs(rootId, Status.Confirmed);
    });

    it("reverts with EnforcedPause while paused", async () => {
      const f = await chain();
      await f.receivables.connect(f.ops.guardian).pause();
      await expect(f.payable(f.core, f.tier1, FACE, "PO-1")).to.be.revertedWithCustomError(
        f.receivables,
        "EnforcedPause",
      );
    });
  });

  describe("confirm", () => {
    it("confirms a pending receivable and makes its fragment transferable", async () => {
      const f = await chain();
      const { rootId, tokenId } = await issuePending(f, "INV-1");
      await expect(f.receivables.connect(f.core).confirm(rootId))
        .to.emit(f.receivables, "ReceivableConfirmed")
        .withArgs(rootId, f.core.address);
      expect((await f.receivables.receivable(rootId)).status).to.equal(Status.Confirmed);
      expect(await f.receivables.stateOf(rootId)).to.equal(State.Confirmed);
      await expect(f.receivables.connect(f.tier1).transferFrom(f.tier1.address, f.tier2.address, tokenId))
        .to.emit(f.receivables, "Transfer")
        .withArgs(f.tier1.address, f.tier2.address, tokenId);
    });

    it("keeps a judicial freeze set while the receivable was pending", async () => {
      const f = await chain();
      const { rootId, tokenId } = await issuePending(f, "INV-1");
      await f.receivables.connect(f.ops.regulator).freeze(tokenId, ORDER);
      await f.receivables.connect(f.core).confirm(rootId);
      expect(await f.receivables.isFrozen(tokenId)).to.equal(true);
      await expect(f.receivables.connect(f.tier1).transferFrom(f.tier1.address, f.tier2.address, tokenId))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableFrozen")
        .withArgs(tokenId);
      await f.receivables.connect(f.ops.regulator).unfreeze(tokenId, ORDER);
      await f.receivables.connect(f.tier1).transferFrom(f.tier1.address, f.tier2.address, tokenId);
      expect(await f.receivables.ownerOf(tokenId)).to.equal(f.tier2.address);
    });

    it("confirms the fragment of a re-issued fingerprint (the latest index)", async () => {
      const f = await chain();
      const first = await issuePending(f, "INV-1");
      await f.receivables.connect(f.tier1).cancel(first.rootId);
      const second = await issuePending(f, "INV-1");
      await f.receivables.connect(f.core).confirm(second.rootId);
      await f.receivables.connect(f.tier1).transferFrom(f.tier1.address, f.tier2.address, second.tokenId);
      expect(await f.receivables.ownerOf(second.tokenId)).to.equal(f.tier2.address);
    });

    it("reverts with ReceivableNotDebtor(rootId, caller) for anyone but the debtor", async () => {
      const f = await chain();
      const { rootId } = await issuePending(f, "INV-1");
      for (const s of [f.tier1, f.tier2, f.outsider]) {
        await expect(f.receivables.connect(s).confirm(rootId))
          .to.be.revertedWithCustomError(f.receivables, "ReceivableNotDebtor")
          .withArgs(rootId, s.address);
      }
    });

    it("reverts with ReceivableWrongStatus(rootId, status) unless pending", async () => {
      const f = await chain();
      const { rootId } = await confirmed(f);
      await expect(f.receivables.connect(f.core).confirm(rootId))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableWrongStatus")
        .withArgs(rootId, Status.Confirmed);
      const p = await issuePending(f, "INV-2");
      await f.receivables.connect(f.core).reject(p.rootId, SUSPENSION);
      await expect(f.receivables.connect(f.core).confirm(p.rootId))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableWrongStatus")
        .withArgs(p.rootId, Status.Rejected);
      await expect(f.receivables.connect(f.core).confirm(123n))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableWrongStatus")
        .withArgs(123n, Status.None);
    });

    it("reverts with EnforcedPause while paused", async () => {
      const f = await chain();
      const { rootId } = await issuePending(f, "INV-1");
      await f.receivables.connect(f.ops.guardian).pause();
      await expect(f.receivables.connect(f.core).confirm(rootId)).to.be.revertedWithCustomError(
        f.receivables,
        "EnforcedPause",
      );
    });
  });

  describe("reject", () => {
    it("burns the pending fragment and releases the fingerprint", async () => {
      const f = await chain();
      const { rootId, tokenId } = await issuePending(f, "INV-1");
      const why = ethers.encodeBytes32String("goods not received");
      const tx = f.receivables.connect(f.core).reject(rootId, why);
      await expect(tx).to.emit(f.receivables, "ReceivableRejected").withArgs(rootId, f.core.address, why);
      await expect(tx).to.emit(f.receivables, "Transfer").withArgs(f.tier1.address, ethers.ZeroAddress, tokenId);
      expect(await f.receivables.balanceOf(f.tier1.address)).to.equal(0n);
      expect(await f.receivables.isFingerprintUsed(rootId)).to.equal(false);
      expect(await f.receivables.stateOf(rootId)).to.equal(State.Rejected);
      await expect(f.receivables.fragment(tokenId)).to.be.revertedWithCustomError(f.receivables, "TokenDoesNotExist");
    });

    it("burns a frozen pending fragment", async () => {
      const f = await chain();
      const { rootId, tokenId } = await issuePending(f, "INV-1");
      await f.receivables.connect(f.ops.regulator).freeze(tokenId, ORDER);
      await f.receivables.connect(f.core).reject(rootId, SUSPENSION);
      await expect(f.receivables.ownerOf(tokenId)).to.be.revertedWithCustomError(f.receivables, "TokenDoesNotExist");
    });

    it("reverts with ReceivableNotDebtor(rootId, caller) for the creditor", async () => {
      const f = await chain();
      const { rootId } = await issuePending(f, "INV-1");
      await expect(f.receivables.connect(f.tier1).reject(rootId, SUSPENSION))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableNotDebtor")
        .withArgs(rootId, f.tier1.address);
    });

    it("reverts with ReceivableWrongStatus(rootId, Confirmed) once confirmed", async () => {
      const f = await chain();
      const { rootId } = await confirmed(f);
      await expect(f.receivables.connect(f.core).reject(rootId, SUSPENSION))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableWrongStatus")
        .withArgs(rootId, Status.Confirmed);
    });

    it("reverts with EnforcedPause while paused", async () => {
      const f = await chain();
      const { rootId } = await issuePending(f, "INV-1");
      await f.receivables.connect(f.ops.guardian).pause();
      await expect(f.receivables.connect(f.core).reject(rootId, SUSPENSION)).to.be.revertedWithCustomError(
        f.receivables,
        "EnforcedPause",
      );
    });
  });

  describe("cancel", () => {
    it("burns the pending fragment and releases the fingerprint", async () => {
      const f = await chain();
      const { rootId, tokenId } = await issuePending(f, "INV-1");
      const tx = f.receivables.connect(f.tier1).cancel(rootId);
      await expect(tx).to.emit(f.receivables, "ReceivableCancelled").withArgs(rootId, f.tier1.address);
      await expect(tx).to.emit(f.receivables, "Transfer").withArgs(f.tier1.address, ethers.ZeroAddress, tokenId);
      expect(await f.receivables.isFingerprintUsed(rootId)).to.equal(false);
      expect(await f.receivables.stateOf(rootId)).to.equal(State.Cancelled);
      expect((await f.receivables.receivable(rootId)).status).to.equal(Status.Cancelled);
    });

    it("reverts with ReceivableNotCreditor(rootId, caller) for the debtor", async () => {
      const f = await chain();
      const { rootId } = await issuePending(f, "INV-1");
      await expect(f.receivables.connect(f.core).cancel(rootId))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableNotCreditor")
        .withArgs(rootId, f.core.address);
    });

    it("reverts with ReceivableWrongStatus(rootId, status) unless pending", async () => {
      const f = await chain();
      const { rootId } = await confirmed(f);
      await expect(f.receivables.connect(f.tier1).cancel(rootId))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableWrongStatus")
        .withArgs(rootId, Status.Confirmed);
      const p = await issuePending(f, "INV-2");
      await f.receivables.connect(f.tier1).cancel(p.rootId);
      await expect(f.receivables.connect(f.tier1).cancel(p.rootId))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableWrongStatus")
        .withArgs(p.rootId, Status.Cancelled);
    });

    it("reverts with EnforcedPause while paused", async () => {
      const f = await chain();
      const { rootId } = await issuePending(f, "INV-1");
      await f.receivables.connect(f.ops.guardian).pause();
      await expect(f.receivables.connect(f.tier1).cancel(rootId)).to.be.revertedWithCustomError(
        f.receivables,
        "EnforcedPause",
      );
    });
  });

  describe("pending fragments", () => {
    it("reverts with ReceivableNotTransferable(tokenId) on transfer", async () => {
      const f = await chain();
      const { tokenId } = await issuePending(f, "INV-1");
      await expect(f.receivables.connect(f.tier1).transferFrom(f.tier1.address, f.tier2.address, tokenId))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableNotTransferable")
        .withArgs(tokenId);
      await expect(
        f.receivables
          .connect(f.tier1)
          ["safeTransferFrom(address,address,uint256)"](f.tier1.address, f.tier2.address, tokenId),
      )
        .to.be.revertedWithCustomError(f.receivables, "ReceivableNotTransferable")
        .withArgs(tokenId);
    });

    it("reverts with ReceivableWrongStatus(rootId, Pending) on split, sendValue and repay", async () => {
      const f = await chain();
      const { rootId, tokenId } = await issuePending(f, "INV-1");
      await expect(f.receivables.connect(f.tier1).split(tokenId, [FACE / 2n, FACE / 2n]))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableWrongStatus")
        .withArgs(rootId, Status.Pending);
      await expect(f.receivables.connect(f.tier1).sendValue(tokenId, f.tier2.address, 100_00n))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableWrongStatus")
        .withArgs(rootId, Status.Pending);
      await expect(f.receivables.connect(f.core).repay(rootId, 100_00n))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableWrongStatus")
        .withArgs(rootId, Status.Pending);
    });
  });

  describe("attest", () => {
    it("records the verifier's attestation with its time and emits AttestationAdded", async () => {
      const f = await chain();
      const { rootId } = await issuePending(f, "INV-1");
      await expect(f.receivables.connect(f.verifier).attest(rootId, KIND, EVIDENCE))
        .to.emit(f.receivables, "AttestationAdded")
        .withArgs(rootId, 0n, f.verifier.address, KIND, EVIDENCE);
      const t = await now();
      const kind2 = ethers.id("LOGISTICS_RECEIPT");
      await expect(f.receivables.connect(f.verifier).attest(rootId, kind2, EVIDENCE))
        .to.emit(f.receivables, "AttestationAdded")
        .withArgs(rootId, 1n, f.verifier.address, kind2, EVIDENCE);
      const list = await f.receivables.attestations(rootId);
      expect(list.length).to.equal(2);
      expect(list[0].author).to.equal(f.verifier.address);
      expect(list[0].time).to.equal(t);
      expect(list[0].revoked).to.equal(false);
      expect(list[0].kind).to.equal(KIND);
      expect(list[0].hash).to.equal(EVIDENCE);
      expect(list[1].kind).to.equal(kind2);
    });

    it("reverts with ReceivableNotVerifier(caller) for a participant that is not a verifier", async () => {
      const f = await chain();
      const { rootId } = await issuePending(f, "INV-1");
      for (const s of [f.tier1, f.core, f.outsider]) {
        await expect(f.receivables.connect(s).attest(rootId, KIND, EVIDENCE))
          .to.be.revertedWithCustomError(f.receivables, "ReceivableNotVerifier")
          .withArgs(s.address);
      }
    });

    it("reverts with ReceivableNotVerifier(caller) for a suspended verifier", async () => {
      const f = await chain();
      const { rootId } = await issuePending(f, "INV-1");
      await f.registry.connect(f.ops.registrar).suspend(f.verifierId, SUSPENSION);
      await expect(f.receivables.connect(f.verifier).attest(rootId, KIND, EVIDENCE))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableNotVerifier")
        .withArgs(f.verifier.address);
    });

    it("reverts with ReceivableUnknownRoot(rootId) for a root never issued", async () => {
      const f = await chain();
      await expect(f.receivables.connect(f.verifier).attest(42n, KIND, EVIDENCE))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableUnknownRoot")
        .withArgs(42n);
    });
  });

  describe("revokeAttestation", () => {
    async function attested() {
      const f = await chain();
      const { rootId } = await confirmed(f);
      await f.receivables.connect(f.verifier).attest(rootId, KIND, EVIDENCE);
      return { f, rootId };
    }

    it("marks the attestation revoked and emits AttestationRevoked", async () => {
      const { f, rootId } = await attested();
      await expect(f.receivables.connect(f.verifier).revokeAttestation(rootId, 0n))
        .to.emit(f.receivables, "AttestationRevoked")
        .withArgs(rootId, 0n, f.verifier.address);
      const [a] = await f.receivables.attestations(rootId);
      expect(a.revoked).to.equal(true);
      expect(a.hash).to.equal(EVIDENCE);
    });

    it("reverts with ReceivableUnknownAttestation(rootId, index) past the end", async () => {
      const { f, rootId } = await attested();
      await expect(f.receivables.connect(f.verifier).revokeAttestation(rootId, 1n))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableUnknownAttestation")
        .withArgs(rootId, 1n);
    });

    it("reverts with ReceivableNotAttestationAuthor(rootId, index, caller) for anyone else", async () => {
      const { f, rootId } = await attested();
      await expect(f.receivables.connect(f.tier1).revokeAttestation(rootId, 0n))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableNotAttestationAuthor")
        .withArgs(rootId, 0n, f.tier1.address);
    });

    it("reverts with ReceivableAttestationRevoked(rootId, index) the second time", async () => {
      const { f, rootId } = await attested();
      await f.receivables.connect(f.verifier).revokeAttestation(rootId, 0n);
      await expect(f.receivables.connect(f.verifier).revokeAttestation(rootId, 0n))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableAttestationRevoked")
        .withArgs(rootId, 0n);
    });
  });

  describe("setDocument", () => {
    it("adds a document for the creditor and replaces it for the debtor, keeping one name", async () => {
      const f = await chain();
      const { rootId } = await confirmed(f);
      await expect(f.receivables.connect(f.tier1).setDocument(rootId, DOC, "ipfs://v1", ethers.id("v1")))
        .to.emit(f.receivables, "DocumentUpdated")
        .withArgs(rootId, DOC, "ipfs://v1", ethers.id("v1"));
      const t1 = await now();
      expect(await f.receivables.getDocument(rootId, DOC)).to.deep.equal(["ipfs://v1", ethers.id("v1"), t1]);
      await time.increase(60);
      await expect(f.receivables.connect(f.core).setDocument(rootId, DOC, "ipfs://v2", ethers.id("v2")))
        .to.emit(f.receivables, "DocumentUpdated")
        .withArgs(rootId, DOC, "ipfs://v2", ethers.id("v2"));
      expect(await f.receivables.getDocument(rootId, DOC)).to.deep.equal(["ipfs://v2", ethers.id("v2"), await now()]);
      expect(await f.receivables.getAllDocuments(rootId)).to.deep.equal([DOC]);
    });

    it("reverts with ReceivableNotParty(rootId, caller) for a holder who is neither creditor nor debtor", async () => {
      const f = await chain();
      const { rootId, tokenId } = await confirmed(f);
      await f.receivables.connect(f.tier1).transferFrom(f.tier1.address, f.tier2.address, tokenId);
      await expect(f.receivables.connect(f.tier2).setDocument(rootId, DOC, "x", ethers.ZeroHash))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableNotParty")
        .withArgs(rootId, f.tier2.address);
    });

    it("reverts with ReceivableUnknownRoot(rootId) for a root never issued", async () => {
      const f = await chain();
      await expect(f.receivables.connect(f.tier1).setDocument(7n, DOC, "x", ethers.ZeroHash))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableUnknownRoot")
        .withArgs(7n);
    });

    it("reverts with ReceivableEmptyDocumentName for a zero name", async () => {
      const f = await chain();
      const { rootId } = await confirmed(f);
      await expect(
        f.receivables.connect(f.tier1).setDocument(rootId, ethers.ZeroHash, "x", ethers.ZeroHash),
      ).to.be.revertedWithCustomError(f.receivables, "ReceivableEmptyDocumentName");
    });
  });

  describe("removeDocument", () => {
    const names = ["contract", "delivery", "invoice"].map((n) => ethers.encodeBytes32String(n));

    async function documented() {
      const f = await chain();
      const { rootId } = await confirmed(f);
      for (const n of names) await f.receivables.connect(f.tier1).setDocument(rootId, n, `ipfs://${n}`, n);
      return { f, rootId };
    }

    it("marks the document removed without erasing it: content, time and name stay, the removal time is recorded", async () => {
      const { f, rootId } = await documented();
      const [, , setAt] = await f.receivables.getDocument(rootId, names[0]);
      await expect(f.receivables.connect(f.core).removeDocument(rootId, names[0]))
        .to.emit(f.receivables, "DocumentRemoved")
        .withArgs(rootId, names[0], `ipfs://${names[0]}`, names[0]);
      const removedAt = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
      expect(await f.receivables.getDocument(rootId, names[0])).to.deep.equal([`ipfs://${names[0]}`, names[0], setAt]);
      expect(await f.receivables.documentRemovedAt(rootId, names[0])).to.equal(removedAt);
      expect(await f.receivables.getAllDocuments(rootId)).to.deep.equal(names);
      // Setting a removed name again restores it as current.
      await f.receivables.connect(f.tier1).setDocument(rootId, names[0], "ipfs://again", names[0]);
      expect(await f.receivables.documentRemovedAt(rootId, names[0])).to.equal(0n);
      expect((await f.receivables.getDocument(rootId, names[0]))[0]).to.equal("ipfs://again");
      expect(await f.receivables.getAllDocuments(rootId)).to.deep.equal(names);
    });

    it("reverts with ReceivableUnknownDocument for a name never set and ReceivableDocumentRemoved for one already removed", async () => {
      const { f, rootId } = await documented();
      const other = ethers.encodeBytes32String("other");
      await expect(f.receivables.connect(f.tier1).removeDocument(rootId, other))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableUnknownDocument")
        .withArgs(rootId, other);
      await f.receivables.connect(f.tier1).removeDocument(rootId, names[1]);
      await expect(f.receivables.connect(f.tier1).removeDocument(rootId, names[1]))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableDocumentRemoved")
        .withArgs(rootId, names[1]);
    });

    it("attack (finding 5): a revoked or suspended creditor can no longer add or remove documents", async () => {
      const { f, rootId } = await documented();
      await f.registry.connect(f.ops.registrar).revoke(f.tier1Id, ethers.encodeBytes32String("STRUCK-OFF"));
      await expect(f.receivables.connect(f.tier1).removeDocument(rootId, names[0]))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableIneligible")
        .withArgs(f.tier1.address, reason("Revoked"));
      await expect(f.receivables.connect(f.tier1).setDocument(rootId, names[0], "ipfs://x", names[0]))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableIneligible")
        .withArgs(f.tier1.address, reason("Revoked"));
      await f.registry.connect(f.ops.registrar).suspend(f.coreId, ethers.encodeBytes32String("AUDIT"));
      await expect(f.receivables.connect(f.core).removeDocument(rootId, names[0]))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableIneligible")
        .withArgs(f.core.address, reason("Suspended"));
      expect(await f.receivables.getDocument(rootId, names[0])).to.deep.equal([
        `ipfs://${names[0]}`,
        names[0],
        (await f.receivables.getDocument(rootId, names[0]))[2],
      ]);
      expect(await f.receivables.documentRemovedAt(rootId, names[0])).to.equal(0n);
    });

    it("reverts with ReceivableNotParty(rootId, caller) for an outsider", async () => {
      const { f, rootId } = await documented();
      await expect(f.receivables.connect(f.outsider).removeDocument(rootId, names[0]))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableNotParty")
        .withArgs(rootId, f.outsider.address);
    });
  });

  describe("split", () => {
    it("splits into parts that tile the parent's interval, ids rootId << 32 | index, emitting FragmentSplit", async () => {
      const f = await chain();
      const { rootId, tokenId } = await confirmed(f);
      const values = [500_000_00n, 300_000_00n, 200_000_00n];
      const ids = [tokenOf(rootId, 1), tokenOf(rootId, 2)];
      expect(await f.receivables.connect(f.tier1).split.staticCall(tokenId, values)).to.deep.equal(ids);
      const tx = f.receivables.connect(f.tier1).split(tokenId, values);
      await expect(tx).to.emit(f.receivables, "FragmentSplit").withArgs(tokenId, ids[0], values[1]);
      await expect(tx).to.emit(f.receivables, "FragmentSplit").withArgs(tokenId, ids[1], values[2]);
      await expect(tx).to.emit(f.receivables, "Transfer").withArgs(ethers.ZeroAddress, f.tier1.address, ids[0]);
      expect(await fragmentOf(f, tokenId)).to.deep.equal({
        start: 0n,
        value: values[0],
        checkpoint: 0n,
        tier: 0n,
        rootId,
      });
      expect(await fragmentOf(f, ids[0])).to.deep.equal({
        start: values[0],
        value: values[1],
        checkpoint: 0n,
        tier: 0n,
        rootId,
      });
      expect(await fragmentOf(f, ids[1])).to.deep.equal({
        start: values[0] + values[1],
        value: values[2],
        checkpoint: 0n,
        tier: 0n,
        rootId,
      });
      expect(await f.receivables.balanceOf(f.tier1.address)).to.equal(3n);
      expect((await f.receivables.receivable(rootId)).fragmentCount).to.equal(3n);
    });

    it("splits a part again inside its own interval and keeps its tier", async () => {
      const f = await chain();
      const { rootId, tokenId } = await confirmed(f);
      await f.receivables.connect(f.tier1).sendValue(tokenId, f.tier2.address, 400_000_00n); // index 1, tier 1
      const part = tokenOf(rootId, 1);
      await f.receivables.connect(f.tier2).split(part, [100_000_00n, 300_000_00n]);
      expect(await fragmentOf(f, part)).to.deep.equal({
        start: 600_000_00n,
        value: 100_000_00n,
        checkpoint: 0n,
        tier: 1n,
        rootId,
      });
      expect(await fragmentOf(f, tokenOf(rootId, 2))).to.deep.equal({
        start: 700_000_00n,
        value: 300_000_00n,
        checkpoint: 0n,
        tier: 1n,
        rootId,
      });
    });

    it("after a partial payment and a claim neither creates nor destroys entitlement", async () => {
      const f = await chain();
      const { rootId, tokenId } = await confirmed(f, 1_000_000_01n);
      await f.receivables.connect(f.core).repay(rootId, 123_456_78n);
      await f.receivables.connect(f.tier1).claim(tokenId); // checkpoint 1
      await f.receivables.connect(f.core).repay(rootId, 333_333_33n);
      const before = await f.receivables.claimable(tokenId);
      expect(before).to.equal(333_333_33n);
      await f.receivables.connect(f.tier1).split(tokenId, [333_333_34n, 333_333_33n, 333_333_34n]);
      const ids = [tokenId, tokenOf(rootId, 1), tokenOf(rootId, 2)];
      const parts = await Promise.all(ids.map((id) => f.receivables.claimable(id)));
      expect(parts.reduce((a, b) => a + b, 0n)).to.equal(before);
      for (const id of ids) expect((await fragmentOf(f, id)).checkpoint).to.equal(1n);
      for (const id of ids) await f.receivables.connect(f.tier1).claim(id);
      expect(await f.cash.balanceOf(f.receivablesAddress)).to.equal(0n);
    });

    it("accepts MAX_SPLIT parts", async () => {
      const f = await chain();
      const { rootId, tokenId } = await confirmed(f, 16_000_00n);
      await f.receivables.connect(f.tier1).split(tokenId, Array(16).fill(1_000_00n));
      expect((await f.receivables.receivable(rootId)).fragmentCount).to.equal(16n);
      expect((await fragmentOf(f, tokenOf(rootId, 15))).start).to.equal(15_000_00n);
    });

    it("reverts with ReceivableBadSplitCount(count) for fewer than 2 or more than MAX_SPLIT parts", async () => {
      const f = await chain();
      const { tokenId } = await confirmed(f, 17_000_00n);
      for (const values of [[], [17_000_00n], Array(17).fill(1_000_00n)]) {
        await expect(f.receivables.connect(f.tier1).split(tokenId, values))
          .to.be.revertedWithCustomError(f.receivables, "ReceivableBadSplitCount")
          .withArgs(values.length);
      }
    });

    it("reverts with ReceivableFragmentTooSmall(value, minValue) for a part under the minimum", async () => {
      const f = await chain();
      const { tokenId } = await confirmed(f);
      await expect(f.receivables.connect(f.tier1).split(tokenId, [FACE - 99n, 99n]))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableFragmentTooSmall")
        .withArgs(99n, minFragmentValue);
    });

    it("reverts with ReceivableSplitSumMismatch(tokenId, sum, value) when the parts do not add up", async () => {
      const f = await chain();
      const { tokenId } = await confirmed(f);
      await expect(f.receivables.connect(f.tier1).split(tokenId, [FACE / 2n, FACE / 2n + 1n]))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableSplitSumMismatch")
        .withArgs(tokenId, FACE + 1n, FACE);
    });

    it("reverts with ReceivableNotHolder(tokenId, caller) for anyone but the holder, even an approved operator", async () => {
      const f = await chain();
      const { tokenId } = await confirmed(f);
      await f.receivables.connect(f.tier1).approve(f.tier2.address, tokenId);
      for (const s of [f.tier2, f.core]) {
        await expect(f.receivables.connect(s).split(tokenId, [FACE / 2n, FACE / 2n]))
          .to.be.revertedWithCustomError(f.receivables, "ReceivableNotHolder")
          .withArgs(tokenId, s.address);
      }
    });

    it("reverts with ReceivableOverdue(rootId, overdueSince) after due date plus grace", async () => {
      const f = await chain();
      const { rootId, tokenId, due } = await confirmed(f);
      await time.setNextBlockTimestamp(due + gracePeriod);
      // At due + grace exactly it still moves.
      await f.receivables.connect(f.tier1).split(tokenId, [FACE / 2n, FACE / 2n]);
      await expect(f.receivables.connect(f.tier1).split(tokenId, [FACE / 4n, FACE / 4n]))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableOverdue")
        .withArgs(rootId, due + gracePeriod);
    });

    it("reverts with ReceivableFrozen(tokenId) for a frozen fragment", async () => {
      const f = await chain();
      const { tokenId } = await confirmed(f);
      await f.receivables.connect(f.ops.regulator).freeze(tokenId, ORDER);
      await expect(f.receivables.connect(f.tier1).split(tokenId, [FACE / 2n, FACE / 2n]))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableFrozen")
        .withArgs(tokenId);
    });

    it("reverts with ReceivableWrongStatus(rootId, Settled) once settled", async () => {
      const f = await chain();
      const { rootId, tokenId } = await confirmed(f);
      await f.receivables.connect(f.core).repay(rootId, FACE);
      await expect(f.receivables.connect(f.tier1).split(tokenId, [FACE / 2n, FACE / 2n]))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableWrongStatus")
        .withArgs(rootId, Status.Settled);
    });

    it("reverts with TokenDoesNotExist for an unknown fragment", async () => {
      const f = await chain();
      const { rootId } = await confirmed(f);
      await expect(
        f.receivables.connect(f.tier1).split(tokenOf(rootId, 9), [FACE / 2n, FACE / 2n]),
      ).to.be.revertedWithCustomError(f.receivables, "TokenDoesNotExist");
    });

    it("reverts with EnforcedPause while paused", async () => {
      const f = await chain();
      const { tokenId } = await confirmed(f);
      await f.receivables.connect(f.ops.guardian).pause();
      await expect(f.receivables.connect(f.tier1).split(tokenId, [FACE / 2n, FACE / 2n])).to.be.revertedWithCustomError(
        f.receivables,
        "EnforcedPause",
      );
    });
  });

  describe("sendValue", () => {
    it("mints the top of the interval to the recipient one tier deeper and emits FragmentValueSent", async () => {
      const f = await chain();
      const { rootId, tokenId } = await confirmed(f);
      const newId = tokenOf(rootId, 1);
      expect(await f.receivables.connect(f.tier1).sendValue.staticCall(tokenId, f.tier2.address, 400_000_00n)).to.equal(
        newId,
      );
      const tx = f.receivables.connect(f.tier1).sendValue(tokenId, f.tier2.address, 400_000_00n);
      await expect(tx)
        .to.emit(f.receivables, "FragmentValueSent")
        .withArgs(tokenId, newId, f.tier2.address, 400_000_00n, 1n);
      await expect(tx).to.emit(f.receivables, "Transfer").withArgs(ethers.ZeroAddress, f.tier2.address, newId);
      expect(await fragmentOf(f, tokenId)).to.deep.equal({
        start: 0n,
        value: 600_000_00n,
        checkpoint: 0n,
        tier: 0n,
        rootId,
      });
      expect(await fragmentOf(f, newId)).to.deep.equal({
        start: 600_000_00n,
        value: 400_000_00n,
        checkpoint: 0n,
        tier: 1n,
        rootId,
      });
      expect(await f.receivables.ownerOf(newId)).to.equal(f.tier2.address);
    });

    it("carries what was paid and not claimed on the sent part to the recipient", async () => {
      const f = await chain();
      const { rootId, tokenId } = await confirmed(f);
      await f.receivables.connect(f.core).repay(rootId, FACE / 2n);
      await f.receivables.connect(f.tier1).sendValue(tokenId, f.tier2.address, 400_000_00n);
      expect(await f.receivables.claimable(tokenId)).to.equal(300_000_00n);
      expect(await f.receivables.claimable(tokenOf(rootId, 1))).to.equal(200_000_00n);
      // Once claimed, nothing travels: the sent part keeps the parent's checkpoint.
      await f.receivables.connect(f.tier1).claim(tokenId);
      await f.receivables.connect(f.tier1).sendValue(tokenId, f.tier3.address, 100_000_00n);
      expect(await f.receivables.claimable(tokenOf(rootId, 2))).to.equal(0n);
      expect((await fragmentOf(f, tokenOf(rootId, 2))).checkpoint).to.equal(1n);
      await expect(f.receivables.connect(f.tier2).claim(tokenOf(rootId, 1))).to.changeTokenBalances(
        ethers,
        f.cash,
        [f.tier2, f.receivablesAddress],
        [200_000_00n, -200_000_00n],
      );
    });

    it("increments the tier at each hop down to maxTier, then reverts with ReceivableTierTooDeep(tier, maxTier)", async () => {
      const f = await chain();
      const { rootId, tokenId } = await confirmed(f);
      const holders = [f.tier1, f.tier2, f.tier3];
      let id = tokenId;
      let value = FACE;
      for (let hop = 1n; hop <= maxTier; hop++) {
        const from = holders[Number(hop - 1n) % 3];
        const to = holders[Number(hop) % 3];
        value /= 2n;
        await expect(f.receivables.connect(from).sendValue(id, to.address, value))
          .to.emit(f.receivables, "FragmentValueSent")
          .withArgs(id, tokenOf(rootId, hop), to.address, value, hop);
        id = tokenOf(rootId, hop);
        expect((await fragmentOf(f, id)).tier).to.equal(hop);
      }
      const holder = await ethers.getSigner(await f.receivables.ownerOf(id));
      await expect(f.receivables.connect(holder).sendValue(id, f.tier1.address, value / 2n))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableTierTooDeep")
        .withArgs(maxTier + 1n, maxTier);
      // The deepest holder can still split and transfer whole fragments.
      await f.receivables.connect(holder).split(id, [value / 2n, value - value / 2n]);
      await f.receivables.connect(holder).transferFrom(holder.address, f.tier1.address, id);
    });

    it("reverts with ReceivableFragmentTooSmall for a value or remainder under the minimum", async () => {
      const f = await chain();
      const { tokenId } = await confirmed(f);
      await expect(f.receivables.connect(f.tier1).sendValue(tokenId, f.tier2.address, minFragmentValue - 1n))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableFragmentTooSmall")
        .withArgs(minFragmentValue - 1n, minFragmentValue);
      await expect(f.receivables.connect(f.tier1).sendValue(tokenId, f.tier2.address, FACE - 50n))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableFragmentTooSmall")
        .withArgs(50n, minFragmentValue);
    });

    it("reverts with ReceivableSplitSumMismatch(tokenId, value, fragmentValue) for the whole value or more", async () => {
      const f = await chain();
      const { tokenId } = await confirmed(f);
      for (const v of [FACE, FACE + 1n]) {
        await expect(f.receivables.connect(f.tier1).sendValue(tokenId, f.tier2.address, v))
          .to.be.revertedWithCustomError(f.receivables, "ReceivableSplitSumMismatch")
          .withArgs(tokenId, v, FACE);
      }
    });

    it("reverts with ReceivableIneligible(to, reason) for an unregistered, suspended or frozen recipient", async () => {
      const f = await chain();
      const { tokenId } = await confirmed(f);
      await expect(f.receivables.connect(f.tier1).sendValue(tokenId, f.outsider.address, 100_00n))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableIneligible")
        .withArgs(f.outsider.address, reason("NotRegistered"));
      await f.registry.connect(f.ops.registrar).suspend(f.tier2Id, SUSPENSION);
      await expect(f.receivables.connect(f.tier1).sendValue(tokenId, f.tier2.address, 100_00n))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableIneligible")
        .withArgs(f.tier2.address, reason("Suspended"));
      await f.registry.connect(f.ops.regulator).freezeWallet(f.tier3.address, ORDER);
      await expect(f.receivables.connect(f.tier1).sendValue(tokenId, f.tier3.address, 100_00n))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableIneligible")
        .withArgs(f.tier3.address, reason("Frozen"));
    });

    it("reverts with ReceivableNotHolder, ReceivableFrozen and ReceivableOverdue like split", async () => {
      const f = await chain();
      const { rootId, tokenId, due } = await confirmed(f);
      await expect(f.receivables.connect(f.tier2).sendValue(tokenId, f.tier2.address, 100_00n))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableNotHolder")
        .withArgs(tokenId, f.tier2.address);
      await f.receivables.connect(f.ops.regulator).freeze(tokenId, ORDER);
      await expect(f.receivables.connect(f.tier1).sendValue(tokenId, f.tier2.address, 100_00n))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableFrozen")
        .withArgs(tokenId);
      await f.receivables.connect(f.ops.regulator).unfreeze(tokenId, ORDER);
      await time.increaseTo(due + gracePeriod + 1n);
      await expect(f.receivables.connect(f.tier1).sendValue(tokenId, f.tier2.address, 100_00n))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableOverdue")
        .withArgs(rootId, due + gracePeriod);
    });

    it("reverts with EnforcedPause while paused", async () => {
      const f = await chain();
      const { tokenId } = await confirmed(f);
      await f.receivables.connect(f.ops.guardian).pause();
      await expect(
        f.receivables.connect(f.tier1).sendValue(tokenId, f.tier2.address, 100_00n),
      ).to.be.revertedWithCustomError(f.receivables, "EnforcedPause");
    });
  });

  describe("transferFrom", () => {
    it("moves a whole fragment between eligible wallets with what it was paid and did not claim", async () => {
      const f = await chain();
      const { rootId, tokenId } = await confirmed(f);
      await f.receivables.connect(f.core).repay(rootId, 250_000_00n);
      await expect(f.receivables.connect(f.tier1).transferFrom(f.tier1.address, f.tier2.address, tokenId))
        .to.emit(f.receivables, "Transfer")
        .withArgs(f.tier1.address, f.tier2.address, tokenId);
      expect(await f.receivables.claimable(tokenId)).to.equal(250_000_00n);
      await expect(f.receivables.connect(f.tier2).claim(tokenId)).to.changeTokenBalances(
        ethers,
        f.cash,
        [f.tier2, f.tier1, f.receivablesAddress],
        [250_000_00n, 0n, -250_000_00n],
      );
    });

    it("lets an approved operator move the fragment (safeTransferFrom to an EOA)", async () => {
      const f = await chain();
      const { tokenId } = await confirmed(f);
      await f.receivables.connect(f.tier1).setApprovalForAll(f.payer.address, true);
      await f.receivables
        .connect(f.payer)
        ["safeTransferFrom(address,address,uint256)"](f.tier1.address, f.tier3.address, tokenId);
      expect(await f.receivables.ownerOf(tokenId)).to.equal(f.tier3.address);
    });

    it("reverts with ReceivableIneligible(to, reason) for an unregistered or frozen recipient", async () => {
      const f = await chain();
      const { tokenId } = await confirmed(f);
      await expect(f.receivables.connect(f.tier1).transferFrom(f.tier1.address, f.outsider.address, tokenId))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableIneligible")
        .withArgs(f.outsider.address, reason("NotRegistered"));
      await f.registry.connect(f.ops.regulator).freezeWallet(f.tier2.address, ORDER);
      await expect(f.receivables.connect(f.tier1).transferFrom(f.tier1.address, f.tier2.address, tokenId))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableIneligible")
        .withArgs(f.tier2.address, reason("Frozen"));
    });

    it("reverts with ReceivableIneligible(from, reason) from a suspended holder", async () => {
      const f = await chain();
      const { tokenId } = await confirmed(f);
      await f.registry.connect(f.ops.registrar).suspend(f.tier1Id, SUSPENSION);
      await expect(f.receivables.connect(f.tier1).transferFrom(f.tier1.address, f.tier2.address, tokenId))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableIneligible")
        .withArgs(f.tier1.address, reason("Suspended"));
    });

    it("reverts with TransferToZeroAddress for the zero address (no burn by transfer)", async () => {
      const f = await chain();
      const { tokenId } = await confirmed(f);
      await expect(
        f.receivables.connect(f.tier1).transferFrom(f.tier1.address, ethers.ZeroAddress, tokenId),
      ).to.be.revertedWithCustomError(f.receivables, "TransferToZeroAddress");
      await expect(
        f.receivables.connect(f.tier1).sendValue(tokenId, ethers.ZeroAddress, 100_00n),
      ).to.be.revertedWithCustomError(f.receivables, "TransferToZeroAddress");
      expect(await f.receivables.ownerOf(tokenId)).to.equal(f.tier1.address);
    });

    it("reverts with ReceivableFrozen(tokenId) for a frozen fragment", async () => {
      const f = await chain();
      const { tokenId } = await confirmed(f);
      await f.receivables.connect(f.ops.regulator).freeze(tokenId, ORDER);
      await expect(f.receivables.connect(f.tier1).transferFrom(f.tier1.address, f.tier2.address, tokenId))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableFrozen")
        .withArgs(tokenId);
    });

    it("reverts with TransferFromIncorrectOwner or NotOwnerNorApproved for a non-holder", async () => {
      const f = await chain();
      const { tokenId } = await confirmed(f);
      await expect(
        f.receivables.connect(f.tier2).transferFrom(f.tier1.address, f.tier2.address, tokenId),
      ).to.be.revertedWithCustomError(f.receivables, "NotOwnerNorApproved");
      await expect(
        f.receivables.connect(f.tier2).transferFrom(f.tier2.address, f.tier3.address, tokenId),
      ).to.be.revertedWithCustomError(f.receivables, "TransferFromIncorrectOwner");
    });

    it("reverts with EnforcedPause while paused", async () => {
      const f = await chain();
      const { tokenId } = await confirmed(f);
      await f.receivables.connect(f.ops.guardian).pause();
      await expect(
        f.receivables.connect(f.tier1).transferFrom(f.tier1.address, f.tier2.address, tokenId),
      ).to.be.revertedWithCustomError(f.receivables, "EnforcedPause");
    });
  });

  describe("repay", () => {
    it("pulls the amount from the payer, records the payment and emits ReceivableRepaid", async () => {
      const f = await chain();
      const { rootId } = await confirmed(f);
      const tx = f.receivables.connect(f.core).repay(rootId, 600_000_00n);
      await expect(tx)
        .to.emit(f.receivables, "ReceivableRepaid")
        .withArgs(rootId, f.core.address, 600_000_00n, 600_000_00n);
      await expect(tx).to.not.emit(f.receivables, "ReceivableSettled");
      await expect(tx).to.changeTokenBalances(
        ethers,
        f.cash,
        [f.core, f.receivablesAddress],
        [-600_000_00n, 600_000_00n],
      );
      const r = await f.receivables.receivable(rootId);
      expect(r.paid).to.equal(600_000_00n);
      expect(r.paymentCount).to.equal(1n);
      expect(await f.receivables.paidAfter(rootId, 0n)).to.equal(0n);
      expect(await f.receivables.paidAfter(rootId, 1n)).to.equal(600_000_00n);
      expect(await f.receivables.stateOf(rootId)).to.equal(State.PartiallyPaid);
    });

    it("settles at full payment with ReceivableSettled", async () => {
      const f = await chain();
      const { rootId } = await confirmed(f);
      await f.receivables.connect(f.core).repay(rootId, 600_000_00n);
      const tx = f.receivables.connect(f.core).repay(rootId, 400_000_00n);
      await expect(tx).to.emit(f.receivables, "ReceivableRepaid").withArgs(rootId, f.core.address, 400_000_00n, FACE);
      await expect(tx).to.emit(f.receivables, "ReceivableSettled").withArgs(rootId);
      await expect(tx).to.changeTokenBalances(
        ethers,
        f.cash,
        [f.core, f.receivablesAddress],
        [-400_000_00n, 400_000_00n],
      );
      expect((await f.receivables.receivable(rootId)).status).to.equal(Status.Settled);
      expect(await f.receivables.paidAfter(rootId, 2n)).to.equal(FACE);
      expect(await f.receivables.stateOf(rootId)).to.equal(State.Settled);
    });

    it("attack (finding 2): a third party cannot pay, so it cannot fill the payment counter or make the debtor overshoot", async () => {
      const f = await chain();
      const { rootId } = await confirmed(f);
      for (const stranger of [f.payer, f.tier1]) {
        await expect(f.receivables.connect(stranger).repay(rootId, 1n))
          .to.be.revertedWithCustomError(f.receivables, "ReceivableNotDebtor")
          .withArgs(rootId, stranger.address);
      }
      expect((await f.receivables.receivable(rootId)).paymentCount).to.equal(0n);
      await expect(f.receivables.connect(f.core).repay(rootId, FACE)).to.emit(f.receivables, "ReceivableSettled");
    });

    it("accepts another wallet of the debtor's participant", async () => {
      const f = await chain();
      const { rootId } = await confirmed(f);
      const second = f.signers[16];
      await f.registry.connect(f.ops.registrar).addWallet(f.coreId, second.address);
      await f.fund(second, FACE);
      await f.cash.connect(second).approve(f.receivablesAddress, FACE);
      const tx = f.receivables.connect(second).repay(rootId, FACE);
      await expect(tx).to.emit(f.receivables, "ReceivableRepaid").withArgs(rootId, second.address, FACE, FACE);
      await expect(tx).to.changeTokenBalances(ethers, f.cash, [second, f.receivablesAddress], [-FACE, FACE]);
    });

    it("reverts with ReceivableZeroAmount for zero", async () => {
      const f = await chain();
      const { rootId } = await confirmed(f);
      await expect(f.receivables.connect(f.core).repay(rootId, 0n)).to.be.revertedWithCustomError(
        f.receivables,
        "ReceivableZeroAmount",
      );
    });

    it("reverts with ReceivableOverpayment(rootId, amount, outstanding) above what is outstanding", async () => {
      const f = await chain();
      const { rootId } = await confirmed(f);
      await expect(f.receivables.connect(f.core).repay(rootId, FACE + 1n))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableOverpayment")
        .withArgs(rootId, FACE + 1n, FACE);
      await f.receivables.connect(f.core).repay(rootId, 999_999_99n);
      await expect(f.receivables.connect(f.core).repay(rootId, 2n))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableOverpayment")
        .withArgs(rootId, 2n, 1n);
    });

    it("reverts with ReceivableWrongStatus(rootId, status) for unknown, pending and settled roots", async () => {
      const f = await chain();
      await expect(f.receivables.connect(f.core).repay(5n, 1n))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableWrongStatus")
        .withArgs(5n, Status.None);
      const { rootId } = await confirmed(f);
      await f.receivables.connect(f.core).repay(rootId, FACE);
      await expect(f.receivables.connect(f.core).repay(rootId, 1n))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableWrongStatus")
        .withArgs(rootId, Status.Settled);
    });

    it("reverts with the currency's ERC20InsufficientAllowance without an allowance", async () => {
      const f = await chain();
      const { rootId } = await confirmed(f);
      await f.cash.connect(f.core).approve(f.receivablesAddress, 0n);
      await expect(f.receivables.connect(f.core).repay(rootId, 1_00n))
        .to.be.revertedWithCustomError(f.cash, "ERC20InsufficientAllowance")
        .withArgs(f.receivablesAddress, 0n, 1_00n);
    });

    it("still accepts payments in a currency withdrawn after issue", async () => {
      const f = await chain();
      const { rootId } = await confirmed(f);
      await f.receivables.connect(f.ops.assetAdmin).setCurrency(await f.cash.getAddress(), false);
      await expect(f.receivables.connect(f.core).repay(rootId, FACE)).to.emit(f.receivables, "ReceivableSettled");
    });

    it("reverts with EnforcedPause while paused", async () => {
      const f = await chain();
      const { rootId } = await confirmed(f);
      await f.receivables.connect(f.ops.guardian).pause();
      await expect(f.receivables.connect(f.core).repay(rootId, 1n)).to.be.revertedWithCustomError(
        f.receivables,
        "EnforcedPause",
      );
    });
  });

  describe("claim", () => {
    async function partlyPaid() {
      const f = await chain();
      const c = await confirmed(f);
      await f.receivables.connect(f.tier1).sendValue(c.tokenId, f.tier2.address, 400_000_00n);
      await f.receivables.connect(f.core).repay(c.rootId, 600_000_00n);
      return { f, ...c, sent: tokenOf(c.rootId, 1) };
    }

    it("pays the holder its interval's share, emits FragmentClaimed and moves the checkpoint", async () => {
      const { f, tokenId, sent, rootId } = await partlyPaid();
      expect(await f.receivables.claimable(tokenId)).to.equal(360_000_00n);
      expect(await f.receivables.claimable(sent)).to.equal(240_000_00n);
      expect(await f.receivables.connect(f.tier1).claim.staticCall(tokenId)).to.equal(360_000_00n);
      const tx = f.receivables.connect(f.tier1).claim(tokenId);
      await expect(tx).to.emit(f.receivables, "FragmentClaimed").withArgs(tokenId, f.tier1.address, 360_000_00n);
      await expect(tx).to.changeTokenBalances(
        ethers,
        f.cash,
        [f.tier1, f.receivablesAddress],
        [360_000_00n, -360_000_00n],
      );
      expect((await fragmentOf(f, tokenId)).checkpoint).to.equal(1n);
      expect(await f.receivables.claimable(tokenId)).to.equal(0n);
      await f.receivables.connect(f.core).repay(rootId, 400_000_00n);
      expect(await f.receivables.claimable(tokenId)).to.equal(240_000_00n);
      expect(await f.receivables.claimable(sent)).to.equal(400_000_00n);
      await expect(f.receivables.connect(f.tier2).claim(sent)).to.changeTokenBalances(
        ethers,
        f.cash,
        [f.tier2, f.receivablesAddress],
        [400_000_00n, -400_000_00n],
      );
    });

    it("reverts with ReceivableNothingToClaim(tokenId) when nothing was paid since the last claim", async () => {
      const { f, tokenId } = await partlyPaid();
      await f.receivables.connect(f.tier1).claim(tokenId);
      await expect(f.receivables.connect(f.tier1).claim(tokenId))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableNothingToClaim")
        .withArgs(tokenId);
    });

    it("reverts with ReceivableNothingToClaim(tokenId) before any payment", async () => {
      const f = await chain();
      const { tokenId } = await confirmed(f);
      await expect(f.receivables.connect(f.tier1).claim(tokenId))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableNothingToClaim")
        .withArgs(tokenId);
    });

    it("reverts with ReceivableNotHolder(tokenId, caller) for anyone else", async () => {
      const { f, tokenId } = await partlyPaid();
      for (const s of [f.tier2, f.core]) {
        await expect(f.receivables.connect(s).claim(tokenId))
          .to.be.revertedWithCustomError(f.receivables, "ReceivableNotHolder")
          .withArgs(tokenId, s.address);
      }
    });

    it("lets an approved operator claim for the holder; the cash goes to the holder", async () => {
      const { f, tokenId, sent } = await partlyPaid();
      await f.receivables.connect(f.tier1).approve(f.tier3.address, tokenId);
      const tx = f.receivables.connect(f.tier3).claim(tokenId);
      await expect(tx).to.emit(f.receivables, "FragmentClaimed").withArgs(tokenId, f.tier1.address, 360_000_00n);
      await expect(tx).to.changeTokenBalances(
        ethers,
        f.cash,
        [f.tier1, f.tier3, f.receivablesAddress],
        [360_000_00n, 0n, -360_000_00n],
      );
      await f.receivables.connect(f.tier2).setApprovalForAll(f.tier3.address, true);
      await expect(f.receivables.connect(f.tier3).claim(sent)).to.changeTokenBalances(
        ethers,
        f.cash,
        [f.tier2, f.tier3],
        [240_000_00n, 0n],
      );
    });

    it("reverts with ReceivableFrozen(tokenId) for a frozen fragment", async () => {
      const { f, tokenId } = await partlyPaid();
      await f.receivables.connect(f.ops.regulator).freeze(tokenId, ORDER);
      await expect(f.receivables.connect(f.tier1).claim(tokenId))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableFrozen")
        .withArgs(tokenId);
    });

    it("reverts with the currency's SettlementIneligible when the holder's wallet is frozen", async () => {
      const { f, tokenId } = await partlyPaid();
      await f.registry.connect(f.ops.regulator).freezeWallet(f.tier1.address, ORDER);
      await expect(f.receivables.connect(f.tier1).claim(tokenId))
        .to.be.revertedWithCustomError(f.cash, "SettlementIneligible")
        .withArgs(f.tier1.address, reason("Frozen"));
    });

    it("reverts with TokenDoesNotExist for an unknown fragment", async () => {
      const f = await chain();
      await expect(f.receivables.connect(f.tier1).claim(1n)).to.be.revertedWithCustomError(
        f.receivables,
        "TokenDoesNotExist",
      );
      await expect(f.receivables.claimable(1n)).to.be.revertedWithCustomError(f.receivables, "TokenDoesNotExist");
      await expect(f.receivables.isFrozen(1n)).to.be.revertedWithCustomError(f.receivables, "TokenDoesNotExist");
    });

    it("reverts with EnforcedPause while paused", async () => {
      const { f, tokenId } = await partlyPaid();
      await f.receivables.connect(f.ops.guardian).pause();
      await expect(f.receivables.connect(f.tier1).claim(tokenId)).to.be.revertedWithCustomError(
        f.receivables,
        "EnforcedPause",
      );
    });
  });

  describe("declareDefault", () => {
    it("reverts with ReceivableNotYetDefaultable(rootId, defaultableAt) up to due + grace + default period", async () => {
      const f = await chain();
      const { rootId, tokenId, due } = await confirmed(f);
      const at = due + gracePeriod + defaultPeriod;
      await expect(f.receivables.connect(f.tier1).declareDefault(tokenId))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableNotYetDefaultable")
        .withArgs(rootId, at);
      await time.setNextBlockTimestamp(at);
      await expect(f.receivables.connect(f.tier1).declareDefault(tokenId))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableNotYetDefaultable")
        .withArgs(rootId, at);
    });

    it("defaults the root with the outstanding amount; later payments still flow to the holders", async () => {
      const f = await chain();
      const { rootId, tokenId, due } = await confirmed(f);
      await f.receivables.connect(f.tier1).sendValue(tokenId, f.tier2.address, 250_000_00n);
      const sent = tokenOf(rootId, 1);
      await f.receivables.connect(f.core).repay(rootId, 100_000_00n);
      await time.increaseTo(due + gracePeriod + defaultPeriod + 1n);
      await expect(f.receivables.connect(f.tier2).declareDefault(sent))
        .to.emit(f.receivables, "ReceivableDefaulted")
        .withArgs(rootId, f.tier2.address, 900_000_00n);
      expect((await f.receivables.receivable(rootId)).status).to.equal(Status.Defaulted);
      expect(await f.receivables.stateOf(rootId)).to.equal(State.Defaulted);
      const late = f.receivables.connect(f.core).repay(rootId, 500_000_00n);
      await expect(late)
        .to.emit(f.receivables, "ReceivableRepaid")
        .withArgs(rootId, f.core.address, 500_000_00n, 600_000_00n);
      await expect(late).to.changeTokenBalances(
        ethers,
        f.cash,
        [f.core, f.receivablesAddress],
        [-500_000_00n, 500_000_00n],
      );
      await expect(f.receivables.connect(f.tier2).claim(sent)).to.changeTokenBalances(
        ethers,
        f.cash,
        [f.tier2, f.receivablesAddress],
        [150_000_00n, -150_000_00n],
      );
      await expect(f.receivables.connect(f.core).repay(rootId, 400_000_00n)).to.emit(
        f.receivables,
        "ReceivableSettled",
      );
      expect(await f.receivables.stateOf(rootId)).to.equal(State.Settled);
      await expect(f.receivables.connect(f.tier1).claim(tokenId)).to.changeTokenBalances(
        ethers,
        f.cash,
        [f.tier1, f.receivablesAddress],
        [750_000_00n, -750_000_00n],
      );
      await expect(f.receivables.connect(f.tier2).claim(sent)).to.changeTokenBalances(
        ethers,
        f.cash,
        [f.tier2, f.receivablesAddress],
        [100_000_00n, -100_000_00n],
      );
      expect(await f.cash.balanceOf(f.receivablesAddress)).to.equal(0n);
    });

    it("reverts with ReceivableNotHolder(tokenId, caller) for anyone but the holder", async () => {
      const f = await chain();
      const { tokenId, due } = await confirmed(f);
      await time.increaseTo(due + gracePeriod + defaultPeriod + 1n);
      for (const s of [f.core, f.tier2]) {
        await expect(f.receivables.connect(s).declareDefault(tokenId))
          .to.be.revertedWithCustomError(f.receivables, "ReceivableNotHolder")
          .withArgs(tokenId, s.address);
      }
    });

    it("reverts with ReceivableWrongStatus(rootId, status) when pending, defaulted or settled", async () => {
      const f = await chain();
      const p = await issuePending(f, "INV-P", FACE, f.tier1, f.core);
      const { rootId, tokenId, due } = await confirmed(f);
      const s = await confirmed(f, FACE, "INV-S");
      await f.receivables.connect(f.core).repay(s.rootId, FACE);
      await time.increaseTo(due + gracePeriod + defaultPeriod + 1n);
      await expect(f.receivables.connect(f.tier1).declareDefault(p.tokenId))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableWrongStatus")
        .withArgs(p.rootId, Status.Pending);
      await expect(f.receivables.connect(f.tier1).declareDefault(s.tokenId))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableWrongStatus")
        .withArgs(s.rootId, Status.Settled);
      await f.receivables.connect(f.tier1).declareDefault(tokenId);
      await expect(f.receivables.connect(f.tier1).declareDefault(tokenId))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableWrongStatus")
        .withArgs(rootId, Status.Defaulted);
    });

    it("reverts with EnforcedPause while paused", async () => {
      const f = await chain();
      const { tokenId, due } = await confirmed(f);
      await time.increaseTo(due + gracePeriod + defaultPeriod + 1n);
      await f.receivables.connect(f.ops.guardian).pause();
      await expect(f.receivables.connect(f.tier1).declareDefault(tokenId)).to.be.revertedWithCustomError(
        f.receivables,
        "EnforcedPause",
      );
    });
  });

  describe("stateOf", () => {
    it("is None for a root never issued", async () => {
      const f = await chain();
      expect(await f.receivables.stateOf(1n)).to.equal(State.None);
      expect(await f.receivables.isFingerprintUsed(1n)).to.equal(false);
    });

    it("walks Pending, Confirmed, PartiallyPaid, Overdue, Defaulted, Settled", async () => {
      const f = await chain();
      const { rootId, tokenId, due } = await issuePending(f, "INV-1");
      expect(await f.receivables.stateOf(rootId)).to.equal(State.Pending);
      await f.receivables.connect(f.core).confirm(rootId);
      expect(await f.receivables.stateOf(rootId)).to.equal(State.Confirmed);
      await f.receivables.connect(f.core).repay(rootId, 1_00n);
      expect(await f.receivables.stateOf(rootId)).to.equal(State.PartiallyPaid);
      await time.increaseTo(due + gracePeriod);
      expect(await f.receivables.stateOf(rootId)).to.equal(State.PartiallyPaid);
      await time.increase(1);
      expect(await f.receivables.stateOf(rootId)).to.equal(State.Overdue);
      await time.increaseTo(due + gracePeriod + defaultPeriod + 1n);
      await f.receivables.connect(f.tier1).declareDefault(tokenId);
      expect(await f.receivables.stateOf(rootId)).to.equal(State.Defaulted);
      await f.receivables.connect(f.core).repay(rootId, FACE - 1_00n);
      expect(await f.receivables.stateOf(rootId)).to.equal(State.Settled);
      expect(await f.receivables.isFingerprintUsed(rootId)).to.equal(true);
    });

    it("is Overdue for an unpaid confirmed root after due date plus grace", async () => {
      const f = await chain();
      const { rootId, due } = await confirmed(f);
      await time.increaseTo(due + gracePeriod + 1n);
      expect(await f.receivables.stateOf(rootId)).to.equal(State.Overdue);
    });

    it("is Rejected and Cancelled for released fingerprints", async () => {
      const f = await chain();
      const a = await issuePending(f, "INV-A");
      const b = await issuePending(f, "INV-B");
      await f.receivables.connect(f.core).reject(a.rootId, SUSPENSION);
      await f.receivables.connect(f.tier1).cancel(b.rootId);
      expect(await f.receivables.stateOf(a.rootId)).to.equal(State.Rejected);
      expect(await f.receivables.stateOf(b.rootId)).to.equal(State.Cancelled);
    });
  });

  describe("freeze", () => {
    it("freezes a fragment and emits FragmentFrozen", async () => {
      const f = await chain();
      const { tokenId } = await confirmed(f);
      await expect(f.receivables.connect(f.ops.regulator).freeze(tokenId, ORDER))
        .to.emit(f.receivables, "FragmentFrozen")
        .withArgs(tokenId, ORDER);
      expect(await f.receivables.isFrozen(tokenId)).to.equal(true);
    });

    it("keeps the pending flag: a frozen pending fragment stays untransferable after unfreeze", async () => {
      const f = await chain();
      const { tokenId } = await issuePending(f, "INV-1");
      await f.receivables.connect(f.ops.regulator).freeze(tokenId, ORDER);
      await f.receivables.connect(f.ops.regulator).unfreeze(tokenId, ORDER);
      await expect(f.receivables.connect(f.tier1).transferFrom(f.tier1.address, f.tier2.address, tokenId))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableNotTransferable")
        .withArgs(tokenId);
    });

    it("reverts with ReceivableFrozen(tokenId) when already frozen", async () => {
      const f = await chain();
      const { tokenId } = await confirmed(f);
      await f.receivables.connect(f.ops.regulator).freeze(tokenId, ORDER);
      await expect(f.receivables.connect(f.ops.regulator).freeze(tokenId, ORDER))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableFrozen")
        .withArgs(tokenId);
    });

    it("reverts with TokenDoesNotExist for an unknown fragment", async () => {
      const f = await chain();
      await expect(f.receivables.connect(f.ops.regulator).freeze(1n, ORDER)).to.be.revertedWithCustomError(
        f.receivables,
        "TokenDoesNotExist",
      );
    });
  });

  describe("unfreeze", () => {
    it("lifts the freeze and emits FragmentUnfrozen; the fragment moves again", async () => {
      const f = await chain();
      const { tokenId } = await confirmed(f);
      await f.receivables.connect(f.ops.regulator).freeze(tokenId, ORDER);
      await expect(f.receivables.connect(f.ops.regulator).unfreeze(tokenId, ORDER))
        .to.emit(f.receivables, "FragmentUnfrozen")
        .withArgs(tokenId, ORDER);
      expect(await f.receivables.isFrozen(tokenId)).to.equal(false);
      await f.receivables.connect(f.tier1).transferFrom(f.tier1.address, f.tier2.address, tokenId);
    });

    it("reverts with ReceivableNotFrozen(tokenId) when not frozen", async () => {
      const f = await chain();
      const { tokenId } = await confirmed(f);
      await expect(f.receivables.connect(f.ops.regulator).unfreeze(tokenId, ORDER))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableNotFrozen")
        .withArgs(tokenId);
    });

    it("reverts with TokenDoesNotExist for an unknown fragment", async () => {
      const f = await chain();
      await expect(f.receivables.connect(f.ops.regulator).unfreeze(1n, ORDER)).to.be.revertedWithCustomError(
        f.receivables,
        "TokenDoesNotExist",
      );
    });
  });

  describe("forcedTransfer", () => {
    it("moves a frozen fragment with its unclaimed entitlement while paused", async () => {
      const f = await chain();
      const { rootId, tokenId } = await confirmed(f);
      await f.receivables.connect(f.tier1).sendValue(tokenId, f.tier2.address, 400_000_00n);
      await f.receivables.connect(f.core).repay(rootId, 500_000_00n);
      await f.receivables.connect(f.ops.regulator).freeze(tokenId, ORDER);
      await f.receivables.connect(f.ops.guardian).pause();
      const tx = f.receivables.connect(f.ops.regulator).forcedTransfer(tokenId, f.tier3.address, ORDER);
      await expect(tx)
        .to.emit(f.receivables, "FragmentForceTransferred")
        .withArgs(tokenId, f.tier1.address, f.tier3.address, ORDER);
      await expect(tx).to.emit(f.receivables, "Transfer").withArgs(f.tier1.address, f.tier3.address, tokenId);
      expect(await f.receivables.ownerOf(tokenId)).to.equal(f.tier3.address);
      expect(await f.receivables.isFrozen(tokenId)).to.equal(true);
      expect(await f.receivables.claimable(tokenId)).to.equal(0n); // frozen: nothing claimable
      await f.receivables.connect(f.ops.guardian).unpause();
      await f.receivables.connect(f.ops.regulator).unfreeze(tokenId, ORDER);
      expect(await f.receivables.claimable(tokenId)).to.equal(300_000_00n);
      await expect(f.receivables.connect(f.tier3).claim(tokenId)).to.changeTokenBalances(
        ethers,
        f.cash,
        [f.tier3, f.tier1, f.receivablesAddress],
        [300_000_00n, 0n, -300_000_00n],
      );
    });

    it("moves a fragment out of a frozen or suspended wallet", async () => {
      const f = await chain();
      const { tokenId } = await confirmed(f);
      await f.registry.connect(f.ops.regulator).freezeWallet(f.tier1.address, ORDER);
      await f.registry.connect(f.ops.registrar).suspend(f.tier1Id, SUSPENSION);
      await f.receivables.connect(f.ops.regulator).forcedTransfer(tokenId, f.tier2.address, ORDER);
      expect(await f.receivables.ownerOf(tokenId)).to.equal(f.tier2.address);
      // The order is over: ordinary transfers are checked again.
      await f.receivables.connect(f.tier2).transferFrom(f.tier2.address, f.tier3.address, tokenId);
    });

    it("reverts with ReceivableIneligible(to, reason) for an ineligible recipient", async () => {
      const f = await chain();
      const { tokenId } = await confirmed(f);
      await expect(f.receivables.connect(f.ops.regulator).forcedTransfer(tokenId, f.outsider.address, ORDER))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableIneligible")
        .withArgs(f.outsider.address, reason("NotRegistered"));
      await f.registry.connect(f.ops.regulator).freezeWallet(f.tier2.address, ORDER);
      await expect(f.receivables.connect(f.ops.regulator).forcedTransfer(tokenId, f.tier2.address, ORDER))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableIneligible")
        .withArgs(f.tier2.address, reason("Frozen"));
    });

    it("reverts with TokenDoesNotExist for an unknown fragment", async () => {
      const f = await chain();
      await expect(
        f.receivables.connect(f.ops.regulator).forcedTransfer(1n, f.tier2.address, ORDER),
      ).to.be.revertedWithCustomError(f.receivables, "TokenDoesNotExist");
    });
  });

  describe("pause", () => {
    it("pauses and emits Paused; unpause resumes and emits Unpaused", async () => {
      const f = await chain();
      const { rootId } = await confirmed(f);
      await expect(f.receivables.connect(f.ops.guardian).pause())
        .to.emit(f.receivables, "Paused")
        .withArgs(f.ops.guardian.address);
      expect(await f.receivables.paused()).to.equal(true);
      await expect(f.receivables.connect(f.ops.guardian).unpause())
        .to.emit(f.receivables, "Unpaused")
        .withArgs(f.ops.guardian.address);
      expect(await f.receivables.paused()).to.equal(false);
      await expect(f.receivables.connect(f.core).repay(rootId, 1n)).to.emit(f.receivables, "ReceivableRepaid");
    });

    it("leaves attestations, documents and views available", async () => {
      const f = await chain();
      const { rootId, tokenId } = await confirmed(f);
      await f.receivables.connect(f.ops.guardian).pause();
      await f.receivables.connect(f.verifier).attest(rootId, KIND, EVIDENCE);
      await f.receivables.connect(f.tier1).setDocument(rootId, DOC, "ipfs://c", EVIDENCE);
      expect(await f.receivables.claimable(tokenId)).to.equal(0n);
    });

    it("reverts with EnforcedPause when already paused and ExpectedPause when not paused", async () => {
      const f = await chain();
      await expect(f.receivables.connect(f.ops.guardian).unpause()).to.be.revertedWithCustomError(
        f.receivables,
        "ExpectedPause",
      );
      await f.receivables.connect(f.ops.guardian).pause();
      await expect(f.receivables.connect(f.ops.guardian).pause()).to.be.revertedWithCustomError(
        f.receivables,
        "EnforcedPause",
      );
    });
  });

  describe("setCurrency", () => {
    it("approves and withdraws a currency with CurrencyApproved", async () => {
      const f = await chain();
      const usd = await ethers.deployContract("BaselineERC20");
      const a = await usd.getAddress();
      await expect(f.receivables.connect(f.ops.assetAdmin).setCurrency(a, true))
        .to.emit(f.receivables, "CurrencyApproved")
        .withArgs(a, true);
      expect(await f.receivables.isCurrencyApproved(a)).to.equal(true);
      await f.receivables.connect(f.tier1).issue(...(await issueArgs(f, { currency: a })));
      await expect(f.receivables.connect(f.ops.assetAdmin).setCurrency(a, false))
        .to.emit(f.receivables, "CurrencyApproved")
        .withArgs(a, false);
      expect(await f.receivables.isCurrencyApproved(a)).to.equal(false);
      await expect(f.receivables.connect(f.tier2).issue(...(await issueArgs(f, { currency: a }))))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableCurrencyNotApproved")
        .withArgs(a);
    });
  });

  describe("malicious currencies", () => {
    async function hostile(contract: "ReentrantToken" | "FeeOnTransferToken", ...args: unknown[]) {
      const f = await chain();
      const token = await ethers.deployContract(contract, args);
      const currency = await token.getAddress();
      await f.receivables.connect(f.ops.assetAdmin).setCurrency(currency, true);
      const due = (await now()) + 90n * DAY;
      const invoiceHash = ethers.id("INV-HOSTILE");
      const rootId = await f.receivables.rootIdOf(invoiceHash, f.tier1.address, f.core.address);
      await f.receivables
        .connect(f.core)
        .issuePayable(f.tier1.address, currency, FACE, due, invoiceHash, "", ethers.ZeroHash);
      await (token.connect(f.core) as typeof token).getFunction("mint")(f.core.address, 2n * FACE);
      await (token.connect(f.core) as typeof token).getFunction("approve")(f.receivablesAddress, ethers.MaxUint256);
      return { f, token, currency, rootId, tokenId: tokenOf(rootId, 0) };
    }

    it("repay refuses re-entry from the currency's transfer callback with ReentrancyGuardReentrantCall", async () => {
      const { f, token, rootId } = await hostile("ReentrantToken");
      const reenter = f.receivables.interface.encodeFunctionData("repay", [rootId, 1n]);
      await token.getFunction("setCallback")(f.receivablesAddress, reenter);
      await expect(f.receivables.connect(f.core).repay(rootId, 100n)).to.be.revertedWithCustomError(
        f.receivables,
        "ReentrancyGuardReentrantCall",
      );
      expect((await f.receivables.receivable(rootId)).paid).to.equal(0n);
    });

    it("claim pays nothing twice when the currency re-enters it as the holder's operator (writes precede the transfer)", async () => {
      const { f, token, rootId, tokenId } = await hostile("ReentrantToken");
      await f.receivables.connect(f.core).repay(rootId, 500_00n);
      // The hostile currency is even approved as the holder's operator, and registered, so it
      // passes the holder check and the operator's eligibility check.
      await f.receivables.connect(f.tier1).setApprovalForAll(await token.getAddress(), true);
      await f.register("HOSTILE-CURRENCY", await token.getAddress(), "SME");
      const reenter = f.receivables.interface.encodeFunctionData("claim", [tokenId]);
      await token.getFunction("setCallback")(f.receivablesAddress, reenter);
      await expect(f.receivables.connect(f.tier1).claim(tokenId))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableNothingToClaim")
        .withArgs(tokenId);
      await token.getFunction("setCallback")(ethers.ZeroAddress, "0x");
      await expect(f.receivables.connect(f.tier1).claim(tokenId)).to.changeTokenBalances(
        ethers,
        token,
        [f.tier1, f.receivablesAddress],
        [500_00n, -500_00n],
      );
    });

    it("repay reverts with ReceivableFeeOnTransfer(currency, expected, received) for a fee-on-transfer currency", async () => {
      const { f, currency, rootId } = await hostile("FeeOnTransferToken", 100n); // 1% fee
      await expect(f.receivables.connect(f.core).repay(rootId, 1_000_00n))
        .to.be.revertedWithCustomError(f.receivables, "ReceivableFeeOnTransfer")
        .withArgs(currency, 1_000_00n, 990_00n);
    });
  });

  describeRestrictedFunctions("ReceivableToken", chain, {
    target: (f) => f.receivables,
    callers: (f) => ({ ...f.ops, outsider: f.outsider }),
    args: {
      "setCurrency(address,bool)": () => [addr(1), true],
      "freeze(uint256,bytes32)": () => [1n, ORDER],
      "unfreeze(uint256,bytes32)": () => [1n, ORDER],
      "forcedTransfer(uint256,address,bytes32)": (f) => [1n, f.tier2.address, ORDER],
      "pause()": () => [],
      "unpause()": () => [],
    },
  });
});
