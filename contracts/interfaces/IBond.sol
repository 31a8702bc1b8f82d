// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {DayCount} from "../libraries/DayCount.sol";
import {IParticipantRegistry} from "./IParticipantRegistry.sol";

/**
 * @title IBond
 * @notice An SME bond: yield-quoted bookbuilding with escrowed bids, issuance at par against
 * payment, coupons on a day-count schedule, redemption at maturity or on call, default with pro-rata
 * recovery, and a record of the proceeds lent on to SMEs. One unit is one denomination of face; the
 * token has 0 decimals and moves only between eligible wallets of the registry.
 * @dev Distributions (coupons, recovery) use a per-unit accumulator with a checkpoint per holder
 * written on every mint, burn and transfer: the holder when a payment is funded keeps it, claims
 * cost the same gas however many holders there are.
 *
 * Rounding (issue 14): per-unit figures are kept at `BondMath.SCALE` (1,080,993,298,039,200,000,
 * about 1e18: 10,000 x the least common multiple of every day-count denominator) times the base
 * unit, where every coupon, accrued coupon and call price is exact. A holding's entitlement is
 * computed on the holding (units x per-unit sum since its checkpoint, exact) and rounded down once,
 * when it is paid ({claimCoupons}, {redeem}): a holder of N units gets floor(N x exact coupon), not
 * N x floor(exact coupon). The funder pays what the holdings are owed, less the carry, rounded up to
 * the base unit ({fundCoupon}, {fundRedemption}), so the bond never owes more than it holds. The
 * carry is the cash held beyond every exact entitlement: the rounding up of each funding, the
 * fraction below a base unit each payment leaves, and the remainder of a recovery divided by the
 * units. It is used first by the next funding (a recovery distributes it), and the issuer can take
 * its whole base units back at any time ({sweepCarry}). Example: 3.25% quarterly on 100.00 units
 * pays 0.8125 a unit; a holding of 1 unit is paid 0.81 (0.0025 carries) and a holding of 4 units
 * 3.25; with just those two the issuer funds ceil(4.0625) = 4.07, and 0.01 is swept once both are
 * paid. A wallet left owing less than a base unit and no units (claims revert below one base unit)
 * keeps that fraction on the books: at most one base unit per such wallet.
 *
 * Operator actions (pause, forced transfer) arrive only through the factory, whose functions are
 * restricted by the AccessManager.
 *
 * Allocations are booked at finalisation: every coupon, redemption and recovery is funded for the
 * units issued plus the allocations not delivered yet ({unitsOutstanding}), and a unit delivered
 * later is entitled to every distribution since the issue date, so no payment waits for a bidder.
 * Credits: the bond pays the caller; a payment to anyone else (a bid's refund delivered by a third
 * party, the issuer's share of funding for units never issued) is paid when the transfer goes
 * through and credited otherwise, withdrawn by its owner with {withdrawRefund}. Every cash pull is
 * checked by balance delta: a fee-on-transfer currency is refused.
 */
interface IBond is IERC20 {
    /// @notice Coupon frequency. `Zero`: no periodic coupon; the interest of the whole life is paid
    /// once, at maturity (issued at par, like a discount-free bullet note).
    enum Frequency {
        Zero,
        Annual,
        SemiAnnual,
        Quarterly
    }

    /// @notice Lifecycle. `Book`: bookbuilding (open, or closed awaiting finalisation). `Cancelled`:
    /// the book was cancelled, every bid is refunded. `Live`: issued, paying coupons. `Redeeming`:
    /// principal (or the call price) is funded and holders redeem. `Defaulted`: a payment was missed.
    enum State {
        Book,
        Cancelled,
        Live,
        Redeeming,
        Defaulted
    }

