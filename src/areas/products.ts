import {
  AbiCoder,
  ZeroAddress,
  ZeroHash,
  getAddress,
  isAddress,
  keccak256,
  type ContractTransactionReceipt,
  type ContractTransactionResponse,
  type Overrides,
  type Signer,
} from "ethers";

import {
  ParticipantRegistry__factory,
  ProductFactory__factory,
  ReceivableToken__factory,
  RevenueProduct__factory,
  SettlementToken__factory,
  TrancheToken__factory,
  type ProductFactory,
  type RevenueProduct,
  type TrancheToken,
} from "../../types/ethers-contracts/index.js";
import { allEvents, queryEvents, type BlockRange } from "../events.js";
import { Ineligibility, Kinds, kindNames, type KindName } from "../kinds.js";
import {
  CASH_DECIMALS,
  UnitError,
  formatAmount,
  formatBps,
  formatDate,
  parseAmount,
  parseBps,
  parseDate,
} from "../units.js";
import {
  allocation,
  closeOutcome,
  distribute,
  entitled,
  interestDueAt,
  trancheSupplies,
  type Distribution,
  type OfferingOutcome,
} from "../waterfall.js";
import { MarketFacade, parseAuctionEnd, type AuctionView } from "./market.js";
import { kindBitsOf } from "./registry.js";
import type { SuiteContext } from "./context.js";

/** A product's phase (IRevenueProduct.Phase). */
export const ProductPhase = ["None", "Originated", "Approved", "Listed", "Active", "Failed", "Closed"] as const;
export type ProductPhaseName = (typeof ProductPhase)[number];
/** Custody of a basket fragment (IRevenueProduct.Custody). */
export const CustodyState = ["None", "Held", "Released", "WrittenOff", "Returned", "Auctioned"] as const;
export type CustodyName = (typeof CustodyState)[number];
/** Tranche names by index (0 senior, 1 junior). */
export const TRANCHE_NAMES = ["senior", "junior"] as const;
export type TrancheName = (typeof TRANCHE_NAMES)[number];

/**
 * A rating scale for default notches (1 = best). The contract takes any grade label and notch; the
 * SDK fills the notch from this scale when a caller gives only the grade.
 */
export const GRADE_SCALE = [
  "AAA",
  "AA+",
  "AA",
  "AA-",
  "A+",
  "A",
  "A-",
  "BBB+",
  "BBB",
  "BBB-",
  "BB+",
  "BB",
  "BB-",
  "B+",
  "B",
  "B-",
  "CCC",
  "CC",
  "C",
  "D",
] as const;

/** Bounds the contract enforces on terms and listings (RevenueProduct's private constants). */
export const PRODUCT_LIMITS = { maxFeeBps: 1_000n, maxRateBps: 5_000n } as const;

/** An amount in the product's currency: decimal string ("1,000.00") or base units. */
export type ProductAmount = string | bigint;
/** A rate or share: "3.2%", "320bps", or basis points as a bigint. */
export type BpsInput = string | bigint;
/** An ISO date ("2027-06-30", "2027-06-30T12:00:00Z") or unix seconds. */
export type DateInput = string | bigint;

/** Terms of a new product in human units. */
export interface TermsInput {
  /** Share of the offering in the senior tranche: "80%" (100% = a single tranche). */
  seniorShare: BpsInput;
  /** Senior target annual yield (actual/365 simple interest): "3.2%". */
  seniorRate: BpsInput;
  /** Servicing fee off every collection, to the originator: "0.5%". */
  servicingFee: BpsInput;
}

/** Terms as stored, with their percent forms. */
export interface TermsView {
  seniorBps: bigint;
  seniorRateBps: bigint;
  servicingFeeBps: bigint;
  /** "80%". */
  seniorShare: string;
  seniorRate: string;
  servicingFee: string;
  trancheCount: 1 | 2;
}

/** A rating in human terms. */
export interface RatingInput {
  /** Grade label, at most 8 ASCII characters ("AA"). */
  grade: string;
  /** 1 = best; default the grade's place on {@link GRADE_SCALE}. */
  notch?: number;
  expiry: DateInput;
  reportUri: string;
  /** 0x + 64 hex; default zero. */
  reportHash?: string;
}

export interface RatingView {
  agency: string;
  grade: string;
  notch: number;
  date: bigint;
  dateIso: string;
  expiry: bigint;
  expiryIso: string;
  reportUri: string;
  reportHash: string;
  /** Whether the expiry is after the chain's time. */
  current: boolean;
}

/** A listing in human terms. */
export interface ListingInput {
  opens: DateInput;
  closes: DateInput;
  pricePerShare: ProductAmount;
  minRaise: ProductAmount;
  cap: ProductAmount;
  minTicket: ProductAmount;
  maxTicket: ProductAmount;
  /** Kinds an investor must have one of: names ("INVESTOR", "BANK") or bits. */
  investorKinds: readonly string[] | number;
  /** Off the raise at close and off every collection: "1%". */
  exchangeFee: BpsInput;
}

export interface ListingView {
  exchange: string;
  opens: bigint;
  closes: bigint;
  opensIso: string;
  closesIso: string;
  investorKindBits: number;
  investorKinds: KindName[];
  exchangeFeeBps: bigint;
  exchangeFee: string;
  pricePerShare: bigint;
  minRaise: bigint;
  cap: bigint;
  minTicket: bigint;
  maxTicket: bigint;
  /** Shares offered in all: cap / price. */
  totalShares: bigint;
  /** What the originator accepts: {@link listingTermsHash} of these terms. */
  termsHash: string;
}

export interface TrancheView {
  index: number;
  name: TrancheName;
  token: string;
  symbol: string;
  /** Shares offered. */
  supply: bigint;
  subscribers: number;
  /** Shares subscribed. */
  requested: bigint;
  /** Cash raised into the tranche at close (base units). */
  principal: bigint;
  /** Losses written down against it (base units). */
  written: bigint;
  /** Shares in existence (the token's total supply, custody shares included). */
  shares: bigint;
  /** Cash distributed to the tranche so far (base units). */
  distributed: bigint;
}

export interface WaterfallView {
  seniorBalance: bigint;
  /** Interest due as stored at the last distribution. */
  interestDue: bigint;
  /** Interest due at the chain's time (stored + accrued since), as the next distribution will see it then. */
  interestDueNow: bigint;
  accruedAt: bigint;
  accruedAtIso: string;
  losses: bigint;
  collected: bigint;
}

