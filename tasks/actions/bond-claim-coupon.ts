import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { actingSigner, knownBond, money, plan, requireEligible, requireNotPaused } from "../lib/bonds.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  bond: string;
}

/** IBond.claimCoupons: every coupon and recovery payment owed to --from (in any state, also after a default). */
export default async function claimCoupon(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const b = await knownBond(rt, args.bond);
    const { signer, address: from } = await actingSigner(rt);
    requireNotPaused(b, "claiming");
    const h = await b.handle.holder(from);
    if (h.claimable === 0n) {
      throw new InputError(`nothing to claim: ${rt.label(from)} is owed 0.00 on ${b.label} (holds ${h.units} units)`);
    }
    await requireEligible(rt, from, "--from");
    const c = rt.as(signer).bonds.bond(b.address).contract;
    const tx = await rt.send(
      `claim ${money(b, h.claimable)} of ${b.state === "Defaulted" ? "coupons and recovery" : "coupons"} on ${b.label}`,
      plan(c.claimCoupons),
    );
    if (tx !== undefined) {
      rt.log(`  claimable now ${money(b, await c.claimable(from))}`);
      rt.log(`  cash balance of ${rt.label(from)}: ${rt.suite.cash.format(await rt.suite.cash.balanceOf(from))}`);
    }
    return { hash: tx?.hash, amount: h.claimable };
  });
}