    /// @notice The terms of a bond, fixed at creation.
    struct Terms {
        address issuer; // the issuing participant's wallet (business role: finalises, calls, records use)
        address leadUnderwriter; // may also finalise or cancel the book; zero if none
        IERC20 currency; // an approved ERC-20 without transfer fees (pulls are checked by balance delta)
        uint64 denomination; // face of one unit, currency base units (10000 = 100.00)
        uint64 size; // units offered
        uint40 issueDate; // unix seconds; coupons accrue from here
        uint40 maturity; // unix seconds
        Frequency frequency;
        DayCount.Convention dayCount;
        uint40 bookOpen; // unix seconds, bids from here
        uint40 bookClose; // unix seconds, bids before this
        uint16 yieldMinBp; // lowest bid yield, basis points
        uint16 yieldMaxBp; // highest bid yield, basis points
        uint16 tickBp; // yield tick, basis points; divides max - min
        uint64 minTicket; // units per bid
        uint64 maxTicket; // units per bid
        uint16 investorKinds; // a bidder needs at least one of these registry kinds
        uint32 gracePeriod; // seconds after a payment date before default can be declared
        uint40 firstCallDate; // unix seconds; 0 = not callable
        uint32 callNotice; // seconds between the call notice and the call date
        uint16 callPriceBp; // call price per unit, basis points of face (10000 = par)
        bytes32 useOfProceeds; // tag, e.g. keccak256("SME_LENDING")
        bytes32 termSheetHash; // keccak256 of the term sheet; its URI is kept by the factory
    }

    /// @notice A bid as stored (1 slot); deleted when claimed or cancelled.
    struct Bid {
        address bidder;
        uint64 units;
        uint16 tick; // yield = yieldMinBp + tick x tickBp
    }

    /// @notice The caller is not the issuer (or, where allowed, the lead underwriter).
    error BondNotIssuer(address caller);
    /// @notice Operator functions come only from the bond's factory.
    error BondNotFactory(address caller);
    /// @notice The bond is in `actual`, the action needs `expected`.
    error BondWrongState(State actual, State expected);
    /// @notice The action is stopped by the guardian's pause.
    error BondPaused();
    /// @notice A party is not eligible in the registry, and why.
    error BondIneligible(address wallet, IParticipantRegistry.Ineligibility reason);
    /// @notice The bidder has none of the investor kinds the terms allow.
    error BondInvestorKindNotAllowed(address investor, uint16 allowedKinds);
    /// @notice Bids are taken only in [open, close).
    error BondBookNotOpen(uint256 nowTs, uint40 open, uint40 close);
    /// @notice The book closes at `close`; it cannot be finalised before.
    error BondBookStillOpen(uint256 nowTs, uint40 close);
    /// @notice The issue date has passed without finalisation; the book can only be cancelled.
    error BondSettlementPassed(uint256 nowTs, uint40 issueDate);
    /// @notice A bid yield outside [min, max].
    error BondYieldOutOfRange(uint16 yieldBp, uint16 minBp, uint16 maxBp);
    /// @notice A bid yield not on a tick.
    error BondYieldOffTick(uint16 yieldBp, uint16 tickBp);
    /// @notice Bid units outside [min, max] ticket.
    error BondTicketOutOfRange(uint64 units, uint64 minTicket, uint64 maxTicket);
    /// @notice No live bid with this id.
    error BondUnknownBid(uint256 bidId);
    /// @notice Only the bidder may amend or cancel its bid.
    error BondNotBidder(uint256 bidId, address caller);
    /// @notice Finalising a size of zero or above the offered size.
    error BondInvalidSize(uint64 size, uint64 maxSize);
    /// @notice Demand does not cover the size asked; accept a smaller size or cancel.
    error BondUndersubscribed(uint64 size, uint64 demand);
    /// @notice Coupons are funded in order.
    error BondCouponOutOfOrder(uint256 index, uint256 expected);
    /// @notice No such coupon (1-based), or it falls after the call date.
    error BondUnknownCoupon(uint256 index, uint256 count);
    /// @notice A coupon is funded from its payment date.
    error BondCouponNotDue(uint256 index, uint256 paymentDate);
    /// @notice The amount offered is below what the coupon takes (`expected`: exact coupon per unit x
    /// units outstanding, less the carry, rounded up to the base unit).
    error BondWrongCouponAmount(uint256 index, uint256 expected, uint256 given);
    /// @notice Principal is funded from the redemption date (maturity or call date).
    error BondRedemptionNotDue(uint256 redemptionDate);
    /// @notice A coupon due on or before the redemption date is still unfunded.
    error BondCouponOutstanding(uint256 index);
    /// @notice The amount offered is below what the redemption takes (`expected`: exact redemption
    /// per unit x units outstanding, less the carry, rounded up to the base unit).
    error BondWrongRedemptionAmount(uint256 expected, uint256 given);
    /// @notice The holder has nothing to claim or redeem (less than one base unit).
    error BondNothingToClaim(address holder);
    /// @notice No payment is past its grace period.
    error BondNoMissedPayment(uint256 nowTs);
    /// @notice The terms have no call option.
    error BondNotCallable();
    /// @notice The bond is already called for `callDate`.
    error BondAlreadyCalled(uint40 callDate);
    /// @notice A call date before the first call date, inside the notice period, or not before
    /// maturity.
    error BondInvalidCallDate(uint256 callDate, uint256 earliest, uint256 maturity);
    /// @notice A zero amount.
    error BondZeroAmount();
    /// @notice Disbursements would exceed the proceeds raised.
    error BondProceedsExceeded(uint256 disbursed, uint256 proceeds);
    /// @notice The borrower is not an eligible SME participant.
    error BondNotSme(address borrower);
    /// @notice Withdrawing more proceeds than are available.
    error BondInsufficientProceeds(uint256 requested, uint256 available);
    /// @notice The bond received `received` instead of `expected`: a fee-on-transfer currency.
    error BondFeeOnTransfer(address currency, uint256 expected, uint256 received);
    /// @notice The wallet has no credit to withdraw.
    error BondNothingToRefund(address wallet);

