import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { formatTokenId } from "../../src/areas/receivables.js";
import { formatDate } from "../../src/units.js";
import {
  amt,
  chainNow,
  knownListing,
  knownOffer,
  printBalances,
  printHolder,
  printListing,
  printOffer,
} from "../lib/market.js";
import { actingSigner } from "../lib/receivables.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  listing: string;
  offer: string;
}

/** Cancels a listing (the seller any time, anyone once expired) or the caller's offer. */
export default async function cancel(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    if ((args.listing === "") === (args.offer === "")) {
      throw new InputError("give exactly one of --listing or --offer");
    }
    const rt = await openRuntime(args, hre);
    const { signer, address: from } = await actingSigner(rt);
    const c = rt.as(signer).market.contract;
    if (args.listing !== "") {
      const l = await knownListing(rt, args.listing);
      const now = await chainNow(rt);
      if (from.toLowerCase() !== l.seller.toLowerCase() && now <= l.expiry) {
        throw new InputError(
          `--from: ${rt.label(from)} is not the seller of listing #${l.listingId}; anyone may cancel it only after it expires at ${l.expiryIso} (chain time ${formatDate(now)})`,
        );
      }
      const tx = await rt.send(`cancel listing #${l.listingId} (${formatTokenId(l.tokenId)})`, (o) => ({
        staticCall: () => c.cancelListing.staticCall(l.listingId, o),
        estimateGas: () => c.cancelListing.estimateGas(l.listingId, o),
        send: () => c.cancelListing(l.listingId, o),
      }));
      if (tx === undefined) return undefined;
      await printListing(rt, l.listingId);
      await printHolder(rt, l.tokenId);
      return { hash: tx.hash };
    }
    const off = await knownOffer(rt, args.offer);
    if (from.toLowerCase() !== off.offerer.toLowerCase()) {
      throw new InputError(
        `--from: ${rt.label(from)} is not the offerer of offer #${off.offerId} (${rt.label(off.offerer)})`,
      );
    }
    const tx = await rt.send(
      `cancel offer #${off.offerId} (${amt(off.amount, off.decimals)} back to ${rt.label(from)})`,
      (o) => ({
        staticCall: () => c.cancelOffer.staticCall(off.offerId, o),
        estimateGas: () => c.cancelOffer.estimateGas(off.offerId, o),
        send: () => c.cancelOffer(off.offerId, o),
      }),
    );
    if (tx === undefined) return undefined;
    await printOffer(rt, off.offerId);
    await printBalances(rt, off.currency, off.decimals, [from]);
    return { hash: tx.hash };
  });
}
