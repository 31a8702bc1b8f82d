/**
 * The suite's integrator SDK: typed facades over the TypeChain bindings, human units, custom-error
 * decoding, typed event queries and free-gas defaults. Works with plain ethers v6 (no Hardhat).
 *
 * ```ts
 * import { connect } from "scf-suite";
 * const suite = connect(deployedAddressesJson, wallet);
 * await (await suite.cash.transfer("0x…", "1250.00")).wait();
 * ```
 */
import type { ContractRunner } from "ethers";

import { BondsFacade } from "./areas/bonds.js";
export { DISTRIBUTION_SCALE, Frequency, couponPerUnitScaled, fundFromCarry } from "./coupons.js";
export { Convention } from "./daycount.js";
import { CashFacade } from "./areas/cash.js";
import { makeContext, type SuiteContext } from "./areas/context.js";
import { ConsortiumFacade, GovernanceFacade } from "./areas/governance.js";
import { MarketFacade } from "./areas/market.js";
import { ProductsFacade } from "./areas/products.js";
import { ReceivablesFacade } from "./areas/receivables.js";
import { RegistryFacade } from "./areas/registry.js";
import { resolveAddresses, type DeploymentInput, type SuiteAddresses } from "./deployment.js";
import type { NameOf } from "./errors.js";

/** A connected suite: one facade per area. */
export interface Suite {
  readonly addresses: SuiteAddresses;
  readonly context: SuiteContext;
  /** Governance (AccessManager). */
  readonly manager: GovernanceFacade;
  /** The consortium's multisig (ADMIN after the Suite's hand-over); undefined without one. */
  readonly consortium: ConsortiumFacade | undefined;
  /** Membership (ParticipantRegistry). */
  readonly registry: RegistryFacade;
  /** Settlement cash (SettlementToken). */
  readonly cash: CashFacade;
  /** Receivables (ReceivableToken): issue, confirm, split, send, repay, claim. */
  readonly receivables: ReceivablesFacade;
  /** Factoring market (FactoringMarket): list, buy, offer, auction, bid, recourse. */
  readonly market: MarketFacade;
  /** SME bonds (BondFactory and its bonds): create, bid, finalise, coupons, redeem, use of proceeds. */
  readonly bonds: BondsFacade;
  /** Revenue-sharing products (ProductFactory and its RevenueProduct clones). */
  readonly products: ProductsFacade;
}

/**
 * Connects to a deployment: `deployment` is the Suite's contracts by SDK key (`IGNITION_IDS`) or the contents of
 * Ignition's `deployed_addresses.json`; `runner` a Signer (writes) or a Provider (reads). Writes
 * send `gasPrice: 0n` on chains whose base fee is zero (Besu free gas).
 */
export function connect(deployment: DeploymentInput, runner: ContractRunner, opts: { nameOf?: NameOf } = {}): Suite {
  const addresses = resolveAddresses(deployment);
  const context = makeContext(runner, addresses, opts.nameOf);
  return {
    addresses,
    context,
    manager: new GovernanceFacade(context),
    consortium: addresses.consortium !== undefined ? new ConsortiumFacade(context) : undefined,
    registry: new RegistryFacade(context),
    cash: new CashFacade(context),
    receivables: new ReceivablesFacade(context),
    market: new MarketFacade(context),
    bonds: new BondsFacade(context),
    products: new ProductsFacade(context),
  };
}