    /// @notice `bidder` bid for `units` units at yield `yieldBp` (basis points) and escrowed units x
    /// denomination of the currency.
    event BidPlaced(uint256 indexed bidId, address indexed bidder, uint64 units, uint16 yieldBp);
    /// @notice The bidder changed bid `bidId` to `units` units at `yieldBp`; the escrow followed
    /// (topped up or partly returned).
    event BidAmended(uint256 indexed bidId, uint64 units, uint16 yieldBp);
    /// @notice `bidder` withdrew bid `bidId` while the book was open; `refund` (base units) is its
    /// whole escrow, returned at once.
    event BidCancelled(uint256 indexed bidId, address indexed bidder, uint256 refund);
    /// @notice The book was finalised: coupon rate = clearing yield; `fill` of `clearingDemand`
    /// units are shared pro rata at the clearing yield.
    event BookFinalized(uint16 clearingYieldBp, uint64 size, uint64 fill, uint64 clearingDemand, uint64 demand);
    /// @notice The book was cancelled without issuing (by the issuer or lead before the issue date,
    /// by anyone after it): every bid's escrow is refunded through {claimAllocation}.
    event BookCancelled(address indexed by);
    /// @notice Bid `bidId` was settled: `units` allocated to `bidder` (0 for a bid above the clearing
    /// yield or a cancelled book) and `refund` (base units) the escrow of the units not allocated.
    event AllocationClaimed(uint256 indexed bidId, address indexed bidder, uint64 units, uint256 refund);
    /// @notice The issuer took `amount` (base units) of the issue's proceeds.
    event ProceedsWithdrawn(address indexed issuer, uint256 amount);
    /// @notice Coupon `index` was funded: `perUnit` is the coupon per unit rounded down to the base
    /// unit (for reading; holdings are paid on the exact figure, {couponPerUnit} x SCALE), `amount`
    /// what the funder paid (exact total less the carry, rounded up).
    event CouponFunded(uint256 indexed index, uint256 perUnit, uint256 amount, address indexed funder);
    /// @notice `holder` was paid `amount` (base units): its exact entitlement to every distribution
    /// since its last claim, rounded down once.
    event CouponsClaimed(address indexed holder, uint256 amount);
    /// @notice The issuer called the bond for `callDate` (unix seconds) at `pricePerUnit` (base units
    /// per unit, the call price without the accrued coupon).
    event CallNoticed(uint40 callDate, uint256 pricePerUnit);
    /// @notice The redemption was funded: `perUnit` rounded down to the base unit (for reading),
    /// `amount` what the funder paid (exact total less the carry, rounded up).
    event RedemptionFunded(uint256 perUnit, uint256 amount, address indexed funder);
    /// @notice `holder` was paid `principal + coupons`, rounded down once: `principal` is units x
    /// redemption per unit rounded down, `coupons` the rest (unclaimed distributions).
    event Redeemed(address indexed holder, uint256 units, uint256 principal, uint256 coupons);
    /// @notice `couponIndex` 0 means the principal (or call) payment was missed.
    event BondDefaulted(uint256 couponIndex, address indexed declaredBy);
    /// @notice A recovery of `amount` was paid with the carry: `perUnit` rounded down to the base
    /// unit (for reading), `carry` the new carry x SCALE (the remainder, below the units).
    event RecoveryPaid(uint256 amount, uint256 perUnit, uint256 carry, address indexed payer);
    /// @notice The carry's whole base units, `amount`, went back to the issuer.
    event CarrySwept(address indexed issuer, uint256 amount);
    /// @notice The issuer recorded a loan of `amount` (base units) from the proceeds to `borrower`, an
    /// SME, under `loanRef` (use of proceeds; no cash moves here).
    event ProceedsDisbursed(address indexed borrower, uint256 amount, bytes32 indexed loanRef);
    /// @notice The regulator moved units; `entitlement` of unclaimed distributions moved with them
    /// (rounded down to the base unit here; the exact share moves).
    event BondForcedTransfer(
        address indexed from,
        address indexed to,
        uint256 units,
        uint256 entitlement,
        bytes32 orderRef
    );
    /// @notice The guardian (through the factory) paused or unpaused the bond.
    event BondPauseSet(bool paused);
    /// @notice A payment to `wallet` did not go through, or funding for units never issued was
    /// returned to the issuer: credited instead, withdrawn with {withdrawRefund}.
    event Credited(address indexed wallet, uint256 amount);
    /// @notice `wallet` withdrew its credit of `amount` (base units).
    event RefundWithdrawn(address indexed wallet, uint256 amount);

