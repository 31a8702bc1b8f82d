import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { MAX_AUCTION_DURATION, parseAuctionEnd } from "../../src/areas/market.js";
import { formatTokenId } from "../../src/areas/receivables.js";
import { kindNames } from "../../src/kinds.js";
import { kindBitsOf } from "../../src/areas/registry.js";
import { CASH_DECIMALS, formatDate, parseAmount, parsePositiveAmount } from "../../src/units.js";
import { printAuction } from "../lib/market.js";
import { requireOption } from "../lib/print.js";
import {
  chainNow,
  knownProduct,
  originatorFragment,
  printLosses,
  printProduct,
  requireDefaulted,
} from "../lib/products.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  product: string;
  fragment: string;
  reserve: string;
  minIncrement: string;
  end: string;
  buyerKinds: string;
}

/** The originator auctions a defaulted fragment at the suite's factoring market, the product as seller. */
export default async function auction(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    requireOption(args.reserve, "--reserve");
    requireOption(args.end, "--end");
    const rt = await openRuntime(args, hre);
    const p = await knownProduct(rt, args.product);
    const { signer, tokenId, entry, root } = await originatorFragment(
      rt,
      p,
      args.fragment,
      "auctions a defaulted fragment",
      "an auction",
      "Held",
      "WrittenOff",
    );
    await requireDefaulted(rt, root, "an auction");
    const now = await chainNow(rt);
    const reserve = parsePositiveAmount(args.reserve, CASH_DECIMALS, "--reserve");
    // Positive: with a zero step an equal bid would displace the leader. Default one base unit.
    const minIncrement =
      args.minIncrement === "" ? 1n : parsePositiveAmount(args.minIncrement, CASH_DECIMALS, "--min-increment");
    const kinds = args.buyerKinds === "" ? 0 : kindBitsOf(args.buyerKinds.split(","), "--buyer-kinds");
    const end = parseAuctionEnd(args.end, now, "--end");
    const a = await p.auctionDefaultedArgs(tokenId, { reserve, minIncrement, end, buyerKinds: kinds }, now);
    if (a.reserve > entry.value) {
      throw new InputError(`--reserve: ${p.format(a.reserve)} is above the fragment's value ${p.format(entry.value)}`);
    }
    if (a.endTime <= now) {
      throw new InputError(`--end: ${args.end} is not in the future (chain time ${formatDate(now)})`);
    }
    if (a.endTime > now + MAX_AUCTION_DURATION) {
      throw new InputError(
        `--end: ${formatDate(a.endTime)} is more than 90 days away (latest ${formatDate(now + MAX_AUCTION_DURATION)})`,
      );
    }
    if (await rt.suite.receivables.contract.isFrozen(tokenId)) {
      throw new InputError(`--fragment: ${formatTokenId(tokenId)} is frozen by the regulator`);
    }
    const loss = entry.custody === "Held" ? await p.previewLoss(tokenId) : undefined;
    const bidders = a.buyerKinds === 0 ? "FACTOR|BANK" : kindNames(a.buyerKinds).join("|");
    const what = `auction ${formatTokenId(tokenId)} of ${rt.label(p.address)} (value ${p.format(entry.value)}${loss === undefined ? ", written off" : `, loss ${p.format(loss)}`}) at the market: reserve ${p.format(a.reserve)}, min increment ${p.format(a.minIncrement)}, ending ${formatDate(a.endTime)}, bidders ${bidders}`;
    const c = p.contract.connect(signer);
    const call = [a.tokenId, a.reserve, a.minIncrement, a.endTime, a.buyerKinds] as const;
    const tx = await rt.send(what, (o) => ({
      staticCall: () => c.auctionDefaulted.staticCall(...call, o),
      estimateGas: () => c.auctionDefaulted.estimateGas(...call, o),
      send: () => c.auctionDefaulted(...call, o),
    }));
    if (tx === undefined) return undefined;
    const events = p.eventsIn((await tx.wait())!);
    const ev = events.find((e) => e.name === "FragmentAuctioned")!.args as Record<string, bigint>;
    const auctionId = ev.auctionId;
    rt.log(`  auction #${auctionId} at the market; loss recorded ${p.format(ev.loss)}`);
    await printAuction(rt, auctionId);
    await printLosses(rt, p);
    await printProduct(rt, p);
    return { hash: tx.hash, auctionId };
  });
}
