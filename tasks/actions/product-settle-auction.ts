import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { formatBps, formatDate } from "../../src/units.js";
import { formatTokenId } from "../../src/areas/receivables.js";
import { printAuction } from "../lib/market.js";
import {
  anySigner,
  basketFragment,
  chainNow,
  knownProduct,
  printDistributed,
  printLosses,
  printProduct,
  requireCustody,
} from "../lib/products.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  product: string;
  fragment: string;
}

/**
 * Anyone, after the end: settles a defaulted fragment's auction (at the market too unless someone
 * did) and the product accounts for it. Sold: the bid less the market fee enters the waterfall.
 * Not sold: the fragment is back in custody, written off.
 */
export default async function settleAuction(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const p = await knownProduct(rt, args.product);
    const { tokenId, entry } = await basketFragment(rt, p, args.fragment);
    requireCustody(rt, entry, "settling an auction", "Auctioned");
    const now = await chainNow(rt);
    const a = (await p.disposalAuction(tokenId, now))!;
    if (a.open && now <= a.endTime) {
      throw new InputError(
        `--fragment: auction #${a.auctionId} of ${formatTokenId(tokenId)} runs until ${formatDate(a.endTime)} (chain time ${formatDate(now)}); settle after that`,
      );
    }
    const { signer } = await anySigner(rt);
    const preview = await p.previewDisposalSettlement(tokenId);
    rt.log(
      preview.sold
        ? `auction #${a.auctionId}${preview.settledAtMarket ? " (already settled at the market)" : ""}: sells to ${rt.label(preview.winner)} for ${p.format(preview.bid)}, market fee ${formatBps(preview.feeBps)} = ${p.format(preview.fee)}, ${p.format(preview.proceeds)} net to the product`
        : `auction #${a.auctionId}${preview.settledAtMarket ? " (already settled at the market)" : ""}: not sold (${preview.reason}); the fragment comes back into custody, written off`,
    );
    const c = p.contract.connect(signer);
    const what = `settle the disposal auction #${a.auctionId} of ${formatTokenId(tokenId)} (${rt.label(p.address)})`;
    const tx = await rt.send(what, (o) => ({
      staticCall: () => c.settleDisposalAuction.staticCall(tokenId, o),
      estimateGas: () => c.settleDisposalAuction.estimateGas(tokenId, o),
      send: () => c.settleDisposalAuction(tokenId, o),
    }));
    if (tx === undefined) {
      if (preview.proceeds > 0n) {
        const d = await p.previewDistribution(preview.proceeds, now);
        rt.log(
          `  would distribute ${p.format(d.gross)}: servicing fee ${p.format(d.servicingFee)}, exchange fee ${p.format(d.exchangeFee)}, senior interest ${p.format(d.seniorInterest)}, senior principal ${p.format(d.seniorPrincipal)}, junior ${p.format(d.junior)}`,
        );
      }
      return undefined;
    }
    const events = p.eventsIn((await tx.wait())!);
    const settled = events.find((e) => e.name === "DisposalAuctionSettled")!.args as {
      winner: string;
      proceeds: bigint;
    };
    const sold = settled.winner !== "0x0000000000000000000000000000000000000000";
    if (sold) {
      rt.log(
        `  sold to ${rt.label(settled.winner)} for ${p.format(preview.bid)}: ${p.format(settled.proceeds)} net to the product (market fee ${p.format(preview.bid - settled.proceeds)}); ${formatTokenId(tokenId)} is Released`,
      );
      const dist = events.find((e) => e.name === "Distributed");
      if (dist !== undefined) printDistributed(rt, p, dist.args);
    } else {
      rt.log(
        `  not sold: ${formatTokenId(tokenId)} is back in custody, written off (auction it again with product auction)`,
      );
    }
    await printAuction(rt, a.auctionId);
    await printLosses(rt, p);
    await printProduct(rt, p);
    return { hash: tx.hash, sold, winner: sold ? settled.winner : undefined, proceeds: settled.proceeds };
  });
}
