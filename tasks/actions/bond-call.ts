import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { parseBondDate, redemptionPerUnit } from "../../src/areas/bonds.js";
import { formatBps, formatDate } from "../../src/units.js";
import {
  actingSigner,
  chainNow,
  knownBond,
  money,
  plan,
  printBond,
  requireIssuer,
  requireState,
} from "../lib/bonds.js";
import { requireOption } from "../lib/print.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  bond: string;
  date: string;
}

/** IBond.noticeCall: the issuer calls the bond for a date. */
export default async function call(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    requireOption(args.date, "--date");
    const rt = await openRuntime(args, hre);
    const b = await knownBond(rt, args.bond);
    const t = b.terms;
    const date = parseBondDate(args.date, "--date");
    const { signer, address: from } = await actingSigner(rt);
    requireIssuer(rt, b, from, "call the bond");
    requireState(b, "a call", "Live");
    if (!t.callable) throw new InputError(`--bond: ${b.label} is not callable (no first call date in its terms)`);
    const [called] = await b.handle.contract.redemption();
    if (called !== 0n) throw new InputError(`--bond: ${b.label} is already called for ${formatDate(called)}`);
    const now = await chainNow(rt);
    if (date <= now) throw new InputError(`--date: ${args.date} is in the past (chain time ${formatDate(now)})`);
    // The call lands in a later block than `now`: one minute of margin on the notice period.
    const earliest = now + 60n + t.callNotice > t.firstCallDate ? now + 60n + t.callNotice : t.firstCallDate;
    if (date < earliest || date >= t.maturity) {
      throw new InputError(
        `--date: ${args.date} must be on or after ${formatDate(earliest)} (first call date ${t.firstCallDateIso}, ${t.callNotice / 86_400n} days' notice) and before maturity ${t.maturityIso}`,
      );
    }
    const [couponBp] = await b.handle.contract.clearing();
    const funded = Number(await b.handle.contract.couponsFunded());
    const perUnit = redemptionPerUnit(t, Number(couponBp), date, funded);
    const c = rt.as(signer).bonds.bond(b.address).contract;
    const tx = await rt.send(
      `call ${b.label} for ${formatDate(date)} at ${formatBps(t.callPriceBp)} of face`,
      plan(c.noticeCall, date),
    );
    rt.log(
      `  redemption on ${formatDate(date)}: ${money(b, perUnit)} per unit (call price + accrued coupon, if coupons stay funded as due)`,
    );
    if (tx !== undefined) await printBond(rt, b.address);
    return { hash: tx?.hash, callDate: date, perUnit };
  });
}
