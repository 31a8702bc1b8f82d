/**
 * Coupon schedule and per-unit amounts of a bond, and the allocation rule: mirror of
 * `contracts/libraries/BondMath.sol`, exact bigint maths with the contract's rounding.
 */
import { addMonths, Convention, fraction, interest } from "./daycount.js";

/** Coupon frequency (IBond.Frequency). */
export enum Frequency {
  Zero = 0,
  Annual = 1,
  SemiAnnual = 2,
  Quarterly = 3,
}

/** The terms a schedule depends on (a subset of IBond.Terms). */
export interface ScheduleTerms {
  denomination: bigint;
  issueDate: bigint;
  maturity: bigint;
  frequency: Frequency;
  dayCount: Convention;
}

export function perYear(frequency: Frequency): bigint {
  return [0n, 1n, 2n, 4n][frequency];
}

export function couponCount(t: ScheduleTerms): bigint {
  const f = perYear(t.frequency);
  if (f === 0n) return 1n;
  const months = 12n / f;
  let k = 1n;
  while (addMonths(t.issueDate, k * months) < t.maturity) k++;
  return k;
}

export function couponDate(t: ScheduleTerms, index: bigint, count = couponCount(t)): bigint {
  if (index >= count) return t.maturity;
  return addMonths(t.issueDate, index * (12n / perYear(t.frequency)));
}

/** The whole schedule: payment dates 1..count. */
export function couponDates(t: ScheduleTerms): bigint[] {
  const n = couponCount(t);
  return Array.from({ length: Number(n) }, (_, i) => couponDate(t, BigInt(i + 1), n));
}

/**
 * Scale of the per-unit distribution figures (BondMath.SCALE): 10,000 x the least common multiple
 * of every day-count denominator a schedule can produce, so every coupon per unit is exact.
 */
export const DISTRIBUTION_SCALE = 1_080_993_298_039_200_000n;

/** Interest per unit of period `index` from its start to `end`, rounded down to the base unit (display). */
export function couponPerUnit(t: ScheduleTerms, index: bigint, rateBp: bigint, end?: bigint): bigint {
  return couponPerUnitScaled(t, index, rateBp, end) / DISTRIBUTION_SCALE;
}

/**
 * Interest per unit of period `index` from its start to `end` (default: its payment date), in base
 * units x DISTRIBUTION_SCALE: exact, the figure holdings are paid on (BondMath.couponPerUnitScaled).
 */
export function couponPerUnitScaled(t: ScheduleTerms, index: bigint, rateBp: bigint, end?: bigint): bigint {
  const n = couponCount(t);
  const f = perYear(t.frequency);
  const start = index === 1n ? t.issueDate : couponDate(t, index - 1n, n);
  let periodStart = start;
  let periodEnd = t.maturity;
  if (f !== 0n) {
    const months = 12n / f;
    periodStart = addMonths(t.issueDate, (index - 1n) * months);
    periodEnd = addMonths(t.issueDate, index * months);
  }
  let e = end ?? couponDate(t, index, n);
  if (e < start) e = start;
  const [num, den] = fraction(t.dayCount, start, e, periodStart, periodEnd, f);
  return interest(t.denomination * DISTRIBUTION_SCALE, rateBp, num, den);
}

/**
 * What a distribution owed `owed` (scaled) takes from its funder once the carry (scaled) is used:
 * ceil((owed - carry) / scale), 0 when the carry covers it, and the carry left (BondMath.fundFromCarry).
 */
export function fundFromCarry(owed: bigint, carry: bigint): { amount: bigint; carry: bigint } {
  const amount = owed > carry ? (owed - carry + DISTRIBUTION_SCALE - 1n) / DISTRIBUTION_SCALE : 0n;
  return { amount, carry: carry + amount * DISTRIBUTION_SCALE - owed };
}

/** A payment of a scaled entitlement: base units paid (rounded down once) and the dust carried. */
export function payOut(owedScaled: bigint): { amount: bigint; dust: bigint } {
  return { amount: owedScaled / DISTRIBUTION_SCALE, dust: owedScaled % DISTRIBUTION_SCALE };
}

/** A recovery of `amount` with the carry over `units`: per unit (scaled) and the new carry (scaled). */
export function recoveryPerUnit(amount: bigint, carry: bigint, units: bigint): { perUnit: bigint; carry: bigint } {
  const pool = amount * DISTRIBUTION_SCALE + carry;
  const perUnit = pool / units;
  return { perUnit, carry: pool - perUnit * units };
}

/** Units filled for a bid at the clearing tick: units x fill / demand, rounded down. */
export function proRata(units: bigint, fill: bigint, demand: bigint): bigint {
  return (units * fill) / demand;
}

/** The clearing of a book: lowest tick whose cumulative demand covers `size`. */
export function clear(
  demandByTick: bigint[],
  size: bigint,
): { tick: number; fill: bigint; clearingDemand: bigint } | undefined {
  let below = 0n;
  for (let tick = 0; tick < demandByTick.length; tick++) {
    const d = demandByTick[tick];
    if (below + d >= size) return { tick, fill: size - below, clearingDemand: d };
    below += d;
  }
  return undefined;
}
