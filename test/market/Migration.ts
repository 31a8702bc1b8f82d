import { expect } from "chai";

import { Roles } from "../../src/roles.js";
import { wiringOf } from "../../src/wiring.js";
import type {
  FactoringMarket,
  FactoringMarketImporter,
  ReceivableImporter,
  ReceivableToken,
} from "../../types/ethers-contracts/index.js";
import { DAY, connection, ethers, networkHelpers } from "../helpers/fixtures.js";
import { deployMarketOn } from "../helpers/market.js";
import { RECEIVABLE_PARAMS } from "../helpers/receivables.js";

const { loadFixture, time } = networkHelpers;

const ORDER = ethers.id("migration order 2026-12 (factoring market v1 -> v2)");
const HoldKind = { None: 0n, Listing: 1n, Auction: 2n, Parked: 3n } as const;
const { maxTenor, gracePeriod, defaultPeriod, minFragmentValue, maxTier } = RECEIVABLE_PARAMS;

/** A decoded struct as a plain array (ethers' Result), for deep comparison. */
const plain = (x: unknown) => (x as { toArray(): unknown[] }).toArray();

/**
 * A live v1 market holding every kind of state a migration must carry: an open plain listing (L1),
 * an open recourse listing with collateral (L2), a recourse listing sold within its recourse window
 * with collateral still held (L3), an open offer with escrow (O1), an open auction with a highest
 * bid and an outbid bidder's credit (A1), a fee and a treasury.
 */
async function liveV1() {
  const f = await deployMarketOn(connection);
  const cashAddr = await f.cash.getAddress();
  const expiry = (await f.latest()) + 7n * DAY;
  const params = (tokenId: bigint, price: bigint, recourse = false, collateral = 0n) => ({
    tokenId,
    value: 0n,
    price,
    rateBps: 0n,
    basis: 0n,
    expiry,
    buyerKinds: 0n,
    recourse,
    collateral,
  });
  const X = await f.payable(10_000_00n, "INV-X-LISTED");
  const Y = await f.payable(20_000_00n, "INV-Y-RECOURSE-OPEN");
  const Z = await f.payable(30_000_00n, "INV-Z-RECOURSE-SOLD", 30n * DAY);
  const W = await f.payable(8_000_00n, "INV-W-AUCTION");
  await (await f.market.connect(f.supplier).list(params(X.tokenId, 9_900_00n))).wait(); // L1
  await (await f.market.connect(f.supplier).list(params(Y.tokenId, 19_500_00n, true, 1_000_00n))).wait(); // L2
  await (await f.market.connect(f.supplier).list(params(Z.tokenId, 29_000_00n, true, 2_000_00n))).wait(); // L3
  await (await f.market.connect(f.factor).buy(3n, 29_000_00n)).wait();
  const remaining = (await f.receivables.position(f.token.tokenId)).remaining;
  await (await f.market.connect(f.bank).makeOffer(f.token.tokenId, cashAddr, 250_000_00n, expiry, remaining)).wait(); // O1
  const end = (await f.latest()) + DAY;
  await (await f.market.connect(f.supplier).createAuction(W.tokenId, 5_000_00n, 100_00n, end, 0)).wait(); // A1
  await (await f.market.connect(f.factor).bid(1n, 5_000_00n)).wait();
  await (await f.market.connect(f.bank).bid(1n, 6_000_00n)).wait(); // the factor's 5,000.00 becomes a credit
  const custody = [X.tokenId, Y.tokenId, W.tokenId];
  return { ...f, cashAddr, X, Y, Z, W, custody, end };
}

type Live = Awaited<ReturnType<typeof liveV1>>;

/** Pauses v1 and closes it in the AccessManager: the two facts the importer checks. */
async function retire(f: Live) {
  await (await f.market.connect(f.ops.guardian).pause()).wait();
  await (await f.manager.connect(f.ops.deployer).setTargetClosed(f.marketAddr, true)).wait();
}

