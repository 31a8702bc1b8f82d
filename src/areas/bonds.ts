import {
  ZeroAddress,
  ZeroHash,
  decodeBytes32String,
  type ContractTransactionReceipt,
  type ContractTransactionResponse,
  type Overrides,
  type Signer,
} from "ethers";

import {
  BondFactory__factory,
  Bond__factory,
  SettlementToken__factory,
  type Bond,
  type BondFactory,
} from "../../types/ethers-contracts/index.js";
import type { IBond as BondTypes } from "../../types/ethers-contracts/contracts/bonds/Bond.js";
import {
  DISTRIBUTION_SCALE,
  Frequency,
  clear,
  couponCount,
  couponDate,
  couponPerUnitScaled,
  fundFromCarry,
  proRata,
  type ScheduleTerms,
} from "../coupons.js";
import { Convention } from "../daycount.js";
import { allEvents, queryEvents, type BlockRange } from "../events.js";
import { kindNames } from "../kinds.js";
import {
  UnitError,
  formatAmount,
  formatBps,
  formatDate,
  parseAmount,
  parseBps,
  parseDate,
  parsePositiveAmount,
  parseReason,
} from "../units.js";
import { kindBitsOf } from "./registry.js";
import type { SuiteContext } from "./context.js";

/** Lifecycle state (IBond.State). */
export const BondState = ["Book", "Cancelled", "Live", "Redeeming", "Defaulted"] as const;
export type BondStateName = (typeof BondState)[number];

/** Coupon frequency names (IBond.Frequency), as the tasks accept them. */
export const FREQUENCY_NAMES = ["zero", "annual", "semi-annual", "quarterly"] as const;
/** Day-count convention names (DayCount.Convention), as the tasks accept them. */
export const DAY_COUNT_NAMES = ["act/act-icma", "act/360", "act/365f", "30/360"] as const;

/** An amount as a decimal string in the currency's decimals ("1234.56") or base units (bigint). */
export type BondAmount = string | bigint;
/** A number of bond units (0 decimals): "1,000", 1000 or 1000n. */
export type BondUnits = string | number | bigint;
/** A rate: "3.20%", "320bps", or basis points as a number/bigint. */
export type BondRate = string | number | bigint;
/** A date: ISO ("2027-06-30", "2027-06-30T12:00:00Z") or unix seconds (bigint). */
export type BondDate = string | bigint;

/** What a new bond needs, in human terms. */
export interface BondTermsInput {
  /** The issuer's wallet; default the connected signer. */
  issuer?: string;
  /** A lead underwriter who may also finalise or cancel the book; default none. */
  leadUnderwriter?: string;
  /** An approved ERC-20; default the settlement cash. */
  currency?: string;
  /** Face of one unit in the currency's decimals, e.g. "100.00". */
  denomination: BondAmount;
  /** Units offered. */
  size: BondUnits;
  issueDate: BondDate;
  maturity: BondDate;
  /** IBond.Frequency or a name of {@link FREQUENCY_NAMES}. */
  frequency: Frequency | string;
  /** DayCount.Convention or a name of {@link DAY_COUNT_NAMES}; default ACT/ACT ICMA. */
  dayCount?: Convention | string;
  bookOpen: BondDate;
  bookClose: BondDate;
  yieldMin: BondRate;
  yieldMax: BondRate;
  tick: BondRate;
  minTicket: BondUnits;
  maxTicket: BondUnits;
  /** Registry kind names ("INVESTOR", "BANK") or bits. */
  investorKinds: readonly string[] | number;
  /** Days after a payment date before default can be declared. */
  graceDays: number | bigint;
  /** First call date; omit for a non-callable bond. */
  firstCallDate?: BondDate;
  /** Days between the call notice and the call date. */
  callNoticeDays?: number | bigint;
  /** Call price as a percent of face ("100.50%") or basis points. */
  callPrice?: BondRate;
  /** Use-of-proceeds tag text ("SME_LENDING", <= 31 bytes) or a bytes32. */
  useOfProceeds: string;
  /** keccak256 of the term sheet (0x + 64 hex); default zero. */
  termSheetHash?: string;
  termSheetUri?: string;
  name: string;
  symbol: string;
}

/** IBond.Terms in concrete types. */
export interface BondTermsArgs {
  issuer: string;
  leadUnderwriter: string;
  currency: string;
  denomination: bigint;
  size: bigint;
  issueDate: bigint;
  maturity: bigint;
  frequency: number;
  dayCount: number;
  bookOpen: bigint;
  bookClose: bigint;
  yieldMinBp: number;
  yieldMaxBp: number;
  tickBp: number;
  minTicket: bigint;
  maxTicket: bigint;
  investorKinds: number;
  gracePeriod: bigint;
  firstCallDate: bigint;
  callNotice: bigint;
  callPriceBp: number;
  useOfProceeds: string;
  termSheetHash: string;
}

/** The terms of a bond in human terms (raw figures kept next to their text). */
export interface BondTermsView extends BondTermsArgs {
  decimals: number;
  denominationText: string;
  frequencyName: (typeof FREQUENCY_NAMES)[number];
  dayCountName: (typeof DAY_COUNT_NAMES)[number];
  issueDateIso: string;
  maturityIso: string;
  bookOpenIso: string;
  bookCloseIso: string;
  /** "2.80%" .. "3.60%" step "0.05%". */
  yieldRange: string;
  investorKindNames: string[];
  callable: boolean;
  firstCallDateIso?: string;
  /** The tag as text when it is one, else the bytes32. */
  useOfProceedsText: string;
}

