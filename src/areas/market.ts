import type { ContractTransactionResponse, Overrides, Signer } from "ethers";

import {
  FactoringMarket__factory,
  ReceivableToken__factory,
  SettlementToken__factory,
  type FactoringMarket,
  type ReceivableToken,
} from "../../types/ethers-contracts/index.js";
import { allEvents, queryEvents, type BlockRange } from "../events.js";
import { kindNames, type KindName } from "../kinds.js";
import { Basis, daysToMaturity, discountPrice, platformFee } from "../pricing.js";
import {
  UnitError,
  formatAmount,
  formatBps,
  formatDate,
  parseAmount,
  parseBps,
  parseDate,
  parsePositiveAmount,
} from "../units.js";
import { kindBitsOf } from "./registry.js";
import type { SuiteContext } from "./context.js";

/** Stored status of a listing (IFactoringMarket.ListingStatus). */
export const ListingStatus = ["None", "Open"] as const;
/** Status of a recourse duty (IFactoringMarket.RecourseStatus). */
export const RecourseStatus = ["None", "Listed", "Sold", "Exercised"] as const;
/** Day-count bases by their Solidity value (DiscountBasis). */
export const BasisNames = ["Act360", "Act365F"] as const;
export type BasisName = (typeof BasisNames)[number];

/** Highest discount rate a listing may use (FactoringMarket.MAX_RATE_BPS). */
export const MAX_RATE_BPS = 10_000n;
/** Longest auction in seconds (FactoringMarket.MAX_AUCTION_DURATION). */
export const MAX_AUCTION_DURATION = 90n * 86_400n;
/** A bid this close to the end extends the auction to now + this (FactoringMarket.EXTENSION). */
export const AUCTION_EXTENSION = 600n;
const UINT96_MAX = (1n << 96n) - 1n;
const ZERO = "0x0000000000000000000000000000000000000000";

/** An amount as a decimal string in the currency's decimals ("296,737.50") or base units (bigint). */
export type MarketAmount = string | bigint;

/** What a seller lists, in human terms. Give exactly one of `price` and `rate`. */
export interface ListInput {
  tokenId: bigint;
  /** Part of the fragment to list; default (or its whole value) lists it whole. */
  value?: MarketAmount;
  /** Fixed price. */
  price?: MarketAmount;
  /** Annual discount rate: "4.35%", "435bps", or basis points as a bigint. */
  rate?: string | bigint;
  /** Day-count basis of the rate; default Act360. */
  basis?: BasisName | string;
  /** ISO date or date-time, or unix seconds. */
  expiry: string | bigint;
  /** Kinds allowed to buy (names or bits); default FACTOR | BANK. */
  buyerKinds?: readonly string[] | number;
  /** Recourse sale: the seller stays liable if the root defaults. */
  recourse?: boolean;
  /** Recourse collateral posted now (recourse only). */
  collateral?: MarketAmount;
}

/** What an auction needs, in human terms. */
export interface AuctionInput {
  tokenId: bigint;
  /** Lowest first bid. */
  reserve: MarketAmount;
  /** Least step over the highest bid, positive; default one base unit. */
  minIncrement?: MarketAmount;
  /** End: ISO date-time, a duration from now ("3d", "12h30m"), or unix seconds. */
  end: string | bigint;
  /** Kinds allowed to bid (names or bits); default FACTOR | BANK. */
  buyerKinds?: readonly string[] | number;
}

/** A listing in human terms (as stored; `quote` is what buy charges now while it is open). */
export interface ListingView {
  listingId: bigint;
  status: (typeof ListingStatus)[number];
  seller: string;
  tokenId: bigint;
  currency: string;
  decimals: number;
  /** Face value of the listed fragment, base units. */
  value: bigint;
  /** What the fragment still had to collect when listed, base units: the figure a rate prices. */
  remaining: bigint;
  /** Fixed price, base units; 0 when priced by rate. */
  price: bigint;
  rateBps: bigint;
  basis: BasisName;
  /** "fixed 290,000.00" or "4.35% Act360". */
  pricing: string;
  expiry: bigint;
  expiryIso: string;
  dueDate: bigint;
  dueDateIso: string;
  buyerKinds: number;
  buyerKindNames: KindName[];
  recourse: boolean;
}

