import { expect } from "chai";

import { Basis, discountPrice, platformFee } from "../../src/pricing.js";
import { wiringOf } from "../../src/wiring.js";
import { describeRestrictedFunctions } from "../helpers/access.js";
import { connection, DAY, ethers, networkHelpers } from "../helpers/fixtures.js";
import { deployMarketOn, FEE_BPS } from "../helpers/market.js";

const { loadFixture, time } = networkHelpers;

const FACE = 300_000_00n; // 300,000.00
const RATE = 435n; // 4.35%
// Receivable `State` enum values as the ABI returns them.
const State = { Pending: 1n, Confirmed: 2n, Overdue: 4n, Defaulted: 5n } as const;
const FACTOR = 1n << 2n;
const BANK = 1n << 3n;
const GRACE = 7n * DAY;

async function market() {
  return deployMarketOn(connection);
}

type F = Awaited<ReturnType<typeof market>>;

/** What a fragment has left to collect: the figure an offer prices (and must still hold on accept). */
async function remainingOf(f: Pick<F, "receivables">, tokenId: bigint): Promise<bigint> {
  return (await f.receivables.position(tokenId)).remaining;
}

async function now(): Promise<bigint> {
  return BigInt(await time.latest());
}

/** Listing parameters: the fixture's payable, whole, at 4.35% ACT/360, a week, non-recourse. */
async function params(f: F, over: Partial<Record<string, unknown>> = {}) {
  return {
    tokenId: f.token.tokenId,
    value: 0n,
    price: 0n,
    rateBps: RATE,
    basis: Basis.Act360,
    expiry: (await now()) + 7n * DAY,
    buyerKinds: 0n,
    recourse: false,
    collateral: 0n,
    ...over,
  };
}

/** The fixture with the supplier's payable listed whole at 4.35% (listing 1). */
async function listed() {
  const f = await loadFixture(market);
  await (await f.market.connect(f.supplier).list(await params(f))).wait();
  return f;
}

/** Ids of the split-off fragment `index` of a root. */
function tokenOf(rootId: bigint, index: bigint) {
  return (rootId << 32n) | index;
}

