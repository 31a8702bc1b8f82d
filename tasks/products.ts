import { emptyTask, task } from "hardhat/config";
import { ArgumentType } from "hardhat/types/arguments";

import { common } from "./lib/options.js";

function opt<N extends string>(name: N, description: string, defaultValue = "") {
  return { name, description, type: ArgumentType.STRING, defaultValue } as const;
}

const product = opt("product", "Product: 0x address, address-book name, or #<n> (creation order, see product ls)");
const fragment = opt("fragment", "Basket fragment: <root>/<index> (as product show prints it), or the 0x token id");

/**
 * Revenue-sharing product tasks. Acts that need a participant kind (create: FACTOR; approve, rate
 * and list: the registration agent, rating agency and exchange bound to the product at creation;
 * subscribe: one of the listing's investor kinds) run as `--from`; the originator accepts the
 * listing terms and may cancel before listing; close and collect may be run by anyone (`--from`,
 * else the first account). Defaults (default, write-off, auction) are the originator's (`--from`);
 * settle-auction, wind-down, sweep-dust and return-basket may be run by anyone; proceeds are paid by
 * `--from`; withdraw pays `--from` what the product credited to it.
 */
export const productsTasks = [
  emptyTask(
    "product",
    "Revenue-sharing products: create, approve, rate, list, accept-listing, cancel, subscribe, close, collect, claim, withdraw, show, ls; defaults: default, write-off, auction, settle-auction, proceeds, wind-down, sweep-dust, return-basket",
  ).build(),
  common(task(["product", "create"], "A factor pools fragments it holds into a product (approves the factory first)"))
    .addOption(opt("fragments", 'Basket fragments <root>/<index>, separated by spaces, e.g. "0x…/0 0x…/0"'))
    .addOption(opt("seniorShare", "Share of the offering in the senior tranche, e.g. 80% (100% = single tranche)"))
    .addOption(opt("seniorRate", "Senior target annual yield (actual/365), e.g. 3.2%"))
    .addOption(opt("servicingFee", "Servicing fee off every collection, to the originator, e.g. 0.5%", "0%"))
    .addOption(opt("exchange", "The exchange bound to the product (lists it, takes the exchange fee): name or 0x"))
    .addOption(opt("ratingAgency", "The rating agency bound to the product: name or 0x address"))
    .addOption(opt("registrar", "The registration agent bound to the product (approves it): name or 0x address"))
    .setAction(() => import("./actions/product-create.js"))
    .build(),
  common(task(["product", "approve"], "A registration agent approves the product's register"))
    .addOption(product)
    .setAction(() => import("./actions/product-approve.js"))
    .build(),
  common(task(["product", "rate"], "A rating agency rates (or re-rates) the product"))
    .addOption(product)
    .addOption(opt("grade", "Grade label, e.g. AA (at most 8 characters)"))
    .addOption(opt("notch", "Notch, 1 = best; default the grade's place on AAA, AA+, AA, AA-, A+ ... D"))
    .addOption(opt("expiry", "Rating expiry, ISO date (e.g. 2027-12-31)"))
    .addOption(opt("reportUri", "Where the rating report lives"))
    .addOption(opt("reportHash", "Report hash (0x + 64 hex), or a reference text that is hashed"))
    .setAction(() => import("./actions/product-rate.js"))
    .build(),
  common(
    task(
      ["product", "list"],
      "The bound exchange proposes the listing terms (window and terms) of the approved, rated product",
    ),
  )
    .addOption(product)
    .addOption(opt("opens", "Window opening, ISO date or date-time (not before the chain's time)"))
    .addOption(opt("closes", "Window closing, ISO date or date-time"))
    .addOption(opt("price", "Price per share, e.g. 100.00"))
    .addOption(opt("minRaise", "Minimum raise for the offering to succeed"))
    .addOption(opt("cap", "Maximum raise (a multiple of the price); share supplies derive from it"))
    .addOption(opt("minTicket", "Minimum ticket per investor and tranche (default one share)"))
    .addOption(opt("maxTicket", "Maximum ticket per investor and tranche (default the cap)"))
    .addOption(opt("investorKinds", "Kinds an investor must have one of, e.g. INVESTOR,BANK", "INVESTOR"))
    .addOption(opt("exchangeFee", "Exchange fee off the raise and every collection, e.g. 1%", "0%"))
    .setAction(() => import("./actions/product-list.js"))
    .build(),
  common(
    task(["product", "accept-listing"], "The originator accepts the proposed listing terms: the product is listed"),
  )
    .addOption(product)
    .addOption(opt("termsHash", "Hash of the proposed terms it agrees to (product list and product show print it)"))
    .setAction(() => import("./actions/product-accept-listing.js"))
    .build(),
  common(task(["product", "cancel"], "The originator cancels the product before listing and takes its basket back"))
    .addOption(product)
    .setAction(() => import("./actions/product-cancel.js"))
    .build(),
  common(task(["product", "return-basket"], "Return fragments a failed product could not return before (anyone)"))
    .addOption(product)
    .setAction(() => import("./actions/product-return-basket.js"))
    .build(),
  common(task(["product", "withdraw"], "Withdraw what the product credited to --from (proceeds, fees, refunds)"))
    .addOption(product)
    .setAction(() => import("./actions/product-withdraw.js"))
    .build(),
  common(task(["product", "sweep-dust"], "Pay the dust a wound-down product holds to the treasury (anyone)"))
    .addOption(product)
    .setAction(() => import("./actions/product-sweep-dust.js"))
    .build(),
  common(task(["product", "subscribe"], "An investor subscribes shares of a tranche (approves the cash first)"))
    .addOption(product)
    .addOption(opt("tranche", "senior or junior", "senior"))
    .addOption(opt("shares", "Number of shares"))
    .setAction(() => import("./actions/product-subscribe.js"))
    .build(),
  common(task(["product", "close"], "Close the offering after its window (anyone)"))
    .addOption(product)
    .setAction(() => import("./actions/product-close.js"))
    .build(),
  common(task(["product", "collect"], "Collect the basket's repayments page by page and run the waterfall (anyone)"))
    .addOption(product)
    .addOption(opt("pageSize", "Fragments per collect transaction", "10"))
    .setAction(() => import("./actions/product-collect.js"))
    .build(),
  common(
    task(
      ["product", "claim"],
      "Take allocated shares (and refunds) after the close, and claim distributions from the tranche tokens",
    ),
  )
    .addOption(product)
    .addOption(opt("investor", "Deliver this investor's shares (default --from; distributions only for --from)"))
    .addOption(opt("tranche", "senior or junior (default both)"))
    .setAction(() => import("./actions/product-claim.js"))
    .build(),
  common(task(["product", "default"], "The originator declares default on a basket fragment past its default date"))
    .addOption(product)
    .addOption(fragment)
    .setAction(() => import("./actions/product-default.js"))
    .build(),
  common(task(["product", "write-off"], "The originator writes off a defaulted fragment kept in custody"))
    .addOption(product)
    .addOption(fragment)
    .setAction(() => import("./actions/product-write-off.js"))
    .build(),
  common(task(["product", "auction"], "The originator auctions a defaulted fragment at the factoring market"))
    .addOption(product)
    .addOption(fragment)
    .addOption(opt("reserve", "Lowest first bid (at most the fragment's value), e.g. 100,000.00"))
    .addOption(opt("minIncrement", "Least step over the highest bid, positive (default one base unit, 0.01)"))
    .addOption(opt("end", 'Auction end: ISO date-time, or a duration from now like "7d" or "12h30m" (at most 90 days)'))
    .addOption(opt("buyerKinds", "Kinds allowed to bid, comma-separated (default FACTOR,BANK)"))
    .setAction(() => import("./actions/product-auction.js"))
    .build(),
  common(
    task(
      ["product", "settle-auction"],
      "After the end, settle a defaulted fragment's auction: net proceeds into the waterfall, or back in custody (anyone)",
    ),
  )
    .addOption(product)
    .addOption(fragment)
    .setAction(() => import("./actions/product-settle-auction.js"))
    .build(),
  common(
    task(
      ["product", "proceeds"],
      "Pay further proceeds of a fragment disposed of by auction into the waterfall (approves the cash first)",
    ),
  )
    .addOption(product)
    .addOption(fragment)
    .addOption(opt("amount", "Proceeds, e.g. 150,000.00"))
    .setAction(() => import("./actions/product-proceeds.js"))
    .build(),
  common(task(["product", "wind-down"], "Close a product whose basket is resolved; dust to the treasury (anyone)"))
    .addOption(product)
    .setAction(() => import("./actions/product-wind-down.js"))
    .build(),
  common(
    task(["product", "show"], "A product: phase, terms, rating, listing, tranches, waterfall, basket, distributions"),
  )
    .addOption(product)
    .addOption(opt("investor", "Also show this investor's position"))
    .setAction(() => import("./actions/product-show.js"))
    .build(),
  common(task(["product", "ls"], "Every product of the deployment"))
    .setAction(() => import("./actions/product-ls.js"))
    .build(),
];
