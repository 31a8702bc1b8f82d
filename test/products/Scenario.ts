import { expect } from "chai";

import { connection, ethers } from "../helpers/fixtures.js";
import { DAY } from "../helpers/foundation.js";
import { AA, Phase, deployProductsOn, type Products, type TrancheToken } from "../helpers/products.js";

const { networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

const MAG = 1n << 64n;
const SERVICING_BPS = 50n;
const EXCHANGE_BPS = 100n;
const RATE_BPS = 320n;
const YEAR_S = 365n * DAY;
const min = (a: bigint, b: bigint) => (a < b ? a : b);

/** Test oracle of one tranche token: the documented accumulator, corrections and floors. */
class TrancheModel {
  acc = 0n;
  supply = 0n;
  bal = new Map<string, bigint>();
  corr = new Map<string, bigint>();
  mint(to: string, n: bigint) {
    this.bal.set(to, (this.bal.get(to) ?? 0n) + n);
    this.corr.set(to, (this.corr.get(to) ?? 0n) - this.acc * n);
    this.supply += n;
  }
  transfer(from: string, to: string, n: bigint) {
    this.bal.set(from, this.bal.get(from)! - n);
    this.bal.set(to, (this.bal.get(to) ?? 0n) + n);
    this.corr.set(from, (this.corr.get(from) ?? 0n) + this.acc * n);
    this.corr.set(to, (this.corr.get(to) ?? 0n) - this.acc * n);
  }
  /** Returns the cash the token takes. */
  distribute(amount: bigint) {
    const per = (amount * MAG) / this.supply;
    this.acc += per;
    return (per * this.supply + MAG - 1n) / MAG;
  }
  claimable(a: string) {
    const g = this.acc * (this.bal.get(a) ?? 0n) + (this.corr.get(a) ?? 0n);
    return g <= 0n ? 0n : g / MAG;
  }
  claim(a: string) {
    const c = this.claimable(a);
    this.corr.set(a, (this.corr.get(a) ?? 0n) - c * MAG);
    return c;
  }
}

/**
 * The scenario: a factor pools ten fragments worth 5,000,000.00, a rating agency rates the
 * product AA, the exchange lists 80% senior at 3.2% and 20% junior, 30 investors subscribe.
 */
async function scenarioFixture() {
  const p = await deployProductsOn(connection, 30);
  const disposal = ethers.Wallet.createRandom().connect(ethers.provider);
  await networkHelpers.setBalance(disposal.address, 10n ** 21n);
  await p.register("DISPOSAL-AGENT", disposal.address, "FACTOR");
  await p.fund(disposal.address, 1_000_000_00n);
  const ids: bigint[] = [];
  for (let i = 0; i < 10; i++)
    ids.push(await p.fragment(500_000_00n, i === 9 ? 60n * DAY : BigInt(120 + 24 * i) * DAY));
  const { product, tokens, address } = await p.create(ids, {
    seniorBps: 8_000,
    seniorRateBps: Number(RATE_BPS),
    servicingFeeBps: Number(SERVICING_BPS),
  });
  expect(await product.faceValue()).to.equal(5_000_000_00n);
  const listing = await p.listingFor(5_000_000_00n, {
    exchangeFeeBps: Number(EXCHANGE_BPS),
    minRaise: 4_000_000_00n,
  });
  await (await product.connect(p.agent).approve()).wait();
  await (
    await product
      .connect(p.agency)
      .rate(AA, 2, (await p.latest()) + 365n * DAY, "ipfs://aa-report", ethers.id("aa-report"))
  ).wait();
  // The bound exchange proposes the terms; the originator accepts them (issue 12).
  await (await product.connect(p.exchange).list(listing)).wait();
  await p.accept(product, listing);
  await time.increaseTo(listing.opens);
  return { ...p, ids, product, tokens, address, listing, disposal };
}

/** Senior: investors 0-19 x 1,500 and 20-23 x 2,500 (40,000); junior: 24-28 x 1,500 and 29 x 2,500 (10,000). */
function plan(i: number): [bigint, bigint] {
  if (i < 20) return [0n, 1_500n];
  if (i < 24) return [0n, 2_500n];
  if (i < 29) return [1n, 1_500n];
  return [1n, 2_500n];
}

describe("Scenario: ten fragments, AA, 80% senior at 3.2% and 20% junior, 30 investors", () => {
  it("subscribes, trades, collects over time, auctions a default, winds down; every figure to the base unit", async () => {
    const p: Products & Awaited<ReturnType<typeof scenarioFixture>> = await loadFixture(scenarioFixture);
    const { product, tokens, investors } = p;
    const models = [new TrancheModel(), new TrancheModel()];

    for (const [i, inv] of investors.entries()) {
      const [t, shares] = plan(i);
      await p.subscribe(product, inv, t, shares);
    }
    await time.increaseTo(p.listing.closes + 1n);
    const close = product.closeOffering();
    await expect(close).to.emit(product, "OfferingClosed").withArgs(true, 5_000_000_00n, 4_950_000_00n, 50_000_00n);
    await expect(close).to.changeTokenBalances(ethers, p.cash, [p.factor, p.exchange], [4_950_000_00n, 50_000_00n]);
    const t0 = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
    for (const [i, inv] of investors.entries()) {
      const [t, shares] = plan(i);
      await (await product.claimShares(inv.address, t)).wait();
      models[Number(t)].mint(inv.address, shares);
    }
    expect(await tokens[0].totalSupply()).to.equal(40_000n);
    expect(await tokens[1].totalSupply()).to.equal(10_000n);

    // Waterfall oracle.
    let balance = 4_000_000_00n;
    let due = 0n;
    let accruedAt = t0;
    let feesToFactor = 0n;
    let feesToExchange = 0n;
    let collected = 0n;
    let dust = 0n;
    const paidOut = new Map<string, bigint>();

    async function expectDistribution(tx: Promise<unknown>, gross: bigint, literal?: bigint[]) {
      const receipt = await (await (tx as ReturnType<typeof product.collect>)).wait();
      const ts = BigInt((await ethers.provider.getBlock(receipt!.blockNumber))!.timestamp);
      const sf = (gross * SERVICING_BPS) / 10_000n;
      const ef = (gross * EXCHANGE_BPS) / 10_000n;
      let net = gross - sf - ef;
      if (balance > 0n) due += (balance * RATE_BPS * (ts - accruedAt)) / (10_000n * YEAR_S);
      accruedAt = ts;
      const interest = min(net, due);
      due -= interest;
      net -= interest;
      const principal = min(net, balance);
      balance -= principal;
      const junior = net - principal;
      const ev = receipt!.logs
        .map((l) => {
          try {
            return product.interface.parseLog(l);
          } catch {
            return null;
          }
        })
        .find((l) => l?.name === "Distributed");
      expect(ev, "Distributed").to.not.equal(undefined);
      expect(ev!.args.toArray()).to.deep.equal([gross, sf, ef, interest, principal, junior]);
      if (literal !== undefined) expect(ev!.args.toArray()).to.deep.equal(literal);
      feesToFactor += sf;
      feesToExchange += ef;
      collected += gross;
      const usedS = interest + principal > 0n ? models[0].distribute(interest + principal) : 0n;
      const usedJ = junior > 0n ? models[1].distribute(junior) : 0n;
      dust += interest + principal - usedS + junior - usedJ;
      const w = await product.waterfall();
      expect(w.seniorBalance).to.equal(balance);
      expect(w.interestDue).to.equal(due);
      for (const [t, token] of tokens.entries()) {
        for (const inv of investors)
          expect(await token.claimable(inv.address)).to.equal(models[t].claimable(inv.address));
      }
    }

    async function claimAll(token: TrancheToken, t: number) {
      for (const inv of investors) {
        const c = models[t].claimable(inv.address);
        if (c === 0n) continue;
        await expect(token.connect(inv).claim()).to.changeTokenBalances(ethers, p.cash, [inv], [c]);
        models[t].claim(inv.address);
        paidOut.set(inv.address, (paidOut.get(inv.address) ?? 0n) + c);
      }
    }

    async function trade(t: number, from: number, to: number, n: bigint) {
      await (await tokens[t].connect(investors[from]).transfer(investors[to].address, n)).wait();
      models[t].transfer(investors[from].address, investors[to].address, n);
    }

    async function repay(i: number, amount: bigint) {
      await (await p.receivables.connect(p.debtor).repay(p.ids[i] >> 32n, amount)).wait();
    }

    // Day 30: shares trade.
    await time.increaseTo(t0 + 30n * DAY);
    await trade(0, 0, 1, 500n);
    await trade(1, 24, 25, 300n);

    // Day 90: fragments 0 and 1 repaid, one in full and one in part; collected in two pages.
    await repay(0, 500_000_00n);
    await repay(1, 123_456_78n);
    await time.setNextBlockTimestamp(t0 + 90n * DAY);
    // 623,456.78: fees 3,117.28 + 6,234.56; interest 4,000,000.00 x 3.2% x 90/365 = 31,561.64;
    // principal the rest.
    await expectDistribution(product.collect(0n, 5n), 623_456_78n, [
      623_456_78n,
      3_117_28n,
      6_234_56n,
      31_561_64n,
      582_543_30n,
      0n,
    ]);
    await expect(product.collect(5n, 10n)).to.emit(product, "Collected").withArgs(5n, 10n, 0n);

    // Holders who sold after a distribution keep it; trades after it move later ones only.
    await trade(0, 2, 3, 1_500n);
    await claimAll(tokens[0], 0);

    // Day 100: fragment 9 defaulted, put up for auction on the factoring market until day 180.
    await time.increaseTo(t0 + 100n * DAY);
    await (await product.connect(p.factor).declareDefault(p.ids[9])).wait();
    await expect(product.connect(p.factor).auctionDefaulted(p.ids[9], 200_000_00n, 1_000_00n, t0 + 180n * DAY, 0))
      .to.emit(product, "LossAllocated")
      .withArgs(500_000_00n, 500_000_00n, 0n)
      .and.to.emit(product, "FragmentAuctioned")
      .withArgs(p.ids[9], 1n, 500_000_00n, 200_000_00n, t0 + 180n * DAY);
    // Day 120: the disposal agent, a factor, bids 312,345.67 (escrowed by the market; fee 0).
    await time.increaseTo(t0 + 120n * DAY);
    await (await p.cash.connect(p.disposal).approve(await p.market.getAddress(), 312_345_67n)).wait();
    await (await p.market.connect(p.disposal).bid(1n, 312_345_67n)).wait();

    // Day 150: fragments 1 (rest) to 5 repaid.
    await repay(1, 500_000_00n - 123_456_78n);
    for (let i = 2; i <= 5; i++) await repay(i, 500_000_00n);
    await time.setNextBlockTimestamp(t0 + 150n * DAY);
    await expectDistribution(product.collect(0n, 10n), 2_376_543_22n);
    await trade(0, 4, 5, 700n);
    await trade(1, 26, 27, 1_000n);

    // Day 200: anyone settles the auction through the product; the 312,345.67 enter the waterfall.
    await time.setNextBlockTimestamp(t0 + 200n * DAY);
    await expectDistribution(product.settleDisposalAuction(p.ids[9]), 312_345_67n);
    expect(await p.receivables.ownerOf(p.ids[9])).to.equal(p.disposal.address);

    // Day 300: fragments 6 to 8 repaid.
    for (let i = 6; i <= 8; i++) await repay(i, 500_000_00n);
    await time.setNextBlockTimestamp(t0 + 300n * DAY);
    await expectDistribution(product.collect(0n, 10n), 1_500_000_00n);
    expect(balance).to.equal(0n);

    // Wind-down: the product's residual cash goes to the treasury; holders claim after the close.
    const treasuryBefore = await p.cash.balanceOf(p.treasury.address);
    await expect(product.windDown()).to.emit(product, "ProductClosed").withArgs(dust, p.treasury.address);
    expect(await product.phase()).to.equal(Phase.Closed);
    expect((await p.cash.balanceOf(p.treasury.address)) - treasuryBefore).to.equal(dust);
    await claimAll(tokens[0], 0);
    await claimAll(tokens[1], 1);

    // Conservation: collected = fees + holder claims + dust + what the holder floors leave in the tokens.
    const claimed = [...paidOut.values()].reduce((a, b) => a + b, 0n);
    const leftInTokens =
      (await p.cash.balanceOf(await tokens[0].getAddress())) + (await p.cash.balanceOf(await tokens[1].getAddress()));
    expect(collected).to.equal(4_812_345_67n);
    expect(feesToFactor + feesToExchange + claimed + dust + leftInTokens).to.equal(collected);
    expect(leftInTokens).to.be.lessThan(BigInt(investors.length) * 4n);
    expect(await p.cash.balanceOf(p.address)).to.equal(0n);
  });

  it("refunds all 30 investors in full and returns the basket when the minimum is not raised", async () => {
    const p = await loadFixture(scenarioFixture);
    const { product, investors } = p;
    // Only 1,500 shares each from the first 20: 3,000,000.00 < 4,000,000.00.
    for (const inv of investors.slice(0, 20)) await p.subscribe(product, inv, 0n, 1_500n);
    for (const inv of investors.slice(20)) await p.subscribe(product, inv, 1n, 100n);
    await time.increaseTo(p.listing.closes + 1n);
    await expect(product.closeOffering()).to.emit(product, "OfferingClosed").withArgs(false, 3_100_000_00n, 0n, 0n);
    expect(await product.phase()).to.equal(Phase.Failed);
    for (const id of p.ids) expect(await p.receivables.ownerOf(id)).to.equal(p.factor.address);
    for (const [i, inv] of investors.entries()) {
      const [t, refund] = i < 20 ? [0n, 150_000_00n] : [1n, 10_000_00n];
      await expect(product.claimShares(inv.address, t)).to.changeTokenBalances(ethers, p.cash, [inv], [refund]);
      expect(await p.cash.balanceOf(inv.address)).to.equal(1_000_000_00n);
    }
    expect(await p.cash.balanceOf(p.address)).to.equal(0n);
  });
});
