import type { Provider } from "ethers";

import { formatTokenId } from "../../src/areas/receivables.js";
import { kindNames } from "../../src/kinds.js";
import { formatBps, formatDate } from "../../src/units.js";
import {
  IProductFactory__factory,
  IRevenueProduct__factory,
  ITrancheToken__factory,
  SettlementToken__factory,
} from "../../types/ethers-contracts/index.js";
import {
  balancesFromTransfers,
  blockTimes,
  chainOrder,
  contractEvents,
  count,
  label,
  lifecycleSection,
  mdTable,
  money,
  parties,
  text32,
  text8,
  type DecodedEvent,
  type LifecycleEntry,
  type NameOf,
  type Party,
} from "./report-format.js";

const PHASES = ["None", "Originated", "Approved", "Listed", "Active", "Failed", "Closed"] as const;
const CUSTODY = ["None", "Held", "Released", "WrittenOff", "Returned", "Auctioned"] as const;
const TRANCHES = ["senior", "junior"] as const;

/**
 * The disclosure of one revenue-sharing product, from its factory's, its own and its tranche
 * tokens' events plus its views: terms, basket, listing, rating (report URI and hash, history,
 * downgrades), tranches, waterfall, cash flows, holders (share balances from Transfer events) and
 * the lifecycle. Money as in `report-format.ts`.
 */
export interface ProductDisclosure {
  address: string;
  phase: string;
  paused: boolean;
  originator: Party;
  currency: Party;
  face: string;
  faceBase: string;
  terms: { seniorBps: number; seniorRateBps: number; servicingFeeBps: number; tranches: number };
  basket: { fragment: string; custody: string }[];
  listing?: {
    exchange: Party;
    opens: string;
    closes: string;
    investorKinds: string[];
    exchangeFeeBps: number;
    pricePerShare: string;
    pricePerShareBase: string;
    minRaise: string;
    minRaiseBase: string;
    cap: string;
    capBase: string;
    minTicket: string;
    minTicketBase: string;
    maxTicket: string;
    maxTicketBase: string;
  };
  rating?: {
    agency: Party;
    grade: string;
    notch: number;
    date: string;
    expiry: string;
    reportUri: string;
    reportHash: string;
  };
  ratings: {
    time: string;
    agency: Party;
    grade: string;
    notch: number;
    expiry: string;
    reportUri: string;
    reportHash: string;
  }[];
  downgrades: { time: string; agency: Party; from: string; to: string; fromNotch: number; toNotch: number }[];
  documents: { name: string; uri: string; hash: string; time: string }[];
  tranches: {
    index: number;
    name: string;
    token: Party;
    symbol: string;
    supply: string;
    requested: string;
    subscribers: number;
    principal: string;
    principalBase: string;
    written: string;
    writtenBase: string;
    distributed: string;
    distributedBase: string;
  }[];
  waterfall: {
    seniorBalance: string;
    seniorBalanceBase: string;
    interestDue: string;
    interestDueBase: string;
    collected: string;
    collectedBase: string;
    losses: string;
    lossesBase: string;
  };
  lifecycle: LifecycleEntry[];
  cashFlows: {
    time: string;
    block: number;
    tx: string;
    type: string;
    party: Party;
    tranche?: string;
    fragment?: string;
    amount: string;
    amountBase: string;
  }[];
  holders: { tranche: string; holder: Party; shares: string; claimable: string; claimableBase: string }[];
}

/** The products of the deployment's factory (creation order), or the one at `only`. */
export async function buildProductDisclosures(
  provider: Provider,
  factoryAddress: string,
  opts: { only?: string; nameOf?: NameOf; receivables?: string } = {},
): Promise<ProductDisclosure[]> {
  const factory = IProductFactory__factory.connect(factoryAddress, provider);
  const created = (await contractEvents(factory, provider)).filter(
    (e) =>
      e.name === "ProductCreated" &&
      (opts.only === undefined || String(e.args.product).toLowerCase() === opts.only.toLowerCase()),
  );
  const cash = await factory.cash();
  const timeOf = blockTimes(provider);
  const out: ProductDisclosure[] = [];
  for (const c of created) out.push(await productDisclosure(provider, c, cash, timeOf, opts));
  return out;
}

