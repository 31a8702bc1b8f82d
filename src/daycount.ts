/**
 * Calendar maths and day-count conventions, mirror of `contracts/libraries/DayCount.sol`: same
 * integer maths on bigint, same rounding (down), so results equal the contracts' to the base unit.
 */

export const SECONDS_PER_DAY = 86_400n;

/** Day-count conventions (DayCount.Convention). */
export enum Convention {
  ActActIcma = 0,
  Act360 = 1,
  Act365F = 2,
  Thirty360 = 3,
}

export function isLeapYear(year: bigint): boolean {
  return (year % 4n === 0n && year % 100n !== 0n) || year % 400n === 0n;
}

export function daysInMonth(year: bigint, month: bigint): bigint {
  if (month === 2n) return isLeapYear(year) ? 29n : 28n;
  if (month === 4n || month === 6n || month === 9n || month === 11n) return 30n;
  return 31n;
}

/** Days since 1970-01-01 of a civil date (year >= 1970). */
export function daysFromCivil(year: bigint, month: bigint, day: bigint): bigint {
  const y = month <= 2n ? year - 1n : year;
  const era = y / 400n;
  const yoe = y - era * 400n;
  const doy = (153n * (month > 2n ? month - 3n : month + 9n) + 2n) / 5n + day - 1n;
  const doe = yoe * 365n + yoe / 4n - yoe / 100n + doy;
  return era * 146_097n + doe - 719_468n;
}

export function civilFromDays(dayNumber: bigint): [bigint, bigint, bigint] {
  const z = dayNumber + 719_468n;
  const era = z / 146_097n;
  const doe = z - era * 146_097n;
  const yoe = (doe - doe / 1460n + doe / 36_524n - doe / 146_096n) / 365n;
  const doy = doe - (365n * yoe + yoe / 4n - yoe / 100n);
  const mp = (5n * doy + 2n) / 153n;
  const day = doy - (153n * mp + 2n) / 5n + 1n;
  const month = mp < 10n ? mp + 3n : mp - 9n;
  return [yoe + era * 400n + (month <= 2n ? 1n : 0n), month, day];
}

export function toDate(timestamp: bigint): [bigint, bigint, bigint] {
  return civilFromDays(timestamp / SECONDS_PER_DAY);
}

export function fromDate(year: bigint, month: bigint, day: bigint): bigint {
  return daysFromCivil(year, month, day) * SECONDS_PER_DAY;
}

/** Unix seconds of an ISO date "YYYY-MM-DD" (midnight UTC): the one place human dates convert. */
export function isoToTimestamp(iso: string): bigint {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (m === null) throw new Error(`not an ISO date (YYYY-MM-DD): ${iso}`);
  return fromDate(BigInt(m[1]), BigInt(m[2]), BigInt(m[3]));
}

/** ISO date "YYYY-MM-DD" of a timestamp. */
export function timestampToIso(timestamp: bigint): string {
  const [y, m, d] = toDate(timestamp);
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** `timestamp` moved `months` months later, day clamped to the month end, time of day kept. */
export function addMonths(timestamp: bigint, months: bigint): bigint {
  const [y0, m0, d0] = toDate(timestamp);
  const total = y0 * 12n + (m0 - 1n) + months;
  const y = total / 12n;
  const m = (total % 12n) + 1n;
  const last = daysInMonth(y, m);
  return fromDate(y, m, d0 > last ? last : d0) + (timestamp % SECONDS_PER_DAY);
}

export function actualDays(start: bigint, end: bigint): bigint {
  if (end < start) throw new RangeError(`DayCountInvertedRange(${start}, ${end})`);
  return end / SECONDS_PER_DAY - start / SECONDS_PER_DAY;
}

/** 30/360 bond basis (ISDA 2006 4.16(f)). */
export function thirty360Days(start: bigint, end: bigint): bigint {
  if (end < start) throw new RangeError(`DayCountInvertedRange(${start}, ${end})`);
  const [y1, m1, d1r] = toDate(start);
  const [y2, m2, d2r] = toDate(end);
  const d1 = d1r === 31n ? 30n : d1r;
  const d2 = d2r === 31n && d1 === 30n ? 30n : d2r;
  return 360n * y2 + 30n * m2 + d2 - (360n * y1 + 30n * m1 + d1);
}

/** Exact year fraction [numerator, denominator] (see DayCount.fraction). */
export function fraction(
  convention: Convention,
  start: bigint,
  end: bigint,
  periodStart = 0n,
  periodEnd = 0n,
  frequency = 0n,
): [bigint, bigint] {
  if (convention === Convention.Thirty360) return [thirty360Days(start, end), 360n];
  const num = actualDays(start, end);
  if (convention === Convention.Act360) return [num, 360n];
  if (convention === Convention.Act365F) return [num, 365n];
  const periodDays = periodEnd > periodStart ? actualDays(periodStart, periodEnd) : 0n;
  if (periodDays === 0n || ![1n, 2n, 4n, 12n].includes(frequency)) {
    throw new RangeError(`DayCountInvalidPeriod(${periodStart}, ${periodEnd}, ${frequency})`);
  }
  return [num, periodDays * frequency];
}

/** amount x rateBp / 10,000 x numerator / denominator, rounded down. */
export function interest(amount: bigint, rateBp: bigint, numerator: bigint, denominator: bigint): bigint {
  return (amount * rateBp * numerator) / (10_000n * denominator);
}
