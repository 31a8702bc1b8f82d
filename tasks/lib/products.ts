import { id as keccakText, isAddress, type Signer } from "ethers";

import {
  ProductHandle,
  TRANCHE_NAMES,
  type BasketEntry,
  type CustodyName,
  type PartiesInput,
  type ProductPhaseName,
  type ProductView,
} from "../../src/areas/products.js";
import { formatTokenId, parseTokenId, type RootView } from "../../src/areas/receivables.js";
import { Kinds, type KindName } from "../../src/kinds.js";
import { formatDate } from "../../src/units.js";
import { requireOption } from "./print.js";
import { actingSigner } from "./receivables.js";
import { InputError, table, type Runtime } from "./runtime.js";

/** "a registration agent", "a rating agency"... for messages. */
const ROLE_WORDS: Partial<Record<KindName, string>> = {
  FACTOR: "a factor",
  REGISTRATION_AGENT: "a registration agent",
  RATING_AGENCY: "a rating agency",
  EXCHANGE: "an exchange",
};

/** The product named by `--product`: a 0x address, an address-book name, or `#<n>` (creation order from 1, as bonds). */
export async function knownProduct(rt: Runtime, input: string, field = "--product"): Promise<ProductHandle> {
  requireOption(input, field);
  const products = rt.suite.products;
  const t = input.trim();
  let address: string;
  const m = /^#(\d+)$/.exec(t);
  if (m !== null) {
    const count = await products.count();
    const n = Number(m[1]);
    if (n < 1 || n > count) {
      throw new InputError(
        `${field}: there is no product ${t} on deployment ${rt.args.deploymentId} (${count === 0 ? "no products" : `${count} product${count === 1 ? "" : "s"}: #1..#${count}`})`,
      );
    }
    address = await products.contract.productAt(n - 1);
  } else if (isAddress(t) || rt.book.entry(t)?.address !== undefined) {
    address = rt.address(t, field);
  } else {
    throw new InputError(`${field}: "${input}" is not a product (a 0x address, an address-book name, or #<n>)`);
  }
  if (!(await products.isProduct(address))) {
    throw new InputError(
      `${field}: ${rt.label(address)} is not a product of the factory on deployment ${rt.args.deploymentId}`,
    );
  }
  return rt.suite.products.product(address);
}

/** Throws unless the product is in one of `phases`. */
export async function requirePhase(
  rt: Runtime,
  p: ProductHandle,
  what: string,
  ...phases: ProductPhaseName[]
): Promise<ProductPhaseName> {
  const phase = await p.phase();
  if (!phases.includes(phase)) {
    throw new InputError(`--product: ${rt.label(p.address)} is ${phase}; ${what} needs it ${phases.join(" or ")}`);
  }
  return phase;
}

/** Throws unless `wallet` is eligible and has the kind the call needs. */
export async function requireKind(rt: Runtime, wallet: string, kind: KindName, field = "--from"): Promise<void> {
  if (!(await rt.suite.registry.contract.isEligibleKind(wallet, Kinds[kind]))) {
    throw new InputError(
      `${field}: ${rt.label(wallet)} is not ${ROLE_WORDS[kind] ?? `a ${kind}`} (${await rt.suite.registry.eligibility(wallet)}, kind ${kind} needed)`,
    );
  }
}

/** `--from` when given (any configured account), else the first configured account: for calls anyone may make. */
export async function anySigner(rt: Runtime): Promise<{ signer: Signer; address: string }> {
  if (rt.args.from !== "") return actingSigner(rt);
  const [s] = await rt.ethers.getSigners();
  if (s === undefined) throw new InputError(`no account is configured for network ${rt.networkName}; pass --from`);
  return { signer: s, address: s.address };
}

/** The chain's time (latest block). */
export async function chainNow(rt: Runtime): Promise<bigint> {
  return BigInt((await rt.ethers.provider.getBlock("latest"))!.timestamp);
}

/** A 32-byte hash as is; any other text (a report reference) is hashed; empty is zero. */
export function hashOrText(input: string): string {
  if (input === "") return "0x" + "0".repeat(64);
  return /^0x[0-9a-fA-F]{64}$/.test(input) ? input.toLowerCase() : keccakText(input);
}

/** "senior" / "junior". */
export function trancheName(i: number | bigint): string {
  return TRANCHE_NAMES[Number(i)] ?? `tranche ${i}`;
}

