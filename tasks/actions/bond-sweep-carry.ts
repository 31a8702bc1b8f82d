import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { DISTRIBUTION_SCALE } from "../../src/coupons.js";
import { actingSigner, knownBond, money, plan, printBond, requireEligible, requireIssuer } from "../lib/bonds.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  bond: string;
}

/** IBond.sweepCarry: the issuer takes back the carry's whole base units (rounding dust, recovery remainder). */
export default async function sweepCarry(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const b = await knownBond(rt, args.bond);
    const { signer, address: from } = await actingSigner(rt);
    requireIssuer(rt, b, from, "sweep the carry");
    const [, carryScaled] = await b.handle.contract.distributed();
    const carry = carryScaled / DISTRIBUTION_SCALE;
    if (carry === 0n) throw new InputError(`--bond: ${b.label} carries less than one base unit; nothing to sweep`);
    await requireEligible(rt, from, "--from");
    const c = rt.as(signer).bonds.bond(b.address).contract;
    const tx = await rt.send(
      `sweep the ${money(b, carry)} carry (rounding dust and recovery remainder) of ${b.label} to the issuer`,
      plan(c.sweepCarry),
    );
    if (tx !== undefined) {
      await printBond(rt, b.address);
      rt.log(`  cash balance of ${rt.label(from)}: ${rt.suite.cash.format(await rt.suite.cash.balanceOf(from))}`);
    }
    return { hash: tx?.hash, amount: carry };
  });
}