/** Book totals and demand by yield. */
export interface BookView {
  /** Bids ever placed (the next bid id is bids + 1). */
  bids: number;
  /** Bids not yet settled by claimAllocation. */
  liveBids: number;
  /** Units bid and not yet settled. */
  demand: bigint;
  /** Cash escrowed for them (demand x denomination). */
  escrow: bigint;
  /** Units bid at each yield with demand. */
  byYield: { yieldBp: number; tick: number; units: bigint }[];
}

/** The clearing result after finalisation. */
export interface ClearingView {
  couponBp: number;
  coupon: string;
  tick: number;
  /** Units filled at the clearing yield. */
  fill: bigint;
  /** Units bid at the clearing yield. */
  clearingDemand: bigint;
}

/** One coupon of the schedule, computed by src/coupons.ts (equal to the contract's figures). */
export interface CouponView {
  index: number;
  date: bigint;
  dateIso: string;
  /** Per unit at the coupon rate, rounded down to the base unit (0 before finalisation). */
  perUnit: bigint;
  /** Per unit exactly, in base units x DISTRIBUTION_SCALE: what holdings are paid on. */
  perUnitScaled: bigint;
  /**
   * What fundCoupon takes at the current units outstanding and carry: exact per unit x units, less
   * the carry, rounded up to the base unit. Exact for the next coupon; for later ones the carry then
   * is not known yet (it gains each payment's dust), so the figure is an estimate.
   */
  amount: bigint;
  funded: boolean;
}

/** A bid with what it gets (after finalisation) or would get now. */
export interface BidView {
  bidId: number;
  bidder: string;
  units: bigint;
  yieldBp: number;
  /** False once claimed or cancelled. */
  live: boolean;
  /** Units the allocation delivers (undefined while the book is open). */
  allocated?: bigint;
  /** Cash refunded with it. */
  refund?: bigint;
}

/** What a holder has. */
export interface HolderView {
  holder: string;
  units: bigint;
  /** Coupons and recovery claimable now. */
  claimable: bigint;
  /** What redeem() pays now (0 unless redeeming). */
  redeemable: bigint;
}

/** Everything about a bond now. */
export interface BondView {
  address: string;
  name: string;
  symbol: string;
  state: BondStateName;
  paused: boolean;
  terms: BondTermsView;
  termSheet: { uri: string; hash: string };
  book: BookView;
  clearing?: ClearingView;
  schedule: CouponView[];
  couponsFunded: number;
  unitsOutstanding: bigint;
  proceeds: { unitsIssued: bigint; raised: bigint; withdrawn: bigint; disbursed: bigint; smeShareBp: number };
  /** perUnit rounded down to the base unit; holdings are paid on the exact (scaled) figure. */
  redemption: { callDate: bigint; callDateIso?: string; perUnit: bigint };
  /**
   * Distributions per unit since issue and the carry: rounded down to the base unit (`perUnit`;
   * `carry`: the whole base units sweepCarry returns) and exact, x DISTRIBUTION_SCALE.
   */
  distributed: { perUnit: bigint; carry: bigint; perUnitScaled: bigint; carryScaled: bigint };
}

/** A bond of the factory, as listed. */
export interface BondListing {
  index: number;
  address: string;
  name: string;
  symbol: string;
  issuer: string;
  state: BondStateName;
  size: bigint;
  denomination: bigint;
  issueDateIso: string;
  maturityIso: string;
  couponBp: number;
}

/** One decoded event of a bond. */
export interface BondEvent {
  name: string;
  args: Record<string, unknown>;
  blockNumber: number;
  transactionHash: string;
  logIndex: number;
}

const BYTES32 = /^0x[0-9a-fA-F]{64}$/;

/** Bond units (0 decimals) from "1,000", 1000 or 1000n; positive unless `allowZero`. */
export function parseBondUnits(input: BondUnits, field = "units", allowZero = false): bigint {
  let v: bigint;
  if (typeof input === "bigint") v = input;
  else if (typeof input === "number") {
    if (!Number.isSafeInteger(input)) throw new UnitError(field, input, "is not a whole number of units");
    v = BigInt(input);
  } else {
    const t = String(input).trim();
    if (t.startsWith("-")) throw new UnitError(field, input, "must not be negative");
    if (/\./.test(t)) throw new UnitError(field, input, "is not a whole number of units (bonds have 0 decimals)");
    v = parseAmount(t, 0, field);
  }
  if (v < 0n) throw new UnitError(field, input, "must not be negative");
  if (!allowZero && v === 0n) throw new UnitError(field, input, "must be greater than zero");
  if (v >= 1n << 64n) throw new UnitError(field, input, "is too large (at most 2^64-1 units)");
  return v;
}

/** A rate in basis points from "3.20%", "320bps" or a number of basis points. */
export function parseRate(input: BondRate, field = "rate", max = 10_000n): number {
  if (typeof input === "number" || typeof input === "bigint") {
    const v = BigInt(input);
    if (v < 0n || v > max) throw new UnitError(field, input, `is outside 0 .. ${max} basis points`);
    return Number(v);
  }
  return Number(parseBps(input, field, max));
}

