// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IFactoringMarket} from "../interfaces/IFactoringMarket.sol";
import {IParticipantRegistry} from "../interfaces/IParticipantRegistry.sol";
import {IReceivableToken} from "../interfaces/IReceivableToken.sol";
import {DiscountMath} from "../libraries/DiscountMath.sol";
import {Kinds} from "../libraries/Kinds.sol";
import {FactoringMarketExtension} from "./FactoringMarketExtension.sol";
import {FactoringMarketMigrationState, FactoringMarketState} from "./FactoringMarketState.sol";

/**
 * @title FactoringMarket
 * @notice Listings, offers, recourse and auctions of receivable fragments. See {IFactoringMarket}.
 * @dev A purchase pays the seller and the treasury straight from the buyer (two `transferFrom`s)
 * instead of through the market, which saves a cash transfer on the hottest path; when one of them
 * cannot receive, the cash is pulled into the market and credited instead (see {IFactoringMarket}:
 * credits). Every balance delta is checked so a fee-on-transfer currency is refused. A sold listing
 * is deleted (storage refunds). Escrow pulls (offers, bids, collateral) are checked by balance delta.
 *
 * A successor deployment (a fixed version that takes over a retired market) is constructed with a
 * migration importer ({FactoringMarketImporter}): it starts paused, the importer's functions run on
 * this contract's storage through the fallback (by way of the extension) until the migration is
 * closed, nothing moves before that, and it cannot be unpaused before that.
 */
