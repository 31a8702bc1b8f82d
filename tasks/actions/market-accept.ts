import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { formatTokenId } from "../../src/areas/receivables.js";
import { formatDate } from "../../src/units.js";
import {
  amt,
  approveFragments,
  chainNow,
  dryRunThen,
  knownOffer,
  marketEvents,
  printBalances,
  printHolder,
} from "../lib/market.js";
import { actingSigner, knownFragment, requireMovable } from "../lib/receivables.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  offer: string;
}

export default async function accept(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const o = await knownOffer(rt, args.offer);
    const d = o.decimals;
    const { signer, address: from } = await actingSigner(rt);
    const now = await chainNow(rt);
    if (now >= o.expiry) {
      throw new InputError(`--offer: offer #${o.offerId} expired at ${o.expiryIso} (chain time ${formatDate(now)})`);
    }
    const { root, fragment } = await knownFragment(rt, formatTokenId(o.tokenId), "--offer");
    requireMovable(rt, root, fragment, from);
    const what = `accept offer #${o.offerId}: ${formatTokenId(o.tokenId)} to ${rt.label(o.offerer)} for ${amt(o.amount, d)}`;
    if (await approveFragments(rt, signer)) return dryRunThen(rt, what);

    const c = rt.as(signer).market.contract;
    const tx = await rt.send(what, (opts) => ({
      staticCall: () => c.acceptOffer.staticCall(o.offerId, opts),
      estimateGas: () => c.acceptOffer.estimateGas(o.offerId, opts),
      send: () => c.acceptOffer(o.offerId, opts),
    }));
    if (tx === undefined) return undefined;
    const [accepted] = await marketEvents(rt, tx.hash, "OfferAccepted");
    const fee = accepted.fee as bigint;
    rt.log(`  received ${amt(o.amount - fee, d)} (fee ${amt(fee, d)})`);
    await printHolder(rt, o.tokenId);
    await printBalances(rt, o.currency, d, [from]);
    return { hash: tx.hash, fee };
  });
}
