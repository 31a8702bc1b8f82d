import { ZeroAddress, ZeroHash } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import {
  parseBondDate,
  parseBondUnits,
  parseDayCount,
  parseFrequency,
  parseRate,
  tagOf,
  type BondTermsArgs,
} from "../../src/areas/bonds.js";
import { Frequency } from "../../src/coupons.js";
import { Convention } from "../../src/daycount.js";
import { kindBitsOf } from "../../src/areas/registry.js";
import { formatBps, formatDate, parsePositiveAmount } from "../../src/units.js";
import { actingSigner, chainNow, plan, printBond, requireEligible, units } from "../lib/bonds.js";
import { requireOption } from "../lib/print.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  name: string;
  symbol: string;
  denomination: string;
  size: string;
  issueDate: string;
  maturity: string;
  frequency: string;
  dayCount: string;
  bookOpen: string;
  bookClose: string;
  yieldMin: string;
  yieldMax: string;
  tick: string;
  minTicket: string;
  maxTicket: string;
  investorKinds: string;
  graceDays: string;
  firstCallDate: string;
  callNoticeDays: string;
  callPrice: string;
  lead: string;
  currency: string;
  useOfProceeds: string;
  termSheetUri: string;
  termSheetHash: string;
}

function days(input: string, field: string): bigint {
  if (!/^\d+$/.test(input.trim())) throw new InputError(`${field}: "${input}" is not a whole number of days`);
  return BigInt(input.trim()) * 86_400n;
}

