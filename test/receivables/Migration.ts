import { expect } from "chai";

import { receivableMigrationPlan } from "../../src/migration.js";
import { Roles } from "../../src/roles.js";
import { wiringOf } from "../../src/wiring.js";
import type { ReceivableImporter, ReceivableToken } from "../../types/ethers-contracts/index.js";
import { DAY, connection, ethers, networkHelpers } from "../helpers/fixtures.js";
import { deployMarketOn } from "../helpers/market.js";
import { RECEIVABLE_PARAMS } from "../helpers/receivables.js";

const { loadFixture } = networkHelpers;

const ORDER = ethers.id("migration order 2026-12 (receivable token v1 -> v2)");
const KIND = ethers.id("CUSTOMS_DECLARATION");
const DOC = ethers.encodeBytes32String("contract");
const { maxTenor, gracePeriod, defaultPeriod, minFragmentValue, maxTier } = RECEIVABLE_PARAMS;

/** Token id of fragment `index` of `rootId`. */
const tokenOf = (rootId: bigint, index: bigint | number) => (rootId << 32n) | BigInt(index);

/**
 * A live v1 with every kind of state a migration must carry: a split root, partly repaid, one holder
 * paid and one not (pending repayments in the token's custody), a claim carried over, attestations
 * and documents (one removed), a pending root, a cancelled-then-reissued root (a burned fragment
 * index), a frozen fragment, and a fragment listed on the market (a custody module).
 */
async function liveV1() {
  const f = await deployMarketOn(connection);
  const v1 = f.receivables;
  const v1Addr = await v1.getAddress();
  const cashAddr = await f.cash.getAddress();
  const verifier = f.signers[14]!;
  await f.register("VERIFIER-1", verifier, "VERIFIER");

  // A: the fixture's 300,000.00 payable held by the supplier; 100,000.00 sent to the factor, then
  // 90,000.00 repaid; the factor claims its share, the supplier does not.
  const A = f.token.rootId;
  await (await v1.connect(f.supplier).sendValue(f.token.tokenId, f.factor.address, 100_000_00n)).wait();
  await (await v1.connect(f.debtor).repay(A, 90_000_00n)).wait();
  await (await v1.connect(f.factor).claim(tokenOf(A, 1))).wait();
  await (await v1.connect(verifier).attest(A, KIND, ethers.id("declaration 0001"))).wait();
  await (await v1.connect(verifier).attest(A, KIND, ethers.id("declaration 0002"))).wait();
  await (await v1.connect(verifier).revokeAttestation(A, 1)).wait();
  await (await v1.connect(f.supplier).setDocument(A, DOC, "ipfs://contract-v1", ethers.id("contract"))).wait();
  const SHIP = ethers.encodeBytes32String("shipping");
  await (await v1.connect(f.supplier).setDocument(A, SHIP, "ipfs://shipping", ethers.id("shipping"))).wait();
  await (await v1.connect(f.debtor).removeDocument(A, SHIP)).wait();
  // Split the supplier's part so A has three fragments, then repay again: the parts' claims differ.
  await (await v1.connect(f.supplier).split(f.token.tokenId, [150_000_00n, 50_000_00n])).wait();
  await (await v1.connect(f.debtor).repay(A, 30_000_00n)).wait();

  // B: a pending receivable (issued by the supplier, not confirmed yet).
  const invB = ethers.id("INV-B-PENDING");
  const due = (await f.latest()) + 60n * DAY;
  const B = await v1.rootIdOf(invB, f.supplier.address, f.debtor.address);
  await (
    await v1.connect(f.supplier).issue(f.debtor.address, cashAddr, 50_000_00n, due, invB, "ipfs://B", ethers.id("B"))
  ).wait();

  // C: issued, cancelled (fragment index 0 burned), issued again and confirmed (index 1 lives).
  const invC = ethers.id("INV-C-REISSUED");
  const C = await v1.rootIdOf(invC, f.supplier.address, f.debtor.address);
  await (
    await v1.connect(f.supplier).issue(f.debtor.address, cashAddr, 20_000_00n, due, invC, "ipfs://C", ethers.id("C"))
  ).wait();
  await (await v1.connect(f.supplier).cancel(C)).wait();
  await (
    await v1.connect(f.supplier).issue(f.debtor.address, cashAddr, 20_000_00n, due, invC, "ipfs://C", ethers.id("C"))
  ).wait();
  await (await v1.connect(f.debtor).confirm(C)).wait();

  // D: a payable to the bank, frozen by a court order, half repaid (its holder cannot claim).
  const D = (await f.payable(40_000_00n, "INV-D-FROZEN", 90n * DAY, f.bank)).rootId;
  await (await v1.connect(f.ops.regulator).freeze(tokenOf(D, 0), ethers.id("court order 17"))).wait();
  await (await v1.connect(f.debtor).repay(D, 20_000_00n)).wait();

  // E: the supplier's payable listed whole on the market: the market holds the fragment.
  const E = await f.payable(10_000_00n, "INV-E-LISTED");
  await (
    await f.market.connect(f.supplier).list({
      tokenId: E.tokenId,
      value: 0n,
      price: 9_900_00n,
      rateBps: 0n,
      basis: 0n,
      expiry: (await f.latest()) + 7n * DAY,
      buyerKinds: 0n,
      recourse: false,
      collateral: 0n,
    })
  ).wait();

  return { ...f, v1, v1Addr, cashAddr, verifier, roots: { A, B, C, D, E: E.rootId }, listedToken: E.tokenId };
}