export interface BasketEntry {
  tokenId: bigint;
  custody: CustodyName;
  /** Face value of the fragment (base units). */
  value: bigint;
  /** What a collection would take from it now (0 unless held or written off). */
  collectable: bigint;
  /** The market auction it is on (custody `Auctioned` only). */
  auctionId?: bigint;
}

/** A defaulted fragment's auction in human units (the contract's `auctionDefaulted` arguments). */
export interface DisposalAuctionInput {
  /** Lowest first bid (at most the fragment's value). */
  reserve: ProductAmount;
  /** Least step over the highest bid, positive; default one base unit. */
  minIncrement?: ProductAmount;
  /** End: ISO date-time, a duration from now ("7d", "12h30m"), a Date, or unix seconds. */
  end: string | bigint | Date;
  /** Kinds allowed to bid (names or bits); default (or 0) FACTOR | BANK. */
  buyerKinds?: readonly string[] | number;
}

/** The market auction of a fragment in `Auctioned` custody, with the outcome fields the product reads. */
export interface DisposalAuctionView extends AuctionView {
  /** Set at the market's settlement: the fragment went to the highest bidder. */
  sold: boolean;
  /** Fee rate the market applied at settlement (0 before). */
  feeBps: bigint;
  /** Whether the chain's time is past the end (settleable). */
  ended: boolean;
}

/** What `settleDisposalAuction(tokenId)` would do now. */
export interface DisposalSettlementPreview {
  tokenId: bigint;
  auctionId: bigint;
  /** The chain's time is past the auction's end: it can be settled now. */
  ended: boolean;
  /** Someone settled at the market already; the product only accounts for the outcome. */
  settledAtMarket: boolean;
  /** Whether the fragment goes (went) to the highest bidder. */
  sold: boolean;
  /** The winner (zero address when not sold). */
  winner: string;
  /** The winning bid (0 when not sold). */
  bid: bigint;
  /** The fee rate applied: the market's rate now, or the one it applied at its settlement. */
  feeBps: bigint;
  /** floor(bid x feeBps / 10,000). */
  fee: bigint;
  /** What the product receives and distributes: bid - fee. */
  proceeds: bigint;
  /** Why it would not sell: "no bid", or the winner's ineligibility. */
  reason?: string;
}

/** One investor's position in one tranche. */
export interface PositionView {
  tranche: number;
  name: TrancheName;
  /** Shares subscribed (before allocation). */
  subscribed: bigint;
  /** Shares taken or refund paid. */
  settled: boolean;
  /** After a successful close and before settlement: the shares and refund claimShares will give. */
  pending?: { shares: bigint; refund: bigint };
  /** Shares held now. */
  balance: bigint;
  /** Distributions the holder can claim from the tranche token (base units). */
  claimable: bigint;
}

/** A product at a glance (for lists). */
export interface ProductSummary {
  index: number;
  address: string;
  originator: string;
  phase: ProductPhaseName;
  face: bigint;
  fragments: number;
  trancheCount: number;
  grade?: string;
  paused: boolean;
}

/** Everything about one product now. */
export interface ProductView {
  address: string;
  phase: ProductPhaseName;
  paused: boolean;
  originator: string;
  face: bigint;
  terms: TermsView;
  rating?: RatingView;
  listing?: ListingView;
  tranches: TrancheView[];
  waterfall: WaterfallView;
  basket: BasketEntry[];
  /** The exchange, rating agency and registration agent bound at creation. */
  parties: PartiesInput;
  /** Listing terms proposed by the exchange and not yet accepted by the originator (phase Approved). */
  proposedListing?: ListingView;
  /** Dust held for the treasury since wind-down (it could not be paid then). */
  heldDust: bigint;
  /** Cash the product holds (escrow, refund reserve, credits, dust). */
  cash: bigint;
  /** The chain's time the view was read at. */
  now: bigint;
}

/** One event of a product, in chain order. */
export interface ProductEvent {
  name: string;
  args: Record<string, unknown>;
  blockNumber: number;
  transactionHash: string;
  logIndex: number;
}

const BYTES32 = /^0x[0-9a-fA-F]{64}$/;
const GRADE = /^[A-Za-z0-9+\-]{1,8}$/;

/** The market fee off a winning bid: floor(bid x feeBps / 10,000), as the market and the product compute it. */
export function disposalFee(bid: bigint, feeBps: bigint): bigint {
  return (bid * feeBps) / 10_000n;
}

/** A grade label ("AA+") -> bytes8. */
export function parseGrade(input: string, field = "grade"): string {
  const t = String(input).trim();
  if (!GRADE.test(t)) throw new UnitError(field, input, "is not a grade label (1 to 8 letters, digits, + or -)");
  return "0x" + Buffer.from(t, "ascii").toString("hex").padEnd(16, "0");
}

/** bytes8 -> the grade label. */
export function formatGrade(bytes8: string): string {
  return Buffer.from(bytes8.replace(/^0x/, ""), "hex").toString("ascii").replace(/\0+$/, "");
}

/** The notch of a grade on {@link GRADE_SCALE} (1 = AAA), or undefined off the scale. */
export function notchOf(grade: string): number | undefined {
  const i = (GRADE_SCALE as readonly string[]).indexOf(grade.trim().toUpperCase());
  return i < 0 ? undefined : i + 1;
}

/** "senior" / "junior" / "0" / "1" -> the tranche index. */
export function parseTranche(input: string | number | bigint, field = "tranche"): 0 | 1 {
  const t = String(input).trim().toLowerCase();
  if (t === "0" || t === "senior") return 0;
  if (t === "1" || t === "junior") return 1;
  throw new UnitError(field, input, "is not a tranche (senior, junior, 0 or 1)");
}

/** A positive whole number of shares. */
export function parseShares(input: string | bigint, field = "shares"): bigint {
  if (typeof input === "bigint") {
    if (input <= 0n) throw new UnitError(field, input, "must be a positive whole number of shares");
    return input;
  }
  const t = String(input).trim().replaceAll(",", "");
  if (t.startsWith("-")) throw new UnitError(field, input, "must not be negative");
  if (!/^\d+$/.test(t)) throw new UnitError(field, input, "is not a whole number of shares");
  const v = BigInt(t);
  if (v === 0n) throw new UnitError(field, input, "must be greater than zero");
  if (v >= 1n << 64n) throw new UnitError(field, input, "is more shares than a tranche can have (2^64)");
  return v;
}

