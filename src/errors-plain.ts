import { decodeBytes32String } from "ethers";

import { Ineligibility, kindNames } from "./kinds.js";
import { roleName } from "./roles.js";
import { CASH_DECIMALS, formatAmount, formatBps } from "./units.js";

/**
 * Plain-words templates for the suite's custom errors, by area. `a` holds the decoded arguments by
 * parameter name; `s` names an address (address book) or prints any other value.
 */
export type PlainTemplate = (a: Record<string, unknown>, s: (v: unknown) => string) => string;

// ---- value helpers ----------------------------------------------------------------------------

/** Cash base units -> "1,234.56". */
export const cash = (v: unknown) => formatAmount(BigInt(v as bigint), CASH_DECIMALS, { group: true });
/** Unix seconds -> "2026-01-31T00:00:00Z". */
export const time = (v: unknown) => new Date(Number(v) * 1000).toISOString().replace(".000Z", "Z");
/** A root receivable id -> its 28-byte hex form. */
export const rid = (v: unknown) =>
  "0x" +
  BigInt(v as bigint)
    .toString(16)
    .padStart(56, "0");
/** A fragment token id -> "<root>/<index>". */
export const tid = (v: unknown) => `${rid(BigInt(v as bigint) >> 32n)}/${BigInt(v as bigint) & 0xffffffffn}`;
/** A role id -> "role NAME (id)". */
export const role = (v: unknown) => {
  const n = roleName(BigInt(v as bigint));
  return n === undefined ? `role ${String(v)}` : `role ${n} (${String(v)})`;
};
/** Basis points -> "4.35% (435 bps)". */
export const bps = (v: unknown) => `${formatBps(BigInt(v as bigint))} (${String(v)} bps)`;
/** Registry kind bits -> "FACTOR or BANK". */
export const kinds = (v: unknown) => {
  const names = kindNames(BigInt(v as bigint));
  return names.length === 0 ? "no kind" : names.join(" or ");
};
/** Seconds -> "90 days" / "2 hours" / "45 seconds". */
export const duration = (v: unknown) => {
  const n = BigInt(v as bigint);
  const unit = (k: bigint, word: string) => `${n / k} ${word}${n / k === 1n ? "" : "s"}`;
  if (n !== 0n && n % 86_400n === 0n) return unit(86_400n, "day");
  if (n !== 0n && n % 3_600n === 0n) return unit(3_600n, "hour");
  return unit(1n, "second");
};
/** Bond units -> "400 units". */
const units = (v: unknown) => `${String(v)} unit${BigInt(v as bigint) === 1n ? "" : "s"}`;
/** An enum value -> its name (the number when out of range). */
export const enumName = (names: readonly string[], v: unknown) => names[Number(v)] ?? `#${String(v)}`;
const bytes32Text = (v: unknown) => {
  try {
    return `"${decodeBytes32String(String(v))}"`;
  } catch {
    return String(v);
  }
};
const reason = (v: unknown) => enumName(Ineligibility, v);

// ---- enums (declaration order of the interfaces) ----------------------------------------------

/** IReceivableToken.Status (a root receivable). */
export const RECEIVABLE_STATUS = ["None", "Pending", "Confirmed", "Rejected", "Cancelled", "Defaulted", "Settled"];
/** IReceivableToken.State (a fragment's lifecycle state). */
export const RECEIVABLE_STATE = [
  "None",
  "Pending",
  "Confirmed",
  "PartiallyPaid",
  "Overdue",
  "Defaulted",
  "Settled",
  "Rejected",
  "Cancelled",
];
/** IFactoringMarket.ListingStatus. */
export const LISTING_STATUS = ["None", "Open"];
/** IFactoringMarket.RecourseStatus. */
export const RECOURSE_STATUS = ["None", "Listed", "Sold", "Exercised"];
/** IBond.State. */
export const BOND_STATE = ["Book", "Cancelled", "Live", "Redeeming", "Defaulted"];
/** IRevenueProduct.Phase. */
export const PRODUCT_PHASE = ["None", "Originated", "Approved", "Listed", "Active", "Failed", "Closed"];
/** IRevenueProduct.Custody. */
export const PRODUCT_CUSTODY = ["None", "Held", "Released", "WrittenOff", "Returned", "Auctioned"];

// ---- templates by area ------------------------------------------------------------------------

