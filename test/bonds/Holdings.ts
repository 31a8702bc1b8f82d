import { expect } from "chai";

import { couponPerUnitScaled, fundFromCarry, Frequency, payOut } from "../../src/coupons.js";
import { addMonths, Convention } from "../../src/daycount.js";
import { deployBondsOn, SCALE } from "../helpers/bonds.js";
import { connection } from "../helpers/fixtures.js";

const { ethers, networkHelpers } = connection;
const FACE = 100_00n;

async function at(ts: bigint | number) {
  if (BigInt(ts) > BigInt(await networkHelpers.time.latest())) await networkHelpers.time.increaseTo(ts);
}

/** mulberry32: seeded, so the cases replay. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A bond whose holders bid `units` each at 3.25% (the only tick bid, so every bid fills in full),
 * finalised and delivered, the issuer's proceeds withdrawn: the bond then holds only what it owes.
 */
async function issue(units: bigint[], frequency: Frequency, dayCount: Convention, years: bigint) {
  const f = await deployBondsOn(connection);
  const size = units.reduce((a, b) => a + b, 0n);
  const base = await f.terms();
  const t = await f.terms({
    size,
    minTicket: 1n,
    maxTicket: size,
    frequency,
    dayCount,
    maturity: addMonths(BigInt(base.issueDate), 12n * years),
  });
  const bond = await f.createBond(t);
  const addr = await bond.getAddress();
  const inv = await f.investors(units.length, 0n);
  await at(t.bookOpen);
  for (const [i, u] of units.entries()) {
    await f.fund(inv[i], u * FACE);
    await (await f.cash.connect(inv[i]).approve(addr, u * FACE)).wait();
    await (await bond.connect(inv[i]).bid(u, 325)).wait();
  }
  await at(t.bookClose);
  await (await bond.connect(f.issuer).finalize(size)).wait();
  for (let id = 1n; id <= BigInt(units.length); id++) await (await bond.claimAllocation(id)).wait();
  await (await bond.connect(f.issuer).withdrawProceeds(size * FACE)).wait();
  const schedule = {
    denomination: FACE,
    issueDate: BigInt(t.issueDate),
    maturity: BigInt(t.maturity),
    frequency,
    dayCount,
  };
  return { ...f, t, bond, addr, inv, size, schedule };
}

/** Funds `amount` as the issuer (approving it) and calls fundCoupon. */
async function fundCoupon(f: Awaited<ReturnType<typeof issue>>, index: bigint, amount: bigint) {
  await f.fund(f.issuer, amount);
  await (await f.cash.connect(f.issuer).approve(f.addr, amount)).wait();
  return f.bond.connect(f.issuer).fundCoupon(index, amount);
}

