import { ZeroAddress, type ContractTransactionResponse, type Signer } from "ethers";

import { SettlementToken__factory } from "../../types/ethers-contracts/index.js";
import type { TypedContractMethod } from "../../types/ethers-contracts/common.js";

import type { BondHandle, BondStateName, BondTermsView } from "../../src/areas/bonds.js";
import { formatAmount, formatBps } from "../../src/units.js";
import { requireOption } from "./print.js";
import { InputError, table, type Runtime, type SendPlan } from "./runtime.js";

export { actingSigner, requireEligible } from "./receivables.js";

/** A bond of the deployment's factory, with its terms and state now. */
export interface KnownBond {
  handle: BondHandle;
  address: string;
  /** `SYMBOL (0x…)`. */
  label: string;
  terms: BondTermsView;
  state: BondStateName;
  paused: boolean;
}

/**
 * The bond given by `--bond`: a 0x address, an address-book name, or `#<n>` (its 1-based position
 * in `bond list`). Throws unless the deployment's factory created it.
 */
export async function knownBond(rt: Runtime, input: string, field = "--bond"): Promise<KnownBond> {
  requireOption(input, field);
  const bonds = rt.suite.bonds;
  let address: string;
  const m = /^#(\d+)$/.exec(input.trim());
  if (m !== null) {
    const n = BigInt(m[1]);
    const count = await bonds.factory.bondCount();
    if (n < 1n || n > count) {
      throw new InputError(`${field}: ${input} is not a bond of deployment ${rt.args.deploymentId} (it has ${count})`);
    }
    address = await bonds.factory.bondAt(n - 1n);
  } else {
    address = rt.address(input, field);
  }
  if (!(await bonds.isBond(address))) {
    throw new InputError(
      `${field}: ${rt.label(address)} is not a bond of the factory of deployment ${rt.args.deploymentId}`,
    );
  }
  const handle = bonds.bond(address);
  const [terms, state, paused, symbol] = await Promise.all([
    handle.terms(),
    handle.state(),
    handle.contract.paused(),
    handle.contract.symbol(),
  ]);
  return { handle, address, label: `${symbol} (${address})`, terms, state, paused };
}

/** Throws "--bond: <bond> is <state>; <what> needs <expected>" unless the state is one of `expected`. */
export function requireState(b: KnownBond, what: string, ...expected: BondStateName[]): void {
  if (!expected.includes(b.state)) {
    throw new InputError(`--bond: ${b.label} is ${b.state}; ${what} needs ${expected.join(" or ")}`);
  }
}

/** Throws when the guardian paused the bond. */
export function requireNotPaused(b: KnownBond, what: string): void {
  if (b.paused) throw new InputError(`--bond: ${b.label} is paused by the guardian; ${what} is stopped`);
}

/** Throws unless `wallet` is the issuer (or, when `orLead`, the named lead underwriter). */
export function requireIssuer(rt: Runtime, b: KnownBond, wallet: string, what: string, orLead = false): void {
  const t = b.terms;
  const lead = orLead && t.leadUnderwriter !== ZeroAddress ? t.leadUnderwriter : undefined;
  const w = wallet.toLowerCase();
  if (w === t.issuer.toLowerCase() || (lead !== undefined && w === lead.toLowerCase())) return;
  const who = `the issuer ${rt.label(t.issuer)}${lead === undefined ? "" : ` or the lead underwriter ${rt.label(lead)}`}`;
  throw new InputError(`--from: ${rt.label(wallet)} may not ${what}: only ${who} may`);
}

/** The chain's time now (latest block). */
export async function chainNow(rt: Runtime): Promise<bigint> {
  return BigInt((await rt.ethers.provider.getBlock("latest"))!.timestamp);
}

/** Amount in the bond's currency, grouped. */
export function money(b: KnownBond, units: bigint): string {
  return formatAmount(units, b.terms.decimals, { group: true });
}

/** Units grouped ("10,000"). */
export function units(u: bigint): string {
  return formatAmount(u, 0, { group: true });
}

/**
 * Checks the balance, then approves the bond for `amount` of its currency when the allowance is
 * short (step `[1/n]`). Returns false on a dry run that needed the approval (nothing more can be
 * simulated, since the next call would fail without it).
 */
export async function approveStep(
  rt: Runtime,
  b: KnownBond,
  signer: Signer,
  amount: bigint,
  step: string,
  next: string,
): Promise<boolean> {
  const from = await signer.getAddress();
  const token = SettlementToken__factory.connect(b.terms.currency, signer);
  const balance = await token.balanceOf(from);
  if (balance < amount) {
    throw new InputError(
      `--from: ${rt.label(from)} holds ${money(b, balance)}, less than the ${money(b, amount)} needed`,
    );
  }
  if ((await token.allowance(from, b.address)) >= amount) return true;
  await rt.send(`${step} approve ${b.label} for ${money(b, amount)}`, (o) => ({
    staticCall: () => token.approve.staticCall(b.address, amount, o),
    estimateGas: () => token.approve.estimateGas(b.address, amount, o),
    send: () => token.approve(b.address, amount, o),
  }));
  if (rt.args.dryRun) {
    rt.log(`dry run: then ${next}; no transaction sent`);
    return false;
  }
  return true;
}