/** OpenZeppelin and Solady errors the suite's contracts can raise (beyond those in errors.ts). */
export const LIBRARY_PLAIN: Record<string, PlainTemplate> = {
  AccessManagedInvalidAuthority: (a, s) => `${s(a.authority)} is not a valid access manager`,
  AccessManagedRequiredDelay: (a, s) =>
    `${s(a.caller)} must schedule this call through the access manager (delay ${duration(a.delay)})`,
  AccessManagerAlreadyScheduled: (a) => `operation ${String(a.operationId)} is already scheduled`,
  AccessManagerBadConfirmation: () => "the confirmation does not match the caller",
  AccessManagerExpired: (a) => `operation ${String(a.operationId)} has expired`,
  AccessManagerInvalidInitialAdmin: (a, s) => `${s(a.initialAdmin)} cannot be the initial admin`,
  AccessManagerLockedFunction: (a) => `function ${String(a.selector)} is locked`,
  AccessManagerUnauthorizedCancel: (a, s) =>
    `${s(a.msgsender)} may not cancel ${s(a.caller)}'s call of ${String(a.selector)} on ${s(a.target)}`,
  AccessManagerUnauthorizedConsume: (a, s) => `${s(a.target)} may not consume a scheduled operation`,
  AddressEmptyCode: (a, s) => `${s(a.target)} has no contract code`,
  FailedCall: () => "a low-level call failed",
  FailedDeployment: () => "deploying a contract clone failed",
  InsufficientBalance: (a) => `the contract holds ${String(a.balance)} wei but ${String(a.needed)} wei is needed`,
  ReentrancyGuardReentrantCall: () => "a reentrant call was blocked",
  SafeERC20FailedOperation: (a, s) => `a transfer of ${s(a.token)} failed`,
  ERC20InvalidApprover: (a, s) => `${s(a.approver)} cannot approve spending`,
  ERC20InvalidSpender: (a, s) => `${s(a.spender)} cannot be approved as a spender`,
  ERC2612ExpiredSignature: (a) => `the permit signature expired at ${time(a.deadline)}`,
  ERC2612InvalidSigner: (a, s) => `the permit is signed by ${s(a.signer)}, not by the owner ${s(a.owner)}`,
  InvalidAccountNonce: (a, s) => `wrong nonce for ${s(a.account)}: the current nonce is ${String(a.currentNonce)}`,
  ECDSAInvalidSignature: () => "the signature is invalid",
  ECDSAInvalidSignatureLength: (a) => `the signature is ${String(a.length)} bytes long, not 65`,
  ECDSAInvalidSignatureS: (a) => `the signature's s value ${String(a.s)} is out of range`,
  InvalidShortString: () => "the string is not a valid short string",
  StringTooLong: (a) => `"${String(a.str)}" is longer than 31 bytes`,
  StringsInsufficientHexLength: (a) => `${String(a.value)} does not fit in ${String(a.length)} hex bytes`,
  SafeCastOverflowedIntDowncast: (a) => `${String(a.value)} does not fit in int${String(a.bits)}`,
  SafeCastOverflowedUintDowncast: (a) => `${String(a.value)} does not fit in uint${String(a.bits)}`,
  SafeCastOverflowedUintToInt: (a) => `${String(a.value)} does not fit in int256`,
  AccountBalanceOverflow: () => "the holder's token count would overflow",
  BalanceQueryForZeroAddress: () => "the zero address holds no tokens",
  NotOwnerNorApproved: () => "the caller neither owns the token nor is approved for it",
  TokenAlreadyExists: () => "the token already exists",
  TokenDoesNotExist: () => "the token does not exist",
  TransferFromIncorrectOwner: () => "the sender does not own the token",
  TransferToNonERC721ReceiverImplementer: () => "the recipient contract does not accept ERC-721 tokens",
  TransferToZeroAddress: () => "tokens cannot be sent to the zero address",
  DayCountInvertedRange: (a) => `the range ends at ${time(a.end)}, before it starts at ${time(a.start)}`,
  DayCountInvalidPeriod: (a) =>
    `ACT/ACT ICMA needs a coupon frequency of 1, 2, 4 or 12 and a non-empty period; got frequency ${String(a.frequency)} for ${time(a.periodStart)} to ${time(a.periodEnd)}`,
};

