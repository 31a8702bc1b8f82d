import { expect } from "chai";

import {
  couponDate,
  couponDates,
  couponPerUnit,
  couponPerUnitScaled,
  DISTRIBUTION_SCALE,
  fundFromCarry,
  Frequency,
} from "../../src/coupons.js";
import { Convention, isoToTimestamp } from "../../src/daycount.js";
import { connection } from "../helpers/fixtures.js";
import type { BondMathProbe } from "../../types/ethers-contracts/index.js";

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

async function deployProbe() {
  return (await connection.ethers.deployContract("BondMathProbe")) as unknown as BondMathProbe;
}

describe("Coupons (SDK src/coupons.ts against BondMath)", () => {
  it("gives the contract's schedule, per-unit coupons and accrued interest on 120 random bonds", async () => {
    const probe = await connection.networkHelpers.loadFixture(deployProbe);
    const rnd = prng(8);
    const base = isoToTimestamp("2000-01-01");
    for (let i = 0; i < 120; i++) {
      const frequency = Math.floor(rnd() * 4) as Frequency;
      const dayCount = (frequency === Frequency.Zero ? 1 + Math.floor(rnd() * 3) : Math.floor(rnd() * 4)) as Convention;
      const issueDate = base + BigInt(Math.floor(rnd() * 365 * 50)) * 86_400n + BigInt(Math.floor(rnd() * 86_400));
      const maturity = issueDate + BigInt(30 + Math.floor(rnd() * 365 * 7)) * 86_400n;
      const denomination = BigInt(1 + Math.floor(rnd() * 1_000_000));
      const rateBp = BigInt(Math.floor(rnd() * 2_000));
      const s = { denomination, issueDate, maturity, frequency, dayCount };
      const dates = couponDates(s);
      const index = BigInt(1 + Math.floor(rnd() * dates.length));
      const start = index === 1n ? issueDate : couponDate(s, index - 1n);
      const end = start + BigInt(Math.floor(rnd() * Number(dates[Number(index) - 1] - start + 1n)));
      const terms = {
        issuer: connection.ethers.ZeroAddress,
        leadUnderwriter: connection.ethers.ZeroAddress,
        currency: connection.ethers.ZeroAddress,
        denomination,
        size: 1n,
        issueDate,
        maturity,
        frequency,
        dayCount,
        bookOpen: 0n,
        bookClose: 0n,
        yieldMinBp: 0,
        yieldMaxBp: 0,
        tickBp: 1,
        minTicket: 1n,
        maxTicket: 1n,
        investorKinds: 1,
        gracePeriod: 0n,
        firstCallDate: 0n,
        callNotice: 0n,
        callPriceBp: 0,
        useOfProceeds: connection.ethers.ZeroHash,
        termSheetHash: connection.ethers.ZeroHash,
      };
      const [cDates, cPerUnit, cAccrued] = await probe.schedule.staticCall(terms, rateBp, index, end);
      const label = `case ${i}: ${JSON.stringify(s, (_, v) => (typeof v === "bigint" ? String(v) : v))}`;
      expect(cDates, label).to.deep.equal(dates);
      expect(cPerUnit, label).to.deep.equal(dates.map((_, k) => couponPerUnitScaled(s, BigInt(k + 1), rateBp)));
      expect(cAccrued, label).to.equal(couponPerUnitScaled(s, index, rateBp, end));
      // The display figure is the exact one rounded down.
      expect(couponPerUnit(s, index, rateBp, end), label).to.equal(cAccrued / DISTRIBUTION_SCALE);
    }
  });

  it("uses the contract's scale, which makes every day-count fraction exact", async () => {
    const probe = await connection.networkHelpers.loadFixture(deployProbe);
    expect(await probe.scale()).to.equal(DISTRIBUTION_SCALE);
    // 10,000 (basis points) x every denominator: 360 (ACT/360, 30/360), 365 (ACT/365F), and days in
    // the regular period x frequency for ACT/ACT ICMA (365, 366; 2 x 181..184; 4 x 89..92).
    const dens = [
      360n,
      365n,
      366n,
      ...[181n, 182n, 183n, 184n].map((d) => 2n * d),
      ...[89n, 90n, 91n, 92n].map((d) => 4n * d),
    ];
    for (const d of dens) expect(DISTRIBUTION_SCALE % (10_000n * d), `denominator ${d}`).to.equal(0n);
  });

  it("funds from the carry as the contract does on 200 random amounts", async () => {
    const probe = await connection.networkHelpers.loadFixture(deployProbe);
    const rnd = prng(14);
    for (let i = 0; i < 200; i++) {
      const owed = BigInt(Math.floor(rnd() * 1e9)) * BigInt(Math.floor(rnd() * 1e9)) * 1_000n + BigInt(i);
      const carry = i % 5 === 0 ? owed + 7n : (BigInt(Math.floor(rnd() * 1e9)) * DISTRIBUTION_SCALE) / 1_000_000_000n;
      const [amount, left] = await probe.fundFromCarry(owed, carry);
      expect(fundFromCarry(owed, carry)).to.deep.equal({ amount, carry: left });
      expect(left < DISTRIBUTION_SCALE || amount === 0n).to.equal(true);
    }
  });
});