type Live = Awaited<ReturnType<typeof liveV1>>;

/** Pauses v1 and closes it in the AccessManager: the two facts the importer checks. */
async function retire(f: Live) {
  await (await f.v1.connect(f.ops.guardian).pause()).wait();
  await (await f.manager.connect(f.ops.deployer).setTargetClosed(f.v1Addr, true)).wait();
}

/** Deploys the importer and the successor, wires and registers it as v1 was (Ignition's steps). */
async function deploySuccessor(f: Live) {
  const importer = await ethers.deployContract("ReceivableImporter", [f.v1Addr]);
  const v2 = (await ethers.deployContract("ReceivableToken", [
    await f.manager.getAddress(),
    await f.registry.getAddress(),
    maxTenor,
    gracePeriod,
    defaultPeriod,
    minFragmentValue,
    maxTier,
    await importer.getAddress(),
  ])) as unknown as ReceivableToken;
  const v2Addr = await v2.getAddress();
  for (const w of wiringOf("ReceivableToken")) {
    await (await f.manager.setTargetFunctionRole(v2Addr, w.selectors, w.roleId)).wait();
  }
  await (await f.registry.connect(f.ops.deployer).registerModule(v2Addr)).wait();
  const mig = (await ethers.getContractAt("ReceivableImporter", v2Addr)) as unknown as ReceivableImporter;
  return { importer, v2, v2Addr, mig };
}

/** A retired v1 with its successor deployed, the listing cancelled first (custody drained). */
async function retiredWithSuccessor() {
  const f = await loadFixture(liveV1);
  await (await f.market.connect(f.supplier).cancelListing(1n)).wait();
  await retire(f);
  return { ...f, ...(await deploySuccessor(f)) };
}

/** Every live token id of the scenario's roots (index 0 of C was burned). */
function liveTokens(f: Live) {
  const { A, B, C, D, E } = f.roots;
  return [tokenOf(A, 0), tokenOf(A, 1), tokenOf(A, 2), tokenOf(B, 0), tokenOf(C, 1), tokenOf(D, 0), tokenOf(E, 0)];
}

/** A decoded struct as a plain array (ethers' Result), for deep comparison. */
const plain = (x: unknown) => (x as { toArray(): unknown[] }).toArray();