/** A date in unix seconds from ISO text or seconds. */
export function parseBondDate(input: BondDate, field = "date"): bigint {
  return typeof input === "bigint" ? input : parseDate(input, field);
}

/** IBond.Frequency from a name ("semi-annual") or the enum value. */
export function parseFrequency(input: Frequency | string, field = "frequency"): Frequency {
  if (typeof input === "number") return input;
  const t = input.trim().toLowerCase().replaceAll("_", "-").replace("semiannual", "semi-annual");
  const i = FREQUENCY_NAMES.indexOf(t as (typeof FREQUENCY_NAMES)[number]);
  if (i < 0) throw new UnitError(field, input, `is not a frequency; use one of ${FREQUENCY_NAMES.join(", ")}`);
  return i as Frequency;
}

/** DayCount.Convention from a name ("act/360", "30/360", "act/act-icma") or the enum value. */
export function parseDayCount(input: Convention | string, field = "day count"): Convention {
  if (typeof input === "number") return input;
  const t = input.trim().toLowerCase().replaceAll("_", "-").replaceAll(" ", "-");
  const aliases: Record<string, Convention> = {
    "act/act-icma": Convention.ActActIcma,
    "act-act-icma": Convention.ActActIcma,
    icma: Convention.ActActIcma,
    "act/360": Convention.Act360,
    "act-360": Convention.Act360,
    "act/365f": Convention.Act365F,
    "act-365f": Convention.Act365F,
    "30/360": Convention.Thirty360,
    "30-360": Convention.Thirty360,
  };
  const v = aliases[t];
  if (v === undefined)
    throw new UnitError(field, input, `is not a day count; use one of ${DAY_COUNT_NAMES.join(", ")}`);
  return v;
}

/** A tag text (<= 31 bytes) or a bytes32 -> bytes32. */
export function tagOf(input: string, field = "tag"): string {
  const t = input.trim();
  return BYTES32.test(t) ? t.toLowerCase() : parseReason(t, field);
}

/** A bytes32 as its text when it is a short string, else as hex. */
export function tagText(b: string): string {
  try {
    const s = decodeBytes32String(b);
    return /^[\x20-\x7e]+$/.test(s) ? s : b;
  } catch {
    return b;
  }
}

/** The schedule inputs of a bond's terms. */
export function scheduleTermsOf(t: BondTermsArgs): ScheduleTerms {
  return {
    denomination: t.denomination,
    issueDate: t.issueDate,
    maturity: t.maturity,
    frequency: t.frequency as Frequency,
    dayCount: t.dayCount as Convention,
  };
}

/**
 * Redemption amount per unit the contract expects, in base units x DISTRIBUTION_SCALE (exact): face
 * at maturity; on a call, the call price plus the coupon accrued from the start of the first
 * unfunded period to the call date.
 */
export function redemptionPerUnitScaled(
  t: BondTermsArgs,
  couponBp: number,
  callDate: bigint,
  couponsFunded: number,
): bigint {
  const face = t.denomination * DISTRIBUTION_SCALE;
  if (callDate === 0n) return face;
  const s = scheduleTermsOf(t);
  const next = BigInt(couponsFunded + 1);
  const accrued = next > couponCount(s) ? 0n : couponPerUnitScaled(s, next, BigInt(couponBp), callDate);
  return (face * BigInt(t.callPriceBp)) / 10_000n + accrued;
}

/** {@link redemptionPerUnitScaled} rounded down to the base unit (for display). */
export function redemptionPerUnit(t: BondTermsArgs, couponBp: number, callDate: bigint, couponsFunded: number): bigint {
  return redemptionPerUnitScaled(t, couponBp, callDate, couponsFunded) / DISTRIBUTION_SCALE;
}

function termsArgsOf(t: BondTypes.TermsStructOutput): BondTermsArgs {
  return {
    issuer: t.issuer,
    leadUnderwriter: t.leadUnderwriter,
    currency: t.currency,
    denomination: t.denomination,
    size: t.size,
    issueDate: t.issueDate,
    maturity: t.maturity,
    frequency: Number(t.frequency),
    dayCount: Number(t.dayCount),
    bookOpen: t.bookOpen,
    bookClose: t.bookClose,
    yieldMinBp: Number(t.yieldMinBp),
    yieldMaxBp: Number(t.yieldMaxBp),
    tickBp: Number(t.tickBp),
    minTicket: t.minTicket,
    maxTicket: t.maxTicket,
    investorKinds: Number(t.investorKinds),
    gracePeriod: t.gracePeriod,
    firstCallDate: t.firstCallDate,
    callNotice: t.callNotice,
    callPriceBp: Number(t.callPriceBp),
    useOfProceeds: t.useOfProceeds,
    termSheetHash: t.termSheetHash,
  };
}

/** Shared by the factory facade and the bond handles: decimals, formatting, approvals. */
class Money {
  constructor(readonly ctx: SuiteContext) {}

  decimalsOf(currency: string = this.ctx.addresses.cash): Promise<number> {
    return this.ctx.decimalsOf(currency);
  }

  async parse(amount: BondAmount, currency: string | undefined, field: string): Promise<bigint> {
    if (typeof amount === "bigint") {
      if (amount <= 0n) throw new UnitError(field, amount, "must be greater than zero");
      return amount;
    }
    return parsePositiveAmount(amount, await this.decimalsOf(currency), field);
  }

