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
import { requireOption } from "../lib/print.js";
import { actingSigner, requireEligible } from "../lib/receivables.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  listing: string;
  amount: string;
}

/** A guarantor (or the seller) posts or tops up recourse collateral on an open or sold recourse listing. */
export default async function collateral(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    requireOption(args.amount, "--amount");
    const rt = await openRuntime(args, hre);
    const r = await knownRecourse(rt, args.listing);
    const d = r.decimals;
    const amount = parsePositiveAmount(args.amount, d, "--amount");
    if (r.status !== "Listed" && r.status !== "Sold") {
      throw new InputError(
        `--listing: the recourse of listing #${r.listingId} is ${r.status}; collateral is posted while it is listed or sold`,
      );
    }
    const { signer, address: from } = await actingSigner(rt);
    const none = "0x0000000000000000000000000000000000000000";
    if (r.provider !== none && r.provider.toLowerCase() !== from.toLowerCase()) {
      throw new InputError(
        `--from: listing #${r.listingId} already has a collateral provider, ${rt.label(r.provider)}; only it may top up`,
      );
    }
    await requireEligible(rt, from, "--from");
    await requireBalance(rt, from, r.currency, amount, d);
    const what = `post ${amt(amount, d)} of recourse collateral on listing #${r.listingId}`;
    if (await approveCash(rt, signer, r.currency, amount, d)) return dryRunThen(rt, what);

    const c = rt.as(signer).market.contract;
    const tx = await rt.send(what, (o) => ({
      staticCall: () => c.postCollateral.staticCall(r.listingId, amount, o),
      estimateGas: () => c.postCollateral.estimateGas(r.listingId, amount, o),
      send: () => c.postCollateral(r.listingId, amount, o),
    }));
    if (tx === undefined) return undefined;
    printRecourse(rt, (await rt.suite.market.recourse(r.listingId))!);
    await printBalances(rt, r.currency, d, [from]);
    return { hash: tx.hash };
  });
}