type AnyCall<R> = (...a: unknown[]) => Promise<R>;

/** A SendPlan for a contract method with its arguments (simulate, estimate, send). */
export function plan<A extends unknown[], R>(fn: TypedContractMethod<A, R, "nonpayable">, ...args: A) {
  // TypeChain's mapped argument types do not survive a generic spread; the arguments are A.
  const call = fn as unknown as AnyCall<ContractTransactionResponse> & {
    staticCall: AnyCall<unknown>;
    estimateGas: AnyCall<bigint>;
  };
  return (o: { gasPrice?: bigint }): SendPlan => ({
    staticCall: () => call.staticCall(...args, o),
    estimateGas: () => call.estimateGas(...args, o),
    send: () => call(...args, o),
  });
}

/** Prints a bond: terms, state, book, clearing, schedule, proceeds and (optionally) holders. */
export async function printBond(rt: Runtime, address: string, opts: { holders?: boolean; bids?: boolean } = {}) {
  const h = rt.suite.bonds.bond(address);
  const v = await h.show();
  const t = v.terms;
  const m = (x: bigint) => formatAmount(x, t.decimals, { group: true });
  rt.log(`bond ${v.symbol} "${v.name}" (${address})`);
  rt.log(`  state ${v.state}${v.paused ? " (PAUSED)" : ""}, issuer ${rt.label(t.issuer)}`);
  rt.log(
    `  ${units(t.size)} units of ${m(t.denomination)}, issue ${t.issueDateIso}, maturity ${t.maturityIso}, ${t.frequencyName} ${t.dayCountName}`,
  );
  rt.log(
    `  book ${t.bookOpenIso} .. ${t.bookCloseIso}, yields ${t.yieldRange}, tickets ${units(t.minTicket)} .. ${units(t.maxTicket)}, investors ${t.investorKindNames.join("+")}`,
  );
  if (t.callable) {
    rt.log(
      `  callable from ${t.firstCallDateIso} at ${formatBps(t.callPriceBp)} of face, notice ${t.callNotice / 86_400n} days`,
    );
  }
  rt.log(`  use of proceeds ${t.useOfProceedsText}, term sheet ${v.termSheet.uri || "-"} (hash ${v.termSheet.hash})`);
  rt.log(
    `  book: ${v.book.bids} bids placed, ${v.book.liveBids} unsettled, ${units(v.book.demand)} units escrowed (${m(v.book.escrow)})`,
  );
  if (v.clearing !== undefined) {
    rt.log(
      `  clearing: coupon ${v.clearing.coupon}, ${units(v.clearing.fill)} of ${units(v.clearing.clearingDemand)} units filled at the clearing yield`,
    );
  } else if (v.book.byYield.length > 0) {
    table(
      v.book.byYield.map((x) => ({ yield: formatBps(x.yieldBp), units: units(x.units) })),
      rt.log,
    );
  }
  rt.log(
    `  outstanding ${units(v.unitsOutstanding)} units; proceeds raised ${m(v.proceeds.raised)}, withdrawn ${m(v.proceeds.withdrawn)}, lent to SMEs ${m(v.proceeds.disbursed)} (${formatBps(v.proceeds.smeShareBp)})`,
  );
  if (v.redemption.callDate !== 0n) rt.log(`  called for ${v.redemption.callDateIso}`);
  if (v.redemption.perUnit !== 0n) rt.log(`  redemption funded: ${m(v.redemption.perUnit)} per unit`);
  if (v.distributed.carry !== 0n)
    rt.log(`  carry ${m(v.distributed.carry)} (rounding dust and recovery remainder: bond sweep-carry)`);
  rt.log("  coupon schedule:");
  table(
    v.schedule.map((c) => ({
      coupon: `#${c.index}`,
      date: c.dateIso,
      "per unit": m(c.perUnit),
      amount: m(c.amount),
      funded: c.funded ? "funded" : "",
    })),
    rt.log,
  );
  if (opts.bids) {
    const bids = await h.bids();
    if (bids.length > 0) {
      rt.log("  bids:");
      table(
        bids.map((b) => ({
          bid: `#${b.bidId}`,
          bidder: rt.label(b.bidder),
          units: units(b.units),
          yield: formatBps(b.yieldBp),
          allocated: b.allocated === undefined ? "" : units(b.allocated),
          refund: b.refund === undefined ? "" : m(b.refund),
          status: b.live ? "unsettled" : "settled",
        })),
        rt.log,
      );
    }
  }
  if (opts.holders) {
    const holders = await h.holders();
    rt.log("  holders:");
    table(
      holders.map((x) => ({
        holder: rt.label(x.holder),
        units: units(x.units),
        claimable: m(x.claimable),
        redeemable: m(x.redeemable),
      })),
      rt.log,
    );
  }
  return v;
}
