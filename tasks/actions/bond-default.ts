import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { formatDate } from "../../src/units.js";
import { actingSigner, chainNow, knownBond, plan, printBond, requireState } from "../lib/bonds.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  bond: string;
}

/**
 * IBond.declareDefault, by anyone: the next unfunded coupon due on or before the redemption date,
 * or else the redemption itself, is unfunded past its date plus the grace period.
 */
export default async function declareDefault(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const b = await knownBond(rt, args.bond);
    const { signer } = await actingSigner(rt);
    requireState(b, "declaring a default", "Live");
    const grace = BigInt(b.terms.gracePeriod);
    const r = await b.handle.redemptionDue();
    // The schedule stops at the call date, so an unfunded coupon in it is due on or before the
    // redemption date, as the contract's check requires.
    const coupon = (await b.handle.schedule()).find((c) => !c.funded);
    const missed =
      coupon !== undefined
        ? { what: `coupon #${coupon.index}`, index: coupon.index, date: coupon.date }
        : { what: r.called ? "the call redemption" : "the redemption at maturity", index: 0, date: r.date };
    const now = await chainNow(rt);
    // The contract needs block.timestamp > date + grace.
    if (now <= missed.date + grace) {
      throw new InputError(
        `--bond: ${b.label} cannot be declared in default yet: ${missed.what} is due on ${formatDate(missed.date)} with ${grace / 86_400n} days' grace; a default may be declared from ${formatDate(missed.date + grace + 1n)} if it is still unfunded (chain time ${formatDate(now)})`,
      );
    }
    const c = rt.as(signer).bonds.bond(b.address).contract;
    const tx = await rt.send(
      `declare ${b.label} in default: ${missed.what}, due ${formatDate(missed.date)}, is unfunded past ${grace / 86_400n} days' grace`,
      plan(c.declareDefault),
    );
    if (tx !== undefined) {
      await printBond(rt, b.address, { holders: true });
      rt.log(
        `  recovery: bond recovery --amount <x> pays the holders pro rata; they collect it with bond claim-coupon`,
      );
    }
    return { hash: tx?.hash, missed: missed.index, due: missed.date };
  });
}
