import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { formatTokenId } from "../../src/areas/receivables.js";
import { formatDate } from "../../src/units.js";
import { amt, chainNow, knownAuction, marketEvents, printAuction, printBalances, printHolder } from "../lib/market.js";
import { actingSigner } from "../lib/receivables.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  auction: string;
}

export default async function settle(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const a = await knownAuction(rt, args.auction);
    const d = a.decimals;
    const { signer } = await actingSigner(rt);
    const now = await chainNow(rt);
    if (now < a.endTime) {
      throw new InputError(
        `--auction: auction #${a.auctionId} ends at ${formatDate(a.endTime)} (chain time ${formatDate(now)}); settle after that`,
      );
    }
    const c = rt.as(signer).market.contract;
    const tx = await rt.send(`settle auction #${a.auctionId} (${formatTokenId(a.tokenId)})`, (o) => ({
      staticCall: () => c.settleAuction.staticCall(a.auctionId, o),
      estimateGas: () => c.settleAuction.estimateGas(a.auctionId, o),
      send: () => c.settleAuction(a.auctionId, o),
    }));
    if (tx === undefined) return undefined;
    const [settled] = await marketEvents(rt, tx.hash, "AuctionSettled");
    const [failed] = await marketEvents(rt, tx.hash, "AuctionDeliveryFailed");
    if (failed !== undefined) {
      rt.log(
        `  delivery failed: winner ${rt.label(failed.winner as string)} is no longer eligible; its ${amt(failed.refunded as bigint, d)} is a refund and the fragment returned to the seller`,
      );
    } else if (settled.winner === "0x0000000000000000000000000000000000000000") {
      rt.log("  no bid: the fragment returned to the seller");
    } else {
      const price = settled.price as bigint;
      const fee = settled.fee as bigint;
      rt.log(
        `  sold to ${rt.label(settled.winner as string)} for ${amt(price, d)}: ${amt(price - fee, d)} to ${rt.label(a.seller)}, fee ${amt(fee, d)}`,
      );
    }
    await printAuction(rt, a.auctionId);
    await printHolder(rt, a.tokenId);
    await printBalances(rt, a.currency, d, [a.seller]);
    return { hash: tx.hash, winner: (failed === undefined ? settled?.winner : undefined) as string | undefined };
  });
}
