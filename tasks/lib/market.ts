import type { Signer } from "ethers";

import {
  MarketFacade,
  parseMarketId,
  type AuctionView,
  type ListingView,
  type OfferView,
  type Quote,
  type RecourseView,
} from "../../src/areas/market.js";
import { formatTokenId } from "../../src/areas/receivables.js";
import { kindNames } from "../../src/kinds.js";
import { formatAmount, formatDate } from "../../src/units.js";
import { ReceivableToken__factory, SettlementToken__factory } from "../../types/ethers-contracts/index.js";
import { requireOption } from "./print.js";
import { InputError, table, type Runtime } from "./runtime.js";

/** Base units -> "1,234.56" in `decimals`. */
export function amt(units: bigint, decimals: number): string {
  return formatAmount(units, decimals, { group: true });
}

/** The chain's time (latest block), unix seconds. */
export async function chainNow(rt: Runtime): Promise<bigint> {
  return BigInt((await rt.ethers.provider.getBlock("latest"))!.timestamp);
}

/** An open listing from `--listing`. */
export async function knownListing(rt: Runtime, input: string, field = "--listing"): Promise<ListingView> {
  requireOption(input, field);
  const id = parseMarketId(input, field);
  const l = await rt.suite.market.listing(id);
  if (l === undefined) {
    throw new InputError(
      `${field}: listing #${id} is not open on deployment ${rt.args.deploymentId} (sold, cancelled or never made)`,
    );
  }
  return l;
}

/** The recourse duty of `--listing` (open, sold or exercised). */
export async function knownRecourse(rt: Runtime, input: string, field = "--listing"): Promise<RecourseView> {
  requireOption(input, field);
  const id = parseMarketId(input, field);
  const r = await rt.suite.market.recourse(id);
  if (r === undefined) {
    throw new InputError(`${field}: listing #${id} is not a recourse listing on deployment ${rt.args.deploymentId}`);
  }
  return r;
}

/** A live offer from `--offer`. */
export async function knownOffer(rt: Runtime, input: string, field = "--offer"): Promise<OfferView> {
  requireOption(input, field);
  const id = parseMarketId(input, field);
  const o = await rt.suite.market.offer(id);
  if (o === undefined) {
    throw new InputError(
      `${field}: offer #${id} is not live on deployment ${rt.args.deploymentId} (accepted, cancelled or never made)`,
    );
  }
  return o;
}

/** An auction from `--auction` (open only, unless `openOnly` is false). */
export async function knownAuction(
  rt: Runtime,
  input: string,
  field = "--auction",
  openOnly = true,
): Promise<AuctionView> {
  requireOption(input, field);
  const id = parseMarketId(input, field);
  const a = await rt.suite.market.auction(id);
  if (a === undefined)
    throw new InputError(`${field}: auction #${id} is unknown on deployment ${rt.args.deploymentId}`);
  if (openOnly && !a.open) throw new InputError(`${field}: auction #${id} is already settled`);
  return a;
}

/** Throws unless `wallet` is eligible now and has one of `kinds` (the market's buyer check). */
export async function requireBuyer(rt: Runtime, wallet: string, kinds: number, field = "--from"): Promise<void> {
  const why = await rt.suite.registry.eligibility(wallet);
  if (why !== "None") throw new InputError(`${field}: ${rt.label(wallet)} is not eligible (${why})`);
  if (!(await rt.suite.registry.contract.hasKind(wallet, kinds))) {
    throw new InputError(`${field}: ${rt.label(wallet)} is not a ${kindNames(kinds).join(" or ")}`);
  }
}

/** Throws unless `wallet` holds `amount` of `currency`. */
export async function requireBalance(
  rt: Runtime,
  wallet: string,
  currency: string,
  amount: bigint,
  decimals: number,
  field = "--from",
): Promise<void> {
  const balance = await SettlementToken__factory.connect(currency, rt.ethers.provider).balanceOf(wallet);
  if (balance < amount) {
    throw new InputError(
      `${field}: ${rt.label(wallet)} holds ${amt(balance, decimals)}, less than ${amt(amount, decimals)}`,
    );
  }
}

/**
 * Approves the market for `amount` of `currency` when the signer's allowance is short (sent and
 * mined, or simulated under --dry-run). Returns true when a dry run stopped there: the call that
 * needs the approval cannot be simulated before it.
 */