/** What integrators read about a fragment and its root: must be identical on v1 and v2. */
async function snapshot(token: ReceivableToken, tokenIds: bigint[], rootIds: bigint[]) {
  const fragments = [];
  for (const id of tokenIds) {
    const [frag, rootId] = await token.fragment(id);
    fragments.push({
      id,
      owner: await token.ownerOf(id),
      frag: plain(frag),
      rootId,
      frozen: await token.isFrozen(id),
      claimable: await token.claimable(id),
      position: plain(await token.position(id)),
    });
  }
  const roots = [];
  for (const rootId of rootIds) {
    const r = await token.receivable(rootId);
    const paid: bigint[] = [];
    for (let k = 1n; k <= r.paymentCount; k++) paid.push(await token.paidAfter(rootId, k));
    const names = await token.getAllDocuments(rootId);
    const docs = [];
    for (const n of names) {
      docs.push([n, ...(await token.getDocument(rootId, n)), await token.documentRemovedAt(rootId, n)]);
    }
    roots.push({
      rootId,
      root: plain(r),
      state: await token.stateOf(rootId),
      used: await token.isFingerprintUsed(rootId),
      claimed: await token.claimedOf(rootId),
      paid,
      attestations: (await token.attestations(rootId)).map(plain),
      docs,
    });
  }
  return { fragments, roots };
}

/** Imports every root of the scenario in small batches, as an outsider would. */
async function importAll(f: Awaited<ReturnType<typeof retiredWithSuccessor>>, batch = 2n) {
  const m = f.mig.connect(f.outsider);
  await (await m.importCurrencies([f.cashAddr])).wait();
  const ids = Object.values(f.roots);
  await (await m.importRoots(ids)).wait();
  for (const id of ids) {
    let done = false;
    while (!done) {
      done = await m.importEntries.staticCall(id, batch);
      await (await m.importEntries(id, batch)).wait();
    }
    await (await m.syncEvidence(id)).wait();
  }
}

