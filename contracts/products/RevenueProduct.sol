// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IReceivableToken} from "../interfaces/IReceivableToken.sol";
import {ITrancheToken} from "../interfaces/ITrancheToken.sol";
import {IRevenueProduct} from "../interfaces/IRevenueProduct.sol";
import {WaterfallMath} from "../libraries/WaterfallMath.sol";
import {RevenueProductExtension} from "./RevenueProductExtension.sol";
import {RevenueProductState} from "./RevenueProductState.sol";

/**
 * @title RevenueProduct
 * @notice A revenue-sharing product over a basket of receivable fragments: see {IRevenueProduct}.
 * Deployed as ERC-1167 clones by the {ProductFactory}; the implementation itself is inert.
 * @dev The hot paths (subscribe, close, claim of shares, collect, credits) run here; the cold
 * paths run in {RevenueProductExtension} by `delegatecall` on the same storage
 * ({RevenueProductState}), reached through functions of the same names here that carry the guards.
 * Every loop is over the basket (at most `maxBasket` fragments) and never over holders.
 */
contract RevenueProduct is RevenueProductState, IRevenueProduct, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @dev The cold paths; an immutable of the implementation, so every clone reaches the same one.
    address private immutable _extension;

    modifier whenNotPaused() {
        if (_paused) revert ProductPaused();
        _;
    }

    /// @dev The implementation is never initialised; only its clones are.
    constructor() {
        _phase = Phase.Closed;
        _extension = address(new RevenueProductExtension());
    }

    // ------------------------------------------------------------------ cold paths (extension)

    /// @inheritdoc IRevenueProduct
    function initialize(
        address,
        uint256[] calldata,
        Terms calldata,
        Parties calldata,
        address
    ) external override returns (uint256 face) {
        face = abi.decode(_extend(), (uint256));
    }

    /// @inheritdoc IRevenueProduct
    function approve() external override {
        _extend();
    }

    /// @inheritdoc IRevenueProduct
    function rate(bytes8, uint8, uint256, string calldata, bytes32) external override {
        _extend();
    }

    /// @inheritdoc IRevenueProduct
    function list(Listing calldata) external override {
        _extend();
    }

    /// @inheritdoc IRevenueProduct
    function acceptListing(bytes32) external override {
        _extend();
    }

    /// @inheritdoc IRevenueProduct
    function cancel() external override nonReentrant {
        _extend();
    }

    /// @inheritdoc IRevenueProduct
    function returnBasket() external override nonReentrant {
        _extend();
    }

    /// @inheritdoc IRevenueProduct
    function declareDefault(uint256) external override {
        _extend();
    }

    /// @inheritdoc IRevenueProduct
    function auctionDefaulted(
        uint256,
        uint256,
        uint256,
        uint256,
        uint16
    ) external override nonReentrant returns (uint256 auctionId) {
        auctionId = abi.decode(_extend(), (uint256));
    }

    /// @inheritdoc IRevenueProduct
    function settleDisposalAuction(uint256) external override whenNotPaused nonReentrant returns (uint256 proceeds) {
        proceeds = abi.decode(_extend(), (uint256));
    }

    /// @inheritdoc IRevenueProduct
    function writeOff(uint256) external override {
        _extend();
    }

    /// @inheritdoc IRevenueProduct
    function receiveDisposalProceeds(uint256, uint256) external override whenNotPaused nonReentrant {
        _extend();
    }

    /// @inheritdoc IRevenueProduct
    function windDown() external override whenNotPaused nonReentrant {
        _extend();
    }

    /// @inheritdoc IRevenueProduct
    function sweepDust() external override nonReentrant {
        _extend();
    }

    // ------------------------------------------------------------------ hot paths

    /// @inheritdoc IRevenueProduct
    function subscribe(uint256 tranche_, uint256 shares) external override whenNotPaused nonReentrant {
        _requirePhase(Phase.Listed);
        Listing storage offer = _listing;
        (uint256 opens, uint256 closes) = (offer.opens, offer.closes);
        if (block.timestamp < opens || block.timestamp > closes) {
            revert ProductOutsideWindow(block.timestamp, opens, closes);
        }
        if (tranche_ >= _trancheCount) revert ProductUnknownTranche(tranche_);
        if (shares == 0) revert ProductZeroShares();
        if (!_registry.isEligibleKind(msg.sender, offer.investorKinds))
            revert ProductNotKind(msg.sender, offer.investorKinds);
        Subscription storage s = _subs[msg.sender][tranche_];
        uint256 price = offer.pricePerShare;
        uint256 held = s.shares;
        uint256 ticket = (held + shares) * price;
        if (ticket < offer.minTicket) revert ProductTicketTooSmall(ticket, offer.minTicket);
        if (ticket > offer.maxTicket) revert ProductTicketTooLarge(ticket, offer.maxTicket);
        Tranche storage t = _tranches[tranche_];
        // ticket <= maxTicket <= cap and cap / price < 2^64 (checked at listing): the cast is exact;
        // the tranche total is checked arithmetic.
        s.shares = uint64(held + shares);
        t.requested += uint64(shares);
        if (held == 0) {
            t.subscribers += 1;
            _unsettled += 1;
        }
        uint256 paid = shares * price;
        emit Subscribed(msg.sender, tranche_, shares, paid);
        _cash.safeTransferFrom(msg.sender, address(this), paid);
    }

    /// @inheritdoc IRevenueProduct
    function closeOffering() external override whenNotPaused nonReentrant {
        Phase p = _phase;
        if (p != Phase.Listed) {
            if (p > Phase.Listed) revert ProductAlreadyClosed(p);
            revert ProductWrongPhase(p, Phase.Listed);
        }
        Listing memory offer = _listing;
        if (block.timestamp <= offer.closes) revert ProductWindowOpen(block.timestamp, offer.closes);
        uint256 raised;
        uint256 count = _trancheCount;
        for (uint256 i; i < count; ++i) {
            Tranche storage t = _tranches[i];
            raised += _min(t.requested, t.supply) * offer.pricePerShare;
        }
        if (raised < offer.minRaise || raised == 0) {
            _phase = Phase.Failed;
            emit OfferingClosed(false, raised, 0, 0);
            _returnBasket();
            return;
        }
        _phase = Phase.Active;
        uint256 refundReserve;
        for (uint256 i; i < count; ++i) {
            Tranche storage t = _tranches[i];
            (uint256 requested, uint256 supply) = (t.requested, t.supply);
            if (requested == 0) continue;
            // Not oversubscribed: everyone gets what it asked. Oversubscribed: allocations are
            // rounded up (see claimShares), so at most `subscribers - 1` shares above the supply.
            uint256 custody = requested <= supply ? requested : supply + t.subscribers - 1;
            uint256 principal = _min(requested, supply) * offer.pricePerShare;
            if (requested > supply) refundReserve += (requested - supply) * offer.pricePerShare;
            t.principal = uint96(principal);
            t.token.mint(address(this), custody);
        }
        _refundReserve = uint96(refundReserve);
        _wf.seniorBalance = _tranches[0].principal;
        _wf.accruedAt = uint40(block.timestamp);
        uint256 fee = WaterfallMath.fee(raised, offer.exchangeFeeBps);
        emit OfferingClosed(true, raised, raised - fee, fee);
        // Paid, or credited when the payee cannot receive now: an ineligible originator or exchange
        // delays only its own money, never the investors' allocations.
        if (fee != 0) _payOrCredit(offer.exchange, fee);
        _payOrCredit(_originator, raised - fee);
    }

    /// @inheritdoc IRevenueProduct
    function claimShares(address investor, uint256 tranche_) external override whenNotPaused nonReentrant {
        Phase p = _phase;
        if (p != Phase.Active && p != Phase.Failed && p != Phase.Closed) revert ProductWrongPhase(p, Phase.Active);
        if (tranche_ >= _trancheCount) revert ProductUnknownTranche(tranche_);
        Subscription storage s = _subs[investor][tranche_];
        uint256 requested = s.shares;
        if (requested == 0 || s.settled) revert ProductNothingToClaim(investor);
        s.settled = true;
        _unsettled -= 1;
        uint256 price = _listing.pricePerShare;
        if (p == Phase.Failed) {
            uint256 full = requested * price;
            emit SubscriptionRefunded(investor, tranche_, full);
            _payOrCredit(investor, full);
            return;
        }
        Tranche storage t = _tranches[tranche_];
        uint256 total = t.requested;
        uint256 supply = t.supply;
        uint256 shares = requested;
        uint256 refund;
        if (total > supply) {
            // Pro rata, allocation rounded up: shares = requested - floor(requested x excess / total).
            uint256 cut = (requested * (total - supply)) / total;
            shares = requested - cut;
            refund = cut * price;
            _refundReserve -= uint96(refund);
        }
        emit SharesClaimed(investor, tranche_, shares, refund);
        t.token.allocate(investor, shares);
        if (refund != 0) _payOrCredit(investor, refund);
        if (p == Phase.Closed && _unsettled == 0) _releaseLeftovers();
    }

    /// @inheritdoc IRevenueProduct
    function collect(uint256 from, uint256 to) external override whenNotPaused nonReentrant returns (uint256 amount) {
        _requirePhase(Phase.Active);
        uint256 n = _fragments.length;
        if (from >= to || to > n) revert ProductBadPage(from, to, n);
        IReceivableToken receivables = _receivables;
        for (uint256 i = from; i < to; ++i) {
            uint256 id = _fragments[i];
            Custody c = _custody[id];
            if (c != Custody.Held && c != Custody.WrittenOff) continue;
            if (receivables.claimable(id) == 0) continue;
            // A fragment a court order moved out of custody (or whose claim cannot go through now)
            // is skipped: one fragment never blocks the page.
            try receivables.claim(id) returns (uint256 got) {
                if (c == Custody.WrittenOff) _recover(id, got);
                amount += got;
            } catch {} // solhint-disable-line no-empty-blocks
        }
        emit Collected(from, to, amount);
        if (amount != 0) _distribute(amount);
    }

    /// @inheritdoc IRevenueProduct
    function withdrawCredit() external override whenNotPaused nonReentrant returns (uint256 amount) {
        amount = _credits[msg.sender];
        if (amount == 0) revert ProductNoCredit(msg.sender);
        delete _credits[msg.sender];
        _creditTotal -= uint128(amount);
        emit CreditWithdrawn(msg.sender, amount);
        _cash.safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc IRevenueProduct
    function setPaused(bool paused_) external override {
        if (msg.sender != address(_factory)) revert ProductNotFactory(msg.sender);
        _paused = paused_;
        emit ProductPauseSet(paused_);
        for (uint256 t; t < _trancheCount; ++t) _tranches[t].token.setPaused(paused_);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IRevenueProduct
    function auctionOf(uint256 tokenId) external view override returns (uint256) {
        return _auctionOf[tokenId];
    }

    /// @inheritdoc IRevenueProduct
    function phase() external view override returns (Phase) {
        return _phase;
    }

    /// @inheritdoc IRevenueProduct
    function originator() external view override returns (address) {
        return _originator;
    }

    /// @inheritdoc IRevenueProduct
    function terms() external view override returns (Terms memory) {
        return _terms;
    }

    /// @inheritdoc IRevenueProduct
    function listing() external view override returns (Listing memory) {
        return _listing;
    }

    /// @inheritdoc IRevenueProduct
    function rating() external view override returns (Rating memory) {
        return _rating;
    }

    /// @inheritdoc IRevenueProduct
    function tranche(uint256 i) external view override returns (Tranche memory) {
        if (i >= _trancheCount) revert ProductUnknownTranche(i);
        return _tranches[i];
    }

    /// @inheritdoc IRevenueProduct
    function trancheCount() external view override returns (uint256) {
        return _trancheCount;
    }

    /// @inheritdoc IRevenueProduct
    function waterfall() external view override returns (Waterfall memory) {
        return _wf;
    }

    /// @inheritdoc IRevenueProduct
    function faceValue() external view override returns (uint256) {
        return _face;
    }

    /// @inheritdoc IRevenueProduct
    function subscription(address investor, uint256 tranche_) external view override returns (uint256, bool) {
        Subscription memory s = _subs[investor][tranche_];
        return (s.shares, s.settled);
    }

    /// @inheritdoc IRevenueProduct
    function basket() external view override returns (uint256[] memory fragments, Custody[] memory custody) {
        fragments = _fragments;
        custody = new Custody[](fragments.length);
        for (uint256 i; i < fragments.length; ++i) custody[i] = _custody[fragments[i]];
    }

    /// @inheritdoc IRevenueProduct
    function paused() external view override returns (bool) {
        return _paused;
    }

    /// @inheritdoc IRevenueProduct
    function parties() external view override returns (Parties memory) {
        return _parties;
    }

    /// @inheritdoc IRevenueProduct
    function creditOf(address wallet) external view override returns (uint256) {
        return _credits[wallet];
    }

    /// @inheritdoc IRevenueProduct
    function heldDust() external view override returns (uint256) {
        return _dust;
    }

    // ------------------------------------------------------------------ private

    /// @dev The last subscription of a closed product was settled after wind-down: what is left of
    /// the refund reserve (the cash of shares rounded up to subscribers) and what the custody shares
    /// earned are nobody's now; they join the dust held for the treasury ({sweepDust}).
    function _releaseLeftovers() private {
        uint256 left = _refundReserve;
        _refundReserve = 0;
        for (uint256 t; t < _trancheCount; ++t) {
            ITrancheToken token = _tranches[t].token;
            if (token.balanceOf(address(this)) != 0) left += token.burnCustody();
        }
        if (left == 0) return;
        _dust += uint128(left);
        emit DustHeld(left);
    }

    /// @dev Runs the call as received in the extension, on this storage; returns its return data
    /// or reverts with its revert data. Returns normally (no assembly `return`), so the caller's
    /// nonReentrant modifier releases its lock.
    function _extend() private returns (bytes memory ret) {
        bool ok;
        // solhint-disable-next-line avoid-low-level-calls
        (ok, ret) = _extension.delegatecall(msg.data);
        if (!ok) {
            // solhint-disable-next-line no-inline-assembly
            assembly ("memory-safe") {
                revert(add(ret, 32), mload(ret))
            }
        }
    }
}