/** IReceivableToken errors without a template in errors.ts. */
export const RECEIVABLE_PLAIN: Record<string, PlainTemplate> = {
  ReceivableAmountTooLarge: (a) => `${cash(a.amount)} is too large for a receivable`,
  ReceivableBadSplitCount: (a) => `a fragment splits into 2 to 16 parts, not ${String(a.count)}`,
  ReceivableTooManyPayments: (a) =>
    `receivable ${rid(a.rootId)} has one payment left: it must pay the whole outstanding amount and settle the receivable`,
  ReceivableFeeOnTransfer: (a, s) =>
    `${s(a.currency)} delivered ${cash(a.received)} instead of ${cash(a.expected)} (fee-on-transfer currencies are not supported)`,
  ReceivableClaimDeferred: (a) =>
    `fragment ${tid(a.tokenId)} is owed ${cash(a.owed)} but only ${cash(a.available)} is available to pay it now`,
  ReceivableUnknownAttestation: (a) => `receivable ${rid(a.rootId)} has no attestation #${String(a.index)}`,
  ReceivableNotAttestationAuthor: (a, s) =>
    `${s(a.caller)} did not write attestation #${String(a.index)} of receivable ${rid(a.rootId)}`,
  ReceivableAttestationRevoked: (a) =>
    `attestation #${String(a.index)} of receivable ${rid(a.rootId)} is already revoked`,
  ReceivableEmptyDocumentName: () => "a document needs a name",
  ReceivableUnknownDocument: (a) => `receivable ${rid(a.rootId)} has no document named ${bytes32Text(a.name)}`,
  ReceivableDocumentRemoved: (a) =>
    `document ${bytes32Text(a.name)} of receivable ${rid(a.rootId)} is already marked removed (set it again to restore it)`,
  ReceivableMigrationOpen: () =>
    "this receivable token is a successor whose migration is still open: it is unpaused only once the migration is closed",
  // IReceivableImporter: a successor receivable token taking over a retired one.
  ReceivableMigrationPredecessorLive: (a, s) =>
    `the predecessor ${s(a.predecessor)} is still live: pause it and close its target in the AccessManager first`,
  ReceivableMigrationRootUnknown: (a) => `receivable ${rid(a.rootId)} was never issued on the predecessor`,
  ReceivableMigrationRootAlreadyImported: (a) => `receivable ${rid(a.rootId)} is already imported`,
  ReceivableMigrationRootNotImported: (a) =>
    `receivable ${rid(a.rootId)} is not imported yet: import its record (importRoots) before its entries`,
  ReceivableMigrationZeroBatch: () => "a batch must copy at least one entry",
  ReceivableMigrationCustodian: (a, s) =>
    `fragment ${tid(a.tokenId)} is held by the custody module ${s(a.custodian)}, which has no successor: set one first`,
  ReceivableMigrationBadSuccessor: (a, s) =>
    `${s(a.custodian)} -> ${s(a.successor)}: both must be custody modules of the suite`,
  ReceivableMigrationUnfinished: (a) =>
    `${String(a.unfinishedRoots)} imported receivable(s) still have fragments or payments to copy`,
  ReceivableMigrationRootCount: (a) =>
    `${String(a.imported)} receivable(s) imported, but the reconciliation expects ${String(a.expected)}`,
  ReceivableMigrationUnfunded: (a, s) =>
    `the successor holds ${cash(a.balance)} of ${s(a.currency)} but the imported receivables owe their holders ${cash(a.owed)}`,
  ReceivableMigrationIsClosed: () => "the migration is closed: nothing more can be imported",
  ReceivableMigrationNotDelegated: () =>
    "the importer runs only through its successor token: call the successor's address",
};