  signer(what: string): Signer {
    const s = this.ctx.runner as Signer;
    if (typeof s.getAddress !== "function") throw new Error(`${what}: connect with a Signer`);
    return s;
  }

  /** Approves `spender` for `amount` of `currency` (and waits) when the signer's allowance is short. */
  async approveIfShort(
    what: string,
    currency: string,
    spender: string,
    amount: bigint,
    overrides?: Overrides,
  ): Promise<ContractTransactionResponse | undefined> {
    const signer = this.signer(what);
    const token = SettlementToken__factory.connect(currency, signer);
    if ((await token.allowance(await signer.getAddress(), spender)) >= amount) return undefined;
    const tx = await token.approve(spender, amount, await this.ctx.overrides(overrides));
    const receipt = await tx.wait();
    if (receipt === null || receipt.status !== 1) throw new Error(`${what}: approve ${tx.hash} failed`);
    return tx;
  }
}

/** One bond: its lifecycle writes in human units and its typed views. */
export class BondHandle {
  readonly contract: Bond;
  private termsCache?: Promise<BondTermsArgs>;

  constructor(
    private readonly money: Money,
    readonly address: string,
  ) {
    this.contract = Bond__factory.connect(address, money.ctx.runner);
  }

  private get ctx(): SuiteContext {
    return this.money.ctx;
  }

  /** The terms as stored (concrete types; cached, they never change). */
  termsArgs(): Promise<BondTermsArgs> {
    this.termsCache ??= this.contract.terms().then(termsArgsOf);
    return this.termsCache;
  }

  /** The terms in human terms. */
  async terms(): Promise<BondTermsView> {
    const t = await this.termsArgs();
    const decimals = await this.money.decimalsOf(t.currency);
    return {
      ...t,
      decimals,
      denominationText: formatAmount(t.denomination, decimals, { group: true }),
      frequencyName: FREQUENCY_NAMES[t.frequency],
      dayCountName: DAY_COUNT_NAMES[t.dayCount],
      issueDateIso: formatDate(t.issueDate),
      maturityIso: formatDate(t.maturity),
      bookOpenIso: formatDate(t.bookOpen),
      bookCloseIso: formatDate(t.bookClose),
      yieldRange: `${formatBps(t.yieldMinBp)} .. ${formatBps(t.yieldMaxBp)} step ${formatBps(t.tickBp)}`,
      investorKindNames: kindNames(t.investorKinds),
      callable: t.firstCallDate !== 0n,
      firstCallDateIso: t.firstCallDate === 0n ? undefined : formatDate(t.firstCallDate),
      useOfProceedsText: tagText(t.useOfProceeds),
    };
  }

  async state(): Promise<BondStateName> {
    return BondState[Number(await this.contract.state())];
  }

  /** Amount in the bond's currency as "1,234.56". */
  async format(units: bigint): Promise<string> {
    const t = await this.termsArgs();
    return formatAmount(units, await this.money.decimalsOf(t.currency), { group: true });
  }

  /** A decimal string in the bond's currency -> base units (positive, exact). */
  async parseAmount(amount: BondAmount, field = "amount"): Promise<bigint> {
    return this.money.parse(amount, (await this.termsArgs()).currency, field);
  }

  /** A yield in basis points, checked against the terms' range and tick (UnitError otherwise). */
  async parseYield(input: BondRate, field = "yield"): Promise<number> {
    const t = await this.termsArgs();
    const bp = parseRate(input, field, 65_535n);
    if (bp < t.yieldMinBp || bp > t.yieldMaxBp) {
      throw new UnitError(
        field,
        input,
        `is outside the book's range ${formatBps(t.yieldMinBp)} .. ${formatBps(t.yieldMaxBp)}`,
      );
    }
    if ((bp - t.yieldMinBp) % t.tickBp !== 0) {
      throw new UnitError(field, input, `is not on a ${formatBps(t.tickBp)} tick from ${formatBps(t.yieldMinBp)}`);
    }
    return bp;
  }

  // ------------------------------------------------------------------ views

  /** Book totals and demand at every yield with bids. Reads one slot per tick. */
  async book(): Promise<BookView> {
    const t = await this.termsArgs();
    const [[bids, liveBids, demand], byTick] = await Promise.all([this.contract.book(), this.demandByTick()]);
    return {
      bids: Number(bids),
      liveBids: Number(liveBids),
      demand,
      escrow: demand * t.denomination,
      byYield: byTick
        .map((units, tick) => ({ tick, yieldBp: t.yieldMinBp + tick * t.tickBp, units }))
        .filter((x) => x.units > 0n),
    };
  }

  /** Units bid at each tick (index = tick). */
  async demandByTick(): Promise<bigint[]> {
    const t = await this.termsArgs();
    const ticks = (t.yieldMaxBp - t.yieldMinBp) / t.tickBp + 1;
    return Promise.all(Array.from({ length: ticks }, (_, i) => this.contract.demandAt(i)));
  }

  /**
   * What finalising at `size` would give, computed from the book as the contract does; undefined
   * when demand does not cover it.
   */
  async previewClearing(size: bigint): Promise<ClearingView | undefined> {
    const t = await this.termsArgs();
    const c = clear(await this.demandByTick(), size);
    if (c === undefined) return undefined;
    const couponBp = t.yieldMinBp + c.tick * t.tickBp;
    return { couponBp, coupon: formatBps(couponBp), tick: c.tick, fill: c.fill, clearingDemand: c.clearingDemand };
  }

