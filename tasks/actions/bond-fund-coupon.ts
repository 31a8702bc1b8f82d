import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

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
import { formatDate } from "../../src/units.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  bond: string;
  index: string;
}

/** IBond.fundCoupon with the exact amount (per unit x units outstanding), approving first. */
export default async function fundCoupon(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const b = await knownBond(rt, args.bond);
    const { signer } = await actingSigner(rt);
    requireState(b, "funding a coupon", "Live");
    const schedule = await b.handle.schedule();
    const next = schedule.find((c) => !c.funded);
    if (next === undefined) throw new InputError(`--bond: every coupon of ${b.label} is funded`);
    let index = next.index;
    if (args.index !== "") {
      if (!/^#?\d+$/.test(args.index.trim())) throw new InputError(`--index: "${args.index}" is not a coupon number`);
      index = Number(args.index.trim().replace("#", ""));
      if (index < 1 || index > schedule.length) {
        throw new InputError(`--index: ${b.label} has coupons #1 .. #${schedule.length}`);
      }
      if (index !== next.index) {
        throw new InputError(`--index: coupons are funded in order; the next is #${next.index} (${next.dateIso})`);
      }
    }
    const now = await chainNow(rt);
    if (now < next.date) {
      throw new InputError(
        `--index: coupon #${index} is due on ${next.dateIso}; fund it from then (chain time ${formatDate(now)})`,
      );
    }
    // Undelivered allocations count as delivered (IBond.unitsOutstanding): nothing waits for a bidder.
    const outstanding = await b.handle.contract.unitsOutstanding();
    const what = `fund coupon #${index} of ${b.label}: ${money(b, next.perUnit)} per unit x ${units(outstanding)} units = ${money(b, next.amount)} (exact per unit, less the carry, rounded up once)`;
    if (!(await approveStep(rt, b, signer, next.amount, "[1/2]", what))) return undefined;
    const c = rt.as(signer).bonds.bond(b.address).contract;
    const tx = await rt.send(`[2/2] ${what}`, plan(c.fundCoupon, BigInt(index), next.amount));
    if (tx !== undefined) await printBond(rt, b.address, { holders: true });
    return { hash: tx?.hash, index, amount: next.amount };
  });
}
