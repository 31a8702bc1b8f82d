import type { Provider } from "ethers";

import { kindNames } from "../../src/kinds.js";
import { formatBps, formatDate } from "../../src/units.js";
import { Bond__factory, IBondFactory__factory, SettlementToken__factory } from "../../types/ethers-contracts/index.js";
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
  type DecodedEvent,
  type LifecycleEntry,
  type NameOf,
  type Party,
} from "./report-format.js";

const STATES = ["Book", "Cancelled", "Live", "Redeeming", "Defaulted"] as const;
const FREQUENCIES = ["zero coupon (interest at maturity)", "annual", "semi-annual", "quarterly"] as const;
const DAY_COUNTS = ["ACT/ACT ICMA", "ACT/360", "ACT/365F", "30/360"] as const;
const DAY = 86_400n;

/**
 * The disclosure of one SME bond, from its factory's and its own events plus its views: terms,
 * the term sheet, the book and its clearing, the coupon schedule, use of proceeds, cash flows,
 * holders (balances from Transfer events) and the lifecycle. Money as in `report-format.ts`.
 */
export interface BondDisclosure {
  address: string;
  name: string;
  symbol: string;
  state: string;
  paused: boolean;
  issuer: Party;
  leadUnderwriter?: Party;
  currency: Party;
  terms: {
    denomination: string;
    denominationBase: string;
    size: string;
    issueDate: string;
    maturity: string;
    frequency: string;
    dayCount: string;
    bookOpen: string;
    bookClose: string;
    yieldMinBp: number;
    yieldMaxBp: number;
    tickBp: number;
    minTicket: string;
    maxTicket: string;
    investorKinds: string[];
    gracePeriodDays: string;
    call?: { firstCallDate: string; noticeDays: string; priceBp: number };
    useOfProceeds: string;
    termSheetHash: string;
  };
  documents: { name: string; uri: string; hash: string; time: string }[];
  book: { bids: number; liveBids: number; demand: string };
  clearing?: { couponBp: number; size: string; fill: string; clearingDemand: string; demand: string };
  coupons: {
    index: number;
    date: string;
    perUnit: string;
    perUnitBase: string;
    funded: boolean;
    amount?: string;
    amountBase?: string;
  }[];
  redemption?: { callDate?: string; perUnit: string; perUnitBase: string };
  proceeds: {
    unitsIssued: string;
    raised: string;
    raisedBase: string;
    withdrawn: string;
    withdrawnBase: string;
    disbursed: string;
    disbursedBase: string;
    smeShareBp: number;
  };
  lifecycle: LifecycleEntry[];
  cashFlows: {
    time: string;
    block: number;
    tx: string;
    type: string;
    party: Party;
    amount: string;
    amountBase: string;
    detail: string;
  }[];
  holders: { holder: Party; units: string; claimable: string; claimableBase: string }[];
}

/** The bonds of the deployment's factory (creation order), or the one at `only`. */
export async function buildBondDisclosures(
  provider: Provider,
  factoryAddress: string,
  opts: { only?: string; nameOf?: NameOf; cash?: string } = {},
): Promise<BondDisclosure[]> {
  const factory = IBondFactory__factory.connect(factoryAddress, provider);
  const factoryEvents = await contractEvents(factory, provider);
  const created = factoryEvents.filter(
    (e) => e.name === "BondCreated" && (opts.only === undefined || sameAddress(String(e.args.bond), opts.only)),
  );
  const timeOf = blockTimes(provider);
  const out: BondDisclosure[] = [];
  for (const c of created) {
    const address = String(c.args.bond);
    out.push(
      await bondDisclosure(
        provider,
        address,
        factoryEvents.filter((e) => "bond" in e.args && sameAddress(String(e.args.bond), address)),
        timeOf,
        opts,
      ),
    );
  }
  return out;
}

