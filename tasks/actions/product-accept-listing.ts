import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { listingTermsHash } from "../../src/areas/products.js";
import { chainNow, knownProduct, printProduct, requireOriginator, requirePhase } from "../lib/products.js";
import { requireOption } from "../lib/print.js";
import { actingSigner } from "../lib/receivables.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  product: string;
  termsHash: string;
}

/** The originator accepts the listing terms the bound exchange proposed (Approved -> Listed). */
export default async function acceptListing(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    requireOption(args.termsHash, "--terms-hash");
    if (!/^0x[0-9a-fA-F]{64}$/.test(args.termsHash)) {
      throw new InputError(`--terms-hash: "${args.termsHash}" is not a 32-byte hash (0x + 64 hex digits)`);
    }
    const rt = await openRuntime(args, hre);
    const p = await knownProduct(rt, args.product);
    const { signer, address: from } = await actingSigner(rt);
    await requireOriginator(rt, p, from, "accepts the listing terms");
    await requirePhase(rt, p, "accepting a listing", "Approved");
    const l = await p.contract.listing();
    if (l.exchange === "0x0000000000000000000000000000000000000000") {
      throw new InputError(`--product: the exchange has not proposed a listing of ${rt.label(p.address)} yet`);
    }
    const proposed = listingTermsHash(l);
    if (proposed.toLowerCase() !== args.termsHash.toLowerCase()) {
      throw new InputError(
        `--terms-hash: the terms proposed now hash to ${proposed}, not ${args.termsHash} (the exchange changed them?); read them with product show`,
      );
    }
    const now = await chainNow(rt);
    const rating = await p.rating(now);
    if (rating === undefined || !rating.current) {
      throw new InputError(`--product: ${rt.label(p.address)} has no current rating; a listing needs one`);
    }
    if (now >= l.closes) throw new InputError(`--product: the proposed window has already closed`);
    const c = p.contract.connect(signer);
    const tx = await rt.send(`accept the listing terms ${proposed} of product ${rt.label(p.address)}`, (o) => ({
      staticCall: () => c.acceptListing.staticCall(proposed, o),
      estimateGas: () => c.acceptListing.estimateGas(proposed, o),
      send: () => c.acceptListing(proposed, o),
    }));
    if (tx !== undefined) await printProduct(rt, p);
    return tx?.hash;
  });
}
