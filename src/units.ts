/**
 * Human units <-> on-chain units, in one place for the SDK, the tasks and the demo. Every parser
 * is exact: it accepts only well-formed input it can represent without rounding and throws a
 * {@link UnitError} naming the field and the problem otherwise.
 */

/** Decimals of the settlement token (fen). */
export const CASH_DECIMALS = 2;

/** A human input that cannot be converted exactly. */
export class UnitError extends Error {
  constructor(
    readonly field: string,
    readonly input: unknown,
    problem: string,
  ) {
    super(`${field}: ${problem} (got ${JSON.stringify(String(input))})`);
    this.name = "UnitError";
  }
}

const DECIMAL = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

/**
 * Parses a non-negative decimal string ("1234.5", "1,234.50") into base units with `decimals`
 * fractional digits. Rejects signs, exponents, empty parts, and more fractional digits than the
 * token has (no silent rounding).
 */
export function parseAmount(input: string, decimals = CASH_DECIMALS, field = "amount"): bigint {
  const text = String(input).trim();
  if (text.startsWith("-")) throw new UnitError(field, input, "must not be negative");
  const m = DECIMAL.exec(text);
  if (m === null) throw new UnitError(field, input, "is not a decimal number like 1234.56");
  const whole = m[1].replaceAll(",", "");
  const frac = m[2] ?? "";
  if (frac.length > decimals) {
    throw new UnitError(field, input, `has more than ${decimals} decimal place${decimals === 1 ? "" : "s"}`);
  }
  return BigInt(whole) * 10n ** BigInt(decimals) + BigInt(frac.padEnd(decimals, "0") || "0");
}

/** Like {@link parseAmount} but also rejects zero. */
export function parsePositiveAmount(input: string, decimals = CASH_DECIMALS, field = "amount"): bigint {
  const v = parseAmount(input, decimals, field);
  if (v === 0n) throw new UnitError(field, input, "must be greater than zero");
  return v;
}

/** Formats base units as a decimal string with exactly `decimals` places ("1234.50"). */
export function formatAmount(units: bigint, decimals = CASH_DECIMALS, opts: { group?: boolean } = {}): string {
  const neg = units < 0n;
  const abs = neg ? -units : units;
  const scale = 10n ** BigInt(decimals);
  let whole = (abs / scale).toString();
  if (opts.group) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const frac = decimals > 0 ? "." + (abs % scale).toString().padStart(decimals, "0") : "";
  return `${neg ? "-" : ""}${whole}${frac}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * Parses an ISO 8601 date ("2027-06-30", midnight UTC) or date-time ("2027-06-30T12:00:00Z",
 * "2027-06-30T20:00+08:00"; without an offset, UTC) into unix seconds. Rejects impossible dates
 * such as 2027-02-30.
 */
export function parseDate(input: string, field = "date"): bigint {
  const text = String(input).trim();
  const m = ISO_DATE.exec(text);
  if (m === null) throw new UnitError(field, input, "is not an ISO date like 2027-06-30 or 2027-06-30T12:00:00Z");
  const [, y, mo, d, h = "00", mi = "00", s = "00", off = "Z"] = m;
  const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${off}`);
  const check = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (
    Number.isNaN(ms) ||
    check.getUTCFullYear() !== Number(y) ||
    check.getUTCMonth() !== Number(mo) - 1 ||
    check.getUTCDate() !== Number(d) ||
    Number(h) > 23 ||
    Number(mi) > 59 ||
    Number(s) > 59
  ) {
    throw new UnitError(field, input, "is not a valid calendar date/time");
  }
  return BigInt(ms / 1000);
}

/** Unix seconds -> ISO date-time in UTC ("2027-06-30T00:00:00Z"), or the date alone when midnight. */
export function formatDate(seconds: bigint | number): string {
  const iso = new Date(Number(seconds) * 1000).toISOString().replace(".000Z", "Z");
  return iso.endsWith("T00:00:00Z") ? iso.slice(0, 10) : iso;
}

/**
 * Parses a rate into basis points: "1.25%" -> 125, "125bps" / "125 bp" -> 125, "0.0125" is
 * rejected as ambiguous (write "1.25%"). A bare integer is read as basis points. At most 2 decimal
 * places of a percent (1 bp resolution); `max` bounds the result (default 10000 = 100%).
 */
export function parseBps(input: string, field = "rate", max = 10_000n): bigint {
  const text = String(input).trim().toLowerCase();
  let bps: bigint;
  let m: RegExpExecArray | null;
  if ((m = /^(\d+(?:\.\d+)?)\s*%$/.exec(text)) !== null) {
    const frac = m[1].split(".")[1] ?? "";
    if (frac.length > 2) throw new UnitError(field, input, "is finer than one basis point (0.01%)");
    bps = parseAmount(m[1], 2, field);
  } else if ((m = /^(\d+)\s*(?:bps?)?$/.exec(text)) !== null) {
    bps = BigInt(m[1]);
  } else {
    throw new UnitError(field, input, 'is not a rate like "1.25%" or "125bps"');
  }
  if (bps > max) throw new UnitError(field, input, `exceeds ${formatBps(max)}`);
  return bps;
}

/** Basis points -> "1.25%". */
export function formatBps(bps: bigint | number): string {
  return `${formatAmount(BigInt(bps), 2).replace(/\.?0+$/, "")}%`;
}

/** ISO 3166-1 alpha-2 ("CN") -> bytes2 hex ("0x434e"). */
export function parseJurisdiction(input: string, field = "jurisdiction"): string {
  const text = String(input).trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(text)) throw new UnitError(field, input, "is not a two-letter country code like CN");
  return "0x" + Buffer.from(text, "ascii").toString("hex");
}

/** bytes2 hex -> "CN". */
export function formatJurisdiction(hex: string): string {
  return Buffer.from(hex.replace(/^0x/, ""), "hex").toString("ascii");
}

/** A short reason text (at most 31 UTF-8 bytes) -> bytes32, as ethers' encodeBytes32String. */
export function parseReason(input: string, field = "reason"): string {
  const bytes = Buffer.from(String(input), "utf8");
  if (bytes.length === 0) throw new UnitError(field, input, "must not be empty");
  if (bytes.length > 31) throw new UnitError(field, input, "is longer than 31 bytes");
  return "0x" + bytes.toString("hex").padEnd(64, "0");
}
