import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { MarketFacade } from "../../src/areas/market.js";
import { formatTokenId } from "../../src/areas/receivables.js";
import { formatDate, parsePositiveAmount } from "../../src/units.js";
import {
  amt,
  approveCash,
  chainNow,
  dryRunThen,
  knownListing,
  marketEvents,
  printBalances,
  printHolder,
  printListing,
  quoteText,
  requireBalance,
  requireBuyer,
} from "../lib/market.js";
import { actingSigner } from "../lib/receivables.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  listing: string;
  maxPrice: string;
}

export default async function buy(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const l = await knownListing(rt, args.listing);
    const d = l.decimals;
    const now = await chainNow(rt);
    const q = MarketFacade.quoteOf(l, now, await rt.suite.market.feeBps());
    rt.log(`quote of listing #${l.listingId} (${formatTokenId(l.tokenId)}, ${l.pricing}): ${quoteText(q)}`);
    const { signer, address: from } = await actingSigner(rt);
    if (now >= l.expiry) {
      throw new InputError(
        `--listing: listing #${l.listingId} expired at ${l.expiryIso} (chain time ${formatDate(now)})`,
      );
    }
    const [, grace] = await rt.suite.receivables.contract.params();
    if (now > l.dueDate + grace) {
      throw new InputError(
        `--listing: ${formatTokenId(l.tokenId)} is overdue since ${formatDate(l.dueDate + grace)}; an overdue fragment is auctioned, not bought`,
      );
    }
    if (from.toLowerCase() === l.seller.toLowerCase()) {
      throw new InputError(`--from: ${rt.label(from)} is the seller of listing #${l.listingId}; cancel it instead`);
    }
    await requireBuyer(rt, from, l.buyerKinds);
    const maxPrice = args.maxPrice === "" ? q.price : parsePositiveAmount(args.maxPrice, d, "--max-price");
    if (q.price > maxPrice) {
      throw new InputError(`--max-price: ${amt(maxPrice, d)} is below the quote ${amt(q.price, d)}`);
    }
    await requireBalance(rt, from, l.currency, q.price, d);
    const what = `buy listing #${l.listingId} (${formatTokenId(l.tokenId)}) for at most ${amt(maxPrice, d)}`;
    if (await approveCash(rt, signer, l.currency, maxPrice, d)) return dryRunThen(rt, what);

    const c = rt.as(signer).market.contract;
    const tx = await rt.send(what, (o) => ({
      staticCall: () => c.buy.staticCall(l.listingId, maxPrice, o),
      estimateGas: () => c.buy.estimateGas(l.listingId, maxPrice, o),
      send: () => c.buy(l.listingId, maxPrice, o),
    }));
    if (tx === undefined) return undefined;
    const [bought] = await marketEvents(rt, tx.hash, "Bought");
    const price = bought.price as bigint;
    const fee = bought.fee as bigint;
    rt.log(`  paid ${amt(price, d)}: ${amt(price - fee, d)} to ${rt.label(l.seller)}, fee ${amt(fee, d)}`);
    await printHolder(rt, l.tokenId);
    await printListing(rt, l.listingId);
    await printBalances(rt, l.currency, d, [from, l.seller]);
    return { hash: tx.hash, price, fee };
  });
}