function sameAddress(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

async function bondDisclosure(
  provider: Provider,
  address: string,
  factoryEvents: DecodedEvent[],
  timeOf: (block: number) => Promise<string>,
  opts: { nameOf?: NameOf; cash?: string },
): Promise<BondDisclosure> {
  const bond = Bond__factory.connect(address, provider);
  const t = await bond.terms();
  // Any approved currency is an ERC-20 with metadata: the settlement token's binding reads it.
  const currency = SettlementToken__factory.connect(t.currency, provider);
  const [name, symbol, state, paused, decimals, currencySymbol, book, clearing, couponCount, funded, proceeds, share] =
    await Promise.all([
      bond.name(),
      bond.symbol(),
      bond.state(),
      bond.paused(),
      currency.decimals(),
      currency.symbol(),
      bond.book(),
      bond.clearing(),
      bond.couponCount(),
      bond.couponsFunded(),
      bond.proceeds(),
      bond.smeShareBp(),
    ]);
  const [callDate, redemptionPerUnit] = await bond.redemption();
  const [bids, liveBids, demand] = book;
  const [couponBp, , fill, clearingDemand] = clearing;
  const [unitsIssued, raised, withdrawn, disbursed] = proceeds;
  const amt = money(Number(decimals));
  const party = parties(opts.nameOf, {
    [address]: `bond ${symbol}`,
    [t.currency]: sameAddress(t.currency, opts.cash ?? "") ? "settlement cash" : currencySymbol,
  });
  const who = (a: unknown) => label(party(String(a)));
  const face = t.denomination;
  const first = factoryEvents[0]?.blockNumber ?? 0;
  const own = await contractEvents(bond, provider, first);
  const events = [...factoryEvents, ...own].sort(chainOrder);
  const forcedTxs = new Set(events.filter((e) => e.name === "BondForcedTransfer").map((e) => e.transactionHash));

  const lifecycle: LifecycleEntry[] = [];
  const cashFlows: BondDisclosure["cashFlows"] = [];
  const bidUnits = new Map<string, { bidder: string; units: bigint }>();
  const couponAmounts = new Map<number, bigint>();
  for (const e of events) {
    const a = e.args;
    const time = await timeOf(e.blockNumber);
    const flow = (type: string, p: unknown, amount: bigint, detail = "") =>
      cashFlows.push({
        time,
        block: e.blockNumber,
        tx: e.transactionHash,
        type,
        party: party(String(p)),
        amount: amt(amount),
        amountBase: amount.toString(),
        detail,
      });
    let detail: string | undefined;
    switch (e.name) {
      case "BondCreated":
        detail = `created by ${who(a.issuer)}: ${count(t.size)} units of ${amt(face)}, use of proceeds ${text32(a.useOfProceeds)}`;
        break;
      case "TermSheetRecorded":
        detail = `term sheet ${String(a.uri)} (hash ${String(a.hash)})`;
        break;
      case "BidPlaced": {
        const units = BigInt(a.units as bigint);
        bidUnits.set(String(a.bidId), { bidder: String(a.bidder), units });
        detail = `bid #${String(a.bidId)} by ${who(a.bidder)}: ${count(units)} units at ${formatBps(Number(a.yieldBp))}`;
        flow("bid escrow", a.bidder, units * face, `bid #${String(a.bidId)}`);
        break;
      }
      case "BidAmended": {
        const bid = bidUnits.get(String(a.bidId));
        const units = BigInt(a.units as bigint);
        detail = `bid #${String(a.bidId)} amended: ${count(units)} units at ${formatBps(Number(a.yieldBp))}`;
        if (bid !== undefined) {
          if (units > bid.units) flow("bid escrow", bid.bidder, (units - bid.units) * face, `bid #${String(a.bidId)}`);
          if (units < bid.units) flow("bid refund", bid.bidder, (bid.units - units) * face, `bid #${String(a.bidId)}`);
          bid.units = units;
        }
        break;
      }
      case "BidCancelled":
        detail = `bid #${String(a.bidId)} cancelled by ${who(a.bidder)}, refund ${amt(a.refund)}`;
        flow("bid refund", a.bidder, BigInt(a.refund as bigint), `bid #${String(a.bidId)} cancelled`);
        break;
      case "BookFinalized":
        detail = `book finalised: coupon rate ${formatBps(Number(a.clearingYieldBp))} (clearing yield), size ${count(a.size)} units, ${count(a.fill)} of ${count(a.clearingDemand)} units bid at the clearing yield filled, demand ${count(a.demand)} units`;
        break;
      case "BookCancelled":
        detail = `book cancelled by ${who(a.by)}: every bid is refunded`;
        break;
      case "AllocationClaimed": {
        const refund = BigInt(a.refund as bigint);
        detail = `bid #${String(a.bidId)} settled: ${count(a.units)} units to ${who(a.bidder)} (${amt(BigInt(a.units as bigint) * face)}), refund ${amt(refund)}`;
        if (refund !== 0n) flow("allocation refund", a.bidder, refund, `bid #${String(a.bidId)}`);
        break;
      }
      case "ProceedsWithdrawn":
        detail = `${who(a.issuer)} withdrew proceeds of ${amt(a.amount)}`;
        flow("proceeds withdrawn", a.issuer, BigInt(a.amount as bigint));
        break;
      case "ProceedsDisbursed":
        detail = `${amt(a.amount)} of the proceeds lent to ${who(a.borrower)} (loan ${String(a.loanRef)})`;
        flow("SME loan recorded", a.borrower, BigInt(a.amount as bigint), `loan ${String(a.loanRef)}`);
        break;
      case "CouponFunded":
        couponAmounts.set(Number(a.index), BigInt(a.amount as bigint));
        detail = `coupon ${String(a.index)} funded by ${who(a.funder)}: ${amt(a.perUnit)} a unit, ${amt(a.amount)} in all`;
        flow("coupon funded", a.funder, BigInt(a.amount as bigint), `coupon ${String(a.index)}`);
        break;
      case "CouponsClaimed":
        detail = `${who(a.holder)} claimed ${amt(a.amount)} of distributions`;
        flow("coupons claimed", a.holder, BigInt(a.amount as bigint));
        break;
      case "CallNoticed":
        detail = `called for ${formatDate(BigInt(a.callDate as bigint))} at ${amt(a.pricePerUnit)} a unit plus accrued coupon`;
        break;
      case "RedemptionFunded":
        detail = `redemption funded by ${who(a.funder)}: ${amt(a.perUnit)} a unit, ${amt(a.amount)} in all`;
        flow("redemption funded", a.funder, BigInt(a.amount as bigint));
        break;
      case "Redeemed": {
        const paid = BigInt(a.principal as bigint) + BigInt(a.coupons as bigint);
        detail = `${who(a.holder)} redeemed ${count(a.units)} units: principal ${amt(a.principal)}, unclaimed distributions ${amt(a.coupons)}`;
        flow(
          "redemption",
          a.holder,
          paid,
          `${count(a.units)} units: principal ${amt(a.principal)} + distributions ${amt(a.coupons)}`,
        );
        break;
      }
      case "BondDefaulted":
        detail = `default declared by ${who(a.declaredBy)}: ${BigInt(a.couponIndex as bigint) === 0n ? "redemption" : `coupon ${String(a.couponIndex)}`} unpaid past the grace period`;
        break;
      case "RecoveryPaid":
        detail = `${who(a.payer)} paid a recovery of ${amt(a.amount)} (${amt(a.perUnit)} a unit, rounded down; the holdings are paid exactly)`;
        flow("recovery", a.payer, BigInt(a.amount as bigint));
        break;
      case "CarrySwept":
        detail = `carry of ${amt(a.amount)} (rounding dust, recovery remainder) returned to ${who(a.issuer)}`;
        flow("carry swept", a.issuer, BigInt(a.amount as bigint));
        break;
      case "BondForcedTransfer":
        detail = `${count(a.units)} units moved by court order ${text32(a.orderRef)} from ${who(a.from)} to ${who(a.to)} with ${amt(a.entitlement)} of unclaimed distributions`;
        break;
      case "BondPauseSet":
        detail = a.paused ? "paused by the guardian" : "pause lifted by the guardian";
        break;
      case "Transfer": {
        const zero = /^0x0{40}$/;
        // Mints (allocations), burns (redemptions) and court orders are told above.
        if (zero.test(String(a.from)) || zero.test(String(a.to)) || forcedTxs.has(e.transactionHash)) break;
        detail = `${who(a.from)} transferred ${count(a.value)} units to ${who(a.to)}`;
        break;
      }
    }
    if (detail !== undefined) {
      lifecycle.push({ time, block: e.blockNumber, tx: e.transactionHash, event: e.name, detail });
    }
  }

  const coupons: BondDisclosure["coupons"] = [];
  for (let i = 1n; i <= couponCount; i++) {
    const [date, perUnit] = await Promise.all([bond.couponDate(i), bond.couponPerUnit(i)]);
    const paid = couponAmounts.get(Number(i));
    coupons.push({
      index: Number(i),
      date: formatDate(date),
      perUnit: amt(perUnit),
      perUnitBase: perUnit.toString(),
      funded: i <= funded,
      ...(paid === undefined ? {} : { amount: amt(paid), amountBase: paid.toString() }),
    });
  }
  const holders = [];
  for (const h of balancesFromTransfers(own)) {
    const claimable = await bond.claimable(h.holder);
    holders.push({
      holder: party(h.holder),
      units: h.balance.toString(),
      claimable: amt(claimable),
      claimableBase: claimable.toString(),
    });
  }
  const zeroAddress = /^0x0{40}$/;
  const stateName = STATES[Number(state)];
  return {
    address,
    name,
    symbol,
    state: stateName,
    paused,
    issuer: party(t.issuer),
    ...(zeroAddress.test(t.leadUnderwriter) ? {} : { leadUnderwriter: party(t.leadUnderwriter) }),
    currency: party(t.currency),
    terms: {
      denomination: amt(face),
      denominationBase: face.toString(),
      size: t.size.toString(),
      issueDate: formatDate(t.issueDate),
      maturity: formatDate(t.maturity),
      frequency: FREQUENCIES[Number(t.frequency)],
      dayCount: DAY_COUNTS[Number(t.dayCount)],
      bookOpen: formatDate(t.bookOpen),
      bookClose: formatDate(t.bookClose),
      yieldMinBp: Number(t.yieldMinBp),
      yieldMaxBp: Number(t.yieldMaxBp),
      tickBp: Number(t.tickBp),
      minTicket: t.minTicket.toString(),
      maxTicket: t.maxTicket.toString(),
      investorKinds: kindNames(t.investorKinds),
      gracePeriodDays: days(t.gracePeriod),
      ...(t.firstCallDate === 0n
        ? {}
        : {
            call: {
              firstCallDate: formatDate(t.firstCallDate),
              noticeDays: days(t.callNotice),
              priceBp: Number(t.callPriceBp),
            },
          }),
      useOfProceeds: text32(t.useOfProceeds),
      termSheetHash: t.termSheetHash,
    },
    documents: await Promise.all(
      factoryEvents
        .filter((e) => e.name === "TermSheetRecorded")
        .map(async (e) => ({
          name: "term sheet",
          uri: String(e.args.uri),
          hash: String(e.args.hash),
          time: await timeOf(e.blockNumber),
        })),
    ),
    book: { bids: Number(bids), liveBids: Number(liveBids), demand: demand.toString() },
    ...(stateName === "Book" || stateName === "Cancelled"
      ? {}
      : {
          clearing: {
            couponBp: Number(couponBp),
            size: BigInt((events.find((e) => e.name === "BookFinalized")?.args.size as bigint) ?? 0n).toString(),
            fill: fill.toString(),
            clearingDemand: clearingDemand.toString(),
            demand: BigInt((events.find((e) => e.name === "BookFinalized")?.args.demand as bigint) ?? 0n).toString(),
          },
        }),
    coupons,
    ...(redemptionPerUnit === 0n && callDate === 0n
      ? {}
      : {
          redemption: {
            ...(callDate === 0n ? {} : { callDate: formatDate(callDate) }),
            perUnit: amt(redemptionPerUnit),
            perUnitBase: redemptionPerUnit.toString(),
          },
        }),
    proceeds: {
      unitsIssued: unitsIssued.toString(),
      raised: amt(raised),
      raisedBase: raised.toString(),
      withdrawn: amt(withdrawn),
      withdrawnBase: withdrawn.toString(),
      disbursed: amt(disbursed),
      disbursedBase: disbursed.toString(),
      smeShareBp: Number(share),
    },
    lifecycle,
    cashFlows,
    holders,
  };
}

function days(seconds: bigint): string {
  return seconds % DAY === 0n ? `${seconds / DAY}` : (Number(seconds) / 86_400).toFixed(2);
}

/** The bond sections of the Markdown report. */
export function renderBondsMarkdown(bonds: BondDisclosure[]): string[] {
  const out: string[] = [];
  for (const b of bonds) {
    const t = b.terms;
    out.push(`## Bond ${b.symbol}: ${b.name} (\`${b.address}\`)`, "");
    out.push(
      ...mdTable([
        { field: "State", value: b.paused ? `${b.state} (paused)` : b.state },
        { field: "Issuer", value: label(b.issuer) },
        { field: "Lead underwriter", value: b.leadUnderwriter === undefined ? "none" : label(b.leadUnderwriter) },
        { field: "Currency", value: label(b.currency) },
        { field: "Denomination", value: t.denomination },
        { field: "Size offered", value: `${count(t.size)} units` },
        { field: "Issue date", value: t.issueDate },
        { field: "Maturity", value: t.maturity },
        { field: "Coupon", value: `${t.frequency}, ${t.dayCount}` },
        {
          field: "Book",
          value: `${t.bookOpen} to ${t.bookClose}; yields ${formatBps(t.yieldMinBp)} to ${formatBps(t.yieldMaxBp)} in ${formatBps(t.tickBp)} ticks; tickets ${count(t.minTicket)} to ${count(t.maxTicket)} units`,
        },
        { field: "Investor kinds", value: t.investorKinds.join(", ") },
        { field: "Grace period", value: `${t.gracePeriodDays} days` },
        {
          field: "Call",
          value:
            t.call === undefined
              ? "not callable"
              : `from ${t.call.firstCallDate}, ${t.call.noticeDays} days' notice, at ${formatBps(t.call.priceBp)} of face`,
        },
        { field: "Use of proceeds", value: t.useOfProceeds },
        {
          field: "Coupon rate (clearing yield)",
          value: b.clearing === undefined ? "not set (book not finalised)" : formatBps(b.clearing.couponBp),
        },
        {
          field: "Allocation",
          value:
            b.clearing === undefined
              ? `${b.book.bids} bid(s), ${count(b.book.demand)} units escrowed`
              : `${count(b.clearing.size)} units at the clearing yield; ${count(b.clearing.fill)} of ${count(b.clearing.clearingDemand)} units bid there filled; demand ${count(b.clearing.demand)} units in ${b.book.bids} bid(s)`,
        },
        { field: "Units issued", value: count(b.proceeds.unitsIssued) },
        { field: "Proceeds raised", value: b.proceeds.raised },
        { field: "Proceeds withdrawn", value: b.proceeds.withdrawn },
        {
          field: "Lent to SMEs",
          value: `${b.proceeds.disbursed} (${formatBps(b.proceeds.smeShareBp)} of the proceeds)`,
        },
        ...(b.redemption === undefined
          ? []
          : [
              {
                field: "Redemption",
                value: `${b.redemption.perUnit} a unit${b.redemption.callDate === undefined ? "" : `, called for ${b.redemption.callDate}`}`,
              },
            ]),
      ]),
    );
    out.push("### Documents", "");
    out.push(...mdTable(b.documents.map((d) => ({ name: d.name, uri: d.uri, hash: d.hash, time: d.time }))));
    out.push("### Coupon schedule", "");
    out.push(
      ...mdTable(
        b.coupons.map((c) => ({
          "#": String(c.index),
          date: c.date,
          "per unit": c.perUnit,
          funded: c.funded ? "yes" : "",
          amount: c.amount ?? "",
        })),
      ),
    );
    out.push("### Holders", "");
    out.push(
      ...mdTable(b.holders.map((h) => ({ holder: label(h.holder), units: count(h.units), claimable: h.claimable }))),
    );
    out.push("### Cash flows", "");
    out.push(
      ...mdTable(
        b.cashFlows.map((c) => ({
          time: c.time,
          type: c.type,
          party: label(c.party),
          amount: c.amount,
          detail: c.detail,
          tx: c.tx,
        })),
      ),
    );
    out.push(...lifecycleSection(b.lifecycle));
  }
  return out;
}
