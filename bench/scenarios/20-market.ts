import { deployMarketOn } from "../../test/helpers/market.js";
import type { BenchContext } from "../harness.js";

/** Factoring market scenarios (issue 4). */
export default async function market({ conn, measure }: BenchContext) {
  const { ethers } = conn;
  const m = await deployMarketOn(conn);
  const { market, receivables, supplier, factor, bank, bank2, debtor } = m;
  const latest = m.latest;
  const DAY = 86_400n;
  const listing = async (tokenId: bigint, over: Record<string, unknown> = {}) => ({
    tokenId,
    value: 0n,
    price: 0n,
    rateBps: 435n,
    basis: 0,
    expiry: (await latest()) + 7n * DAY,
    buyerKinds: 0n,
    recourse: false,
    collateral: 0n,
    ...over,
  });
  // Everyone already holds fragments and cash, the treasury has collected fees before.
  const warm = await m.payable(100_000_00n, "INV-WARM");
  await (await market.connect(supplier).list(await listing(warm.tokenId))).wait();
  await (await market.connect(factor).buy(1n, ethers.MaxUint256)).wait();

  await measure(
    "market.list",
    "list a whole confirmed fragment at a discount rate (market takes custody)",
    market.connect(supplier).list(await listing(m.token.tokenId)),
  );
  await measure(
    "market.buy",
    "buy a whole listed fragment at 4.35% ACT/360 with a 0.5% fee (buyer pays seller and treasury directly)",
    market.connect(factor).buy(2n, ethers.MaxUint256),
  );

  // The market already escrows another offer (its cash balance and the offer counter are warm).
  const other = await m.payable(10_000_00n, "INV-OTHER");
  await (
    await market
      .connect(bank2)
      .makeOffer(other.tokenId, await m.cash.getAddress(), 9_000_00n, (await latest()) + DAY, 10_000_00n)
  ).wait();
  const offered = await m.payable(50_000_00n, "INV-OFFER");
  await measure(
    "market.offer",
    "bank offers 49,000.00 for a fragment (cash escrowed)",
    market
      .connect(bank)
      .makeOffer(offered.tokenId, await m.cash.getAddress(), 49_000_00n, (await latest()) + DAY, 50_000_00n),
  );
  await measure(
    "market.acceptOffer",
    "holder accepts the offer (DvP from escrow, fee)",
    market.connect(supplier).acceptOffer(2n),
  );

  // Recourse: a recourse sale with collateral, then default and exercise.
  const rec = await m.payable(80_000_00n, "INV-RECOURSE", 30n * DAY);
  await (
    await market.connect(supplier).list(await listing(rec.tokenId, { recourse: true, collateral: 10_000_00n }))
  ).wait();
  await (await market.connect(factor).buy(3n, ethers.MaxUint256)).wait();

  // Auction of a fragment: first bid, then an outbidding bid (measured).
  const auctioned = await m.payable(60_000_00n, "INV-AUCTION");
  const end = (await latest()) + DAY;
  await (await market.connect(supplier).createAuction(auctioned.tokenId, 50_000_00n, 500_00n, end, 0)).wait();
  await (await market.connect(bank).bid(1n, 50_000_00n)).wait();
  await measure(
    "market.bid",
    "outbid the highest bidder (escrow pulled, previous bid becomes a pull refund)",
    market.connect(bank2).bid(1n, 51_000_00n),
  );
  await conn.networkHelpers.time.increaseTo(end + 1n);
  await measure(
    "market.settleAuction",
    "settle an auction with a winner (fragment to winner, bid less fee to seller, fee to treasury)",
    market.connect(debtor).settleAuction(1n),
  );

  await conn.networkHelpers.time.increaseTo(rec.due + 38n * DAY);
  await (await receivables.connect(factor).declareDefault(rec.tokenId)).wait();
  await measure(
    "market.exerciseRecourse",
    "buyer exercises recourse on a defaulted root (fragment back to seller, collateral to buyer, shortfall recorded)",
    market.connect(factor).exerciseRecourse(3n),
  );
}
