import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { parsePositiveAmount } from "../../src/units.js";
import {
  amt,
  approveCash,
  dryRunThen,
  knownRecourse,
  printBalances,
  printRecourse,
  requireBalance,
} from "../lib/market.js";
import { actingSigner } from "../lib/receivables.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  listing: string;
  amount: string;
}

/** Anyone pays (part of) a seller's recourse debt to the buyer. */
export default async function recourseSettle(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const r = await knownRecourse(rt, args.listing);
    const d = r.decimals;
    if (r.debt === 0n) {
      throw new InputError(`--listing: listing #${r.listingId} has no recourse debt (recourse ${r.status})`);
    }
    const amount = args.amount === "" ? r.debt : parsePositiveAmount(args.amount, d, "--amount");
    if (amount > r.debt) {
      throw new InputError(`--amount: ${amt(amount, d)} is more than the ${amt(r.debt, d)} recourse debt`);
    }
    const { signer, address: from } = await actingSigner(rt);
    await requireBalance(rt, from, r.currency, amount, d);
    const what = `pay ${amt(amount, d)} of the recourse debt of listing #${r.listingId} to ${rt.label(r.buyer)}`;
    if (await approveCash(rt, signer, r.currency, amount, d)) return dryRunThen(rt, what);

    const c = rt.as(signer).market.contract;
    const tx = await rt.send(what, (o) => ({
      staticCall: () => c.settleRecourseDebt.staticCall(r.listingId, amount, o),
      estimateGas: () => c.settleRecourseDebt.estimateGas(r.listingId, amount, o),
      send: () => c.settleRecourseDebt(r.listingId, amount, o),
    }));
    if (tx === undefined) return undefined;
    printRecourse(rt, (await rt.suite.market.recourse(r.listingId))!);
    await printBalances(rt, r.currency, d, [from, r.buyer]);
    return { hash: tx.hash };
  });
}