/** Terms in human units -> the contract's struct (checked against the contract's bounds). */
export function parseTerms(input: TermsInput): { seniorBps: bigint; seniorRateBps: bigint; servicingFeeBps: bigint } {
  const bps = (v: BpsInput, field: string, max: bigint) => (typeof v === "bigint" ? v : parseBps(v, field, max));
  const seniorBps = bps(input.seniorShare, "seniorShare", 10_000n);
  const seniorRateBps = bps(input.seniorRate, "seniorRate", PRODUCT_LIMITS.maxRateBps);
  const servicingFeeBps = bps(input.servicingFee, "servicingFee", PRODUCT_LIMITS.maxFeeBps);
  if (seniorBps <= 0n || seniorBps > 10_000n) {
    throw new UnitError("seniorShare", input.seniorShare, "must be above 0% and at most 100%");
  }
  if (seniorRateBps > PRODUCT_LIMITS.maxRateBps) {
    throw new UnitError("seniorRate", input.seniorRate, `exceeds ${formatBps(PRODUCT_LIMITS.maxRateBps)}`);
  }
  if (servicingFeeBps > PRODUCT_LIMITS.maxFeeBps) {
    throw new UnitError("servicingFee", input.servicingFee, `exceeds ${formatBps(PRODUCT_LIMITS.maxFeeBps)}`);
  }
  return { seniorBps, seniorRateBps, servicingFeeBps };
}

function dateOf(v: DateInput, field: string): bigint {
  return typeof v === "bigint" ? v : parseDate(v, field);
}

function amountOf(v: ProductAmount, field: string, decimals: number): bigint {
  return typeof v === "bigint" ? v : parseAmount(v, decimals, field);
}

/** A listing in human units -> the contract's struct (exchange is set by the contract). */
export function parseListing(input: ListingInput, decimals = CASH_DECIMALS) {
  const exchangeFeeBps =
    typeof input.exchangeFee === "bigint"
      ? input.exchangeFee
      : parseBps(input.exchangeFee, "exchangeFee", PRODUCT_LIMITS.maxFeeBps);
  return {
    exchange: ZeroAddress,
    opens: dateOf(input.opens, "opens"),
    closes: dateOf(input.closes, "closes"),
    investorKinds: kindBitsOf(input.investorKinds, "investorKinds"),
    exchangeFeeBps,
    pricePerShare: amountOf(input.pricePerShare, "pricePerShare", decimals),
    minRaise: amountOf(input.minRaise, "minRaise", decimals),
    cap: amountOf(input.cap, "cap", decimals),
    minTicket: amountOf(input.minTicket, "minTicket", decimals),
    maxTicket: amountOf(input.maxTicket, "maxTicket", decimals),
  };
}

/** The contract's listing struct (what {@link parseListing} returns, or what `listing()` reads). */
export interface ListingStruct {
  exchange: string;
  opens: bigint;
  closes: bigint;
  investorKinds: number | bigint;
  exchangeFeeBps: number | bigint;
  pricePerShare: bigint;
  minRaise: bigint;
  cap: bigint;
  minTicket: bigint;
  maxTicket: bigint;
}

const LISTING_TUPLE = "tuple(address,uint40,uint40,uint16,uint16,uint96,uint96,uint96,uint96,uint96)";

/**
 * The hash an originator accepts (`acceptListing`): keccak256(abi.encode(listing)) of the terms
 * with `exchange` set to the product's bound exchange. Equal to the contract's figure.
 */
export function listingTermsHash(l: ListingStruct, exchange: string = l.exchange): string {
  return keccak256(
    AbiCoder.defaultAbiCoder().encode(
      [LISTING_TUPLE],
      [
        [
          exchange,
          l.opens,
          l.closes,
          l.investorKinds,
          l.exchangeFeeBps,
          l.pricePerShare,
          l.minRaise,
          l.cap,
          l.minTicket,
          l.maxTicket,
        ],
      ],
    ),
  );
}

/** The parties bound to a product at creation: only they act on it. */
export interface PartiesInput {
  /** Proposes the listing terms; takes the exchange fee. */
  exchange: string;
  /** Rates and re-rates the product. */
  ratingAgency: string;
  /** Registration and settlement agent: approves the register. */
  registrar: string;
}

/** Checks and normalises the bound parties (addresses, checksummed). */
export function parseParties(input: PartiesInput): PartiesInput {
  const one = (field: keyof PartiesInput) => {
    const v = input[field];
    if (typeof v !== "string" || !isAddress(v) || v === ZeroAddress) {
      throw new UnitError(field, String(v), "is not a wallet address (0x + 40 hex digits)");
    }
    return getAddress(v);
  };
  return { exchange: one("exchange"), ratingAgency: one("ratingAgency"), registrar: one("registrar") };
}

/** A listing field the contract would refuse and why. */
export interface ListingProblem {
  field: keyof ListingInput;
  problem: string;
}

/** Why the contract would refuse a listing at chain time `now` (RevenueProduct.list's checks), or undefined. */
export function listingProblem(l: ReturnType<typeof parseListing>, now: bigint): ListingProblem | undefined {
  const no = (field: keyof ListingInput, problem: string) => ({ field, problem });
  if (l.opens < now) return no("opens", `${formatDate(l.opens)} is before the chain's time ${formatDate(now)}`);
  if (l.closes <= l.opens)
    return no("closes", `${formatDate(l.closes)} is not after the opening ${formatDate(l.opens)}`);
  if (l.exchangeFeeBps > PRODUCT_LIMITS.maxFeeBps) {
    return no("exchangeFee", `${formatBps(l.exchangeFeeBps)} exceeds ${formatBps(PRODUCT_LIMITS.maxFeeBps)}`);
  }
  if (l.pricePerShare === 0n) return no("pricePerShare", "must be greater than zero");
  if (l.cap === 0n) return no("cap", "must be greater than zero");
  if (l.cap % l.pricePerShare !== 0n) return no("cap", "must be a whole number of shares (a multiple of the price)");
  if (l.minRaise > l.cap) return no("minRaise", "exceeds the cap");
  if (l.maxTicket === 0n) return no("maxTicket", "must be greater than zero");
  if (l.maxTicket > l.cap) return no("maxTicket", "exceeds the cap");
  if (l.minTicket > l.maxTicket) return no("minTicket", "exceeds the maximum ticket");
  if (l.investorKinds === 0) return no("investorKinds", "needs at least one kind");
  if (l.cap / l.pricePerShare >= 1n << 64n) return no("cap", "is more than 2^64 shares");
  return undefined;
}

function hash32(input: string | undefined, field: string): string {
  if (input === undefined || input === "") return ZeroHash;
  if (!BYTES32.test(input)) throw new UnitError(field, input, "is not a 32-byte hash (0x + 64 hex digits)");
  return input.toLowerCase();
}