/** Prints everything about a product; with `investor`, its position too. */
export async function printProduct(rt: Runtime, p: ProductHandle, investor?: string): Promise<ProductView> {
  const v = await p.show();
  const f = (x: bigint) => p.format(x);
  rt.log(`product ${rt.label(v.address)}`);
  rt.log(
    `  phase ${v.phase}${v.paused ? " (PAUSED)" : ""}, originator ${rt.label(v.originator)}, face ${f(v.face)}, cash held ${f(v.cash)}`,
  );
  rt.log(
    `  terms: ${v.terms.trancheCount === 1 ? "single tranche" : `senior ${v.terms.seniorShare} / junior`}, senior rate ${v.terms.seniorRate}, servicing fee ${v.terms.servicingFee}`,
  );
  if (v.rating !== undefined) {
    const r = v.rating;
    rt.log(
      `  rating ${r.grade} (notch ${r.notch}) by ${rt.label(r.agency)} on ${r.dateIso}, expires ${r.expiryIso}${r.current ? "" : " (EXPIRED)"}; report ${r.reportUri} (hash ${r.reportHash})`,
    );
  } else rt.log("  rating: none");
  rt.log(
    `  bound parties: exchange ${rt.label(v.parties.exchange)}, rating agency ${rt.label(v.parties.ratingAgency)}, registration agent ${rt.label(v.parties.registrar)}`,
  );
  const l = v.listing ?? v.proposedListing;
  if (l !== undefined) {
    const proposed = v.listing === undefined;
    rt.log(
      `  ${proposed ? "listing PROPOSED" : "listing"} by ${rt.label(l.exchange)}: window ${l.opensIso} .. ${l.closesIso}, price ${f(l.pricePerShare)} per share, min raise ${f(l.minRaise)}, cap ${f(l.cap)} (${l.totalShares} shares), tickets ${f(l.minTicket)} .. ${f(l.maxTicket)}, investors ${l.investorKinds.join("+")}, exchange fee ${l.exchangeFee}`,
    );
    if (proposed) {
      rt.log(
        `  terms hash ${l.termsHash}: the originator accepts with \`product accept-listing --terms-hash ${l.termsHash}\``,
      );
    }
  } else rt.log("  listing: none");
  if (v.heldDust !== 0n) rt.log(`  dust held for the treasury: ${f(v.heldDust)} (\`product sweep-dust\`)`);
  table(
    v.tranches.map((t) => ({
      tranche: t.name,
      token: `${t.symbol} ${t.token}`,
      offered: String(t.supply),
      subscribed: String(t.requested),
      subscribers: String(t.subscribers),
      shares: String(t.shares),
      principal: f(t.principal),
      "written down": f(t.written),
      distributed: f(t.distributed),
    })),
    rt.log,
  );
  const w = v.waterfall;
  rt.log(
    `  waterfall: senior balance ${f(w.seniorBalance)}, interest due ${f(w.interestDueNow)} at ${formatDate(v.now)}${w.accruedAtIso === "" ? "" : ` (accrued since ${w.accruedAtIso})`}, collected ${f(w.collected)}, losses ${f(w.losses)}`,
  );
  table(
    v.basket.map((b) => ({
      fragment: formatTokenId(b.tokenId),
      custody: b.custody,
      value: f(b.value),
      collectable: f(b.collectable),
      auction: b.auctionId === undefined ? "" : `#${b.auctionId}`,
    })),
    rt.log,
  );
  if (investor !== undefined) await printPosition(rt, p, investor);
  return v;
}

/** Prints an investor's subscriptions, shares and claimable distributions. */
export async function printPosition(rt: Runtime, p: ProductHandle, investor: string): Promise<void> {
  rt.log(`  position of ${rt.label(investor)}:`);
  for (const x of await p.position(investor)) {
    const pending =
      x.pending === undefined ? "" : `, to claim ${x.pending.shares} shares + refund ${p.format(x.pending.refund)}`;
    rt.log(
      `    ${x.name}: subscribed ${x.subscribed}${x.settled ? " (settled)" : ""}${pending}, holds ${x.balance} shares, claimable ${p.format(x.claimable)}`,
    );
  }
}

/** A fragment of the product's basket from `--fragment` (`<root>/<index>`, 0x token id or decimal). */
export async function basketFragment(
  rt: Runtime,
  p: ProductHandle,
  input: string,
  field = "--fragment",
): Promise<{ tokenId: bigint; entry: BasketEntry; root: RootView }> {
  requireOption(input, field);
  const tokenId = parseTokenId(input, field);
  const basket = await p.basket();
  const entry = basket.find((b) => b.tokenId === tokenId);
  if (entry === undefined) {
    throw new InputError(
      `${field}: ${formatTokenId(tokenId)} is not in the basket of ${rt.label(p.address)} (${basket.map((b) => formatTokenId(b.tokenId)).join(", ")})`,
    );
  }
  const root = (await rt.suite.receivables.root(tokenId >> 32n))!;
  return { tokenId, entry, root };
}

/** The role names of the parties bound to a product, as messages print them. */
const PARTY: Record<keyof PartiesInput, string> = {
  exchange: "exchange",
  ratingAgency: "rating agency",
  registrar: "registration agent",
};

