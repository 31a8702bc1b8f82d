import { readFileSync, writeFileSync } from "node:fs";

import { expect } from "chai";

import { formatAmount, formatDate, formatRootId, platformFee, tokenIdOf } from "../../src/index.js";
import { BOOK, ethers, failure, networkHelpers, run } from "./helpers.js";
import { payable, receivableMembers } from "./receivablesSetup.js";

const NOT_SENT = "no transaction sent";
const DAY = 86_400n;
const FEE_BPS = 50n;
const fmt = (units: bigint) => formatAmount(units, 2, { group: true });
const iso = (seconds: bigint) => formatDate(seconds);

/**
 * The receivable members plus a factor, a bank (`lender`) and an exchange (`exchange`, the
 * treasury) in the book; factor and lender hold 2,000,000.00, tier1 100,000.00; the fee admin has set a
 * 0.50% fee to the exchange; acme has issued tier1 the payable INV-1 of 1,000,000.00 due in 90 days.
 */
async function marketMembers() {
  const f = await receivableMembers();
  const [factor, lender, exchange] = f.signers.slice(16, 19);
  const book = JSON.parse(readFileSync(BOOK, "utf8")) as Record<string, unknown>;
  book.factor = { address: factor.address, code: "91310000FACTOR001X" };
  book.lender = { address: lender.address, code: "91310000LENDER001X" };
  book.exchange = { address: exchange.address, code: "91310000EXCHNG001X" };
  writeFileSync(BOOK, JSON.stringify(book));
  for (const [participant, kinds] of [
    ["factor", "FACTOR"],
    ["lender", "BANK"],
    ["exchange", "EXCHANGE"],
  ]) {
    await run(["participants", "register"], { participant, kinds, kycExpiry: "2099-12-31" });
  }
  for (const [to, amount] of [
    ["factor", "2,000,000.00"],
    ["lender", "2,000,000.00"],
    ["tier1", "100,000.00"],
  ]) {
    await run(["cash", "mint"], { to, amount });
  }
  const market = f.suite.market.contract.connect(f.signers[5]);
  await (await market.setTreasury(exchange.address)).wait();
  await (await market.setFee(FEE_BPS)).wait();
  const rootId = await payable(f.due);
  const root = formatRootId(rootId);
  const now = BigInt(await networkHelpers.time.latest());
  return {
    ...f,
    factor,
    lender,
    exchange,
    rootId,
    root,
    t0: `${root}/0`,
    tokenId: tokenIdOf(rootId, 0),
    /** An ISO date `days` from now. */
    inDays: (days: bigint) => iso(((now + days * DAY) / DAY) * DAY),
  };
}

const label = (name: string, s: { address: string }) => `${name} (${s.address})`;