/** IFactoringMarket errors. */
export const MARKET_PLAIN: Record<string, PlainTemplate> = {
  MarketZeroPrice: () => "the price must be greater than zero",
  MarketRateTooHigh: (a) => `the discount rate ${bps(a.rateBps)} is above the maximum ${bps(a.maxBps)}`,
  MarketExpiryInPast: (a) => `the expiry ${time(a.expiry)} is not after the chain's time ${time(a.nowTs)}`,
  MarketFragmentNotTradable: (a) =>
    `fragment ${tid(a.tokenId)} is ${enumName(RECEIVABLE_STATE, a.state)} and cannot be traded here`,
  MarketFragmentFrozen: (a) => `fragment ${tid(a.tokenId)} is frozen by the regulator`,
  MarketFragmentListed: (a) => `fragment ${tid(a.tokenId)} is already in the market's custody`,
  MarketNotHolder: (a, s) => `${s(a.caller)} does not hold fragment ${tid(a.tokenId)}`,
  MarketValueTooLarge: (a) =>
    `${cash(a.value)} is more than the ${cash(a.fragmentValue)} fragment ${tid(a.tokenId)} has (its value, or what it has left to collect)`,
  MarketCollateralWithoutRecourse: (a) => `listing #${String(a.listingId)} has no recourse, so it takes no collateral`,
  MarketUnknownListing: (a) => `listing #${String(a.listingId)} does not exist or is closed`,
  MarketListingExpired: (a) => `listing #${String(a.listingId)} expired at ${time(a.expiry)}`,
  MarketFragmentOverdue: (a) => `fragment ${tid(a.tokenId)} is overdue since ${time(a.overdueSince)}`,
  MarketNotSeller: (a, s) => `${s(a.caller)} is not the seller of listing #${String(a.listingId)}`,
  MarketPriceAboveMax: (a) =>
    `listing #${String(a.listingId)} costs ${cash(a.price)}, above the maximum of ${cash(a.maxPrice)} you accept`,
  MarketBuyerNotEligible: (a, s) => `${s(a.buyer)} is not an eligible ${kinds(a.kinds)}`,
  MarketWrongCurrency: (a, s) => `${s(a.currency)} is not the receivable's currency ${s(a.expected)}`,
  MarketUnderfunded: (a, s) =>
    `${s(a.wallet)} needs ${cash(a.amount)} but has a balance of ${cash(a.balance)} and approved the market for ${cash(a.allowance)}`,
  MarketFeeOnTransfer: (a, s) =>
    `${s(a.currency)} delivered ${cash(a.received)} instead of ${cash(a.expected)} (fee-on-transfer currencies are not supported)`,
  MarketFeeTooHigh: (a) => `the fee ${bps(a.feeBps)} is above the maximum ${bps(a.maxFeeBps)}`,
  MarketTreasuryNotSet: () => "the market has no treasury to receive fees",
  MarketZeroAddress: () => "the address is the zero address",
  MarketUnknownOffer: (a) => `offer #${String(a.offerId)} does not exist or is closed`,
  MarketOfferExpired: (a) => `offer #${String(a.offerId)} expired at ${time(a.expiry)}`,
  MarketNotOfferer: (a, s) => `${s(a.caller)} did not make offer #${String(a.offerId)}`,
  MarketRecourseNotExercisable: (a) =>
    Number(a.status) === 0
      ? `listing #${String(a.listingId)} has no recourse duty`
      : `the recourse of listing #${String(a.listingId)} is ${enumName(RECOURSE_STATUS, a.status)}: collateral is posted while it is Listed or Sold, recourse is exercised only when Sold`,
  MarketRootNotDefaulted: (a) =>
    `receivable ${rid(a.rootId)} is ${enumName(RECEIVABLE_STATUS, a.status)}, not Defaulted`,
  MarketNotRecourseBuyer: (a, s) =>
    `${s(a.caller)} is not the buyer holding the fragment of recourse listing #${String(a.listingId)}`,
  MarketCollateralProvider: (a, s) =>
    `the collateral of listing #${String(a.listingId)} is already provided by ${s(a.provider)}`,
  MarketNoCollateral: (a) => `listing #${String(a.listingId)} has no collateral to return`,
  MarketNoRecourseDebt: (a) => `listing #${String(a.listingId)} has no recourse debt outstanding`,
  MarketAmountAboveDebt: (a) =>
    `${cash(a.amount)} is more than the ${cash(a.debt)} recourse debt of listing #${String(a.listingId)}`,
  MarketZeroAmount: () => "the amount must be greater than zero",
  MarketAmountTooLarge: (a) => `${cash(a.amount)} is too large`,
  MarketUnknownAuction: (a) =>
    `auction #${String(a.auctionId)} does not exist or is no longer open (settled or unwound)`,
  MarketAuctionEnded: (a) => `auction #${String(a.auctionId)} ended at ${time(a.endTime)}`,
  MarketAuctionNotEnded: (a) => `auction #${String(a.auctionId)} runs until ${time(a.endTime)}`,
  MarketBidTooLow: (a) =>
    `${cash(a.amount)} is below the minimum bid of ${cash(a.minimum)} on auction #${String(a.auctionId)}`,
  MarketBadAuctionEnd: (a) =>
    `the end ${time(a.endTime)} must be after the chain's time ${time(a.nowTs)} and at most ${duration(a.maxDuration)} later`,
  MarketNothingToRefund: (a, s) => `${s(a.wallet)} has no refund to withdraw in ${s(a.currency)}`,
  MarketFragmentGone: (a) =>
    `fragment ${tid(a.tokenId)} has left the market's custody (a court order): the trade can only be unwound`,
  MarketOfferStale: (a) =>
    `offer #${String(a.offerId)} priced a fragment with ${cash(a.priced)} left to collect; it now has ${cash(a.remaining)} (split, value sent or claimed since): make a new offer`,
  MarketZeroIncrement: () => "the minimum bid increment must be greater than zero",
  MarketRecourseExpired: (a) => `the recourse of listing #${String(a.listingId)} expired at ${time(a.deadline)}`,
  MarketCollateralLocked: (a) =>
    `the collateral of listing #${String(a.listingId)} is locked until the receivable settles or ${time(a.deadline)} passes`,
  MarketNotParked: (a, s) => `fragment ${tid(a.tokenId)} is not parked in the market for ${s(a.caller)}`,
  MarketMigrationOpen: () =>
    "this market is a successor whose migration is still open: nothing moves, and it is unpaused only once the migration is closed",
  MarketRetired: () =>
    "this market is retired for a migration (paused and closed): its records move to the successor, act there",
  // IFactoringMarketImporter: a successor market taking over a retired one.
  MarketMigrationPredecessorLive: (a, s) =>
    `the predecessor market ${s(a.predecessor)} is still live: pause it and close its target in the AccessManager first`,
  MarketMigrationZeroBatch: () => "a batch must copy at least one id",
  MarketMigrationSettingsImported: () => "the predecessor's fee and treasury are already copied",
  MarketMigrationNoHold: (a) => `the predecessor market holds nothing for fragment ${tid(a.tokenId)}`,
  MarketMigrationHoldAlreadyImported: (a) =>
    `the custody of fragment ${tid(a.tokenId)} is already copied (or counted as a stray)`,
  MarketMigrationFragmentNotHeld: (a, s) =>
    `fragment ${tid(a.tokenId)} is held by ${s(a.owner)}, not by the successor market: move it there first`,
  MarketMigrationNotStray: (a) =>
    `fragment ${tid(a.tokenId)} is not a stray: the successor does not own it, or a trade of the predecessor holds it`,
  MarketMigrationNoRefund: (a, s) =>
    `${s(a.wallet)} has no credit in ${s(a.currency)} to copy, or it is already copied`,
  MarketMigrationSettingsMissing: () => "the predecessor's fee and treasury are not copied yet (importSettings)",
  MarketMigrationUnfinished: (a) =>
    `${["listing", "offer", "auction"][Number(a.kind)] ?? "record"} ids copied up to ${String(a.imported)}, but the predecessor issued ${String(a.issued)}`,
  MarketMigrationHoldsIncomplete: (a) =>
    `the successor holds ${String(a.held)} fragment(s) but ${String(a.accounted)} are accounted for, and the predecessor still holds ${String(a.left)}`,
  MarketMigrationRefundCount: (a) =>
    `${String(a.imported)} credit(s) copied, but the reconciliation expects ${String(a.expected)}`,
  MarketMigrationUnfunded: (a, s) =>
    `the successor holds ${cash(a.balance)} of ${s(a.currency)} but the copied records hold ${cash(a.owed)} for their owners`,
  MarketMigrationIsClosed: () => "the migration is closed: nothing more can be imported",
  MarketMigrationNotDelegated: () =>
    "the importer runs only through its successor market: call the successor's address",
  MarketExtensionDirectCall: () => "the market extension runs only through the market",
};

