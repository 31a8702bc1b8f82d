import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { formatDate } from "../../src/units.js";
import {
  actingSigner,
  approveStep,
  chainNow,
  knownBond,
  money,
  plan,
  printBond,
  requireState,
  units,
} from "../lib/bonds.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  bond: string;
}

/** IBond.fundRedemption with the exact amount (face, or call price + accrued, x units), approving first. */
export default async function fundRedemption(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const b = await knownBond(rt, args.bond);
    const { signer } = await actingSigner(rt);
    requireState(b, "funding the redemption", "Live");
    const r = await b.handle.redemptionDue();
    const now = await chainNow(rt);
    if (now < r.date) {
      throw new InputError(
        `--bond: ${b.label} redeems on ${r.dateIso}; fund it from then (chain time ${formatDate(now)})`,
      );
    }
    const unfunded = (await b.handle.schedule()).find((c) => !c.funded && c.date <= r.date);
    if (unfunded !== undefined) {
      throw new InputError(
        `--bond: coupon #${unfunded.index} (${unfunded.dateIso}) is not funded yet; run bond fund-coupon first`,
      );
    }
    const outstanding = await b.handle.contract.unitsOutstanding();
    const what = `fund the ${r.called ? "call" : "redemption"} of ${b.label}: ${money(b, r.perUnit)} per unit x ${units(outstanding)} units = ${money(b, r.amount)} (exact per unit, less the carry, rounded up once)`;
    if (!(await approveStep(rt, b, signer, r.amount, "[1/2]", what))) return undefined;
    const c = rt.as(signer).bonds.bond(b.address).contract;
    const tx = await rt.send(`[2/2] ${what}`, plan(c.fundRedemption, r.amount));
    if (tx !== undefined) await printBond(rt, b.address, { holders: true });
    return { hash: tx?.hash, amount: r.amount, perUnit: r.perUnit, perUnitScaled: r.perUnitScaled };
  });
}
