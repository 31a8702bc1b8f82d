import { expect } from "chai";
import { Wallet, type Signer } from "ethers";

import {
  Basis,
  MarketFacade,
  UnitError,
  connect,
  decodeError,
  discountPrice,
  explainError,
  formatDate,
  parseAuctionEnd,
  parseBasis,
  parseDuration,
  parseMarketId,
  platformFee,
  tokenIdOf,
} from "../../src/index.js";
import { deploySuiteForSdk, freeGas, wait } from "../helpers/sdk.js";

/** Besu's fee settings with automine: members' wallets hold no ether and pay gasPrice 0. */
const conn = freeGas;
const { ethers, networkHelpers } = conn;
const DAY = 86_400n;
const FEE_BPS = 50n;

/**
 * The Suite with fresh ether-less members: a core enterprise (debtor), a supplier (SME), a factor,
 * a bank and an exchange (the treasury of a 0.50% fee). Factor and bank hold 5,000,000.00, the
 * supplier 100,000.00. The core enterprise has issued the supplier a confirmed 300,000.00 payable
 * due in 90 days (`tokenId`).
 */
async function marketFixture() {
  const { addresses, signers } = await deploySuiteForSdk();
  const registrar = connect(addresses, signers[1]);
  const bank = connect(addresses, signers[2]);
  const w = {
    core: Wallet.createRandom(ethers.provider),
    supplier: Wallet.createRandom(ethers.provider),
    factor: Wallet.createRandom(ethers.provider),
    bank: Wallet.createRandom(ethers.provider),
    exchange: Wallet.createRandom(ethers.provider),
  };
  const kinds = {
    core: "CORE_ENTERPRISE",
    supplier: "SME",
    factor: "FACTOR",
    bank: "BANK",
    exchange: "EXCHANGE",
  } as const;
  for (const [key, wallet] of Object.entries(w)) {
    await wait(
      registrar.registry.register({
        code: `MKT-${key}`,
        kinds: [kinds[key as keyof typeof kinds]],
        kycExpiry: "2099-01-01",
        jurisdiction: "CN",
        wallet: wallet.address,
      }),
    );
  }
  await wait(bank.cash.mint(w.factor.address, "5,000,000.00"));
  await wait(bank.cash.mint(w.bank.address, "5,000,000.00"));
  await wait(bank.cash.mint(w.supplier.address, "100,000.00"));
  await wait(bank.cash.mint(w.core.address, "1,000,000.00"));
  const feeAdmin = connect(addresses, signers[5]).market.contract;
  await wait(feeAdmin.setTreasury(w.exchange.address));
  await wait(feeAdmin.setFee(FEE_BPS));
  const as = (s: Signer) => connect(addresses, s);
  const reader = connect(addresses, ethers.provider);
  const now = BigInt(await networkHelpers.time.latest());
  const due = formatDate(((now + 90n * DAY) / DAY) * DAY);
  const issue = async (invoice: string, amount: string) => {
    const core = as(w.core).receivables;
    await wait(core.issuePayable(w.supplier.address, { amount, dueDate: due, invoiceNumber: invoice }));
    return tokenIdOf(await core.fingerprint(invoice, w.supplier.address, w.core.address), 0);
  };
  const tokenId = await issue("INV-MKT-1", "300,000.00");
  const inDays = (d: bigint) => formatDate(((now + d * DAY) / DAY) * DAY);
  return { addresses, signers, w, as, reader, due, issue, tokenId, inDays };
}