describe("ReceivableToken migration (issue 13: a fixed version takes over without losing a fragment)", () => {
  it("moves every fragment, payment, claim, flag, attestation and document, and the cash owed, to a successor", async () => {
    const f = await retiredWithSuccessor();
    const ids = Object.values(f.roots);
    const tokens = liveTokens(f);
    const before = await snapshot(f.v1, tokens, ids);
    const owedByV1 = await f.cash.balanceOf(f.v1Addr);
    // Paid and not claimed: A 120,000.00 less the factor's 30,000.00 claim, D 20,000.00.
    expect(owedByV1).to.equal(110_000_00n);

    // Custody: the regulator's forced transfer (scheduled with its delay in production) moves the cash.
    await expect(f.cash.connect(f.ops.regulator).forcedTransfer(f.v1Addr, f.v2Addr, owedByV1, ORDER))
      .to.emit(f.cash, "ForcedTransfer")
      .withArgs(f.v1Addr, f.v2Addr, owedByV1, ORDER);
    await importAll(f);
    expect(await f.mig.migrationStatus()).to.deep.equal([false, 5n, 0n]);
    expect(await f.mig.importOwed(f.cashAddr)).to.equal(owedByV1);

    await expect(f.mig.connect(f.ops.deployer).closeMigration(5n))
      .to.emit(f.mig, "ReceivableMigrationClosed")
      .withArgs(f.v1Addr, 5n);
    await (await f.v2.connect(f.ops.guardian).unpause()).wait();

    const after = await snapshot(f.v2, tokens, ids);
    expect(after).to.deep.equal(before);
    expect(await f.v2.isCurrencyApproved(f.cashAddr)).to.equal(true);
    expect(await f.cash.balanceOf(f.v2Addr)).to.equal(owedByV1);
    // The burned index stays burned; no id is reused.
    await expect(f.v2.ownerOf(tokenOf(f.roots.C, 0))).to.be.revertedWithCustomError(f.v2, "TokenDoesNotExist");

    // Life goes on, on v2 only: every holder is paid exactly what v1 would have paid.
    const { A, B, D } = f.roots;
    const supplierBefore = await f.cash.balanceOf(f.supplier.address);
    const owed0 = before.fragments[0]!.claimable;
    const owed2 = before.fragments[2]!.claimable;
    await expect(f.v2.connect(f.supplier).claim(tokenOf(A, 0)))
      .to.emit(f.v2, "FragmentClaimed")
      .withArgs(tokenOf(A, 0), f.supplier.address, owed0);
    await (await f.v2.connect(f.supplier).claim(tokenOf(A, 2))).wait();
    expect(await f.cash.balanceOf(f.supplier.address)).to.equal(supplierBefore + owed0 + owed2);
    // The frozen fragment stays frozen; the pending root is confirmed on v2.
    await expect(f.v2.connect(f.bank).claim(tokenOf(D, 0)))
      .to.be.revertedWithCustomError(f.v2, "ReceivableFrozen")
      .withArgs(tokenOf(D, 0));
    await expect(f.v2.connect(f.debtor).confirm(B)).to.emit(f.v2, "ReceivableConfirmed").withArgs(B, f.debtor.address);
    // The debtor settles A on v2; the three holders of A collect exactly its face between v1 and v2.
    await (await f.cash.connect(f.debtor).approve(f.v2Addr, ethers.MaxUint256)).wait();
    await (await f.v2.connect(f.debtor).repay(A, 180_000_00n)).wait();
    let collectedOnV2 = owed0 + owed2;
    for (const [holder, id] of [
      [f.supplier, tokenOf(A, 0)],
      [f.factor, tokenOf(A, 1)],
      [f.supplier, tokenOf(A, 2)],
    ] as const) {
      const c = await f.v2.claimable(id);
      await (await f.v2.connect(holder).claim(id)).wait();
      collectedOnV2 += c;
    }
    expect(await f.v2.claimedOf(A)).to.equal(300_000_00n);
    expect(collectedOnV2 + 30_000_00n).to.equal(300_000_00n); // + the factor's claim on v1
    // What is left in v2's custody is exactly D's frozen 20,000.00.
    expect(await f.cash.balanceOf(f.v2Addr)).to.equal(20_000_00n);

    // v1 is inert: paused, and its unpause is closed at the AccessManager.
    await expect(f.v1.connect(f.factor).claim(tokenOf(A, 1))).to.be.revertedWithCustomError(f.v1, "EnforcedPause");
    await expect(f.v1.connect(f.ops.guardian).unpause())
      .to.be.revertedWithCustomError(f.v1, "AccessManagedUnauthorized")
      .withArgs(f.ops.guardian.address);
  });

  it("refuses to import from a live predecessor: not paused, or paused but not closed", async () => {
    const f = await loadFixture(liveV1);
    const { mig } = await deploySuccessor(f);
    await expect(mig.importRoots([f.roots.A]))
      .to.be.revertedWithCustomError(mig, "ReceivableMigrationPredecessorLive")
      .withArgs(f.v1Addr);
    await (await f.v1.connect(f.ops.guardian).pause()).wait();
    await expect(mig.importRoots([f.roots.A]))
      .to.be.revertedWithCustomError(mig, "ReceivableMigrationPredecessorLive")
      .withArgs(f.v1Addr);
  });

  it("starts paused and cannot be unpaused before the migration is closed", async () => {
    const f = await retiredWithSuccessor();
    expect(await f.v2.paused()).to.equal(true);
    await expect(f.v2.connect(f.ops.guardian).unpause()).to.be.revertedWithCustomError(f.v2, "ReceivableMigrationOpen");
    await expect(f.v2.connect(f.debtor).confirm(f.roots.B)).to.be.revertedWithCustomError(f.v2, "EnforcedPause");
  });

  it("imports each root once, refuses unknown roots, entries before the record and empty batches", async () => {
    const f = await retiredWithSuccessor();
    const m = f.mig.connect(f.outsider);
    await expect(m.importEntries(f.roots.A, 5n))
      .to.be.revertedWithCustomError(m, "ReceivableMigrationRootNotImported")
      .withArgs(f.roots.A);
    await expect(m.importRoots([f.roots.A]))
      .to.emit(m, "ReceivableMigrationRootImported")
      .withArgs(f.roots.A, 3n, 2n);
    await expect(m.importRoots([f.roots.A]))
      .to.be.revertedWithCustomError(m, "ReceivableMigrationRootAlreadyImported")
      .withArgs(f.roots.A);
    await expect(m.importRoots([12345n]))
      .to.be.revertedWithCustomError(m, "ReceivableMigrationRootUnknown")
      .withArgs(12345n);
    await expect(m.importEntries(f.roots.A, 0n)).to.be.revertedWithCustomError(m, "ReceivableMigrationZeroBatch");
    // Batches of one: three fragments, then two payments; progress is visible in the cursor.
    await expect(m.importEntries(f.roots.A, 1n))
      .to.emit(m, "ReceivableMigrationEntriesImported")
      .withArgs(f.roots.A, 1n, 0n, false);
    expect(await m.importCursor(f.roots.A)).to.deep.equal([true, 1n, 0n]);
    await (await m.importEntries(f.roots.A, 3n)).wait();
    await expect(m.importEntries(f.roots.A, 1n))
      .to.emit(m, "ReceivableMigrationEntriesImported")
      .withArgs(f.roots.A, 3n, 2n, true);
    expect(await m.migrationStatus()).to.deep.equal([false, 1n, 0n]);
    // A finished root stays finished (a repeat copies nothing and counts nothing twice).
    await (await m.importEntries(f.roots.A, 1n)).wait();
    expect(await m.migrationStatus()).to.deep.equal([false, 1n, 0n]);
  });

  it("refuses to close with unfinished roots, a wrong root count, or less cash than the roots owe", async () => {
    const f = await retiredWithSuccessor();
    const admin = f.mig.connect(f.ops.deployer);
    await (await f.mig.importRoots([f.roots.A, f.roots.D])).wait();
    await expect(admin.closeMigration(2n))
      .to.be.revertedWithCustomError(admin, "ReceivableMigrationUnfinished")
      .withArgs(2n);
    await (await f.mig.importEntries(f.roots.A, 10n)).wait();
    await (await f.mig.importEntries(f.roots.D, 10n)).wait();
    await expect(admin.closeMigration(5n))
      .to.be.revertedWithCustomError(admin, "ReceivableMigrationRootCount")
      .withArgs(2n, 5n);
    const owed = await f.mig.importOwed(f.cashAddr);
    expect(owed).to.equal(110_000_00n);
    await expect(admin.closeMigration(2n))
      .to.be.revertedWithCustomError(admin, "ReceivableMigrationUnfunded")
      .withArgs(f.cashAddr, 0n, owed);
    await (await f.cash.connect(f.ops.regulator).forcedTransfer(f.v1Addr, f.v2Addr, owed, ORDER)).wait();
    // Evidence is not awaited: A's attestations and documents were never synced, yet the money closes
    // (a verifier loading a root with attestations cannot hold the migration up).
    expect(await f.v2.attestations(f.roots.A)).to.deep.equal([]);
    expect((await f.v1.attestations(f.roots.A)).length).to.equal(2);
    await expect(admin.closeMigration(2n)).to.emit(admin, "ReceivableMigrationClosed").withArgs(f.v1Addr, 2n);
    // Closed for good: no import, no second close, no successor change; the views stay.
    await expect(f.mig.importRoots([f.roots.B])).to.be.revertedWithCustomError(f.mig, "ReceivableMigrationIsClosed");
    await expect(admin.closeMigration(2n)).to.be.revertedWithCustomError(admin, "ReceivableMigrationIsClosed");
    expect(await f.mig.migrationStatus()).to.deep.equal([true, 2n, 0n]);
  });

  it("brings over evidence written on the retired token after its record was imported (syncEvidence)", async () => {
    const f = await retiredWithSuccessor();
    const { A } = f.roots;
    await (await f.mig.importRoots([A])).wait();
    // The retired token still takes attestations and documents (they move no money).
    await (await f.v1.connect(f.verifier).attest(A, KIND, ethers.id("declaration 0003"))).wait();
    await (await f.v1.connect(f.verifier).revokeAttestation(A, 0)).wait();
    await (await f.v1.connect(f.supplier).setDocument(A, DOC, "ipfs://contract-v2", ethers.id("contract 2"))).wait();
    const INVOICE = ethers.encodeBytes32String("invoice");
    await (await f.v1.connect(f.debtor).setDocument(A, INVOICE, "ipfs://invoice", ethers.id("invoice"))).wait();
    const evidence = async (t: ReceivableToken) => ({
      attestations: (await t.attestations(A)).map(plain),
      names: await t.getAllDocuments(A),
      doc: await t.getDocument(A, DOC),
      invoice: await t.getDocument(A, INVOICE),
    });
    expect(await evidence(f.v2)).to.not.deep.equal(await evidence(f.v1));
    const plan = await receivableMigrationPlan(ethers.provider, f.v1Addr, f.v2Addr);
    expect(plan.steps.map((s) => s.data)).to.include(f.mig.interface.encodeFunctionData("syncEvidence", [A]));
    await expect(f.mig.connect(f.outsider).syncEvidence(A))
      .to.emit(f.mig, "ReceivableMigrationEvidenceSynced")
      .withArgs(A, 3n, 3n);
    expect(await evidence(f.v2)).to.deep.equal(await evidence(f.v1));
    const after = await receivableMigrationPlan(ethers.provider, f.v1Addr, f.v2Addr);
    expect(after.steps.map((s) => s.data)).to.not.include(f.mig.interface.encodeFunctionData("syncEvidence", [A]));
    await expect(f.mig.syncEvidence(f.roots.B))
      .to.be.revertedWithCustomError(f.mig, "ReceivableMigrationRootNotImported")
      .withArgs(f.roots.B);
  });

  it("refuses a fragment held by a custody module that has no successor, and sends it to the successor once set", async () => {
    const f = await loadFixture(liveV1);
    await retire(f);
    const s = await deploySuccessor(f);
    const marketAddr = f.marketAddr;
    await (await s.mig.importRoots([f.roots.E])).wait();
    await expect(s.mig.importEntries(f.roots.E, 1n))
      .to.be.revertedWithCustomError(s.mig, "ReceivableMigrationCustodian")
      .withArgs(f.listedToken, marketAddr);
    // The governance names the module that takes over the market's custody (here a new market for v2).
    const market2 = await ethers.deployContract("FactoringMarket", [
      await f.manager.getAddress(),
      s.v2Addr,
      ethers.ZeroAddress,
    ]);
    const market2Addr = await market2.getAddress();
    await expect(s.mig.connect(f.ops.deployer).setSuccessor(marketAddr, f.outsider.address))
      .to.be.revertedWithCustomError(s.mig, "ReceivableMigrationBadSuccessor")
      .withArgs(marketAddr, f.outsider.address);
    await (await f.registry.connect(f.ops.deployer).registerModule(market2Addr)).wait();
    await expect(s.mig.connect(f.ops.deployer).setSuccessor(f.supplier.address, market2Addr))
      .to.be.revertedWithCustomError(s.mig, "ReceivableMigrationBadSuccessor")
      .withArgs(f.supplier.address, market2Addr);
    await expect(s.mig.connect(f.ops.deployer).setSuccessor(marketAddr, market2Addr))
      .to.emit(s.mig, "ReceivableMigrationSuccessorSet")
      .withArgs(marketAddr, market2Addr);
    await (await s.mig.importEntries(f.roots.E, 1n)).wait();
    expect(await s.v2.ownerOf(f.listedToken)).to.equal(market2Addr);
  });

  it("cannot be made to skip a live fragment by starving the predecessor read of gas", async () => {
    const f = await retiredWithSuccessor();
    await (await f.mig.importRoots([f.roots.C])).wait();
    // Index 0 of C is burned (skipped), index 1 lives. Whatever gas the caller gives, the call either
    // reverts or imports index 1: it never records C as finished without it.
    const data = f.mig.interface.encodeFunctionData("importEntries", [f.roots.C, 2n]);
    const needed = await ethers.provider.estimateGas({ to: f.v2Addr, data, from: f.outsider.address });
    let reverted = 0;
    for (let gas = needed - 60_000n; gas < needed; gas += 2_000n) {
      const snap = await networkHelpers.takeSnapshot();
      const tx = await f.outsider.sendTransaction({ to: f.v2Addr, data, gasLimit: gas }).catch(() => null);
      const receipt = tx === null ? null : await tx.wait().catch(() => null);
      if (receipt === null || receipt.status !== 1) {
        reverted++;
        expect(await f.mig.importCursor(f.roots.C)).to.deep.equal([true, 0n, 0n]);
      } else {
        expect(await f.v2.ownerOf(tokenOf(f.roots.C, 1))).to.equal(f.supplier.address);
      }
      await snap.restore();
    }
    expect(reverted).to.be.greaterThan(0);
  });

  it("runs only through a successor: the importer alone, and a token without importer, refuse", async () => {
    const f = await retiredWithSuccessor();
    await expect(f.importer.importRoots([f.roots.A])).to.be.revertedWithCustomError(
      f.importer,
      "ReceivableMigrationNotDelegated",
    );
    await expect(f.importer.migrationStatus()).to.be.revertedWithCustomError(
      f.importer,
      "ReceivableMigrationNotDelegated",
    );
    expect(await f.importer.predecessor()).to.equal(f.v1Addr);
    expect(await f.mig.predecessor()).to.equal(f.v1Addr);
    // A fresh deployment (v1 here, before retirement would not matter) has no fallback behaviour.
    const asImporter = (await ethers.getContractAt("ReceivableImporter", f.v1Addr)) as unknown as ReceivableImporter;
    await expect(asImporter.importRoots([f.roots.A])).to.be.revertedWithoutReason(ethers);
  });

  describe("restricted functions of the importer (ADMIN only, through the successor)", () => {
    const callers = ["registrar", "settlementBank", "guardian", "regulator", "feeAdmin", "assetAdmin"] as const;
    for (const caller of [...callers, "outsider"] as const) {
      it(`setSuccessor and closeMigration revert with AccessManagedUnauthorized for the ${caller}`, async () => {
        const f = await retiredWithSuccessor();
        const signer = caller === "outsider" ? f.outsider : f.ops[caller];
        await expect(f.mig.connect(signer).setSuccessor(f.marketAddr, f.marketAddr))
          .to.be.revertedWithCustomError(f.mig, "AccessManagedUnauthorized")
          .withArgs(signer.address);
        await expect(f.mig.connect(signer).closeMigration(0n))
          .to.be.revertedWithCustomError(f.mig, "AccessManagedUnauthorized")
          .withArgs(signer.address);
      });
    }

    it("are ADMIN's by default (no wiring), so the consortium's delay applies", async () => {
      const f = await retiredWithSuccessor();
      const sel = f.mig.interface.getFunction("closeMigration")!.selector;
      expect(await f.manager.getTargetFunctionRole(f.v2Addr, sel)).to.equal(Roles.ADMIN);
    });
  });
});
