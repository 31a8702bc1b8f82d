import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { parseMarketId } from "../../src/areas/market.js";
import { formatBps } from "../../src/units.js";
import { knownAuction, printAuction, printBook, printListing, printOffer } from "../lib/market.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  listing: string;
  offer: string;
  auction: string;
}

/** A listing (with its recourse duty), an offer or an auction by id; without one, the open book. */
export default async function show(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const given = [args.listing, args.offer, args.auction].filter((x) => x !== "").length;
    if (given > 1) throw new InputError("give at most one of --listing, --offer and --auction");
    const rt = await openRuntime(args, hre);
    const m = rt.suite.market;
    const fee = await m.feeBps();
    const treasury = await m.treasury();
    rt.log(`market ${rt.suite.addresses.market}: fee ${formatBps(fee)}${fee > 0n ? ` to ${rt.label(treasury)}` : ""}`);
    if (args.listing !== "") {
      const id = parseMarketId(args.listing, "--listing");
      const [l, r] = await Promise.all([m.listing(id), m.recourse(id)]);
      if (l === undefined && r === undefined) {
        const made = await m.listedEvents({ listingId: id });
        if (made.length === 0) {
          throw new InputError(`--listing: listing #${id} is unknown on deployment ${rt.args.deploymentId}`);
        }
      }
      await printListing(rt, id);
      return { listing: l, recourse: r };
    }
    if (args.offer !== "") {
      const id = parseMarketId(args.offer, "--offer");
      const o = await m.offer(id);
      if (o === undefined && (await m.offerMadeEvents({ offerId: id })).length === 0) {
        throw new InputError(`--offer: offer #${id} is unknown on deployment ${rt.args.deploymentId}`);
      }
      await printOffer(rt, id);
      return { offer: o };
    }
    if (args.auction !== "") {
      const a = await knownAuction(rt, args.auction, "--auction", false);
      await printAuction(rt, a.auctionId);
      return { auction: a };
    }
    await printBook(rt);
    return m.openBook();
  });
}