async function productDisclosure(
  provider: Provider,
  createdEvent: DecodedEvent,
  cash: string,
  timeOf: (block: number) => Promise<string>,
  opts: { nameOf?: NameOf; receivables?: string },
): Promise<ProductDisclosure> {
  const address = String(createdEvent.args.product);
  const product = IRevenueProduct__factory.connect(address, provider);
  const [phase, paused, originator, terms, listing, rating, trancheCount, wf, basket, face, decimals] =
    await Promise.all([
      product.phase(),
      product.paused(),
      product.originator(),
      product.terms(),
      product.listing(),
      product.rating(),
      product.trancheCount(),
      product.waterfall(),
      product.basket(),
      product.faceValue(),
      SettlementToken__factory.connect(cash, provider).decimals(),
    ]);
  const amt = money(Number(decimals));
  const base = (v: bigint) => v.toString();
  const tranches = [];
  for (let i = 0n; i < trancheCount; i++) {
    const t = await product.tranche(i);
    const token = ITrancheToken__factory.connect(t.token, provider);
    tranches.push({
      i: Number(i),
      t,
      token,
      symbol: await token.symbol(),
      distributed: await token.totalDistributed(),
    });
  }
  const fallback: Record<string, string> = { [address]: "product (custody)", [cash]: "settlement cash" };
  for (const tr of tranches) fallback[tr.t.token] = `${TRANCHES[tr.i]} tranche ${tr.symbol}`;
  if (opts.receivables !== undefined) fallback[opts.receivables] = "receivables contract";
  const party = parties(opts.nameOf, fallback);
  const who = (a: unknown) => label(party(String(a)));
  const trancheName = (i: unknown) => TRANCHES[Number(i)] ?? `tranche ${String(i)}`;

  const from = createdEvent.blockNumber;
  const own = await contractEvents(product, provider, from);
  const tokenEvents = await Promise.all(tranches.map((tr) => contractEvents(tr.token, provider, from)));
  const trancheOf = new Map(tranches.map((tr) => [tr.t.token.toLowerCase(), tr.i]));
  const events = [createdEvent, ...own, ...tokenEvents.flat()].sort(chainOrder);
  const forcedTxs = new Set(events.filter((e) => e.name === "SharesForceTransferred").map((e) => e.transactionHash));

  const lifecycle: LifecycleEntry[] = [];
  const cashFlows: ProductDisclosure["cashFlows"] = [];
  const ratings: ProductDisclosure["ratings"] = [];
  const downgrades: ProductDisclosure["downgrades"] = [];
  const price = listing.pricePerShare;
  // Fragments whose loss is already told: a release or an auction after a write-off (or an auction
  // again after an unsold one) carries the loss recorded before.
  const lossTold = new Set<string>();
  const loss = (
    amount: unknown,
    flow: (type: string, p: unknown, v: unknown, x: { fragment: string }) => void,
    f: string,
  ) => {
    if (!lossTold.has(f)) flow("loss", address, amount, { fragment: f });
    lossTold.add(f);
  };
  for (const e of events) {
    const a = e.args;
    const time = await timeOf(e.blockNumber);
    const tokenTranche = trancheOf.get(e.address.toLowerCase());
    const flow = (type: string, p: unknown, amount: unknown, extra: { tranche?: string; fragment?: string } = {}) => {
      const v = BigInt(amount as bigint);
      if (v === 0n) return;
      cashFlows.push({
        time,
        block: e.blockNumber,
        tx: e.transactionHash,
        type,
        party: party(String(p)),
        ...extra,
        amount: amt(v),
        amountBase: base(v),
      });
    };
    const frag = "tokenId" in a ? formatTokenId(BigInt(a.tokenId as bigint)) : "";
    let detail: string | undefined;
    switch (e.name) {
      case "ProductCreated":
        detail = `created by ${who(a.originator)} from ${String(a.fragments)} fragment(s), face ${amt(a.face)}`;
        break;
      case "ProductOriginated":
        detail = `originated: ${formatBps(terms.seniorBps)} senior at a ${formatBps(terms.seniorRateBps)} target yield, servicing fee ${formatBps(terms.servicingFeeBps)}`;
        break;
      case "ProductApproved":
        detail = `register approved by ${who(a.agent)}`;
        break;
      case "ProductRated":
        ratings.push({
          time,
          agency: party(String(a.agency)),
          grade: text8(a.grade),
          notch: Number(a.notch),
          expiry: formatDate(BigInt(a.expiry as bigint)),
          reportUri: String(a.reportUri),
          reportHash: String(a.reportHash),
        });
        detail = `rated ${text8(a.grade)} (notch ${String(a.notch)}) by ${who(a.agency)}, valid to ${formatDate(BigInt(a.expiry as bigint))}, report ${String(a.reportUri)} (hash ${String(a.reportHash)})`;
        break;
      case "ProductDowngraded":
        downgrades.push({
          time,
          agency: party(String(a.agency)),
          from: text8(a.fromGrade),
          to: text8(a.toGrade),
          fromNotch: Number(a.fromNotch),
          toNotch: Number(a.toNotch),
        });
        detail = `downgraded from ${text8(a.fromGrade)} to ${text8(a.toGrade)} by ${who(a.agency)}`;
        break;
      case "ProductListed":
        detail = `listed by ${who(a.exchange)}: ${count(a.seniorShares)} senior + ${count(a.juniorShares)} junior shares of ${amt(price)}, window ${formatDate(listing.opens)} to ${formatDate(listing.closes)}, exchange fee ${formatBps(listing.exchangeFeeBps)}`;
        break;
      case "ListingProposed":
        detail = `listing terms proposed by ${who(a.exchange)} (terms hash ${String(a.termsHash)}), awaiting the originator's acceptance`;
        break;
      case "ProductCancelled":
        detail = `cancelled by the originator ${who(a.originator)} before listing; the basket returns`;
        break;
      case "Credited":
        detail = `${amt(a.amount)} credited to ${who(a.wallet)}, who could not receive it when due`;
        break;
      case "CreditWithdrawn":
        detail = `${who(a.wallet)} withdrew its credit of ${amt(a.amount)}`;
        flow("credit withdrawn", a.wallet, a.amount);
        break;
      case "DustHeld": {
        detail = `${amt(a.amount)} of dust held for the treasury (it could not receive; product sweep-dust pays it)`;
        // Held at wind-down: the closing's "dust to treasury" did not happen (it is paid when swept).
        const paid = cashFlows.findLastIndex((c) => c.type === "dust to treasury" && c.tx === e.transactionHash);
        if (paid !== -1) cashFlows.splice(paid, 1);
        break;
      }
      case "DustSwept":
        detail = `dust of ${amt(a.amount)} swept to the treasury ${who(a.treasury)}`;
        flow("dust to treasury", a.treasury, a.amount);
        break;
      case "Subscribed":
        detail = `${who(a.investor)} subscribed ${count(a.shares)} ${trancheName(a.tranche)} shares, paid ${amt(a.paid)}`;
        flow("subscription", a.investor, a.paid, { tranche: trancheName(a.tranche) });
        break;
      case "OfferingClosed":
        detail = a.success
          ? `offering closed: raised ${amt(a.raised)}, ${amt(a.originatorProceeds)} to the originator, exchange fee ${amt(a.exchangeFee)}`
          : `offering failed: raised ${amt(a.raised)} below the minimum; subscriptions are refunded, the basket returns`;
        if (a.success) {
          flow("proceeds to originator", originator, a.originatorProceeds);
          flow("exchange fee", listing.exchange, a.exchangeFee);
        }
        break;
      case "SharesClaimed":
        detail = `${count(a.shares)} ${trancheName(a.tranche)} shares allocated to ${who(a.investor)}, refund ${amt(a.refund)}`;
        flow("oversubscription refund", a.investor, a.refund, { tranche: trancheName(a.tranche) });
        break;
      case "SubscriptionRefunded":
        detail = `${who(a.investor)} refunded ${amt(a.refund)} (${trancheName(a.tranche)})`;
        flow("subscription refund", a.investor, a.refund, { tranche: trancheName(a.tranche) });
        break;
      case "BasketReturned":
        detail = `${String(a.fragments)} fragment(s) returned to ${who(a.originator)}`;
        break;
      case "Collected":
        detail = `collected ${amt(a.amount)} from basket fragments ${String(a.from)} to ${BigInt(a.to as bigint) - 1n}`;
        flow("collection", opts.receivables ?? address, a.amount);
        break;
      case "Distributed": {
        // Without a junior tranche (or junior principal) the residual goes to the senior; the
        // event's `junior` is then 0 and the residual is what the other figures leave of `gross`.
        const residual =
          BigInt(a.gross as bigint) -
          BigInt(a.servicingFee as bigint) -
          BigInt(a.exchangeFee as bigint) -
          BigInt(a.seniorInterest as bigint) -
          BigInt(a.seniorPrincipal as bigint) -
          BigInt(a.junior as bigint);
        detail = `waterfall on ${amt(a.gross)}: servicing fee ${amt(a.servicingFee)}, exchange fee ${amt(a.exchangeFee)}, senior interest ${amt(a.seniorInterest)}, senior principal ${amt(a.seniorPrincipal)}, ${residual === 0n ? `junior ${amt(a.junior)}` : `residual to the senior ${amt(residual)}`}`;
        flow("servicing fee", originator, a.servicingFee);
        flow("exchange fee", listing.exchange, a.exchangeFee);
        const senior = tranches[0]?.t.token ?? address;
        const junior = tranches[1]?.t.token ?? senior;
        flow("senior interest", senior, a.seniorInterest, { tranche: "senior" });
        flow("senior principal", senior, a.seniorPrincipal, { tranche: "senior" });
        flow("junior residual", junior, a.junior, { tranche: "junior" });
        flow("senior residual", senior, residual, { tranche: "senior" });
        break;
      }
      case "FragmentWrittenOff":
        detail = `${frag} written off, loss ${amt(a.loss)}`;
        loss(a.loss, flow, frag);
        break;
      case "FragmentAuctioned":
        detail = `${frag} put up for auction #${String(a.auctionId)} at the factoring market: reserve ${amt(a.reserve)}, ends ${formatDate(BigInt(a.endTime as bigint))}, loss ${amt(a.loss)}`;
        loss(a.loss, flow, frag);
        break;
      case "DisposalAuctionSettled":
        if (/^0x0{40}$/.test(String(a.winner))) {
          detail = `auction #${String(a.auctionId)} of ${frag} ended unsold: back in custody, written off`;
        } else {
          detail = `auction #${String(a.auctionId)} of ${frag} sold to ${who(a.winner)}: ${amt(a.proceeds)} net of the market fee`;
          flow("auction proceeds", a.winner, a.proceeds, { fragment: frag });
        }
        break;
      case "LossAllocated":
        detail = `loss of ${amt(a.loss)} written down: junior ${amt(a.juniorWritten)}, senior ${amt(a.seniorWritten)}`;
        break;
      case "DisposalProceedsReceived":
        detail = `${who(a.payer)} paid disposal proceeds of ${amt(a.amount)} for ${frag}`;
        flow("disposal proceeds", a.payer, a.amount, { fragment: frag });
        break;
      case "ProductClosed":
        detail = `wound down; dust ${amt(a.dust)} to the treasury ${who(a.treasury)}`;
        flow("dust to treasury", a.treasury, a.dust);
        break;
      case "ProductPauseSet":
        detail = a.paused ? "paused by the guardian" : "pause lifted by the guardian";
        break;
      case "DistributionClaimed":
        detail = `${who(a.account)} claimed ${amt(a.amount)} of ${trancheName(tokenTranche)} distributions`;
        flow("distribution claimed", a.account, a.amount, { tranche: trancheName(tokenTranche) });
        break;
      case "SharesForceTransferred":
        detail = `${count(a.amount)} ${trancheName(tokenTranche)} shares moved by court order ${text32(a.orderRef)} from ${who(a.from)} to ${who(a.to)}`;
        break;
      case "Transfer": {
        const zero = /^0x0{40}$/;
        const [f, to] = [String(a.from), String(a.to)];
        // Custody mints and burns, allocations (told by SharesClaimed) and court orders are told elsewhere.
        if (
          zero.test(f) ||
          zero.test(to) ||
          f.toLowerCase() === address.toLowerCase() ||
          forcedTxs.has(e.transactionHash)
        )
          break;
        detail = `${who(f)} transferred ${count(a.value)} ${trancheName(tokenTranche)} shares to ${who(to)}`;
        break;
      }
    }
    if (detail !== undefined) {
      lifecycle.push({ time, block: e.blockNumber, tx: e.transactionHash, event: e.name, detail });
    }
  }

  const holders: ProductDisclosure["holders"] = [];
  for (const [k, tr] of tranches.entries()) {
    for (const h of balancesFromTransfers(tokenEvents[k])) {
      const claimable = await tr.token.claimable(h.holder);
      holders.push({
        tranche: TRANCHES[tr.i],
        holder: party(h.holder),
        shares: h.balance.toString(),
        claimable: amt(claimable),
        claimableBase: base(claimable),
      });
    }
  }
  const listed = listing.exchange !== "0x0000000000000000000000000000000000000000";
  const rated = rating.agency !== "0x0000000000000000000000000000000000000000";
  const [fragments, custody] = basket;
  return {
    address,
    phase: PHASES[Number(phase)],
    paused,
    originator: party(originator),
    currency: party(cash),
    face: amt(face),
    faceBase: base(face),
    terms: {
      seniorBps: Number(terms.seniorBps),
      seniorRateBps: Number(terms.seniorRateBps),
      servicingFeeBps: Number(terms.servicingFeeBps),
      tranches: tranches.length,
    },
    basket: fragments.map((id, i) => ({ fragment: formatTokenId(id), custody: CUSTODY[Number(custody[i])] })),
    ...(listed
      ? {
          listing: {
            exchange: party(listing.exchange),
            opens: formatDate(listing.opens),
            closes: formatDate(listing.closes),
            investorKinds: kindNames(listing.investorKinds),
            exchangeFeeBps: Number(listing.exchangeFeeBps),
            pricePerShare: amt(listing.pricePerShare),
            pricePerShareBase: base(listing.pricePerShare),
            minRaise: amt(listing.minRaise),
            minRaiseBase: base(listing.minRaise),
            cap: amt(listing.cap),
            capBase: base(listing.cap),
            minTicket: amt(listing.minTicket),
            minTicketBase: base(listing.minTicket),
            maxTicket: amt(listing.maxTicket),
            maxTicketBase: base(listing.maxTicket),
          },
        }
      : {}),
    ...(rated
      ? {
          rating: {
            agency: party(rating.agency),
            grade: text8(rating.grade),
            notch: Number(rating.notch),
            date: formatDate(rating.date),
            expiry: formatDate(rating.expiry),
            reportUri: rating.reportUri,
            reportHash: rating.reportHash,
          },
        }
      : {}),
    ratings,
    downgrades,
    documents: ratings.map((r) => ({
      name: `rating report (${r.grade})`,
      uri: r.reportUri,
      hash: r.reportHash,
      time: r.time,
    })),
    tranches: tranches.map((tr) => ({
      index: tr.i,
      name: TRANCHES[tr.i],
      token: party(tr.t.token),
      symbol: tr.symbol,
      supply: tr.t.supply.toString(),
      requested: tr.t.requested.toString(),
      subscribers: Number(tr.t.subscribers),
      principal: amt(tr.t.principal),
      principalBase: base(tr.t.principal),
      written: amt(tr.t.written),
      writtenBase: base(tr.t.written),
      distributed: amt(tr.distributed),
      distributedBase: base(tr.distributed),
    })),
    waterfall: {
      seniorBalance: amt(wf.seniorBalance),
      seniorBalanceBase: base(wf.seniorBalance),
      interestDue: amt(wf.interestDue),
      interestDueBase: base(wf.interestDue),
      collected: amt(wf.collected),
      collectedBase: base(wf.collected),
      losses: amt(wf.losses),
      lossesBase: base(wf.losses),
    },
    lifecycle,
    cashFlows,
    holders,
  };
}