export async function approveCash(
  rt: Runtime,
  signer: Signer,
  currency: string,
  amount: bigint,
  decimals: number,
): Promise<boolean> {
  const token = SettlementToken__factory.connect(currency, signer);
  const spender = rt.suite.addresses.market;
  if ((await token.allowance(await signer.getAddress(), spender)) >= amount) return false;
  await rt.send(`approve the market for ${amt(amount, decimals)}`, (o) => ({
    staticCall: () => token.approve.staticCall(spender, amount, o),
    estimateGas: () => token.approve.estimateGas(spender, amount, o),
    send: () => token.approve(spender, amount, o),
  }));
  return rt.args.dryRun;
}

/** Approves the market for the signer's fragments when it is not; true when a dry run stopped there. */
export async function approveFragments(rt: Runtime, signer: Signer): Promise<boolean> {
  const nft = ReceivableToken__factory.connect(rt.suite.addresses.receivables, signer);
  const spender = rt.suite.addresses.market;
  if (await nft.isApprovedForAll(await signer.getAddress(), spender)) return false;
  await rt.send("approve the market for your fragments", (o) => ({
    staticCall: () => nft.setApprovalForAll.staticCall(spender, true, o),
    estimateGas: () => nft.setApprovalForAll.estimateGas(spender, true, o),
    send: () => nft.setApprovalForAll(spender, true, o),
  }));
  return rt.args.dryRun;
}

/** Prints "dry run: then <what>; no transaction sent". */
export function dryRunThen(rt: Runtime, what: string): undefined {
  rt.log(`dry run: then ${what}; no transaction sent`);
  return undefined;
}

/** "(price, fee, seller gets)" of a quote. */
export function quoteText(q: Quote): string {
  const days = q.days === 0n ? "" : `, ${q.days} day${q.days === 1n ? "" : "s"} discounted`;
  return `price ${amt(q.price, q.decimals)} (face ${amt(q.value, q.decimals)}${days}), fee ${amt(q.fee, q.decimals)}, seller gets ${amt(q.sellerProceeds, q.decimals)}`;
}

function kindsText(names: string[]): string {
  return names.join("|");
}

/** Prints a listing (and its recourse duty and quote now), or that it is closed. */
export async function printListing(rt: Runtime, listingId: bigint): Promise<void> {
  const m = rt.suite.market;
  const l = await m.listing(listingId);
  const r = await m.recourse(listingId);
  if (l === undefined) rt.log(`listing #${listingId}: closed (sold or cancelled)`);
  else {
    const q = MarketFacade.quoteOf(l, await chainNow(rt), await m.feeBps());
    rt.log(`listing #${listingId}: ${formatTokenId(l.tokenId)} by ${rt.label(l.seller)}`);
    rt.log(
      `  value ${amt(l.value, l.decimals)}, ${l.pricing}, due ${l.dueDateIso}, expires ${l.expiryIso}, buyers ${kindsText(l.buyerKindNames)}${l.recourse ? ", with recourse" : ""}`,
    );
    rt.log(`  quote now: ${quoteText(q)}`);
  }
  if (r !== undefined) printRecourse(rt, r);
}

/** Prints a recourse duty. */
export function printRecourse(rt: Runtime, r: RecourseView): void {
  const d = r.decimals;
  const parts = [`recourse ${r.status}`, `seller ${rt.label(r.seller)}`];
  if (r.status !== "Listed") parts.push(`buyer ${rt.label(r.buyer)}`, `price paid ${amt(r.price, d)}`);
  if (r.provider !== "0x0000000000000000000000000000000000000000") {
    parts.push(`collateral ${amt(r.collateral, d)} from ${rt.label(r.provider)}`);
  }
  if (r.status === "Exercised") parts.push(`debt ${amt(r.debt, d)}`);
  rt.log(`  ${parts.join(", ")}`);
}

/** Prints an offer, or that it is closed. */
export async function printOffer(rt: Runtime, offerId: bigint): Promise<void> {
  const o = await rt.suite.market.offer(offerId);
  if (o === undefined) {
    rt.log(`offer #${offerId}: closed (accepted or cancelled)`);
    return;
  }
  const expired = o.expiry < (await chainNow(rt)) ? " (expired)" : "";
  rt.log(
    `offer #${offerId}: ${amt(o.amount, o.decimals)} escrowed by ${rt.label(o.offerer)} for ${formatTokenId(o.tokenId)}, expires ${o.expiryIso}${expired}`,
  );
}