describe("SDK: market", () => {
  it("parses ids, bases, durations and auction ends, and refuses what it cannot represent", async () => {
    expect(parseMarketId("#12")).to.equal(12n);
    expect(parseMarketId(3)).to.equal(3n);
    expect(() => parseMarketId("0", "listingId")).to.throw(UnitError, "listingId: is not an id");
    expect(() => parseMarketId("1.5")).to.throw(UnitError, "is not an id");
    expect(parseBasis("ACT/360")).to.equal(Basis.Act360);
    expect(parseBasis("act365f")).to.equal(Basis.Act365F);
    expect(() => parseBasis("30/360")).to.throw(UnitError, "is not a day-count basis");
    expect(parseDuration("1d12h")).to.equal(129_600n);
    expect(parseDuration("90m")).to.equal(5_400n);
    expect(parseDuration("2027-01-01")).to.equal(undefined);
    expect(parseAuctionEnd("3d", 1_000n)).to.equal(1_000n + 3n * DAY);
    expect(parseAuctionEnd("2027-01-01T12:00:00Z", 0n)).to.equal(1_798_804_800n);
    expect(() => parseAuctionEnd("0d", 0n)).to.throw(UnitError, "must be a positive duration");

    const f = await networkHelpers.loadFixture(marketFixture);
    const m = f.as(f.w.supplier).market;
    await expect(m.listArgs({ tokenId: f.tokenId, price: "1", rate: "4%", expiry: f.inDays(5n) })).to.be.rejectedWith(
      UnitError,
      "give exactly one of price and rate",
    );
    await expect(
      m.listArgs({ tokenId: f.tokenId, price: "1", expiry: f.inDays(5n), collateral: "10" }),
    ).to.be.rejectedWith(UnitError, "collateral: needs a recourse listing");
    await expect(m.listArgs({ tokenId: f.tokenId, price: "1.001", expiry: f.inDays(5n) })).to.be.rejectedWith(
      UnitError,
      "price: has more than 2 decimal places",
    );
    await expect(m.listArgs({ tokenId: f.tokenId, rate: "100.01%", expiry: f.inDays(5n) })).to.be.rejectedWith(
      UnitError,
      "rate: exceeds 100%",
    );
    expect(
      await m.listArgs({ tokenId: f.tokenId, rate: "4.35%", basis: "Act365F", expiry: "2027-01-01" }),
    ).to.deep.include({
      price: 0n,
      rateBps: 435n,
      basis: Basis.Act365F,
      expiry: 1_798_761_600n,
      buyerKinds: 0,
      value: 0n,
    });
    expect(await m.parse("296,737.50")).to.equal(29_673_750n);
    expect(await m.format(29_673_750n)).to.equal("296,737.50");
  });

  it("lists (approving the fragments first), quotes exactly as the contract and buys (approving the cash first)", async () => {
    const f = await networkHelpers.loadFixture(marketFixture);
    const supplier = f.as(f.w.supplier).market;
    const factor = f.as(f.w.factor).market;
    const r = f.reader;
    expect(await r.receivables.contract.isApprovedForAll(f.w.supplier.address, f.addresses.market)).to.equal(false);
    const tx = await supplier.list({
      tokenId: f.tokenId,
      value: "200,000.00",
      rate: "4.35%",
      expiry: f.inDays(60n),
      recourse: true,
      collateral: "1,000.00",
    });
    expect(tx.gasPrice ?? tx.maxFeePerGas).to.equal(0n);
    await tx.wait();
    expect(await r.receivables.contract.isApprovedForAll(f.w.supplier.address, f.addresses.market)).to.equal(true);
    const [listed] = await r.market.listedEvents({ seller: f.w.supplier.address });
    expect(listed.name).to.equal("Listed");
    expect(listed.args.listingId).to.equal(1n);
    expect(listed.args.value).to.equal(20_000_000n);
    expect(listed.args.rateBps).to.equal(435n);
    expect(listed.args.recourse).to.equal(true);
    const partId = listed.args.tokenId;
    expect(partId).to.not.equal(f.tokenId); // the market split the listed part off
    const view = (await r.market.listing(1n))!;
    expect(view).to.deep.include({
      status: "Open",
      seller: f.w.supplier.address,
      tokenId: partId,
      value: 20_000_000n,
      price: 0n,
      rateBps: 435n,
      basis: "Act360",
      pricing: "4.35% Act360",
      recourse: true,
      buyerKinds: 12,
      buyerKindNames: ["FACTOR", "BANK"],
      decimals: 2,
      dueDateIso: f.due,
    });
    expect((await r.market.recourse(1n))!).to.deep.include({
      status: "Listed",
      seller: f.w.supplier.address,
      provider: f.w.supplier.address,
      collateral: 100_000n,
      debt: 0n,
    });
    // A fixed-price listing and an Act365F one on a second payable.
    const t2 = await f.issue("INV-MKT-2", "50,000.00");
    await wait(supplier.list({ tokenId: t2, value: "20,000.00", price: "19,800.00", expiry: f.inDays(60n) }));
    const t2part = (await r.market.listedEvents({ listingId: 2n }))[0].args.tokenId;
    await wait(
      supplier.list({ tokenId: t2, rate: "7.5%", basis: "Act365F", expiry: f.inDays(60n), buyerKinds: ["BANK"] }),
    );
    expect((await r.market.listing(3n))!).to.deep.include({ basis: "Act365F", buyerKindNames: ["BANK"] });

    // The facade's quote equals the contract's quote to the base unit as maturity nears.
    for (const step of [0n, 1n, 17n * DAY + 3_600n, 29n * DAY, 3_599n]) {
      if (step > 0n) await networkHelpers.time.increase(step);
      const block = (await ethers.provider.getBlock("latest"))!;
      for (const id of [1n, 2n, 3n]) {
        const q = await r.market.quote(id, BigInt(block.timestamp));
        const onChain = await r.market.contract.quote(id, { blockTag: block.number });
        expect(q.price, `listing ${id} at +${step}`).to.equal(onChain);
        expect(q.fee).to.equal(platformFee(onChain, FEE_BPS));
        expect(q.sellerProceeds).to.equal(onChain - q.fee);
      }
    }
    const l1 = (await r.market.listing(1n))!;
    const now = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
    expect((await r.market.quote(1n)).price).to.equal(discountPrice(20_000_000n, 435n, l1.dueDate, now, Basis.Act360));
    expect(MarketFacade.quoteOf(l1, now, FEE_BPS)).to.deep.include({
      price: discountPrice(20_000_000n, 435n, l1.dueDate, now, Basis.Act360),
      days: (l1.dueDate - now + DAY - 1n) / DAY,
      value: 20_000_000n,
    });

    // Buy at the quote: the facade approves exactly the max price first.
    const q = await r.market.quote(1n);
    expect(await r.cash.contract.allowance(f.w.factor.address, f.addresses.market)).to.equal(0n);
    const factorBefore = await r.cash.balanceOf(f.w.factor.address);
    const supplierBefore = await r.cash.balanceOf(f.w.supplier.address);
    await wait(factor.buy(1n, q.price));
    expect(await r.cash.contract.allowance(f.w.factor.address, f.addresses.market)).to.equal(0n);
    expect(await r.receivables.contract.ownerOf(partId)).to.equal(f.w.factor.address);
    expect(await r.cash.balanceOf(f.w.factor.address)).to.equal(factorBefore - q.price);
    expect(await r.cash.balanceOf(f.w.supplier.address)).to.equal(supplierBefore + q.sellerProceeds);
    expect(await r.cash.balanceOf(f.w.exchange.address)).to.equal(q.fee);
    const [bought] = await r.market.boughtEvents({ buyer: f.w.factor.address });
    expect([bought.args.listingId, bought.args.price, bought.args.fee, bought.args.seller]).to.deep.equal([
      1n,
      q.price,
      q.fee,
      f.w.supplier.address,
    ]);
    expect(await r.market.listing(1n)).to.equal(undefined);
    expect((await r.market.recourse(1n))!).to.deep.include({
      status: "Sold",
      buyer: f.w.factor.address,
      price: q.price,
    });
    // A fixed price below the max is what is charged.
    await wait(factor.buy(2n, "20,000.00"));
    expect(await r.receivables.contract.ownerOf(t2part)).to.equal(f.w.factor.address);
    expect((await r.market.boughtEvents({ listingId: 2n }))[0].args.price).to.equal(1_980_000n);
    // The factor may not buy a BANK-only listing: the custom error decodes with its values.
    try {
      await factor.buy(3n);
      expect.fail("buy of a BANK-only listing went through");
    } catch (e) {
      expect(decodeError(e)?.name).to.equal("MarketBuyerNotEligible");
      expect(explainError(e)).to.equal(`MarketBuyerNotEligible: ${f.w.factor.address} is not an eligible BANK`);
    }
  });

  it("makes and accepts offers, runs an auction and refunds the outbid bidder, with typed views and events", async () => {
    const f = await networkHelpers.loadFixture(marketFixture);
    const r = f.reader.market;
    const bank = f.as(f.w.bank).market;
    const factor = f.as(f.w.factor).market;
    const supplier = f.as(f.w.supplier).market;

    await wait(bank.makeOffer(f.tokenId, "295,000.00", f.inDays(7n)));
    expect((await r.offer(1n))!).to.deep.include({
      offerer: f.w.bank.address,
      tokenId: f.tokenId,
      currency: f.addresses.cash,
      amount: 29_500_000n,
      expiryIso: f.inDays(7n),
    });
    await wait(factor.makeOffer(f.tokenId, "290,000.00", f.inDays(7n)));
    const book = await r.openBook();
    expect(book.offers.map((o) => o.offerId)).to.deep.equal([1n, 2n]);
    await wait(factor.cancelOffer(2n));
    expect((await r.offerCancelledEvents({ offerer: f.w.factor.address }))[0].args.amount).to.equal(29_000_000n);
    const supplierBefore = await f.reader.cash.balanceOf(f.w.supplier.address);
    await wait(supplier.acceptOffer(1n)); // approves the market for the supplier's fragments first
    expect(await f.reader.receivables.contract.ownerOf(f.tokenId)).to.equal(f.w.bank.address);
    expect(await f.reader.cash.balanceOf(f.w.supplier.address)).to.equal(supplierBefore + 29_500_000n - 147_500n);
    const [accepted] = await r.offerAcceptedEvents({ offerId: 1n });
    expect([accepted.args.holder, accepted.args.fee]).to.deep.equal([f.w.supplier.address, 147_500n]);
    expect((await r.offerMadeEvents({ tokenId: f.tokenId })).map((e) => e.args.amount)).to.deep.equal([
      29_500_000n,
      29_000_000n,
    ]);

    // The bank auctions what it bought: a 2-day English auction, the factor is outbid.
    const start = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
    await wait(bank.createAuction({ tokenId: f.tokenId, reserve: "280,000.00", minIncrement: "500.00", end: "2d" }));
    let a = (await r.auction(1n))!;
    expect(a).to.deep.include({
      open: true,
      seller: f.w.bank.address,
      reserve: 28_000_000n,
      minIncrement: 50_000n,
      minimumBid: 28_000_000n,
      buyerKindNames: ["FACTOR", "BANK"],
    });
    expect(a.endTime - start).to.be.within(2n * DAY, 2n * DAY + 5n);
    await wait(factor.bid(1n, "280,000.00"));
    try {
      await factor.bid(1n, "280,100.00");
      expect.fail("a bid below the minimum went through");
    } catch (e) {
      expect(decodeError(e)?.args).to.deep.equal({ auctionId: 1n, amount: 28_010_000n, minimum: 28_050_000n });
      expect(explainError(e)).to.equal(
        "MarketBidTooLow: 280,100.00 is below the minimum bid of 280,500.00 on auction #1",
      );
    }
    await wait(factor.bid(1n, "281,000.00")); // the factor outbids itself: its first bid becomes a refund
    a = (await r.auction(1n))!;
    expect([a.highestBidder, a.highestBid, a.minimumBid]).to.deep.equal([f.w.factor.address, 28_100_000n, 28_150_000n]);
    expect(await r.refundOf(f.w.factor.address)).to.equal(28_000_000n);
    expect((await r.bidPlacedEvents({ auctionId: 1n })).map((e) => e.args.amount)).to.deep.equal([
      28_000_000n,
      28_100_000n,
    ]);
    expect((await r.openBook()).auctions.map((x) => x.auctionId)).to.deep.equal([1n]);
    await networkHelpers.time.increaseTo(a.endTime + 1n);
    await wait(f.as(f.w.core).market.settleAuction(1n));
    const [settled] = await r.auctionSettledEvents({ auctionId: 1n });
    expect([settled.args.winner, settled.args.price, settled.args.fee]).to.deep.equal([
      f.w.factor.address,
      28_100_000n,
      140_500n,
    ]);
    expect((await r.auction(1n))!.open).to.equal(false);
    expect((await r.openBook()).auctions).to.deep.equal([]);
    const factorBefore = await f.reader.cash.balanceOf(f.w.factor.address);
    await wait(factor.withdrawRefund());
    expect(await f.reader.cash.balanceOf(f.w.factor.address)).to.equal(factorBefore + 28_000_000n);
    expect((await r.refundWithdrawnEvents({ wallet: f.w.factor.address }))[0].args.amount).to.equal(28_000_000n);
    const names = (await r.events()).map((e) => e.name);
    expect(names).to.include.members(["OfferMade", "OfferAccepted", "AuctionCreated", "BidPlaced", "AuctionSettled"]);
  });

  it("exercises recourse on default and settles the debt (approving the fragment and the cash first)", async () => {
    const f = await networkHelpers.loadFixture(marketFixture);
    const r = f.reader.market;
    const supplier = f.as(f.w.supplier).market;
    const factor = f.as(f.w.factor).market;
    await wait(
      supplier.list({
        tokenId: f.tokenId,
        price: "290,000.00",
        expiry: f.inDays(10n),
        recourse: true,
        collateral: "20,000.00",
      }),
    );
    await wait(factor.buy(1n));
    const root = (await f.reader.receivables.root(f.tokenId >> 32n))!;
    await networkHelpers.time.increaseTo(root.dueDate + 38n * DAY);
    await wait(f.as(f.w.factor).receivables.declareDefault(f.tokenId));
    expect(await f.reader.receivables.contract.isApprovedForAll(f.w.factor.address, f.addresses.market)).to.equal(
      false,
    );
    const factorBefore = await f.reader.cash.balanceOf(f.w.factor.address);
    await wait(factor.exerciseRecourse(1n));
    expect(await f.reader.receivables.contract.ownerOf(f.tokenId)).to.equal(f.w.supplier.address);
    expect(await f.reader.cash.balanceOf(f.w.factor.address)).to.equal(factorBefore + 2_000_000n);
    const [ex] = await r.recourseExercisedEvents({ listingId: 1n });
    expect([ex.args.buyer, ex.args.seller, ex.args.owed, ex.args.fromCollateral, ex.args.debt]).to.deep.equal([
      f.w.factor.address,
      f.w.supplier.address,
      29_000_000n,
      2_000_000n,
      27_000_000n,
    ]);
    expect((await r.recourse(1n))!).to.deep.include({ status: "Exercised", debt: 27_000_000n, collateral: 0n });

    await wait(supplier.settleRecourseDebt(1n, "7,000.00"));
    expect((await r.recourse(1n))!.debt).to.equal(26_300_000n);
    // The core enterprise pays the rest for the supplier (anyone may): the whole debt by default.
    await wait(f.as(f.w.core).market.settleRecourseDebt(1n));
    expect((await r.recourse(1n))!.debt).to.equal(0n);
    const settled = await r.recourseDebtSettledEvents({ listingId: 1n });
    expect(settled.map((e) => [e.args.payer, e.args.amount, e.args.remaining])).to.deep.equal([
      [f.w.supplier.address, 700_000n, 26_300_000n],
      [f.w.core.address, 26_300_000n, 0n],
    ]);
    expect(await f.reader.cash.balanceOf(f.w.factor.address)).to.equal(factorBefore + 29_000_000n);
  });
});