/** A recourse duty in human terms. */
export interface RecourseView {
  listingId: bigint;
  status: (typeof RecourseStatus)[number];
  seller: string;
  /** Zero address until sold. */
  buyer: string;
  tokenId: bigint;
  currency: string;
  decimals: number;
  /** Price the buyer paid, base units. */
  price: bigint;
  /** What the fragment still had to collect at the sale, base units (recourse is pro rata to it). */
  remaining: bigint;
  /** Who posted the collateral (zero address when none). */
  provider: string;
  collateral: bigint;
  /** What the seller still owes after exercise. */
  debt: bigint;
}

/** An escrowed offer in human terms. */
export interface OfferView {
  offerId: bigint;
  offerer: string;
  tokenId: bigint;
  currency: string;
  decimals: number;
  amount: bigint;
  /** The fragment's remaining to collect that the offer priced: it can be accepted only at it. */
  remaining: bigint;
  expiry: bigint;
  expiryIso: string;
}

/** An English auction in human terms. */
export interface AuctionView {
  auctionId: bigint;
  open: boolean;
  seller: string;
  tokenId: bigint;
  currency: string;
  decimals: number;
  reserve: bigint;
  minIncrement: bigint;
  /** Zero address before the first bid. */
  highestBidder: string;
  highestBid: bigint;
  /** The least the next bid may be: the reserve, or the highest bid plus the increment. */
  minimumBid: bigint;
  endTime: bigint;
  endTimeIso: string;
  /** Late bids extend the end up to here and no further. */
  latestEnd: bigint;
  /** What the fragment still had to collect when auctioned, base units. */
  remaining: bigint;
  buyerKinds: number;
  buyerKindNames: KindName[];
}

/** What {FactoringMarket.buy} charges at a time, split into what the seller and the treasury get. */
export interface Quote {
  listingId: bigint;
  /** The time priced (unix seconds). */
  at: bigint;
  price: bigint;
  fee: bigint;
  sellerProceeds: bigint;
  /** Face value of the listing. */
  value: bigint;
  /** What the fragment had to collect when listed: what the price is on. */
  remaining: bigint;
  /** Days discounted (0 for a fixed price). */
  days: bigint;
  decimals: number;
}

/** The market's open book: open listings (with their quotes), live offers, open auctions. */
export interface OpenBook {
  listings: (ListingView & { quote: Quote })[];
  offers: OfferView[];
  auctions: AuctionView[];
}

