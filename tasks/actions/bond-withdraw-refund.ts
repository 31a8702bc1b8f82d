import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { actingSigner, knownBond, money, plan, requireEligible } from "../lib/bonds.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  bond: string;
}

/**
 * IBond.withdrawRefund: the caller (--from) takes the credits the bond booked to it (a refund it
 * could not receive when a third party delivered its bid, or the issuer's surplus funding).
 */
export default async function withdrawRefund(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const b = await knownBond(rt, args.bond);
    const { signer, address: from } = await actingSigner(rt);
    const amount = await b.handle.contract.refundOf(from);
    if (amount === 0n) throw new InputError(`--from: ${rt.label(from)} has no credit to withdraw from ${b.label}`);
    await requireEligible(rt, from, "--from");
    const c = rt.as(signer).bonds.bond(b.address).contract;
    const tx = await rt.send(
      `withdraw the ${money(b, amount)} credited to ${rt.label(from)} by ${b.label}`,
      plan(c.withdrawRefund),
    );
    if (tx !== undefined) {
      rt.log(`  cash balance of ${rt.label(from)}: ${rt.suite.cash.format(await rt.suite.cash.balanceOf(from))}`);
    }
    return { hash: tx?.hash, amount };
  });
}
