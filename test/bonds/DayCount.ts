import { expect } from "chai";

import {
  actualDays,
  addMonths,
  Convention,
  daysFromCivil,
  fraction,
  interest,
  isoToTimestamp as d,
  thirty360Days,
  timestampToIso,
  toDate,
} from "../../src/daycount.js";
import { couponDates, couponPerUnit, Frequency } from "../../src/coupons.js";
import { connection } from "../helpers/fixtures.js";
import type { DayCountProbe } from "../../types/ethers-contracts/index.js";

async function deployProbe() {
  return (await connection.ethers.deployContract("DayCountProbe")) as unknown as DayCountProbe;
}

/** mulberry32: a small seeded PRNG, so the property test replays the same cases. */
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

describe("DayCount", () => {
  describe("calendar", () => {
    it("converts civil dates both ways, including leap days", async () => {
      const probe = await connection.networkHelpers.loadFixture(deployProbe);
      expect(await probe.daysFromCivil(1970, 1, 1)).to.equal(0n);
      expect(await probe.daysFromCivil(2000, 3, 1)).to.equal(11017n);
      expect(daysFromCivil(2000n, 3n, 1n)).to.equal(11017n);
      expect(await probe.fromDate(2024, 2, 29)).to.equal(1709164800n);
      expect(await probe.toDate(1709164800n + 3600n)).to.deep.equal([2024n, 2n, 29n]);
      expect(await probe.isLeapYear(2000)).to.equal(true);
      expect(await probe.isLeapYear(2100)).to.equal(false);
      expect(await probe.isLeapYear(2024)).to.equal(true);
      expect(await probe.isLeapYear(2023)).to.equal(false);
    });

    it("adds months clamping to the month end and keeping the time of day", async () => {
      const probe = await connection.networkHelpers.loadFixture(deployProbe);
      const cases: [string, bigint, string][] = [
        ["2024-01-31", 1n, "2024-02-29"],
        ["2023-01-31", 1n, "2023-02-28"],
        ["2024-02-29", 12n, "2025-02-28"],
        ["2024-08-31", 1n, "2024-09-30"],
        ["2024-11-30", 3n, "2025-02-28"],
        ["2026-06-15", 6n, "2026-12-15"],
        ["2026-12-15", 1n, "2027-01-15"],
      ];
      for (const [from, months, to] of cases) {
        expect(await probe.addMonths(d(from) + 3661n, months)).to.equal(d(to) + 3661n, `${from} + ${months}`);
        expect(timestampToIso(addMonths(d(from), months))).to.equal(to);
      }
    });

    it("reverts DayCountInvertedRange(start, end) on an inverted range", async () => {
      const probe = await connection.networkHelpers.loadFixture(deployProbe);
      await expect(probe.actualDays(d("2024-01-02"), d("2024-01-01")))
        .to.be.revertedWithCustomError(probe, "DayCountInvertedRange")
        .withArgs(d("2024-01-02"), d("2024-01-01"));
      await expect(probe.thirty360Days(d("2024-01-02"), d("2024-01-01")))
        .to.be.revertedWithCustomError(probe, "DayCountInvertedRange")
        .withArgs(d("2024-01-02"), d("2024-01-01"));
    });
  });

  describe("conventions (published examples)", () => {
    it("ACT/360 and ACT/365F: 28 Dec 2007 to 28 Feb 2008 is 62 days (ISDA 2006 4.16(e), (d))", async () => {
      const probe = await connection.networkHelpers.loadFixture(deployProbe);
      expect(await probe.fraction(Convention.Act360, d("2007-12-28"), d("2008-02-28"), 0, 0, 0)).to.deep.equal([
        62n,
        360n,
      ]);
      expect(await probe.fraction(Convention.Act365F, d("2007-12-28"), d("2008-02-28"), 0, 0, 0)).to.deep.equal([
        62n,
        365n,
      ]);
      // Bill discounting: 1,000,000.00 at 3.00% for 62 days ACT/360 = 5,166.66 (rounded down).
      expect(await probe.interest(1_000_000_00n, 300, 62, 360)).to.equal(5_166_66n);
      expect(interest(1_000_000_00n, 300n, 62n, 360n)).to.equal(5_166_66n);
    });

    it("ACT/ACT ICMA regular semi-annual period 1 Nov 2003 - 1 May 2004 is 182/(182 x 2) = 0.5", async () => {
      const probe = await connection.networkHelpers.loadFixture(deployProbe);
      const [s, e] = [d("2003-11-01"), d("2004-05-01")];
      expect(await probe.fraction(Convention.ActActIcma, s, e, s, e, 2)).to.deep.equal([182n, 364n]);
    });

    it("ACT/ACT ICMA short first period 1 Feb - 1 Jul 1999, annual (ICMA rule 251 example): 150/365", async () => {
      const probe = await connection.networkHelpers.loadFixture(deployProbe);
      const [s, e, ps, pe] = [d("1999-02-01"), d("1999-07-01"), d("1998-07-01"), d("1999-07-01")];
      expect(await probe.fraction(Convention.ActActIcma, s, e, ps, pe, 1)).to.deep.equal([150n, 365n]);
      expect(fraction(Convention.ActActIcma, s, e, ps, pe, 1n)).to.deep.equal([150n, 365n]);
    });

    it("ACT/ACT ICMA accrued: 2,000,000 x 3.00% semi-annual, 1 Nov 2003 to 1 Feb 2004 = 92/364 of a coupon", async () => {
      const probe = await connection.networkHelpers.loadFixture(deployProbe);
      const [num, den] = await probe.fraction(
        Convention.ActActIcma,
        d("2003-11-01"),
        d("2004-02-01"),
        d("2003-11-01"),
        d("2004-05-01"),
        2,
      );
      expect([num, den]).to.deep.equal([92n, 364n]);
      // coupon per period 30,000.00 x 92 / 182 = 15,164.83 (down)
      expect(await probe.interest(2_000_000_00n, 300, num, den)).to.equal(15_164_83n);
    });

    it("ACT/ACT ICMA reverts DayCountInvalidPeriod(start, end, frequency) without a period or frequency", async () => {
      const probe = await connection.networkHelpers.loadFixture(deployProbe);
      await expect(probe.fraction(Convention.ActActIcma, 0, 86400, 0, 0, 2))
        .to.be.revertedWithCustomError(probe, "DayCountInvalidPeriod")
        .withArgs(0, 0, 2);
      await expect(probe.fraction(Convention.ActActIcma, 0, 86400, 0, 86400 * 10, 3))
        .to.be.revertedWithCustomError(probe, "DayCountInvalidPeriod")
        .withArgs(0, 86400 * 10, 3);
    });

    it("30/360 bond basis (ISDA 2006 4.16(f)) with month ends and leap days", async () => {
      const probe = await connection.networkHelpers.loadFixture(deployProbe);
      const cases: [string, string, bigint][] = [
        ["2007-01-31", "2007-02-28", 28n], // D1 31 -> 30
        ["2007-01-30", "2007-03-31", 60n], // D2 31 -> 30 since D1 = 30
        ["2007-02-28", "2007-03-31", 33n], // D2 stays 31 since D1 = 28
        ["2006-08-31", "2007-02-28", 178n],
        ["2008-02-29", "2009-02-28", 359n],
        ["2007-12-28", "2008-02-28", 60n],
        ["2007-10-31", "2008-11-28", 388n],
      ];
      for (const [s, e, days] of cases) {
        expect(await probe.thirty360Days(d(s), d(e))).to.equal(days, `${s} -> ${e}`);
        expect(thirty360Days(d(s), d(e))).to.equal(days, `${s} -> ${e} (sdk)`);
        expect(await probe.fraction(Convention.Thirty360, d(s), d(e), 0, 0, 0)).to.deep.equal([days, 360n]);
      }
    });

    it("counts actual days across leap years", async () => {
      const probe = await connection.networkHelpers.loadFixture(deployProbe);
      expect(await probe.actualDays(d("2024-01-01"), d("2025-01-01"))).to.equal(366n);
      expect(await probe.actualDays(d("2023-01-01"), d("2024-01-01"))).to.equal(365n);
      expect(await probe.actualDays(d("2099-12-31"), d("2100-03-01"))).to.equal(60n);
      expect(actualDays(d("2099-12-31"), d("2100-03-01"))).to.equal(60n);
    });
  });

  describe("SDK agrees with the contract (property test, 200 seeded random cases)", () => {
    it("fraction, addMonths, dates and interest are identical to the base unit", async () => {
      const probe = await connection.networkHelpers.loadFixture(deployProbe);
      const rnd = prng(20260101);
      const base = d("2000-01-01");
      for (let i = 0; i < 200; i++) {
        const start = base + BigInt(Math.floor(rnd() * 365 * 60)) * 86400n + BigInt(Math.floor(rnd() * 86400));
        const end = start + BigInt(Math.floor(rnd() * 365 * 5)) * 86400n;
        const months = BigInt(Math.floor(rnd() * 120));
        const conv = Math.floor(rnd() * 4) as Convention;
        const freq = [1n, 2n, 4n, 12n][Math.floor(rnd() * 4)];
        const pEnd = addMonths(start, 12n / freq);
        const e = conv === Convention.ActActIcma ? start + (end - start) / 8n : end;
        const sdk = fraction(conv, start, e, start, pEnd, freq);
        expect(await probe.fraction(conv, start, e, start, pEnd, freq)).to.deep.equal(sdk);
        expect(await probe.addMonths(start, months)).to.equal(addMonths(start, months));
        expect(await probe.toDate(end)).to.deep.equal(toDate(end));
        const rate = BigInt(Math.floor(rnd() * 1000));
        expect(await probe.interest(1_000_000_00n, rate, sdk[0], sdk[1])).to.equal(
          interest(1_000_000_00n, rate, sdk[0], sdk[1]),
        );
      }
    });

    it("coupon schedules of the SDK match BondMath (dates and per-unit amounts)", () => {
      // Cross-checked against the contract in test/bonds/Bond.ts; here, the schedule's shape.
      const t = {
        denomination: 100_00n,
        issueDate: d("2026-01-31"),
        maturity: d("2027-01-31"),
        frequency: Frequency.Quarterly,
        dayCount: Convention.ActActIcma,
      };
      expect(couponDates(t).map(timestampToIso)).to.deep.equal([
        "2026-04-30",
        "2026-07-31",
        "2026-10-31",
        "2027-01-31",
      ]);
      // Regular ICMA periods pay exactly rate / frequency: 100.00 x 3.00% / 4 = 0.75.
      expect(couponPerUnit(t, 2n, 300n)).to.equal(75n);
    });
  });
});
