/**
 * Money-path safety of RevenueProduct and ProductFactory (issue #12, findings 1-7 and beyond the
 * list), each written as the attack a member (an ordinary one, a lapsed or revoked one, a rogue
 * exchange) tried on 53cbaf4. There each stole, locked or bricked something; here each is refused,
 * or harmless, and every unit of cash and every fragment has a way out.
 */
import { expect } from "chai";

import { listingTermsHash } from "../../src/areas/products.js";
import { kindsOf } from "../../src/kinds.js";
import { connection, ethers, reason } from "../helpers/fixtures.js";
import { DAY } from "../helpers/foundation.js";
import { Custody, Phase, type Listing } from "../helpers/products.js";
import { productsFixture } from "./fixtures.js";

const { networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

const ORDER = ethers.id("court order 2026-117");
const WHY = ethers.encodeBytes32String("licence withdrawn");
const ID = {
  factor: ethers.id("FACTOR-1"),
  exchange: ethers.id("EXCHANGE-1"),
  treasury: ethers.id("TREASURY"),
  investor: (i: number) => ethers.id(`INVESTOR-${i}`),
};

type P = Awaited<ReturnType<typeof productsFixture>>;

/** A fresh registered wallet of `kinds` with gas (and cash when `cash` is given). */
async function member(p: P, code: string, kinds: Parameters<P["register"]>[2][], cash = 0n) {
  const w = ethers.Wallet.createRandom().connect(ethers.provider);
  await networkHelpers.setBalance(w.address, 10n ** 21n);
  await p.register(code, w, ...kinds);
  if (cash !== 0n) await p.fund(w, cash);
  return w;
}

/** Approved and rated product of two fragments (F1 600,000.00 at 180 days, F2 400,000.00 at 30 days). */
async function approvedFixture() {
  const p = await productsFixture();
  const f1 = await p.fragment(600_000_00n, 180n * DAY);
  const f2 = await p.fragment(400_000_00n, 30n * DAY);
  const { product, tokens, address } = await p.create([f1, f2], {
    seniorBps: 8_000,
    seniorRateBps: 0,
    servicingFeeBps: 50,
  });
  await (await product.connect(p.agent).approve()).wait();
  await (
    await product.connect(p.agency).rate("0x4141000000000000", 2, (await p.latest()) + 365n * DAY, "", ethers.ZeroHash)
  ).wait();
  const listing = await p.listingFor(1_000_000_00n, { exchangeFeeBps: 100 });
  return { ...p, f1, f2, product, tokens, address, listing };
}

/** The approved product listed on agreed terms; time at the opening. */
async function listedFixture() {
  const p = await approvedFixture();
  await (await p.product.connect(p.exchange).list(p.listing)).wait();
  await p.accept(p.product, p.listing);
  await time.increaseTo(p.listing.opens);
  return p;
}

/** Listed, subscribed in full (investor 0: 8,000 senior, investor 1: 2,000 junior), closed, shares taken. */
async function activeFixture() {
  const p = await listedFixture();
  const [senior, junior] = p.investors;
  await p.subscribe(p.product, senior, 0n, 8_000n);
  await p.subscribe(p.product, junior, 1n, 2_000n);
  await time.increaseTo(p.listing.closes + 1n);
  await (await p.product.closeOffering()).wait();
  await (await p.product.claimShares(senior.address, 0n)).wait();
  await (await p.product.claimShares(junior.address, 1n)).wait();
  return { ...p, senior, junior };
}

/** The debtor repays both basket fragments in full (F1 600,000.00, F2 400,000.00). */
async function repayBasket(p: Awaited<ReturnType<typeof approvedFixture>>) {
  await (await p.receivables.connect(p.debtor).repay(p.f1 >> 32n, 600_000_00n)).wait();
  await (await p.receivables.connect(p.debtor).repay(p.f2 >> 32n, 400_000_00n)).wait();
}

function hashOf(l: Listing, exchange: string) {
  return listingTermsHash(l, exchange);
}

async function cashOf(p: P, who: string | { getAddress(): Promise<string> }) {
  return p.cash.balanceOf(typeof who === "string" ? who : await who.getAddress());
}

describe("RevenueProduct safety (issue 12)", () => {
  describe("finding 1: theft through listing", () => {
    it("a rogue exchange cannot list another's product on its own terms (0.01 price, 0.01 cap)", async () => {
      const p = await loadFixture(approvedFixture);
      const rogue = await member(p, "ROGUE-EXCHANGE", ["EXCHANGE", "INVESTOR"]);
      const theft = await p.listingFor(1n, { pricePerShare: 1n, minRaise: 1n, minTicket: 1n, maxTicket: 1n });
      await expect(p.product.connect(rogue).list(theft))
        .to.be.revertedWithCustomError(p.product, "ProductNotBoundParty")
        .withArgs(rogue.address, p.exchange.address);
      expect(await p.product.phase()).to.equal(Phase.Approved);
      expect((await p.product.listing()).exchange).to.equal(ethers.ZeroAddress);
    });

    it("the bound exchange's own terms do nothing until the originator accepts exactly them", async () => {
      const p = await loadFixture(approvedFixture);
      const theft = await p.listingFor(1n, {
        pricePerShare: 1n,
        minRaise: 1n,
        minTicket: 1n,
        maxTicket: 1n,
        investorKinds: Number(kindsOf("EXCHANGE")),
      });
      const proposed = hashOf(theft, p.exchange.address);
      await expect(p.product.connect(p.exchange).list(theft))
        .to.emit(p.product, "ListingProposed")
        .withArgs(p.exchange.address, Object.values({ ...theft, exchange: p.exchange.address }), proposed);
      // Still Approved: nobody can subscribe, let alone take 100% of the shares for 0.01.
      expect(await p.product.phase()).to.equal(Phase.Approved);
      await time.increaseTo(theft.opens);
      await expect(p.product.connect(p.exchange).subscribe(0n, 1n))
        .to.be.revertedWithCustomError(p.product, "ProductWrongPhase")
        .withArgs(Phase.Approved, Phase.Listed);
      // The originator agreed to 1,000,000.00 at 100.00 a share: the 0.01 proposal does not match.
      const agreed = hashOf(p.listing, p.exchange.address);
      await expect(p.product.connect(p.factor).acceptListing(agreed))
        .to.be.revertedWithCustomError(p.product, "ProductListingMismatch")
        .withArgs(proposed, agreed);
      expect(await p.product.phase()).to.equal(Phase.Approved);
    });

    it("a proposal changed after the originator read it is refused (the price binds what it priced)", async () => {
      const p = await loadFixture(approvedFixture);
      await (await p.product.connect(p.exchange).list(p.listing)).wait();
      const read = hashOf(p.listing, p.exchange.address);
      expect(listingTermsHash(await p.product.listing())).to.equal(read);
      const cheaper = { ...p.listing, pricePerShare: 50_00n, minTicket: 50_00n };
      await (await p.product.connect(p.exchange).list(cheaper)).wait();
      await expect(p.product.connect(p.factor).acceptListing(read))
        .to.be.revertedWithCustomError(p.product, "ProductListingMismatch")
        .withArgs(hashOf(cheaper, p.exchange.address), read);
    });

    it("only the originator accepts, only after a proposal, and it lists on the agreed terms", async () => {
      const p = await loadFixture(approvedFixture);
      const agreed = hashOf(p.listing, p.exchange.address);
      await expect(p.product.connect(p.factor).acceptListing(agreed)).to.be.revertedWithCustomError(
        p.product,
        "ProductNoListingProposed",
      );
      await (await p.product.connect(p.exchange).list(p.listing)).wait();
      for (const who of [p.exchange, p.agent, p.investors[0]]) {
        await expect(p.product.connect(who).acceptListing(agreed))
          .to.be.revertedWithCustomError(p.product, "ProductNotOriginator")
          .withArgs(who.address);
      }
      await expect(p.product.connect(p.factor).acceptListing(agreed))
        .to.emit(p.product, "ProductListed")
        .withArgs(p.exchange.address, Object.values({ ...p.listing, exchange: p.exchange.address }), 8_000n, 2_000n);
      expect(await p.product.phase()).to.equal(Phase.Listed);
    });

    it("a rogue rating agency or registration agent cannot act on a product bound to others", async () => {
      const p = await loadFixture(productsFixture);
      const { product } = await p.create([await p.fragment(100_000_00n)]);
      const rater = await member(p, "ROGUE-RATER", ["RATING_AGENCY"]);
      const registrar = await member(p, "ROGUE-REGISTRAR", ["REGISTRATION_AGENT"]);
      await expect(product.connect(registrar).approve())
        .to.be.revertedWithCustomError(product, "ProductNotBoundParty")
        .withArgs(registrar.address, p.agent.address);
      await (await product.connect(p.agent).approve()).wait();
      const expiry = (await p.latest()) + 365n * DAY;
      await (await product.connect(p.agency).rate("0x4141000000000000", 2, expiry, "", ethers.ZeroHash)).wait();
      // Any rating agency used to overwrite any rating at any time.
      await expect(product.connect(rater).rate("0x4400000000000000", 22, expiry, "", ethers.ZeroHash))
        .to.be.revertedWithCustomError(product, "ProductNotBoundParty")
        .withArgs(rater.address, p.agency.address);
      expect((await product.rating()).notch).to.equal(2n);
    });

    it("the bound parties must be eligible and of their kinds at creation", async () => {
      const p = await loadFixture(productsFixture);
      const id = await p.fragment(100_000_00n);
      const terms = { seniorBps: 10_000, seniorRateBps: 0, servicingFeeBps: 0 };
      const product = await ethers.getContractAt("RevenueProduct", ethers.ZeroAddress); // its errors
      await expect(p.create([id], terms, { ...p.parties, exchange: p.investors[0].address }))
        .to.be.revertedWithCustomError(product, "ProductNotKind")
        .withArgs(p.investors[0].address, kindsOf("EXCHANGE"));
      await expect(p.create([id], terms, { ...p.parties, ratingAgency: p.exchange.address }))
        .to.be.revertedWithCustomError(product, "ProductNotKind")
        .withArgs(p.exchange.address, kindsOf("RATING_AGENCY"));
      await (await p.registry.connect(p.ops.registrar).suspend(ethers.id("REG-AGENT"), WHY)).wait();
      await expect(p.create([id], terms))
        .to.be.revertedWithCustomError(product, "ProductNotKind")
        .withArgs(p.agent.address, kindsOf("REGISTRATION_AGENT"));
      const registrar = await member(p, "REG-AGENT-2", ["REGISTRATION_AGENT"]);
      const made = await p.create([id], terms, { ...p.parties, registrar: registrar.address });
      expect(await made.product.parties()).to.deep.equal([p.exchange.address, p.agency.address, registrar.address]);
    });
  });

  describe("finding 2: push fees froze collections", () => {
    it("a revoked originator and a suspended exchange do not stop collections: their fees are credited", async () => {
      const p = await loadFixture(activeFixture);
      await (await p.registry.connect(p.ops.registrar).revoke(ID.factor, WHY)).wait();
      await (await p.registry.connect(p.ops.registrar).suspend(ID.exchange, WHY)).wait();
      await time.increase(10n * DAY);
      await (await p.receivables.connect(p.debtor).repay(p.f2 >> 32n, 400_000_00n)).wait();
      const before = await cashOf(p, p.factor.address);
      // Gross 400,000.00: servicing 0.5% = 2,000.00, exchange 1% = 4,000.00, 394,000.00 to the senior.
      await expect(p.product.collect(0, 2))
        .to.emit(p.product, "Credited")
        .withArgs(p.factor.address, 2_000_00n)
        .and.to.emit(p.product, "Credited")
        .withArgs(p.exchange.address, 4_000_00n)
        .and.to.emit(p.product, "Distributed")
        .withArgs(400_000_00n, 2_000_00n, 4_000_00n, 0n, 394_000_00n, 0n);
      expect(await cashOf(p, p.factor.address)).to.equal(before);
      expect(await p.product.creditOf(p.factor.address)).to.equal(2_000_00n);
      expect(await p.product.creditOf(p.exchange.address)).to.equal(4_000_00n);
      expect(await p.tokens[0].claimable(p.senior.address)).to.equal(394_000_00n);
      await (await p.tokens[0].connect(p.senior).claim()).wait();

      // The exchange, reinstated, withdraws its own credit; the revoked originator can only wait.
      await (await p.registry.connect(p.ops.registrar).reinstate(ID.exchange)).wait();
      const ex = await cashOf(p, p.exchange.address);
      await expect(p.product.connect(p.exchange).withdrawCredit())
        .to.emit(p.product, "CreditWithdrawn")
        .withArgs(p.exchange.address, 4_000_00n);
      expect(await cashOf(p, p.exchange.address)).to.equal(ex + 4_000_00n);
      await expect(p.product.connect(p.exchange).withdrawCredit())
        .to.be.revertedWithCustomError(p.product, "ProductNoCredit")
        .withArgs(p.exchange.address);
      await expect(p.product.connect(p.factor).withdrawCredit())
        .to.be.revertedWithCustomError(p.cash, "SettlementIneligible")
        .withArgs(p.factor.address, reason("Revoked"));
      expect(await p.product.creditOf(p.factor.address)).to.equal(2_000_00n);
    });
  });

  describe("finding 3: an ineligible originator locked investors' escrow", () => {
    it("a suspended originator at close: the offering closes, investors take their shares, the raise is credited", async () => {
      const p = await loadFixture(listedFixture);
      const [a, b] = p.investors;
      await p.subscribe(p.product, a, 0n, 8_000n);
      await p.subscribe(p.product, b, 1n, 2_000n);
      await (await p.registry.connect(p.ops.registrar).suspend(ID.factor, WHY)).wait();
      await time.increaseTo(p.listing.closes + 1n);
      // Raise 1,000,000.00, exchange fee 1% = 10,000.00 paid, 990,000.00 credited to the originator.
      const ex = await cashOf(p, p.exchange.address);
      await expect(p.product.closeOffering())
        .to.emit(p.product, "OfferingClosed")
        .withArgs(true, 1_000_000_00n, 990_000_00n, 10_000_00n)
        .and.to.emit(p.product, "Credited")
        .withArgs(p.factor.address, 990_000_00n);
      expect(await cashOf(p, p.exchange.address)).to.equal(ex + 10_000_00n);
      await (await p.product.claimShares(a.address, 0n)).wait();
      await (await p.product.claimShares(b.address, 1n)).wait();
      expect(await p.tokens[0].balanceOf(a.address)).to.equal(8_000n);
      expect(await p.tokens[1].balanceOf(b.address)).to.equal(2_000n);
      await (await p.registry.connect(p.ops.registrar).reinstate(ID.factor)).wait();
      const before = await cashOf(p, p.factor.address);
      await (await p.product.connect(p.factor).withdrawCredit()).wait();
      expect(await cashOf(p, p.factor.address)).to.equal(before + 990_000_00n);
    });

    it("a suspended originator and a failed offering: investors are refunded in full, the basket waits for returnBasket", async () => {
      const p = await loadFixture(listedFixture);
      const [a] = p.investors;
      await p.subscribe(p.product, a, 0n, 1_000n); // 100,000.00 < min raise 500,000.00
      await (await p.registry.connect(p.ops.registrar).suspend(ID.factor, WHY)).wait();
      await time.increaseTo(p.listing.closes + 1n);
      await expect(p.product.closeOffering())
        .to.emit(p.product, "OfferingClosed")
        .withArgs(false, 100_000_00n, 0n, 0n)
        .and.to.emit(p.product, "BasketReturned")
        .withArgs(p.factor.address, 0n);
      expect(await p.product.phase()).to.equal(Phase.Failed);
      const [, custody] = await p.product.basket();
      expect(custody).to.deep.equal([Custody.Held, Custody.Held]);
      const before = await cashOf(p, a.address);
      await (await p.product.claimShares(a.address, 0n)).wait();
      expect(await cashOf(p, a.address)).to.equal(before + 100_000_00n);
      await expect(p.product.returnBasket()).to.be.revertedWithCustomError(p.product, "ProductNothingToReturn");
      // Reinstated, the originator gets its fragments back.
      await (await p.registry.connect(p.ops.registrar).reinstate(ID.factor)).wait();
      await expect(p.product.returnBasket()).to.emit(p.product, "BasketReturned").withArgs(p.factor.address, 2n);
      expect(await p.receivables.ownerOf(p.f1)).to.equal(p.factor.address);
      expect(await p.receivables.ownerOf(p.f2)).to.equal(p.factor.address);
    });

    it("an investor that cannot take its allocation delays only its own; the others go on", async () => {
      const p = await loadFixture(listedFixture);
      const [a, b, c] = p.investors;
      await p.subscribe(p.product, a, 0n, 8_000n);
      await p.subscribe(p.product, b, 0n, 8_000n); // senior 16,000 asked for 8,000 offered
      await p.subscribe(p.product, c, 1n, 2_000n);
      await time.increaseTo(p.listing.closes + 1n);
      await (await p.product.closeOffering()).wait();
      await (await p.registry.connect(p.ops.registrar).suspend(ID.investor(1), WHY)).wait();
      // Shares cannot go to a suspended investor: its own claim waits (the others go on).
      await expect(p.product.claimShares(b.address, 0n))
        .to.be.revertedWithCustomError(p.tokens[0], "TrancheIneligible")
        .withArgs(b.address, reason("Suspended"));
      await (await p.product.claimShares(a.address, 0n)).wait();
      await (await p.product.claimShares(c.address, 1n)).wait();
      expect(await p.tokens[0].balanceOf(a.address)).to.equal(4_000n);
      // Reinstated, it takes its shares and its refund.
      await (await p.registry.connect(p.ops.registrar).reinstate(ID.investor(1))).wait();
      const before = await cashOf(p, b.address);
      await expect(p.product.claimShares(b.address, 0n))
        .to.emit(p.product, "SharesClaimed")
        .withArgs(b.address, 0n, 4_000n, 400_000_00n);
      expect(await cashOf(p, b.address)).to.equal(before + 400_000_00n);
    });
  });

  describe("finding 4: no exit before listing", () => {
    it("the originator cancels an originated product and takes its basket back, repayments included", async () => {
      const p = await loadFixture(productsFixture);
      const f = await p.fragment(100_000_00n, 30n * DAY);
      const { product, address } = await p.create([f]);
      await (await p.receivables.connect(p.debtor).repay(f >> 32n, 40_000_00n)).wait();
      expect(await p.receivables.claimable(f)).to.equal(40_000_00n);
      for (const who of [p.agent, p.exchange, p.investors[0]]) {
        await expect(product.connect(who).cancel())
          .to.be.revertedWithCustomError(product, "ProductNotOriginator")
          .withArgs(who.address);
      }
      await expect(product.connect(p.factor).cancel())
        .to.emit(product, "ProductCancelled")
        .withArgs(p.factor.address)
        .and.to.emit(product, "BasketReturned")
        .withArgs(p.factor.address, 1n);
      expect(await product.phase()).to.equal(Phase.Failed);
      expect(await p.receivables.ownerOf(f)).to.equal(p.factor.address);
      expect((await product.basket())[1]).to.deep.equal([Custody.Returned]);
      const before = await cashOf(p, p.factor.address);
      await (await p.receivables.connect(p.factor).claim(f)).wait();
      expect(await cashOf(p, p.factor.address)).to.equal(before + 40_000_00n);
      expect(await cashOf(p, address)).to.equal(0n);
    });

    it("cancels an approved, rated product with a pending proposal; not once listed", async () => {
      const p = await loadFixture(approvedFixture);
      await (await p.product.connect(p.exchange).list(p.listing)).wait();
      await expect(p.product.connect(p.factor).cancel()).to.emit(p.product, "ProductCancelled");
      expect(await p.receivables.ownerOf(p.f1)).to.equal(p.factor.address);
      await expect(p.product.connect(p.factor).acceptListing(hashOf(p.listing, p.exchange.address)))
        .to.be.revertedWithCustomError(p.product, "ProductWrongPhase")
        .withArgs(Phase.Failed, Phase.Approved);

      const q = await loadFixture(listedFixture);
      await expect(q.product.connect(q.factor).cancel())
        .to.be.revertedWithCustomError(q.product, "ProductWrongPhase")
        .withArgs(Phase.Listed, Phase.Approved);
    });
  });

  describe("finding 5: disposal without proceeds", () => {
    it("the originator can no longer hand a defaulted fragment to itself for nothing", async () => {
      const p = await loadFixture(activeFixture);
      expect(p.product.interface.getFunction("releaseForDisposal" as never)).to.equal(null);
      await time.increase(70n * DAY);
      await (await p.product.connect(p.factor).declareDefault(p.f2)).wait();
      // The old entry point, called raw: no such function, nothing moves.
      const selector = ethers.id("releaseForDisposal(uint256,address)").slice(0, 10);
      const data =
        selector + ethers.AbiCoder.defaultAbiCoder().encode(["uint256", "address"], [p.f2, p.factor.address]).slice(2);
      await expect(p.factor.sendTransaction({ to: p.address, data })).to.revert(ethers);
      expect(await p.receivables.ownerOf(p.f2)).to.equal(p.address);
      // Proceeds can only be paid for a fragment the auction disposed of.
      await expect(p.product.connect(p.factor).receiveDisposalProceeds(p.f2, 1n))
        .to.be.revertedWithCustomError(p.product, "ProductFragmentNotHeld")
        .withArgs(p.f2, Custody.Held);
    });
  });

  describe("finding 6: the treasury that cannot receive blocked wind-down", () => {
    async function settledFixture() {
      const p = await activeFixture();
      await time.increase(10n * DAY);
      await repayBasket(p);
      await (await p.product.collect(0, 2)).wait();
      // Cash the product holds that nobody is owed: 12.34 sent to it by mistake.
      await (await p.cash.connect(p.investors[2]).transfer(p.address, 12_34n)).wait();
      return p;
    }

    it("wind-down holds the dust for a revoked treasury; the fee admin names an eligible one; anyone sweeps", async () => {
      const p = await loadFixture(settledFixture);
      await (await p.registry.connect(p.ops.registrar).revoke(ID.treasury, WHY)).wait();
      const held = await cashOf(p, p.address);
      await expect(p.product.windDown())
        .to.emit(p.product, "ProductClosed")
        .withArgs(held, p.treasury.address)
        .and.to.emit(p.product, "DustHeld")
        .withArgs(held);
      expect(await p.product.phase()).to.equal(Phase.Closed);
      expect(await p.product.heldDust()).to.equal(held);
      await expect(p.product.sweepDust())
        .to.be.revertedWithCustomError(p.cash, "SettlementIneligible")
        .withArgs(p.treasury.address, reason("Revoked"));

      const stranger = ethers.Wallet.createRandom().address;
      await expect(p.factory.connect(p.ops.feeAdmin).setTreasury(stranger))
        .to.be.revertedWithCustomError(p.factory, "FactoryIneligibleTreasury")
        .withArgs(stranger, reason("NotRegistered"));
      const next = await member(p, "TREASURY-2", ["BANK"]);
      await (await p.factory.connect(p.ops.feeAdmin).setTreasury(next.address)).wait();
      await expect(p.product.connect(p.investors[3]).sweepDust())
        .to.emit(p.product, "DustSwept")
        .withArgs(next.address, held);
      expect(await cashOf(p, next.address)).to.equal(held);
      expect(await cashOf(p, p.address)).to.equal(0n);
      await expect(p.product.sweepDust()).to.be.revertedWithCustomError(p.product, "ProductNoDust");
    });

    it("wind-down pays an eligible treasury at once and keeps what is still owed (credits)", async () => {
      const p = await loadFixture(activeFixture);
      await (await p.registry.connect(p.ops.registrar).suspend(ID.exchange, WHY)).wait();
      await time.increase(10n * DAY);
      await repayBasket(p);
      await (await p.product.collect(0, 2)).wait();
      const credit = await p.product.creditOf(p.exchange.address);
      expect(credit).to.equal(10_000_00n); // 1% of 1,000,000.00 collected
      const dust = (await cashOf(p, p.address)) - credit;
      const before = await cashOf(p, p.treasury.address);
      await expect(p.product.windDown()).to.emit(p.product, "ProductClosed").withArgs(dust, p.treasury.address);
      expect(await cashOf(p, p.treasury.address)).to.equal(before + dust);
      expect(await cashOf(p, p.address)).to.equal(credit);
      await (await p.registry.connect(p.ops.registrar).reinstate(ID.exchange)).wait();
      await (await p.product.connect(p.exchange).withdrawCredit()).wait();
      expect(await cashOf(p, p.address)).to.equal(0n);
    });
  });

  describe("finding 6 (cont.): a revoked member's credit reaches its successor by court order", () => {
    it("the regulator moves a revoked exchange's credited fees out as cash; wind-down still closes", async () => {
      const p = await loadFixture(activeFixture);
      await (await p.registry.connect(p.ops.registrar).revoke(ID.exchange, WHY)).wait();
      await time.increase(10n * DAY);
      await repayBasket(p);
      await (await p.product.collect(0, 2)).wait();
      expect(await p.product.creditOf(p.exchange.address)).to.equal(10_000_00n);
      const successor = await member(p, "EXCHANGE-SUCCESSOR", ["EXCHANGE"]);
      await (
        await p.cash.connect(p.ops.regulator).forcedTransfer(p.address, successor.address, 10_000_00n, ORDER)
      ).wait();
      expect(await cashOf(p, successor.address)).to.equal(10_000_00n);
      const left = await cashOf(p, p.address);
      // The credit stays on the books (revoked: never withdrawn); the dust figure saturates at 0.
      await expect(p.product.windDown()).to.emit(p.product, "ProductClosed").withArgs(0n, p.treasury.address);
      expect(await cashOf(p, p.address)).to.equal(left);
    });
  });

  describe("finding 7: investor kinds are 'one of'", () => {
    it("a listing for INVESTOR,BANK admits an investor and a bank, and refuses an SME", async () => {
      const p = await loadFixture(approvedFixture);
      const listing = { ...p.listing, investorKinds: Number(kindsOf("INVESTOR", "BANK")) };
      await (await p.product.connect(p.exchange).list(listing)).wait();
      await p.accept(p.product, listing);
      await time.increaseTo(listing.opens);
      const bank = await member(p, "BANK-INV", ["BANK"], 1_000_000_00n);
      const sme = await member(p, "SME-INV", ["SME"], 1_000_000_00n);
      await p.subscribe(p.product, p.investors[0], 0n, 1_000n);
      await p.subscribe(p.product, bank, 0n, 1_000n);
      expect((await p.product.tranche(0)).requested).to.equal(2_000n);
      await (await p.cash.connect(sme).approve(p.address, ethers.MaxUint256)).wait();
      await expect(p.product.connect(sme).subscribe(0n, 1n))
        .to.be.revertedWithCustomError(p.product, "ProductNotKind")
        .withArgs(sme.address, kindsOf("INVESTOR", "BANK"));
    });
  });

  describe("beyond the list: court orders and lapsed investors", () => {
    it("a basket fragment forced out by a court order neither blocks collect nor wind-down", async () => {
      const p = await loadFixture(activeFixture);
      const claimant = await member(p, "CLAIMANT", ["BANK"]);
      await time.increase(10n * DAY);
      await repayBasket(p);
      await (await p.receivables.connect(p.ops.regulator).forcedTransfer(p.f2, claimant.address, ORDER)).wait();
      // F2's 400,000.00 went with the fragment to the claimant; F1's 600,000.00 is collected.
      await expect(p.product.collect(0, 2)).to.emit(p.product, "Collected").withArgs(0n, 2n, 600_000_00n);
      await expect(p.product.windDown()).to.emit(p.product, "ProductClosed");
      expect(await p.product.phase()).to.equal(Phase.Closed);
      const before = await cashOf(p, claimant.address);
      await (await p.receivables.connect(claimant).claim(p.f2)).wait();
      expect(await cashOf(p, claimant.address)).to.equal(before + 400_000_00n);
    });

    it("a court-frozen basket fragment holds wind-down until the order is lifted, then its cash is collected", async () => {
      const p = await loadFixture(activeFixture);
      await time.increase(10n * DAY);
      await repayBasket(p);
      await (await p.receivables.connect(p.ops.regulator).freeze(p.f2, ORDER)).wait();
      await expect(p.product.collect(0, 2)).to.emit(p.product, "Collected").withArgs(0n, 2n, 600_000_00n);
      await expect(p.product.windDown()).to.be.revertedWithCustomError(p.product, "ProductNotResolved").withArgs(p.f2);
      await (await p.receivables.connect(p.ops.regulator).unfreeze(p.f2, ORDER)).wait();
      await expect(p.product.collect(0, 2)).to.emit(p.product, "Collected").withArgs(0n, 2n, 400_000_00n);
      await expect(p.product.windDown()).to.emit(p.product, "ProductClosed");
    });

    it("shares in the product's custody cannot be forced out; allocated shares can", async () => {
      const p = await loadFixture(listedFixture);
      const [a, b] = p.investors;
      await p.subscribe(p.product, a, 0n, 8_000n);
      await p.subscribe(p.product, b, 1n, 2_000n);
      await time.increaseTo(p.listing.closes + 1n);
      await (await p.product.closeOffering()).wait();
      await expect(
        p.factory.connect(p.ops.regulator).forcedTransferShares(p.address, 0n, p.address, a.address, 8_000n, ORDER),
      )
        .to.be.revertedWithCustomError(p.tokens[0], "TrancheCustodyShares")
        .withArgs(p.address);
      // Allocated shares are the investor's and an order reaches them.
      await (await p.product.claimShares(a.address, 0n)).wait();
      await expect(
        p.factory.connect(p.ops.regulator).forcedTransferShares(p.address, 0n, a.address, b.address, 100n, ORDER),
      ).to.emit(p.tokens[0], "SharesForceTransferred");
    });

    it("the last late claimer of an oversubscribed product releases the leftover reserve to the treasury", async () => {
      const p = await loadFixture(listedFixture);
      const [a, b, c, d] = p.investors;
      // Senior 9,000 asked for 8,000: each cut floor(3,000 x 1,000 / 9,000) = 333, allocated 2,667.
      for (const who of [a, b, c]) await p.subscribe(p.product, who, 0n, 3_000n);
      await p.subscribe(p.product, d, 1n, 2_000n);
      await time.increaseTo(p.listing.closes + 1n);
      await (await p.product.closeOffering()).wait();
      for (const [who, t] of [
        [a, 0n],
        [c, 0n],
        [d, 1n],
      ] as const)
        await (await p.product.claimShares(who.address, t)).wait();
      await (await p.registry.connect(p.ops.registrar).suspend(ID.investor(1), WHY)).wait();
      await time.increase(10n * DAY);
      await repayBasket(p);
      await (await p.product.collect(0, 2)).wait();
      await (await p.product.windDown()).wait();
      // Still owed to b: its 333 x 100.00 refund; its 2,667 shares wait in custody with 1 rounding share.
      expect(await cashOf(p, p.address)).to.equal(333n * 100_00n + 100_00n);
      expect(await p.tokens[0].balanceOf(p.address)).to.equal(2_668n);
      await (await p.registry.connect(p.ops.registrar).reinstate(ID.investor(1))).wait();
      const oneShare = (await p.tokens[0].claimable(p.address)) / 2_668n;
      const tx = p.product.claimShares(b.address, 0n);
      await expect(tx)
        .to.emit(p.product, "SharesClaimed")
        .withArgs(b.address, 0n, 2_667n, 333n * 100_00n);
      // Left: the 100.00 of the share rounded up to subscribers, and what the rounding share earned.
      const left = await p.product.heldDust();
      expect(left).to.be.gte(100_00n + oneShare);
      await expect(tx).to.emit(p.product, "DustHeld").withArgs(left);
      expect(await p.tokens[0].balanceOf(p.address)).to.equal(0n);
      await expect(p.product.sweepDust()).to.emit(p.product, "DustSwept").withArgs(p.treasury.address, left);
      expect(await cashOf(p, p.address)).to.equal(0n);
    });

    it("an investor who never takes its shares does not hold the product open; it takes them after close", async () => {
      const p = await loadFixture(listedFixture);
      const [a, b] = p.investors;
      await p.subscribe(p.product, a, 0n, 8_000n);
      await p.subscribe(p.product, b, 1n, 2_000n);
      await time.increaseTo(p.listing.closes + 1n);
      await (await p.product.closeOffering()).wait();
      await (await p.product.claimShares(a.address, 0n)).wait();
      await (await p.registry.connect(p.ops.registrar).suspend(ID.investor(1), WHY)).wait();
      await time.increase(10n * DAY);
      await repayBasket(p);
      await (await p.product.collect(0, 2)).wait();
      await expect(p.product.windDown()).to.emit(p.product, "ProductClosed");
      // The junior custody shares stay, with what they earned, until the investor can take them.
      expect(await p.tokens[1].balanceOf(p.address)).to.equal(2_000n);
      const earned = await p.tokens[1].claimable(p.address);
      await (await p.registry.connect(p.ops.registrar).reinstate(ID.investor(1))).wait();
      await (await p.product.claimShares(b.address, 1n)).wait();
      expect(await p.tokens[1].balanceOf(b.address)).to.equal(2_000n);
      expect(await p.tokens[1].claimable(b.address)).to.equal(earned);
    });
  });
});
