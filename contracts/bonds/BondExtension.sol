// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {IBond} from "../interfaces/IBond.sol";
import {IParticipantRegistry} from "../interfaces/IParticipantRegistry.sol";
import {BondMath} from "../libraries/BondMath.sol";
import {Kinds} from "../libraries/Kinds.sol";
import {BondState} from "./BondState.sol";

/**
 * @title BondExtension
 * @notice A bond's cold paths: amending and cancelling bids, finalisation and cancellation of the
 * book, proceeds, redemption funding, call notice, default and recovery, use of proceeds, and the
 * factory's pause and forced transfer. Deployed once by the {BondFactory} and reached only by each
 * bond's `delegatecall`, on the bond's storage: the bond's functions of the same names forward here,
 * so its ABI stays whole while its code (embedded in {BondDeployer}) stays under the size budget.
 * Per-bond figures come from the stored terms or from the bond's own views (`address(this)` is the
 * bond). Called directly, every function reverts.
 */
contract BondExtension is BondState, IERC20Errors {
    using SafeERC20 for IERC20;

    /// @notice Called directly rather than through a bond.
    error BondExtensionDirectCall();

    address private immutable _self = address(this);

    modifier onlyDelegated() {
        if (address(this) == _self) revert BondExtensionDirectCall();
        _;
    }

    modifier onlyIssuer() {
        if (msg.sender != _terms.issuer) revert IBond.BondNotIssuer(msg.sender);
        _;
    }

    // ------------------------------------------------------------------ bookbuilding

    /// @notice See {IBond-amendBid}.
    function amendBid(uint256 bidId, uint64 units, uint16 yieldBp) external onlyDelegated {
        _requireBookOpen();
        IBond.Bid storage s = _ownBid(bidId);
        uint16 tick = _checkBid(units, yieldBp);
        uint64 old = s.units;
        _demand[s.tick] -= old;
        _demand[tick] += units;
        _book.demand = _book.demand - old + units;
        s.units = units;
        s.tick = tick;
        emit IBond.BidAmended(bidId, units, yieldBp);
        uint256 face = _terms.denomination;
        if (units > old) {
            _pull(_terms.currency, (units - old) * face);
        } else if (units < old) {
            _terms.currency.safeTransfer(msg.sender, (old - units) * face);
        }
    }

    /// @notice See {IBond-cancelBid}.
    function cancelBid(uint256 bidId) external onlyDelegated {
        _requireBookOpen();
        IBond.Bid storage s = _ownBid(bidId);
        uint64 units = s.units;
        _demand[s.tick] -= units;
        _book.demand -= units;
        _book.liveBids -= 1;
        delete _bids[bidId];
        uint256 refund = units * uint256(_terms.denomination);
        emit IBond.BidCancelled(bidId, msg.sender, refund);
        _terms.currency.safeTransfer(msg.sender, refund);
    }

    /// @notice See {IBond-finalize}.
    function finalize(uint64 size) external onlyDelegated {
        _requireIssuerOrLead();
        _requireState(IBond.State.Book);
        IBond.Terms storage t = _terms;
        if (block.timestamp < t.bookClose) revert IBond.BondBookStillOpen(block.timestamp, t.bookClose);
        if (block.timestamp > t.issueDate) revert IBond.BondSettlementPassed(block.timestamp, t.issueDate);
        if (size == 0 || size > t.size) revert IBond.BondInvalidSize(size, t.size);
        uint256 ticks = (t.yieldMaxBp - t.yieldMinBp) / t.tickBp + 1;
        uint64 below;
        for (uint256 tick; tick < ticks; ++tick) {
            uint64 d = _demand[tick];
            if (below + d >= size) {
                uint64 fill = size - below;
                uint16 couponBp = uint16(t.yieldMinBp + tick * t.tickBp);
                _status.state = IBond.State.Live;
                _status.couponBp = couponBp;
                _status.clearingTick = uint16(tick);
                _book.fill = fill;
                _book.clearingDemand = d;
                // Every allocation is booked now: funding never waits for a delivery.
                _pending = Pending({below: below, clearing: d});
                emit IBond.BookFinalized(couponBp, size, fill, d, _book.demand);
                return;
            }
            below += d;
        }
        revert IBond.BondUndersubscribed(size, below);
    }

    /// @notice See {IBond-cancelBook}.
    function cancelBook() external onlyDelegated {
        _requireState(IBond.State.Book);
        if (block.timestamp <= _terms.issueDate) _requireIssuerOrLead();
        _status.state = IBond.State.Cancelled;
        emit IBond.BookCancelled(msg.sender);
    }

    /// @notice See {IBond-withdrawProceeds}.
    function withdrawProceeds(uint256 amount) external onlyDelegated onlyIssuer {
        uint256 available = _raised() - _proceedsWithdrawn;
        if (amount == 0) revert IBond.BondZeroAmount();
        if (amount > available) revert IBond.BondInsufficientProceeds(amount, available);
        _proceedsWithdrawn += amount;
        emit IBond.ProceedsWithdrawn(msg.sender, amount);
        _terms.currency.safeTransfer(msg.sender, amount);
    }

    // ------------------------------------------------------------------ principal and default

    /// @notice See {IBond-fundRedemption}.
    function fundRedemption(uint256 amount) external onlyDelegated {
        _requireState(IBond.State.Live);
        Status memory st = _status;
        IBond.Terms storage t = _terms;
        uint256 count = IBond(address(this)).couponCount();
        uint256 date = st.callDate == 0 ? t.maturity : st.callDate;
        if (block.timestamp < date) revert IBond.BondRedemptionNotDue(date);
        uint256 next = uint256(st.couponsFunded) + 1;
        if (next <= count && BondMath.couponDate(t, count, next) <= date) revert IBond.BondCouponOutstanding(next);
        // Scaled like the coupons: exact (SCALE is a multiple of 10,000 and of every day-count
        // denominator), so a holding's call price and accrued coupon are rounded once, when paid.
        uint256 face = uint256(t.denomination) * BondMath.SCALE;
        uint256 perUnit =
            st.callDate == 0
                ? face
                : (face * t.callPriceBp) / 10_000 +
                    (next > count ? 0 : BondMath.couponPerUnitScaled(t, count, next, st.couponBp, st.callDate));
        // Every allocated unit, delivered or not: the cash owed is the cash funded (less the carry,
        // rounded up).
        (uint256 expected, uint256 left) = BondMath.fundFromCarry(perUnit * _fundingUnits(), st.carry);
        if (amount < expected) revert IBond.BondWrongRedemptionAmount(expected, amount);
        _status.state = IBond.State.Redeeming;
        _status.carry = uint104(left);
        _ledger.redemptionPerUnit = SafeCast.toUint192(perUnit);
        emit IBond.RedemptionFunded(perUnit / BondMath.SCALE, expected, msg.sender);
        if (expected != 0) _pull(t.currency, expected);
    }

    /// @notice See {IBond-noticeCall}.
    function noticeCall(uint40 callDate) external onlyDelegated onlyIssuer {
        _requireState(IBond.State.Live);
        IBond.Terms storage t = _terms;
        if (t.firstCallDate == 0) revert IBond.BondNotCallable();
        if (_status.callDate != 0) revert IBond.BondAlreadyCalled(_status.callDate);
        uint256 earliest = block.timestamp + t.callNotice;
        if (earliest < t.firstCallDate) earliest = t.firstCallDate;
        if (callDate < earliest || callDate >= t.maturity) {
            revert IBond.BondInvalidCallDate(callDate, earliest, t.maturity);
        }
        _status.callDate = callDate;
        emit IBond.CallNoticed(callDate, (uint256(t.denomination) * t.callPriceBp) / 10_000);
    }

    /// @notice See {IBond-declareDefault}.
    function declareDefault() external onlyDelegated {
        _requireState(IBond.State.Live);
        Status memory st = _status;
        IBond.Terms storage t = _terms;
        uint256 count = IBond(address(this)).couponCount();
        uint256 grace = t.gracePeriod;
        uint256 redemptionDate = st.callDate == 0 ? t.maturity : st.callDate;
        uint256 next = uint256(st.couponsFunded) + 1;
        uint256 missed = type(uint256).max;
        if (next <= count) {
            uint256 date = BondMath.couponDate(t, count, next);
            if (date <= redemptionDate && block.timestamp > date + grace) missed = next;
        }
        if (missed == type(uint256).max && block.timestamp > redemptionDate + grace) missed = 0;
        if (missed == type(uint256).max) revert IBond.BondNoMissedPayment(block.timestamp);
        _status.state = IBond.State.Defaulted;
        emit IBond.BondDefaulted(missed, msg.sender);
    }

    /// @notice See {IBond-payRecovery}.
    function payRecovery(uint256 amount) external onlyDelegated {
        _requireState(IBond.State.Defaulted);
        if (amount == 0) revert IBond.BondZeroAmount();
        uint256 units = _fundingUnits();
        // The whole carry (coupon dust included) goes to the holders with the recovery.
        uint256 pool = amount * BondMath.SCALE + _status.carry;
        uint256 perUnit = pool / units;
        uint256 carry = pool - perUnit * units; // < units < 2^64
        _append(perUnit, carry);
        emit IBond.RecoveryPaid(amount, perUnit / BondMath.SCALE, carry, msg.sender);
        _pull(_terms.currency, amount);
    }

    /// @notice See {IBond-sweepCarry}.
    function sweepCarry() external onlyDelegated onlyIssuer {
        // Any state: the carry is cash beyond every holder's exact entitlement.
        uint256 carry = _status.carry;
        uint256 amount = carry / BondMath.SCALE;
        if (amount == 0) revert IBond.BondZeroAmount();
        _status.carry = uint104(carry - amount * BondMath.SCALE);
        emit IBond.CarrySwept(msg.sender, amount);
        _terms.currency.safeTransfer(msg.sender, amount);
    }

    // ------------------------------------------------------------------ use of proceeds

    /// @notice See {IBond-recordDisbursement}.
    function recordDisbursement(address borrower, uint256 amount, bytes32 loanRef) external onlyDelegated onlyIssuer {
        if (amount == 0) revert IBond.BondZeroAmount();
        if (!IBond(address(this)).registry().isEligibleKind(borrower, Kinds.SME)) revert IBond.BondNotSme(borrower);
        uint256 total = _disbursed + amount;
        uint256 raised = _raised();
        if (total > raised) revert IBond.BondProceedsExceeded(total, raised);
        _disbursed = total;
        emit IBond.ProceedsDisbursed(borrower, amount, loanRef);
    }

    // ------------------------------------------------------------------ factory

    /// @notice See {IBond-setPaused}.
    function setPaused(bool paused_) external onlyDelegated {
        _requireFactory();
        _status.paused = paused_;
        emit IBond.BondPauseSet(paused_);
    }

    /// @notice See {IBond-forcedTransfer}.
    function forcedTransfer(address from, address to, uint256 units, bytes32 orderRef) external onlyDelegated {
        _requireFactory();
        if (units == 0) revert IBond.BondZeroAmount();
        if (to == address(0) || to == address(this)) revert ERC20InvalidReceiver(to);
        IParticipantRegistry.Ineligibility reason = IBond(address(this)).registry().eligibility(to);
        if (reason != IParticipantRegistry.Ineligibility.None) revert IBond.BondIneligible(to, reason);
        uint32 d = _status.distributions;
        Account storage src = _checkpoint(from, d);
        uint256 balance = src.balance;
        if (balance < units) revert ERC20InsufficientBalance(from, balance, units);
        Account storage dst = _checkpoint(to, d);
        // Moves the (scaled) entitlement in proportion, rounded down (the rest stays with `from`):
        // the total owed is unchanged, so the cash held still covers it.
        uint256 entitlement = (uint256(src.owed) * units) / balance;
        src.owed -= uint160(entitlement);
        dst.owed = SafeCast.toUint160(dst.owed + entitlement);
        emit IBond.BondForcedTransfer(from, to, units, entitlement / BondMath.SCALE, orderRef);
        // Skips the eligibility of `from` and the pause: the order overrides them.
        _move(src, dst, from, to, units);
    }

    // ------------------------------------------------------------------ private

    /// @dev Proceeds the issuer may use: units delivered, and the undelivered allocations below the
    /// clearing tick (filled in full, so exact). Clearing-tick bids count once delivered (anyone
    /// may deliver them, whatever the bidder's eligibility).
    function _raised() private view returns (uint256) {
        return (uint256(_ledger.unitsIssued) + _pending.below) * _terms.denomination;
    }

    function _requireFactory() private view {
        if (msg.sender != IBond(address(this)).factory()) revert IBond.BondNotFactory(msg.sender);
    }

    function _requireIssuerOrLead() private view {
        address lead = _terms.leadUnderwriter;
        if (msg.sender != _terms.issuer && (msg.sender != lead || lead == address(0))) {
            revert IBond.BondNotIssuer(msg.sender);
        }
    }

    function _ownBid(uint256 bidId) private view returns (IBond.Bid storage s) {
        s = _bids[bidId];
        if (s.units == 0) revert IBond.BondUnknownBid(bidId);
        if (s.bidder != msg.sender) revert IBond.BondNotBidder(bidId, msg.sender);
    }
}