/** Deploys the importer and a successor market on `receivables`, wired and registered as v1. */
async function deploySuccessor(f: Live, receivables: string) {
  const importer = (await ethers.deployContract("FactoringMarketImporter", [
    f.marketAddr,
  ])) as unknown as FactoringMarketImporter;
  const v2 = (await ethers.deployContract("FactoringMarket", [
    await f.manager.getAddress(),
    receivables,
    await importer.getAddress(),
  ])) as unknown as FactoringMarket;
  const v2Addr = await v2.getAddress();
  for (const w of wiringOf("FactoringMarket")) {
    await (await f.manager.setTargetFunctionRole(v2Addr, w.selectors, w.roleId)).wait();
  }
  await (await f.registry.connect(f.ops.deployer).registerModule(v2Addr)).wait();
  const mig = (await ethers.getContractAt("FactoringMarketImporter", v2Addr)) as unknown as FactoringMarketImporter;
  return { importer, v2, v2Addr, mig };
}

/** Case 1: the market alone is replaced; v1 retired and the successor deployed on the same token. */
async function retiredWithSuccessor() {
  const f = await loadFixture(liveV1);
  await retire(f);
  return { ...f, ...(await deploySuccessor(f, await f.receivables.getAddress())) };
}

type Migrating = Awaited<ReturnType<typeof retiredWithSuccessor>>;

/** The regulator moves v1's custody fragments (same token) and its cash to the successor. */
async function moveAssets(f: Migrating, fragments = true) {
  if (fragments) {
    for (const id of f.custody) {
      await (await f.receivables.connect(f.ops.regulator).forcedTransfer(id, f.v2Addr, ORDER)).wait();
    }
  }
  const cash = await f.cash.balanceOf(f.marketAddr);
  await (await f.cash.connect(f.ops.regulator).forcedTransfer(f.marketAddr, f.v2Addr, cash, ORDER)).wait();
  return cash;
}

/** Every import, in small batches, as an outsider would send them. */
async function importAll(f: Migrating, batch = 2n) {
  const m = f.mig.connect(f.outsider);
  await (await m.importSettings()).wait();
  for (const fn of ["importListings", "importOffers", "importAuctions"] as const) {
    let done = false;
    while (!done) {
      done = await m[fn].staticCall(batch);
      await (await m[fn](batch)).wait();
    }
  }
  await (await m.importHolds(f.custody)).wait();
  await (await m.importRefunds(f.cashAddr, [f.factor.address])).wait();
}

/** What integrators read from a market: must be identical on v1 and v2. */
async function snapshot(f: Live, market: FactoringMarket) {
  const ids = [1n, 2n, 3n];
  return {
    listings: await Promise.all(ids.map(async (i) => plain(await market.listing(i)))),
    recourse: await Promise.all(ids.map(async (i) => plain(await market.recourseOf(i)))),
    deadlines: await Promise.all(ids.map((i) => market.recourseDeadline(i))),
    offer: plain(await market.offer(1n)),
    auction: plain(await market.auction(1n)),
    custody: await Promise.all([...f.custody, f.Z.tokenId].map(async (t) => plain(await market.custodyOf(t)))),
    refunds: [await market.refundOf(f.cashAddr, f.factor.address), await market.refundOf(f.cashAddr, f.bank.address)],
    fee: await market.feeBps(),
    treasury: await market.treasury(),
    nextIds: [...(await market.nextIds())],
  };
}

/** Holders re-approve the successor (approvals are not carried over). */
async function reapprove(f: Live, v2Addr: string, token: ReceivableToken) {
  for (const w of [f.factor, f.bank, f.bank2, f.supplier]) {
    await (await f.cash.connect(w).approve(v2Addr, ethers.MaxUint256)).wait();
    await (await token.connect(w).setApprovalForAll(v2Addr, true)).wait();
  }
}

