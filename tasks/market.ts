import { emptyTask, task } from "hardhat/config";
import { ArgumentType } from "hardhat/types/arguments";

import { common } from "./lib/options.js";

function opt<N extends string>(name: N, description: string) {
  return { name, description, type: ArgumentType.STRING, defaultValue: "" } as const;
}

const fragment = opt("fragment", "Fragment: <root>/<index> (as printed by receivable show), or the 0x token id");
const listing = opt("listing", "Listing id (as printed by market list / market show)");
const offer = opt("offer", "Offer id (as printed by market offer / market show)");
const auction = opt("auction", "Auction id (as printed by market auction / market show)");
const buyerKinds = opt("buyerKinds", "Kinds allowed to buy or bid, comma-separated (default FACTOR,BANK)");

/**
 * Factoring market tasks. They act as the wallet given by `--from` (a configured account) and
 * approve the market for cash or fragments first when a call needs it.
 */
export const marketTasks = [
  emptyTask(
    "market",
    "Factoring market: list, buy, offer, accept, cancel, auction, bid, settle, refund, recourse, collateral, show",
  ).build(),
  common(task(["market", "list"], "List a fragment (whole or a part) at a fixed price or a discount rate"))
    .addOption(fragment)
    .addOption(opt("value", "Part of the fragment to list (default: the whole fragment)"))
    .addOption(opt("price", "Fixed price in the currency's decimals"))
    .addOption(opt("rate", 'Annual discount rate instead of a price, e.g. "4.35%" or "435bps"'))
    .addOption(opt("basis", "Day-count basis of the rate: Act360 (default) or Act365F"))
    .addOption(opt("expiry", "Listing expiry, ISO date or date-time (e.g. 2027-01-15)"))
    .addFlag({ name: "recourse", description: "Sell with recourse: the seller buys back if the debtor defaults" })
    .addOption(opt("collateral", "Recourse collateral posted now (recourse only)"))
    .addOption(buyerKinds)
    .setAction(() => import("./actions/market-list.js"))
    .build(),
  common(task(["market", "buy"], "Buy a listing at most at --max-price (prints the quote first)"))
    .addOption(listing)
    .addOption(opt("maxPrice", "Most you pay (default: the quote now)"))
    .setAction(() => import("./actions/market-buy.js"))
    .build(),
  common(task(["market", "offer"], "A factor or bank offers an escrowed amount for a fragment"))
    .addOption(fragment)
    .addOption(opt("amount", "Amount offered (escrowed now) in the currency's decimals"))
    .addOption(opt("expiry", "Offer expiry, ISO date or date-time"))
    .setAction(() => import("./actions/market-offer.js"))
    .build(),
  common(task(["market", "accept"], "The fragment's holder accepts an offer"))
    .addOption(offer)
    .setAction(() => import("./actions/market-accept.js"))
    .build(),
  common(task(["market", "cancel"], "Cancel a listing (seller, or anyone once expired) or your offer"))
    .addOption(listing)
    .addOption(offer)
    .setAction(() => import("./actions/market-cancel.js"))
    .build(),
  common(task(["market", "auction"], "Create an English auction of a fragment (confirmed, overdue or defaulted)"))
    .addOption(fragment)
    .addOption(opt("reserve", "Lowest first bid"))
    .addOption(opt("minIncrement", "Least step over the highest bid, positive (default one base unit, 0.01)"))
    .addOption(opt("end", 'End: ISO date-time, or a duration from now like "3d", "12h", "1d12h" (at most 90 days)'))
    .addOption(buyerKinds)
    .setAction(() => import("./actions/market-auction.js"))
    .build(),
  common(task(["market", "bid"], "Bid on an auction (escrowed; an outbid bid becomes a refund)"))
    .addOption(auction)
    .addOption(opt("amount", "Bid in the currency's decimals"))
    .setAction(() => import("./actions/market-bid.js"))
    .build(),
  common(task(["market", "settle"], "Settle an ended auction (anyone)"))
    .addOption(auction)
    .setAction(() => import("./actions/market-settle.js"))
    .build(),
  common(task(["market", "recourse"], "The recourse buyer exercises recourse on a defaulted receivable"))
    .addOption(listing)
    .setAction(() => import("./actions/market-recourse.js"))
    .build(),
  common(task(["market", "collateral"], "A guarantor (or the seller) posts recourse collateral on a recourse listing"))
    .addOption(listing)
    .addOption(opt("amount", "Collateral in the currency's decimals"))
    .setAction(() => import("./actions/market-collateral.js"))
    .build(),
  common(task(["market", "recourse-settle"], "Pay (part of) a seller's recourse debt to the buyer (anyone)"))
    .addOption(listing)
    .addOption(opt("amount", "Amount to pay (default: the whole debt)"))
    .setAction(() => import("./actions/market-recourse-settle.js"))
    .build(),
  common(task(["market", "release-collateral"], "Return unused recourse collateral once the receivable is settled"))
    .addOption(listing)
    .setAction(() => import("./actions/market-release-collateral.js"))
    .build(),
  common(task(["market", "refund"], "Withdraw your refunds (outbid bids)"))
    .addOption(opt("currency", "Currency (name or address; default the settlement cash)"))
    .setAction(() => import("./actions/market-refund.js"))
    .build(),
  common(task(["market", "show"], "A listing, offer or auction by id; without one, the market's open book"))
    .addOption(listing)
    .addOption(offer)
    .addOption(auction)
    .setAction(() => import("./actions/market-show.js"))
    .build(),
];