export default async function create(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    for (const [v, f] of [
      [args.name, "--name"],
      [args.symbol, "--symbol"],
      [args.denomination, "--denomination"],
      [args.size, "--size"],
      [args.issueDate, "--issue-date"],
      [args.maturity, "--maturity"],
      [args.bookClose, "--book-close"],
      [args.yieldMin, "--yield-min"],
      [args.yieldMax, "--yield-max"],
      [args.tick, "--tick"],
    ] as const) {
      requireOption(v, f);
    }
    const rt = await openRuntime(args, hre);
    const bonds = rt.suite.bonds;
    const { signer, address: issuer } = await actingSigner(rt);
    const currency = args.currency === "" ? rt.suite.addresses.cash : rt.address(args.currency, "--currency");
    const now = await chainNow(rt);
    const size = parseBondUnits(args.size, "--size");
    const callable = args.firstCallDate !== "";
    const t: BondTermsArgs = {
      issuer,
      leadUnderwriter: args.lead === "" ? ZeroAddress : rt.address(args.lead, "--lead"),
      currency,
      denomination: parsePositiveAmount(args.denomination, await bonds.decimalsOf(currency), "--denomination"),
      size,
      issueDate: parseBondDate(args.issueDate, "--issue-date"),
      maturity: parseBondDate(args.maturity, "--maturity"),
      frequency: parseFrequency(args.frequency, "--frequency"),
      dayCount: parseDayCount(args.dayCount, "--day-count"),
      bookOpen: args.bookOpen === "" ? now : parseBondDate(args.bookOpen, "--book-open"),
      bookClose: parseBondDate(args.bookClose, "--book-close"),
      yieldMinBp: parseRate(args.yieldMin, "--yield-min", 65_535n),
      yieldMaxBp: parseRate(args.yieldMax, "--yield-max", 65_535n),
      tickBp: parseRate(args.tick, "--tick", 65_535n),
      minTicket: parseBondUnits(args.minTicket, "--min-ticket"),
      maxTicket: args.maxTicket === "" ? size : parseBondUnits(args.maxTicket, "--max-ticket"),
      investorKinds: kindBitsOf(
        args.investorKinds.split(/[,+\s]+/).filter((k) => k !== ""),
        "--investor-kinds",
      ),
      gracePeriod: days(args.graceDays, "--grace-days"),
      firstCallDate: callable ? parseBondDate(args.firstCallDate, "--first-call-date") : 0n,
      callNotice: callable ? days(args.callNoticeDays, "--call-notice-days") : 0n,
      callPriceBp: callable ? parseRate(args.callPrice, "--call-price", 65_535n) : 0,
      useOfProceeds: tagOf(args.useOfProceeds, "--use-of-proceeds"),
      termSheetHash: args.termSheetHash === "" ? ZeroHash : args.termSheetHash,
    };
    if (!/^0x[0-9a-fA-F]{64}$/.test(t.termSheetHash)) {
      throw new InputError(`--term-sheet-hash: "${args.termSheetHash}" is not a 32-byte hash (0x + 64 hex digits)`);
    }
    // Dates: nothing in the past, and in the order the factory needs.
    const dates: [bigint, string, string][] = [
      [t.bookClose, "--book-close", args.bookClose],
      [t.issueDate, "--issue-date", args.issueDate],
      [t.maturity, "--maturity", args.maturity],
    ];
    if (args.bookOpen !== "") dates.unshift([t.bookOpen, "--book-open", args.bookOpen]);
    if (callable) dates.push([t.firstCallDate, "--first-call-date", args.firstCallDate]);
    for (const [ts, flag, text] of dates) {
      if (ts <= now) throw new InputError(`${flag}: ${text} is in the past (chain time ${formatDate(now)})`);
    }
    if (!(t.bookOpen < t.bookClose && t.bookClose <= t.issueDate)) {
      throw new InputError(
        `the book window must be --book-open < --book-close <= --issue-date (got ${formatDate(t.bookOpen)}, ${formatDate(t.bookClose)}, ${formatDate(t.issueDate)})`,
      );
    }
    if (t.maturity <= t.issueDate) {
      throw new InputError(`--maturity: ${args.maturity} is not after the issue date ${args.issueDate}`);
    }
    if (t.yieldMaxBp < t.yieldMinBp || t.tickBp === 0 || (t.yieldMaxBp - t.yieldMinBp) % t.tickBp !== 0) {
      throw new InputError(
        `--tick: ${formatBps(t.tickBp)} does not divide the yield range ${formatBps(t.yieldMinBp)} .. ${formatBps(t.yieldMaxBp)}`,
      );
    }
    const ticks = BigInt((t.yieldMaxBp - t.yieldMinBp) / t.tickBp + 1);
    const maxTicks = await bonds.factory.MAX_TICKS();
    if (ticks > maxTicks) {
      throw new InputError(`--tick: the range has ${ticks} ticks, more than the ${maxTicks} a book may have`);
    }
    if (!(t.minTicket <= t.maxTicket && t.maxTicket <= t.size)) {
      throw new InputError(
        `tickets must be 0 < --min-ticket <= --max-ticket <= --size (got ${units(t.minTicket)}, ${units(t.maxTicket)}, ${units(t.size)})`,
      );
    }
    if (t.frequency === Frequency.Zero && t.dayCount === Convention.ActActIcma) {
      throw new InputError("--day-count: act/act-icma needs periodic coupons; choose another day count or frequency");
    }
    if (callable && (t.firstCallDate >= t.maturity || t.firstCallDate <= t.issueDate || t.callPriceBp === 0)) {
      throw new InputError(
        `--first-call-date: a call needs issue date < first call date < maturity and a call price (got ${args.firstCallDate}, ${formatBps(t.callPriceBp)})`,
      );
    }
    if (!(await bonds.isCurrencyApproved(currency))) {
      throw new InputError(
        `--currency: ${rt.label(currency)} is not approved for bonds (the asset admin runs bond approve-currency)`,
      );
    }
    await requireEligible(rt, issuer, "--from");

    const f = rt.as(signer).bonds.factory;
    const what = `create bond ${args.symbol}: ${units(t.size)} x ${args.denomination}, ${formatDate(t.issueDate)} .. ${formatDate(t.maturity)}`;
    const call = plan(f.createBond, t, args.termSheetUri, args.name, args.symbol);
    let predicted: string | undefined;
    try {
      predicted = await f.createBond.staticCall(t, args.termSheetUri, args.name, args.symbol);
    } catch {
      // rt.send simulates again and explains the revert.
    }
    const tx = await rt.send(what, call);
    if (tx === undefined) {
      if (predicted !== undefined) rt.log(`  would be bond ${predicted}`);
      return { address: predicted };
    }
    const receipt = (await tx.wait())!;
    const address = bonds.bondAddressOf(receipt);
    rt.log(`  bond ${address} (#${await bonds.factory.bondCount()} of the factory)`);
    await printBond(rt, address);
    return { hash: tx.hash, address };
  });
}
