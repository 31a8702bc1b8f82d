// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {IBond} from "../interfaces/IBond.sol";
import {IParticipantRegistry} from "../interfaces/IParticipantRegistry.sol";
import {BondMath} from "../libraries/BondMath.sol";
import {BondState} from "./BondState.sol";

/**
 * @title Bond
 * @notice One SME bond, created by the {BondFactory}. See {IBond}.
 * @dev The ERC-20 is implemented here rather than inherited so that a holder's balance, unclaimed
 * distributions and checkpoint share one slot: a transfer writes the same two slots as a plain
 * ERC-20 transfer, and a holder's first coupon claim rewrites a non-zero slot instead of filling an
 * empty one. Hot state is packed so that a transfer reads one bond slot besides the two accounts.
 * The hot paths (bid, allocation, coupons, redemption, transfers) run here; the cold ones run in the
 * factory's {BondExtension} by `delegatecall` on this storage ({BondState}), which keeps the bond's
 * creation code (embedded in {BondDeployer}) under the size budget.
 */
contract Bond is BondState, IBond, IERC20Metadata, IERC20Errors {
    using SafeERC20 for IERC20;

    IParticipantRegistry private immutable _registry;
    address private immutable _factory;
    IERC20 private immutable _currency;
    address private immutable _issuer;
    uint256 private immutable _face;
    uint256 private immutable _couponCount;

    /// @dev The factory's {BondExtension}: runs the cold paths on this storage.
    address private immutable _extension;

    /// @param terms_ Validated by the factory.
    /// @param couponCount_ Payments in the schedule ({BondMath.couponCount}, computed by the factory).
    /// @param registry_ The participant registry.
    /// @param factory_ The creating factory (operator calls come only from it).
    /// @param extension_ The factory's {BondExtension}.
    constructor(
        Terms memory terms_,
        uint256 couponCount_,
        IParticipantRegistry registry_,
        address factory_,
        string memory name_,
        string memory symbol_,
        address extension_
    ) {
        _name = name_;
        _symbol = symbol_;
        _terms = terms_;
        _registry = registry_;
        _factory = factory_;
        _currency = terms_.currency;
        _issuer = terms_.issuer;
        _face = terms_.denomination;
        _couponCount = couponCount_;
        _extension = extension_;
    }

    // ------------------------------------------------------------------ bookbuilding

    /// @inheritdoc IBond
    function bid(uint64 units, uint16 yieldBp) external override returns (uint256 bidId) {
        _requireBookOpen();
        uint16 tick = _checkBid(units, yieldBp);
        _checkInvestor(msg.sender);
        Book storage b = _book;
        unchecked {
            // Fewer than 2^32 bids and 2^64 units: bounded by gas and by the currency's supply.
            bidId = b.nextBidId + 1;
            b.nextBidId = uint32(bidId);
            b.liveBids += 1;
            b.demand += units;
            _demand[tick] += units;
        }
        _bids[bidId] = Bid({bidder: msg.sender, units: units, tick: tick});
        emit BidPlaced(bidId, msg.sender, units, yieldBp);
        _pull(_currency, units * _face);
    }

    /// @inheritdoc IBond
    /// @dev Runs in {BondExtension}.
    function amendBid(uint256, uint64, uint16) external override {
        _extend();
    }

    /// @inheritdoc IBond
    /// @dev Runs in {BondExtension}.
    function cancelBid(uint256) external override {
        _extend();
    }

    /// @inheritdoc IBond
    /// @dev Runs in {BondExtension}.
    function finalize(uint64) external override {
        _extend();
    }

    /// @inheritdoc IBond
    /// @dev Runs in {BondExtension}.
    function cancelBook() external override {
        _extend();
    }

    /// @inheritdoc IBond
    function claimAllocation(uint256 bidId) external override {
        Status memory st = _status;
        if (st.paused) revert BondPaused();
        if (st.state == State.Book) revert BondWrongState(st.state, State.Live);
        Bid memory b = _bids[bidId];
        if (b.units == 0) revert BondUnknownBid(bidId);
        delete _bids[bidId];
        Book storage bk = _book;
        uint64 units;
        uint64 surplus;
        if (st.state != State.Cancelled) {
            Pending storage p = _pending;
            if (b.tick < st.clearingTick) {
                units = b.units;
                p.below -= units;
            } else if (b.tick == st.clearingTick) {
                (uint64 fill, uint64 demand) = (bk.fill, bk.clearingDemand);
                units = BondMath.proRata(b.units, fill, demand);
                uint64 left = p.clearing;
                uint64 rest = left - b.units;
                p.clearing = rest;
                // The funding count drops by floor(left x f / D) - floor(rest x f / D) >= units:
                // the difference (0 or 1) was funded for a unit that is never issued.
                surplus = BondMath.proRata(left, fill, demand) - BondMath.proRata(rest, fill, demand) - units;
            }
        }
        unchecked {
            // A live bid's units are part of both totals.
            bk.liveBids -= 1;
            bk.demand -= b.units;
        }
        uint256 refund = uint256(b.units - units) * _face;
        emit AllocationClaimed(bidId, b.bidder, units, refund);
        if (units != 0) {
            _ledger.unitsIssued += units;
            _mint(b.bidder, units, st.distributions);
        }
        if (surplus != 0) _releaseSurplus(_issuer, surplus);
        if (refund != 0) _payOrCredit(_currency, b.bidder, refund);
    }

    /// @inheritdoc IBond
    /// @dev Runs in {BondExtension}.
    function withdrawProceeds(uint256) external override {
        _extend();
    }

    /// @inheritdoc IBond
    function withdrawRefund() external override returns (uint256 amount) {
        amount = _refunds[msg.sender];
        if (amount == 0) revert BondNothingToRefund(msg.sender);
        _refunds[msg.sender] = 0;
        emit RefundWithdrawn(msg.sender, amount);
        _currency.safeTransfer(msg.sender, amount);
    }

    // ------------------------------------------------------------------ coupons and principal

    /// @inheritdoc IBond
    function fundCoupon(uint256 index, uint256 amount) external override {
        Status storage st = _status;
        _requireState(State.Live);
        uint256 expectedIndex = uint256(st.couponsFunded) + 1;
        if (index != expectedIndex) revert BondCouponOutOfOrder(index, expectedIndex);
        uint256 date = _couponDateChecked(index);
        if (block.timestamp < date) revert BondCouponNotDue(index, date);
        uint256 perUnit = _couponPerUnitScaled(index, st.couponBp);
        // Every allocated unit, delivered or not: no coupon waits for a bidder. The holdings are
        // owed perUnit x units exactly (scaled); the funder pays that less the carry, rounded up.
        uint256 expected = _distribute(perUnit, perUnit * _fundingUnits());
        if (amount < expected) revert BondWrongCouponAmount(index, expected, amount);
        st.couponsFunded = uint32(index);
        emit CouponFunded(index, perUnit / BondMath.SCALE, expected, msg.sender);
        if (expected != 0) _pull(_currency, expected);
    }

    /// @inheritdoc IBond
    function claimCoupons() external override returns (uint256 amount) {
        Status memory st = _status;
        if (st.paused) revert BondPaused();
        Account storage a = _checkpoint(msg.sender, st.distributions);
        uint256 owed = a.owed;
        if (owed < BondMath.SCALE) revert BondNothingToClaim(msg.sender);
        a.owed = 0;
        amount = _payOut(owed);
        emit CouponsClaimed(msg.sender, amount);
        _currency.safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc IBond
    /// @dev Runs in {BondExtension}.
    function fundRedemption(uint256) external override {
        _extend();
    }

    /// @inheritdoc IBond
    function redeem() external override returns (uint256 paid) {
        _requireState(State.Redeeming);
        if (_status.paused) revert BondPaused();
        Account storage a = _accounts[msg.sender];
        uint256 units = a.balance;
        // Burning checkpoints the holder first, so `owed` then holds every unclaimed distribution.
        if (units != 0) _burn(msg.sender, units);
        uint256 principal = units * _ledger.redemptionPerUnit;
        uint256 owed = principal + a.owed;
        if (owed < BondMath.SCALE) revert BondNothingToClaim(msg.sender);
        a.owed = 0;
        // One payment, rounded once: principal is reported rounded down, the coupons as the rest.
        paid = _payOut(owed);
        principal /= BondMath.SCALE;
        emit Redeemed(msg.sender, units, principal, paid - principal);
        _currency.safeTransfer(msg.sender, paid);
    }

    /// @inheritdoc IBond
    /// @dev Runs in {BondExtension}.
    function noticeCall(uint40) external override {
        _extend();
    }

    /// @inheritdoc IBond
    /// @dev Runs in {BondExtension}.
    function declareDefault() external override {
        _extend();
    }

    /// @inheritdoc IBond
    /// @dev Runs in {BondExtension}.
    function payRecovery(uint256) external override {
        _extend();
    }

    /// @inheritdoc IBond
    /// @dev Runs in {BondExtension}.
    function sweepCarry() external override {
        _extend();
    }

    // ------------------------------------------------------------------ use of proceeds

    /// @inheritdoc IBond
    /// @dev Runs in {BondExtension}.
    function recordDisbursement(address, uint256, bytes32) external override {
        _extend();
    }

    // ------------------------------------------------------------------ factory

    /// @inheritdoc IBond
    /// @dev Runs in {BondExtension}.
    function setPaused(bool) external override {
        _extend();
    }

    /// @inheritdoc IBond
    /// @dev Runs in {BondExtension}.
    function forcedTransfer(address, address, uint256, bytes32) external override {
        _extend();
    }

    // ------------------------------------------------------------------ views

    /// @notice Units have no decimals: one unit is one denomination.
    function decimals() external pure override returns (uint8) {
        return 0;
    }

    /// @inheritdoc IERC20Metadata
    function name() external view override returns (string memory) {
        return _name;
    }

    /// @inheritdoc IERC20Metadata
    function symbol() external view override returns (string memory) {
        return _symbol;
    }

    /// @inheritdoc IERC20
    function totalSupply() public view override returns (uint256) {
        return _totalSupply;
    }

    /// @inheritdoc IERC20
    function balanceOf(address holder) public view override returns (uint256) {
        return _accounts[holder].balance;
    }

    /// @inheritdoc IERC20
    function allowance(address owner, address spender) external view override returns (uint256) {
        return _allowances[owner][spender];
    }

    /// @inheritdoc IERC20
    function approve(address spender, uint256 units) external override returns (bool) {
        if (spender == address(0)) revert ERC20InvalidSpender(spender);
        _allowances[msg.sender][spender] = units;
        emit Approval(msg.sender, spender, units);
        return true;
    }

    /// @inheritdoc IERC20
    function transfer(address to, uint256 units) external override returns (bool) {
        _transfer(msg.sender, to, units);
        return true;
    }

    /// @inheritdoc IERC20
    function transferFrom(address from, address to, uint256 units) external override returns (bool) {
        uint256 allowed = _allowances[from][msg.sender];
        if (allowed != type(uint256).max) {
            if (allowed < units) revert ERC20InsufficientAllowance(msg.sender, allowed, units);
            unchecked {
                // allowed >= units, checked above.
                _allowances[from][msg.sender] = allowed - units;
            }
        }
        _transfer(from, to, units);
        return true;
    }

    /// @inheritdoc IBond
    function terms() external view override returns (Terms memory) {
        return _terms;
    }

    /// @inheritdoc IBond
    function factory() external view override returns (address) {
        return _factory;
    }

    /// @inheritdoc IBond
    function registry() external view override returns (IParticipantRegistry) {
        return _registry;
    }

    /// @inheritdoc IBond
    function state() external view override returns (State) {
        return _status.state;
    }

    /// @inheritdoc IBond
    function paused() external view override returns (bool) {
        return _status.paused;
    }

    /// @inheritdoc IBond
    function bidOf(uint256 bidId) external view override returns (Bid memory) {
        return _bids[bidId];
    }

    /// @inheritdoc IBond
    function demandAt(uint256 tick) external view override returns (uint64) {
        return _demand[tick];
    }

    /// @inheritdoc IBond
    function book() external view override returns (uint256, uint256, uint256) {
        return (_book.nextBidId, _book.liveBids, _book.demand);
    }

    /// @inheritdoc IBond
    function clearing() external view override returns (uint16, uint16, uint64, uint64) {
        return (_status.couponBp, _status.clearingTick, _book.fill, _book.clearingDemand);
    }

    /// @inheritdoc IBond
    function couponCount() external view override returns (uint256) {
        return _couponCount;
    }

    /// @inheritdoc IBond
    function couponDate(uint256 index) external view override returns (uint256) {
        return _couponDateChecked(index);
    }

    /// @inheritdoc IBond
    function couponPerUnit(uint256 index) external view override returns (uint256) {
        _couponDateChecked(index);
        return _couponPerUnitScaled(index, _status.couponBp) / BondMath.SCALE;
    }

    /// @inheritdoc IBond
    function couponsFunded() external view override returns (uint256) {
        return _status.couponsFunded;
    }

    /// @inheritdoc IBond
    function accruedPerUnit(uint256 timestamp) external view override returns (uint256) {
        return _accruedPerUnit(timestamp, _status.couponBp, uint256(_status.couponsFunded) + 1);
    }

    /// @inheritdoc IBond
    function claimable(address holder) external view override returns (uint256) {
        return _entitlement(_accounts[holder]) / BondMath.SCALE;
    }

    /// @inheritdoc IBond
    function redeemable(address holder) external view override returns (uint256) {
        Account memory a = _accounts[holder];
        return (_entitlement(a) + uint256(a.balance) * _ledger.redemptionPerUnit) / BondMath.SCALE;
    }

    /// @inheritdoc IBond
    function distributed() external view override returns (uint256, uint256) {
        Status memory st = _status;
        return (_cumAt[st.distributions], st.carry);
    }

    /// @inheritdoc IBond
    function redemption() external view override returns (uint40, uint256) {
        return (_status.callDate, _ledger.redemptionPerUnit / BondMath.SCALE);
    }

    /// @inheritdoc IBond
    function proceeds() external view override returns (uint256, uint256, uint256, uint256) {
        uint256 issued = _ledger.unitsIssued;
        return (issued, _raised(), _proceedsWithdrawn, _disbursed);
    }

    /// @inheritdoc IBond
    function smeShareBp() external view override returns (uint256) {
        uint256 raised = _raised();
        return raised == 0 ? 0 : (_disbursed * 10_000) / raised;
    }

    /// @inheritdoc IBond
    function unitsOutstanding() external view override returns (uint256) {
        return _fundingUnits();
    }

    /// @inheritdoc IBond
    function pendingAllocations() external view override returns (uint64 belowUnits, uint64 clearingBidUnits) {
        Pending memory p = _pending;
        return (p.below, p.clearing);
    }

    /// @inheritdoc IBond
    function refundOf(address wallet) external view override returns (uint256) {
        return _refunds[wallet];
    }

    // ------------------------------------------------------------------ internal

    /// @dev A holder's transfer: not paused, both parties eligible (one registry call).
    function _transfer(address from, address to, uint256 units) private {
        // The bond is a registered module; units sent to it could never leave.
        if (to == address(0) || to == address(this)) revert ERC20InvalidReceiver(to);
        Status memory st = _status;
        if (st.paused) revert BondPaused();
        (IParticipantRegistry.Ineligibility rf, IParticipantRegistry.Ineligibility rt) = _registry.eligibilityOf(
            from,
            to
        );
        _requireEligible(from, rf);
        _requireEligible(to, rt);
        Account storage src = _checkpoint(from, st.distributions);
        uint256 balance = src.balance;
        if (balance < units) revert ERC20InsufficientBalance(from, balance, units);
        _move(src, _checkpoint(to, st.distributions), from, to, units);
    }

    /// @dev Books an allocation to its bidder, entitled to every distribution since the issue date
    /// (the funding counted it). Delivery needs no eligibility: the bidder bought the units while
    /// eligible, and a lapsed one must not hold up anyone else; an ineligible holder can neither move,
    /// claim nor redeem them until eligible again (or the regulator moves them). At most the size, a
    /// uint64.
    function _mint(address to, uint64 units, uint32 d) private {
        Account storage dst = _checkpoint(to, d);
        dst.balance += units;
        if (d != 0) dst.owed = SafeCast.toUint160(dst.owed + uint256(units) * _cumAt[d]);
        _totalSupply += units;
        emit Transfer(address(0), to, units);
    }

    /// @dev Burns all of `from`'s `units` on redemption (the holder must still be eligible: it is paid).
    function _burn(address from, uint256 units) private {
        _requireEligible(from, _registry.eligibility(from));
        Account storage src = _checkpoint(from, _status.distributions);
        src.balance -= uint64(units);
        _totalSupply -= units;
        emit Transfer(from, address(0), units);
    }

    function _couponDateChecked(uint256 index) private view returns (uint256) {
        if (index == 0 || index > _couponCount) revert BondUnknownCoupon(index, _couponCount);
        uint256 date = BondMath.couponDate(_terms, _couponCount, index);
        uint40 callDate = _status.callDate;
        if (callDate != 0 && date > callDate) revert BondUnknownCoupon(index, _couponCount);
        return date;
    }

    function _couponPerUnitScaled(uint256 index, uint16 couponBp) private view returns (uint256) {
        Terms storage t = _terms;
        return
            BondMath.couponPerUnitScaled(t, _couponCount, index, couponBp, BondMath.couponDate(t, _couponCount, index));
    }

    /// @dev Coupon accrued per unit in period `index` (the first unfunded one) up to `at`.
    function _accruedPerUnit(uint256 timestamp, uint16 couponBp, uint256 index) private view returns (uint256) {
        if (index > _couponCount) return 0;
        return BondMath.couponPerUnit(_terms, _couponCount, index, couponBp, timestamp);
    }

    function _checkInvestor(address investor) private view {
        _requireEligible(investor, _registry.eligibility(investor));
        uint16 kinds = _terms.investorKinds;
        if (!_registry.hasKind(investor, kinds)) revert BondInvestorKindNotAllowed(investor, kinds);
    }

    /// @dev Delegates the call as received to the extension; reverts with its revert data.
    function _extend() private {
        address ext = _extension;
        // Returns normally (never with assembly `return`: the market's liveness suite found that a
        // `return` skips the caller's modifiers' epilogue). The extended functions return nothing.
        // Assembly, as in the market's `_extend`: the calldata is forwarded as received and the
        // revert data bubbled unchanged (custom errors reach the caller as the extension threw them).
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            calldatacopy(ptr, 0, calldatasize())
            if iszero(delegatecall(gas(), ext, ptr, calldatasize(), 0, 0)) {
                returndatacopy(ptr, 0, returndatasize())
                revert(ptr, returndatasize())
            }
        }
    }

    /// @dev Proceeds raised: see {BondExtension-_raised}.
    function _raised() private view returns (uint256) {
        return (uint256(_ledger.unitsIssued) + _pending.below) * _face;
    }
}