/** The chain's time (latest block). */
async function chainTime(ctx: SuiteContext): Promise<bigint> {
  const b = await ctx.provider.getBlock("latest");
  if (b === null) throw new Error("products: no latest block");
  return BigInt(b.timestamp);
}

async function signerAddress(ctx: SuiteContext, what: string): Promise<{ signer: Signer; address: string }> {
  const signer = ctx.runner as Signer;
  if (typeof signer.getAddress !== "function") throw new Error(`${what}: connect with a Signer`);
  return { signer, address: await signer.getAddress() };
}

async function mined(tx: ContractTransactionResponse, what: string): Promise<void> {
  const receipt = await tx.wait();
  if (receipt === null || receipt.status !== 1) throw new Error(`${what}: ${tx.hash} failed`);
}

/** One product (a clone made by the factory): views, writes and events. */
export class ProductHandle {
  readonly contract: RevenueProduct;
  private tokens?: Promise<TrancheToken[]>;
  private marketFacade?: MarketFacade;

  constructor(
    private readonly ctx: SuiteContext,
    readonly address: string,
    private readonly decimals = CASH_DECIMALS,
  ) {
    this.contract = RevenueProduct__factory.connect(address, ctx.runner);
  }

  /** Base units -> "1,234.56". */
  format(units: bigint): string {
    return formatAmount(units, this.decimals, { group: true });
  }

  /** A decimal string in the currency's decimals -> base units (exact, non-negative). */
  parse(amount: ProductAmount, field = "amount"): bigint {
    return amountOf(amount, field, this.decimals);
  }

  /** The tranche tokens (1 or 2), senior first. */
  trancheTokens(): Promise<TrancheToken[]> {
    if (this.tokens === undefined) {
      this.tokens = (async () => {
        const n = Number(await this.contract.trancheCount());
        const out: TrancheToken[] = [];
        for (let i = 0; i < n; i++) {
          out.push(TrancheToken__factory.connect((await this.contract.tranche(i)).token, this.ctx.runner));
        }
        return out;
      })();
      this.tokens.catch(() => (this.tokens = undefined));
    }
    return this.tokens;
  }

  // ------------------------------------------------------------------ views

  async phase(): Promise<ProductPhaseName> {
    return ProductPhase[Number(await this.contract.phase())];
  }

  async terms(): Promise<TermsView> {
    const t = await this.contract.terms();
    return {
      seniorBps: t.seniorBps,
      seniorRateBps: t.seniorRateBps,
      servicingFeeBps: t.servicingFeeBps,
      seniorShare: formatBps(t.seniorBps),
      seniorRate: formatBps(t.seniorRateBps),
      servicingFee: formatBps(t.servicingFeeBps),
      trancheCount: t.seniorBps === 10_000n ? 1 : 2,
    };
  }

  /** The rating; undefined before the first one. */
  async rating(now?: bigint): Promise<RatingView | undefined> {
    const r = await this.contract.rating();
    if (r.agency === ZeroAddress) return undefined;
    const t = now ?? (await chainTime(this.ctx));
    return {
      agency: r.agency,
      grade: formatGrade(r.grade),
      notch: Number(r.notch),
      date: r.date,
      dateIso: formatDate(r.date),
      expiry: r.expiry,
      expiryIso: formatDate(r.expiry),
      reportUri: r.reportUri,
      reportHash: r.reportHash,
      current: r.expiry > t,
    };
  }

  /** The listing (proposed while Approved, accepted from Listed on); undefined before a proposal. */
  async listing(): Promise<ListingView | undefined> {
    const l = await this.contract.listing();
    if (l.exchange === ZeroAddress) return undefined;
    return {
      exchange: l.exchange,
      opens: l.opens,
      closes: l.closes,
      opensIso: formatDate(l.opens),
      closesIso: formatDate(l.closes),
      investorKindBits: Number(l.investorKinds),
      investorKinds: kindNames(l.investorKinds),
      exchangeFeeBps: l.exchangeFeeBps,
      exchangeFee: formatBps(l.exchangeFeeBps),
      pricePerShare: l.pricePerShare,
      minRaise: l.minRaise,
      cap: l.cap,
      minTicket: l.minTicket,
      maxTicket: l.maxTicket,
      totalShares: l.cap / l.pricePerShare,
      termsHash: listingTermsHash(l),
    };
  }

  async tranches(): Promise<TrancheView[]> {
    const tokens = await this.trancheTokens();
    return Promise.all(
      tokens.map(async (token, index) => {
        const [t, symbol, shares, distributed] = await Promise.all([
          this.contract.tranche(index),
          token.symbol(),
          token.totalSupply(),
          token.totalDistributed(),
        ]);
        return {
          index,
          name: TRANCHE_NAMES[index],
          token: t.token,
          symbol,
          supply: t.supply,
          subscribers: Number(t.subscribers),
          requested: t.requested,
          principal: t.principal,
          written: t.written,
          shares,
          distributed,
        };
      }),
    );
  }

  async waterfall(now?: bigint): Promise<WaterfallView> {
    const [w, t] = await Promise.all([this.contract.waterfall(), this.contract.terms()]);
    const at = now ?? (await chainTime(this.ctx));
    return {
      seniorBalance: w.seniorBalance,
      interestDue: w.interestDue,
      interestDueNow: w.accruedAt === 0n ? w.interestDue : interestDueAt(w, t.seniorRateBps, at),
      accruedAt: w.accruedAt,
      accruedAtIso: w.accruedAt === 0n ? "" : formatDate(w.accruedAt),
      losses: w.losses,
      collected: w.collected,
    };
  }

  /** The basket: fragments, their custody, value and what a collection would take now. */
  async basket(): Promise<BasketEntry[]> {
    const [ids, custody] = await this.contract.basket();
    const receivables = ReceivableToken__factory.connect(this.ctx.addresses.receivables, this.ctx.runner);
    return Promise.all(
      ids.map(async (tokenId, i) => {
        const c = CustodyState[Number(custody[i])];
        const [[f], claimable, auctionId] = await Promise.all([
          receivables.fragment(tokenId),
          c === "Held" || c === "WrittenOff" ? receivables.claimable(tokenId) : Promise.resolve(0n),
          c === "Auctioned" ? this.contract.auctionOf(tokenId) : Promise.resolve(undefined),
        ]);
        const entry: BasketEntry = { tokenId, custody: c, value: f.value, collectable: claimable };
        if (auctionId !== undefined) entry.auctionId = auctionId;
        return entry;
      }),
    );
  }

