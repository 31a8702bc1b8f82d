import type { HDNodeWallet as Wallet } from "ethers";

import { deployBondsOn } from "../../test/helpers/bonds.js";
import { DAY, YEAR } from "../../test/helpers/foundation.js";
import type { Bond } from "../../types/ethers-contracts/index.js";
import type { BenchContext } from "../harness.js";

/**
 * SME bonds: bidding, finalisation over the same 17 yield ticks with 10 and with 1,000 bids,
 * allocation claims, coupon claims with 10 and with 1,000 holders, transfer, redemption.
 */
export default async function bonds({ conn, measure, record }: BenchContext) {
  const { networkHelpers } = conn;
  const b = await deployBondsOn(conn);
  const UNITS = 1_000n;
  /** Moves the clock to `ts` unless it is already past it. */
  async function at(ts: bigint) {
    if (ts > BigInt(await networkHelpers.time.latest())) await networkHelpers.time.increaseTo(ts);
  }
  const FACE = 100_00n;

  /**
   * A 1-year semi-annual bond with `n` investors bidding UNITS each, spread over the 17 ticks, and
   * a size that only the highest tick covers, so finalisation walks every tick.
   */
  async function book(n: number) {
    const t = await b.terms({ size: BigInt(n) * UNITS - UNITS / 2n, minTicket: 1n, maxTicket: UNITS });
    t.maturity = BigInt(t.issueDate) + YEAR;
    const bond = await b.createBond(t);
    const investors: Wallet[] = await b.investors(n, UNITS * FACE * 2n, await bond.getAddress());
    await at(t.bookOpen);
    const ids: bigint[] = [];
    for (let i = 0; i < n; i++) {
      const yieldBp = 280 + 5 * (i % 17);
      ids.push(BigInt(i + 1));
      if (i === n - 1) {
        await measure(
          `bond.bid`,
          "bid at a tick that already has demand, cash escrowed (transferFrom)",
          bond.connect(investors[i]).bid(UNITS, yieldBp),
        );
        // Keep the last bid at the highest tick for an identical tick layout.
      } else {
        await (await bond.connect(investors[i]).bid(UNITS, i === n - 2 ? 360 : yieldBp)).wait();
      }
    }
    await at(t.bookClose);
    return { bond, t, investors, ids };
  }

  async function settle(bond: Bond, ids: bigint[], investors: Wallet[]) {
    for (let i = 0; i < ids.length; i++) await (await bond.connect(investors[i]).claimAllocation(ids[i])).wait();
  }

  // 10 bids.
  const small = await book(10);
  await measure(
    "bond.finalize.10",
    "finalize: 17 ticks, 10 bids, clearing at the highest tick",
    small.bond.connect(b.issuer).finalize(small.t.size),
  );
  await measure(
    "bond.claimAllocation",
    "bid filled in full below the clearing yield: bonds minted, no refund",
    small.bond.connect(small.investors[0]).claimAllocation(small.ids[0]),
  );
  await measure(
    "bond.claimAllocation.proRata",
    "bid at the clearing yield: bonds minted pro rata, excess cash refunded",
    small.bond.connect(small.investors[9]).claimAllocation(small.ids[9]),
  );
  await settle(small.bond, small.ids.slice(1, 9), small.investors.slice(1, 9));

  // 1,000 bids over the same ticks.
  const large = await book(1000);
  await measure(
    "bond.finalize.1000",
    "finalize: 17 ticks, 1,000 bids, clearing at the highest tick",
    large.bond.connect(b.issuer).finalize(large.t.size),
  );
  await settle(large.bond, large.ids, large.investors);

  // Coupons: fund coupon 1 on both bonds, then one holder of each claims.
  const c1 = await small.bond.couponDate(1);
  await at(c1);
  await at(await large.bond.couponDate(1));
  for (const bond of [small.bond, large.bond]) {
    const amount = (await bond.couponPerUnit(1)) * (await bond.totalSupply());
    await b.fund(b.issuer, amount);
    await (await b.cash.connect(b.issuer).approve(await bond.getAddress(), amount)).wait();
    await (await bond.connect(b.issuer).fundCoupon(1, amount)).wait();
  }
  await measure(
    "bond.claimCoupon.10",
    "claim coupon 1, 10 holders",
    small.bond.connect(small.investors[3]).claimCoupons(),
  );
  await measure(
    "bond.claimCoupon.1000",
    "claim coupon 1, 1,000 holders",
    large.bond.connect(large.investors[3]).claimCoupons(),
  );

  // Transfers: holders 3 and 4 of the small bond. After a coupon the first transfer of a holder
  // checkpoints it (writes); once checkpointed, transfers write no distribution state.
  const [h3, h4] = [small.investors[3], small.investors[4]];
  await measure(
    "bond.transferAfterCoupon",
    "transfer, recipient holds, recipient not yet checkpointed since the coupon",
    small.bond.connect(h3).transfer(h4.address, 10n),
  );
  await measure(
    "bond.transfer",
    "transfer, recipient holds, both checkpointed (no coupon funded since their last move)",
    small.bond.connect(h3).transfer(h4.address, 10n),
  );

  // Redemption of the small bond: coupon 2 at maturity, principal, one holder redeems.
  await at(await small.bond.couponDate(2));
  const supply = await small.bond.totalSupply();
  const c2 = (await small.bond.couponPerUnit(2)) * supply;
  const principal = FACE * supply;
  await b.fund(b.issuer, c2 + principal);
  await (await b.cash.connect(b.issuer).approve(await small.bond.getAddress(), c2 + principal)).wait();
  await (await small.bond.connect(b.issuer).fundCoupon(2, c2)).wait();
  await (await small.bond.connect(b.issuer).fundRedemption(principal)).wait();
  await measure(
    "bond.redeem",
    "redeem all units (burn) with principal and the unclaimed coupon 2 in one payment",
    small.bond.connect(h4).redeem(),
  );
  record("bond.ticks", "yield ticks walked by finalize in both books", 17);
  void DAY;
}
