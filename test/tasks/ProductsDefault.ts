import { readFileSync, writeFileSync } from "node:fs";

import { expect } from "chai";

import { formatDate, parseTokenId } from "../../src/index.js";
import { BOOK, ethers, failure, networkHelpers, run } from "./helpers.js";
import { PARTIES, active, load, productMembers } from "./productsSetup.js";

const NOT_SENT = "no transaction sent";
const DAY = 86_400n;
const { time } = networkHelpers;

/**
 * The active product of productsSetup (acme's PF-1 600,000.00 and PF-2 400,000.00 to the factor,
 * 80% senior at 3.2%, servicing 0.5%, 1% exchange fee; inv1 5,000 and inv2 3,000 senior, tier1
 * 2,000 junior, closed) with the shares delivered. The market's fee admin has set a 1.00% fee to
 * the exchange; the factory's dust goes to the exchange too. Bidders: bidder (FACTOR) and lender
 * (BANK) with 1,000,000.00 each; recovery (FACTOR, 500,000.00) is a disposal agent (it buys at the
 * market's auction and pays further proceeds).
 */
async function activeProduct() {
  const f = await active();
  for (const investor of ["inv1", "inv2", "tier1"]) {
    await run(["product", "claim"], { from: "exchange", product: "#1", investor });
  }
  const [bidder, lender, recovery] = f.signers.slice(7, 10);
  const book = JSON.parse(readFileSync(BOOK, "utf8")) as Record<string, unknown>;
  for (const [name, s] of Object.entries({ bidder, lender, recovery })) {
    book[name] = { address: s.address, code: `91310000${name.toUpperCase()}01X` };
  }
  writeFileSync(BOOK, JSON.stringify(book));
  for (const [participant, kinds, amount] of [
    ["bidder", "FACTOR", "1,000,000.00"],
    ["lender", "BANK", "1,000,000.00"],
    ["recovery", "FACTOR", "500,000.00"],
  ]) {
    await run(["participants", "register"], { participant, kinds, kycExpiry: "2099-12-31" });
    await run(["cash", "mint"], { to: participant, amount });
  }
  const feeAdmin = f.signers[5];
  await (await f.suite.market.contract.connect(feeAdmin).setTreasury(f.exchange.address)).wait();
  await (await f.suite.market.contract.connect(feeAdmin).setFee(100)).wait();
  await (await f.suite.products.contract.connect(feeAdmin).setTreasury(f.exchange.address)).wait();
  const product = f.product;
  const dueDate = (await f.suite.receivables.root(parseTokenId(f.fragments[1]) >> 32n))!.dueDate;
  // Due date + 7 days' grace + 30 days' default period (the hardhat parameters).
  const defaultableAt = dueDate + 37n * DAY;
  return {
    ...f,
    book,
    bidder,
    lender,
    recovery,
    product,
    handle: f.suite.products.product(product),
    dueDate,
    defaultableAt,
    /** PF-2's fragment (400,000.00), the one that defaults. */
    bad: f.fragments[1],
    badId: parseTokenId(f.fragments[1]),
  };
}

/** ...past PF-2's default date, with PF-2 declared defaulted through the task. */
async function defaulted() {
  const f = await activeProduct();
  await time.increaseTo(f.defaultableAt + 1n);
  const declared = await run(["product", "default"], { from: "factor", product: "#1", fragment: f.bad });
  return { ...f, declared };
}