export {
  BondHandle,
  BondState,
  BondsFacade,
  DAY_COUNT_NAMES,
  FREQUENCY_NAMES,
  parseBondDate,
  parseBondUnits,
  parseDayCount,
  parseFrequency,
  parseRate,
  redemptionPerUnit,
  redemptionPerUnitScaled,
  scheduleTermsOf,
  tagOf,
  tagText,
  type BidView,
  type BondAmount,
  type BondDate,
  type BondEvent,
  type BondListing,
  type BondRate,
  type BondStateName,
  type BondTermsArgs,
  type BondTermsInput,
  type BondTermsView,
  type BondUnits,
  type BondView,
  type BookView,
  type ClearingView,
  type CouponView,
  type HolderView,
} from "./areas/bonds.js";
export { CashFacade, type CashAmount } from "./areas/cash.js";
export type { SuiteContext } from "./areas/context.js";
export {
  ConsortiumFacade,
  describeCall,
  GovernanceFacade,
  roleOf,
  scheduledOperations,
  type AdminStep,
  type Proposal,
  type RoleMembership,
  type SafeTransaction,
  type ScheduledOperation,
  type WritePlan,
} from "./areas/governance.js";
export { SAFE_ARTIFACTS } from "./safe.js";
export {
  ATTESTATION_KINDS,
  ReceivableState,
  ReceivableStatus,
  ReceivablesFacade,
  attestationKind,
  attestationKindName,
  documentName,
  fingerprintOf,
  formatRootId,
  formatTokenId,
  invoiceHashOf,
  parseRootId,
  parseTokenId,
  splitTokenId,
  tokenIdOf,
  type AttestationView,
  type DocumentView,
  type FragmentView,
  type IssueInput,
  type ReceivableAmount,
  type ReceivableEvent,
  type ReceivableView,
  type RootView,
} from "./areas/receivables.js";
export {
  AUCTION_EXTENSION,
  BasisNames,
  ListingStatus,
  MAX_AUCTION_DURATION,
  MAX_RATE_BPS,
  MarketFacade,
  RecourseStatus,
  parseAuctionEnd,
  parseBasis,
  parseDuration,
  parseMarketId,
  type AuctionInput,
  type AuctionView,
  type BasisName,
  type ListInput,
  type ListingView,
  type MarketAmount,
  type OfferView,
  type OpenBook,
  type Quote,
  type RecourseView,
} from "./areas/market.js";
export {
  CustodyState,
  GRADE_SCALE,
  PRODUCT_LIMITS,
  ProductHandle,
  ProductPhase,
  ProductsFacade,
  TRANCHE_NAMES,
  disposalFee,
  formatGrade,
  listingProblem,
  listingTermsHash,
  notchOf,
  parseGrade,
  parseListing,
  parseParties,
  parseShares,
  parseTerms,
  parseTranche,
  type BasketEntry,
  type CustodyName,
  type DisposalAuctionInput,
  type DisposalAuctionView,
  type DisposalSettlementPreview,
  type ListingInput,
  type ListingProblem,
  type ListingStruct,
  type ListingView as ProductListingView,
  type PartiesInput,
  type PositionView,
  type ProductAmount,
  type ProductEvent,
  type ProductPhaseName,
  type ProductSummary,
  type ProductView,
  type RatingInput,
  type RatingView,
  type TermsInput,
  type TermsView,
  type TrancheName,
  type TrancheView,
  type WaterfallView,
} from "./areas/products.js";
export * as WaterfallMath from "./waterfall.js";
export type { Distribution, OfferingOutcome, WaterfallSplit, WaterfallState } from "./waterfall.js";
export { intervalShare } from "./prorata.js";
export * from "./pricing.js";
export {
  RegistryFacade,
  kindBitsOf,
  participantId,
  type ParticipantView,
  type RegisterInput,
} from "./areas/registry.js";
export {
  IGNITION_IDS,
  OPTIONAL_IGNITION_IDS,
  resolveAddresses,
  type ContractKey,
  type DeploymentInput,
  type SuiteAddresses,
} from "./deployment.js";
export * from "./errors.js";
export * from "./events.js";
export {
  marketMigrationPlan,
  receivableMigrationPlan,
  type MarketMigrationPlan,
  type MigrationCash,
  type MigrationStep,
  type ReceivableMigrationPlan,
} from "./migration.js";
export * from "./fees.js";
export * from "./kinds.js";
export * from "./roles.js";
export * from "./units.js";
export { WIRING, selector, wiringOf, type WiringEntry } from "./wiring.js";
export * as bindings from "../types/ethers-contracts/index.js";
