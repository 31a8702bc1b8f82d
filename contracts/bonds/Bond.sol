// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {IBond} from "../interfaces/IBond.sol";
import {IParticipantRegistry} from "../interfaces/IParticipantRegistry.sol";
import {BondMath} from "../libraries/BondMath.sol";
import {Kinds} from "../libraries/Kinds.sol";

/**
 * @title Bond
 * @notice One SME bond, created by the {BondFactory}. See {IBond}.
 * @dev The ERC-20 is implemented here rather than inherited so that a holder's balance, unclaimed
 * distributions and checkpoint share one slot: a transfer writes the same two slots as a plain
 * ERC-20 transfer, and a holder's first coupon claim rewrites a non-zero slot instead of filling an
 * empty one. Hot state is packed so that a transfer reads one bond slot besides the two accounts.
 */
contract Bond is IBond, IERC20Metadata, IERC20Errors {
    using SafeERC20 for IERC20;

    /// @dev Lifecycle and distribution state (1 slot).
    struct Status {
        State state;
        bool paused;
        uint16 couponBp; // coupon rate = clearing yield, basis points
        uint16 clearingTick;
        uint32 couponsFunded; // last funded coupon index
        uint40 callDate; // 0 = not called
        uint96 cumPerUnit; // distributions per unit since issue, currency base units
    }

    /// @dev Book totals and the pro-rata fraction at the clearing tick (1 slot).
    struct Book {
        uint32 nextBidId; // bids ever placed
        uint32 liveBids; // bids not yet settled (claimed or cancelled)
        uint64 demand; // units escrowed by live bids
        uint64 fill; // units filled at the clearing tick
        uint64 clearingDemand; // units bid at the clearing tick
    }

    /// @dev Redemption and issuance figures (1 slot).
    struct Ledger {
        uint96 redemptionPerUnit; // currency base units per unit, once funded
        uint64 carry; // recovery remainder, currency base units (< units outstanding)
        uint64 unitsIssued;
    }

    /// @dev A holder (1 slot): balance, distributions owed, and the checkpoint they were owed at.
    struct Account {
        uint64 balance; // units
        uint96 owed; // currency base units, unclaimed distributions up to the checkpoint
        uint96 paidPerUnit; // value of cumPerUnit at the last checkpoint
    }

    IParticipantRegistry private immutable _registry;
    address private immutable _factory;
    IERC20 private immutable _currency;
    address private immutable _issuer;
    address private immutable _lead;
    uint256 private immutable _face;
    uint256 private immutable _couponCount;

    Terms private _terms;
    Status private _status;
    Book private _book;
    Ledger private _ledger;
    uint256 private _proceedsWithdrawn;
    uint256 private _disbursed;
    mapping(uint256 bidId => Bid) private _bids;
    mapping(uint256 tick => uint64 units) private _demand;
    mapping(address holder => Account) private _accounts;
    mapping(address owner => mapping(address spender => uint256 units)) private _allowances;
    uint256 private _totalSupply;
    string private _name;
    string private _symbol;

    modifier onlyIssuer() {
        _requireIssuer();
        _;
    }

    modifier onlyFactory() {
        if (msg.sender != _factory) revert BondNotFactory(msg.sender);
        _;
    }

    /// @param terms_ Validated by the factory.
    /// @param couponCount_ Payments in the schedule ({BondMath.couponCount}, computed by the factory).
    /// @param registry_ The participant registry.
    /// @param factory_ The creating factory (operator calls come only from it).
    constructor(
        Terms memory terms_,
        uint256 couponCount_,
        IParticipantRegistry registry_,
        address factory_,
        string memory name_,
        string memory symbol_
    ) {
        _name = name_;
        _symbol = symbol_;
        _terms = terms_;
        _registry = registry_;
        _factory = factory_;
        _currency = terms_.currency;
        _issuer = terms_.issuer;
        _lead = terms_.leadUnderwriter;
        _face = terms_.denomination;
        _couponCount = couponCount_;
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
        _pull(units * _face);
    }

    /// @inheritdoc IBond
    function amendBid(uint256 bidId, uint64 units, uint16 yieldBp) external override {
        _requireBookOpen();
        Bid storage s = _ownBid(bidId);
        uint16 tick = _checkBid(units, yieldBp);
        uint64 old = s.units;
        _demand[s.tick] -= old;
        _demand[tick] += units;
        _book.demand = _book.demand - old + units;
        s.units = units;
        s.tick = tick;
        emit BidAmended(bidId, units, yieldBp);
        if (units > old) {
            _pull((units - old) * _face);
        } else if (units < old) {
            _pay(msg.sender, (old - units) * _face);
        }
    }

    /// @inheritdoc IBond
    function cancelBid(uint256 bidId) external override {
        _requireBookOpen();
        Bid storage s = _ownBid(bidId);
        uint64 units = s.units;
        _demand[s.tick] -= units;
        _book.demand -= units;
        _book.liveBids -= 1;
        delete _bids[bidId];
        uint256 refund = units * _face;
        emit BidCancelled(bidId, msg.sender, refund);
        _pay(msg.sender, refund);
    }

    /// @inheritdoc IBond
    function finalize(uint64 size) external override {
        _requireIssuerOrLead();
        _requireState(State.Book);
        Terms storage t = _terms;
        if (block.timestamp < t.bookClose) revert BondBookStillOpen(block.timestamp, t.bookClose);
        if (block.timestamp > t.issueDate) revert BondSettlementPassed(block.timestamp, t.issueDate);
        if (size == 0 || size > t.size) revert BondInvalidSize(size, t.size);
        uint256 ticks = (t.yieldMaxBp - t.yieldMinBp) / t.tickBp + 1;
        uint64 below;
        for (uint256 tick; tick < ticks; ++tick) {
            uint64 d = _demand[tick];
            if (below + d >= size) {
                uint64 fill = size - below;
                uint16 couponBp = uint16(t.yieldMinBp + tick * t.tickBp);
                _status.state = State.Live;
                _status.couponBp = couponBp;
                _status.clearingTick = uint16(tick);
                _book.fill = fill;
                _book.clearingDemand = d;
                emit BookFinalized(couponBp, size, fill, d, _book.demand);
                return;
            }
            below += d;
        }
        revert BondUndersubscribed(size, below);
    }

    /// @inheritdoc IBond
    function cancelBook() external override {
        _requireState(State.Book);
        if (block.timestamp <= _terms.issueDate) _requireIssuerOrLead();
        _status.state = State.Cancelled;
        emit BookCancelled(msg.sender);
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
        if (st.state != State.Cancelled) {
            if (b.tick < st.clearingTick) units = b.units;
            else if (b.tick == st.clearingTick) units = BondMath.proRata(b.units, bk.fill, bk.clearingDemand);
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
            _mint(b.bidder, units);
        }
        if (refund != 0) _pay(b.bidder, refund);
    }

    /// @inheritdoc IBond
    function withdrawProceeds(uint256 amount) external override onlyIssuer {
        uint256 available = uint256(_ledger.unitsIssued) * _face - _proceedsWithdrawn;
        if (amount == 0) revert BondZeroAmount();
        if (amount > available) revert BondInsufficientProceeds(amount, available);
        _proceedsWithdrawn += amount;
        emit ProceedsWithdrawn(msg.sender, amount);
        _pay(msg.sender, amount);
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
        if (_book.liveBids != 0) revert BondAllocationsPending(_book.liveBids);
        uint256 perUnit = _couponPerUnit(index, st.couponBp);
        uint256 expected = perUnit * totalSupply();
        if (amount != expected) revert BondWrongCouponAmount(index, expected, amount);
        st.couponsFunded = uint32(index);
        st.cumPerUnit += uint96(perUnit);
        emit CouponFunded(index, perUnit, amount, msg.sender);
        _pull(amount);
    }

    /// @inheritdoc IBond
    function claimCoupons() external override returns (uint256 amount) {
        Status memory st = _status;
        if (st.paused) revert BondPaused();
        Account storage a = _accounts[msg.sender];
        amount = a.owed + uint256(a.balance) * (st.cumPerUnit - a.paidPerUnit);
        if (amount == 0) revert BondNothingToClaim(msg.sender);
        a.owed = 0;
        a.paidPerUnit = st.cumPerUnit;
        emit CouponsClaimed(msg.sender, amount);
        _pay(msg.sender, amount);
    }

    /// @inheritdoc IBond
    function fundRedemption(uint256 amount) external override {
        _requireState(State.Live);
        Status memory st = _status;
        uint256 date = st.callDate == 0 ? _terms.maturity : st.callDate;
        if (block.timestamp < date) revert BondRedemptionNotDue(date);
        uint256 next = uint256(st.couponsFunded) + 1;
        if (next <= _couponCount && BondMath.couponDate(_terms, _couponCount, next) <= date) {
            revert BondCouponOutstanding(next);
        }
        uint256 perUnit =
            st.callDate == 0
                ? _face
                : (_face * _terms.callPriceBp) / 10_000 + _accruedPerUnit(st.callDate, st.couponBp, next);
        uint256 expected = perUnit * totalSupply();
        if (amount != expected) revert BondWrongRedemptionAmount(expected, amount);
        _status.state = State.Redeeming;
        _ledger.redemptionPerUnit = uint96(perUnit);
        emit RedemptionFunded(perUnit, amount, msg.sender);
        _pull(amount);
    }

    /// @inheritdoc IBond
    function redeem() external override returns (uint256 paid) {
        _requireState(State.Redeeming);
        if (_status.paused) revert BondPaused();
        Account storage a = _accounts[msg.sender];
        uint256 units = a.balance;
        // Burning checkpoints the holder first, so `owed` then holds every unclaimed distribution.
        if (units != 0) _burn(msg.sender, units);
        uint256 coupons = a.owed;
        uint256 principal = units * _ledger.redemptionPerUnit;
        paid = principal + coupons;
        if (paid == 0) revert BondNothingToClaim(msg.sender);
        a.owed = 0;
        emit Redeemed(msg.sender, units, principal, coupons);
        _pay(msg.sender, paid);
    }

    /// @inheritdoc IBond
    function noticeCall(uint40 callDate) external override onlyIssuer {
        _requireState(State.Live);
        Terms storage t = _terms;
        if (t.firstCallDate == 0) revert BondNotCallable();
        if (_status.callDate != 0) revert BondAlreadyCalled(_status.callDate);
        uint256 earliest = block.timestamp + t.callNotice;
        if (earliest < t.firstCallDate) earliest = t.firstCallDate;
        if (callDate < earliest || callDate >= t.maturity) revert BondInvalidCallDate(callDate, earliest, t.maturity);
        _status.callDate = callDate;
        emit CallNoticed(callDate, (_face * t.callPriceBp) / 10_000);
    }

    /// @inheritdoc IBond
    function declareDefault() external override {
        _requireState(State.Live);
        Status memory st = _status;
        uint256 grace = _terms.gracePeriod;
        uint256 redemptionDate = st.callDate == 0 ? _terms.maturity : st.callDate;
        uint256 next = uint256(st.couponsFunded) + 1;
        uint256 missed = type(uint256).max;
        if (next <= _couponCount) {
            uint256 date = BondMath.couponDate(_terms, _couponCount, next);
            if (date <= redemptionDate && block.timestamp > date + grace) missed = next;
        }
        if (missed == type(uint256).max && block.timestamp > redemptionDate + grace) missed = 0;
        if (missed == type(uint256).max) revert BondNoMissedPayment(block.timestamp);
        _status.state = State.Defaulted;
        emit BondDefaulted(missed, msg.sender);
    }

    /// @inheritdoc IBond
    function payRecovery(uint256 amount) external override {
        _requireState(State.Defaulted);
        if (amount == 0) revert BondZeroAmount();
        uint256 supply = totalSupply();
        uint256 pool = amount + _ledger.carry;
        uint256 perUnit = pool / supply;
        uint256 carry = pool - perUnit * supply;
        _ledger.carry = uint64(carry);
        _status.cumPerUnit += uint96(perUnit);
        emit RecoveryPaid(amount, perUnit, carry, msg.sender);
        _pull(amount);
    }

    /// @inheritdoc IBond
    function sweepCarry() external override onlyIssuer {
        _requireState(State.Defaulted);
        uint256 carry = _ledger.carry;
        if (carry == 0) revert BondZeroAmount();
        _ledger.carry = 0;
        emit CarrySwept(msg.sender, carry);
        _pay(msg.sender, carry);
    }

    // ------------------------------------------------------------------ use of proceeds

    /// @inheritdoc IBond
    function recordDisbursement(address borrower, uint256 amount, bytes32 loanRef) external override onlyIssuer {
        if (amount == 0) revert BondZeroAmount();
        if (!_registry.isEligibleKind(borrower, Kinds.SME)) revert BondNotSme(borrower);
        uint256 total = _disbursed + amount;
        uint256 raised = uint256(_ledger.unitsIssued) * _face;
        if (total > raised) revert BondProceedsExceeded(total, raised);
        _disbursed = total;
        emit ProceedsDisbursed(borrower, amount, loanRef);
    }

    // ------------------------------------------------------------------ factory

    /// @inheritdoc IBond
    function setPaused(bool paused_) external override onlyFactory {
        _status.paused = paused_;
        emit BondPauseSet(paused_);
    }

    /// @inheritdoc IBond
    function forcedTransfer(address from, address to, uint256 units, bytes32 orderRef) external override onlyFactory {
        if (units == 0) revert BondZeroAmount();
        if (to == address(0) || to == address(this)) revert ERC20InvalidReceiver(to);
        IParticipantRegistry.Ineligibility reason = _registry.eligibility(to);
        if (reason != IParticipantRegistry.Ineligibility.None) revert BondIneligible(to, reason);
        uint96 cum = _status.cumPerUnit;
        Account storage src = _checkpoint(from, cum);
        uint256 balance = src.balance;
        if (balance < units) revert ERC20InsufficientBalance(from, balance, units);
        Account storage dst = _checkpoint(to, cum);
        uint256 entitlement = (uint256(src.owed) * units) / balance;
        src.owed -= uint96(entitlement);
        dst.owed += uint96(entitlement);
        emit BondForcedTransfer(from, to, units, entitlement, orderRef);
        // Skips the eligibility of `from` and the pause: the order overrides them.
        _move(src, dst, from, to, units);
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
        return _couponPerUnit(index, _status.couponBp);
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
        Account memory a = _accounts[holder];
        return a.owed + uint256(a.balance) * (_status.cumPerUnit - a.paidPerUnit);
    }

    /// @inheritdoc IBond
    function distributed() external view override returns (uint256, uint256) {
        return (_status.cumPerUnit, _ledger.carry);
    }

    /// @inheritdoc IBond
    function redemption() external view override returns (uint40, uint256) {
        return (_status.callDate, _ledger.redemptionPerUnit);
    }

    /// @inheritdoc IBond
    function proceeds() external view override returns (uint256, uint256, uint256, uint256) {
        uint256 issued = _ledger.unitsIssued;
        return (issued, issued * _face, _proceedsWithdrawn, _disbursed);
    }

    /// @inheritdoc IBond
    function smeShareBp() external view override returns (uint256) {
        uint256 raised = uint256(_ledger.unitsIssued) * _face;
        return raised == 0 ? 0 : (_disbursed * 10_000) / raised;
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
        Account storage src = _checkpoint(from, st.cumPerUnit);
        uint256 balance = src.balance;
        if (balance < units) revert ERC20InsufficientBalance(from, balance, units);
        _move(src, _checkpoint(to, st.cumPerUnit), from, to, units);
    }

    /// @dev Moves units between two checkpointed accounts; `src` holds at least `units`.
    function _move(Account storage src, Account storage dst, address from, address to, uint256 units) private {
        unchecked {
            // src.balance >= units (checked by the callers); dst.balance + units <= totalSupply < 2^64.
            src.balance -= uint64(units);
            dst.balance += uint64(units);
        }
        emit Transfer(from, to, units);
    }

    /// @dev Issues units to an eligible holder (allocations are at most the size, a uint64).
    function _mint(address to, uint64 units) private {
        _requireEligible(to, _registry.eligibility(to));
        Account storage dst = _checkpoint(to, _status.cumPerUnit);
        dst.balance += units;
        _totalSupply += units;
        emit Transfer(address(0), to, units);
    }

    /// @dev Burns all of `from`'s `units` on redemption (the holder must still be eligible: it is paid).
    function _burn(address from, uint256 units) private {
        _requireEligible(from, _registry.eligibility(from));
        Account storage src = _checkpoint(from, _status.cumPerUnit);
        src.balance -= uint64(units);
        _totalSupply -= units;
        emit Transfer(from, address(0), units);
    }

    /// @dev Moves what `holder` earned since its last checkpoint into `owed`. Writes only when a
    /// distribution was funded since, so a transfer between two checkpointed holders writes nothing
    /// besides the balances.
    function _checkpoint(address holder, uint96 cum) private returns (Account storage a) {
        a = _accounts[holder];
        uint96 paid = a.paidPerUnit;
        if (paid != cum) {
            a.owed += uint96(uint256(a.balance) * (cum - paid));
            a.paidPerUnit = cum;
        }
    }

    function _couponDateChecked(uint256 index) private view returns (uint256) {
        if (index == 0 || index > _couponCount) revert BondUnknownCoupon(index, _couponCount);
        uint256 date = BondMath.couponDate(_terms, _couponCount, index);
        uint40 callDate = _status.callDate;
        if (callDate != 0 && date > callDate) revert BondUnknownCoupon(index, _couponCount);
        return date;
    }

    function _couponPerUnit(uint256 index, uint16 couponBp) private view returns (uint256) {
        Terms storage t = _terms;
        return BondMath.couponPerUnit(t, _couponCount, index, couponBp, BondMath.couponDate(t, _couponCount, index));
    }

    /// @dev Coupon accrued per unit in period `index` (the first unfunded one) up to `at`.
    function _accruedPerUnit(uint256 timestamp, uint16 couponBp, uint256 index) private view returns (uint256) {
        if (index > _couponCount) return 0;
        return BondMath.couponPerUnit(_terms, _couponCount, index, couponBp, timestamp);
    }

    function _requireBookOpen() private view {
        Status memory st = _status;
        if (st.paused) revert BondPaused();
        if (st.state != State.Book) revert BondWrongState(st.state, State.Book);
        Terms storage t = _terms;
        if (block.timestamp < t.bookOpen || block.timestamp >= t.bookClose) {
            revert BondBookNotOpen(block.timestamp, t.bookOpen, t.bookClose);
        }
    }

    function _checkBid(uint64 units, uint16 yieldBp) private view returns (uint16 tick) {
        Terms storage t = _terms;
        if (yieldBp < t.yieldMinBp || yieldBp > t.yieldMaxBp) {
            revert BondYieldOutOfRange(yieldBp, t.yieldMinBp, t.yieldMaxBp);
        }
        uint16 offset = yieldBp - t.yieldMinBp;
        if (offset % t.tickBp != 0) revert BondYieldOffTick(yieldBp, t.tickBp);
        if (units < t.minTicket || units > t.maxTicket) revert BondTicketOutOfRange(units, t.minTicket, t.maxTicket);
        tick = offset / t.tickBp;
    }

    function _checkInvestor(address investor) private view {
        _requireEligible(investor, _registry.eligibility(investor));
        uint16 kinds = _terms.investorKinds;
        if (!_registry.hasKind(investor, kinds)) revert BondInvestorKindNotAllowed(investor, kinds);
    }

    function _ownBid(uint256 bidId) private view returns (Bid storage s) {
        s = _bids[bidId];
        if (s.units == 0) revert BondUnknownBid(bidId);
        if (s.bidder != msg.sender) revert BondNotBidder(bidId, msg.sender);
    }

    function _requireIssuer() private view {
        if (msg.sender != _issuer) revert BondNotIssuer(msg.sender);
    }

    /// @dev The currency is an approved token without transfer fees; SafeERC20 covers tokens that
    /// return no value.
    function _pull(uint256 amount) private {
        _currency.safeTransferFrom(msg.sender, address(this), amount);
    }

    function _pay(address to, uint256 amount) private {
        _currency.safeTransfer(to, amount);
    }

    function _requireIssuerOrLead() private view {
        if (msg.sender != _issuer && (msg.sender != _lead || _lead == address(0))) revert BondNotIssuer(msg.sender);
    }

    function _requireState(State expected) private view {
        State actual = _status.state;
        if (actual != expected) revert BondWrongState(actual, expected);
    }

    function _requireEligible(address wallet, IParticipantRegistry.Ineligibility reason) private pure {
        if (reason != IParticipantRegistry.Ineligibility.None) revert BondIneligible(wallet, reason);
    }
}