/** Parses a listing, offer or auction id: a positive integer, optionally "#3". */
export function parseMarketId(input: string | bigint | number, field = "id"): bigint {
  if (typeof input !== "string") {
    const v = BigInt(input);
    if (v <= 0n) throw new UnitError(field, input, "is not an id (a positive integer)");
    return v;
  }
  const t = input.trim().replace(/^#/, "");
  if (!/^\d{1,20}$/.test(t) || BigInt(t) === 0n) throw new UnitError(field, input, "is not an id (a positive integer)");
  return BigInt(t);
}

/** A day-count basis by name: "Act360", "ACT/360", "Act365F", "ACT/365F" (case-insensitive). */
export function parseBasis(input: string, field = "basis"): Basis {
  const t = String(input).trim().toUpperCase().replaceAll("/", "");
  if (t === "ACT360") return Basis.Act360;
  if (t === "ACT365F" || t === "ACT365") return Basis.Act365F;
  throw new UnitError(field, input, "is not a day-count basis (Act360 or Act365F)");
}

const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/** A duration like "3d", "12h", "1d12h", "90m", "45s" -> seconds; undefined when not a duration. */
export function parseDuration(input: string): bigint | undefined {
  const t = String(input).trim().toLowerCase().replaceAll(" ", "");
  const m = DURATION.exec(t);
  if (t === "" || m === null) return undefined;
  const [, d = "0", h = "0", mi = "0", s = "0"] = m;
  return BigInt(d) * 86_400n + BigInt(h) * 3600n + BigInt(mi) * 60n + BigInt(s);
}

/** An auction end: unix seconds, a duration from `now` ("3d"), or an ISO date-time. */
export function parseAuctionEnd(input: string | bigint, now: bigint, field = "end"): bigint {
  if (typeof input === "bigint") return input;
  const d = parseDuration(input);
  if (d !== undefined) {
    if (d === 0n) throw new UnitError(field, input, "must be a positive duration");
    return now + d;
  }
  try {
    return parseDate(input, field);
  } catch {
    throw new UnitError(field, input, 'is neither an ISO date-time nor a duration like "3d" or "12h30m"');
  }
}

/** Describes how a listing is priced: "fixed 290,000.00" or "4.35% Act360". */
function pricingText(price: bigint, rateBps: bigint, basis: BasisName, decimals: number): string {
  return price !== 0n ? `fixed ${formatAmount(price, decimals, { group: true })}` : `${formatBps(rateBps)} ${basis}`;
}

/**
 * The factoring market area: listings at a fixed price or a discount rate (with or without
 * recourse), escrowed offers, English auctions and recourse. Amounts are decimal strings in the
 * currency of the fragment's root (or base units as bigint); views return base units with the
 * currency's decimals. Writes that move the caller's cash or fragments approve the market first
 * when needed, wait for that approval, then send the call.
 */
export class MarketFacade {
  readonly contract: FactoringMarket;
  private readonly receivables: ReceivableToken;

  constructor(private readonly ctx: SuiteContext) {
    this.contract = FactoringMarket__factory.connect(ctx.addresses.market, ctx.runner);
    this.receivables = ReceivableToken__factory.connect(ctx.addresses.receivables, ctx.runner);
  }

  // ------------------------------------------------------------------ units

  /** Decimals of a currency (the settlement cash: 2). */
  decimalsOf(currency: string = this.ctx.addresses.cash): Promise<number> {
    return this.ctx.decimalsOf(currency);
  }

  /** Decimal string in the currency's decimals -> base units (exact, positive, at most uint96). */
  async parse(amount: MarketAmount, currency?: string, field = "amount"): Promise<bigint> {
    const v = typeof amount === "bigint" ? amount : parsePositiveAmount(amount, await this.decimalsOf(currency), field);
    if (v <= 0n) throw new UnitError(field, amount, "must be greater than zero");
    if (v > UINT96_MAX) throw new UnitError(field, amount, "is too large (above 2^96-1 base units)");
    return v;
  }

  /** Base units -> "1,234.56" in the currency's decimals. */
  async format(units: bigint, currency?: string): Promise<string> {
    return formatAmount(units, await this.decimalsOf(currency), { group: true });
  }

  /** What a fragment still has to collect (value plus carry less what it claimed): what prices bind. */
  async remainingOf(tokenId: bigint): Promise<bigint> {
    return (await this.receivables.position(tokenId)).remaining;
  }

  /** The currency of a fragment's root (throws for an unknown root). */
  async currencyOf(tokenId: bigint): Promise<string> {
    const r = await this.receivables.receivable(tokenId >> 32n);
    if (Number(r.status) === 0) throw new UnitError("tokenId", tokenId, "is not a fragment of a known receivable");
    return r.currency;
  }

  /** The contract arguments of a listing, in base units (checks the human input, not the chain). */
  async listArgs(input: ListInput) {
    const currency = await this.currencyOf(input.tokenId);
    const hasPrice = input.price !== undefined && input.price !== "";
    const hasRate = input.rate !== undefined && input.rate !== "";
    if (hasPrice === hasRate) throw new UnitError("price", input.price ?? "", "give exactly one of price and rate");
    const price = hasPrice ? await this.parse(input.price!, currency, "price") : 0n;
    const rateBps = hasRate
      ? typeof input.rate === "bigint"
        ? input.rate
        : parseBps(input.rate!, "rate", MAX_RATE_BPS)
      : 0n;
    if (hasRate && (rateBps === 0n || rateBps > MAX_RATE_BPS)) {
      throw new UnitError("rate", input.rate, `must be between 1 bp and ${formatBps(MAX_RATE_BPS)}`);
    }
    const collateral =
      input.collateral === undefined || input.collateral === "" || input.collateral === 0n
        ? 0n
        : await this.parse(input.collateral, currency, "collateral");
    if (collateral !== 0n && input.recourse !== true) {
      throw new UnitError("collateral", input.collateral, "needs a recourse listing");
    }
    return {
      tokenId: input.tokenId,
      value: input.value === undefined || input.value === "" ? 0n : await this.parse(input.value, currency, "value"),
      price,
      rateBps,
      basis: input.basis === undefined || input.basis === "" ? Basis.Act360 : parseBasis(input.basis),
      expiry: typeof input.expiry === "bigint" ? input.expiry : parseDate(input.expiry, "expiry"),
      buyerKinds: input.buyerKinds === undefined ? 0 : kindBitsOf(input.buyerKinds, "buyerKinds"),
      recourse: input.recourse === true,
      collateral,
      currency,
    };
  }

  // ------------------------------------------------------------------ approvals

  /**
   * Makes sure the market may pull `amount` of `currency` from the signer: approves exactly
   * `amount` when the allowance is short, and waits for it. Returns the approval's hash, if sent.
   */
  async ensureAllowance(currency: string, amount: bigint, overrides?: Overrides): Promise<string | undefined> {
    const signer = this.signer("approve");
    const token = SettlementToken__factory.connect(currency, signer);
    const spender = this.ctx.addresses.market;
    if ((await token.allowance(await signer.getAddress(), spender)) >= amount) return undefined;
    const tx = await token.approve(spender, amount, await this.ctx.overrides(overrides));
    const receipt = await tx.wait();
    if (receipt === null || receipt.status !== 1) throw new Error(`market: approve ${tx.hash} failed`);
    return tx.hash;
  }

  /**
   * Makes sure the market may move the signer's fragments (`setApprovalForAll`), and waits for it.
   * Returns the approval's hash, if sent.
   */
  async ensureFragmentApproval(overrides?: Overrides): Promise<string | undefined> {
    const signer = this.signer("setApprovalForAll");
    const spender = this.ctx.addresses.market;
    if (await this.receivables.isApprovedForAll(await signer.getAddress(), spender)) return undefined;
    const tx = await this.receivables
      .connect(signer)
      .setApprovalForAll(spender, true, await this.ctx.overrides(overrides));
    const receipt = await tx.wait();
    if (receipt === null || receipt.status !== 1) throw new Error(`market: setApprovalForAll ${tx.hash} failed`);
    return tx.hash;
  }

  // ------------------------------------------------------------------ listings

  /**
   * Lists a fragment (whole or a part) at a fixed price or a discount rate. Approves the market for
   * the caller's fragments first when it is not, and for the collateral when one is posted.
   */
  async list(input: ListInput, overrides?: Overrides): Promise<ContractTransactionResponse> {
    const a = await this.listArgs(input);
    await this.ensureFragmentApproval(overrides);
    if (a.collateral !== 0n) await this.ensureAllowance(a.currency, a.collateral, overrides);
    const params = {
      tokenId: a.tokenId,
      value: a.value,
      price: a.price,
      rateBps: a.rateBps,
      basis: a.basis,
      expiry: a.expiry,
      buyerKinds: a.buyerKinds,
      recourse: a.recourse,
      collateral: a.collateral,
    };
    return this.contract.list(params, await this.ctx.overrides(overrides));
  }

  /** The seller (any time) or anyone (after expiry) cancels a listing. */
  async cancelListing(listingId: bigint, overrides?: Overrides): Promise<ContractTransactionResponse> {
    return this.contract.cancelListing(listingId, await this.ctx.overrides(overrides));
  }

  /**
   * Buys a listing paying at most `maxPrice` (default: the quote at the latest block; a discount
   * price rises when a day boundary passes before the buy is mined, and the buy then reverts with
   * MarketPriceAboveMax). Approves the market for `maxPrice` of the currency first when the
   * allowance is short.
   */
  async buy(listingId: bigint, maxPrice?: MarketAmount, overrides?: Overrides): Promise<ContractTransactionResponse> {
    const l = await this.requireListing(listingId);
    const max =
      maxPrice === undefined ? (await this.quote(listingId)).price : await this.parse(maxPrice, l.currency, "maxPrice");
    await this.ensureAllowance(l.currency, max, overrides);
    return this.contract.buy(listingId, max, await this.ctx.overrides(overrides));
  }

  // ------------------------------------------------------------------ recourse

  /** Posts (or tops up) recourse collateral; approves the market for `amount` first when needed. */
  async postCollateral(
    listingId: bigint,
    amount: MarketAmount,
    overrides?: Overrides,
  ): Promise<ContractTransactionResponse> {
    const r = await this.contract.recourseOf(listingId);
    const value = await this.parse(amount, r.currency === ZERO ? undefined : r.currency, "collateral");
    if (r.currency !== ZERO) await this.ensureAllowance(r.currency, value, overrides);
    return this.contract.postCollateral(listingId, value, await this.ctx.overrides(overrides));
  }

  /**
   * The recourse buyer exercises on a defaulted root: the fragment goes back to the seller. Approves
   * the market for the caller's fragments first when it is not (it moves the fragment).
   */
  async exerciseRecourse(listingId: bigint, overrides?: Overrides): Promise<ContractTransactionResponse> {
    await this.ensureFragmentApproval(overrides);
    return this.contract.exerciseRecourse(listingId, await this.ctx.overrides(overrides));
  }

  /**
   * Pays `amount` (default: all) of a seller's recourse debt to the buyer. Approves the market for
   * the amount first when the allowance is short.
   */
  async settleRecourseDebt(
    listingId: bigint,
    amount?: MarketAmount,
    overrides?: Overrides,
  ): Promise<ContractTransactionResponse> {
    const r = await this.contract.recourseOf(listingId);
    const value = amount === undefined ? r.debt : await this.parse(amount, r.currency, "amount");
    if (r.currency !== ZERO && value > 0n) await this.ensureAllowance(r.currency, value, overrides);
    return this.contract.settleRecourseDebt(listingId, value, await this.ctx.overrides(overrides));
  }

  /**
   * Returns unused collateral to its provider (anyone may call) once the root is settled or the
   * recourse deadline ({@link recourseDeadline}) has passed.
   */
  async releaseCollateral(listingId: bigint, overrides?: Overrides): Promise<ContractTransactionResponse> {
    return this.contract.releaseCollateral(listingId, await this.ctx.overrides(overrides));
  }

  // ------------------------------------------------------------------ offers

  /**
   * A factor or bank offers `amount` (escrowed) for a fragment until `expiry`, in the root's
   * currency, on the fragment's current remaining to collect (read now, or `remaining` when given):
   * the offer can be accepted only while the fragment still has exactly that to collect. Approves
   * the market for `amount` first when the allowance is short.
   */
  async makeOffer(
    tokenId: bigint,
    amount: MarketAmount,
    expiry: string | bigint,
    overrides?: Overrides,
    remaining?: bigint,
  ): Promise<ContractTransactionResponse> {
    const currency = await this.currencyOf(tokenId);
    const value = await this.parse(amount, currency);
    const exp = typeof expiry === "bigint" ? expiry : parseDate(expiry, "expiry");
    const priced = remaining ?? (await this.remainingOf(tokenId));
    await this.ensureAllowance(currency, value, overrides);
    return this.contract.makeOffer(tokenId, currency, value, exp, priced, await this.ctx.overrides(overrides));
  }

  /**
   * The fragment's holder accepts an offer. Approves the market for the caller's fragments first
   * when it is not.
   */
  async acceptOffer(offerId: bigint, overrides?: Overrides): Promise<ContractTransactionResponse> {
    await this.ensureFragmentApproval(overrides);
    return this.contract.acceptOffer(offerId, await this.ctx.overrides(overrides));
  }

  /** The offerer withdraws its offer and gets the escrow back. */
  async cancelOffer(offerId: bigint, overrides?: Overrides): Promise<ContractTransactionResponse> {
    return this.contract.cancelOffer(offerId, await this.ctx.overrides(overrides));
  }

  // ------------------------------------------------------------------ auctions

  /** The contract arguments of an auction, in base units (`now` prices a duration end). */
  async auctionArgs(input: AuctionInput, now?: bigint) {
    const currency = await this.currencyOf(input.tokenId);
    const t = now ?? (await this.now());
    return {
      tokenId: input.tokenId,
      reserve: await this.parse(input.reserve, currency, "reserve"),
      // Positive (the market refuses 0: an equal bid would displace the leader); default one base unit.
      minIncrement:
        input.minIncrement === undefined || input.minIncrement === ""
          ? 1n
          : await this.parse(input.minIncrement, currency, "minIncrement"),
      endTime: parseAuctionEnd(input.end, t),
      buyerKinds: input.buyerKinds === undefined ? 0 : kindBitsOf(input.buyerKinds, "buyerKinds"),
      currency,
    };
  }

  /**
   * Auctions a fragment (confirmed, overdue or defaulted). Approves the market for the caller's
   * fragments first when it is not.
   */
  async createAuction(input: AuctionInput, overrides?: Overrides): Promise<ContractTransactionResponse> {
    const a = await this.auctionArgs(input);
    await this.ensureFragmentApproval(overrides);
    return this.contract.createAuction(
      a.tokenId,
      a.reserve,
      a.minIncrement,
      a.endTime,
      a.buyerKinds,
      await this.ctx.overrides(overrides),
    );
  }

  /** Bids `amount` (escrowed); approves the market for `amount` first when the allowance is short. */
  async bid(auctionId: bigint, amount: MarketAmount, overrides?: Overrides): Promise<ContractTransactionResponse> {
    const a = await this.contract.auction(auctionId);
    if (!a.open) throw new UnitError("auctionId", auctionId, "is not an open auction");
    const value = await this.parse(amount, a.currency);
    await this.ensureAllowance(a.currency, value, overrides);
    return this.contract.bid(auctionId, value, await this.ctx.overrides(overrides));
  }

  /** Settles an ended auction (anyone). */
  async settleAuction(auctionId: bigint, overrides?: Overrides): Promise<ContractTransactionResponse> {
    return this.contract.settleAuction(auctionId, await this.ctx.overrides(overrides));
  }

  /** Withdraws the caller's refunds (outbid bids) in a currency (default the settlement cash). */
  async withdrawRefund(
    currency = this.ctx.addresses.cash,
    overrides?: Overrides,
  ): Promise<ContractTransactionResponse> {
    return this.contract.withdrawRefund(currency, await this.ctx.overrides(overrides));
  }

  // ------------------------------------------------------------------ views

  /** A listing; undefined once sold or cancelled (or never made). */
  async listing(listingId: bigint): Promise<ListingView | undefined> {
    const l = await this.contract.listing(listingId);
    if (Number(l.status) === 0) return undefined;
    const decimals = await this.decimalsOf(l.currency);
    const basis = BasisNames[Number(l.basis)];
    return {
      listingId,
      status: ListingStatus[Number(l.status)],
      seller: l.seller,
      tokenId: l.tokenId,
      currency: l.currency,
      decimals,
      value: l.value,
      remaining: l.remaining,
      price: l.price,
      rateBps: l.rateBps,
      basis,
      pricing: pricingText(l.price, l.rateBps, basis, decimals),
      expiry: l.expiry,
      expiryIso: formatDate(l.expiry),
      dueDate: l.dueDate,
      dueDateIso: formatDate(l.dueDate),
      buyerKinds: Number(l.buyerKinds),
      buyerKindNames: kindNames(l.buyerKinds),
      recourse: l.recourse,
    };
  }

  /** The recourse duty of a listing; undefined for a non-recourse (or unknown) listing. */
  async recourse(listingId: bigint): Promise<RecourseView | undefined> {
    const r = await this.contract.recourseOf(listingId);
    if (Number(r.status) === 0) return undefined;
    return {
      listingId,
      status: RecourseStatus[Number(r.status)],
      seller: r.seller,
      buyer: r.buyer,
      tokenId: r.tokenId,
      currency: r.currency,
      decimals: await this.decimalsOf(r.currency),
      price: r.price,
      remaining: r.remaining,
      provider: r.provider,
      collateral: r.collateral,
      debt: r.debt,
    };
  }

  /** An offer; undefined once accepted or cancelled (or never made). */
  async offer(offerId: bigint): Promise<OfferView | undefined> {
    const o = await this.contract.offer(offerId);
    if (o.offerer === ZERO) return undefined;
    const currency = await this.currencyOf(o.tokenId);
    return {
      offerId,
      offerer: o.offerer,
      tokenId: o.tokenId,
      currency,
      decimals: await this.decimalsOf(currency),
      amount: o.amount,
      remaining: o.remaining,
      expiry: o.expiry,
      expiryIso: formatDate(o.expiry),
    };
  }

  /** An auction (open or settled); undefined when never created. */
  async auction(auctionId: bigint): Promise<AuctionView | undefined> {
    const a = await this.contract.auction(auctionId);
    if (a.seller === ZERO) return undefined;
    return {
      auctionId,
      open: a.open,
      seller: a.seller,
      tokenId: a.tokenId,
      currency: a.currency,
      decimals: await this.decimalsOf(a.currency),
      reserve: a.reserve,
      minIncrement: a.minIncrement,
      highestBidder: a.highestBidder,
      highestBid: a.highestBid,
      minimumBid: a.highestBidder === ZERO ? a.reserve : a.highestBid + a.minIncrement,
      endTime: a.endTime,
      endTimeIso: formatDate(a.endTime),
      latestEnd: a.latestEnd,
      remaining: a.remaining,
      buyerKinds: Number(a.buyerKinds),
      buyerKindNames: kindNames(a.buyerKinds),
    };
  }

  /**
   * What buy charges for a listing at time `at` (default the latest block's time), computed with
   * src/pricing.ts exactly as the contract's `quote` (same integer maths and rounding), with the
   * platform fee and the seller's proceeds.
   */
  async quote(listingId: bigint, at?: bigint): Promise<Quote> {
    const l = await this.requireListing(listingId);
    const [t, feeBps] = await Promise.all([at ?? this.now(), this.contract.feeBps()]);
    return MarketFacade.quoteOf(l, t, feeBps);
  }

  /** The quote of a listing view at time `at` with a fee (pure; no chain access). */
  static quoteOf(l: ListingView, at: bigint, feeBps: bigint): Quote {
    const price =
      l.price !== 0n
        ? l.price
        : discountPrice(l.remaining, l.rateBps, l.dueDate, at, BasisNames.indexOf(l.basis) as Basis);
    const fee = platformFee(price, feeBps);
    return {
      listingId: l.listingId,
      at,
      price,
      fee,
      sellerProceeds: price - fee,
      value: l.value,
      remaining: l.remaining,
      days: l.price !== 0n ? 0n : daysToMaturity(l.dueDate, at),
      decimals: l.decimals,
    };
  }

  /** The last moment recourse on a listing may be exercised (0 for a non-recourse listing). */
  recourseDeadline(listingId: bigint): Promise<bigint> {
    return this.contract.recourseDeadline(listingId);
  }

  /** What holds a fragment in the market's custody: a listing, an auction, or parked for its owner. */
  async custodyOf(
    tokenId: bigint,
  ): Promise<{ owner: string; kind: "None" | "Listing" | "Auction" | "Parked"; id: bigint }> {
    const h = await this.contract.custodyOf(tokenId);
    return { owner: h.owner, kind: (["None", "Listing", "Auction", "Parked"] as const)[Number(h.kind)]!, id: h.id };
  }

  /** Refunds a wallet can withdraw in a currency (default the settlement cash), base units. */
  refundOf(wallet: string, currency = this.ctx.addresses.cash): Promise<bigint> {
    return this.contract.refundOf(currency, wallet);
  }

  /** Platform fee in basis points. */
  async feeBps(): Promise<bigint> {
    return this.contract.feeBps();
  }

  /** Where fees go (zero address until the fee admin sets it). */
  treasury(): Promise<string> {
    return this.contract.treasury();
  }

  /**
   * The open book: listings still open (with their quote now), offers not accepted or cancelled
   * (expired ones included: the offerer may still cancel them), auctions not settled. Candidates
   * come from the Listed, OfferMade and AuctionCreated events.
   */
  async openBook(range: BlockRange = {}): Promise<OpenBook> {
    const [listed, offered, auctioned, now, feeBps] = await Promise.all([
      this.listedEvents({}, range),
      this.offerMadeEvents({}, range),
      this.auctionCreatedEvents({}, range),
      this.now(),
      this.contract.feeBps(),
    ]);
    const listings = (await Promise.all(listed.map((e) => this.listing(e.args.listingId))))
      .filter((l): l is ListingView => l !== undefined)
      .map((l) => ({ ...l, quote: MarketFacade.quoteOf(l, now, feeBps) }));
    const offers = (await Promise.all(offered.map((e) => this.offer(e.args.offerId)))).filter(
      (o): o is OfferView => o !== undefined,
    );
    const auctions = (await Promise.all(auctioned.map((e) => this.auction(e.args.auctionId)))).filter(
      (a): a is AuctionView => a !== undefined && a.open,
    );
    return { listings, offers, auctions };
  }

  // ------------------------------------------------------------------ events

  /** Listed events (optionally one listing, fragment or seller). */
  listedEvents(f: { listingId?: bigint; tokenId?: bigint; seller?: string } = {}, range?: BlockRange) {
    return queryEvents(this.contract, this.contract.filters.Listed(f.listingId, f.tokenId, f.seller), range);
  }

  /** ListingCancelled events. */
  listingCancelledEvents(f: { listingId?: bigint; tokenId?: bigint; seller?: string } = {}, range?: BlockRange) {
    return queryEvents(this.contract, this.contract.filters.ListingCancelled(f.listingId, f.tokenId, f.seller), range);
  }

  /** Bought events (optionally one listing, fragment or buyer). */
  boughtEvents(f: { listingId?: bigint; tokenId?: bigint; buyer?: string } = {}, range?: BlockRange) {
    return queryEvents(this.contract, this.contract.filters.Bought(f.listingId, f.tokenId, f.buyer), range);
  }

  /** OfferMade events (optionally one offer, fragment or offerer). */
  offerMadeEvents(f: { offerId?: bigint; tokenId?: bigint; offerer?: string } = {}, range?: BlockRange) {
    return queryEvents(this.contract, this.contract.filters.OfferMade(f.offerId, f.tokenId, f.offerer), range);
  }

  /** OfferAccepted events (optionally one offer, fragment or holder). */
  offerAcceptedEvents(f: { offerId?: bigint; tokenId?: bigint; holder?: string } = {}, range?: BlockRange) {
    return queryEvents(this.contract, this.contract.filters.OfferAccepted(f.offerId, f.tokenId, f.holder), range);
  }

  /** OfferCancelled events. */
  offerCancelledEvents(f: { offerId?: bigint; offerer?: string } = {}, range?: BlockRange) {
    return queryEvents(this.contract, this.contract.filters.OfferCancelled(f.offerId, f.offerer), range);
  }

  /** AuctionCreated events (optionally one auction, fragment or seller). */
  auctionCreatedEvents(f: { auctionId?: bigint; tokenId?: bigint; seller?: string } = {}, range?: BlockRange) {
    return queryEvents(this.contract, this.contract.filters.AuctionCreated(f.auctionId, f.tokenId, f.seller), range);
  }

  /** BidPlaced events (optionally one auction or bidder). */
  bidPlacedEvents(f: { auctionId?: bigint; bidder?: string } = {}, range?: BlockRange) {
    return queryEvents(this.contract, this.contract.filters.BidPlaced(f.auctionId, f.bidder), range);
  }

  /** AuctionSettled events (optionally one auction or winner). */
  auctionSettledEvents(f: { auctionId?: bigint; winner?: string } = {}, range?: BlockRange) {
    return queryEvents(this.contract, this.contract.filters.AuctionSettled(f.auctionId, f.winner), range);
  }

  /** AuctionDeliveryFailed events. */
  auctionDeliveryFailedEvents(f: { auctionId?: bigint; winner?: string } = {}, range?: BlockRange) {
    return queryEvents(this.contract, this.contract.filters.AuctionDeliveryFailed(f.auctionId, f.winner), range);
  }

  /** RecourseExercised events (optionally one listing, buyer or seller). */
  recourseExercisedEvents(f: { listingId?: bigint; buyer?: string; seller?: string } = {}, range?: BlockRange) {
    return queryEvents(this.contract, this.contract.filters.RecourseExercised(f.listingId, f.buyer, f.seller), range);
  }

  /** RecourseDebtSettled events. */
  recourseDebtSettledEvents(f: { listingId?: bigint; payer?: string } = {}, range?: BlockRange) {
    return queryEvents(this.contract, this.contract.filters.RecourseDebtSettled(f.listingId, f.payer), range);
  }

  /** CollateralPosted events. */
  collateralPostedEvents(f: { listingId?: bigint; provider?: string } = {}, range?: BlockRange) {
    return queryEvents(this.contract, this.contract.filters.CollateralPosted(f.listingId, f.provider), range);
  }

  /** CollateralReleased events. */
  collateralReleasedEvents(f: { listingId?: bigint; provider?: string } = {}, range?: BlockRange) {
    return queryEvents(this.contract, this.contract.filters.CollateralReleased(f.listingId, f.provider), range);
  }

  /** FeeCollected events. */
  feeCollectedEvents(f: { currency?: string; treasury?: string } = {}, range?: BlockRange) {
    return queryEvents(this.contract, this.contract.filters.FeeCollected(f.currency, f.treasury), range);
  }

  /** RefundWithdrawn events. */
  refundWithdrawnEvents(f: { currency?: string; wallet?: string } = {}, range?: BlockRange) {
    return queryEvents(this.contract, this.contract.filters.RefundWithdrawn(f.currency, f.wallet), range);
  }

  /**
   * Every event of the market in chain order, with its arguments by name (for journals and
   * reports); chunked like {@link queryEvents}.
   */
  async events(range: BlockRange = {}) {
    return allEvents(this.contract, { toBlock: await this.ctx.provider.getBlockNumber(), ...range });
  }

  // ------------------------------------------------------------------ private

  private async requireListing(listingId: bigint): Promise<ListingView> {
    const l = await this.listing(listingId);
    if (l === undefined) throw new UnitError("listingId", listingId, "is not an open listing");
    return l;
  }

  private async now(): Promise<bigint> {
    const b = await this.ctx.provider.getBlock("latest");
    if (b === null) throw new Error("market: no latest block");
    return BigInt(b.timestamp);
  }

  private signer(what: string): Signer {
    const signer = this.ctx.runner as Signer;
    if (typeof signer.getAddress !== "function") throw new Error(`market: ${what} needs a Signer; connect with one`);
    return signer;
  }
}
