import { emptyTask, task } from "hardhat/config";
import { ArgumentType } from "hardhat/types/arguments";

import { common } from "./lib/options.js";

function opt<N extends string>(name: N, description: string, defaultValue = "") {
  return { name, description, type: ArgumentType.STRING, defaultValue } as const;
}

const bond = opt("bond", "The bond: 0x address, address-book name, or #<n> as numbered by `bond list`");

/** SME bond tasks act as the wallet given by `--from` (a configured account). */
export const bondsTasks = [
  emptyTask(
    "bond",
    "SME bonds: approve-currency, create, bid, finalize, claim, withdraw-proceeds, fund-coupon, claim-coupon, fund-redemption, redeem, call, disburse, cancel-book, default, recovery, sweep-carry, withdraw-refund, show, list",
  ).build(),
  common(task(["bond", "create"], "The issuer (--from) creates a bond through the factory (BondFactory.createBond)"))
    .addOption(opt("name", 'ERC-20 name, e.g. "BOC 2027 SME Bond 01"'))
    .addOption(opt("symbol", "ERC-20 symbol"))
    .addOption(opt("denomination", "Face of one unit in the currency's decimals, e.g. 100.00"))
    .addOption(opt("size", "Units offered"))
    .addOption(opt("issueDate", "Issue (settlement) date, ISO; coupons accrue from it"))
    .addOption(opt("maturity", "Maturity date, ISO"))
    .addOption(opt("frequency", "Coupon frequency: annual, semi-annual, quarterly or zero", "semi-annual"))
    .addOption(opt("dayCount", "Day count: act/act-icma, act/360, act/365f or 30/360", "act/act-icma"))
    .addOption(opt("bookOpen", "Bookbuilding opens, ISO (default: now)"))
    .addOption(opt("bookClose", "Bookbuilding closes (bids before it), ISO; at most the issue date"))
    .addOption(opt("yieldMin", "Lowest bid yield, e.g. 2.80%"))
    .addOption(opt("yieldMax", "Highest bid yield, e.g. 3.60%"))
    .addOption(opt("tick", "Yield step, e.g. 5bps or 0.05%; divides max - min"))
    .addOption(opt("minTicket", "Fewest units per bid", "1"))
    .addOption(opt("maxTicket", "Most units per bid (default the size)"))
    .addOption(opt("investorKinds", "Registry kinds that may bid, e.g. INVESTOR,BANK", "INVESTOR,BANK"))
    .addOption(opt("graceDays", "Days after a payment date before default may be declared", "10"))
    .addOption(opt("firstCallDate", "First call date, ISO (omit for a non-callable bond)"))
    .addOption(opt("callNoticeDays", "Days of notice before a call date", "30"))
    .addOption(opt("callPrice", "Call price, percent of face, e.g. 100.50%", "100%"))
    .addOption(opt("lead", "Lead underwriter (name or address), may also finalize or cancel the book"))
    .addOption(opt("currency", "Approved currency (name or address; default the settlement cash)"))
    .addOption(opt("useOfProceeds", "Use-of-proceeds tag (<= 31 bytes)", "SME_LENDING"))
    .addOption(opt("termSheetUri", "Where the term sheet is published"))
    .addOption(opt("termSheetHash", "keccak256 of the term sheet, 0x + 64 hex (default zero)"))
    .setAction(() => import("./actions/bond-create.js"))
    .build(),
  common(
    task(
      ["bond", "approve-currency"],
      "The asset admin approves (or, with --revoke, withdraws) a bond currency (BondFactory.setCurrencyApproved)",
    ),
  )
    .addOption(opt("currency", "Currency (name or address; default the settlement cash)"))
    .addFlag({ name: "revoke", description: "Withdraw the approval instead" })
    .setAction(() => import("./actions/bond-approve-currency.js"))
    .build(),
  common(
    task(
      ["bond", "bid"],
      "An investor bids units at a yield; the escrow (units x denomination) is approved first if needed",
    ),
  )
    .addOption(bond)
    .addOption(opt("units", "Units to bid"))
    .addOption(opt("yield", "Bid yield on a tick of the book, e.g. 3.20%"))
    .setAction(() => import("./actions/bond-bid.js"))
    .build(),
  common(
    task(["bond", "finalize"], "The issuer or lead closes the book at a size; the clearing yield becomes the coupon"),
  )
    .addOption(bond)
    .addOption(opt("size", "Units to issue (default the offered size)"))
    .setAction(() => import("./actions/bond-finalize.js"))
    .build(),
  common(
    task(
      ["bond", "claim"],
      "Deliver allocations (claimAllocation): bonds and the refund go to each bidder; default every unsettled bid of --from",
    ),
  )
    .addOption(bond)
    .addOption(opt("bid", "Bid ids separated by commas (anyone may deliver any bid)"))
    .setAction(() => import("./actions/bond-claim.js"))
    .build(),
  common(task(["bond", "withdraw-proceeds"], "The issuer withdraws proceeds of the delivered allocations"))
    .addOption(bond)
    .addOption(opt("amount", "Amount in the currency's decimals (default everything available)"))
    .setAction(() => import("./actions/bond-withdraw-proceeds.js"))
    .build(),
  common(
    task(
      ["bond", "fund-coupon"],
      "The issuer or paying agent funds a coupon with its exact amount, approving first if needed (fundCoupon)",
    ),
  )
    .addOption(bond)
    .addOption(opt("index", "Coupon number, 1-based (default the next unfunded)"))
    .setAction(() => import("./actions/bond-fund-coupon.js"))
    .build(),
  common(
    task(
      ["bond", "claim-coupon"],
      "A holder claims its coupons and recovery payments (claimCoupons); after a default this is how holders collect recovery",
    ),
  )
    .addOption(bond)
    .setAction(() => import("./actions/bond-claim-coupon.js"))
    .build(),
  common(
    task(
      ["bond", "fund-redemption"],
      "Fund the principal (or call price + accrued) from the redemption date, approving first (fundRedemption)",
    ),
  )
    .addOption(bond)
    .setAction(() => import("./actions/bond-fund-redemption.js"))
    .build(),
  common(task(["bond", "redeem"], "A holder burns its units against the funded redemption plus unclaimed coupons"))
    .addOption(bond)
    .setAction(() => import("./actions/bond-redeem.js"))
    .build(),
  common(task(["bond", "call"], "The issuer calls the bond for a date (noticeCall)"))
    .addOption(bond)
    .addOption(
      opt("date", "Call date, ISO: on or after the first call date, the notice period from now, before maturity"),
    )
    .setAction(() => import("./actions/bond-call.js"))
    .build(),
  common(
    task(
      ["bond", "disburse"],
      "The issuer records a loan of the proceeds to an SME (recordDisbursement; records use of proceeds, moves no cash)",
    ),
  )
    .addOption(bond)
    .addOption(opt("borrower", "The SME borrower (name or address)"))
    .addOption(opt("amount", "Loan amount in the currency's decimals"))
    .addOption(opt("loanRef", "Loan contract hash (0x + 64 hex) or reference text (<= 31 bytes)"))
    .setAction(() => import("./actions/bond-disburse.js"))
    .build(),
  common(
    task(
      ["bond", "cancel-book"],
      "The issuer or lead cancels the book before finalisation (anyone after the issue date); bond claim refunds the bids",
    ),
  )
    .addOption(bond)
    .setAction(() => import("./actions/bond-cancel-book.js"))
    .build(),
  common(
    task(
      ["bond", "default"],
      "Anyone declares a default once a coupon or the redemption is unfunded past its date + grace (declareDefault)",
    ),
  )
    .addOption(bond)
    .setAction(() => import("./actions/bond-default.js"))
    .build(),
  common(
    task(
      ["bond", "recovery"],
      "Anyone pays a recovery amount to the holders of a defaulted bond pro rata, approving first (payRecovery); holders collect it with bond claim-coupon",
    ),
  )
    .addOption(bond)
    .addOption(opt("amount", "Recovery amount in the currency's decimals, e.g. 25,000.00"))
    .setAction(() => import("./actions/bond-recovery.js"))
    .build(),
  common(
    task(["bond", "sweep-carry"], "The issuer takes back the carry: rounding dust and recovery remainder (sweepCarry)"),
  )
    .addOption(bond)
    .setAction(() => import("./actions/bond-sweep-carry.js"))
    .build(),
  common(
    task(
      ["bond", "withdraw-refund"],
      "The caller (--from) withdraws the credits the bond booked to it (withdrawRefund)",
    ),
  )
    .addOption(bond)
    .setAction(() => import("./actions/bond-withdraw-refund.js"))
    .build(),
  common(task(["bond", "show"], "A bond: terms, state, book and bids, clearing, coupon schedule, proceeds, holders"))
    .addOption(bond)
    .setAction(() => import("./actions/bond-show.js"))
    .build(),
  common(task(["bond", "list"], "Every bond of the factory: state, issuer, size, dates, coupon"))
    .setAction(() => import("./actions/bond-list.js"))
    .build(),
];
