import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { formatTokenId } from "../../src/areas/receivables.js";
import { Kinds } from "../../src/kinds.js";
import { formatDate, parseDate, parsePositiveAmount } from "../../src/units.js";
import {
  amt,
  approveCash,
  chainNow,
  dryRunThen,
  marketEvents,
  printBalances,
  printOffer,
  requireBalance,
  requireBuyer,
} from "../lib/market.js";
import { requireOption } from "../lib/print.js";
import { actingSigner, knownFragment } from "../lib/receivables.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  fragment: string;
  amount: string;
  expiry: string;
}

export default async function offer(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    requireOption(args.amount, "--amount");
    requireOption(args.expiry, "--expiry");
    const rt = await openRuntime(args, hre);
    const { root, fragment } = await knownFragment(rt, args.fragment);
    const d = root.decimals;
    const amount = parsePositiveAmount(args.amount, d, "--amount");
    const { signer, address: from } = await actingSigner(rt);
    if (root.status !== "Confirmed") {
      throw new InputError(
        `--fragment: receivable ${root.rootHex} is ${root.state}; offers are made on confirmed ones`,
      );
    }
    if (fragment.holder.toLowerCase() === from.toLowerCase()) {
      throw new InputError(`--from: ${rt.label(from)} already holds ${formatTokenId(fragment.tokenId)}`);
    }
    const now = await chainNow(rt);
    const expiry = parseDate(args.expiry, "--expiry");
    if (expiry <= now) {
      throw new InputError(`--expiry: ${args.expiry} is not in the future (chain time ${formatDate(now)})`);
    }
    await requireBuyer(rt, from, Kinds.FACTOR | Kinds.BANK);
    await requireBalance(rt, from, root.currency, amount, d);
    const what = `offer ${amt(amount, d)} for ${formatTokenId(fragment.tokenId)} until ${formatDate(expiry)}`;
    if (await approveCash(rt, signer, root.currency, amount, d)) return dryRunThen(rt, what);

    const c = rt.as(signer).market.contract;
    // The offer binds what the fragment has left to collect now: a split, a value sent or a claim
    // before acceptance voids it (MarketOfferStale).
    const remaining = await rt.suite.market.remainingOf(fragment.tokenId);
    const call = [fragment.tokenId, root.currency, amount, expiry, remaining] as const;
    const tx = await rt.send(what, (o) => ({
      staticCall: () => c.makeOffer.staticCall(...call, o),
      estimateGas: () => c.makeOffer.estimateGas(...call, o),
      send: () => c.makeOffer(...call, o),
    }));
    if (tx === undefined) return undefined;
    const [made] = await marketEvents(rt, tx.hash, "OfferMade");
    const offerId = made.offerId as bigint;
    await printOffer(rt, offerId);
    await printBalances(rt, root.currency, d, [from]);
    return { hash: tx.hash, offerId };
  });
}