    // ------------------------------------------------------------------ bookbuilding

    /// @notice Bids `units` at `yieldBp`, escrowing units x denomination of currency (approve
    /// first). Eligible investor of an allowed kind; book open; yield on a tick in range; ticket
    /// limits per bid. A wallet may hold several bids.
    /// @return bidId The new bid's id (1-based).
    function bid(uint64 units, uint16 yieldBp) external returns (uint256 bidId);

    /// @notice Changes a bid's units and yield while the book is open; the escrow is topped up or
    /// refunded by the difference. Bidder only.
    function amendBid(uint256 bidId, uint64 units, uint16 yieldBp) external;

    /// @notice Withdraws a bid while the book is open and refunds its escrow. Bidder only.
    function cancelBid(uint256 bidId) external;

    /**
     * @notice Closes the book at `size` units (the offered size, or less when demand falls short):
     * the clearing yield is the lowest tick at which cumulative demand covers `size`; it becomes
     * the coupon rate. Issuer or lead underwriter, after the book closes and not after the issue
     * date. Gas grows with the number of ticks, never with the number of bids.
     */
    function finalize(uint64 size) external;

    /// @notice Cancels the book: every bid is refunded in full. Issuer or lead underwriter before
    /// finalisation; anyone once the issue date has passed without finalisation.
    function cancelBook() external;