describe("Tasks: product defaults and disposal", () => {
  it("declares default, auctions at the market, and settles a sold auction: net proceeds into the waterfall", async () => {
    const f = await load(defaulted);
    const hash = f.declared.result as string;
    expect(f.declared.out).to.contain(
      `declare default on ${f.bad} of ${f.product} (receivable ${f.roots[1]}, 400,000.00 unpaid): tx ${hash}`,
    );
    expect(f.declared.out).to.contain(
      `receivable ${f.roots[1]} is Defaulted; the fragment's loss would be 400,000.00 (next: product auction or write-off)`,
    );
    expect((await f.suite.receivables.root(f.badId >> 32n))!.status).to.equal("Defaulted");
    expect((await f.handle.basket())[1].custody).to.equal("Held");

    const a = await run(["product", "auction"], {
      from: "factor",
      product: "#1",
      fragment: f.bad,
      reserve: "100,000.00",
      minIncrement: "5,000.00",
      end: "7d",
    });
    const { auctionId } = a.result as { hash: string; auctionId: bigint };
    expect(auctionId).to.equal(1n);
    const auction = (await f.handle.disposalAuction(f.badId))!;
    expect(a.out).to.contain(
      `auction ${f.bad} of ${f.product} (value 400,000.00, loss 400,000.00) at the market: reserve 100,000.00, min increment 5,000.00, ending ${formatDate(auction.endTime)}, bidders FACTOR|BANK: tx`,
    );
    expect(a.out).to.contain("auction #1 at the market; loss recorded 400,000.00");
    expect(a.out).to.contain(`auction #1: ${f.bad} by ${f.product}, open`);
    expect(a.out).to.contain(
      "losses 400,000.00: senior written down 200,000.00, junior written down 200,000.00; senior balance 800,000.00",
    );
    expect(a.out).to.match(new RegExp(`${f.bad}\\s+Auctioned\\s+400,000\\.00\\s+0\\.00\\s+#1`));
    expect((await f.handle.basket())[1]).to.deep.include({ custody: "Auctioned", auctionId: 1n });
    expect(await f.suite.receivables.contract.ownerOf(f.badId)).to.equal(f.addresses["Market#FactoringMarket"]);
    expect(auction).to.deep.include({ seller: f.product, reserve: 100_000_00n, minIncrement: 5_000_00n, open: true });

    await run(["market", "bid"], { from: "bidder", auction: "1", amount: "300,000.00" });
    await run(["market", "bid"], { from: "lender", auction: "1", amount: "310,000.00" });
    expect(await failure(["product", "settle-auction"], { product: "#1", fragment: f.bad })).to.match(
      new RegExp(
        `^--fragment: auction #1 of ${f.bad} runs until ${formatDate(auction.endTime)} \\(chain time .*\\); settle after that; ${NOT_SENT}$`,
      ),
    );

    await time.increaseTo(auction.endTime + 1n);
    const at = auction.endTime + 10n;
    const preview = await f.handle.previewDisposalSettlement(f.badId);
    expect(preview).to.deep.include({ sold: true, winner: f.lender.address, bid: 310_000_00n, fee: 3_100_00n });
    const split = await f.handle.previewDistribution(preview.proceeds, at);
    await time.setNextBlockTimestamp(at);
    const s = await run(["product", "settle-auction"], { product: "#1", fragment: f.bad });
    const r = s.result as { hash: string; sold: boolean; winner: string; proceeds: bigint };
    expect(r).to.deep.include({ sold: true, winner: f.lender.address, proceeds: 306_900_00n });
    expect(s.out).to.contain(
      `auction #1: sells to lender (${f.lender.address}) for 310,000.00, market fee 1% = 3,100.00, 306,900.00 net to the product`,
    );
    expect(s.out).to.contain(`settle the disposal auction #1 of ${f.bad} (${f.product}): tx ${r.hash}`);
    expect(s.out).to.contain(
      `sold to lender (${f.lender.address}) for 310,000.00: 306,900.00 net to the product (market fee 3,100.00); ${f.bad} is Released`,
    );
    const fmt = (x: bigint) => f.suite.cash.format(x);
    expect(s.out).to.contain(
      `distributed: gross 306,900.00: servicing fee 1,534.50, exchange fee 3,069.00, senior interest ${fmt(split.seniorInterest)}, senior principal ${fmt(split.seniorPrincipal)}, junior 0.00`,
    );
    const [d] = await f.handle.distributions();
    expect([d.args.gross, d.args.seniorInterest, d.args.seniorPrincipal]).to.deep.equal([
      306_900_00n,
      split.seniorInterest,
      split.seniorPrincipal,
    ]);
    // 306,900.00 recovered of the 400,000.00 loss: senior written 200,000.00 -> 0, junior 200,000.00 -> 93,100.00.
    expect(s.out).to.contain("losses 93,100.00: senior written down 0.00, junior written down 93,100.00");
    expect((await f.handle.basket())[1]).to.deep.equal({
      tokenId: f.badId,
      custody: "Released",
      value: 400_000_00n,
      collectable: 0n,
    });
    expect(await f.suite.receivables.contract.ownerOf(f.badId)).to.equal(f.lender.address);
    expect((await f.handle.waterfall()).losses).to.equal(93_100_00n);
    expect(await f.suite.cash.balanceOf(f.exchange.address)).to.equal(3_100_00n + 10_000_00n + 3_069_00n);
  });

  it("writes off; an unsold auction comes back into custody written off; wind-down waits for everything, then closes", async () => {
    const f = await load(defaulted);
    const w = await run(["product", "write-off"], { from: "factor", product: "#1", fragment: f.bad });
    expect(w.out).to.contain(`write off ${f.bad} of ${f.product} (loss 400,000.00): tx ${w.result}`);
    expect(w.out).to.contain(
      "written off: loss 400,000.00 (junior written 200,000.00, senior written 200,000.00); later repayments still collect",
    );
    expect((await f.handle.basket())[1].custody).to.equal("WrittenOff");
    expect((await f.handle.tranches()).map((t) => t.written)).to.deep.equal([200_000_00n, 200_000_00n]);

    const end = formatDate(BigInt(await time.latest()) + 2n * DAY + 3_600n);
    const a = await run(["product", "auction"], {
      from: "factor",
      product: "#1",
      fragment: f.bad,
      reserve: "50,000.00",
      end,
      buyerKinds: "BANK",
    });
    expect(a.out).to.contain(
      `auction ${f.bad} of ${f.product} (value 400,000.00, written off) at the market: reserve 50,000.00, min increment 0.01, ending ${end}, bidders BANK: tx`,
    );
    expect(a.out).to.contain("auction #1 at the market; loss recorded 400,000.00");
    expect((await f.handle.waterfall()).losses).to.equal(400_000_00n);
    expect(await failure(["market", "bid"], { from: "bidder", auction: "1", amount: "60,000.00" })).to.contain(
      "is not a BANK",
    );
    expect(await failure(["product", "wind-down"], { product: "#1" })).to.equal(
      `--product: ${f.bad} is on auction (#1); settle it first (product settle-auction); ${NOT_SENT}`,
    );

    await time.increaseTo(BigInt(Date.parse(end) / 1000) + 1n);
    const s = await run(["product", "settle-auction"], { from: "inv1", product: "#1", fragment: f.bad });
    expect(s.result).to.deep.include({ sold: false, winner: undefined, proceeds: 0n });
    expect(s.out).to.contain("auction #1: not sold (no bid); the fragment comes back into custody, written off");
    expect(s.out).to.contain(
      `not sold: ${f.bad} is back in custody, written off (auction it again with product auction)`,
    );
    expect(s.out).to.contain("losses 400,000.00: senior written down 200,000.00, junior written down 200,000.00");
    expect((await f.handle.basket())[1].custody).to.equal("WrittenOff");
    expect(await f.suite.receivables.contract.ownerOf(f.badId)).to.equal(f.product);
    expect((await f.handle.distributions()).length).to.equal(0);

    // PF-1 is overdue, then repaid but not collected: wind-down says what is missing.
    expect(await failure(["product", "wind-down"], { product: "#1" })).to.equal(
      `--product: ${f.fragments[0]} is held and its receivable is Overdue: it must be repaid and collected, or written off or auctioned first; ${NOT_SENT}`,
    );
    await run(["receivable", "repay"], { from: "acme", root: f.roots[0], amount: "600,000.00" });
    expect(await failure(["product", "wind-down"], { product: "#1" })).to.equal(
      `--product: ${f.fragments[0]} has 600,000.00 to collect first (product collect); ${NOT_SENT}`,
    );
    await run(["product", "collect"], { product: "#1" });
    const dust = await f.suite.cash.balanceOf(f.product);
    const before = await f.suite.cash.balanceOf(f.exchange.address);
    const wd = await run(["product", "wind-down"], { product: "#1" });
    expect(wd.out).to.contain(
      `wind down ${f.product} (cash held ${f.suite.cash.format(dust)}; the dust to the treasury exchange (${f.exchange.address})): tx ${wd.result}`,
    );
    expect(wd.out).to.contain(`closed: ${f.suite.cash.format(dust)} of dust to exchange (${f.exchange.address})`);
    expect(wd.out).to.contain("phase Closed");
    expect(await f.handle.phase()).to.equal("Closed");
    expect(await f.suite.cash.balanceOf(f.exchange.address)).to.equal(before + dust);
    expect(await f.suite.cash.balanceOf(f.product)).to.equal(0n);
  });

  it("sells a defaulted fragment at auction to a disposal agent, who pays further proceeds into the waterfall (approving first)", async () => {
    const f = await load(defaulted);
    // No hand-over for disposal (issue 12): the fragment leaves custody by auction only.
    await run(["product", "auction"], {
      from: "factor",
      product: "#1",
      fragment: f.bad,
      reserve: "50,000.00",
      end: "1d",
    });
    await run(["market", "bid"], { from: "recovery", auction: "1", amount: "50,000.00" });
    await time.increase(DAY + 1n);
    const s = await run(["product", "settle-auction"], { product: "#1", fragment: f.bad });
    // 50,000.00 less the market's 1% = 49,500.00 to the product.
    expect(s.result).to.deep.include({ sold: true, winner: f.recovery.address, proceeds: 49_500_00n });
    expect(await f.suite.receivables.contract.ownerOf(f.badId)).to.equal(f.recovery.address);
    expect((await f.handle.basket())[1].custody).to.equal("Released");
    expect((await f.handle.waterfall()).losses).to.equal(400_000_00n - 49_500_00n);

    // The approval is mined at `at`; the payment a second or so later: its split is previewed for each candidate time.
    const at = BigInt(await time.latest()) + 100n;
    const splits = new Map<bigint, Awaited<ReturnType<typeof f.handle.previewDistribution>>>();
    for (let t = at + 1n; t <= at + 5n; t++) splits.set(t, await f.handle.previewDistribution("150,000.00", t));
    await time.setNextBlockTimestamp(at);
    const p = await run(["product", "proceeds"], {
      from: "recovery",
      product: "#1",
      fragment: f.bad,
      amount: "150,000.00",
    });
    expect(p.out).to.match(/^\[1\/2\] approve the product for 150,000\.00: tx 0x/m);
    expect(p.out).to.contain(
      `[2/2] pay 150,000.00 of disposal proceeds for ${f.bad} into ${f.product}: tx ${p.result}`,
    );
    const mined = await ethers.provider.getBlock(
      (await ethers.provider.getTransactionReceipt(p.result as string))!.blockNumber,
    );
    const split = splits.get(BigInt(mined!.timestamp))!;
    const fmt = (x: bigint) => f.suite.cash.format(x);
    expect(p.out).to.contain(
      `distributed: gross 150,000.00: servicing fee 750.00, exchange fee 1,500.00, senior interest ${fmt(split.seniorInterest)}, senior principal ${fmt(split.seniorPrincipal)}, junior 0.00`,
    );
    expect(p.out).to.contain("losses 200,500.00: senior written down 500.00, junior written down 200,000.00");
    const [ev] = await f.handle.disposalProceeds(f.badId);
    expect([ev.args.payer, ev.args.amount]).to.deep.equal([f.recovery.address, 150_000_00n]);
    expect(await f.suite.cash.balanceOf(f.recovery.address)).to.equal(300_000_00n);
    expect((await f.handle.waterfall()).collected).to.equal(49_500_00n + 150_000_00n);
  });

  it("dry runs simulate each step and send nothing", async () => {
    const f = await load(activeProduct);
    await time.increaseTo(f.defaultableAt + 1n);
    let block = await ethers.provider.getBlockNumber();
    const d = await run(["product", "default"], { from: "factor", product: "#1", fragment: f.bad, dryRun: true });
    expect(d.out).to.contain(`dry run: declare default on ${f.bad} of ${f.product}`);
    expect(d.out).to.match(/would succeed \(gas \d+\); no transaction sent/);
    expect(await ethers.provider.getBlockNumber()).to.equal(block);
    expect((await f.suite.receivables.root(f.badId >> 32n))!.status).to.equal("Confirmed");

    await run(["product", "default"], { from: "factor", product: "#1", fragment: f.bad });
    block = await ethers.provider.getBlockNumber();
    const a = await run(["product", "auction"], {
      from: "factor",
      product: "#1",
      fragment: f.bad,
      reserve: "100,000.00",
      end: "3d12h",
      dryRun: true,
    });
    expect(a.out).to.match(
      /^dry run: auction .* bidders FACTOR\|BANK would succeed \(gas \d+\); no transaction sent$/m,
    );
    expect(await ethers.provider.getBlockNumber()).to.equal(block);
    expect((await f.handle.basket())[1].custody).to.equal("Held");

    await run(["product", "auction"], { from: "factor", product: "#1", fragment: f.bad, reserve: "1.00", end: "1d" });
    await run(["market", "bid"], { from: "bidder", auction: "1", amount: "123,456.78" });
    await time.increase(DAY + 1n);
    block = await ethers.provider.getBlockNumber();
    const s = await run(["product", "settle-auction"], { product: "#1", fragment: f.bad, dryRun: true });
    // 123,456.78 less 1%: fee floor(1,234.5678) = 1,234.56, net 122,222.22.
    expect(s.out).to.contain(
      `auction #1: sells to bidder (${f.bidder.address}) for 123,456.78, market fee 1% = 1,234.56, 122,222.22 net to the product`,
    );
    expect(s.out).to.match(/^dry run: settle the disposal auction #1 .* would succeed/m);
    expect(s.out).to.contain("would distribute 122,222.22: servicing fee 611.11, exchange fee 1,222.22");
    expect(await ethers.provider.getBlockNumber()).to.equal(block);
    expect((await f.handle.basket())[1].custody).to.equal("Auctioned");

    const r = await load(defaulted);
    await run(["product", "auction"], { from: "factor", product: "#1", fragment: r.bad, reserve: "1.00", end: "1d" });
    await run(["market", "bid"], { from: "recovery", auction: "1", amount: "1.00" });
    await time.increase(DAY + 1n);
    await run(["product", "settle-auction"], { product: "#1", fragment: r.bad });
    block = await ethers.provider.getBlockNumber();
    const p = await run(["product", "proceeds"], {
      from: "recovery",
      product: "#1",
      fragment: r.bad,
      amount: "10,000.00",
      dryRun: true,
    });
    expect(p.out).to.match(/^dry run: \[1\/2\] approve the product for 10,000\.00 would succeed/m);
    expect(p.out).to.contain(
      `dry run: then pay 10,000.00 of disposal proceeds for ${r.bad} into ${r.product}; ${NOT_SENT}`,
    );
    expect(p.out).to.contain("distributed: gross 10,000.00: servicing fee 50.00, exchange fee 100.00");
    expect(await ethers.provider.getBlockNumber()).to.equal(block);
  });

  it("refuses bad input with readable messages before sending anything", async () => {
    const f = await load(activeProduct);
    const block = await ethers.provider.getBlockNumber();
    const dflt = (over: Record<string, unknown>) =>
      failure(["product", "default"], { from: "factor", product: "#1", fragment: f.bad, ...over });
    expect(await dflt({})).to.match(
      new RegExp(
        `^--fragment: receivable ${f.roots[1]} \\(due ${formatDate(f.dueDate)}\\) is not yet defaultable: after ${formatDate(f.defaultableAt)} \\(due date \\+ grace \\+ default period\\); the chain's time is .*; ${NOT_SENT}$`,
      ),
    );
    expect(await dflt({ from: "inv1" })).to.equal(
      `--from: inv1 (${f.inv1.address}) is not the originator of ${f.product} (factor (${f.factor.address})); only the originator declares default; ${NOT_SENT}`,
    );
    expect(await dflt({ fragment: `${f.roots[1]}/1` })).to.equal(
      `--fragment: ${f.roots[1]}/1 is not in the basket of ${f.product} (${f.fragments.join(", ")}); ${NOT_SENT}`,
    );
    expect(await dflt({ fragment: "nope" })).to.contain("--fragment: is not a fragment id");
    expect(await failure(["product", "write-off"], { from: "factor", product: "#1", fragment: f.bad })).to.match(
      new RegExp(
        `^--fragment: receivable ${f.roots[1]} is Confirmed, not defaulted yet: it can be declared defaulted after ${formatDate(f.defaultableAt)} .*; ${NOT_SENT}$`,
      ),
    );
    expect(await failure(["product", "settle-auction"], { product: "#1", fragment: f.bad })).to.equal(
      `--fragment: ${f.bad} is Held; settling an auction needs it Auctioned; ${NOT_SENT}`,
    );
    expect(
      await failure(["product", "proceeds"], { from: "recovery", product: "#1", fragment: f.bad, amount: "1.00" }),
    ).to.equal(`--fragment: ${f.bad} is Held; disposal proceeds needs it Released; ${NOT_SENT}`);

    await time.increaseTo(f.defaultableAt + 1n);
    expect(
      await failure(["product", "auction"], {
        from: "factor",
        product: "#1",
        fragment: f.bad,
        reserve: "100,000.00",
        end: "7d",
      }),
    ).to.equal(
      `--fragment: receivable ${f.roots[1]} is Overdue, not defaulted yet: declare it defaulted first (product default); ${NOT_SENT}`,
    );
    await run(["product", "default"], { from: "factor", product: "#1", fragment: f.bad });
    const block2 = await ethers.provider.getBlockNumber();
    expect(await dflt({})).to.equal(
      `--fragment: receivable ${f.roots[1]} is already defaulted; next: product write-off or auction; ${NOT_SENT}`,
    );
    const auction = (over: Record<string, unknown>) =>
      failure(["product", "auction"], {
        from: "factor",
        product: "#1",
        fragment: f.bad,
        reserve: "100,000.00",
        end: "7d",
        ...over,
      });
    expect(await auction({ reserve: "400,000.01" })).to.equal(
      `--reserve: 400,000.01 is above the fragment's value 400,000.00; ${NOT_SENT}`,
    );
    expect(await auction({ reserve: "0" })).to.equal(`--reserve: must be greater than zero (got "0"); ${NOT_SENT}`);
    expect(await auction({ minIncrement: "-1" })).to.equal(
      `--min-increment: must not be negative (got "-1"); ${NOT_SENT}`,
    );
    expect(await auction({ end: "2020-01-01T00:00:00Z" })).to.match(
      new RegExp(`^--end: 2020-01-01T00:00:00Z is not in the future \\(chain time .*\\); ${NOT_SENT}$`),
    );
    expect(await auction({ end: "91d" })).to.match(
      /^--end: .* is more than 90 days away \(latest .*\); no transaction sent$/,
    );
    expect(await auction({ end: "soon" })).to.contain("--end: is neither an ISO date-time nor a duration");
    expect(await auction({ buyerKinds: "WHALE" })).to.contain("--buyer-kinds: is not a kind");
    expect(await auction({ from: "acme" })).to.contain(`--from: acme (${f.acme.address}) is not the originator`);
    expect(await auction({ fragment: f.fragments[0] })).to.equal(
      `--fragment: receivable ${f.roots[0]} is ${(await f.suite.receivables.root(parseTokenId(f.fragments[0]) >> 32n))!.state}, not defaulted yet: declare it defaulted first (product default); ${NOT_SENT}`,
    );
    expect(await failure(["product", "wind-down"], { product: "#1" })).to.contain(
      `--product: ${f.fragments[0]} is held and its receivable is`,
    );
    expect(await ethers.provider.getBlockNumber()).to.equal(block2);

    await run(["product", "auction"], { from: "factor", product: "#1", fragment: f.bad, reserve: "1.00", end: "1d" });
    expect(await failure(["product", "write-off"], { from: "factor", product: "#1", fragment: f.bad })).to.equal(
      `--fragment: ${f.bad} is on auction at the market (auction #1); settle it first (product settle-auction); a write-off needs it Held; ${NOT_SENT}`,
    );
    expect(await auction({})).to.equal(
      `--fragment: ${f.bad} is on auction at the market (auction #1); settle it first (product settle-auction); an auction needs it Held or WrittenOff; ${NOT_SENT}`,
    );
    expect(block2).to.equal(block + 2); // the increaseTo and the default
  });

  it("refuses on a product that is not active, and decodes a revert found by the simulation (paused product)", async () => {
    const f = await load(defaulted);
    await run(["product", "auction"], { from: "factor", product: "#1", fragment: f.bad, reserve: "1.00", end: "1d" });
    await time.increase(DAY + 1n);
    const guardian = f.signers[3];
    await (await f.suite.products.contract.connect(guardian).setProductPaused(f.product, true)).wait();
    const block = await ethers.provider.getBlockNumber();
    expect(await failure(["product", "settle-auction"], { product: "#1", fragment: f.bad })).to.equal(
      `settle the disposal auction #1 of ${f.bad} (${f.product}) would fail: ProductPaused: the product is paused by the guardian; ${NOT_SENT}`,
    );
    expect(await ethers.provider.getBlockNumber()).to.equal(block);
    expect((await f.handle.basket())[1].custody).to.equal("Auctioned");
    expect((await f.suite.market.auction(1n))!.open).to.equal(true);
    expect((await f.handle.previewDisposalSettlement(f.badId)).reason).to.equal("no bid");

    const m = await load(productMembers);
    await run(["product", "create"], {
      from: "factor",
      fragments: m.fragments[0],
      seniorShare: "100%",
      seniorRate: "2%",
      ...PARTIES,
    });
    const product = await m.suite.products.contract.productAt(0);
    expect(await failure(["product", "default"], { from: "factor", product: "#1", fragment: m.fragments[0] })).to.equal(
      `--product: ${product} is Originated; a default needs it Active; ${NOT_SENT}`,
    );
    expect(await failure(["product", "wind-down"], { product: "#1" })).to.equal(
      `--product: ${product} is Originated; a wind-down needs it Active; ${NOT_SENT}`,
    );
  });
});