  /** An investor's subscriptions, pending allocations, shares and claimable distributions by tranche. */
  async position(investor: string): Promise<PositionView[]> {
    const [tokens, phase, listing] = await Promise.all([this.trancheTokens(), this.phase(), this.contract.listing()]);
    return Promise.all(
      tokens.map(async (token, index) => {
        const [[subscribed, settled], balance, claimable, t] = await Promise.all([
          this.contract.subscription(investor, index),
          token.balanceOf(investor),
          token.claimable(investor),
          this.contract.tranche(index),
        ]);
        let pending: PositionView["pending"];
        if (!settled && subscribed > 0n) {
          if (phase === "Failed") pending = { shares: 0n, refund: subscribed * listing.pricePerShare };
          else if (phase === "Active" || phase === "Closed") {
            pending = allocation(subscribed, t.requested, t.supply, listing.pricePerShare);
          }
        }
        return { tranche: index, name: TRANCHE_NAMES[index], subscribed, settled, pending, balance, claimable };
      }),
    );
  }

  /** Distributions an investor can claim, by tranche (base units). */
  async claimable(investor: string): Promise<bigint[]> {
    const tokens = await this.trancheTokens();
    return Promise.all(tokens.map((t) => t.claimable(investor)));
  }

  /** Everything about the product now. */
  async show(): Promise<ProductView> {
    const now = await chainTime(this.ctx);
    const cash = SettlementToken__factory.connect(this.ctx.addresses.cash, this.ctx.runner);
    const [phase, paused, originator, face, terms, rating, listing, tranches, waterfall, basket, parties, dust, held] =
      await Promise.all([
        this.phase(),
        this.contract.paused(),
        this.contract.originator(),
        this.contract.faceValue(),
        this.terms(),
        this.rating(now),
        this.listing(),
        this.tranches(),
        this.waterfall(now),
        this.basket(),
        this.parties(),
        this.contract.heldDust(),
        cash.balanceOf(this.address),
      ]);
    const proposed = phase === "Approved";
    return {
      address: this.address,
      phase,
      paused,
      originator,
      face,
      terms,
      rating,
      ...(proposed ? { proposedListing: listing } : { listing }),
      tranches,
      waterfall,
      basket,
      parties,
      heldDust: dust,
      cash: held,
      now,
    };
  }

  /** What a collection would take from fragments `[from, to)` of the basket now (base units). */
  async collectable(from = 0, to?: number): Promise<bigint> {
    const basket = await this.basket();
    return basket.slice(from, to ?? basket.length).reduce((a, e) => a + e.collectable, 0n);
  }

  /**
   * The distribution of `gross` if it happened at `at` (unix seconds; default the chain's time):
   * {@link distribute} over the product's state, equal to the contract's `Distributed` to the base unit.
   */
  async previewDistribution(gross: ProductAmount, at?: bigint): Promise<Distribution> {
    const [w, terms, listing, tranches] = await Promise.all([
      this.contract.waterfall(),
      this.contract.terms(),
      this.contract.listing(),
      this.tranches(),
    ]);
    const now = at ?? (await chainTime(this.ctx));
    return distribute(
      this.parse(gross, "gross"),
      w,
      {
        seniorRateBps: terms.seniorRateBps,
        servicingFeeBps: terms.servicingFeeBps,
        exchangeFeeBps: listing.exchangeFeeBps,
        hasJunior: tranches.length === 2 && tranches[1].principal !== 0n,
        shares: [tranches[0]?.shares ?? 0n, tranches[1]?.shares ?? 0n],
      },
      now,
    );
  }

  /** What closing the offering would do with the subscriptions so far. */
  async previewClose(): Promise<OfferingOutcome> {
    const [listing, tranches] = await Promise.all([this.contract.listing(), this.tranches()]);
    const req: [bigint, bigint] = [tranches[0]?.requested ?? 0n, tranches[1]?.requested ?? 0n];
    const sup: [bigint, bigint] = [tranches[0]?.supply ?? 0n, tranches[1]?.supply ?? 0n];
    return closeOutcome(req, sup, listing.pricePerShare, listing.minRaise, listing.exchangeFeeBps);
  }

  /** Share supplies a listing would give each tranche (RevenueProduct.list). */
  async suppliesFor(cap: ProductAmount, pricePerShare: ProductAmount): Promise<[bigint, bigint]> {
    const t = await this.contract.terms();
    return trancheSupplies(this.parse(cap, "cap"), this.parse(pricePerShare, "pricePerShare"), t.seniorBps);
  }

  // ------------------------------------------------------------------ defaults and disposal (views)

  /** The suite's factoring market, where defaulted fragments are auctioned (same runner). */
  get market(): MarketFacade {
    this.marketFacade ??= new MarketFacade(this.ctx);
    return this.marketFacade;
  }

  /** The custody of one fragment; "None" when it is not in the basket. */
  async custodyOf(tokenId: bigint): Promise<CustodyName> {
    const [ids, custody] = await this.contract.basket();
    const i = ids.findIndex((x) => x === tokenId);
    return i < 0 ? "None" : CustodyState[Number(custody[i])];
  }

  /** The market auction of a fragment in `Auctioned` custody (0n otherwise). */
  auctionOf(tokenId: bigint): Promise<bigint> {
    return this.contract.auctionOf(tokenId);
  }

  /** The market auction behind a fragment in `Auctioned` custody; undefined when it is not on auction. */
  async disposalAuction(tokenId: bigint, now?: bigint): Promise<DisposalAuctionView | undefined> {
    const auctionId = await this.contract.auctionOf(tokenId);
    if (auctionId === 0n) return undefined;
    const [view, raw, t] = await Promise.all([
      this.market.auction(auctionId),
      this.market.contract.auction(auctionId),
      now ?? chainTime(this.ctx),
    ]);
    if (view === undefined) return undefined;
    return { ...view, sold: raw.sold, feeBps: raw.feeBps, ended: t > view.endTime };
  }