describe("Bond: coupons per holding (issue 14, item 1)", () => {
  const oneAndFour = () => issue([1n, 4n], Frequency.Quarterly, Convention.ActActIcma, 1n);

  it("pays a holding floor(units x 0.8125), not units x 0.81; the issuer funds ceil(total); the dust is swept to zero", async () => {
    const f = await networkHelpers.loadFixture(oneAndFour);
    const [one, four] = f.inv;
    // 3.25% quarterly on 100.00, ACT/ACT ICMA regular period: 100.00 x 3.25% / 4 = 0.8125 a unit.
    const exact = (8_125n * SCALE) / 100n; // 81.25 base units, scaled
    expect(couponPerUnitScaled(f.schedule, 1n, 325n)).to.equal(exact);
    await at(await f.bond.couponDate(1));
    expect(await f.bond.couponPerUnit(1)).to.equal(81n); // the figure for reading, rounded down
    // Owed to the holdings: 5 x 0.8125 = 4.0625, funded rounded up: 4.07 (not 5 x 0.81 = 4.05).
    await expect(fundCoupon(f, 1n, 406n))
      .to.be.revertedWithCustomError(f.bond, "BondWrongCouponAmount")
      .withArgs(1n, 407n, 406n);
    await expect(fundCoupon(f, 1n, 407n))
      .to.emit(f.bond, "CouponFunded")
      .withArgs(1n, 81n, 407n, f.issuer.address);
    expect(await f.bond.distributed()).to.deep.equal([exact, (3n * SCALE) / 4n]); // 0.0075 carried
    expect(await f.bond.claimable(one.address)).to.equal(81n);
    expect(await f.bond.claimable(four.address)).to.equal(325n);
    // Before the fix: 0.81 and 4 x 0.81 = 3.24. Now: floor(0.8125) = 0.81 (0.0025 carries) and 3.25.
    {
      const tx = f.bond.connect(one).claimCoupons();
      await expect(tx).to.emit(f.bond, "CouponsClaimed").withArgs(one.address, 81n);
      await expect(tx).to.changeTokenBalances(ethers, f.cash, [one, f.bond], [81n, -81n]);
    }
    {
      const tx = f.bond.connect(four).claimCoupons();
      await expect(tx).to.emit(f.bond, "CouponsClaimed").withArgs(four.address, 325n);
      await expect(tx).to.changeTokenBalances(ethers, f.cash, [four, f.bond], [325n, -325n]);
    }
    await expect(f.bond.connect(one).claimCoupons())
      .to.be.revertedWithCustomError(f.bond, "BondNothingToClaim")
      .withArgs(one.address);
    // 0.0075 of rounding up + 0.0025 left by the 1-unit holding = 0.01, all the bond holds.
    expect(await f.bond.distributed()).to.deep.equal([exact, SCALE]);
    expect(await f.cash.balanceOf(f.addr)).to.equal(1n);
    await expect(f.bond.connect(one).sweepCarry())
      .to.be.revertedWithCustomError(f.bond, "BondNotIssuer")
      .withArgs(one.address);
    {
      const tx = f.bond.connect(f.issuer).sweepCarry();
      await expect(tx).to.emit(f.bond, "CarrySwept").withArgs(f.issuer.address, 1n);
      await expect(tx).to.changeTokenBalances(ethers, f.cash, [f.issuer, f.bond], [1n, -1n]);
    }
    expect(await f.cash.balanceOf(f.addr)).to.equal(0n);
    expect(await f.bond.distributed()).to.deep.equal([exact, 0n]);
    await expect(f.bond.connect(f.issuer).sweepCarry()).to.be.revertedWithCustomError(f.bond, "BondZeroAmount");
  });

  it("carries the dust into the next funding: over the life the issuer pays exactly what is owed", async () => {
    const f = await networkHelpers.loadFixture(oneAndFour);
    const [one, four] = f.inv;
    const pay = async (k: bigint, amount: bigint) => {
      await at(await f.bond.couponDate(k));
      await expect(fundCoupon(f, k, amount))
        .to.emit(f.bond, "CouponFunded")
        .withArgs(k, 81n, amount, f.issuer.address);
    };
    // Coupon 1: 4.0625 owed, 4.07 paid (0.0075 carried); both claim (0.0025 more): carry 0.01.
    await pay(1n, 407n);
    await (await f.bond.connect(one).claimCoupons()).wait();
    await (await f.bond.connect(four).claimCoupons()).wait();
    // Coupon 2: 4.0625 - 0.01 = 4.0525, paid 4.06 (0.0075 carried). Coupon 3: 4.0625 - 0.0075 = 4.055,
    // paid 4.06 (0.005 carried). The 1-unit holding claims coupons 2 and 3 at once: 1.625 -> 1.62.
    await pay(2n, 406n);
    await pay(3n, 406n);
    await expect(f.bond.connect(one).claimCoupons()).to.emit(f.bond, "CouponsClaimed").withArgs(one.address, 162n);
    await expect(f.bond.connect(four).claimCoupons()).to.emit(f.bond, "CouponsClaimed").withArgs(four.address, 650n);
    expect((await f.bond.distributed())[1]).to.equal(SCALE); // 0.005 + 0.005
    // Coupon 4 (maturity): 4.0625 - 0.01 -> 4.06 (0.0075 carried); principal 500.00 - 0.0075 -> 500.00.
    await pay(4n, 406n);
    await f.fund(f.issuer, 500_00n);
    await (await f.cash.connect(f.issuer).approve(f.addr, 500_00n)).wait();
    await expect(f.bond.connect(f.issuer).fundRedemption(500_00n))
      .to.emit(f.bond, "RedemptionFunded")
      .withArgs(FACE, 500_00n, f.issuer.address);
    // Redeem: 100.00 + 0.8125 -> 100.81 (0.0025 carried); 400.00 + 3.25 = 403.25.
    await expect(f.bond.connect(one).redeem()).to.emit(f.bond, "Redeemed").withArgs(one.address, 1n, FACE, 81n);
    await expect(f.bond.connect(four).redeem())
      .to.emit(f.bond, "Redeemed")
      .withArgs(four.address, 4n, 4n * FACE, 325n);
    // Funded 4.07 + 4.06 x 3 + 500.00 = 516.25 = exactly 5 x (4 x 0.8125 + 100.00); paid 516.24;
    // the 0.01 the 1-unit holding's three rounded payments left is swept, and the bond holds zero.
    expect((await f.bond.distributed())[1]).to.equal(SCALE);
    expect(await f.cash.balanceOf(f.addr)).to.equal(1n);
    await (await f.bond.connect(f.issuer).sweepCarry()).wait();
    expect(await f.cash.balanceOf(f.addr)).to.equal(0n);
  });

  it("SDK parity: funding, claimable, claims and redemption match src/coupons.ts across random holdings and transfers", async function () {
    this.timeout(300_000);
    const rnd = prng(14);
    const units = Array.from({ length: 6 }, () => BigInt(1 + Math.floor(rnd() * 997)));
    // ACT/365F quarterly: coupons like 0.8103 a unit, never whole base units.
    const f = await issue(units, Frequency.Quarterly, Convention.Act365F, 2n);
    const holders = f.inv;
    // The model: balances, scaled entitlements, the accumulator and the carry (all from the SDK).
    const bal = [...units];
    const owed = units.map(() => 0n);
    let carry = 0n;
    const n = await f.bond.couponCount();
    for (let k = 1n; k <= n; k++) {
      // Transfers between coupons (the entitlement stays with the holder at funding time).
      for (let j = 0; j < 3; j++) {
        const from = Math.floor(rnd() * holders.length);
        const to = (from + 1 + Math.floor(rnd() * (holders.length - 1))) % holders.length;
        const amount = BigInt(Math.floor(rnd() * Number(bal[from] + 1n)));
        if (amount === 0n) continue;
        await (await f.bond.connect(holders[from]).transfer(holders[to].address, amount)).wait();
        bal[from] -= amount;
        bal[to] += amount;
      }
      await at(await f.bond.couponDate(k));
      const perUnit = couponPerUnitScaled(f.schedule, k, 325n);
      const due = fundFromCarry(perUnit * f.size, carry);
      await expect(fundCoupon(f, k, due.amount))
        .to.emit(f.bond, "CouponFunded")
        .withArgs(k, perUnit / SCALE, due.amount, f.issuer.address);
      carry = due.carry;
      for (let i = 0; i < holders.length; i++) owed[i] += bal[i] * perUnit;
      // Random claims.
      for (let i = 0; i < holders.length; i++) {
        expect(await f.bond.claimable(holders[i].address), `coupon ${k} holder ${i}`).to.equal(owed[i] / SCALE);
        if (rnd() < 0.5 || owed[i] < SCALE) continue;
        const p = payOut(owed[i]);
        await expect(f.bond.connect(holders[i]).claimCoupons())
          .to.emit(f.bond, "CouponsClaimed")
          .withArgs(holders[i].address, p.amount);
        owed[i] = 0n;
        carry += p.dust;
      }
      expect((await f.bond.distributed())[1], `carry after coupon ${k}`).to.equal(carry);
    }
    const due = fundFromCarry(FACE * SCALE * f.size, carry);
    await f.fund(f.issuer, due.amount);
    await (await f.cash.connect(f.issuer).approve(f.addr, due.amount)).wait();
    await (await f.bond.connect(f.issuer).fundRedemption(due.amount)).wait();
    carry = due.carry;
    for (let i = 0; i < holders.length; i++) {
      const total = owed[i] + bal[i] * FACE * SCALE;
      expect(await f.bond.redeemable(holders[i].address)).to.equal(total / SCALE);
      if (total < SCALE) continue;
      await expect(f.bond.connect(holders[i]).redeem()).to.changeTokenBalances(
        ethers,
        f.cash,
        [holders[i]],
        [total / SCALE],
      );
      carry += total % SCALE;
    }
    // Every holding paid: the bond holds exactly the carry, whole base units; swept, nothing.
    expect(carry % SCALE).to.equal(0n);
    expect(await f.cash.balanceOf(f.addr)).to.equal(carry / SCALE);
    if (carry !== 0n) await (await f.bond.connect(f.issuer).sweepCarry()).wait();
    expect(await f.cash.balanceOf(f.addr)).to.equal(0n);
  });
});
