import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { formatDate, parsePositiveAmount } from "../../src/units.js";
import {
  amt,
  approveCash,
  chainNow,
  dryRunThen,
  knownAuction,
  printAuction,
  printBalances,
  requireBalance,
  requireBuyer,
} from "../lib/market.js";
import { requireOption } from "../lib/print.js";
import { actingSigner } from "../lib/receivables.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  auction: string;
  amount: string;
}

export default async function bid(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    requireOption(args.amount, "--amount");
    const rt = await openRuntime(args, hre);
    const a = await knownAuction(rt, args.auction);
    const d = a.decimals;
    const amount = parsePositiveAmount(args.amount, d, "--amount");
    const { signer, address: from } = await actingSigner(rt);
    const now = await chainNow(rt);
    if (now >= a.endTime) {
      throw new InputError(
        `--auction: auction #${a.auctionId} ended at ${formatDate(a.endTime)} (chain time ${formatDate(now)}); settle it with market settle`,
      );
    }
    if (from.toLowerCase() === a.seller.toLowerCase()) {
      throw new InputError(`--from: ${rt.label(from)} is the seller of auction #${a.auctionId}`);
    }
    await requireBuyer(rt, from, a.buyerKinds);
    if (amount < a.minimumBid) {
      const why =
        a.highestBid === 0n ? "the reserve" : `the highest bid ${amt(a.highestBid, d)} plus ${amt(a.minIncrement, d)}`;
      throw new InputError(`--amount: ${amt(amount, d)} is below ${amt(a.minimumBid, d)} (${why})`);
    }
    await requireBalance(rt, from, a.currency, amount, d);
    const what = `bid ${amt(amount, d)} on auction #${a.auctionId}`;
    if (await approveCash(rt, signer, a.currency, amount, d)) return dryRunThen(rt, what);

    const c = rt.as(signer).market.contract;
    const tx = await rt.send(what, (o) => ({
      staticCall: () => c.bid.staticCall(a.auctionId, amount, o),
      estimateGas: () => c.bid.estimateGas(a.auctionId, amount, o),
      send: () => c.bid(a.auctionId, amount, o),
    }));
    if (tx === undefined) return undefined;
    await printAuction(rt, a.auctionId);
    if (a.highestBid !== 0n) {
      rt.log(
        `  ${rt.label(a.highestBidder)} was outbid: ${amt(a.highestBid, d)} is now a refund (market refund --from ...)`,
      );
    }
    await printBalances(rt, a.currency, d, [from]);
    return { hash: tx.hash };
  });
}