  /** The clearing result; undefined before finalisation (or when cancelled). */
  async clearing(): Promise<ClearingView | undefined> {
    const state = await this.state();
    if (state === "Book" || state === "Cancelled") return undefined;
    const [couponBp, tick, fill, clearingDemand] = await this.contract.clearing();
    return { couponBp: Number(couponBp), coupon: formatBps(couponBp), tick: Number(tick), fill, clearingDemand };
  }

  /**
   * The coupon schedule: dates and per-unit amounts computed by src/coupons.ts from the terms and
   * the coupon rate (the same integer maths as the contract), the amount fundCoupon takes at the
   * current units outstanding (delivered or not: IBond.unitsOutstanding), and whether it is funded. After a call, coupons after the call date
   * are gone, as in the contract.
   */
  async schedule(): Promise<CouponView[]> {
    const t = await this.termsArgs();
    const [state, [couponBp], funded, supply, [callDate], [, carry]] = await Promise.all([
      this.state(),
      this.contract.clearing(),
      this.contract.couponsFunded(),
      this.contract.unitsOutstanding(),
      this.contract.redemption(),
      this.contract.distributed(),
    ]);
    const rate = state === "Book" || state === "Cancelled" ? 0n : BigInt(couponBp);
    const s = scheduleTermsOf(t);
    const n = couponCount(s);
    const out: CouponView[] = [];
    for (let i = 1n; i <= n; i++) {
      const date = couponDate(s, i, n);
      if (callDate !== 0n && date > callDate) break;
      const perUnitScaled = couponPerUnitScaled(s, i, rate);
      out.push({
        index: Number(i),
        date,
        dateIso: formatDate(date),
        perUnit: perUnitScaled / DISTRIBUTION_SCALE,
        perUnitScaled,
        amount: fundFromCarry(perUnitScaled * supply, carry).amount,
        funded: i <= funded,
      });
    }
    return out;
  }

  /** Coupon `index` (1-based) of the schedule; UnitError when there is none. */
  async coupon(index: number | bigint): Promise<CouponView> {
    const schedule = await this.schedule();
    const c = schedule[Number(index) - 1];
    if (c === undefined || Number(index) < 1) {
      throw new UnitError("coupon", index, `is not a coupon of this bond (1 .. ${schedule.length})`);
    }
    return c;
  }

  /** The next coupon to fund, or undefined when every coupon is funded. */
  async nextCoupon(): Promise<CouponView | undefined> {
    return (await this.schedule()).find((c) => !c.funded);
  }

  /**
   * Redemption per unit (rounded down to the base unit, and exact x DISTRIBUTION_SCALE) and the
   * total fundRedemption takes now: exact per unit x units outstanding (delivered or not), less the
   * carry, rounded up to the base unit.
   */
  async redemptionDue(): Promise<{
    date: bigint;
    dateIso: string;
    perUnit: bigint;
    perUnitScaled: bigint;
    amount: bigint;
    called: boolean;
  }> {
    const t = await this.termsArgs();
    const [[couponBp], funded, supply, [callDate], [, carry]] = await Promise.all([
      this.contract.clearing(),
      this.contract.couponsFunded(),
      this.contract.unitsOutstanding(),
      this.contract.redemption(),
      this.contract.distributed(),
    ]);
    const perUnitScaled = redemptionPerUnitScaled(t, Number(couponBp), callDate, Number(funded));
    const date = callDate === 0n ? t.maturity : callDate;
    return {
      date,
      dateIso: formatDate(date),
      perUnit: perUnitScaled / DISTRIBUTION_SCALE,
      perUnitScaled,
      amount: fundFromCarry(perUnitScaled * supply, carry).amount,
      called: callDate !== 0n,
    };
  }

  /** Every bid ever placed (BidPlaced / BidAmended events), with its live figures and allocation. */
  async bids(range: BlockRange = {}): Promise<BidView[]> {
    const t = await this.termsArgs();
    const [placed, amended, state, clearing] = await Promise.all([
      queryEvents(this.contract, this.contract.filters.BidPlaced(), range),
      queryEvents(this.contract, this.contract.filters.BidAmended(), range),
      this.state(),
      this.contract.clearing(),
    ]);
    const views = new Map<number, BidView>();
    for (const e of placed) {
      views.set(Number(e.args.bidId), {
        bidId: Number(e.args.bidId),
        bidder: e.args.bidder,
        units: e.args.units,
        yieldBp: Number(e.args.yieldBp),
        live: false,
      });
    }
    for (const e of amended) {
      const v = views.get(Number(e.args.bidId));
      if (v !== undefined) {
        v.units = e.args.units;
        v.yieldBp = Number(e.args.yieldBp);
      }
    }
    const [, clearingTick, fill, clearingDemand] = clearing;
    await Promise.all(
      [...views.values()].map(async (v) => {
        const b = await this.contract.bidOf(v.bidId);
        v.live = b.units > 0n;
        if (state === "Book") return;
        const tick = (v.yieldBp - t.yieldMinBp) / t.tickBp;
        let allocated = 0n;
        if (state !== "Cancelled") {
          if (tick < Number(clearingTick)) allocated = v.units;
          else if (tick === Number(clearingTick)) allocated = proRata(v.units, fill, clearingDemand);
        }
        v.allocated = allocated;
        v.refund = (v.units - allocated) * t.denomination;
      }),
    );
    return [...views.values()].sort((a, b) => a.bidId - b.bidId);
  }