  /**
   * What settling a fragment's disposal auction would bring in now: the highest bid less the
   * market fee, floor(bid x feeBps / 10,000), at the market's fee now (or the rate it applied if
   * someone settled at the market already). Not sold: no bid, or the winner can no longer receive
   * the fragment. Equal to the `DisposalAuctionSettled` proceeds and the `Distributed` gross.
   */
  async previewDisposalSettlement(tokenId: bigint): Promise<DisposalSettlementPreview> {
    const now = await chainTime(this.ctx);
    const a = await this.disposalAuction(tokenId, now);
    if (a === undefined) {
      throw new UnitError("tokenId", tokenId, `is not on auction (custody ${await this.custodyOf(tokenId)})`);
    }
    const base = { tokenId, auctionId: a.auctionId, ended: a.ended || !a.open, settledAtMarket: !a.open };
    const unsold = (reason?: string): DisposalSettlementPreview => ({
      ...base,
      sold: false,
      winner: ZeroAddress,
      bid: 0n,
      feeBps: 0n,
      fee: 0n,
      proceeds: 0n,
      reason,
    });
    let feeBps: bigint;
    if (!a.open) {
      if (!a.sold) return unsold(a.highestBidder === ZeroAddress ? "no bid" : "the winner could not receive it");
      feeBps = a.feeBps;
    } else {
      if (a.highestBidder === ZeroAddress) return unsold("no bid");
      const registry = ParticipantRegistry__factory.connect(this.ctx.addresses.registry, this.ctx.runner);
      const why = Number(await registry.eligibility(a.highestBidder));
      if (why !== 0) return unsold(`the winner is not eligible (${Ineligibility[why]})`);
      feeBps = await this.market.contract.feeBps();
    }
    const fee = disposalFee(a.highestBid, feeBps);
    return {
      ...base,
      sold: true,
      winner: a.highestBidder,
      bid: a.highestBid,
      feeBps,
      fee,
      proceeds: a.highestBid - fee,
    };
  }

  /**
   * The loss a write-off, release or auction of a defaulted fragment would record now: its value
   * less what it is entitled to of the root's payments so far ({@link entitled}), as the contract does.
   */
  async previewLoss(tokenId: bigint): Promise<bigint> {
    const receivables = ReceivableToken__factory.connect(this.ctx.addresses.receivables, this.ctx.runner);
    const [[f], root] = await Promise.all([receivables.fragment(tokenId), receivables.receivable(tokenId >> 32n)]);
    return f.value - entitled(f.start, f.value, root.paid, root.face);
  }

  /** The contract call arguments of a disposal auction (`now` prices a duration end; default the chain's time). */
  async auctionDefaultedArgs(tokenId: bigint, input: DisposalAuctionInput, now?: bigint) {
    const reserve = this.parse(input.reserve, "reserve");
    if (reserve === 0n) throw new UnitError("reserve", input.reserve, "must be greater than zero");
    // Positive (the market refuses 0: an equal bid would displace the leader); default one base unit.
    const minIncrement =
      input.minIncrement === undefined || input.minIncrement === ""
        ? 1n
        : this.parse(input.minIncrement, "minIncrement");
    if (minIncrement === 0n)
      throw new UnitError("minIncrement", String(input.minIncrement), "must be greater than zero");
    let endTime: bigint;
    if (input.end instanceof Date) {
      if (Number.isNaN(input.end.getTime())) throw new UnitError("end", String(input.end), "is not a valid date");
      endTime = BigInt(Math.floor(input.end.getTime() / 1000));
    } else endTime = parseAuctionEnd(input.end, now ?? (await chainTime(this.ctx)), "end");
    const kinds = input.buyerKinds === undefined ? 0 : kindBitsOf(input.buyerKinds, "buyerKinds");
    return {
      tokenId,
      reserve,
      minIncrement,
      endTime,
      buyerKinds: kinds === (Kinds.FACTOR | Kinds.BANK) ? 0 : kinds,
    };
  }

  // ------------------------------------------------------------------ writes

  /** A registration agent approves the register (Originated -> Approved). */
  async approve(overrides?: Overrides): Promise<ContractTransactionResponse> {
    return this.contract.approve(await this.ctx.overrides(overrides));
  }

  /** The contract call arguments of a rating. */
  rateArgs(input: RatingInput) {
    const notch = input.notch ?? notchOf(input.grade);
    if (notch === undefined) {
      throw new UnitError("notch", input.grade, "is needed: the grade is not on the default scale (AAA = 1 ... D)");
    }
    if (!Number.isInteger(notch) || notch < 1 || notch > 255) {
      throw new UnitError("notch", notch, "must be a whole number from 1 (best) to 255");
    }
    return {
      grade: parseGrade(input.grade),
      notch,
      expiry: dateOf(input.expiry, "expiry"),
      reportUri: input.reportUri,
      reportHash: hash32(input.reportHash, "reportHash"),
    };
  }

  /** A rating agency rates (or re-rates) the product. */
  async rate(input: RatingInput, overrides?: Overrides): Promise<ContractTransactionResponse> {
    const a = this.rateArgs(input);
    return this.contract.rate(
      a.grade,
      a.notch,
      a.expiry,
      a.reportUri,
      a.reportHash,
      await this.ctx.overrides(overrides),
    );
  }

  /** The parties bound to the product at creation. */
  async parties(): Promise<PartiesInput> {
    const p = await this.contract.parties();
    return { exchange: p.exchange, ratingAgency: p.ratingAgency, registrar: p.registrar };
  }

  /** Cash credited to `wallet` by this product and not yet withdrawn (base units). */
  async creditOf(wallet: string): Promise<bigint> {
    return this.contract.creditOf(wallet);
  }

  /** The bound exchange proposes the listing terms of the approved, currently rated product. */
  async list(input: ListingInput, overrides?: Overrides): Promise<ContractTransactionResponse> {
    return this.contract.list(parseListing(input, this.decimals), await this.ctx.overrides(overrides));
  }

  /**
   * The hash the originator accepts for `input`: the terms it agreed to, with the bound exchange.
   * No transaction.
   */
  async listingHashOf(input: ListingInput): Promise<string> {
    const { exchange } = await this.parties();
    return listingTermsHash(parseListing(input, this.decimals), exchange);
  }

  /**
   * The originator accepts the listing terms it agreed to (Approved -> Listed). Refuses, with no
   * transaction sent, when the terms proposed on chain are not `input`.
   */
  async acceptListing(input: ListingInput, overrides?: Overrides): Promise<ContractTransactionResponse> {
    const expected = await this.listingHashOf(input);
    const l = await this.contract.listing();
    if (l.exchange === ZeroAddress) throw new Error("acceptListing: the exchange has not proposed a listing yet");
    const proposed = listingTermsHash(l);
    if (proposed !== expected) {
      throw new Error(
        `acceptListing: the terms proposed on chain (${proposed}) are not the terms given (${expected}); no transaction sent`,
      );
    }
    return this.contract.acceptListing(expected, await this.ctx.overrides(overrides));
  }