    /**
     * @notice Delivers a bid's allocation: bonds for the filled units to the bidder and the excess
     * escrow back to it, in one call with constant gas. Anyone may call it (the bidder, the issuer
     * or the lead delivering unclaimed allocations), whatever the bidder's eligibility: the units
     * are booked to the bidder (an ineligible holder cannot move, claim or redeem them until it is
     * eligible again) and a refund it cannot receive now is credited. Delivered units carry every
     * distribution funded since the issue date. Below the clearing yield a bid is filled in full,
     * at it pro rata (rounded down per bid: the units left over are not issued, and what was funded
     * for them is credited to the issuer), above it not at all; after a cancellation nothing is
     * filled.
     */
    function claimAllocation(uint256 bidId) external;

    /// @notice Sends the issuer proceeds: of the allocations delivered so far and of the undelivered
    /// ones below the clearing yield (filled in full). Issuer only.
    function withdrawProceeds(uint256 amount) external;

    /// @notice Withdraws the caller's credits (refunds it could not receive, surplus funding).
    function withdrawRefund() external returns (uint256 amount);

    // ------------------------------------------------------------------ coupons and principal

    /// @notice Funds coupon `index` (1-based, in order, from its payment date): its exact per-unit
    /// amount x {unitsOutstanding} (delivered or not), less the carry, rounded up to the base unit, is
    /// pulled from the caller (issuer or paying agent); `amount` is the most the caller pays (at
    /// least that figure). The holders at this moment, and the undelivered allocations, are
    /// entitled to it.
    function fundCoupon(uint256 index, uint256 amount) external;

    /// @notice Pays the caller everything it is owed (coupons and recovery), computed on its holding
    /// and rounded down once to the base unit; the fraction left joins the carry. Constant gas.
    function claimCoupons() external returns (uint256 amount);

    /// @notice Funds the redemption, from the redemption date, once every coupon due by then is
    /// funded: face per unit at maturity, or the call price plus accrued coupon on a call, x
    /// {unitsOutstanding} (delivered or not), less the carry, rounded up to the base unit, pulled
    /// from the caller; `amount` is the most it pays. Per unit the figures are exact (scaled).
    function fundRedemption(uint256 amount) external;

    /// @notice Burns all of the caller's units and pays their redemption amount plus any unclaimed
    /// distribution, computed on the holding and rounded down once; the fraction joins the carry.
    function redeem() external returns (uint256 paid);

    /// @notice Calls the bond for `callDate` (on or after the first call date, at least the notice
    /// period from now, before maturity). Issuer only.
    function noticeCall(uint40 callDate) external;

    /// @notice Puts the bond in default when a coupon or the redemption is unfunded past its date
    /// plus the grace period. Anyone.
    function declareDefault() external;

    /// @notice In default: pays `amount` plus the carry to the holders pro rata per unit outstanding
    /// (recovery), at SCALE precision; the remainder (below the units, x SCALE) is carried. Anyone.
    function payRecovery(uint256 amount) external;

    /// @notice Returns the carry's whole base units (rounding surplus, payment dust, recovery
    /// remainder) to the issuer, in any state; the fraction below a base unit stays. Issuer only.
    function sweepCarry() external;

    // ------------------------------------------------------------------ use of proceeds

    /// @notice Records a loan of `amount` of the proceeds to an eligible SME (`loanRef`: hash of
    /// the loan contract). The total recorded never exceeds the proceeds. Issuer only.
    function recordDisbursement(address borrower, uint256 amount, bytes32 loanRef) external;

    // ------------------------------------------------------------------ factory (operators)

    /// @notice Sets the guardian's pause. Factory only (see IBondFactory.pauseBond).
    function setPaused(bool paused) external;