describe("FactoringMarket", () => {
  describe("deployment", () => {
    it("is a registered custody module wired to the suite's AccessManager", async () => {
      const f = await loadFixture(market);
      expect(await f.registry.isModule(f.marketAddr)).to.equal(true);
      expect(await f.market.authority()).to.equal(await f.manager.getAddress());
      expect(await f.market.receivables()).to.equal(await f.receivables.getAddress());
      expect(await f.market.feeBps()).to.equal(FEE_BPS);
      expect(await f.market.treasury()).to.equal(f.treasury.address);
    });

    it("wires every restricted function of src/wiring.ts to its role", async () => {
      const f = await loadFixture(market);
      for (const w of wiringOf("FactoringMarket")) {
        for (const sel of w.selectors) {
          expect(await f.manager.getTargetFunctionRole(f.marketAddr, sel), `${w.role} ${sel}`).to.equal(w.roleId);
        }
      }
    });
  });

  describe("list", () => {
    it("takes custody of a whole fragment and records the listing", async () => {
      const f = await loadFixture(market);
      const p = await params(f);
      await expect(f.market.connect(f.supplier).list(p))
        .to.emit(f.market, "Listed")
        .withArgs(
          1n,
          f.token.tokenId,
          f.supplier.address,
          FACE,
          0n,
          RATE,
          Basis.Act360,
          p.expiry,
          FACTOR | BANK,
          false,
          FACE,
        );
      expect(await f.receivables.ownerOf(f.token.tokenId)).to.equal(f.marketAddr);
      const l = await f.market.listing(1n);
      expect(l.seller).to.equal(f.supplier.address);
      expect(l.value).to.equal(FACE);
      expect(l.dueDate).to.equal(f.token.due);
      expect(l.currency).to.equal(await f.cash.getAddress());
      expect(l.status).to.equal(1n);
    });

    it("splits off and lists a part, returning the rest to the seller", async () => {
      const f = await loadFixture(market);
      await (
        await f.market.connect(f.supplier).list(await params(f, { value: 100_000_00n, price: 99_000_00n }))
      ).wait();
      const part = tokenOf(f.token.rootId, 1n);
      expect(await f.receivables.ownerOf(part)).to.equal(f.marketAddr);
      expect(await f.receivables.ownerOf(f.token.tokenId)).to.equal(f.supplier.address);
      expect((await f.receivables.fragment(part))[0].value).to.equal(100_000_00n);
      expect((await f.receivables.fragment(f.token.tokenId))[0].value).to.equal(200_000_00n);
      expect((await f.market.listing(1n)).tokenId).to.equal(part);
      expect(await f.market.quote(1n)).to.equal(99_000_00n);
    });

    it("pulls the seller's recourse collateral", async () => {
      const f = await loadFixture(market);
      const p = await params(f, { recourse: true, collateral: 10_000_00n });
      const tx = f.market.connect(f.supplier).list(p);
      await expect(tx).to.emit(f.market, "CollateralPosted").withArgs(1n, f.supplier.address, 10_000_00n);
      await expect(tx).to.changeTokenBalances(ethers, f.cash, [f.supplier, f.marketAddr], [-10_000_00n, 10_000_00n]);
      const r = await f.market.recourseOf(1n);
      expect(r.seller).to.equal(f.supplier.address);
      expect(r.provider).to.equal(f.supplier.address);
      expect(r.collateral).to.equal(10_000_00n);
      expect(r.status).to.equal(1n);
      expect(await f.cash.balanceOf(f.marketAddr)).to.equal(10_000_00n);
    });

    it("reverts for a pending fragment", async () => {
      const f = await loadFixture(market);
      const due = (await now()) + 90n * DAY;
      const invoiceHash = ethers.id("INV-PENDING");
      const rootId = await f.receivables.rootIdOf(invoiceHash, f.supplier.address, f.debtor.address);
      await (
        await f.receivables
          .connect(f.supplier)
          .issue(f.debtor.address, await f.cash.getAddress(), FACE, due, invoiceHash, "ipfs://p", ethers.id("p"))
      ).wait();
      await expect(f.market.connect(f.supplier).list(await params(f, { tokenId: rootId << 32n })))
        .to.be.revertedWithCustomError(f.market, "MarketFragmentNotTradable")
        .withArgs(rootId << 32n, State.Pending);
    });

    it("reverts for an overdue fragment", async () => {
      const f = await loadFixture(market);
      await time.increaseTo(f.token.due + GRACE + 1n);
      await expect(f.market.connect(f.supplier).list(await params(f)))
        .to.be.revertedWithCustomError(f.market, "MarketFragmentNotTradable")
        .withArgs(f.token.tokenId, State.Overdue);
    });

    it("reverts for a frozen fragment", async () => {
      const f = await loadFixture(market);
      await (await f.receivables.connect(f.ops.regulator).freeze(f.token.tokenId, ethers.id("ORDER-1"))).wait();
      await expect(f.market.connect(f.supplier).list(await params(f)))
        .to.be.revertedWithCustomError(f.market, "MarketFragmentFrozen")
        .withArgs(f.token.tokenId);
    });

    it("reverts for an already listed fragment", async () => {
      const f = await listed();
      await expect(f.market.connect(f.supplier).list(await params(f)))
        .to.be.revertedWithCustomError(f.market, "MarketFragmentListed")
        .withArgs(f.token.tokenId);
    });

    it("reverts when the caller does not hold the fragment", async () => {
      const f = await loadFixture(market);
      await expect(f.market.connect(f.factor).list(await params(f)))
        .to.be.revertedWithCustomError(f.market, "MarketNotHolder")
        .withArgs(f.token.tokenId, f.factor.address);
    });

    it("reverts for a zero price", async () => {
      const f = await loadFixture(market);
      await expect(f.market.connect(f.supplier).list(await params(f, { rateBps: 0n }))).to.be.revertedWithCustomError(
        f.market,
        "MarketZeroPrice",
      );
    });

    it("reverts for a rate above 100%", async () => {
      const f = await loadFixture(market);
      await expect(f.market.connect(f.supplier).list(await params(f, { rateBps: 10_001n })))
        .to.be.revertedWithCustomError(f.market, "MarketRateTooHigh")
        .withArgs(10_001n, 10_000n);
    });

    it("reverts for an expiry in the past", async () => {
      const f = await loadFixture(market);
      const t = await now();
      await expect(f.market.connect(f.supplier).list(await params(f, { expiry: t })))
        .to.be.revertedWithCustomError(f.market, "MarketExpiryInPast")
        .withArgs(t, t + 1n);
    });

    it("reverts for a part larger than the fragment and for a price above the value", async () => {
      const f = await loadFixture(market);
      await expect(f.market.connect(f.supplier).list(await params(f, { value: FACE + 1n })))
        .to.be.revertedWithCustomError(f.market, "MarketValueTooLarge")
        .withArgs(f.token.tokenId, FACE + 1n, FACE);
      await expect(f.market.connect(f.supplier).list(await params(f, { price: FACE + 1n })))
        .to.be.revertedWithCustomError(f.market, "MarketValueTooLarge")
        .withArgs(f.token.tokenId, FACE + 1n, FACE);
    });

    it("reverts for collateral on a non-recourse listing", async () => {
      const f = await loadFixture(market);
      await expect(f.market.connect(f.supplier).list(await params(f, { collateral: 1n })))
        .to.be.revertedWithCustomError(f.market, "MarketCollateralWithoutRecourse")
        .withArgs(1n);
    });

    it("reverts while paused", async () => {
      const f = await loadFixture(market);
      await (await f.market.connect(f.ops.guardian).pause()).wait();
      await expect(f.market.connect(f.supplier).list(await params(f))).to.be.revertedWithCustomError(
        f.market,
        "EnforcedPause",
      );
    });
  });

  describe("quote", () => {
    it("is the face discounted at 4.35% ACT/360 for 90 days: 296,737.50", async () => {
      const f = await listed();
      expect(await f.market.quote(1n)).to.equal(296_737_50n);
    });

    it("uses ACT/365F when the listing says so", async () => {
      const f = await loadFixture(market);
      await (await f.market.connect(f.supplier).list(await params(f, { basis: Basis.Act365F }))).wait();
      // interest = ceil(30,000,000 x 435 x 90 / 3,650,000) = 321,781 -> 296,782.19
      expect(await f.market.quote(1n)).to.equal(FACE - 321_781n);
    });

    it("reverts for an unknown listing", async () => {
      const f = await loadFixture(market);
      await expect(f.market.quote(9n)).to.be.revertedWithCustomError(f.market, "MarketUnknownListing").withArgs(9n);
    });
  });

  describe("buy", () => {
    it("pays the seller the price less the fee, the treasury the fee, and delivers the fragment", async () => {
      const f = await listed();
      const price = 296_737_50n;
      const fee = platformFee(price, FEE_BPS);
      expect(fee).to.equal(1_483_68n);
      const tx = f.market.connect(f.factor).buy(1n, price);
      await expect(tx)
        .to.emit(f.market, "Bought")
        .withArgs(1n, f.token.tokenId, f.factor.address, f.supplier.address, price, fee)
        .and.to.emit(f.market, "FeeCollected")
        .withArgs(await f.cash.getAddress(), f.treasury.address, fee);
      await expect(tx).to.changeTokenBalances(
        ethers,
        f.cash,
        [f.factor, f.supplier, f.treasury, f.marketAddr],
        [-price, price - fee, fee, 0n],
      );
      expect(await f.receivables.ownerOf(f.token.tokenId)).to.equal(f.factor.address);
      expect((await f.market.listing(1n)).seller).to.equal(ethers.ZeroAddress);
    });

    it("charges exactly the quote later in the tenor", async () => {
      const f = await listed();
      await time.increase(3n * DAY + 5n);
      const t = (await now()) + 1n;
      await time.setNextBlockTimestamp(t);
      const expected = discountPrice(FACE, RATE, f.token.due, t, Basis.Act360);
      await expect(f.market.connect(f.bank).buy(1n, expected))
        .to.emit(f.market, "Bought")
        .withArgs(1n, f.token.tokenId, f.bank.address, f.supplier.address, expected, platformFee(expected, FEE_BPS));
    });

    it("carries the unclaimed entitlement to the buyer", async () => {
      const f = await listed();
      await (await f.receivables.connect(f.debtor).repay(f.token.rootId, 1_000_00n)).wait();
      await (await f.market.connect(f.factor).buy(1n, FACE)).wait();
      expect(await f.receivables.claimable(f.token.tokenId)).to.equal(1_000_00n);
    });

    it("reverts for an ineligible buyer (unregistered or of another kind)", async () => {
      const f = await listed();
      await expect(f.market.connect(f.outsider).buy(1n, FACE))
        .to.be.revertedWithCustomError(f.market, "MarketBuyerNotEligible")
        .withArgs(f.outsider.address, FACTOR | BANK);
      await expect(f.market.connect(f.debtor).buy(1n, FACE))
        .to.be.revertedWithCustomError(f.market, "MarketBuyerNotEligible")
        .withArgs(f.debtor.address, FACTOR | BANK);
    });

    it("reverts for an expired listing", async () => {
      const f = await listed();
      const l = await f.market.listing(1n);
      await time.increaseTo(l.expiry + 1n);
      await expect(f.market.connect(f.factor).buy(1n, FACE))
        .to.be.revertedWithCustomError(f.market, "MarketListingExpired")
        .withArgs(1n, l.expiry);
    });

    it("reverts once the fragment is overdue", async () => {
      const f = await loadFixture(market);
      await (await f.market.connect(f.supplier).list(await params(f, { expiry: f.token.due + 60n * DAY }))).wait();
      await time.increaseTo(f.token.due + GRACE + 1n);
      await expect(f.market.connect(f.factor).buy(1n, FACE))
        .to.be.revertedWithCustomError(f.market, "MarketFragmentOverdue")
        .withArgs(f.token.tokenId, f.token.due + GRACE);
    });

    it("reverts when the price is above the buyer's maximum", async () => {
      const f = await listed();
      await expect(f.market.connect(f.factor).buy(1n, 296_737_49n))
        .to.be.revertedWithCustomError(f.market, "MarketPriceAboveMax")
        .withArgs(1n, 296_737_50n, 296_737_49n);
    });

    it("reverts for an unknown or sold listing", async () => {
      const f = await listed();
      await (await f.market.connect(f.factor).buy(1n, FACE)).wait();
      await expect(f.market.connect(f.bank).buy(1n, FACE))
        .to.be.revertedWithCustomError(f.market, "MarketUnknownListing")
        .withArgs(1n);
    });

    it("restricts buyers to the listing's kinds", async () => {
      const f = await loadFixture(market);
      await (await f.market.connect(f.supplier).list(await params(f, { buyerKinds: BANK }))).wait();
      await expect(f.market.connect(f.factor).buy(1n, FACE))
        .to.be.revertedWithCustomError(f.market, "MarketBuyerNotEligible")
        .withArgs(f.factor.address, BANK);
      await expect(f.market.connect(f.bank).buy(1n, FACE)).to.emit(f.market, "Bought");
    });

    it("reverts while paused", async () => {
      const f = await listed();
      await (await f.market.connect(f.ops.guardian).pause()).wait();
      await expect(f.market.connect(f.factor).buy(1n, FACE)).to.be.revertedWithCustomError(f.market, "EnforcedPause");
    });
  });

  describe("cancelListing", () => {
    it("returns the fragment and the collateral to their owners", async () => {
      const f = await loadFixture(market);
      await (
        await f.market.connect(f.supplier).list(await params(f, { recourse: true, collateral: 5_000_00n }))
      ).wait();
      const tx = f.market.connect(f.supplier).cancelListing(1n);
      await expect(tx)
        .to.emit(f.market, "ListingCancelled")
        .withArgs(1n, f.token.tokenId, f.supplier.address)
        .and.to.emit(f.market, "CollateralReleased")
        .withArgs(1n, f.supplier.address, 5_000_00n);
      await expect(tx).to.changeTokenBalances(ethers, f.cash, [f.supplier, f.marketAddr], [5_000_00n, -5_000_00n]);
      expect(await f.receivables.ownerOf(f.token.tokenId)).to.equal(f.supplier.address);
      expect(await f.cash.balanceOf(f.marketAddr)).to.equal(0n);
    });

    it("reverts for another caller before expiry, and lets anyone return it after expiry", async () => {
      const f = await listed();
      await expect(f.market.connect(f.factor).cancelListing(1n))
        .to.be.revertedWithCustomError(f.market, "MarketNotSeller")
        .withArgs(1n, f.factor.address);
      await time.increaseTo((await f.market.listing(1n)).expiry + 1n);
      await expect(f.market.connect(f.factor).cancelListing(1n)).to.emit(f.market, "ListingCancelled");
      expect(await f.receivables.ownerOf(f.token.tokenId)).to.equal(f.supplier.address);
    });

    it("reverts for an unknown listing", async () => {
      const f = await loadFixture(market);
      await expect(f.market.connect(f.supplier).cancelListing(3n))
        .to.be.revertedWithCustomError(f.market, "MarketUnknownListing")
        .withArgs(3n);
    });
  });

  describe("offers", () => {
    async function offered() {
      const f = await loadFixture(market);
      const expiry = (await now()) + 3n * DAY;
      await (
        await f.market
          .connect(f.bank)
          .makeOffer(
            f.token.tokenId,
            await f.cash.getAddress(),
            297_000_00n,
            expiry,
            await remainingOf(f, f.token.tokenId),
          )
      ).wait();
      return { ...f, expiry };
    }

    it("makeOffer escrows the cash", async () => {
      const f = await loadFixture(market);
      const cash = await f.cash.getAddress();
      const expiry = (await now()) + 3n * DAY;
      const tx = f.market
        .connect(f.bank)
        .makeOffer(f.token.tokenId, cash, 297_000_00n, expiry, await remainingOf(f, f.token.tokenId));
      await expect(tx)
        .to.emit(f.market, "OfferMade")
        .withArgs(1n, f.token.tokenId, f.bank.address, cash, 297_000_00n, expiry, FACE);
      await expect(tx).to.changeTokenBalances(ethers, f.cash, [f.bank, f.marketAddr], [-297_000_00n, 297_000_00n]);
      const o = await f.market.offer(1n);
      expect(o.amount).to.equal(297_000_00n);
      expect(o.remaining).to.equal(FACE);
      expect(o.offerer).to.equal(f.bank.address);
      expect(await f.cash.balanceOf(f.marketAddr)).to.equal(297_000_00n);
    });

    it("makeOffer reverts for the wrong currency", async () => {
      const f = await loadFixture(market);
      const other = await ethers.deployContract("CallbackToken");
      await expect(
        f.market
          .connect(f.bank)
          .makeOffer(
            f.token.tokenId,
            await other.getAddress(),
            1n,
            (await now()) + DAY,
            await remainingOf(f, f.token.tokenId),
          ),
      )
        .to.be.revertedWithCustomError(f.market, "MarketWrongCurrency")
        .withArgs(await other.getAddress(), await f.cash.getAddress());
    });

    it("makeOffer reverts when underfunded", async () => {
      const f = await loadFixture(market);
      const cash = await f.cash.getAddress();
      const balance = await f.cash.balanceOf(f.bank.address);
      await (await f.cash.connect(f.bank).approve(f.marketAddr, 100n)).wait();
      await expect(
        f.market
          .connect(f.bank)
          .makeOffer(f.token.tokenId, cash, 200n, (await now()) + DAY, await remainingOf(f, f.token.tokenId)),
      )
        .to.be.revertedWithCustomError(f.market, "MarketUnderfunded")
        .withArgs(f.bank.address, 200n, balance, 100n);
    });

    it("makeOffer reverts for a zero amount and for an amount above 2^96 - 1", async () => {
      const f = await loadFixture(market);
      const cash = await f.cash.getAddress();
      const expiry = (await now()) + DAY;
      await expect(
        f.market.connect(f.bank).makeOffer(f.token.tokenId, cash, 0n, expiry, await remainingOf(f, f.token.tokenId)),
      ).to.be.revertedWithCustomError(f.market, "MarketZeroPrice");
      await expect(
        f.market
          .connect(f.bank)
          .makeOffer(f.token.tokenId, cash, 2n ** 96n, expiry, await remainingOf(f, f.token.tokenId)),
      )
        .to.be.revertedWithCustomError(f.market, "MarketAmountTooLarge")
        .withArgs(2n ** 96n);
    });

    it("acceptOffer reverts once the fragment is overdue (the offer itself is allowed)", async () => {
      const f = await loadFixture(market);
      await time.increaseTo(f.token.due + GRACE + 1n);
      await expect(
        f.market
          .connect(f.bank)
          .makeOffer(
            f.token.tokenId,
            await f.cash.getAddress(),
            1n,
            (await now()) + DAY,
            await remainingOf(f, f.token.tokenId),
          ),
      ).to.emit(f.market, "OfferMade");
      await expect(f.market.connect(f.supplier).acceptOffer(1n))
        .to.be.revertedWithCustomError(f.market, "MarketFragmentNotTradable")
        .withArgs(f.token.tokenId, State.Overdue);
    });

    it("makeOffer reverts for an ineligible offerer", async () => {
      const f = await loadFixture(market);
      await expect(
        f.market
          .connect(f.supplier)
          .makeOffer(
            f.token.tokenId,
            await f.cash.getAddress(),
            1n,
            (await now()) + DAY,
            await remainingOf(f, f.token.tokenId),
          ),
      )
        .to.be.revertedWithCustomError(f.market, "MarketBuyerNotEligible")
        .withArgs(f.supplier.address, FACTOR | BANK);
    });

    it("acceptOffer delivers the fragment against the escrow less the fee", async () => {
      const f = await offered();
      const fee = platformFee(297_000_00n, FEE_BPS);
      const tx = f.market.connect(f.supplier).acceptOffer(1n);
      await expect(tx).to.emit(f.market, "OfferAccepted").withArgs(1n, f.token.tokenId, f.supplier.address, fee);
      await expect(tx).to.changeTokenBalances(
        ethers,
        f.cash,
        [f.supplier, f.treasury, f.marketAddr, f.bank],
        [297_000_00n - fee, fee, -297_000_00n, 0n],
      );
      expect(await f.receivables.ownerOf(f.token.tokenId)).to.equal(f.bank.address);
      expect(await f.cash.balanceOf(f.marketAddr)).to.equal(0n);
    });

    it("acceptOffer reverts for a caller that does not hold the fragment", async () => {
      const f = await offered();
      await expect(f.market.connect(f.factor).acceptOffer(1n))
        .to.be.revertedWithCustomError(f.market, "MarketNotHolder")
        .withArgs(f.token.tokenId, f.factor.address);
    });

    it("acceptOffer reverts once expired; the offerer still gets the refund", async () => {
      const f = await offered();
      await time.increaseTo(f.expiry + 1n);
      await expect(f.market.connect(f.supplier).acceptOffer(1n))
        .to.be.revertedWithCustomError(f.market, "MarketOfferExpired")
        .withArgs(1n, f.expiry);
      await expect(f.market.connect(f.bank).cancelOffer(1n)).to.changeTokenBalances(
        ethers,
        f.cash,
        [f.bank, f.marketAddr],
        [297_000_00n, -297_000_00n],
      );
    });

    it("cancelOffer refunds the offerer and reverts for anyone else", async () => {
      const f = await offered();
      await expect(f.market.connect(f.factor).cancelOffer(1n))
        .to.be.revertedWithCustomError(f.market, "MarketNotOfferer")
        .withArgs(1n, f.factor.address);
      await expect(f.market.connect(f.bank).cancelOffer(1n))
        .to.emit(f.market, "OfferCancelled")
        .withArgs(1n, f.bank.address, 297_000_00n);
      await expect(f.market.connect(f.bank).cancelOffer(1n))
        .to.be.revertedWithCustomError(f.market, "MarketUnknownOffer")
        .withArgs(1n);
    });
  });

  describe("pause", () => {
    it("stops offers, acceptances, auctions and bids but not cancellations; unpause resumes", async () => {
      const f = await loadFixture(market);
      const cash = await f.cash.getAddress();
      const expiry = (await now()) + 3n * DAY;
      await (
        await f.market
          .connect(f.bank)
          .makeOffer(f.token.tokenId, cash, 1_000_00n, expiry, await remainingOf(f, f.token.tokenId))
      ).wait();
      const other = await f.payable(10_000_00n, "INV-PAUSE");
      await (await f.market.connect(f.supplier).createAuction(other.tokenId, 1_000_00n, 1n, expiry, 0)).wait();
      await expect(f.market.connect(f.ops.guardian).pause()).to.emit(f.market, "Paused");
      await expect(
        f.market.connect(f.bank).makeOffer(f.token.tokenId, cash, 1n, expiry, await remainingOf(f, f.token.tokenId)),
      ).to.be.revertedWithCustomError(f.market, "EnforcedPause");
      await expect(f.market.connect(f.supplier).acceptOffer(1n)).to.be.revertedWithCustomError(
        f.market,
        "EnforcedPause",
      );
      await expect(f.market.connect(f.bank).bid(1n, 1_000_00n)).to.be.revertedWithCustomError(
        f.market,
        "EnforcedPause",
      );
      await expect(
        f.market.connect(f.supplier).createAuction(f.token.tokenId, 1n, 1n, expiry, 0),
      ).to.be.revertedWithCustomError(f.market, "EnforcedPause");
      await expect(f.market.connect(f.bank).cancelOffer(1n)).to.emit(f.market, "OfferCancelled");
      await expect(f.market.connect(f.ops.guardian).unpause()).to.emit(f.market, "Unpaused");
      await expect(f.market.connect(f.bank).bid(1n, 1_000_00n)).to.emit(f.market, "BidPlaced");
    });
  });

  describe("fees", () => {
    it("setFee records the fee within the maximum", async () => {
      const f = await loadFixture(market);
      await expect(f.market.connect(f.ops.feeAdmin).setFee(1_000)).to.emit(f.market, "FeeSet").withArgs(1_000n);
      await expect(f.market.connect(f.ops.feeAdmin).setFee(1_001))
        .to.be.revertedWithCustomError(f.market, "MarketFeeTooHigh")
        .withArgs(1_001n, 1_000n);
    });

    it("setTreasury records the treasury and refuses zero", async () => {
      const f = await loadFixture(market);
      await expect(f.market.connect(f.ops.feeAdmin).setTreasury(f.bank2.address))
        .to.emit(f.market, "TreasurySet")
        .withArgs(f.bank2.address);
      await expect(f.market.connect(f.ops.feeAdmin).setTreasury(ethers.ZeroAddress)).to.be.revertedWithCustomError(
        f.market,
        "MarketZeroAddress",
      );
    });

    it("a zero fee sends the whole price to the seller and emits no fee", async () => {
      const f = await listed();
      await (await f.market.connect(f.ops.feeAdmin).setFee(0)).wait();
      const tx = f.market.connect(f.factor).buy(1n, FACE);
      await expect(tx).to.not.emit(f.market, "FeeCollected");
      await expect(tx).to.changeTokenBalances(ethers, f.cash, [f.supplier, f.treasury], [296_737_50n, 0n]);
    });
  });

  describe("reentrancy and currencies", () => {
    /** A second currency (callback token) approved on the receivable token, with a payable in it. */
    async function callbackCurrency() {
      const f = await loadFixture(market);
      const token = await ethers.deployContract("CallbackToken");
      const tokenAddr = await token.getAddress();
      await (await f.receivables.connect(f.ops.assetAdmin).setCurrency(tokenAddr, true)).wait();
      const due = (await now()) + 90n * DAY;
      const invoiceHash = ethers.id("INV-CBK");
      const rootId = await f.receivables.rootIdOf(invoiceHash, f.supplier.address, f.debtor.address);
      await (
        await f.receivables
          .connect(f.debtor)
          .issuePayable(f.supplier.address, tokenAddr, FACE, due, invoiceHash, "ipfs://cbk", ethers.id("cbk"))
      ).wait();
      const tokenId = rootId << 32n;
      await (await f.market.connect(f.supplier).list(await params(f, { tokenId, price: 290_000_00n }))).wait();
      const attacker = await ethers.deployContract("MaliciousBuyer", [f.marketAddr]);
      const attackerAddr = await attacker.getAddress();
      await f.register("ATTACKER", attackerAddr, "BANK");
      await (await token.mint(attackerAddr, FACE)).wait();
      await (await attacker.approve(tokenAddr, ethers.MaxUint256)).wait();
      await (await token.mint(f.bank.address, FACE)).wait();
      await (await token.connect(f.bank).approve(f.marketAddr, ethers.MaxUint256)).wait();
      return { ...f, token, tokenAddr, tokenId, attacker, attackerAddr };
    }

    it("a currency calling back into buy is stopped by the reentrancy guard", async () => {
      const f = await callbackCurrency();
      await (await f.token.setHook(f.attackerAddr, f.attacker.interface.encodeFunctionData("reenter"))).wait();
      await expect(f.attacker.buy(1n, FACE)).to.be.revertedWithCustomError(f.market, "ReentrancyGuardReentrantCall");
      expect(await f.receivables.ownerOf(f.tokenId)).to.equal(f.marketAddr);
      expect(await f.token.balanceOf(f.attackerAddr)).to.equal(FACE);
    });

    it("a contract buyer gets no ERC-721 callback to re-enter from (plain transferFrom)", async () => {
      const f = await callbackCurrency();
      await (await f.attacker.buy(1n, FACE)).wait();
      expect(await f.attacker.received()).to.equal(false);
      expect(await f.receivables.ownerOf(f.tokenId)).to.equal(f.attackerAddr);
      expect(await f.token.balanceOf(f.attackerAddr)).to.equal(FACE - 290_000_00n);
    });

    it("refuses a fee-on-transfer currency on buy and on escrow", async () => {
      const f = await callbackCurrency();
      await (await f.token.setFeeBps(100n)).wait();
      const net = 290_000_00n - platformFee(290_000_00n, FEE_BPS);
      await expect(f.market.connect(f.bank).buy(1n, FACE))
        .to.be.revertedWithCustomError(f.market, "MarketFeeOnTransfer")
        .withArgs(f.tokenAddr, net, net - net / 100n);
      await expect(
        f.market
          .connect(f.bank)
          .makeOffer(f.tokenId, f.tokenAddr, 1_000_00n, (await now()) + DAY, await remainingOf(f, f.tokenId)),
      )
        .to.be.revertedWithCustomError(f.market, "MarketFeeOnTransfer")
        .withArgs(f.tokenAddr, 1_000_00n, 990_00n);
    });
  });

  describeRestrictedFunctions("FactoringMarket", () => loadFixture(market), {
    target: (f) => f.market,
    callers: (f) => ({ ...f.ops, outsider: f.outsider }),
    args: {
      "setFee(uint16)": () => [10n],
      "setTreasury(address)": (f) => [f.bank2.address],
      "pause()": () => [],
      "unpause()": () => [],
    },
  });
});
