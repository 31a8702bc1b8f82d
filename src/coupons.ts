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

/** Interest per unit of period `index` from its start to `end` (default: its payment date). */
export function couponPerUnit(t: ScheduleTerms, index: bigint, rateBp: bigint, end?: bigint): bigint {
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
  return interest(t.denomination, rateBp, num, den);
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