/** Prints an auction. */
export async function printAuction(rt: Runtime, auctionId: bigint): Promise<void> {
  const a = await rt.suite.market.auction(auctionId);
  if (a === undefined) {
    rt.log(`auction #${auctionId}: unknown`);
    return;
  }
  const d = a.decimals;
  const now = await chainNow(rt);
  const state = a.open ? (now > a.endTime ? "ended, to settle" : "open") : "settled";
  rt.log(`auction #${auctionId}: ${formatTokenId(a.tokenId)} by ${rt.label(a.seller)}, ${state}`);
  rt.log(
    `  reserve ${amt(a.reserve, d)}, min increment ${amt(a.minIncrement, d)}, ends ${formatDate(a.endTime)}, bidders ${kindsText(a.buyerKindNames)}`,
  );
  if (a.highestBidder !== "0x0000000000000000000000000000000000000000") {
    rt.log(
      `  highest bid ${amt(a.highestBid, d)} by ${rt.label(a.highestBidder)}${a.open ? `, next at least ${amt(a.minimumBid, d)}` : ""}`,
    );
  } else rt.log(`  no bid yet${a.open ? `, first at least ${amt(a.minimumBid, d)}` : ""}`);
}

/** Prints the open book as three tables. */
export async function printBook(rt: Runtime): Promise<void> {
  const book = await rt.suite.market.openBook();
  const now = await chainNow(rt);
  rt.log(`open listings (${book.listings.length}):`);
  table(
    book.listings.map((l) => ({
      id: `#${l.listingId}`,
      fragment: formatTokenId(l.tokenId),
      seller: rt.label(l.seller),
      value: amt(l.value, l.decimals),
      pricing: l.pricing,
      quote: amt(l.quote.price, l.decimals),
      recourse: l.recourse ? "yes" : "no",
      expires: l.expiryIso,
    })),
    rt.log,
  );
  rt.log(`live offers (${book.offers.length}):`);
  table(
    book.offers.map((o) => ({
      id: `#${o.offerId}`,
      fragment: formatTokenId(o.tokenId),
      offerer: rt.label(o.offerer),
      amount: amt(o.amount, o.decimals),
      expires: `${o.expiryIso}${o.expiry < now ? " (expired)" : ""}`,
    })),
    rt.log,
  );
  rt.log(`open auctions (${book.auctions.length}):`);
  table(
    book.auctions.map((a) => ({
      id: `#${a.auctionId}`,
      fragment: formatTokenId(a.tokenId),
      seller: rt.label(a.seller),
      reserve: amt(a.reserve, a.decimals),
      "highest bid": a.highestBid === 0n ? "-" : `${amt(a.highestBid, a.decimals)} (${rt.label(a.highestBidder)})`,
      ends: `${formatDate(a.endTime)}${now > a.endTime ? " (ended)" : ""}`,
    })),
    rt.log,
  );
}

/** The market events `name` a mined transaction emitted, with their arguments by name. */
export async function marketEvents(rt: Runtime, hash: string, name: string): Promise<Record<string, unknown>[]> {
  const receipt = await rt.ethers.provider.getTransactionReceipt(hash);
  const iface = rt.suite.market.contract.interface;
  const market = rt.suite.addresses.market.toLowerCase();
  const out: Record<string, unknown>[] = [];
  for (const log of receipt?.logs ?? []) {
    if (log.address.toLowerCase() !== market) continue;
    const parsed = iface.parseLog(log);
    if (parsed === null || parsed.name !== name) continue;
    const args: Record<string, unknown> = {};
    parsed.fragment.inputs.forEach((p, i) => (args[p.name] = parsed.args[i]));
    out.push(args);
  }
  return out;
}

/** Prints cash balances of wallets in a currency. */
export async function printBalances(rt: Runtime, currency: string, decimals: number, wallets: string[]): Promise<void> {
  const token = SettlementToken__factory.connect(currency, rt.ethers.provider);
  for (const w of wallets) rt.log(`  cash of ${rt.label(w)}: ${amt(await token.balanceOf(w), decimals)}`);
}

/** Prints who holds a fragment now. */
export async function printHolder(rt: Runtime, tokenId: bigint): Promise<void> {
  const holder = await rt.suite.receivables.contract.ownerOf(tokenId);
  const where =
    holder.toLowerCase() === rt.suite.addresses.market.toLowerCase() ? "the market (in custody)" : rt.label(holder);
  rt.log(`  fragment ${formatTokenId(tokenId)} is held by ${where}`);
}