  /** The originator cancels the product before listing; the basket goes back to it. */
  async cancel(overrides?: Overrides): Promise<ContractTransactionResponse> {
    return this.contract.cancel(await this.ctx.overrides(overrides));
  }

  /** Anyone returns to the originator fragments of a failed product that could not be returned before. */
  async returnBasket(overrides?: Overrides): Promise<ContractTransactionResponse> {
    return this.contract.returnBasket(await this.ctx.overrides(overrides));
  }

  /** The caller withdraws what this product credited to it (proceeds, fees, refunds). */
  async withdrawCredit(overrides?: Overrides): Promise<ContractTransactionResponse> {
    return this.contract.withdrawCredit(await this.ctx.overrides(overrides));
  }

  /** Anyone pays the dust held since wind-down to the factory's current treasury. */
  async sweepDust(overrides?: Overrides): Promise<ContractTransactionResponse> {
    return this.contract.sweepDust(await this.ctx.overrides(overrides));
  }

  /**
   * An investor subscribes `shares` of a tranche, paying `shares x price` into escrow. Approves the
   * product on the cash first (and waits for it) when the caller's allowance is short.
   */
  async subscribe(
    tranche: number | string,
    shares: bigint | string,
    overrides?: Overrides,
  ): Promise<ContractTransactionResponse> {
    const t = parseTranche(tranche);
    const n = parseShares(shares);
    const { signer, address } = await signerAddress(this.ctx, "subscribe");
    const price = (await this.contract.listing()).pricePerShare;
    const cost = n * price;
    const cash = SettlementToken__factory.connect(this.ctx.addresses.cash, signer);
    if ((await cash.allowance(address, this.address)) < cost) {
      await mined(await cash.approve(this.address, cost, await this.ctx.overrides(overrides)), "subscribe: approve");
    }
    return this.contract.subscribe(t, n, await this.ctx.overrides(overrides));
  }

  /** Anyone closes the offering after its window. */
  async closeOffering(overrides?: Overrides): Promise<ContractTransactionResponse> {
    return this.contract.closeOffering(await this.ctx.overrides(overrides));
  }

  /** Anyone delivers an investor's shares (and refund) after the close, or its refund after a failure. */
  async claimShares(
    investor: string,
    tranche: number | string,
    overrides?: Overrides,
  ): Promise<ContractTransactionResponse> {
    return this.contract.claimShares(investor, parseTranche(tranche), await this.ctx.overrides(overrides));
  }

  /** A holder claims its distributions from a tranche token. */
  async claimDistribution(tranche: number | string, overrides?: Overrides): Promise<ContractTransactionResponse> {
    const tokens = await this.trancheTokens();
    const token = tokens[parseTranche(tranche)];
    if (token === undefined) throw new UnitError("tranche", tranche, "does not exist (single-tranche product)");
    return token.claim(await this.ctx.overrides(overrides));
  }

  /** Anyone collects what fragments `[from, to)` are owed and runs the waterfall. */
  async collect(from: number, to: number, overrides?: Overrides): Promise<ContractTransactionResponse> {
    return this.contract.collect(from, to, await this.ctx.overrides(overrides));
  }

  /** Anyone closes the product once everything is settled; the dust goes to the treasury. */
  async windDown(overrides?: Overrides): Promise<ContractTransactionResponse> {
    return this.contract.windDown(await this.ctx.overrides(overrides));
  }

  /** The originator declares default on a fragment it holds for the product, once the root is defaultable. */
  async declareDefault(tokenId: bigint, overrides?: Overrides): Promise<ContractTransactionResponse> {
    return this.contract.declareDefault(tokenId, await this.ctx.overrides(overrides));
  }

  /** The originator writes off a defaulted fragment kept in custody (the loss is written down). */
  async writeOff(tokenId: bigint, overrides?: Overrides): Promise<ContractTransactionResponse> {
    return this.contract.writeOff(tokenId, await this.ctx.overrides(overrides));
  }

  /**
   * Anyone pays further proceeds for a fragment disposed of by auction (`Released`) into the waterfall.
   * Approves the product on the cash first (and waits for it) when the caller's allowance is short.
   */
  async receiveDisposalProceeds(
    tokenId: bigint,
    amount: ProductAmount,
    overrides?: Overrides,
  ): Promise<ContractTransactionResponse> {
    const value = this.parse(amount, "amount");
    if (value === 0n) throw new UnitError("amount", amount, "must be greater than zero");
    const { signer, address } = await signerAddress(this.ctx, "receiveDisposalProceeds");
    const cash = SettlementToken__factory.connect(this.ctx.addresses.cash, signer);
    if ((await cash.allowance(address, this.address)) < value) {
      await mined(
        await cash.approve(this.address, value, await this.ctx.overrides(overrides)),
        "receiveDisposalProceeds: approve",
      );
    }
    return this.contract.receiveDisposalProceeds(tokenId, value, await this.ctx.overrides(overrides));
  }

  /** The originator auctions a defaulted fragment on the suite's factoring market (the product as seller). */
  async auctionDefaulted(
    tokenId: bigint,
    input: DisposalAuctionInput,
    overrides?: Overrides,
  ): Promise<ContractTransactionResponse> {
    const a = await this.auctionDefaultedArgs(tokenId, input);
    return this.contract.auctionDefaulted(
      a.tokenId,
      a.reserve,
      a.minIncrement,
      a.endTime,
      a.buyerKinds,
      await this.ctx.overrides(overrides),
    );
  }

  /** Anyone, after the end: settles the disposal auction (at the market if needed) and accounts for it. */
  async settleDisposalAuction(tokenId: bigint, overrides?: Overrides): Promise<ContractTransactionResponse> {
    return this.contract.settleDisposalAuction(tokenId, await this.ctx.overrides(overrides));
  }

  // ------------------------------------------------------------------ events

  /** Distributions (fees, senior interest and principal, junior), typed. */
  distributions(range?: BlockRange) {
    return queryEvents(this.contract, this.contract.filters.Distributed(), range);
  }

  /** Loss write-downs (junior first, then senior), typed. */
  lossAllocations(range?: BlockRange) {
    return queryEvents(this.contract, this.contract.filters.LossAllocated(), range);
  }

  /** Subscriptions (optionally one investor's), typed. */
  subscriptions(investor?: string, range?: BlockRange) {
    return queryEvents(this.contract, this.contract.filters.Subscribed(investor), range);
  }

  /** Share deliveries after close (optionally one investor's), typed. */
  sharesClaimed(investor?: string, range?: BlockRange) {
    return queryEvents(this.contract, this.contract.filters.SharesClaimed(investor), range);
  }