  /** One bid; undefined when never placed. */
  async bidById(bidId: number | bigint, range: BlockRange = {}): Promise<BidView | undefined> {
    return (await this.bids(range)).find((b) => b.bidId === Number(bidId));
  }

  /** A holder's units, claimable distributions and what redeem() would pay. */
  async holder(wallet: string): Promise<HolderView> {
    const [units, claimable, state, redeemable] = await Promise.all([
      this.contract.balanceOf(wallet),
      this.contract.claimable(wallet),
      this.state(),
      this.contract.redeemable(wallet),
    ]);
    // The contract's own figures: the holding's exact entitlement, rounded down once.
    return { holder: wallet, units, claimable, redeemable: state === "Redeeming" ? redeemable : 0n };
  }

  /** Every holder that ever received units (Transfer events), with current figures; empty ones skipped. */
  async holders(range: BlockRange = {}): Promise<HolderView[]> {
    const transfers = await queryEvents(this.contract, this.contract.filters.Transfer(), range);
    const wallets = new Set<string>();
    for (const e of transfers) if (e.args.to !== ZeroAddress) wallets.add(e.args.to);
    const views = await Promise.all([...wallets].map((w) => this.holder(w)));
    return views.filter((v) => v.units > 0n || v.claimable > 0n);
  }

  /** Everything about the bond now. */
  async show(): Promise<BondView> {
    const c = this.contract;
    const factory = BondFactory__factory.connect(await c.factory(), this.ctx.runner);
    const [name, symbol, state, paused, terms, termSheet, book, clearing, schedule, funded, supply, proceeds, share] =
      await Promise.all([
        c.name(),
        c.symbol(),
        this.state(),
        c.paused(),
        this.terms(),
        factory.termSheet(this.address),
        this.book(),
        this.clearing(),
        this.schedule(),
        c.couponsFunded(),
        c.totalSupply(),
        c.proceeds(),
        c.smeShareBp(),
      ]);
    const [[callDate, perUnit], [cum, carry]] = await Promise.all([c.redemption(), c.distributed()]);
    return {
      address: this.address,
      name,
      symbol,
      state,
      paused,
      terms,
      termSheet: { uri: termSheet[0], hash: termSheet[1] },
      book,
      clearing,
      schedule,
      couponsFunded: Number(funded),
      unitsOutstanding: supply,
      proceeds: {
        unitsIssued: proceeds[0],
        raised: proceeds[1],
        withdrawn: proceeds[2],
        disbursed: proceeds[3],
        smeShareBp: Number(share),
      },
      redemption: { callDate, callDateIso: callDate === 0n ? undefined : formatDate(callDate), perUnit },
      distributed: {
        perUnit: cum / DISTRIBUTION_SCALE,
        carry: carry / DISTRIBUTION_SCALE,
        perUnitScaled: cum,
        carryScaled: carry,
      },
    };
  }

  /** Every event of the bond, in chain order (chunked like {@link queryEvents}). */
  async events(range: BlockRange = {}): Promise<BondEvent[]> {
    return allEvents(this.contract, { toBlock: await this.ctx.provider.getBlockNumber(), ...range });
  }

  /** Coupons funded (typed events). */
  couponsFundedEvents(range?: BlockRange) {
    return queryEvents(this.contract, this.contract.filters.CouponFunded(), range);
  }

  /** Allocations delivered (optionally one bidder's). */
  allocationsClaimed(bidder?: string, range?: BlockRange) {
    return queryEvents(this.contract, this.contract.filters.AllocationClaimed(undefined, bidder), range);
  }

  /** Use-of-proceeds records (optionally one borrower's). */
  disbursements(borrower?: string, range?: BlockRange) {
    return queryEvents(this.contract, this.contract.filters.ProceedsDisbursed(borrower), range);
  }

  // ------------------------------------------------------------------ writes

  /** Bids `units` at `yieldRate` ("3.20%"); approves the escrow (units x denomination) first when short. */
  async bid(units: BondUnits, yieldRate: BondRate, overrides?: Overrides): Promise<ContractTransactionResponse> {
    const t = await this.termsArgs();
    const u = parseBondUnits(units);
    const y = await this.parseYield(yieldRate);
    await this.money.approveIfShort("bid", t.currency, this.address, u * t.denomination, overrides);
    return this.contract.bid(u, y, await this.ctx.overrides(overrides));
  }

  /** Changes a bid; approves the top-up when the escrow grows. */
  async amendBid(
    bidId: number | bigint,
    units: BondUnits,
    yieldRate: BondRate,
    overrides?: Overrides,
  ): Promise<ContractTransactionResponse> {
    const t = await this.termsArgs();
    const u = parseBondUnits(units);
    const y = await this.parseYield(yieldRate);
    const old = await this.contract.bidOf(bidId);
    if (u > old.units) {
      await this.money.approveIfShort(
        "amendBid",
        t.currency,
        this.address,
        (u - old.units) * t.denomination,
        overrides,
      );
    }
    return this.contract.amendBid(bidId, u, y, await this.ctx.overrides(overrides));
  }

