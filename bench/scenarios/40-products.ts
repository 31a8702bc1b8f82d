import { deployProductsOn } from "../../test/helpers/products.js";
import type { BenchContext } from "../harness.js";

/**
 * Revenue-sharing product scenarios (issue 5).
 *
 * - product.subscribe: an investor who holds cash subscribes to a listed product (not the first subscriber).
 * - product.claim.10 / product.claim.1000: a holder's first claim of a distribution, on a tranche with
 *   10 and with 1,000 holders (the claimer already holds cash in both).
 * - product.collect.perFragment: (gas of a collect over 10 repaid fragments - gas of a collect over
 *   1 repaid fragment) / 9, i.e. the marginal cost of one more fragment in the page; the fixed part
 *   (fees, waterfall, tranche distribution) is what the 1-fragment collect costs beyond it.
 * - product.transfer: share transfer to a holder, after a distribution (corrections in use).
 * - product.auctionDefaulted / product.settleDisposalAuction: a defaulted fragment put up for auction
 *   at the factoring market (loss recorded, owed cash collected first), and the sold auction settled
 *   through the product (market settlement, proceeds into the waterfall and to the holders). Reported.
 */
export default async function products({ conn, measure, record }: BenchContext) {
  const { ethers, networkHelpers } = conn;
  const p = await deployProductsOn(conn, 12);
  const inv = p.investors;

  /** A listed single-tranche product over `n` fragments of 100,000.00 (cap n x 100,000.00). */
  async function listed(n: number) {
    const ids: bigint[] = [];
    for (let i = 0; i < n; i++) ids.push(await p.fragment(100_000_00n));
    const made = await p.create(ids, { seniorBps: 10_000, seniorRateBps: 0, servicingFeeBps: 50 });
    const listing = await p.listingFor(BigInt(n) * 100_000_00n, { exchangeFeeBps: 100, minRaise: 100_00n });
    await p.approveRateList(made.product, listing);
    return { ...made, ids, listing };
  }

  // ---------------------------------------------------------------- subscribe, 10 holders
  const a = await listed(10);
  for (const i of inv) await (await p.cash.connect(i).approve(a.address, ethers.MaxUint256)).wait();
  await (await a.product.connect(inv[0]).subscribe(0n, 100n)).wait();
  await measure(
    "product.subscribe",
    "investor holding cash subscribes 100 shares (second subscriber)",
    a.product.connect(inv[1]).subscribe(0n, 100n),
  );
  for (let i = 2; i < 10; i++) await (await a.product.connect(inv[i]).subscribe(0n, 100n)).wait();
  await networkHelpers.time.increaseTo(a.listing.closes + 1n);
  await (await a.product.closeOffering()).wait();
  for (let i = 0; i < 10; i++) await (await a.product.claimShares(inv[i].address, 0n)).wait();

  // ---------------------------------------------------------------- collect: 1 fragment, then 10
  for (const id of a.ids) await (await p.receivables.connect(p.debtor).repay(id >> 32n, 1_000_00n)).wait();
  const one = await measure(
    "product.collect.1",
    "collect a page of 1 repaid fragment (fees, waterfall, distribution included)",
    a.product.collect(0n, 1n),
  );
  for (const id of a.ids) await (await p.receivables.connect(p.debtor).repay(id >> 32n, 1_000_00n)).wait();
  const ten = await measure("product.collect.10", "collect a page of 10 repaid fragments", a.product.collect(0n, 10n));
  record(
    "product.collect.perFragment",
    "(collect.10 - collect.1) / 9: marginal gas of one more repaid fragment in a page",
    Math.round((ten - one) / 9),
  );
  await measure(
    "product.claim.10",
    "holder's first claim on a tranche with 10 holders (holder already holds cash)",
    a.tokens[0].connect(inv[2]).claim(),
  );
  await measure(
    "product.transfer",
    "share transfer to a holder after distributions (both accounts carry corrections)",
    a.tokens[0].connect(inv[3]).transfer(inv[4].address, 10n),
  );

  // ---------------------------------------------------------------- disposal by auction
  await networkHelpers.time.increase(250n * 24n * 3600n);
  await (await a.product.connect(p.factor).declareDefault(a.ids[0])).wait();
  const end = (await networkHelpers.time.latest()) + 86_400;
  await measure(
    "product.auctionDefaulted",
    "defaulted fragment auctioned at the market (loss recorded, owed cash collected, market custody)",
    a.product.connect(p.factor).auctionDefaulted(a.ids[0], 10_000_00n, 100_00n, end, 0),
  );
  await p.fund(p.treasury, 50_000_00n);
  await (await p.cash.connect(p.treasury).approve(await p.market.getAddress(), ethers.MaxUint256)).wait();
  await (await p.market.connect(p.treasury).bid(await a.product.auctionOf(a.ids[0]), 20_000_00n)).wait();
  await networkHelpers.time.increaseTo(end + 1);
  await measure(
    "product.settleDisposalAuction",
    "sold auction settled through the product: market settlement, net proceeds down the waterfall",
    a.product.settleDisposalAuction(a.ids[0]),
  );

  // ---------------------------------------------------------------- 1,000 holders
  const b = await listed(1);
  await (await p.cash.connect(inv[10]).approve(b.address, ethers.MaxUint256)).wait();
  await (await b.product.connect(inv[10]).subscribe(0n, 1000n)).wait();
  await networkHelpers.time.increaseTo(b.listing.closes + 1n);
  await (await b.product.closeOffering()).wait();
  await (await b.product.claimShares(inv[10].address, 0n)).wait();
  // 999 fresh wallets registered as investors, one share each; inv[10] keeps one: 1,000 holders.
  for (let i = 1; i < 1000; i++) {
    const h = ethers.Wallet.createRandom().address;
    await p.register(`BENCH-HOLDER-${i}`, h, "INVESTOR");
    await (await b.tokens[0].connect(inv[10]).transfer(h, 1n)).wait();
  }
  if ((await b.tokens[0].balanceOf(inv[10].address)) !== 1n) throw new Error("expected 1,000 holders");
  await (await p.receivables.connect(p.debtor).repay(b.ids[0] >> 32n, 1_000_00n)).wait();
  await (await b.product.collect(0n, 1n)).wait();
  await measure(
    "product.claim.1000",
    "holder's first claim on a tranche with 1,000 holders (holder already holds cash)",
    b.tokens[0].connect(inv[10]).claim(),
  );
}
