import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { DISTRIBUTION_SCALE, recoveryPerUnit } from "../../src/coupons.js";
import { parsePositiveAmount } from "../../src/units.js";
import {
  actingSigner,
  approveStep,
  knownBond,
  money,
  plan,
  printBond,
  requireEligible,
  requireState,
  units,
} from "../lib/bonds.js";
import { requireOption } from "../lib/print.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  bond: string;
  amount: string;
}

/**
 * IBond.payRecovery, by anyone, approving first: `amount` plus the carried remainder is divided per
 * unit among the holders now; the new remainder is carried. Holders collect with `bond claim-coupon`.
 */
export default async function recovery(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    requireOption(args.amount, "--amount");
    const rt = await openRuntime(args, hre);
    const b = await knownBond(rt, args.bond);
    const amount = parsePositiveAmount(args.amount, b.terms.decimals, "--amount");
    const { signer, address: from } = await actingSigner(rt);
    requireState(b, "a recovery payment (declare it first with bond default)", "Defaulted");
    // Undelivered allocations share the recovery too (IBond.unitsOutstanding).
    const [supply, [, carry]] = await Promise.all([
      b.handle.contract.unitsOutstanding(),
      b.handle.contract.distributed(),
    ]);
    if (supply === 0n)
      throw new InputError(`--bond: ${b.label} has no units outstanding; nobody would receive recovery`);
    await requireEligible(rt, from, "--from");
    // The contract's rule (src/coupons.ts): amount plus the carry over the units, at DISTRIBUTION_SCALE.
    const { perUnit: perUnitScaled, carry: newCarry } = recoveryPerUnit(amount, carry, supply);
    const perUnit = perUnitScaled / DISTRIBUTION_SCALE;
    const what = `pay ${money(b, amount)} of recovery to the holders of ${b.label}: ${money(b, perUnit)} per unit x ${units(supply)} units (exact shares, with the ${money(b, carry / DISTRIBUTION_SCALE)} carried)`;
    if (!(await approveStep(rt, b, signer, amount, "[1/2]", what))) return undefined;
    const c = rt.as(signer).bonds.bond(b.address).contract;
    const tx = await rt.send(`[2/2] ${what}`, plan(c.payRecovery, amount));
    if (tx !== undefined) {
      await printBond(rt, b.address, { holders: true });
      rt.log(`  holders collect it with bond claim-coupon`);
    }
    return { hash: tx?.hash, amount, perUnit, perUnitScaled, carry: newCarry };
  });
}