  async cancelBid(bidId: number | bigint, overrides?: Overrides): Promise<ContractTransactionResponse> {
    return this.contract.cancelBid(bidId, await this.ctx.overrides(overrides));
  }

  /** Finalises the book at `size` units (default the offered size). Issuer or lead. */
  async finalize(size?: BondUnits, overrides?: Overrides): Promise<ContractTransactionResponse> {
    const s = size === undefined ? (await this.termsArgs()).size : parseBondUnits(size, "size");
    return this.contract.finalize(s, await this.ctx.overrides(overrides));
  }

  async cancelBook(overrides?: Overrides): Promise<ContractTransactionResponse> {
    return this.contract.cancelBook(await this.ctx.overrides(overrides));
  }

  /** Delivers a bid's allocation (anyone). */
  async claimAllocation(bidId: number | bigint, overrides?: Overrides): Promise<ContractTransactionResponse> {
    return this.contract.claimAllocation(bidId, await this.ctx.overrides(overrides));
  }

  /** The issuer withdraws proceeds. */
  async withdrawProceeds(amount: BondAmount, overrides?: Overrides): Promise<ContractTransactionResponse> {
    return this.contract.withdrawProceeds(await this.parseAmount(amount), await this.ctx.overrides(overrides));
  }

  /**
   * Funds coupon `index` (default: the next) with its exact amount (per unit x units outstanding,
   * computed as the contract does); approves the bond first when the allowance is short.
   */
  async fundCoupon(index?: number | bigint, overrides?: Overrides): Promise<ContractTransactionResponse> {
    const t = await this.termsArgs();
    const c = index === undefined ? await this.nextCoupon() : await this.coupon(index);
    if (c === undefined) throw new UnitError("coupon", "next", "every coupon is funded");
    await this.money.approveIfShort("fundCoupon", t.currency, this.address, c.amount, overrides);
    return this.contract.fundCoupon(c.index, c.amount, await this.ctx.overrides(overrides));
  }

  /** Claims the caller's coupons and recovery. */
  async claimCoupons(overrides?: Overrides): Promise<ContractTransactionResponse> {
    return this.contract.claimCoupons(await this.ctx.overrides(overrides));
  }

  /** Credits `wallet` can withdraw (payments that could not reach it, surplus funding returned). */
  async refundOf(wallet: string): Promise<bigint> {
    return this.contract.refundOf(wallet);
  }

  /** Withdraws the caller's credits (IBond.withdrawRefund). */
  async withdrawRefund(overrides?: Overrides): Promise<ContractTransactionResponse> {
    return this.contract.withdrawRefund(await this.ctx.overrides(overrides));
  }

  /** Funds the redemption with its exact amount (approving first when short). */
  async fundRedemption(overrides?: Overrides): Promise<ContractTransactionResponse> {
    const t = await this.termsArgs();
    const r = await this.redemptionDue();
    await this.money.approveIfShort("fundRedemption", t.currency, this.address, r.amount, overrides);
    return this.contract.fundRedemption(r.amount, await this.ctx.overrides(overrides));
  }

  /** Burns all the caller's units against their redemption amount plus unclaimed distributions. */
  async redeem(overrides?: Overrides): Promise<ContractTransactionResponse> {
    return this.contract.redeem(await this.ctx.overrides(overrides));
  }

  /** The issuer calls the bond for `callDate` (IBond.noticeCall). */
  async noticeCall(callDate: BondDate, overrides?: Overrides): Promise<ContractTransactionResponse> {
    return this.contract.noticeCall(parseBondDate(callDate, "callDate"), await this.ctx.overrides(overrides));
  }

  async declareDefault(overrides?: Overrides): Promise<ContractTransactionResponse> {
    return this.contract.declareDefault(await this.ctx.overrides(overrides));
  }

  /** Pays `amount` of recovery in default (approving first when short). */
  async payRecovery(amount: BondAmount, overrides?: Overrides): Promise<ContractTransactionResponse> {
    const t = await this.termsArgs();
    const a = await this.parseAmount(amount);
    await this.money.approveIfShort("payRecovery", t.currency, this.address, a, overrides);
    return this.contract.payRecovery(a, await this.ctx.overrides(overrides));
  }

  async sweepCarry(overrides?: Overrides): Promise<ContractTransactionResponse> {
    return this.contract.sweepCarry(await this.ctx.overrides(overrides));
  }

  /**
   * The issuer records a loan of the proceeds to an SME (IBond.recordDisbursement); `loanRef` is
   * the loan contract's hash (0x + 64 hex) or a short reference text (<= 31 bytes).
   */
  async recordDisbursement(
    borrower: string,
    amount: BondAmount,
    loanRef: string,
    overrides?: Overrides,
  ): Promise<ContractTransactionResponse> {
    return this.contract.recordDisbursement(
      borrower,
      await this.parseAmount(amount),
      tagOf(loanRef, "loanRef"),
      await this.ctx.overrides(overrides),
    );
  }
}

/** The SME bonds area: the factory, its bonds, and one handle per bond. */
export class BondsFacade {
  readonly factory: BondFactory;
  private readonly money: Money;

  constructor(private readonly ctx: SuiteContext) {
    this.factory = BondFactory__factory.connect(ctx.addresses.bondFactory, ctx.runner);
    this.money = new Money(ctx);
  }