describe("Tasks: market", () => {
  it("lists at a discount rate with recourse and collateral (approving first), then a factor buys at the quote", async () => {
    const f = await networkHelpers.loadFixture(marketMembers);
    const m = f.suite.market;
    const expiry = f.inDays(30n);
    const l = await run(["market", "list"], {
      from: "tier1",
      fragment: f.t0,
      rate: "4.35%",
      expiry,
      recourse: true,
      collateral: "10,000.00",
    });
    const listed = l.result as { hash: string; listingId: bigint };
    expect(listed.listingId).to.equal(1n);
    expect(l.out).to.contain("approve the market for your fragments: tx");
    expect(l.out).to.contain("approve the market for 10,000.00: tx");
    expect(l.out).to.contain(
      `list 1,000,000.00 of ${f.t0} at 4.35% Act360 until ${expiry} with recourse (collateral 10,000.00): tx ${listed.hash}`,
    );
    expect(l.out).to.contain("  listing #1");
    expect(l.out).to.contain(`listing #1: ${f.t0} by ${label("tier1", f.tier1)}`);
    expect(l.out).to.contain(
      `value 1,000,000.00, 4.35% Act360, due ${f.due}, expires ${expiry}, buyers FACTOR|BANK, with recourse`,
    );
    expect(l.out).to.contain(
      `recourse Listed, seller ${label("tier1", f.tier1)}, collateral 10,000.00 from ${label("tier1", f.tier1)}`,
    );
    expect(l.out).to.contain(`fragment ${f.t0} is held by the market (in custody)`);
    expect(await m.listing(1n)).to.deep.include({
      seller: f.tier1.address,
      tokenId: f.tokenId,
      value: 100_000_000n,
      price: 0n,
      rateBps: 435n,
      basis: "Act360",
      recourse: true,
      status: "Open",
      buyerKindNames: ["FACTOR", "BANK"],
    });
    expect(await f.suite.receivables.contract.ownerOf(f.tokenId)).to.equal(f.suite.addresses.market);
    expect(await f.suite.cash.balanceOf(f.suite.addresses.market)).to.equal(1_000_000n);

    const quote = await m.contract.quote(1n);
    const fee = platformFee(quote, FEE_BPS);
    const b = await run(["market", "buy"], { from: "factor", listing: "1", maxPrice: "990,000.00" });
    const bought = b.result as { hash: string; price: bigint; fee: bigint };
    expect(bought).to.include({ price: quote, fee });
    expect(b.out).to.match(
      new RegExp(
        `^quote of listing #1 \\(${f.t0}, 4\\.35% Act360\\): price ${fmt(quote)} \\(face 1,000,000\\.00, \\d+ days discounted\\), fee ${fmt(fee)}, seller gets ${fmt(quote - fee)}$`,
        "m",
      ),
    );
    expect(b.out).to.contain("approve the market for 990,000.00: tx");
    expect(b.out).to.contain(`buy listing #1 (${f.t0}) for at most 990,000.00: tx ${bought.hash}`);
    expect(b.out).to.contain(`paid ${fmt(quote)}: ${fmt(quote - fee)} to ${label("tier1", f.tier1)}, fee ${fmt(fee)}`);
    expect(b.out).to.contain(`fragment ${f.t0} is held by ${label("factor", f.factor)}`);
    expect(b.out).to.contain("listing #1: closed (sold or cancelled)");
    expect(b.out).to.contain(`recourse Sold, seller ${label("tier1", f.tier1)}, buyer ${label("factor", f.factor)}`);
    expect(await f.suite.receivables.contract.ownerOf(f.tokenId)).to.equal(f.factor.address);
    expect(await f.suite.cash.balanceOf(f.factor.address)).to.equal(200_000_000n - quote);
    expect(await f.suite.cash.balanceOf(f.tier1.address)).to.equal(9_000_000n + quote - fee);
    expect(await f.suite.cash.balanceOf(f.exchange.address)).to.equal(fee);
    expect((await m.recourse(1n))!).to.include({ status: "Sold", buyer: f.factor.address, price: quote });

    // One collateral provider per listing: tier1 tops up, a bank guarantor is refused.
    expect(await failure(["market", "collateral"], { from: "lender", listing: "1", amount: "5,000.00" })).to.equal(
      `--from: listing #1 already has a collateral provider, ${label("tier1", f.tier1)}; only it may top up; ${NOT_SENT}`,
    );
    const top = await run(["market", "collateral"], { from: "tier1", listing: "1", amount: "2,000.00" });
    expect(top.out).to.contain("approve the market for 2,000.00: tx");
    expect(top.out).to.contain("post 2,000.00 of recourse collateral on listing #1: tx");
    expect(top.out).to.contain(`collateral 12,000.00 from ${label("tier1", f.tier1)}`);
    expect((await m.recourse(1n))!.collateral).to.equal(1_200_000n);
  });

  it("lets a guarantor post the collateral of a recourse listing", async () => {
    const f = await networkHelpers.loadFixture(marketMembers);
    const l = await run(["market", "list"], {
      from: "tier1",
      fragment: f.t0,
      value: "600,000.00",
      price: "590,000.00",
      expiry: f.inDays(20n),
      recourse: true,
    });
    expect(l.out).to.contain(
      `the market split off ${f.root}/1 (600,000.00); ${f.t0} (400,000.00) stays with ${label("tier1", f.tier1)}`,
    );
    expect(await f.suite.receivables.contract.ownerOf(tokenIdOf(f.rootId, 1))).to.equal(f.suite.addresses.market);
    expect(await f.suite.receivables.contract.ownerOf(f.tokenId)).to.equal(f.tier1.address);
    expect((await f.suite.market.recourse(1n))!).to.include({ status: "Listed", collateral: 0n });
    const g = await run(["market", "collateral"], { from: "lender", listing: "#1", amount: "50,000.00" });
    expect(g.out).to.contain("post 50,000.00 of recourse collateral on listing #1: tx");
    expect(g.out).to.contain(
      `recourse Listed, seller ${label("tier1", f.tier1)}, collateral 50,000.00 from ${label("lender", f.lender)}`,
    );
    expect(g.out).to.contain(`cash of ${label("lender", f.lender)}: 1,950,000.00`);
    expect((await f.suite.market.recourse(1n))!).to.include({ provider: f.lender.address, collateral: 5_000_000n });
    expect(await failure(["market", "collateral"], { from: "outsider", listing: "1", amount: "1" })).to.equal(
      `--from: listing #1 already has a collateral provider, ${label("lender", f.lender)}; only it may top up; ${NOT_SENT}`,
    );
    expect(await failure(["market", "collateral"], { from: "lender", listing: "1", amount: "0" })).to.equal(
      `--amount: must be greater than zero (got "0"); ${NOT_SENT}`,
    );
  });

  it("makes, cancels and accepts escrowed offers", async () => {
    const f = await networkHelpers.loadFixture(marketMembers);
    const m = f.suite.market;
    const expiry = f.inDays(10n);
    const o = await run(["market", "offer"], {
      from: "lender",
      fragment: f.t0,
      amount: "995,000.00",
      expiry,
    });
    const made = o.result as { hash: string; offerId: bigint };
    expect(made.offerId).to.equal(1n);
    expect(o.out).to.contain("approve the market for 995,000.00: tx");
    expect(o.out).to.contain(`offer 995,000.00 for ${f.t0} until ${expiry}: tx ${made.hash}`);
    expect(o.out).to.contain(
      `offer #1: 995,000.00 escrowed by ${label("lender", f.lender)} for ${f.t0}, expires ${expiry}`,
    );
    expect(o.out).to.contain(`cash of ${label("lender", f.lender)}: 1,005,000.00`);
    expect((await m.offer(1n))!).to.include({ offerer: f.lender.address, amount: 99_500_000n, tokenId: f.tokenId });

    await run(["market", "offer"], { from: "factor", fragment: f.t0, amount: "990,000.00", expiry });
    const c = await run(["market", "cancel"], { from: "factor", offer: "#2" });
    expect(c.out).to.contain(`cancel offer #2 (990,000.00 back to ${label("factor", f.factor)}): tx`);
    expect(c.out).to.contain("offer #2: closed (accepted or cancelled)");
    expect(await m.offer(2n)).to.equal(undefined);
    expect(await f.suite.cash.balanceOf(f.factor.address)).to.equal(200_000_000n);

    const a = await run(["market", "accept"], { from: "tier1", offer: "1" });
    expect(a.out).to.contain("approve the market for your fragments: tx");
    expect(a.out).to.contain(`accept offer #1: ${f.t0} to ${label("lender", f.lender)} for 995,000.00: tx`);
    expect(a.out).to.contain("received 990,025.00 (fee 4,975.00)");
    expect(a.out).to.contain(`fragment ${f.t0} is held by ${label("lender", f.lender)}`);
    expect(await f.suite.receivables.contract.ownerOf(f.tokenId)).to.equal(f.lender.address);
    expect(await f.suite.cash.balanceOf(f.tier1.address)).to.equal(10_000_000n + 99_002_500n);
    expect(await f.suite.cash.balanceOf(f.exchange.address)).to.equal(497_500n);
    expect(await m.offer(1n)).to.equal(undefined);
  });

  it("auctions with a duration, takes bids, refunds the outbid bidder and settles after the end", async () => {
    const f = await networkHelpers.loadFixture(marketMembers);
    const m = f.suite.market;
    const before = BigInt(await networkHelpers.time.latest());
    const c = await run(["market", "auction"], {
      from: "tier1",
      fragment: f.t0,
      reserve: "900,000.00",
      minIncrement: "1,000.00",
      end: "2d",
    });
    const created = c.result as { hash: string; auctionId: bigint };
    const a = (await m.auction(created.auctionId))!;
    expect(a.endTime).to.equal(before + 2n * DAY);
    expect(c.out).to.contain(
      `auction ${f.t0} (value 1,000,000.00), reserve 900,000.00, min increment 1,000.00, ending ${iso(a.endTime)}: tx ${created.hash}`,
    );
    expect(c.out).to.contain(`auction #1: ${f.t0} by ${label("tier1", f.tier1)}, open`);
    expect(c.out).to.contain("no bid yet, first at least 900,000.00");
    expect(await f.suite.receivables.contract.ownerOf(f.tokenId)).to.equal(f.suite.addresses.market);

    const b1 = await run(["market", "bid"], { from: "factor", auction: "1", amount: "900,000.00" });
    expect(b1.out).to.contain("bid 900,000.00 on auction #1: tx");
    expect(b1.out).to.contain(`highest bid 900,000.00 by ${label("factor", f.factor)}, next at least 901,000.00`);
    expect(await failure(["market", "bid"], { from: "lender", auction: "1", amount: "900,500.00" })).to.equal(
      `--amount: 900,500.00 is below 901,000.00 (the highest bid 900,000.00 plus 1,000.00); ${NOT_SENT}`,
    );
    const b2 = await run(["market", "bid"], { from: "lender", auction: "1", amount: "901,000.00" });
    expect(b2.out).to.contain(
      `${label("factor", f.factor)} was outbid: 900,000.00 is now a refund (market refund --from ...)`,
    );
    expect(await m.refundOf(f.factor.address)).to.equal(90_000_000n);

    expect(await failure(["market", "settle"], { from: "acme", auction: "1" })).to.match(
      /^--auction: auction #1 ends at .*; settle after that; no transaction sent$/,
    );
    await networkHelpers.time.increaseTo(a.endTime + 1n);
    const s = await run(["market", "settle"], { from: "acme", auction: "1" });
    expect(s.out).to.contain(`settle auction #1 (${f.t0}): tx`);
    expect(s.out).to.contain(
      `sold to ${label("lender", f.lender)} for 901,000.00: 896,495.00 to ${label("tier1", f.tier1)}, fee 4,505.00`,
    );
    expect(s.out).to.contain(`auction #1: ${f.t0} by ${label("tier1", f.tier1)}, settled`);
    expect(s.out).to.contain(`fragment ${f.t0} is held by ${label("lender", f.lender)}`);
    expect(await f.suite.receivables.contract.ownerOf(f.tokenId)).to.equal(f.lender.address);
    expect(await f.suite.cash.balanceOf(f.tier1.address)).to.equal(10_000_000n + 89_649_500n);
    expect((await m.auction(1n))!.open).to.equal(false);

    const r = await run(["market", "refund"], { from: "factor" });
    expect(r.out).to.contain(`withdraw a refund of 900,000.00 to ${label("factor", f.factor)}: tx`);
    expect(r.out).to.contain(`cash of ${label("factor", f.factor)}: 2,000,000.00`);
    expect(await m.refundOf(f.factor.address)).to.equal(0n);
    expect(await failure(["market", "refund"], { from: "factor" })).to.equal(
      `--from: ${label("factor", f.factor)} has nothing to refund in ${f.suite.addresses.cash}; ${NOT_SENT}`,
    );
  });

  it("releases recourse collateral once settled; on default the buyer exercises and the seller pays the debt", async () => {
    const f = await networkHelpers.loadFixture(marketMembers);
    const m = f.suite.market;
    // A second payable, listed with recourse at a fixed price and repaid in full.
    const root3 = formatRootId(await payable(f.due, "INV-3", "100,000.00"));
    await run(["market", "list"], {
      from: "tier1",
      fragment: `${root3}/0`,
      price: "99,000.00",
      expiry: f.inDays(30n),
      recourse: true,
      collateral: "5,000.00",
    });
    await run(["market", "buy"], { from: "factor", listing: "1" });
    expect(await failure(["market", "release-collateral"], { from: "acme", listing: "1" })).to.equal(
      `--listing: receivable ${root3} is Confirmed, not Settled; collateral is released once it is repaid in full or after the recourse deadline ${formatDate(await f.suite.market.recourseDeadline(1n))}; ${NOT_SENT}`,
    );
    await run(["receivable", "repay"], { from: "acme", root: root3, amount: "100,000.00" });
    const tier1Before = await f.suite.cash.balanceOf(f.tier1.address);
    const rel = await run(["market", "release-collateral"], { from: "acme", listing: "1" });
    expect(rel.out).to.contain(`release 5,000.00 of collateral of listing #1 to ${label("tier1", f.tier1)}: tx`);
    expect(await f.suite.cash.balanceOf(f.tier1.address)).to.equal(tier1Before + 500_000n);
    expect((await m.recourse(1n))!.collateral).to.equal(0n);

    // INV-1 sold with recourse, then the debtor defaults.
    await run(["market", "list"], {
      from: "tier1",
      fragment: f.t0,
      price: "950,000.00",
      expiry: f.inDays(30n),
      recourse: true,
      collateral: "10,000.00",
    });
    await run(["market", "buy"], { from: "factor", listing: "2", maxPrice: "950,000.00" });
    expect(await failure(["market", "recourse"], { from: "factor", listing: "2" })).to.equal(
      `--listing: receivable ${f.root} is Confirmed, not Defaulted; recourse is exercised after a declared default; ${NOT_SENT}`,
    );
    const due = (await f.suite.receivables.root(f.rootId))!.dueDate;
    await networkHelpers.time.increaseTo(due + 38n * DAY);
    await (await f.suite.receivables.contract.connect(f.factor).declareDefault(f.tokenId)).wait();
    expect(await failure(["market", "recourse"], { from: "tier1", listing: "2" })).to.equal(
      `--from: ${label("tier1", f.tier1)} is not the buyer of listing #2 (${label("factor", f.factor)}); ${NOT_SENT}`,
    );
    const ex = await run(["market", "recourse"], { from: "factor", listing: "2" });
    expect(ex.result).to.deep.include({ owed: 95_000_000n, fromCollateral: 1_000_000n, debt: 94_000_000n });
    expect(ex.out).to.contain("approve the market for your fragments: tx");
    expect(ex.out).to.contain(`exercise recourse on listing #2: ${f.t0} back to ${label("tier1", f.tier1)}: tx`);
    expect(ex.out).to.contain(
      `owed 950,000.00: 10,000.00 paid from collateral, 940,000.00 left as ${label("tier1", f.tier1)}'s recourse debt`,
    );
    expect(ex.out).to.contain("recourse Exercised");
    expect(ex.out).to.contain("debt 940,000.00");
    expect(await f.suite.receivables.contract.ownerOf(f.tokenId)).to.equal(f.tier1.address);

    const factorBefore = await f.suite.cash.balanceOf(f.factor.address);
    const st = await run(["market", "recourse-settle"], { from: "tier1", listing: "2", amount: "40,000.00" });
    expect(st.out).to.contain(`pay 40,000.00 of the recourse debt of listing #2 to ${label("factor", f.factor)}: tx`);
    expect(st.out).to.contain("debt 900,000.00");
    expect(await f.suite.cash.balanceOf(f.factor.address)).to.equal(factorBefore + 4_000_000n);
    expect((await m.recourse(2n))!.debt).to.equal(90_000_000n);
    expect(
      await failure(["market", "recourse-settle"], { from: "tier1", listing: "2", amount: "900,000.01" }),
    ).to.equal(`--amount: 900,000.01 is more than the 900,000.00 recourse debt; ${NOT_SENT}`);
    expect(await failure(["market", "release-collateral"], { from: "acme", listing: "2" })).to.equal(
      `--listing: listing #2 holds no collateral (recourse Exercised); ${NOT_SENT}`,
    );
  });

  it("shows a listing, an offer, an auction and the open book", async () => {
    const f = await networkHelpers.loadFixture(marketMembers);
    const root2 = formatRootId(await payable(f.due, "INV-2", "200,000.00"));
    const root3 = formatRootId(await payable(f.due, "INV-3", "300,000.00"));
    await run(["market", "list"], { from: "tier1", fragment: f.t0, price: "980,000.00", expiry: f.inDays(20n) });
    await run(["market", "offer"], {
      from: "lender",
      fragment: `${root2}/0`,
      amount: "190,000.00",
      expiry: f.inDays(5n),
    });
    await run(["market", "auction"], { from: "tier1", fragment: `${root3}/0`, reserve: "250,000.00", end: "3d" });

    const book = await run(["market", "show"], {});
    expect(book.out).to.contain(`fee 0.5% to ${label("exchange", f.exchange)}`);
    expect(book.out).to.contain("open listings (1):");
    expect(book.out).to.match(
      new RegExp(
        `#1\\s+${f.t0}\\s+tier1 \\(0x[0-9a-fA-F]{40}\\)\\s+1,000,000\\.00\\s+fixed 980,000\\.00\\s+980,000\\.00\\s+no`,
      ),
    );
    expect(book.out).to.contain("live offers (1):");
    expect(book.out).to.match(new RegExp(`#1\\s+${root2}/0\\s+lender \\(0x[0-9a-fA-F]{40}\\)\\s+190,000\\.00`));
    expect(book.out).to.contain("open auctions (1):");
    expect(book.out).to.match(new RegExp(`#1\\s+${root3}/0\\s+tier1 \\(0x[0-9a-fA-F]{40}\\)\\s+250,000\\.00\\s+-`));
    const result = book.result as { listings: unknown[]; offers: unknown[]; auctions: unknown[] };
    expect([result.listings.length, result.offers.length, result.auctions.length]).to.deep.equal([1, 1, 1]);

    const l = await run(["market", "show"], { listing: "1" });
    expect(l.out).to.contain(`listing #1: ${f.t0} by ${label("tier1", f.tier1)}`);
    expect(l.out).to.contain("quote now: price 980,000.00 (face 1,000,000.00), fee 4,900.00, seller gets 975,100.00");
    const o = await run(["market", "show"], { offer: "1" });
    expect(o.out).to.contain(`offer #1: 190,000.00 escrowed by ${label("lender", f.lender)} for ${root2}/0`);
    const a = await run(["market", "show"], { auction: "1" });
    expect(a.out).to.contain(`auction #1: ${root3}/0 by ${label("tier1", f.tier1)}, open`);
    expect(await failure(["market", "show"], { listing: "7" })).to.equal(
      `--listing: listing #7 is unknown on deployment tasks-test; ${NOT_SENT}`,
    );
    expect(await failure(["market", "show"], { listing: "1", offer: "1" })).to.equal(
      `give at most one of --listing, --offer and --auction; ${NOT_SENT}`,
    );
  });

  it("dry runs simulate the approval or the call and send nothing", async () => {
    const f = await networkHelpers.loadFixture(marketMembers);
    let block = await ethers.provider.getBlockNumber();
    const l = await run(["market", "list"], {
      from: "tier1",
      fragment: f.t0,
      rate: "4%",
      basis: "ACT/365F",
      expiry: f.inDays(9n),
      dryRun: true,
    });
    expect(l.out).to.match(
      /^dry run: approve the market for your fragments would succeed \(gas \d+\); no transaction sent$/m,
    );
    expect(l.out).to.contain(
      `dry run: then list 1,000,000.00 of ${f.t0} at 4% Act365F until ${f.inDays(9n)}; ${NOT_SENT}`,
    );
    expect(await ethers.provider.getBlockNumber()).to.equal(block);

    // Approved already: the list call itself is simulated.
    await (
      await f.suite.receivables.contract.connect(f.tier1).setApprovalForAll(f.suite.addresses.market, true)
    ).wait();
    block = await ethers.provider.getBlockNumber();
    const l2 = await run(["market", "list"], {
      from: "tier1",
      fragment: f.t0,
      price: "990,000.00",
      expiry: f.inDays(9n),
      dryRun: true,
    });
    expect(l2.out).to.match(
      /^dry run: list 1,000,000\.00 of .* at 990,000\.00 until .* would succeed \(gas \d+\); no transaction sent$/m,
    );
    expect(l2.result).to.equal(undefined);
    expect(await ethers.provider.getBlockNumber()).to.equal(block);
    expect(await f.suite.receivables.contract.ownerOf(f.tokenId)).to.equal(f.tier1.address);
  });

  it("refuses bad input with readable messages before sending anything", async () => {
    const f = await networkHelpers.loadFixture(marketMembers);
    await run(["market", "list"], { from: "tier1", fragment: f.t0, price: "990,000.00", expiry: f.inDays(9n) });
    const root2 = formatRootId(await payable(f.due, "INV-2", "200,000.00"));
    const t2 = `${root2}/0`;
    const block = await ethers.provider.getBlockNumber();
    const list = (over: Record<string, unknown>) =>
      failure(["market", "list"], { from: "tier1", fragment: t2, price: "1,000.00", expiry: f.inDays(9n), ...over });

    expect(await list({ from: "0x1234" })).to.equal(
      `--from: "0x1234" is neither a 0x address nor a name in the address book ${BOOK}; ${NOT_SENT}`,
    );
    expect(await list({ price: "-5" })).to.equal(`--price: must not be negative (got "-5"); ${NOT_SENT}`);
    expect(await list({ price: "1.001" })).to.equal(
      `--price: has more than 2 decimal places (got "1.001"); ${NOT_SENT}`,
    );
    expect(await list({ rate: "4%" })).to.equal(
      `give exactly one of --price (a fixed price) or --rate (a discount rate, e.g. 4.35%); ${NOT_SENT}`,
    );
    expect(await list({ price: "", rate: "4.355%" })).to.equal(
      `--rate: is finer than one basis point (0.01%) (got "4.355%"); ${NOT_SENT}`,
    );
    expect(await list({ price: "", rate: "4%", basis: "30/360" })).to.equal(
      `--basis: is not a day-count basis (Act360 or Act365F) (got "30/360"); ${NOT_SENT}`,
    );
    expect(await list({ expiry: "2020-01-01" })).to.match(
      /^--expiry: 2020-01-01 is not in the future \(chain time .*\); no transaction sent$/,
    );
    expect(await list({ price: "200,000.01" })).to.equal(
      `--price: 200,000.01 is above the listed value 200,000.00; ${NOT_SENT}`,
    );
    expect(await list({ value: "200,000.01" })).to.equal(
      `--value: 200,000.01 is more than fragment ${t2} is worth (200,000.00); ${NOT_SENT}`,
    );
    expect(await list({ collateral: "5" })).to.equal(
      `--collateral: collateral is posted on recourse listings only; add --recourse; ${NOT_SENT}`,
    );
    expect(await list({ buyerKinds: "FACTOR,PIRATE" })).to.contain("--buyer-kinds: is not a kind; use one of");
    expect(await list({ from: "tier2" })).to.equal(
      `--from: ${label("tier2", f.tier2)} does not hold fragment ${t2} (held by ${label("tier1", f.tier1)}); ${NOT_SENT}`,
    );
    expect(await list({ fragment: f.t0 })).to.equal(
      `--fragment: ${f.t0} is already listed or auctioned on the market; ${NOT_SENT}`,
    );

    expect(await failure(["market", "buy"], { from: "factor", listing: "9" })).to.equal(
      `--listing: listing #9 is not open on deployment tasks-test (sold, cancelled or never made); ${NOT_SENT}`,
    );
    expect(await failure(["market", "buy"], { from: "factor", listing: "x" })).to.equal(
      `--listing: is not an id (a positive integer) (got "x"); ${NOT_SENT}`,
    );
    expect(await failure(["market", "buy"], { from: "tier2", listing: "1" })).to.equal(
      `--from: ${label("tier2", f.tier2)} is not a FACTOR or BANK; ${NOT_SENT}`,
    );
    expect(await failure(["market", "buy"], { from: "outsider", listing: "1" })).to.equal(
      `--from: ${label("outsider", f.outsider)} is not eligible (NotRegistered); ${NOT_SENT}`,
    );
    expect(await failure(["market", "buy"], { from: "factor", listing: "1", maxPrice: "989,999.99" })).to.equal(
      `--max-price: 989,999.99 is below the quote 990,000.00; ${NOT_SENT}`,
    );
    expect(
      await failure(["market", "offer"], { from: "outsider", fragment: t2, amount: "1", expiry: f.inDays(3n) }),
    ).to.equal(`--from: ${label("outsider", f.outsider)} is not eligible (NotRegistered); ${NOT_SENT}`);
    expect(
      await failure(["market", "offer"], {
        from: "factor",
        fragment: t2,
        amount: "2,000,000.01",
        expiry: f.inDays(3n),
      }),
    ).to.equal(`--from: ${label("factor", f.factor)} holds 2,000,000.00, less than 2,000,000.01; ${NOT_SENT}`);
    expect(await failure(["market", "accept"], { from: "tier1", offer: "3" })).to.equal(
      `--offer: offer #3 is not live on deployment tasks-test (accepted, cancelled or never made); ${NOT_SENT}`,
    );
    expect(
      await failure(["market", "auction"], {
        from: "tier1",
        fragment: t2,
        reserve: "100",
        end: "2020-01-01T00:00:00Z",
      }),
    ).to.match(/^--end: 2020-01-01T00:00:00Z is not in the future \(chain time .*\); no transaction sent$/);
    expect(await failure(["market", "auction"], { from: "tier1", fragment: t2, reserve: "100", end: "91d" })).to.match(
      /^--end: .* is more than 90 days away \(latest .*\); no transaction sent$/,
    );
    expect(await failure(["market", "auction"], { from: "tier1", fragment: t2, reserve: "100", end: "soon" })).to.equal(
      `--end: is neither an ISO date-time nor a duration like "3d" or "12h30m" (got "soon"); ${NOT_SENT}`,
    );
    expect(await failure(["market", "bid"], { from: "factor", auction: "1", amount: "1" })).to.equal(
      `--auction: auction #1 is unknown on deployment tasks-test; ${NOT_SENT}`,
    );
    expect(await failure(["market", "recourse"], { from: "factor", listing: "1" })).to.equal(
      `--listing: listing #1 is not a recourse listing on deployment tasks-test; ${NOT_SENT}`,
    );
    expect(await failure(["market", "cancel"], { from: "factor", listing: "1" })).to.match(
      /^--from: factor \(0x[0-9a-fA-F]{40}\) is not the seller of listing #1; anyone may cancel it only after it expires at .*; no transaction sent$/,
    );
    expect(await ethers.provider.getBlockNumber()).to.equal(block);
  });

  it("decodes reverts found by the simulation (frozen buyer, paused market) and sends nothing", async () => {
    const f = await networkHelpers.loadFixture(marketMembers);
    await run(["market", "list"], { from: "tier1", fragment: f.t0, price: "990,000.00", expiry: f.inDays(9n) });
    await (await f.suite.cash.contract.connect(f.factor).approve(f.suite.addresses.market, 99_000_000n)).wait();
    const orderRef = ethers.encodeBytes32String("ORDER-1");
    await (await f.suite.registry.contract.connect(f.signers[4]).freezeWallet(f.factor.address, orderRef)).wait();
    let block = await ethers.provider.getBlockNumber();
    // The pre-flight check refuses a frozen buyer before any simulation. (A frozen seller no longer
    // blocks the sale: its proceeds are credited, see test/market/Safety.ts.)
    expect(await failure(["market", "buy"], { from: "factor", listing: "1" })).to.match(/^--from: factor \(0x/);
    expect(await ethers.provider.getBlockNumber()).to.equal(block);
    await (await f.suite.registry.contract.connect(f.signers[4]).unfreezeWallet(f.factor.address, orderRef)).wait();
    await (await f.suite.market.contract.connect(f.signers[3]).pause()).wait();
    block = await ethers.provider.getBlockNumber();
    expect(await failure(["market", "buy"], { from: "factor", listing: "1" })).to.equal(
      `buy listing #1 (${f.t0}) for at most 990,000.00 would fail: EnforcedPause: the contract is paused by the guardian; ${NOT_SENT}`,
    );
    expect(await ethers.provider.getBlockNumber()).to.equal(block);
  });
});