    /// @notice Moves `units` from `from` (even frozen) to an eligible `to` under a court order, with
    /// the unclaimed entitlement of `from` in proportion (rounded down). Factory only.
    function forcedTransfer(address from, address to, uint256 units, bytes32 orderRef) external;

    // ------------------------------------------------------------------ views

    /// @notice The terms.
    function terms() external view returns (Terms memory);

    /// @notice The factory that created the bond.
    function factory() external view returns (address);

    /// @notice The registry.
    function registry() external view returns (IParticipantRegistry);

    /// @notice The lifecycle state.
    function state() external view returns (State);

    /// @notice Whether the guardian paused the bond.
    function paused() external view returns (bool);

    /// @notice A live bid (zero units if claimed or cancelled).
    function bidOf(uint256 bidId) external view returns (Bid memory);

    /// @notice Units bid at tick `tick`.
    function demandAt(uint256 tick) external view returns (uint64);

    /// @notice Book totals: bids ever placed, bids not yet settled, units escrowed.
    function book() external view returns (uint256 bids, uint256 liveBids, uint256 demand);

    /// @notice The clearing result: coupon rate, clearing tick, units filled there, demand there.
    function clearing() external view returns (uint16 couponBp, uint16 tick, uint64 fill, uint64 clearingDemand);

    /// @notice Number of coupons in the schedule (1 for zero frequency).
    function couponCount() external view returns (uint256);

    /// @notice Payment date of coupon `index` (1-based); the last is the maturity.
    function couponDate(uint256 index) external view returns (uint256);

    /// @notice Coupon `index`'s amount per unit at the coupon rate, rounded down to the base unit
    /// (0 before finalisation); holdings are paid on the exact figure.
    function couponPerUnit(uint256 index) external view returns (uint256);

    /// @notice Coupons funded so far (the last funded index).
    function couponsFunded() external view returns (uint256);

    /// @notice Coupon accrued per unit from the start of the current period to `at`.
    function accruedPerUnit(uint256 timestamp) external view returns (uint256);

    /// @notice What {claimCoupons} would pay `holder` now (coupons and recovery, rounded down).
    function claimable(address holder) external view returns (uint256);

    /// @notice What {redeem} would pay `holder` now: its units x redemption per unit (0 until
    /// funded) plus its unclaimed distributions, rounded down once.
    function redeemable(address holder) external view returns (uint256);

    /// @notice Cumulative distributions per unit (coupons + recovery) and the carry, both in base
    /// units x SCALE; the carry's whole base units are `carry / SCALE` ({sweepCarry}).
    function distributed() external view returns (uint256 perUnit, uint256 carry);

    /// @notice The call date (0 if not called) and the redemption amount per unit once funded,
    /// rounded down to the base unit (holdings are paid on the exact figure).
    function redemption() external view returns (uint40 callDate, uint256 perUnit);

    /// @notice Units issued (delivered), proceeds raised (delivered units and undelivered ones below
    /// the clearing tick), withdrawn by the issuer, and recorded as lent to SMEs.
    function proceeds()
        external
        view
        returns (uint256 unitsIssued, uint256 raised, uint256 withdrawn, uint256 disbursed);

    /// @notice Share of the proceeds recorded as lent to SMEs, basis points (rounded down).
    function smeShareBp() external view returns (uint256);

    /// @notice Units every coupon, redemption and recovery is funded for: units issued plus the
    /// allocations not delivered yet (at the clearing tick `floor(bid units left x fill / demand)`,
    /// at least their rounded-down allocations).
    function unitsOutstanding() external view returns (uint256);

    /// @notice Allocations not delivered yet: units below the clearing tick, bid units at it.
    function pendingAllocations() external view returns (uint64 belowUnits, uint64 clearingBidUnits);

    /// @notice Credits `wallet` can withdraw ({withdrawRefund}).
    function refundOf(address wallet) external view returns (uint256);
}
