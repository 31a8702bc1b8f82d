import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import {
  actingSigner,
  knownBond,
  money,
  plan,
  requireEligible,
  requireNotPaused,
  requireState,
  units,
} from "../lib/bonds.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  bond: string;
}

/** IBond.redeem: burns all of --from's units against the redemption plus unclaimed coupons. */
export default async function redeem(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const b = await knownBond(rt, args.bond);
    const { signer, address: from } = await actingSigner(rt);
    requireState(b, "redemption (fund it first with bond fund-redemption)", "Redeeming");
    requireNotPaused(b, "redemption");
    const h = await b.handle.holder(from);
    if (h.redeemable === 0n)
      throw new InputError(`nothing to redeem: ${rt.label(from)} holds no units of ${b.label} and is owed nothing`);
    await requireEligible(rt, from, "--from");
    const c = rt.as(signer).bonds.bond(b.address).contract;
    const tx = await rt.send(
      `redeem ${units(h.units)} units of ${b.label} for ${money(b, h.redeemable)} (with ${money(b, h.claimable)} unclaimed coupons)`,
      plan(c.redeem),
    );
    if (tx !== undefined) {
      rt.log(
        `  ${rt.label(from)} holds ${units(await c.balanceOf(from))} units; ${units(await c.totalSupply())} outstanding`,
      );
      rt.log(`  cash balance of ${rt.label(from)}: ${rt.suite.cash.format(await rt.suite.cash.balanceOf(from))}`);
    }
    return { hash: tx?.hash, paid: h.redeemable };
  });
}
