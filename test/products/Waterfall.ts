import { expect } from "chai";

import { connection, ethers } from "../helpers/fixtures.js";
import { DAY } from "../helpers/foundation.js";
import { Custody, Phase, deployProductsOn } from "../helpers/products.js";

const { networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

/** The worked example of docs/products.md, up to the close of the offering (day 0). */
async function exampleFixture() {
  const p = await deployProductsOn(connection, 4);
  const agent = (await ethers.getSigners())[17];
  await p.register("DISPOSAL-AGENT", agent, "FACTOR");
  await p.fund(agent, 1_000_000_00n);
  const f1 = await p.fragment(400_000_00n, 180n * DAY);
  const f2 = await p.fragment(400_000_00n, 180n * DAY);
  const f3 = await p.fragment(200_000_00n, 100n * DAY);
  const { product, tokens, address } = await p.create([f1, f2, f3], {
    seniorBps: 8_000,
    seniorRateBps: 320,
    servicingFeeBps: 50,
  });
  const listing = await p.listingFor(1_000_000_00n, { exchangeFeeBps: 100 });
  await p.approveRateList(product, listing);
  const [s1, s2, j1, j2] = p.investors;
  await p.subscribe(product, s1, 0n, 5_000n);
  await p.subscribe(product, s2, 0n, 3_000n);
  await p.subscribe(product, j1, 1n, 1_200n);
  await p.subscribe(product, j2, 1n, 800n);
  const t0 = listing.closes + 1n;
  await time.setNextBlockTimestamp(t0);
  await (await product.closeOffering()).wait();
  for (const [inv, t] of [
    [s1, 0n],
    [s2, 0n],
    [j1, 1n],
    [j2, 1n],
  ] as const) {
    await (await product.claimShares(inv.address, t)).wait();
  }
  return { ...p, agent, f1, f2, f3, product, tokens, address, t0, s1, s2, j1, j2 };
}

describe("Waterfall (docs/products.md worked example)", () => {
  it("pays the originator 990,000.00 and the exchange 10,000.00 at close", async () => {
    const p = await loadFixture(exampleFixture);
    expect(await p.product.phase()).to.equal(Phase.Active);
    expect((await p.product.tranche(0n)).principal).to.equal(800_000_00n);
    expect((await p.product.tranche(1n)).principal).to.equal(200_000_00n);
    expect((await p.product.waterfall()).seniorBalance).to.equal(800_000_00n);
    expect(await p.tokens[0].totalSupply()).to.equal(8_000n);
    expect(await p.tokens[1].totalSupply()).to.equal(2_000n);
  });

  it("distributes every collection exactly as the table says", async () => {
    const p = await loadFixture(exampleFixture);
    const { product, tokens, s1, s2, j1, j2 } = p;

    // Day 73: F1 repaid in full.
    await (await p.receivables.connect(p.debtor).repay(p.f1 >> 32n, 400_000_00n)).wait();
    await time.setNextBlockTimestamp(p.t0 + 73n * DAY);
    await expect(product.collect(0n, 3n))
      .to.emit(product, "Distributed")
      .withArgs(400_000_00n, 2_000_00n, 4_000_00n, 5_120_00n, 388_880_00n, 0n);
    expect((await product.waterfall()).seniorBalance).to.equal(411_120_00n);
    expect((await product.waterfall()).interestDue).to.equal(0n);
    await expect(tokens[0].connect(s1).claim()).to.changeTokenBalances(ethers, p.cash, [s1], [246_250_00n]);
    await expect(tokens[0].connect(s2).claim()).to.changeTokenBalances(ethers, p.cash, [s2], [147_750_00n]);
    expect(await tokens[1].claimable(j1.address)).to.equal(0n);

    // Day 146: F2 repaid in full.
    await (await p.receivables.connect(p.debtor).repay(p.f2 >> 32n, 400_000_00n)).wait();
    await time.setNextBlockTimestamp(p.t0 + 146n * DAY);
    await expect(product.collect(0n, 3n))
      .to.emit(product, "Distributed")
      .withArgs(400_000_00n, 2_000_00n, 4_000_00n, 2_631_16n, 391_368_84n, 0n);
    expect((await product.waterfall()).seniorBalance).to.equal(19_751_16n);
    await expect(tokens[0].connect(s1).claim()).to.changeTokenBalances(ethers, p.cash, [s1], [246_250_00n]);
    await expect(tokens[0].connect(s2).claim()).to.changeTokenBalances(ethers, p.cash, [s2], [147_750_00n]);

    // Day 150: F3 defaulted and put up for auction at the market (issue 12: a defaulted fragment
    // leaves custody only by auction); loss 200,000.00 on the junior.
    await time.increaseTo(p.t0 + 150n * DAY);
    await (await product.connect(p.factor).declareDefault(p.f3)).wait();
    const end = p.t0 + 218n * DAY;
    await expect(product.connect(p.factor).auctionDefaulted(p.f3, 100_000_00n, 1_000_00n, end, 0))
      .to.emit(product, "FragmentAuctioned")
      .withArgs(p.f3, 1n, 200_000_00n, 100_000_00n, end)
      .and.to.emit(product, "LossAllocated")
      .withArgs(200_000_00n, 200_000_00n, 0n);
    expect(await p.receivables.ownerOf(p.f3)).to.equal(await p.market.getAddress());
    expect((await product.tranche(1n)).written).to.equal(200_000_00n);
    expect((await product.tranche(0n)).written).to.equal(0n);
    expect((await product.basket())[1][2]).to.equal(Custody.Auctioned);

    // The disposal agent buys F3 for 150,000.00 (market fee 0); day 219: the sale is settled and
    // the disposal proceeds of 150,000.00 go through the waterfall.
    await (await p.cash.connect(p.agent).approve(await p.market.getAddress(), 150_000_00n)).wait();
    await (await p.market.connect(p.agent).bid(1n, 150_000_00n)).wait();
    await time.setNextBlockTimestamp(p.t0 + 219n * DAY);
    await expect(product.settleDisposalAuction(p.f3))
      .to.emit(product, "DisposalAuctionSettled")
      .withArgs(p.f3, 1n, p.agent.address, 150_000_00n)
      .and.to.emit(product, "Distributed")
      .withArgs(150_000_00n, 750_00n, 1_500_00n, 126_40n, 19_751_16n, 127_872_44n);
    expect(await p.receivables.ownerOf(p.f3)).to.equal(p.agent.address);
    expect((await product.basket())[1][2]).to.equal(Custody.Released);
    expect((await product.waterfall()).seniorBalance).to.equal(0n);
    expect((await product.tranche(1n)).written).to.equal(50_000_00n);
    await expect(tokens[0].connect(s1).claim()).to.changeTokenBalances(ethers, p.cash, [s1], [12_423_47n]);
    await expect(tokens[0].connect(s2).claim()).to.changeTokenBalances(ethers, p.cash, [s2], [7_454_08n]);

    // Wind-down: no dust in the product; junior holders claim after the close.
    await expect(product.windDown()).to.emit(product, "ProductClosed").withArgs(0n, p.treasury.address);
    await expect(tokens[1].connect(j1).claim()).to.changeTokenBalances(ethers, p.cash, [j1], [76_723_46n]);
    await expect(tokens[1].connect(j2).claim()).to.changeTokenBalances(ethers, p.cash, [j2], [51_148_97n]);
    // One base unit of holder floors is left in each tranche token.
    expect(await p.cash.balanceOf(await tokens[0].getAddress())).to.equal(1n);
    expect(await p.cash.balanceOf(await tokens[1].getAddress())).to.equal(1n);
  });
});