describe("FactoringMarket migration (a fixed version takes over without losing a fragment or a base unit)", () => {
  it("case 1, the market alone: every record, hold, credit and the cash move; life goes on exactly as on v1", async () => {
    const f = await retiredWithSuccessor();
    const before = await snapshot(f, f.market);
    expect(before.nextIds).to.deep.equal([3n, 1n, 1n]);
    // Held: collateral 1,000.00 + 2,000.00, escrow 250,000.00, highest bid 6,000.00, credit 5,000.00.
    const held = await moveAssets(f);
    expect(held).to.equal(264_000_00n);
    await importAll(f);
    expect(await f.mig.importOwed(f.cashAddr)).to.equal(held);
    expect(await f.mig.migrationStatus()).to.deep.equal([false, true, 3n, 0n, 1n]);
    await expect(f.mig.connect(f.ops.deployer).closeMigration(1n))
      .to.emit(f.mig, "MarketMigrationClosed")
      .withArgs(f.marketAddr, 3n, 1n);
    await (await f.v2.connect(f.ops.guardian).unpause()).wait();
    expect(await snapshot(f, f.v2)).to.deep.equal(before);
    await reapprove(f, f.v2Addr, f.receivables);

    // L1 bought at its price, fee to the treasury.
    const fee = (9_900_00n * 50n) / 10_000n;
    await expect(f.v2.connect(f.bank2).buy(1n, 9_900_00n)).to.changeTokenBalances(
      ethers,
      f.cash,
      [f.bank2, f.supplier, f.treasury],
      [-9_900_00n, 9_900_00n - fee, fee],
    );
    expect(await f.receivables.ownerOf(f.X.tokenId)).to.equal(f.bank2.address);
    // L2 cancelled: fragment and collateral back to the supplier.
    await expect(f.v2.connect(f.supplier).cancelListing(2n)).to.changeTokenBalances(
      ethers,
      f.cash,
      [f.supplier, f.v2Addr],
      [1_000_00n, -1_000_00n],
    );
    expect(await f.receivables.ownerOf(f.Y.tokenId)).to.equal(f.supplier.address);
    // O1 cancelled: escrow back to the bank. The factor's credit withdrawn.
    await expect(f.v2.connect(f.bank).cancelOffer(1n)).to.changeTokenBalances(
      ethers,
      f.cash,
      [f.bank, f.v2Addr],
      [250_000_00n, -250_000_00n],
    );
    await expect(f.v2.connect(f.factor).withdrawRefund(f.cashAddr))
      .to.emit(f.v2, "RefundWithdrawn")
      .withArgs(f.cashAddr, f.factor.address, 5_000_00n);
    // A1 settled to the highest bidder.
    await time.increaseTo(f.end + 1n);
    const aFee = (6_000_00n * 50n) / 10_000n;
    await expect(f.v2.connect(f.outsider).settleAuction(1n)).to.changeTokenBalances(
      ethers,
      f.cash,
      [f.supplier, f.treasury, f.v2Addr],
      [6_000_00n - aFee, aFee, -6_000_00n],
    );
    expect(await f.receivables.ownerOf(f.W.tokenId)).to.equal(f.bank.address);
    // L3: Z defaults; the factor exercises recourse: collateral first, the rest becomes debt.
    await time.increaseTo(f.Z.due + gracePeriod + defaultPeriod + 1n);
    await (await f.receivables.connect(f.factor).declareDefault(f.Z.tokenId)).wait();
    await expect(f.v2.connect(f.factor).exerciseRecourse(3n))
      .to.emit(f.v2, "RecourseExercised")
      .withArgs(3n, f.factor.address, f.supplier.address, 29_000_00n, 2_000_00n, 27_000_00n);
    expect(await f.receivables.ownerOf(f.Z.tokenId)).to.equal(f.supplier.address);
    // Every base unit the successor took over went to its owner.
    expect(await f.cash.balanceOf(f.v2Addr)).to.equal(0n);
    expect(await f.cash.balanceOf(f.marketAddr)).to.equal(0n);
  });

  it("case 2, market and receivable token together: custody fragments are minted to the new market", async () => {
    const f = await loadFixture(liveV1);
    const rv1 = f.receivables;
    const rv1Addr = await rv1.getAddress();
    const before = await snapshot(f, f.market);
    await retire(f);
    await (await rv1.connect(f.ops.guardian).pause()).wait();
    await (await f.manager.connect(f.ops.deployer).setTargetClosed(rv1Addr, true)).wait();
    // The successor token, then the successor market on it.
    const rImporter = await ethers.deployContract("ReceivableImporter", [rv1Addr]);
    const rv2 = (await ethers.deployContract("ReceivableToken", [
      await f.manager.getAddress(),
      await f.registry.getAddress(),
      maxTenor,
      gracePeriod,
      defaultPeriod,
      minFragmentValue,
      maxTier,
      await rImporter.getAddress(),
    ])) as unknown as ReceivableToken;
    const rv2Addr = await rv2.getAddress();
    for (const w of wiringOf("ReceivableToken")) {
      await (await f.manager.setTargetFunctionRole(rv2Addr, w.selectors, w.roleId)).wait();
    }
    await (await f.registry.connect(f.ops.deployer).registerModule(rv2Addr)).wait();
    const s = await deploySuccessor(f, rv2Addr);
    const rmig = (await ethers.getContractAt("ReceivableImporter", rv2Addr)) as unknown as ReceivableImporter;
    await (await rmig.connect(f.ops.deployer).setSuccessor(f.marketAddr, s.v2Addr)).wait();
    await (await rmig.importCurrencies([f.cashAddr])).wait();
    const roots = [f.token.rootId, f.X.rootId, f.Y.rootId, f.Z.rootId, f.W.rootId];
    await (await rmig.importRoots(roots)).wait();
    for (const r of roots) await (await rmig.importEntries(r, 10n)).wait();
    await (await rmig.connect(f.ops.deployer).closeMigration(5n)).wait();
    await (await rv2.connect(f.ops.guardian).unpause()).wait();
    for (const id of f.custody) expect(await rv2.ownerOf(id)).to.equal(s.v2Addr);

    // The market's migration: only the cash is moved by the regulator.
    const g = { ...f, ...s } as Migrating;
    const held = await moveAssets(g, false);
    await importAll(g);
    await (await s.mig.connect(f.ops.deployer).closeMigration(1n)).wait();
    await (await s.v2.connect(f.ops.guardian).unpause()).wait();
    expect(await snapshot(f, s.v2)).to.deep.equal(before);
    expect(await s.v2.receivables()).to.equal(rv2Addr);
    expect(await f.cash.balanceOf(s.v2Addr)).to.equal(held);

    await reapprove(f, s.v2Addr, rv2);
    const fee = (9_900_00n * 50n) / 10_000n;
    await expect(s.v2.connect(f.bank2).buy(1n, 9_900_00n)).to.changeTokenBalances(
      ethers,
      f.cash,
      [f.bank2, f.supplier, f.treasury],
      [-9_900_00n, 9_900_00n - fee, fee],
    );
    expect(await rv2.ownerOf(f.X.tokenId)).to.equal(f.bank2.address);
    await (await s.v2.connect(f.bank).cancelOffer(1n)).wait();
    await (await s.v2.connect(f.factor).withdrawRefund(f.cashAddr)).wait();
    await (await s.v2.connect(f.supplier).cancelListing(2n)).wait();
    await time.increaseTo(f.end + 1n);
    await (await s.v2.connect(f.outsider).settleAuction(1n)).wait();
    expect(await rv2.ownerOf(f.W.tokenId)).to.equal(f.bank.address);
    await time.increaseTo(f.Z.due + gracePeriod + defaultPeriod + 1n);
    await (await rv2.connect(f.factor).declareDefault(f.Z.tokenId)).wait();
    await expect(s.v2.connect(f.factor).exerciseRecourse(3n))
      .to.emit(s.v2, "RecourseExercised")
      .withArgs(3n, f.factor.address, f.supplier.address, 29_000_00n, 2_000_00n, 27_000_00n);
    expect(await f.cash.balanceOf(s.v2Addr)).to.equal(0n);
  });

  it("refuses to import from a live predecessor: not paused, or paused but not closed", async () => {
    const f = await loadFixture(liveV1);
    const { mig } = await deploySuccessor(f, await f.receivables.getAddress());
    await expect(mig.importSettings())
      .to.be.revertedWithCustomError(mig, "MarketMigrationPredecessorLive")
      .withArgs(f.marketAddr);
    await (await f.market.connect(f.ops.guardian).pause()).wait();
    await expect(mig.importListings(1n))
      .to.be.revertedWithCustomError(mig, "MarketMigrationPredecessorLive")
      .withArgs(f.marketAddr);
  });

  it("starts paused, moves nothing and cannot be unpaused before the migration is closed", async () => {
    const f = await retiredWithSuccessor();
    await moveAssets(f);
    await importAll(f);
    expect(await f.v2.paused()).to.equal(true);
    await expect(f.v2.connect(f.ops.guardian).unpause()).to.be.revertedWithCustomError(f.v2, "MarketMigrationOpen");
    // The paths a pause leaves open refuse too: they would change imported records under the close.
    await expect(f.v2.connect(f.supplier).cancelListing(1n)).to.be.revertedWithCustomError(f.v2, "MarketMigrationOpen");
    await expect(f.v2.connect(f.bank).cancelOffer(1n)).to.be.revertedWithCustomError(f.v2, "MarketMigrationOpen");
    await expect(f.v2.connect(f.factor).withdrawRefund(f.cashAddr)).to.be.revertedWithCustomError(
      f.v2,
      "MarketMigrationOpen",
    );
    await time.increaseTo(f.end + 1n);
    await expect(f.v2.settleAuction(1n)).to.be.revertedWithCustomError(f.v2, "MarketMigrationOpen");
    await expect(f.v2.connect(f.ops.guardian).postCollateral(2n, 1n)).to.be.revertedWithCustomError(
      f.v2,
      "MarketMigrationOpen",
    );
  });

  it("a retired predecessor turns no record into a credit: dead listings, auctions and offers stay as imported", async () => {
    const f = await retiredWithSuccessor();
    await moveAssets(f);
    // Every listing and auction of v1 is dead now (its fragment left custody): anyone could unwind it.
    await expect(f.market.connect(f.outsider).cancelListing(2n)).to.be.revertedWithCustomError(
      f.market,
      "MarketRetired",
    );
    await expect(f.market.connect(f.outsider).settleAuction(1n)).to.be.revertedWithCustomError(
      f.market,
      "MarketRetired",
    );
    await expect(f.market.connect(f.bank).cancelOffer(1n)).to.be.revertedWithCustomError(f.market, "MarketRetired");
    await expect(f.market.connect(f.outsider).releaseCollateral(3n)).to.be.revertedWithCustomError(
      f.market,
      "MarketRetired",
    );
    // Nor is recourse exercised on it: the buyer exercises on the successor (whose copy would
    // otherwise still say Sold while v1's said Exercised).
    await time.increaseTo(f.Z.due + gracePeriod + defaultPeriod + 1n);
    await (await f.receivables.connect(f.factor).declareDefault(f.Z.tokenId)).wait();
    await expect(f.market.connect(f.factor).exerciseRecourse(3n)).to.be.revertedWithCustomError(
      f.market,
      "MarketRetired",
    );
  });

  it("walks the cursors in batches, refuses empty batches, and counts nothing twice", async () => {
    const f = await retiredWithSuccessor();
    await moveAssets(f);
    const m = f.mig.connect(f.outsider);
    await expect(m.importListings(0n)).to.be.revertedWithCustomError(m, "MarketMigrationZeroBatch");
    await expect(m.importOffers(0n)).to.be.revertedWithCustomError(m, "MarketMigrationZeroBatch");
    await expect(m.importAuctions(0n)).to.be.revertedWithCustomError(m, "MarketMigrationZeroBatch");
    await expect(m.importListings(1n)).to.emit(m, "MarketMigrationRecordsImported").withArgs(0n, 1n, false);
    await expect(m.importListings(ethers.MaxUint256))
      .to.emit(m, "MarketMigrationRecordsImported")
      .withArgs(0n, 3n, true);
    // A finished cursor stays put: nothing is copied or owed twice.
    await (await m.importListings(5n)).wait();
    expect(await f.mig.importOwed(f.cashAddr)).to.equal(3_000_00n);
    expect(await f.v2.nextIds()).to.deep.equal([3n, 0n, 0n]);
    await (await m.importSettings()).wait();
    await expect(m.importSettings()).to.be.revertedWithCustomError(m, "MarketMigrationSettingsImported");
    await (await m.importHolds([f.X.tokenId])).wait();
    await expect(m.importHolds([f.X.tokenId]))
      .to.be.revertedWithCustomError(m, "MarketMigrationHoldAlreadyImported")
      .withArgs(f.X.tokenId);
    await expect(m.countStrays([f.X.tokenId]))
      .to.be.revertedWithCustomError(m, "MarketMigrationHoldAlreadyImported")
      .withArgs(f.X.tokenId);
    await expect(m.importHolds([f.Z.tokenId]))
      .to.be.revertedWithCustomError(m, "MarketMigrationNoHold")
      .withArgs(f.Z.tokenId);
    await (await m.importRefunds(f.cashAddr, [f.factor.address])).wait();
    await expect(m.importRefunds(f.cashAddr, [f.factor.address]))
      .to.be.revertedWithCustomError(m, "MarketMigrationNoRefund")
      .withArgs(f.cashAddr, f.factor.address);
    await expect(m.importRefunds(f.cashAddr, [f.bank.address]))
      .to.be.revertedWithCustomError(m, "MarketMigrationNoRefund")
      .withArgs(f.cashAddr, f.bank.address);
  });

  it("refuses a hold whose fragment the successor does not own", async () => {
    const f = await retiredWithSuccessor();
    await expect(f.mig.importHolds([f.X.tokenId]))
      .to.be.revertedWithCustomError(f.mig, "MarketMigrationFragmentNotHeld")
      .withArgs(f.X.tokenId, f.marketAddr);
  });

  it("refuses to close before everything is in: settings, cursors, holds, refund count, cash; then closes once", async () => {
    const f = await retiredWithSuccessor();
    const admin = f.mig.connect(f.ops.deployer);
    await expect(admin.closeMigration(1n)).to.be.revertedWithCustomError(admin, "MarketMigrationSettingsMissing");
    await (await f.mig.importSettings()).wait();
    await expect(admin.closeMigration(1n))
      .to.be.revertedWithCustomError(admin, "MarketMigrationUnfinished")
      .withArgs(0n, 0n, 3n);
    for (const fn of ["importListings", "importOffers", "importAuctions"] as const) {
      await (await f.mig[fn](10n)).wait();
    }
    // Holds incomplete: the fragments are still with v1.
    await expect(admin.closeMigration(1n))
      .to.be.revertedWithCustomError(admin, "MarketMigrationHoldsIncomplete")
      .withArgs(0n, 0n, 3n);
    for (const id of f.custody) {
      await (await f.receivables.connect(f.ops.regulator).forcedTransfer(id, f.v2Addr, ORDER)).wait();
    }
    await (await f.mig.importHolds([f.X.tokenId, f.Y.tokenId])).wait();
    await expect(admin.closeMigration(1n))
      .to.be.revertedWithCustomError(admin, "MarketMigrationHoldsIncomplete")
      .withArgs(3n, 2n, 0n);
    await (await f.mig.importHolds([f.W.tokenId])).wait();
    // A fragment sent to the market outside a trade is counted as a stray, never as a hold.
    const S = await f.payable(1_000_00n, "INV-S-STRAY", 90n * DAY, f.bank);
    await (await f.receivables.connect(f.bank).transferFrom(f.bank.address, f.v2Addr, S.tokenId)).wait();
    await expect(admin.closeMigration(1n))
      .to.be.revertedWithCustomError(admin, "MarketMigrationHoldsIncomplete")
      .withArgs(4n, 3n, 0n);
    await expect(f.mig.importHolds([S.tokenId]))
      .to.be.revertedWithCustomError(f.mig, "MarketMigrationNoHold")
      .withArgs(S.tokenId);
    await expect(f.mig.countStrays([f.Z.tokenId]))
      .to.be.revertedWithCustomError(f.mig, "MarketMigrationNotStray")
      .withArgs(f.Z.tokenId);
    await expect(f.mig.countStrays([S.tokenId]))
      .to.emit(f.mig, "MarketMigrationStrayCounted")
      .withArgs(S.tokenId);
    // Refund count: the reconciliation expects one credited pair.
    await expect(admin.closeMigration(1n))
      .to.be.revertedWithCustomError(admin, "MarketMigrationRefundCount")
      .withArgs(0n, 1n);
    await (await f.mig.importRefunds(f.cashAddr, [f.factor.address])).wait();
    await expect(admin.closeMigration(2n))
      .to.be.revertedWithCustomError(admin, "MarketMigrationRefundCount")
      .withArgs(1n, 2n);
    // Unfunded until the regulator moves the cash.
    await expect(admin.closeMigration(1n))
      .to.be.revertedWithCustomError(admin, "MarketMigrationUnfunded")
      .withArgs(f.cashAddr, 0n, 264_000_00n);
    await moveAssets(f, false);
    await (await admin.closeMigration(1n)).wait();
    // Closed for good: no import, no second close; the views stay.
    await expect(f.mig.importRefunds(f.cashAddr, [f.bank.address])).to.be.revertedWithCustomError(
      f.mig,
      "MarketMigrationIsClosed",
    );
    await expect(admin.closeMigration(1n)).to.be.revertedWithCustomError(admin, "MarketMigrationIsClosed");
    expect(await f.mig.migrationStatus()).to.deep.equal([true, true, 3n, 1n, 1n]);
  });

  it("runs only through a successor: the importer alone, and a market without importer, refuse", async () => {
    const f = await retiredWithSuccessor();
    await expect(f.importer.importSettings()).to.be.revertedWithCustomError(f.importer, "MarketMigrationNotDelegated");
    await expect(f.importer.migrationStatus()).to.be.revertedWithCustomError(f.importer, "MarketMigrationNotDelegated");
    expect(await f.importer.predecessor()).to.equal(f.marketAddr);
    expect(await f.mig.predecessor()).to.equal(f.marketAddr);
    const asImporter = (await ethers.getContractAt(
      "FactoringMarketImporter",
      f.marketAddr,
    )) as unknown as FactoringMarketImporter;
    await expect(asImporter.importSettings()).to.be.revertedWithoutReason(ethers);
  });

  describe("restricted functions of the importer (ADMIN only, through the successor)", () => {
    const callers = ["registrar", "settlementBank", "guardian", "regulator", "feeAdmin", "assetAdmin"] as const;
    for (const caller of [...callers, "outsider"] as const) {
      it(`closeMigration reverts with AccessManagedUnauthorized for the ${caller}`, async () => {
        const f = await retiredWithSuccessor();
        const signer = caller === "outsider" ? f.outsider : f.ops[caller];
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