/** IBond and IBondFactory errors. */
export const BOND_PLAIN: Record<string, PlainTemplate> = {
  BondNotIssuer: (a, s) => `${s(a.caller)} is not the bond's issuer`,
  BondNotFactory: (a, s) => `${s(a.caller)} is not the bond's factory`,
  BondWrongState: (a) =>
    `the bond is ${enumName(BOND_STATE, a.actual)}; this needs it to be ${enumName(BOND_STATE, a.expected)}`,
  BondPaused: () => "the bond is paused by the guardian",
  BondIneligible: (a, s) => `${s(a.wallet)} is not eligible in the registry: ${reason(a.reason)}`,
  BondInvestorKindNotAllowed: (a, s) =>
    `${s(a.investor)} is none of the investor kinds the bond allows (${kinds(a.allowedKinds)})`,
  BondBookNotOpen: (a) =>
    `the book takes bids from ${time(a.open)} until ${time(a.close)}; the chain's time is ${time(a.nowTs)}`,
  BondBookStillOpen: (a) => `the book is open until ${time(a.close)}; the chain's time is ${time(a.nowTs)}`,
  BondSettlementPassed: (a) =>
    `the issue date ${time(a.issueDate)} has passed (the chain's time is ${time(a.nowTs)}); the book can only be cancelled`,
  BondYieldOutOfRange: (a) => `the yield ${bps(a.yieldBp)} is outside ${bps(a.minBp)} to ${bps(a.maxBp)}`,
  BondYieldOffTick: (a) => `the yield ${bps(a.yieldBp)} is not a multiple of the tick ${bps(a.tickBp)}`,
  BondTicketOutOfRange: (a) =>
    `${units(a.units)} is outside the ticket range of ${units(a.minTicket)} to ${units(a.maxTicket)}`,
  BondUnknownBid: (a) => `bid #${String(a.bidId)} does not exist or is no longer live`,
  BondNotBidder: (a, s) => `${s(a.caller)} did not place bid #${String(a.bidId)}`,
  BondInvalidSize: (a) => `a size of ${units(a.size)} is zero or above the offered ${units(a.maxSize)}`,
  BondUndersubscribed: (a) =>
    `demand of ${units(a.demand)} does not cover the size of ${units(a.size)}; accept a smaller size or cancel`,
  BondCouponOutOfOrder: (a) => `coupon ${String(a.index)} is out of order: coupon ${String(a.expected)} is next`,
  BondUnknownCoupon: (a) => `there is no coupon ${String(a.index)}: the bond pays ${String(a.count)}`,
  BondCouponNotDue: (a) => `coupon ${String(a.index)} can be funded from ${time(a.paymentDate)}`,
  BondWrongCouponAmount: (a) => `coupon ${String(a.index)} needs ${cash(a.expected)}, not ${cash(a.given)}`,
  BondRedemptionNotDue: (a) => `the principal can be funded from ${time(a.redemptionDate)}`,
  BondCouponOutstanding: (a) => `coupon ${String(a.index)} is due and not funded yet`,
  BondWrongRedemptionAmount: (a) => `the redemption needs ${cash(a.expected)}, not ${cash(a.given)}`,
  BondNothingToClaim: (a, s) => `${s(a.holder)} has nothing to claim or redeem`,
  BondNoMissedPayment: (a) => `no payment is past its grace period at ${time(a.nowTs)}`,
  BondNotCallable: () => "the bond's terms have no call option",
  BondAlreadyCalled: (a) => `the bond is already called for ${time(a.callDate)}`,
  BondInvalidCallDate: (a) =>
    `the call date ${time(a.callDate)} must be on or after ${time(a.earliest)} and before maturity ${time(a.maturity)}`,
  BondZeroAmount: () => "the amount must be greater than zero",
  BondProceedsExceeded: (a) => `disbursing ${cash(a.disbursed)} would exceed the ${cash(a.proceeds)} raised`,
  BondNotSme: (a, s) => `${s(a.borrower)} is not an eligible SME`,
  BondInsufficientProceeds: (a) => `${cash(a.requested)} is more than the ${cash(a.available)} of proceeds available`,
  BondFeeOnTransfer: (a, s) =>
    `${s(a.currency)} delivered ${cash(a.received)} instead of ${cash(a.expected)}: fee-on-transfer currencies are refused`,
  BondNothingToRefund: (a, s) => `${s(a.wallet)} has no credit to withdraw from the bond`,
  BondExtensionDirectCall: () => "the bond extension runs only through a bond",
  BondFactoryIssuerKindNotAllowed: (a, s) =>
    `${s(a.issuer)} may not issue a bond: the issuer must be one of ${kinds(a.allowedKinds)}`,
  BondFactorySymbolTaken: (a, s) => `the symbol ${String(a.symbol)} is already used by the bond ${s(a.bond)}`,
  BondFactoryNotIssuer: (a, s) => `${s(a.caller)} is not the issuer ${s(a.issuer)} named in the terms`,
  BondFactoryIssuerIneligible: (a, s) => `the issuer ${s(a.issuer)} is not eligible: ${reason(a.reason)}`,
  BondFactoryCurrencyNotApproved: (a, s) => `${s(a.currency)} is not an approved currency`,
  BondFactoryMaturityBeforeIssue: (a) =>
    `the maturity ${time(a.maturity)} is not after the issue date ${time(a.issueDate)}`,
  BondFactoryZeroSize: (a) =>
    `the size (${units(a.size)}) and the denomination (${cash(a.denomination)}) must both be greater than zero`,
  BondFactoryInvalidBookWindow: (a) =>
    `the book must open before it closes, and close no later than the issue date: opens ${time(a.open)}, closes ${time(a.close)}, issue date ${time(a.issueDate)}`,
  BondFactoryTickNotDividing: (a) =>
    `the yield range ${bps(a.minBp)} to ${bps(a.maxBp)} is empty or the tick ${bps(a.tickBp)} is zero or does not divide it`,
  BondFactoryTooManyTicks: (a) => `${String(a.ticks)} yield ticks are more than the maximum of ${String(a.maxTicks)}`,
  BondFactoryInvalidTickets: (a) =>
    `ticket limits must be 0 < min <= max <= size: min ${units(a.minTicket)}, max ${units(a.maxTicket)}, size ${units(a.size)}`,
  BondFactoryNoInvestorKinds: () => "the terms must allow at least one investor kind",
  BondFactoryIcmaNeedsCoupons: () => "ACT/ACT ICMA needs periodic coupons",
  BondFactoryInvalidCall: (a) =>
    `a call option needs a first call date between issue and maturity and a call price: first call ${time(a.firstCallDate)}, price ${bps(a.callPriceBp)} of par`,
  BondFactoryUnknownBond: (a, s) => `${s(a.bond)} is not a bond of this factory`,
};