  /** A handle on one bond (no check that the factory created it: see {@link isBond}). */
  bond(address: string): BondHandle {
    return new BondHandle(this.money, address);
  }

  isBond(address: string): Promise<boolean> {
    return this.factory.isBond(address);
  }

  isCurrencyApproved(currency: string = this.ctx.addresses.cash): Promise<boolean> {
    return this.factory.isCurrencyApproved(currency);
  }

  /** Decimals of a currency (the settlement cash: 2). */
  decimalsOf(currency?: string): Promise<number> {
    return this.money.decimalsOf(currency);
  }

  /** The addresses of every bond, in creation order (factory views). */
  async addresses(): Promise<string[]> {
    const n = await this.factory.bondCount();
    return Promise.all(Array.from({ length: Number(n) }, (_, i) => this.factory.bondAt(i)));
  }

  /** Every bond with its name, issuer, state and key terms. */
  async list(): Promise<BondListing[]> {
    const addresses = await this.addresses();
    return Promise.all(
      addresses.map(async (address, index) => {
        const h = this.bond(address);
        const [name, symbol, t, state, [couponBp]] = await Promise.all([
          h.contract.name(),
          h.contract.symbol(),
          h.termsArgs(),
          h.state(),
          h.contract.clearing(),
        ]);
        return {
          index,
          address,
          name,
          symbol,
          issuer: t.issuer,
          state,
          size: t.size,
          denomination: t.denomination,
          issueDateIso: formatDate(t.issueDate),
          maturityIso: formatDate(t.maturity),
          couponBp: Number(couponBp),
        };
      }),
    );
  }

  /** Bonds created (typed BondCreated events; optionally one issuer's). */
  created(issuer?: string, range?: BlockRange) {
    return queryEvents(this.factory, this.factory.filters.BondCreated(undefined, issuer), range);
  }

  /** IBond.Terms from human input; `issuer` defaults to the connected signer. */
  async termsOf(input: BondTermsInput): Promise<BondTermsArgs> {
    const issuer = input.issuer ?? (await this.money.signer("create").getAddress());
    const currency = input.currency ?? this.ctx.addresses.cash;
    const callable = input.firstCallDate !== undefined;
    const hash = input.termSheetHash ?? ZeroHash;
    if (!BYTES32.test(hash)) throw new UnitError("termSheetHash", hash, "is not a 32-byte hash (0x + 64 hex digits)");
    return {
      issuer,
      leadUnderwriter: input.leadUnderwriter ?? ZeroAddress,
      currency,
      denomination: await this.money.parse(input.denomination, currency, "denomination"),
      size: parseBondUnits(input.size, "size"),
      issueDate: parseBondDate(input.issueDate, "issueDate"),
      maturity: parseBondDate(input.maturity, "maturity"),
      frequency: parseFrequency(input.frequency),
      dayCount: parseDayCount(input.dayCount ?? Convention.ActActIcma),
      bookOpen: parseBondDate(input.bookOpen, "bookOpen"),
      bookClose: parseBondDate(input.bookClose, "bookClose"),
      yieldMinBp: parseRate(input.yieldMin, "yieldMin", 65_535n),
      yieldMaxBp: parseRate(input.yieldMax, "yieldMax", 65_535n),
      tickBp: parseRate(input.tick, "tick", 65_535n),
      minTicket: parseBondUnits(input.minTicket, "minTicket"),
      maxTicket: parseBondUnits(input.maxTicket, "maxTicket"),
      investorKinds: kindBitsOf(input.investorKinds, "investorKinds"),
      gracePeriod: BigInt(input.graceDays) * 86_400n,
      firstCallDate: callable ? parseBondDate(input.firstCallDate!, "firstCallDate") : 0n,
      callNotice: callable ? BigInt(input.callNoticeDays ?? 0) * 86_400n : 0n,
      callPriceBp: callable ? parseRate(input.callPrice ?? "100%", "callPrice", 65_535n) : 0,
      useOfProceeds: tagOf(input.useOfProceeds, "useOfProceeds"),
      termSheetHash: hash.toLowerCase(),
    };
  }

  /** Creates a bond (the caller is its issuer). The new address: {@link bondAddressOf} on the receipt. */
  async create(input: BondTermsInput, overrides?: Overrides): Promise<ContractTransactionResponse> {
    const t = await this.termsOf(input);
    return this.factory.createBond(
      t,
      input.termSheetUri ?? "",
      input.name,
      input.symbol,
      await this.ctx.overrides(overrides),
    );
  }

  /** The bond a createBond receipt created (its BondCreated event). */
  bondAddressOf(receipt: ContractTransactionReceipt): string {
    for (const log of receipt.logs) {
      if (log.address.toLowerCase() !== this.ctx.addresses.bondFactory.toLowerCase()) continue;
      const parsed = this.factory.interface.parseLog(log);
      if (parsed?.name === "BondCreated") return parsed.args.bond as string;
    }
    throw new Error(`no BondCreated event in ${receipt.hash}`);
  }

  /** Approves or withdraws a currency for new bonds (asset admin). */
  async setCurrencyApproved(currency: string, approved: boolean, overrides?: Overrides) {
    return this.factory.setCurrencyApproved(currency, approved, await this.ctx.overrides(overrides));
  }
}