/** Throws unless `wallet` is the party bound to the product for `role` (only it acts on the product). */
export async function requireBoundParty(
  rt: Runtime,
  p: ProductHandle,
  wallet: string,
  role: keyof PartiesInput,
): Promise<void> {
  const bound = (await p.parties())[role];
  if (bound.toLowerCase() !== wallet.toLowerCase()) {
    throw new InputError(
      `--from: ${rt.label(wallet)} is not the ${PARTY[role]} bound to ${rt.label(p.address)} (${rt.label(bound)}); only it acts on this product`,
    );
  }
}

/** Throws unless `wallet` is the product's originator (the servicer, who alone handles defaults). */
export async function requireOriginator(rt: Runtime, p: ProductHandle, wallet: string, what: string): Promise<void> {
  const originator = await p.contract.originator();
  if (originator.toLowerCase() !== wallet.toLowerCase()) {
    throw new InputError(
      `--from: ${rt.label(wallet)} is not the originator of ${rt.label(p.address)} (${rt.label(originator)}); only the originator ${what}`,
    );
  }
}

/**
 * What every originator act on a basket fragment checks before sending (default, write-off,
 * release, auction): the acting wallet is the originator, the product is Active, the fragment is in
 * the basket and in one of the `custody` states. `verb` completes "only the originator ...", `act`
 * names the act in messages ("a write-off").
 */
export async function originatorFragment(
  rt: Runtime,
  p: ProductHandle,
  fragment: string,
  verb: string,
  act: string,
  ...custody: CustodyName[]
): Promise<{ signer: Signer; tokenId: bigint; entry: BasketEntry; root: RootView }> {
  const { signer, address: from } = await actingSigner(rt);
  await requireOriginator(rt, p, from, verb);
  await requirePhase(rt, p, act, "Active");
  const { tokenId, entry, root } = await basketFragment(rt, p, fragment);
  requireCustody(rt, entry, act, ...custody);
  return { signer, tokenId, entry, root };
}

/** Throws unless the fragment's custody is one of `allowed`. */
export function requireCustody(rt: Runtime, entry: BasketEntry, what: string, ...allowed: CustodyName[]): void {
  if (allowed.includes(entry.custody)) return;
  const id = formatTokenId(entry.tokenId);
  const now =
    entry.custody === "Auctioned"
      ? `is on auction at the market (auction #${entry.auctionId}); settle it first (product settle-auction)`
      : entry.custody === "Released"
        ? "was sold at auction (released)"
        : `is ${entry.custody}`;
  throw new InputError(`--fragment: ${id} ${now}; ${what} needs it ${allowed.join(" or ")}`);
}

/** When a root can be declared defaulted: after due date + grace period + default period. */
export async function defaultableAt(rt: Runtime, root: RootView): Promise<bigint> {
  const [, grace, period] = await rt.suite.receivables.contract.params();
  return root.dueDate + grace + period;
}

/** Throws unless the fragment's receivable has been declared defaulted (and says when it can be). */
export async function requireDefaulted(rt: Runtime, root: RootView, what: string): Promise<void> {
  if (root.status === "Defaulted") return;
  if (root.status !== "Confirmed") {
    throw new InputError(
      `--fragment: receivable ${root.rootHex} is ${root.state}, not defaulted; ${what} needs a defaulted one`,
    );
  }
  const at = await defaultableAt(rt, root);
  const now = await chainNow(rt);
  const when =
    now < at
      ? `it can be declared defaulted after ${formatDate(at)} (due ${root.dueDateIso} + grace + default period; the chain's time is ${formatDate(now)})`
      : "declare it defaulted first (product default)";
  throw new InputError(`--fragment: receivable ${root.rootHex} is ${root.state}, not defaulted yet: ${when}`);
}

/** Prints the losses and write-downs after a disposal step. */
export async function printLosses(rt: Runtime, p: ProductHandle): Promise<void> {
  const [w, tranches] = await Promise.all([p.waterfall(), p.tranches()]);
  const written = tranches.map((t) => `${t.name} written down ${p.format(t.written)}`).join(", ");
  rt.log(`  losses ${p.format(w.losses)}: ${written}; senior balance ${p.format(w.seniorBalance)}`);
}

/** Prints a Distributed event's split. */
export function printDistributed(rt: Runtime, p: ProductHandle, args: Record<string, unknown>): void {
  const a = args as Record<string, bigint>;
  rt.log(
    `  distributed: gross ${p.format(a.gross)}: servicing fee ${p.format(a.servicingFee)}, exchange fee ${p.format(a.exchangeFee)}, senior interest ${p.format(a.seniorInterest)}, senior principal ${p.format(a.seniorPrincipal)}, junior ${p.format(a.junior)}`,
  );
}