/** IRevenueProduct, IProductFactory and ITrancheToken errors. */
export const PRODUCT_PLAIN: Record<string, PlainTemplate> = {
  ProductNotFactory: (a, s) => `${s(a.caller)} is not the product's factory`,
  ProductAlreadyInitialized: () => "the product is already initialised",
  ProductEmptyBasket: () => "the basket needs at least one fragment",
  ProductBasketTooLarge: (a) => `${String(a.size)} fragments are more than the maximum basket of ${String(a.max)}`,
  ProductBadTerms: (a) =>
    `the terms are invalid: senior share ${bps(a.seniorBps)}, senior rate ${bps(a.seniorRateBps)}, servicing fee ${bps(a.servicingFeeBps)}`,
  ProductForeignFragment: (a, s) => `fragment ${tid(a.tokenId)} is held by ${s(a.holder)}, not by the originator`,
  ProductPendingFragment: (a) => `fragment ${tid(a.tokenId)} is still pending the debtor's confirmation`,
  ProductOverdueFragment: (a) => `fragment ${tid(a.tokenId)} is overdue since ${time(a.overdueSince)}`,
  ProductFragmentNotConfirmed: (a) =>
    `fragment ${tid(a.tokenId)} is ${enumName(RECEIVABLE_STATE, a.state)}, not Confirmed`,
  ProductDuplicateFragment: (a) => `fragment ${tid(a.tokenId)} is in the basket twice`,
  ProductWrongCurrency: (a, s) =>
    `fragment ${tid(a.tokenId)} is paid in ${s(a.currency)}, not in the product's currency`,
  ProductWrongPhase: (a) =>
    `the product is ${enumName(PRODUCT_PHASE, a.phase)}; this needs it to be ${enumName(PRODUCT_PHASE, a.expected)}`,
  ProductNotOriginator: (a, s) => `${s(a.caller)} is not the product's originator`,
  ProductNotKind: (a, s) => `${s(a.caller)} is not an eligible ${kinds(a.kinds)}`,
  ProductNoCurrentRating: (a) =>
    `the product has no current rating: it expired at ${time(a.expiry)} (the chain's time is ${time(a.nowTs)})`,
  ProductBadRating: (a) =>
    `a rating needs a notch of at least 1 and an expiry in the future: notch ${String(a.notch)}, expiry ${time(a.expiry)}`,
  ProductBadListing: () =>
    "the listing is invalid: price and cap must be positive with the cap a multiple of the price, min raise <= cap, 0 < max ticket <= cap, min ticket <= max ticket, and at least one investor kind",
  ProductBadWindow: (a) =>
    `the subscription window ${time(a.opens)} to ${time(a.closes)} must not open before the chain's time ${time(a.nowTs)} and must close after it opens`,
  ProductFeeTooHigh: (a) => `the fee ${bps(a.feeBps)} is above the maximum ${bps(a.maxBps)}`,
  ProductOutsideWindow: (a) =>
    `subscriptions are open from ${time(a.opens)} until ${time(a.closes)}; the chain's time is ${time(a.nowTs)}`,
  ProductUnknownTranche: (a) => `there is no tranche ${String(a.tranche)} (0 = senior, 1 = junior)`,
  ProductTicketTooSmall: (a) => `${cash(a.amount)} is below the minimum ticket of ${cash(a.minTicket)}`,
  ProductTicketTooLarge: (a) => `${cash(a.amount)} is above the maximum ticket of ${cash(a.maxTicket)}`,
  ProductZeroShares: () => "the amount buys no whole share",
  ProductWindowOpen: (a) =>
    `the subscription window is open until ${time(a.closes)}; the chain's time is ${time(a.nowTs)}`,
  ProductAlreadyClosed: (a) => `the product is already ${enumName(PRODUCT_PHASE, a.phase)}`,
  ProductNothingToClaim: (a, s) => `${s(a.investor)} has nothing to claim`,
  ProductFragmentNotHeld: (a) =>
    `fragment ${tid(a.tokenId)} is ${enumName(PRODUCT_CUSTODY, a.custody)} in the product's custody, which does not allow this`,
  ProductNotDefaulted: (a) =>
    `fragment ${tid(a.tokenId)}'s receivable is ${enumName(RECEIVABLE_STATUS, a.status)}, not Defaulted`,
  ProductZeroAmount: () => "the amount must be greater than zero",
  ProductBadPage: (a) =>
    `the page ${String(a.from)} to ${String(a.to)} is empty or beyond the ${String(a.size)} entries`,
  ProductNotResolved: (a) => `fragment ${tid(a.tokenId)} is neither settled nor disposed of yet`,
  ProductCashPending: (a) => `fragment ${tid(a.tokenId)} still has ${cash(a.claimable)} to claim`,
  ProductPaused: () => "the product is paused by the guardian",
  ProductNotAuctioned: (a) => `fragment ${tid(a.tokenId)} is ${enumName(PRODUCT_CUSTODY, a.custody)}, not Auctioned`,
  ProductNotBoundParty: (a, s) =>
    `${s(a.caller)} is not the party bound to this product for that act (${s(a.bound)} is); only it may act`,
  ProductListingMismatch: (a) =>
    `the listing terms proposed (hash ${String(a.proposed)}) are not the terms accepted (hash ${String(a.accepted)}); read the proposal again`,
  ProductNoListingProposed: () => "the exchange has not proposed listing terms yet",
  ProductNoCredit: (a, s) => `${s(a.wallet)} has no credit at this product`,
  ProductNothingToReturn: () =>
    "no fragment of the basket could be returned (none held, or none can move now: frozen, or the originator not eligible)",
  ProductFeeOnTransfer: (a) => `the product received ${cash(a.received)} for a transfer of ${cash(a.amount)}`,
  ProductNoDust: () => "the product holds no dust for the treasury",
  ProductExtensionDirectCall: () => "the product's extension runs only through a product, not called directly",
  FactoryIneligibleTreasury: (a, s) =>
    `${s(a.treasury)} cannot be the treasury: it is not an eligible participant (${reason(a.reason)})`,
  TrancheCustodyShares: (a, s) =>
    `shares in the custody of the product ${s(a.product)} are owed to subscribers and cannot be moved by order`,
  FactoryNotFactor: (a, s) => `${s(a.caller)} is not an eligible FACTOR`,
  FactoryUnknownProduct: (a, s) => `${s(a.product)} is not a product of this factory`,
  FactoryZeroTreasury: () => "the treasury is the zero address",
  FactoryZeroMarket: () => "the factoring market is the zero address",
  TrancheIneligible: (a, s) => `${s(a.wallet)} is not eligible to hold tranche shares: ${reason(a.reason)}`,
  TrancheNotProduct: (a, s) => `${s(a.caller)} is not the tranche's product`,
  TrancheNotFactory: (a, s) => `${s(a.caller)} is not the tranche's factory`,
  TrancheNothingToClaim: (a, s) => `${s(a.account)} has nothing to claim`,
  TrancheNoShares: () => "the tranche has no shares to distribute to",
  TrancheDistributionTooLarge: (a) => `distributing ${cash(a.distributed)} in total exceeds the tranche's limit`,
  TranchePaused: () => "the tranche is paused by the guardian",
  TrancheAlreadyInitialized: () => "the tranche is already initialised",
};
