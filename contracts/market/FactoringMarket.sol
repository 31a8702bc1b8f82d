// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IFactoringMarket} from "../interfaces/IFactoringMarket.sol";
import {IParticipantRegistry} from "../interfaces/IParticipantRegistry.sol";
import {IReceivableToken} from "../interfaces/IReceivableToken.sol";
import {DiscountMath} from "../libraries/DiscountMath.sol";
import {Kinds} from "../libraries/Kinds.sol";

/**
 * @title FactoringMarket
 * @notice Listings, offers, recourse and auctions of receivable fragments. See {IFactoringMarket}.
 * @dev A purchase pays the seller and the treasury straight from the buyer (two `transferFrom`s)
 * instead of through the market, which saves a cash transfer on the hottest path; the seller's
 * balance delta is checked so a fee-on-transfer currency is refused there too. A sold listing is
 * deleted (storage refunds). Escrow pulls (offers, bids, collateral) are checked by balance delta.
 */
contract FactoringMarket is IFactoringMarket, Pausable, ReentrancyGuardTransient, AccessManaged {
    using SafeERC20 for IERC20;

    /// @notice Highest platform fee the fee admin may set (basis points).
    uint16 public constant MAX_FEE_BPS = 1_000;
    /// @notice Highest discount rate a listing may use (basis points a year).
    uint16 public constant MAX_RATE_BPS = 10_000;
    /// @notice A bid this close to an auction's end extends it to now + EXTENSION (seconds).
    uint256 public constant EXTENSION = 10 minutes;
    /// @notice Longest auction (seconds).
    uint256 public constant MAX_AUCTION_DURATION = 90 days;
    /// @notice Buyer kinds when a listing, offer or auction gives none: factors and banks.
    uint16 public constant DEFAULT_BUYER_KINDS = Kinds.FACTOR | Kinds.BANK;

    /// @inheritdoc IFactoringMarket
    IReceivableToken public immutable override receivables;
    /// @dev The same contract seen as an ERC-721.
    IERC721 private immutable _nft;
    IParticipantRegistry private immutable _registry;
    uint256 private immutable _gracePeriod;

    mapping(uint256 listingId => Listing) private _listings;
    mapping(uint256 listingId => Recourse) private _recourse;
    mapping(uint256 offerId => Offer) private _offers;
    mapping(uint256 auctionId => Auction) private _auctions;
    mapping(address currency => mapping(address wallet => uint256 amount)) private _refunds;
    uint256 private _nextListingId;
    uint256 private _nextOfferId;
    uint256 private _nextAuctionId;
    address private _treasury;
    uint16 private _feeBps;

    /// @param authority The deployment's AccessManager.
    /// @param receivables_ The receivable token traded here.
    constructor(address authority, IReceivableToken receivables_) AccessManaged(authority) {
        receivables = receivables_;
        _nft = IERC721(address(receivables_));
        _registry = receivables_.registry();
        (, uint256 grace, , , ) = receivables_.params();
        _gracePeriod = grace;
    }

    // ------------------------------------------------------------------ listings

    /// @inheritdoc IFactoringMarket
    function list(ListingParams calldata p) external override whenNotPaused nonReentrant returns (uint256 listingId) {
        if (p.expiry <= block.timestamp) revert MarketExpiryInPast(p.expiry, block.timestamp);
        if (p.price == 0 && p.rateBps == 0) revert MarketZeroPrice();
        if (p.rateBps > MAX_RATE_BPS) revert MarketRateTooHigh(p.rateBps, MAX_RATE_BPS);
        listingId = ++_nextListingId;
        if (!p.recourse && p.collateral != 0) revert MarketCollateralWithoutRecourse(listingId);
        (uint256 tokenId, IReceivableToken.Root memory root, uint256 value) = _takeListable(p.tokenId, p.value);
        if (p.price == 0 && DiscountMath.price(value, p.rateBps, root.dueDate, block.timestamp, p.basis) == 0) {
            revert MarketZeroPrice();
        }
        if (p.price > value) revert MarketValueTooLarge(tokenId, p.price, value);
        uint16 kinds = p.buyerKinds == 0 ? DEFAULT_BUYER_KINDS : p.buyerKinds;
        _listings[listingId] = Listing({
            seller: msg.sender,
            expiry: p.expiry,
            dueDate: root.dueDate,
            buyerKinds: kinds,
            tokenId: tokenId,
            currency: root.currency,
            value: uint96(value),
            price: uint96(p.price),
            rateBps: p.rateBps,
            basis: p.basis,
            recourse: p.recourse,
            status: ListingStatus.Open
        });
        emit Listed(listingId, tokenId, msg.sender, value, p.price, p.rateBps, p.basis, p.expiry, kinds, p.recourse);
        if (p.recourse) {
            Recourse storage r = _recourse[listingId];
            r.seller = msg.sender;
            r.tokenId = tokenId;
            r.currency = root.currency;
            r.status = RecourseStatus.Listed;
            if (p.collateral != 0) _postCollateral(listingId, r, p.collateral);
        }
    }

    /// @inheritdoc IFactoringMarket
    function cancelListing(uint256 listingId) external override nonReentrant {
        Listing storage lst = _openListing(listingId);
        address seller = lst.seller;
        if (msg.sender != seller && block.timestamp <= lst.expiry) revert MarketNotSeller(listingId, msg.sender);
        uint256 tokenId = lst.tokenId;
        bool recourse = lst.recourse;
        delete _listings[listingId];
        emit ListingCancelled(listingId, tokenId, seller);
        if (recourse) {
            Recourse storage r = _recourse[listingId];
            (address provider, uint256 amount, address currency) = (r.provider, r.collateral, r.currency);
            delete _recourse[listingId];
            if (amount != 0) {
                emit CollateralReleased(listingId, provider, amount);
                IERC20(currency).safeTransfer(provider, amount);
            }
        }
        _nft.transferFrom(address(this), seller, tokenId);
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
        _requireBuyer(lst.buyerKinds);
        price = _price(lst);
        if (price > maxPrice) revert MarketPriceAboveMax(listingId, price, maxPrice);
        uint256 fee = _fee(price);
        delete _listings[listingId];
        emit Bought(listingId, lst.tokenId, msg.sender, lst.seller, price, fee);
        if (lst.recourse) {
            Recourse storage r = _recourse[listingId];
            r.buyer = msg.sender;
            r.price = uint96(price);
            r.value = lst.value;
            r.status = RecourseStatus.Sold;
        }
        IERC20 cash = IERC20(lst.currency);
        // Cannot underflow: the fee is at most MAX_FEE_BPS of the price.
        unchecked {
            _payDirect(cash, msg.sender, lst.seller, price - fee);
        }
        if (fee != 0) {
            emit FeeCollected(lst.currency, _treasury, fee);
            cash.safeTransferFrom(msg.sender, _treasury, fee);
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
    function postCollateral(uint256 listingId, uint256 amount) external override nonReentrant {
        Recourse storage r = _recourse[listingId];
        if (r.status != RecourseStatus.Listed && r.status != RecourseStatus.Sold) {
            revert MarketRecourseNotExercisable(listingId, r.status);
        }
        _postCollateral(listingId, r, amount);
    }

    /// @inheritdoc IFactoringMarket
    function exerciseRecourse(uint256 listingId) external override nonReentrant {
        Recourse storage r = _recourse[listingId];
        if (r.status != RecourseStatus.Sold) revert MarketRecourseNotExercisable(listingId, r.status);
        if (msg.sender != r.buyer) revert MarketNotRecourseBuyer(listingId, msg.sender);
        uint256 tokenId = r.tokenId;
        if (_nft.ownerOf(tokenId) != msg.sender) revert MarketNotHolder(tokenId, msg.sender);
        uint256 rootId = tokenId >> 32;
        IReceivableToken.Status status = receivables.receivable(rootId).status;
        if (status != IReceivableToken.Status.Defaulted) revert MarketRootNotDefaulted(rootId, status);
        (IReceivableToken.Fragment memory f, ) = receivables.fragment(tokenId);
        // Pro rata to the value the fragment still has (the buyer may have split parts off).
        uint256 owed = (uint256(r.price) * f.value) / r.value;
        uint256 collateral = r.collateral;
        uint256 fromCollateral = collateral < owed ? collateral : owed;
        // Cannot underflow: fromCollateral <= owed and fromCollateral <= collateral.
        uint256 debt;
        uint256 leftover;
        unchecked {
            debt = owed - fromCollateral;
            leftover = collateral - fromCollateral;
        }
        address seller = r.seller;
        address currency = r.currency;
        address provider = r.provider;
        r.status = RecourseStatus.Exercised;
        r.debt = uint96(debt);
        r.collateral = 0;
        emit RecourseExercised(listingId, msg.sender, seller, owed, fromCollateral, debt);
        if (leftover != 0) emit CollateralReleased(listingId, provider, leftover);
        _nft.transferFrom(msg.sender, seller, tokenId);
        if (fromCollateral != 0) IERC20(currency).safeTransfer(msg.sender, fromCollateral);
        if (leftover != 0) IERC20(currency).safeTransfer(provider, leftover);
    }

    /// @inheritdoc IFactoringMarket
    function settleRecourseDebt(uint256 listingId, uint256 amount) external override nonReentrant {
        Recourse storage r = _recourse[listingId];
        uint256 debt = r.debt;
        if (debt == 0) revert MarketNoRecourseDebt(listingId);
        if (amount == 0) revert MarketZeroAmount();
        if (amount > debt) revert MarketAmountAboveDebt(listingId, amount, debt);
        // Cannot underflow: amount <= debt.
        unchecked {
            r.debt = uint96(debt - amount);
            emit RecourseDebtSettled(listingId, msg.sender, amount, debt - amount);
        }
        _payDirect(IERC20(r.currency), msg.sender, r.buyer, amount);
    }

    /// @inheritdoc IFactoringMarket
    function releaseCollateral(uint256 listingId) external override nonReentrant {
        Recourse storage r = _recourse[listingId];
        uint256 amount = r.collateral;
        if (amount == 0) revert MarketNoCollateral(listingId);
        uint256 rootId = r.tokenId >> 32;
        IReceivableToken.Status status = receivables.receivable(rootId).status;
        if (status != IReceivableToken.Status.Settled) revert MarketRootNotSettled(rootId, status);
        address currency = r.currency;
        address provider = r.provider;
        r.collateral = 0;
        emit CollateralReleased(listingId, provider, amount);
        IERC20(currency).safeTransfer(provider, amount);
    }

    // ------------------------------------------------------------------ offers

    /// @inheritdoc IFactoringMarket
    function makeOffer(
        uint256 tokenId,
        address currency,
        uint256 amount,
        uint256 expiry
    ) external override whenNotPaused nonReentrant returns (uint256 offerId) {
        if (amount == 0) revert MarketZeroPrice();
        if (amount > type(uint96).max) revert MarketAmountTooLarge(amount);
        if (expiry <= block.timestamp) revert MarketExpiryInPast(expiry, block.timestamp);
        IReceivableToken.Root memory root = receivables.receivable(tokenId >> 32);
        if (currency != root.currency) revert MarketWrongCurrency(currency, root.currency);
        if (root.status != IReceivableToken.Status.Confirmed) {
            revert MarketFragmentNotTradable(tokenId, receivables.stateOf(tokenId >> 32));
        }
        _requireBuyer(DEFAULT_BUYER_KINDS);
        offerId = ++_nextOfferId;
        _offers[offerId] = Offer({
            offerer: msg.sender,
            expiry: uint40(expiry),
            tokenId: tokenId,
            currency: currency,
            amount: uint96(amount)
        });
        emit OfferMade(offerId, tokenId, msg.sender, currency, amount, expiry);
        _pullEscrow(currency, msg.sender, amount);
    }

    /// @inheritdoc IFactoringMarket
    function acceptOffer(uint256 offerId) external override whenNotPaused nonReentrant {
        Offer memory off = _offers[offerId];
        if (off.offerer == address(0)) revert MarketUnknownOffer(offerId);
        if (block.timestamp > off.expiry) revert MarketOfferExpired(offerId, off.expiry);
        if (_nft.ownerOf(off.tokenId) != msg.sender) revert MarketNotHolder(off.tokenId, msg.sender);
        _requireTradable(off.tokenId);
        uint256 fee = _fee(off.amount);
        delete _offers[offerId];
        emit OfferAccepted(offerId, off.tokenId, msg.sender, fee);
        _nft.transferFrom(msg.sender, off.offerer, off.tokenId);
        IERC20 cash = IERC20(off.currency);
        // Cannot underflow: the fee is at most MAX_FEE_BPS of the amount.
        unchecked {
            cash.safeTransfer(msg.sender, off.amount - fee);
        }
        if (fee != 0) {
            emit FeeCollected(off.currency, _treasury, fee);
            cash.safeTransfer(_treasury, fee);
        }
    }

    /// @inheritdoc IFactoringMarket
    function cancelOffer(uint256 offerId) external override nonReentrant {
        Offer memory off = _offers[offerId];
        if (off.offerer == address(0)) revert MarketUnknownOffer(offerId);
        if (msg.sender != off.offerer) revert MarketNotOfferer(offerId, msg.sender);
        delete _offers[offerId];
        emit OfferCancelled(offerId, msg.sender, off.amount);
        IERC20(off.currency).safeTransfer(msg.sender, off.amount);
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
        if (minIncrement > type(uint96).max) revert MarketAmountTooLarge(minIncrement);
        if (endTime <= block.timestamp || endTime > block.timestamp + MAX_AUCTION_DURATION) {
            revert MarketBadAuctionEnd(endTime, block.timestamp, MAX_AUCTION_DURATION);
        }
        if (_nft.ownerOf(tokenId) != msg.sender) revert MarketNotHolder(tokenId, msg.sender);
        if (receivables.isFrozen(tokenId)) revert MarketFragmentFrozen(tokenId);
        IReceivableToken.Root memory root = receivables.receivable(tokenId >> 32);
        if (root.status != IReceivableToken.Status.Confirmed && root.status != IReceivableToken.Status.Defaulted) {
            revert MarketFragmentNotTradable(tokenId, receivables.stateOf(tokenId >> 32));
        }
        (IReceivableToken.Fragment memory f, ) = receivables.fragment(tokenId);
        if (reserve > f.value) revert MarketValueTooLarge(tokenId, reserve, f.value);
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
            currency: root.currency,
            reserve: uint96(reserve),
            highestBidder: address(0),
            highestBid: 0,
            minIncrement: uint96(minIncrement)
        });
        emit AuctionCreated(auctionId, tokenId, msg.sender, reserve, minIncrement, endTime, kinds);
        _nft.transferFrom(msg.sender, address(this), tokenId);
    }

    /// @inheritdoc IFactoringMarket
    function bid(uint256 auctionId, uint256 amount) external override whenNotPaused nonReentrant {
        Auction storage a = _auctions[auctionId];
        if (!a.open) revert MarketUnknownAuction(auctionId);
        uint256 endTime = a.endTime;
        if (block.timestamp > endTime) revert MarketAuctionEnded(auctionId, endTime);
        _requireBuyer(a.buyerKinds);
        address previous = a.highestBidder;
        uint256 previousBid = a.highestBid;
        uint256 minimum = previous == address(0) ? a.reserve : previousBid + a.minIncrement;
        if (amount < minimum || amount > type(uint96).max) revert MarketBidTooLow(auctionId, amount, minimum);
        if (endTime - block.timestamp < EXTENSION) {
            endTime = block.timestamp + EXTENSION;
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
        Auction storage a = _auctions[auctionId];
        if (!a.open) revert MarketUnknownAuction(auctionId);
        if (block.timestamp <= a.endTime) revert MarketAuctionNotEnded(auctionId, a.endTime);
        a.open = false;
        address winner = a.highestBidder;
        address seller = a.seller;
        uint256 tokenId = a.tokenId;
        if (winner == address(0)) {
            emit AuctionSettled(auctionId, address(0), 0, 0);
            _nft.transferFrom(address(this), seller, tokenId);
            return;
        }
        uint256 amount = a.highestBid;
        address currency = a.currency;
        // A winner that can no longer receive the fragment (its KYC lapsed, it was suspended or
        // frozen since bidding) must not lock the auction: its bid becomes a refund it can pull
        // once eligible again, and the fragment returns to the seller.
        if (!_canReceive(winner)) {
            _refunds[currency][winner] += amount;
            emit AuctionDeliveryFailed(auctionId, winner, amount);
            _nft.transferFrom(address(this), seller, tokenId);
            return;
        }
        // {_fee} with the rate read once, as it is also recorded below (a helper taking the rate
        // measured +44 gas on every sale).
        uint16 feeBps_ = _feeBps;
        uint256 fee = (amount * feeBps_) / 10_000;
        // Same slot as `open` (already written above): the outcome for contract sellers, ~200 gas.
        a.sold = true;
        a.feeBps = feeBps_;
        emit AuctionSettled(auctionId, winner, amount, fee);
        _nft.transferFrom(address(this), winner, tokenId);
        // Cannot underflow: the fee is at most MAX_FEE_BPS of the amount.
        unchecked {
            IERC20(currency).safeTransfer(seller, amount - fee);
        }
        if (fee != 0) {
            emit FeeCollected(currency, _treasury, fee);
            IERC20(currency).safeTransfer(_treasury, fee);
        }
    }

    /// @inheritdoc IFactoringMarket
    function withdrawRefund(address currency) external override nonReentrant returns (uint256 amount) {
        amount = _refunds[currency][msg.sender];
        if (amount == 0) revert MarketNothingToRefund(currency, msg.sender);
        _refunds[currency][msg.sender] = 0;
        emit RefundWithdrawn(currency, msg.sender, amount);
        IERC20(currency).safeTransfer(msg.sender, amount);
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
    function offer(uint256 offerId) external view override returns (Offer memory) {
        return _offers[offerId];
    }

    /// @inheritdoc IFactoringMarket
    function auction(uint256 auctionId) external view override returns (Auction memory) {
        return _auctions[auctionId];
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

    // ------------------------------------------------------------------ private

    /// @dev Takes custody of a listable fragment of the caller; splits off `value` if it is a part.
    /// Returns the listed token id, its root and its value.
    function _takeListable(
        uint256 tokenId,
        uint256 value
    ) private returns (uint256 listed, IReceivableToken.Root memory root, uint256 listedValue) {
        address holder = _nft.ownerOf(tokenId);
        if (holder == address(this)) revert MarketFragmentListed(tokenId);
        if (holder != msg.sender) revert MarketNotHolder(tokenId, msg.sender);
        _requireTradable(tokenId);
        uint256 rootId = tokenId >> 32;
        root = receivables.receivable(rootId);
        (IReceivableToken.Fragment memory f, ) = receivables.fragment(tokenId);
        if (value > f.value) revert MarketValueTooLarge(tokenId, value, f.value);
        _nft.transferFrom(msg.sender, address(this), tokenId);
        if (value == 0 || value == f.value) return (tokenId, root, f.value);
        uint256[] memory parts = new uint256[](2);
        // Cannot underflow: value < f.value.
        unchecked {
            parts[0] = f.value - value;
        }
        parts[1] = value;
        listed = receivables.split(tokenId, parts)[0];
        _nft.transferFrom(address(this), msg.sender, tokenId);
        listedValue = value;
    }

    /// @dev A confirmed (possibly partially paid), not overdue, not frozen fragment.
    function _requireTradable(uint256 tokenId) private view {
        IReceivableToken.State state = receivables.stateOf(tokenId >> 32);
        if (state != IReceivableToken.State.Confirmed && state != IReceivableToken.State.PartiallyPaid) {
            revert MarketFragmentNotTradable(tokenId, state);
        }
        if (receivables.isFrozen(tokenId)) revert MarketFragmentFrozen(tokenId);
    }

    /// @dev Whether `wallet` may receive a fragment now (eligible in the registry).
    function _canReceive(address wallet) private view returns (bool) {
        return _registry.eligibility(wallet) == IParticipantRegistry.Ineligibility.None;
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
        return DiscountMath.price(lst.value, lst.rateBps, lst.dueDate, block.timestamp, lst.basis);
    }

    function _fee(uint256 amount) private view returns (uint256) {
        return (amount * _feeBps) / 10_000;
    }

    function _postCollateral(uint256 listingId, Recourse storage r, uint256 amount) private {
        if (amount == 0) revert MarketZeroAmount();
        if (amount > type(uint96).max - r.collateral) revert MarketAmountTooLarge(amount);
        address provider = r.provider;
        if (provider == address(0)) r.provider = msg.sender;
        else if (provider != msg.sender) revert MarketCollateralProvider(listingId, provider);
        r.collateral += uint96(amount);
        emit CollateralPosted(listingId, msg.sender, amount);
        _pullEscrow(r.currency, msg.sender, amount);
    }

    /// @dev Pulls exactly `amount` into escrow or reverts (underfunded or fee-on-transfer).
    function _pullEscrow(address currency, address from, uint256 amount) private {
        IERC20 token = IERC20(currency);
        uint256 balance = token.balanceOf(from);
        uint256 allowance = token.allowance(from, address(this));
        if (balance < amount || allowance < amount) revert MarketUnderfunded(from, amount, balance, allowance);
        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(from, address(this), amount);
        uint256 received = token.balanceOf(address(this)) - before;
        if (received != amount) revert MarketFeeOnTransfer(currency, amount, received);
    }

    /// @dev Pays `amount` from `from` straight to `to`; refuses a fee-on-transfer currency.
    function _payDirect(IERC20 token, address from, address to, uint256 amount) private {
        uint256 before = token.balanceOf(to);
        token.safeTransferFrom(from, to, amount);
        uint256 received = token.balanceOf(to) - before;
        if (received != amount) revert MarketFeeOnTransfer(address(token), amount, received);
    }
}