contract FactoringMarket is
    FactoringMarketState,
    IFactoringMarket,
    Pausable,
    ReentrancyGuardTransient,
    AccessManaged,
    FactoringMarketMigrationState
{
    using SafeERC20 for IERC20;

    /// @notice Highest platform fee the fee admin may set (basis points).
    uint16 public constant MAX_FEE_BPS = 1_000;
    /// @notice Highest discount rate a listing may use (basis points a year).
    uint16 public constant MAX_RATE_BPS = 10_000;
    /// @notice A bid this close to an auction's end extends it to now + EXTENSION (seconds).
    uint256 public constant EXTENSION = 10 minutes;
    /// @notice Extensions never push an auction's end more than this past its first end (seconds).
    uint256 public constant MAX_EXTENSION = 1 days;
    /// @notice Longest auction (seconds).
    uint256 public constant MAX_AUCTION_DURATION = 90 days;
    /// @notice Buyer kinds when a listing, offer or auction gives none: factors and banks.
    uint16 public constant DEFAULT_BUYER_KINDS = Kinds.FACTOR | Kinds.BANK;

    /// @dev Runs the cold paths (recourse, parked fragments) on this contract's storage.
    address private immutable _extension;

    /// @param authority The deployment's AccessManager.
    /// @param receivables_ The receivable token traded here.
    /// @param importer Zero for a fresh deployment; for a successor, the {FactoringMarketImporter}
    /// that copies the retired predecessor's state (the contract then starts paused).
    constructor(
        address authority,
        IReceivableToken receivables_,
        address importer
    ) FactoringMarketState(receivables_, importer != address(0)) AccessManaged(authority) {
        _extension = address(new FactoringMarketExtension(receivables_, importer));
        if (importer != address(0)) {
            _migrationOpen = true;
            _pause();
        }
    }

    /// @notice On a successor, the migration importer's functions (the extension's fallback runs
    /// them), on this contract's storage. Reverts (no data) for an unknown function on a fresh
    /// deployment, exactly as a contract without fallback does.
    // solhint-disable-next-line no-complex-fallback
    fallback() external {
        address ext = _extension;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            calldatacopy(ptr, 0, calldatasize())
            let ok := delegatecall(gas(), ext, ptr, calldatasize(), 0, 0)
            returndatacopy(ptr, 0, returndatasize())
            if iszero(ok) {
                revert(ptr, returndatasize())
            }
            return(ptr, returndatasize())
        }
    }

    // ------------------------------------------------------------------ listings

    /// @inheritdoc IFactoringMarket
    function list(ListingParams calldata p) external override whenNotPaused nonReentrant returns (uint256 listingId) {
        if (p.expiry <= block.timestamp) revert MarketExpiryInPast(p.expiry, block.timestamp);
        if (p.price == 0 && p.rateBps == 0) revert MarketZeroPrice();
        if (p.rateBps > MAX_RATE_BPS) revert MarketRateTooHigh(p.rateBps, MAX_RATE_BPS);
        listingId = ++_nextListingId;
        if (!p.recourse && p.collateral != 0) revert MarketCollateralWithoutRecourse(listingId);
        (uint256 tokenId, IReceivableToken.Position memory pos) = _takeListable(p.tokenId, p.value);
        uint256 remaining = pos.remaining;
        if (p.price == 0 && DiscountMath.price(remaining, p.rateBps, pos.dueDate, block.timestamp, p.basis) == 0) {
            revert MarketZeroPrice();
        }
        if (p.price > remaining) revert MarketValueTooLarge(tokenId, p.price, remaining);
        uint16 kinds = p.buyerKinds == 0 ? DEFAULT_BUYER_KINDS : p.buyerKinds;
        _listings[listingId] = Listing({
            seller: msg.sender,
            expiry: p.expiry,
            dueDate: pos.dueDate,
            buyerKinds: kinds,
            tokenId: tokenId,
            currency: pos.currency,
            value: pos.value,
            price: uint96(p.price),
            rateBps: p.rateBps,
            basis: p.basis,
            recourse: p.recourse,
            status: ListingStatus.Open,
            remaining: uint96(remaining)
        });
        _holdOf[tokenId] = Hold({owner: msg.sender, kind: HoldKind.Listing, id: uint88(listingId)});
        emit Listed(
            listingId,
            tokenId,
            msg.sender,
            pos.value,
            p.price,
            p.rateBps,
            p.basis,
            p.expiry,
            kinds,
            p.recourse,
            remaining
        );
        if (p.recourse) {
            Recourse storage r = _recourse[listingId];
            r.seller = msg.sender;
            r.tokenId = tokenId;
            r.currency = pos.currency;
            r.status = RecourseStatus.Listed;
            if (p.collateral != 0) _postCollateral(listingId, r, p.collateral);
        }
    }

    /// @inheritdoc IFactoringMarket
    function cancelListing(uint256 listingId) external override nonReentrant {
        _requireMigrated();
        _requireNotRetired();
        Listing storage lst = _openListing(listingId);
        address seller = lst.seller;
        uint256 tokenId = lst.tokenId;
        bool held = _holds(tokenId, HoldKind.Listing, listingId);
        if (held && msg.sender != seller && block.timestamp <= lst.expiry)
            revert MarketNotSeller(listingId, msg.sender);
        bool recourse = lst.recourse;
        delete _listings[listingId];
        if (held) {
            emit ListingCancelled(listingId, tokenId, seller);
        } else {
            _clearDeadHold(tokenId, HoldKind.Listing, listingId);
            emit ListingUnwound(listingId, tokenId);
        }
        if (recourse) {
            Recourse storage r = _recourse[listingId];
            (address provider, uint256 amount, address currency) = (r.provider, r.collateral, r.currency);
            delete _recourse[listingId];
            if (amount != 0) {
                emit CollateralReleased(listingId, provider, amount);
                _pay(currency, provider, amount);
            }
        }
        if (held) _deliver(tokenId, seller);
    }

    /// @inheritdoc IFactoringMarket
    function buy(
        uint256 listingId,
        uint256 maxPrice
    ) external override whenNotPaused nonReentrant returns (uint256 price) {
        Listing memory lst = _listings[listingId];
        if (lst.status != ListingStatus.Open) revert MarketUnknownListing(listingId);
        if (block.timestamp > lst.expiry) revert MarketListingExpired(listingId, lst.expiry);
        uint256 overdueSince = uint256(lst.dueDate) + _gracePeriod;
        if (block.timestamp > overdueSince) revert MarketFragmentOverdue(lst.tokenId, overdueSince);
        if (!_holds(lst.tokenId, HoldKind.Listing, listingId)) revert MarketFragmentGone(lst.tokenId);
        _requireBuyer(lst.buyerKinds);
        price = _price(lst);
        if (price > maxPrice) revert MarketPriceAboveMax(listingId, price, maxPrice);
        uint256 fee = _fee(price);
        delete _listings[listingId];
        delete _holdOf[lst.tokenId];
        emit Bought(listingId, lst.tokenId, msg.sender, lst.seller, price, fee);
        if (lst.recourse) {
            Recourse storage r = _recourse[listingId];
            r.buyer = msg.sender;
            r.price = uint96(price);
            r.remaining = lst.remaining;
            r.status = RecourseStatus.Sold;
        }
        // Cannot underflow: the fee is at most MAX_FEE_BPS of the price.
        unchecked {
            _payFrom(lst.currency, lst.seller, price - fee);
        }
        if (fee != 0) {
            emit FeeCollected(lst.currency, _treasury, fee);
            _payFrom(lst.currency, _treasury, fee);
        }
        _nft.transferFrom(address(this), msg.sender, lst.tokenId);
    }

    /// @inheritdoc IFactoringMarket
    function quote(uint256 listingId) external view override returns (uint256) {
        Listing memory lst = _listings[listingId];
        if (lst.status != ListingStatus.Open) revert MarketUnknownListing(listingId);
        return _price(lst);
    }

    // ------------------------------------------------------------------ recourse

    /// @inheritdoc IFactoringMarket
    /// @dev Runs in {FactoringMarketExtension}.
    function postCollateral(uint256, uint256) external override nonReentrant {
        _extend();
    }

    /// @inheritdoc IFactoringMarket
    /// @dev Runs in {FactoringMarketExtension}.
    function exerciseRecourse(uint256) external override nonReentrant {
        _extend();
    }

    /// @inheritdoc IFactoringMarket
    /// @dev Runs in {FactoringMarketExtension}.
    function settleRecourseDebt(uint256, uint256) external override nonReentrant {
        _extend();
    }

    /// @inheritdoc IFactoringMarket
    /// @dev Runs in {FactoringMarketExtension}.
    function releaseCollateral(uint256) external override nonReentrant {
        _extend();
    }

    // ------------------------------------------------------------------ offers

    /// @inheritdoc IFactoringMarket
    function makeOffer(
        uint256 tokenId,
        address currency,
        uint256 amount,
        uint256 expiry,
        uint256 remaining
    ) external override whenNotPaused nonReentrant returns (uint256 offerId) {
        if (amount == 0) revert MarketZeroPrice();
        if (amount > type(uint96).max || remaining > type(uint96).max) revert MarketAmountTooLarge(amount);
        if (expiry <= block.timestamp) revert MarketExpiryInPast(expiry, block.timestamp);
        IReceivableToken.Root memory root = _receivables.receivable(tokenId >> 32);
        if (currency != root.currency) revert MarketWrongCurrency(currency, root.currency);
        if (root.status != IReceivableToken.Status.Confirmed) {
            revert MarketFragmentNotTradable(tokenId, _receivables.stateOf(tokenId >> 32));
        }
        _requireBuyer(DEFAULT_BUYER_KINDS);
        offerId = ++_nextOfferId;
        _offers[offerId] = Offer({
            offerer: msg.sender,
            expiry: uint40(expiry),
            tokenId: tokenId,
            amount: uint96(amount),
            remaining: uint96(remaining)
        });
        emit OfferMade(offerId, tokenId, msg.sender, currency, amount, expiry, remaining);
        _pullEscrow(currency, msg.sender, amount);
    }

    /// @inheritdoc IFactoringMarket
    function acceptOffer(uint256 offerId) external override whenNotPaused nonReentrant {
        Offer memory off = _offers[offerId];
        if (off.offerer == address(0)) revert MarketUnknownOffer(offerId);
        if (block.timestamp > off.expiry) revert MarketOfferExpired(offerId, off.expiry);
        IReceivableToken.Position memory pos = _tradable(off.tokenId);
        if (pos.holder != msg.sender) revert MarketNotHolder(off.tokenId, msg.sender);
        // The offer priced a state of the fragment: a split, a value sent or a claim since voids it.
        if (pos.remaining != off.remaining) revert MarketOfferStale(offerId, off.remaining, pos.remaining);
        uint256 fee = _fee(off.amount);
        delete _offers[offerId];
        emit OfferAccepted(offerId, off.tokenId, msg.sender, fee);
        _nft.transferFrom(msg.sender, off.offerer, off.tokenId);
        IERC20 cash = IERC20(pos.currency);
        // Cannot underflow: the fee is at most MAX_FEE_BPS of the amount.
        unchecked {
            cash.safeTransfer(msg.sender, off.amount - fee);
        }
        if (fee != 0) {
            emit FeeCollected(pos.currency, _treasury, fee);
            _pay(pos.currency, _treasury, fee);
        }
    }

    /// @inheritdoc IFactoringMarket
    /// @dev Runs in {FactoringMarketExtension}.
    function cancelOffer(uint256) external override nonReentrant {
        _extend();
    }

    // ------------------------------------------------------------------ auctions

    /// @inheritdoc IFactoringMarket
    function createAuction(
        uint256 tokenId,
        uint256 reserve,
        uint256 minIncrement,
        uint256 endTime,
        uint16 buyerKinds
    ) external override whenNotPaused nonReentrant returns (uint256 auctionId) {
        if (reserve == 0) revert MarketZeroPrice();
        if (minIncrement == 0) revert MarketZeroIncrement();
        if (minIncrement > type(uint96).max) revert MarketAmountTooLarge(minIncrement);
        if (endTime <= block.timestamp || endTime > block.timestamp + MAX_AUCTION_DURATION) {
            revert MarketBadAuctionEnd(endTime, block.timestamp, MAX_AUCTION_DURATION);
        }
        IReceivableToken.Position memory pos = _receivables.position(tokenId);
        if (pos.holder != msg.sender) revert MarketNotHolder(tokenId, msg.sender);
        if (pos.frozen) revert MarketFragmentFrozen(tokenId);
        IReceivableToken.State st = pos.state;
        if (
            st != IReceivableToken.State.Confirmed &&
            st != IReceivableToken.State.PartiallyPaid &&
            st != IReceivableToken.State.Overdue &&
            st != IReceivableToken.State.Defaulted
        ) revert MarketFragmentNotTradable(tokenId, st);
        if (reserve > pos.remaining) revert MarketValueTooLarge(tokenId, reserve, pos.remaining);
        uint16 kinds = buyerKinds == 0 ? DEFAULT_BUYER_KINDS : buyerKinds;
        auctionId = ++_nextAuctionId;
        _auctions[auctionId] = Auction({
            seller: msg.sender,
            endTime: uint40(endTime),
            buyerKinds: kinds,
            open: true,
            sold: false,
            feeBps: 0,
            tokenId: tokenId,
            currency: pos.currency,
            reserve: uint96(reserve),
            highestBidder: address(0),
            highestBid: 0,
            minIncrement: uint96(minIncrement),
            latestEnd: uint40(endTime + MAX_EXTENSION),
            remaining: pos.remaining
        });
        _holdOf[tokenId] = Hold({owner: msg.sender, kind: HoldKind.Auction, id: uint88(auctionId)});
        emit AuctionCreated(auctionId, tokenId, msg.sender, reserve, minIncrement, endTime, kinds, pos.remaining);
        _nft.transferFrom(msg.sender, address(this), tokenId);
    }

    /// @inheritdoc IFactoringMarket
    function bid(uint256 auctionId, uint256 amount) external override whenNotPaused nonReentrant {
        Auction storage a = _auctions[auctionId];
        if (!a.open) revert MarketUnknownAuction(auctionId);
        uint256 endTime = a.endTime;
        if (block.timestamp > endTime) revert MarketAuctionEnded(auctionId, endTime);
        if (!_holds(a.tokenId, HoldKind.Auction, auctionId)) revert MarketFragmentGone(a.tokenId);
        _requireBuyer(a.buyerKinds);
        address previous = a.highestBidder;
        uint256 previousBid = a.highestBid;
        uint256 minimum = previous == address(0) ? a.reserve : previousBid + a.minIncrement;
        if (amount < minimum || amount > type(uint96).max) revert MarketBidTooLow(auctionId, amount, minimum);
        if (endTime - block.timestamp < EXTENSION) {
            uint256 latest = a.latestEnd;
            endTime = block.timestamp + EXTENSION;
            if (endTime > latest) endTime = latest;
            a.endTime = uint40(endTime);
        }
        a.highestBidder = msg.sender;
        a.highestBid = uint96(amount);
        address currency = a.currency;
        // The outbid escrow stays in the market as a refund its owner withdraws (pull payment).
        if (previous != address(0)) _refunds[currency][previous] += previousBid;
        emit BidPlaced(auctionId, msg.sender, amount, endTime);
        _pullEscrow(currency, msg.sender, amount);
    }

    /// @inheritdoc IFactoringMarket
    function settleAuction(uint256 auctionId) external override nonReentrant {
        _requireMigrated();
        Auction storage a = _auctions[auctionId];
        if (!a.open) revert MarketUnknownAuction(auctionId);
        uint256 tokenId = a.tokenId;
        address winner = a.highestBidder;
        uint256 amount = a.highestBid;
        address currency = a.currency;
        if (!_holds(tokenId, HoldKind.Auction, auctionId)) {
            // Dead: the fragment left custody (a court order). Nothing to sell; the bid goes back.
            a.open = false;
            _clearDeadHold(tokenId, HoldKind.Auction, auctionId);
            emit AuctionUnwound(auctionId, tokenId, winner, amount);
            if (winner != address(0)) _credit(currency, winner, amount);
            return;
        }
        if (block.timestamp <= a.endTime) revert MarketAuctionNotEnded(auctionId, a.endTime);
        a.open = false;
        address seller = a.seller;
        if (winner == address(0)) {
            emit AuctionSettled(auctionId, address(0), 0, 0);
            _deliver(tokenId, seller);
            return;
        }
        // A winner that can no longer receive the fragment (its KYC lapsed, it was suspended or
        // frozen since bidding, or a court froze the fragment) must not lock the auction: its bid
        // becomes a credit it can pull once eligible again, and the fragment returns to the seller.
        if (!_canReceive(winner, _receivables.isFrozen(tokenId))) {
            emit AuctionDeliveryFailed(auctionId, winner, amount);
            _credit(currency, winner, amount);
            _deliver(tokenId, seller);
            return;
        }
        // {_fee} with the rate read once, as it is also recorded below (a helper taking the rate
        // measured +44 gas on every sale).
        uint16 feeBps_ = _feeBps;
        uint256 fee = (amount * feeBps_) / 10_000;
        // Same slot as `open` (already written above): the outcome for contract sellers, ~200 gas.
        a.sold = true;
        a.feeBps = feeBps_;
        delete _holdOf[tokenId];
        emit AuctionSettled(auctionId, winner, amount, fee);
        _nft.transferFrom(address(this), winner, tokenId);
        // Cannot underflow: the fee is at most MAX_FEE_BPS of the amount.
        unchecked {
            _pay(currency, seller, amount - fee);
        }
        if (fee != 0) {
            emit FeeCollected(currency, _treasury, fee);
            _pay(currency, _treasury, fee);
        }
    }

    /// @inheritdoc IFactoringMarket
    function withdrawRefund(address currency) external override nonReentrant returns (uint256 amount) {
        _requireMigrated();
        amount = _refunds[currency][msg.sender];
        if (amount == 0) revert MarketNothingToRefund(currency, msg.sender);
        _refunds[currency][msg.sender] = 0;
        emit RefundWithdrawn(currency, msg.sender, amount);
        IERC20(currency).safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc IFactoringMarket
    /// @dev Runs in {FactoringMarketExtension}.
    function withdrawFragment(uint256) external override nonReentrant {
        _extend();
    }

    // ------------------------------------------------------------------ operators

    /// @inheritdoc IFactoringMarket
    function setFee(uint16 feeBps_) external override restricted {
        if (feeBps_ > MAX_FEE_BPS) revert MarketFeeTooHigh(feeBps_, MAX_FEE_BPS);
        if (feeBps_ != 0 && _treasury == address(0)) revert MarketTreasuryNotSet();
        _feeBps = feeBps_;
        emit FeeSet(feeBps_);
    }

    /// @inheritdoc IFactoringMarket
    function setTreasury(address treasury_) external override restricted {
        if (treasury_ == address(0)) revert MarketZeroAddress();
        _treasury = treasury_;
        emit TreasurySet(treasury_);
    }

    /// @inheritdoc IFactoringMarket
    function pause() external override restricted {
        _pause();
    }

    /// @inheritdoc IFactoringMarket
    function unpause() external override restricted {
        if (_migrationOpen) revert MarketMigrationOpen();
        _unpause();
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IFactoringMarket
    function listing(uint256 listingId) external view override returns (Listing memory) {
        return _listings[listingId];
    }

    /// @inheritdoc IFactoringMarket
    function recourseOf(uint256 listingId) external view override returns (Recourse memory) {
        return _recourse[listingId];
    }

    /// @inheritdoc IFactoringMarket
    function recourseDeadline(uint256 listingId) external view override returns (uint256) {
        Recourse storage r = _recourse[listingId];
        if (r.status == RecourseStatus.None) return 0;
        return uint256(_receivables.receivable(r.tokenId >> 32).dueDate) + _recourseAfterDue;
    }

    /// @inheritdoc IFactoringMarket
    function offer(uint256 offerId) external view override returns (Offer memory) {
        return _offers[offerId];
    }

    /// @inheritdoc IFactoringMarket
    function auction(uint256 auctionId) external view override returns (Auction memory) {
        return _auctions[auctionId];
    }

    /// @inheritdoc IFactoringMarket
    function custodyOf(uint256 tokenId) external view override returns (Hold memory) {
        return _holdOf[tokenId];
    }

    /// @inheritdoc IFactoringMarket
    function refundOf(address currency, address wallet) external view override returns (uint256) {
        return _refunds[currency][wallet];
    }

    /// @inheritdoc IFactoringMarket
    function feeBps() external view override returns (uint16) {
        return _feeBps;
    }

    /// @inheritdoc IFactoringMarket
    function treasury() external view override returns (address) {
        return _treasury;
    }

    /// @inheritdoc IFactoringMarket
    function receivables() external view override returns (IReceivableToken) {
        return _receivables;
    }

    /// @inheritdoc IFactoringMarket
    function nextIds() external view override returns (uint256, uint256, uint256) {
        return (_nextListingId, _nextOfferId, _nextAuctionId);
    }

    // ------------------------------------------------------------------ private

    /// @dev Takes custody of a listable fragment of the caller; splits off `value` if it is a part.
    /// Returns the listed token id and its position.
    function _takeListable(
        uint256 tokenId,
        uint256 value
    ) private returns (uint256 listed, IReceivableToken.Position memory pos) {
        pos = _tradable(tokenId);
        if (pos.holder == address(this)) revert MarketFragmentListed(tokenId);
        if (pos.holder != msg.sender) revert MarketNotHolder(tokenId, msg.sender);
        if (value > pos.value) revert MarketValueTooLarge(tokenId, value, pos.value);
        _nft.transferFrom(msg.sender, address(this), tokenId);
        if (value == 0 || value == pos.value) return (tokenId, pos);
        uint256[] memory parts = new uint256[](2);
        // Cannot underflow: value < pos.value.
        unchecked {
            parts[0] = pos.value - value;
        }
        parts[1] = value;
        listed = _receivables.split(tokenId, parts)[0];
        _nft.transferFrom(address(this), msg.sender, tokenId);
        pos = _receivables.position(listed);
    }

    /// @dev Delegates the call as received to the extension; reverts with its revert data.
    function _extend() private {
        address ext = _extension;
        // Returns normally (never with assembly `return`), so the caller's nonReentrant modifier
        // releases its lock: a `return` here left the transient lock set for the rest of the
        // transaction (found by the liveness suite). The extended functions return nothing.
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

    /// @dev The position of a confirmed (possibly partially paid), not overdue, not frozen fragment.
    function _tradable(uint256 tokenId) private view returns (IReceivableToken.Position memory pos) {
        pos = _receivables.position(tokenId);
        if (pos.state != IReceivableToken.State.Confirmed && pos.state != IReceivableToken.State.PartiallyPaid) {
            revert MarketFragmentNotTradable(tokenId, pos.state);
        }
        if (pos.frozen) revert MarketFragmentFrozen(tokenId);
    }

    /// @dev Whether the market holds `tokenId` for this listing or auction (it may have been forced out).
    function _holds(uint256 tokenId, HoldKind kind, uint256 id) private view returns (bool) {
        Hold storage h = _holdOf[tokenId];
        return h.kind == kind && h.id == id && _nft.ownerOf(tokenId) == address(this);
    }

    /// @dev Forgets the custody record of a trade whose fragment left (unless the fragment came back
    /// and another trade holds it now), so no stale record outlives its listing or auction.
    function _clearDeadHold(uint256 tokenId, HoldKind kind, uint256 id) private {
        _requireNotRetired(); // a retired market's records are being imported: no unwind here
        Hold storage h = _holdOf[tokenId];
        if (h.kind == kind && h.id == id) delete _holdOf[tokenId];
    }

    /// @dev Sends a fragment in custody to `to`, or parks it for `to` when it cannot receive it now.
    function _deliver(uint256 tokenId, address to) private {
        if (_canReceive(to, _receivables.isFrozen(tokenId))) {
            delete _holdOf[tokenId];
            _nft.transferFrom(address(this), to, tokenId);
        } else {
            _park(tokenId, to);
        }
    }

    /// @dev The caller may transact now and has any of `kinds` (a factor or a bank, by default).
    function _requireBuyer(uint16 kinds) private view {
        if (
            _registry.eligibility(msg.sender) != IParticipantRegistry.Ineligibility.None ||
            !_registry.hasKind(msg.sender, kinds)
        ) revert MarketBuyerNotEligible(msg.sender, kinds);
    }

    function _openListing(uint256 listingId) private view returns (Listing storage lst) {
        lst = _listings[listingId];
        if (lst.status != ListingStatus.Open) revert MarketUnknownListing(listingId);
    }

    function _price(Listing memory lst) private view returns (uint256) {
        if (lst.price != 0) return lst.price;
        return DiscountMath.price(lst.remaining, lst.rateBps, lst.dueDate, block.timestamp, lst.basis);
    }

    function _fee(uint256 amount) private view returns (uint256) {
        return (amount * _feeBps) / 10_000;
    }
}
