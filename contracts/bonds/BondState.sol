// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {IBond} from "../interfaces/IBond.sol";
import {IParticipantRegistry} from "../interfaces/IParticipantRegistry.sol";
import {BondMath} from "../libraries/BondMath.sol";

/**
 * @title BondState
 * @notice A bond's storage and the helpers its core ({Bond}) and its cold-path extension
 * ({BondExtension}) share. It is the first base of both, so its variables take the same slots in
 * each: the extension runs by `delegatecall` on the bond's storage (as {FactoringMarketExtension}
 * does for the market). One extension serves every bond of a factory, so nothing here is an
 * immutable: the extension reads the per-bond figures from `_terms` or from the bond's own views.
 */
// The 16th variable is the per-unit accumulator of issue 14 (`_cumAt`); the storage is one bond's
// whole state, shared by the core and its extension, so it is not split further.
// solhint-disable-next-line max-states-count
abstract contract BondState {
    using SafeERC20 for IERC20;

    /// @dev Lifecycle and distribution state (1 slot).
    struct Status {
        IBond.State state;
        bool paused;
        uint16 couponBp; // coupon rate = clearing yield, basis points
        uint16 clearingTick; // tick of the clearing yield
        uint32 couponsFunded; // last funded coupon index
        uint40 callDate; // 0 = not called
        uint32 distributions; // distributions (coupons, recoveries) funded so far: index of the last in `_cumAt`
        // Cash held beyond every holder's exact entitlement, x SCALE: the funding rounded up, the
        // fraction below a base unit each payment leaves, the recovery remainder. Used first by the
        // next funding, so it stays below a base unit plus the dust of the payments since;
        // 2^104 / SCALE = 1.9e13 base units is out of reach (each payment adds less than one).
        uint104 carry;
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
        uint192 redemptionPerUnit; // currency base units per unit x SCALE, once funded (<= 2^64 x 2 x 2^60)
        uint64 unitsIssued; // units delivered (minted) so far
    }

    /// @dev Allocations made at finalisation and not delivered yet (1 slot). They count in every
    /// funding requirement as if delivered, so no payment waits for a bidder.
    struct Pending {
        uint64 below; // units of undelivered bids below the clearing tick (filled in full)
        uint64 clearing; // bid units of undelivered bids at the clearing tick (filled pro rata)
    }

    /// @dev A holder (1 slot): balance, distributions owed (exact, scaled), and the distribution
    /// they were owed up to. The checkpoint is an index into `_cumAt` rather than the accumulator's
    /// value, so the scaled figures fit one slot with the balance: `owed` has 160 bits, 2^160 / SCALE
    /// = 1.35e30 base units, above the 96 bits of base units it had before the scale.
    struct Account {
        uint64 balance; // units
        uint160 owed; // currency base units x SCALE, unclaimed distributions up to the checkpoint
        uint32 checkpoint; // `Status.distributions` at the last checkpoint
    }

    IBond.Terms internal _terms;
    Status internal _status;
    Book internal _book;
    Ledger internal _ledger;
    uint256 internal _proceedsWithdrawn;
    uint256 internal _disbursed;
    mapping(uint256 bidId => IBond.Bid) internal _bids;
    mapping(uint256 tick => uint64 units) internal _demand;
    mapping(address holder => Account) internal _accounts;
    mapping(address owner => mapping(address spender => uint256 units)) internal _allowances;
    uint256 internal _totalSupply;
    string internal _name;
    string internal _symbol;
    Pending internal _pending;
    /// @dev Cash owed to wallets a payment could not reach (or surplus returned to the issuer).
    mapping(address wallet => uint256 amount) internal _refunds;
    /// @dev Distributions per unit since issue, currency base units x SCALE, after each distribution
    /// (1-based; entry 0 is never written and reads 0). Unbounded in width: it is real cash per unit.
    mapping(uint256 distribution => uint256 cumPerUnit) internal _cumAt;

    /**
     * @dev Units every coupon, redemption and recovery is funded for: units issued plus the
     * allocations not delivered yet. At the clearing tick the undelivered bids are counted at
     * `floor(bid units left x fill / demand)`, which is at least the sum of their own rounded-down
     * allocations; the difference (below one unit per delivery) is returned to the issuer as each
     * bid is delivered ({_releaseSurplus}), so the cash held always covers what the units are owed.
     */
    function _fundingUnits() internal view returns (uint256) {
        Pending memory p = _pending;
        Book storage b = _book;
        uint256 clearing = p.clearing == 0 ? 0 : BondMath.proRata(p.clearing, b.fill, b.clearingDemand);
        return _totalSupply + p.below + clearing;
    }

    /// @dev Credits the issuer with what `units` of funded-but-never-issued units were paid so far
    /// (distributions, and the redemption once funded), rounded down; the fraction is carried.
    function _releaseSurplus(address issuer, uint256 units) internal {
        Status storage st = _status;
        uint256 scaled = units * (_cumAt[st.distributions] + _ledger.redemptionPerUnit);
        uint256 amount = scaled / BondMath.SCALE;
        st.carry += uint104(scaled % BondMath.SCALE);
        if (amount != 0) _credit(issuer, amount);
    }

    /// @dev Books a distribution of `perUnit` (scaled) to every unit outstanding, using the carry
    /// first; returns the cash the funder owes (rounded up to the base unit).
    function _distribute(uint256 perUnit, uint256 owed) internal returns (uint256 amount) {
        uint256 left;
        (amount, left) = BondMath.fundFromCarry(owed, _status.carry);
        _append(perUnit, left);
    }

    /// @dev Appends a distribution of `perUnit` (scaled) to the accumulator and sets the carry
    /// (`left` < 2^104: below one base unit after a funding, below the units after a recovery).
    function _append(uint256 perUnit, uint256 left) internal {
        Status storage st = _status;
        uint32 d = st.distributions;
        _cumAt[d + 1] = _cumAt[d] + perUnit;
        st.distributions = d + 1;
        st.carry = uint104(left);
    }

    /// @dev Pays out a holder's scaled entitlement `owed`: the base units it is paid (rounded down);
    /// the fraction below a base unit joins the carry.
    function _payOut(uint256 owed) internal returns (uint256 amount) {
        amount = owed / BondMath.SCALE;
        _status.carry += uint104(owed % BondMath.SCALE);
    }

    /// @dev Moves what `holder` earned since its last checkpoint into `owed` (scaled, exact). Writes
    /// only when a distribution was funded since, so a transfer between two checkpointed holders
    /// writes nothing besides the balances (and reads no accumulator entry).
    function _checkpoint(address holder, uint32 d) internal returns (Account storage a) {
        a = _accounts[holder];
        uint32 seen = a.checkpoint;
        if (seen != d) {
            // seen < d: checkpoints only move forward, so d >= 1 and the difference is >= 0.
            uint256 since = _cumAt[d] - (seen == 0 ? 0 : _cumAt[seen]);
            a.owed = SafeCast.toUint160(a.owed + uint256(a.balance) * since);
            a.checkpoint = d;
        }
    }

    /// @dev `holder`'s unclaimed distributions now, scaled (a view of {_checkpoint}).
    function _entitlement(Account memory a) internal view returns (uint256) {
        uint32 d = _status.distributions;
        if (a.checkpoint == d) return a.owed;
        return a.owed + uint256(a.balance) * (_cumAt[d] - (a.checkpoint == 0 ? 0 : _cumAt[a.checkpoint]));
    }

    /// @dev Moves units between two checkpointed accounts; `src` holds at least `units`.
    function _move(Account storage src, Account storage dst, address from, address to, uint256 units) internal {
        unchecked {
            // src.balance >= units (checked by the callers); dst.balance + units <= totalSupply < 2^64.
            src.balance -= uint64(units);
            dst.balance += uint64(units);
        }
        emit IERC20.Transfer(from, to, units);
    }

    /// @dev Pulls exactly `amount` from the caller, or reverts (a fee-on-transfer currency is refused).
    function _pull(IERC20 currency, uint256 amount) internal {
        uint256 before = currency.balanceOf(address(this));
        currency.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = currency.balanceOf(address(this)) - before;
        if (received != amount) revert IBond.BondFeeOnTransfer(address(currency), amount, received);
    }

    /// @dev Pays `to` (who is not the caller), or credits it when the transfer does not go through.
    function _payOrCredit(IERC20 currency, address to, uint256 amount) internal {
        if (!currency.trySafeTransfer(to, amount)) _credit(to, amount);
    }

    function _credit(address to, uint256 amount) internal {
        _refunds[to] += amount;
        emit IBond.Credited(to, amount);
    }

    function _requireBookOpen() internal view {
        Status memory st = _status;
        if (st.paused) revert IBond.BondPaused();
        if (st.state != IBond.State.Book) revert IBond.BondWrongState(st.state, IBond.State.Book);
        IBond.Terms storage t = _terms;
        if (block.timestamp < t.bookOpen || block.timestamp >= t.bookClose) {
            revert IBond.BondBookNotOpen(block.timestamp, t.bookOpen, t.bookClose);
        }
    }

    function _checkBid(uint64 units, uint16 yieldBp) internal view returns (uint16 tick) {
        IBond.Terms storage t = _terms;
        if (yieldBp < t.yieldMinBp || yieldBp > t.yieldMaxBp) {
            revert IBond.BondYieldOutOfRange(yieldBp, t.yieldMinBp, t.yieldMaxBp);
        }
        uint16 offset = yieldBp - t.yieldMinBp;
        if (offset % t.tickBp != 0) revert IBond.BondYieldOffTick(yieldBp, t.tickBp);
        if (units < t.minTicket || units > t.maxTicket) {
            revert IBond.BondTicketOutOfRange(units, t.minTicket, t.maxTicket);
        }
        tick = offset / t.tickBp;
    }

    function _requireState(IBond.State expected) internal view {
        IBond.State actual = _status.state;
        if (actual != expected) revert IBond.BondWrongState(actual, expected);
    }

    function _requireEligible(address wallet, IParticipantRegistry.Ineligibility reason) internal pure {
        if (reason != IParticipantRegistry.Ineligibility.None) revert IBond.BondIneligible(wallet, reason);
    }
}