/** The product sections of the Markdown report. */
export function renderProductsMarkdown(products: ProductDisclosure[]): string[] {
  const out: string[] = [];
  for (const p of products) {
    out.push(`## Product \`${p.address}\``, "");
    const l = p.listing;
    out.push(
      ...mdTable([
        { field: "Phase", value: p.paused ? `${p.phase} (paused)` : p.phase },
        { field: "Originator (servicer)", value: label(p.originator) },
        { field: "Currency", value: label(p.currency) },
        { field: "Basket face", value: `${p.face} in ${p.basket.length} fragment(s)` },
        {
          field: "Tranching",
          value:
            p.terms.tranches === 1
              ? `single tranche, target yield ${formatBps(p.terms.seniorRateBps)}`
              : `${formatBps(p.terms.seniorBps)} senior at a ${formatBps(p.terms.seniorRateBps)} target yield, ${formatBps(10_000 - p.terms.seniorBps)} junior`,
        },
        { field: "Servicing fee", value: formatBps(p.terms.servicingFeeBps) },
        {
          field: "Rating",
          value:
            p.rating === undefined
              ? "not rated"
              : `${p.rating.grade} (notch ${p.rating.notch}) by ${label(p.rating.agency)}, ${p.rating.date} to ${p.rating.expiry}`,
        },
        {
          field: "Listing",
          value:
            l === undefined
              ? "not listed"
              : `${label(l.exchange)}: ${l.opens} to ${l.closes}, ${l.pricePerShare} a share, raise ${l.minRaise} to ${l.cap}, tickets ${l.minTicket} to ${l.maxTicket}, exchange fee ${formatBps(l.exchangeFeeBps)}, investors ${l.investorKinds.join(", ")}`,
        },
        { field: "Collected", value: p.waterfall.collected },
        { field: "Senior balance", value: p.waterfall.seniorBalance },
        { field: "Senior interest due", value: p.waterfall.interestDue },
        { field: "Losses", value: p.waterfall.losses },
      ]),
    );
    out.push("### Documents", "");
    out.push(...mdTable(p.documents.map((d) => ({ name: d.name, uri: d.uri, hash: d.hash, time: d.time }))));
    out.push("### Rating history", "");
    out.push(
      ...mdTable(
        p.ratings.map((r) => {
          const d = p.downgrades.find((x) => x.time === r.time && x.to === r.grade && x.toNotch === r.notch);
          return {
            time: r.time,
            agency: label(r.agency),
            rating: `${r.grade} (notch ${r.notch})`,
            expiry: r.expiry,
            change: d === undefined ? "" : `downgrade from ${d.from} (notch ${d.fromNotch})`,
            report: `${r.reportUri} (${r.reportHash})`,
          };
        }),
      ),
    );
    out.push("### Basket", "");
    out.push(...mdTable(p.basket.map((b) => ({ fragment: b.fragment, custody: b.custody }))));
    out.push("### Tranches", "");
    out.push(
      ...mdTable(
        p.tranches.map((t) => ({
          tranche: t.name,
          token: label(t.token),
          shares: `${count(t.supply)} offered, ${count(t.requested)} subscribed by ${t.subscribers}`,
          principal: t.principal,
          "written down": t.written,
          distributed: t.distributed,
        })),
      ),
    );
    out.push("### Holders", "");
    out.push(
      ...mdTable(
        p.holders.map((h) => ({
          tranche: h.tranche,
          holder: label(h.holder),
          shares: count(h.shares),
          claimable: h.claimable,
        })),
      ),
    );
    out.push("### Cash flows", "");
    out.push(
      ...mdTable(
        p.cashFlows.map((c) => ({
          time: c.time,
          type: c.type,
          party: label(c.party),
          "tranche / fragment": c.tranche ?? c.fragment ?? "",
          amount: c.amount,
          tx: c.tx,
        })),
      ),
    );
    out.push(...lifecycleSection(p.lifecycle));
  }
  return out;
}