  /** Collections (page and amount), typed. */
  collections(range?: BlockRange) {
    return queryEvents(this.contract, this.contract.filters.Collected(), range);
  }

  /** Ratings and downgrades, typed. */
  ratings(range?: BlockRange) {
    return queryEvents(this.contract, this.contract.filters.ProductRated(), range);
  }

  /** The close of the offering, typed. */
  closings(range?: BlockRange) {
    return queryEvents(this.contract, this.contract.filters.OfferingClosed(), range);
  }

  /** Defaulted fragments put up for auction at the market (optionally one fragment), typed. */
  disposalAuctions(tokenId?: bigint, range?: BlockRange) {
    return queryEvents(this.contract, this.contract.filters.FragmentAuctioned(tokenId), range);
  }

  /** Disposal auctions accounted for (winner zero when unsold), typed. */
  disposalSettlements(tokenId?: bigint, range?: BlockRange) {
    return queryEvents(this.contract, this.contract.filters.DisposalAuctionSettled(tokenId), range);
  }

  /** Credits booked for payees who could not receive when paid, typed. */
  credits(wallet?: string, range?: BlockRange) {
    return queryEvents(this.contract, this.contract.filters.Credited(wallet), range);
  }

  /** Write-offs, typed. */
  writeOffs(tokenId?: bigint, range?: BlockRange) {
    return queryEvents(this.contract, this.contract.filters.FragmentWrittenOff(tokenId), range);
  }

  /** Disposal proceeds paid in, typed. */
  disposalProceeds(tokenId?: bigint, range?: BlockRange) {
    return queryEvents(this.contract, this.contract.filters.DisposalProceedsReceived(tokenId), range);
  }

  /** Every event of the product, in chain order, chunked like {@link queryEvents}. */
  async events(range: BlockRange = {}): Promise<ProductEvent[]> {
    return allEvents(this.contract, { toBlock: await this.ctx.provider.getBlockNumber(), ...range });
  }

  /** The product's events in one receipt (e.g. the Distributed of a collect). */
  eventsIn(receipt: ContractTransactionReceipt): ProductEvent[] {
    const out: ProductEvent[] = [];
    for (const log of receipt.logs) {
      if (log.address.toLowerCase() !== this.address.toLowerCase()) continue;
      const parsed = this.contract.interface.parseLog(log);
      if (parsed === null) continue;
      const args: Record<string, unknown> = {};
      parsed.fragment.inputs.forEach((p, i) => (args[p.name] = parsed.args[i]));
      out.push({
        name: parsed.name,
        args,
        blockNumber: log.blockNumber,
        transactionHash: log.transactionHash,
        logIndex: log.index,
      });
    }
    return out;
  }
}

/** The products area: revenue-sharing products over baskets of receivables, made by the factory. */
export class ProductsFacade {
  readonly contract: ProductFactory;
  readonly decimals = CASH_DECIMALS;

  constructor(private readonly ctx: SuiteContext) {
    this.contract = ProductFactory__factory.connect(ctx.addresses.productFactory, ctx.runner);
  }

  /** A handle on one product (not checked: see {@link isProduct}). */
  product(address: string): ProductHandle {
    return new ProductHandle(this.ctx, address, this.decimals);
  }

  /** Base units -> "1,234.56". */
  format(units: bigint): string {
    return formatAmount(units, this.decimals, { group: true });
  }

  /** Whether `address` is a product of this factory. */
  isProduct(address: string): Promise<boolean> {
    return this.contract.isProduct(address);
  }

  /** Products created so far. */
  async count(): Promise<number> {
    return Number(await this.contract.productCount());
  }

  /** Every product of the factory, in creation order (factory views, so pruned logs do not matter). */
  async list(): Promise<ProductSummary[]> {
    const n = await this.count();
    const addresses = await Promise.all(Array.from({ length: n }, (_, i) => this.contract.productAt(i)));
    return Promise.all(
      addresses.map(async (address, index) => {
        const p = this.product(address);
        const [phase, originator, face, [ids], count, rating, paused] = await Promise.all([
          p.phase(),
          p.contract.originator(),
          p.contract.faceValue(),
          p.contract.basket(),
          p.contract.trancheCount(),
          p.contract.rating(),
          p.contract.paused(),
        ]);
        return {
          index,
          address,
          originator,
          phase,
          face,
          fragments: ids.length,
          trancheCount: Number(count),
          grade: rating.agency === ZeroAddress ? undefined : formatGrade(rating.grade),
          paused,
        };
      }),
    );
  }

  /** ProductCreated events (optionally one originator's), typed. */
  created(originator?: string, range?: BlockRange) {
    return queryEvents(this.contract, this.contract.filters.ProductCreated(undefined, originator), range);
  }

  /** The contract call arguments of a creation. */
  createArgs(fragments: readonly bigint[], terms: TermsInput, parties: PartiesInput) {
    if (fragments.length === 0) throw new UnitError("fragments", "", "needs at least one fragment");
    return { fragments: [...fragments], terms: parseTerms(terms), parties: parseParties(parties) };
  }

  /**
   * A factor pools fragments it holds into a new product, bound to the exchange, rating agency and
   * registration agent named in `parties`. Approves the factory as operator on the
   * receivable token first (setApprovalForAll, waiting for it) when it is not yet.
   */
  async create(
    fragments: readonly bigint[],
    terms: TermsInput,
    parties: PartiesInput,
    overrides?: Overrides,
  ): Promise<ContractTransactionResponse> {
    const a = this.createArgs(fragments, terms, parties);
    const { signer, address } = await signerAddress(this.ctx, "create");
    const receivables = ReceivableToken__factory.connect(this.ctx.addresses.receivables, signer);
    const operator = this.ctx.addresses.productFactory;
    if (!(await receivables.isApprovedForAll(address, operator))) {
      await mined(
        await receivables.setApprovalForAll(operator, true, await this.ctx.overrides(overrides)),
        "create: setApprovalForAll",
      );
    }
    return this.contract.createProduct(a.fragments, a.terms, a.parties, await this.ctx.overrides(overrides));
  }

  /** The product a creation made, from its receipt; undefined when the receipt has none. */
  productOf(receipt: ContractTransactionReceipt): string | undefined {
    for (const log of receipt.logs) {
      if (log.address.toLowerCase() !== this.ctx.addresses.productFactory.toLowerCase()) continue;
      const parsed = this.contract.interface.parseLog(log);
      if (parsed?.name === "ProductCreated") return parsed.args.product as string;
    }
    return undefined;
  }
}
