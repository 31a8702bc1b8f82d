// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {DiscountBasis} from "../libraries/DiscountMath.sol";
import {IReceivableToken} from "./IReceivableToken.sol";

/**
 * @title IFactoringMarket
 * @notice Factoring marketplace for receivable fragments: fixed-price and discount-rate listings,
 * escrowed offers, recourse sales with collateral and re-factoring, English auctions (including
 * defaulted fragments: non-performing asset disposal). Every trade is atomic delivery versus payment
 * in the currency of the fragment's root.
 *
 * Custody. A listed or auctioned fragment is held by the market; its unclaimed entitlement travels
 * with it to the buyer (the market never claims). Cash held by the market is exactly the escrowed
 * offers, the highest bids of open auctions, posted recourse collateral and unclaimed refunds.
 *
 * Recourse. On a recourse sale, once the root is declared defaulted, the buyer (still holding the
 * fragment) may exercise: the fragment goes back to the seller, and the seller owes the price paid,
 * pro rata to the value the fragment still has (no accrued discount is added: recourse restores the
 * principal, not the return). Posted collateral pays first; the shortfall is recorded as the
 * seller's recourse debt, settleable later by anyone. Collateral is released to its provider once the
 * root is settled. Collections already claimed by the buyer stay with it.
 */
interface IFactoringMarket {
    enum ListingStatus {
        None,
        Open
    }

    enum RecourseStatus {
        None,
        Listed, // recourse listing open, not sold yet
        Sold, // sold with recourse, exercisable on default
        Exercised // exercised; `debt` is what the seller still owes
    }

    /// @notice What a seller asks for.
    struct ListingParams {
        uint256 tokenId; // fragment to list
        uint256 value; // part of its value to list; 0 or its whole value lists it whole
        uint256 price; // fixed price in base units; 0 to price by discount rate
        uint16 rateBps; // annual discount rate (when `price` is 0)
        DiscountBasis basis; // day-count basis of the rate
        uint40 expiry; // unix seconds
        uint16 buyerKinds; // registry kinds allowed to buy; 0 = FACTOR | BANK
        bool recourse; // recourse sale
        uint256 collateral; // recourse collateral posted by the seller now (base units)
    }

    /// @notice A listing as stored (4 slots).
    struct Listing {
        address seller;
        uint40 expiry; // unix seconds
        uint40 dueDate; // of the root, unix seconds
        uint16 buyerKinds; // registry kind bits
        uint256 tokenId;
        address currency; // the root's currency
        uint96 value; // face value of the listed fragment, base units
        uint96 price; // fixed price, base units; 0 when priced by rate
        uint16 rateBps; // annual discount rate, basis points
        DiscountBasis basis;
        bool recourse;
        ListingStatus status;
    }

    /// @notice A recourse duty as stored (5 slots).
    struct Recourse {
        address seller; // owes the buy-back
        uint96 price; // price paid by the buyer, base units
        address buyer; // may exercise (must hold the fragment)
        uint96 value; // fragment value at the sale, base units
        address provider; // who posted the collateral (seller or guarantor)
        uint96 collateral; // held by the market, base units
        uint256 tokenId;
        address currency;
        uint96 debt; // outstanding shortfall after exercise, base units
        RecourseStatus status;
    }

    /// @notice An escrowed offer (3 slots).
    struct Offer {
        address offerer;
        uint40 expiry; // unix seconds
        uint256 tokenId;
        address currency;
        uint96 amount; // escrowed, base units
    }

    /// @notice An English auction (5 slots).
    struct Auction {
        address seller;
        uint40 endTime; // unix seconds; extended by late bids
        uint16 buyerKinds; // registry kind bits allowed to bid
        bool open;
        bool sold; // set at settlement: the fragment went to the highest bidder
        uint16 feeBps; // set at settlement when sold: the fee rate applied (seller got bid - bid * feeBps / 10,000)
        uint256 tokenId;
        address currency;
        uint96 reserve; // lowest first bid, base units
        address highestBidder;
        uint96 highestBid; // escrowed, base units
        uint96 minIncrement; // over the highest bid, base units
    }

    error MarketZeroPrice();
    error MarketRateTooHigh(uint256 rateBps, uint256 maxBps);
    error MarketExpiryInPast(uint256 expiry, uint256 nowTs);
    error MarketFragmentNotTradable(uint256 tokenId, IReceivableToken.State state);
    error MarketFragmentFrozen(uint256 tokenId);
    error MarketFragmentListed(uint256 tokenId);
    error MarketNotHolder(uint256 tokenId, address caller);
    error MarketValueTooLarge(uint256 tokenId, uint256 value, uint256 fragmentValue);
    error MarketCollateralWithoutRecourse(uint256 listingId);
    error MarketUnknownListing(uint256 listingId);
    error MarketListingExpired(uint256 listingId, uint256 expiry);
    error MarketFragmentOverdue(uint256 tokenId, uint256 overdueSince);
    error MarketNotSeller(uint256 listingId, address caller);
    error MarketPriceAboveMax(uint256 listingId, uint256 price, uint256 maxPrice);
    error MarketBuyerNotEligible(address buyer, uint16 kinds);
    error MarketWrongCurrency(address currency, address expected);
    error MarketUnderfunded(address wallet, uint256 amount, uint256 balance, uint256 allowance);
    error MarketFeeOnTransfer(address currency, uint256 expected, uint256 received);
    error MarketFeeTooHigh(uint256 feeBps, uint256 maxFeeBps);
    error MarketTreasuryNotSet();
    error MarketZeroAddress();
    error MarketUnknownOffer(uint256 offerId);
    error MarketOfferExpired(uint256 offerId, uint256 expiry);
    error MarketNotOfferer(uint256 offerId, address caller);
    error MarketNotRecourse(uint256 listingId);
    error MarketRecourseNotExercisable(uint256 listingId, RecourseStatus status);
    error MarketRootNotDefaulted(uint256 rootId, IReceivableToken.Status status);
    error MarketRootNotSettled(uint256 rootId, IReceivableToken.Status status);
    error MarketNotRecourseBuyer(uint256 listingId, address caller);
    error MarketCollateralProvider(uint256 listingId, address provider);
    error MarketNoCollateral(uint256 listingId);
    error MarketNoRecourseDebt(uint256 listingId);
    error MarketAmountAboveDebt(uint256 listingId, uint256 amount, uint256 debt);
    error MarketZeroAmount();
    error MarketAmountTooLarge(uint256 amount);
    error MarketUnknownAuction(uint256 auctionId);
    error MarketAuctionEnded(uint256 auctionId, uint256 endTime);
    error MarketAuctionNotEnded(uint256 auctionId, uint256 endTime);
    error MarketBidTooLow(uint256 auctionId, uint256 amount, uint256 minimum);
    error MarketBadAuctionEnd(uint256 endTime, uint256 nowTs, uint256 maxDuration);
    error MarketNothingToRefund(address currency, address wallet);

    event Listed(
        uint256 indexed listingId,
        uint256 indexed tokenId,
        address indexed seller,
        uint256 value,
        uint256 price,
        uint256 rateBps,
        DiscountBasis basis,
        uint256 expiry,
        uint16 buyerKinds,
        bool recourse
    );
    event ListingCancelled(uint256 indexed listingId, uint256 indexed tokenId, address indexed seller);
    event Bought(
        uint256 indexed listingId,
        uint256 indexed tokenId,
        address indexed buyer,
        address seller,
        uint256 price,
        uint256 fee
    );
    event FeeCollected(address indexed currency, address indexed treasury, uint256 amount);
    event FeeSet(uint256 feeBps);
    event TreasurySet(address indexed treasury);
    event CollateralPosted(uint256 indexed listingId, address indexed provider, uint256 amount);
    event CollateralReleased(uint256 indexed listingId, address indexed provider, uint256 amount);
    event RecourseExercised(
        uint256 indexed listingId,
        address indexed buyer,
        address indexed seller,
        uint256 owed,
        uint256 fromCollateral,
        uint256 debt
    );
    event RecourseDebtSettled(uint256 indexed listingId, address indexed payer, uint256 amount, uint256 remaining);
    event OfferMade(
        uint256 indexed offerId,
        uint256 indexed tokenId,
        address indexed offerer,
        address currency,
        uint256 amount,
        uint256 expiry
    );
    event OfferAccepted(uint256 indexed offerId, uint256 indexed tokenId, address indexed holder, uint256 fee);
    event OfferCancelled(uint256 indexed offerId, address indexed offerer, uint256 amount);
    event AuctionCreated(
        uint256 indexed auctionId,
        uint256 indexed tokenId,
        address indexed seller,
        uint256 reserve,
        uint256 minIncrement,
        uint256 endTime,
        uint16 buyerKinds
    );
    event BidPlaced(uint256 indexed auctionId, address indexed bidder, uint256 amount, uint256 endTime);
    event AuctionSettled(uint256 indexed auctionId, address indexed winner, uint256 price, uint256 fee);
    event AuctionDeliveryFailed(uint256 indexed auctionId, address indexed winner, uint256 refunded);
    event RefundWithdrawn(address indexed currency, address indexed wallet, uint256 amount);

    // ------------------------------------------------------------------ listings

    /// @notice Lists a confirmed, not overdue, not frozen fragment held by the caller (whole, or a
    /// part that the market splits off after taking custody; the rest returns to the caller). The
    /// market must be approved for the fragment; recourse collateral is pulled from the caller.
    /// @return listingId The new listing.
    function list(ListingParams calldata p) external returns (uint256 listingId);

    /// @notice The seller (any time) or anyone (after expiry) cancels a listing: the fragment and
    /// any recourse collateral return to their owners.
    function cancelListing(uint256 listingId) external;

    /// @notice Buys a listing: an eligible buyer pays the price, the seller gets it less the fee, the
    /// treasury the fee, the buyer the fragment. The buyer must have approved the market for the price.
    /// @param maxPrice Most the buyer accepts to pay (the discount price rises as maturity nears).
    /// @return price What was charged (exactly {quote} at the block's time).
    function buy(uint256 listingId, uint256 maxPrice) external returns (uint256 price);

    /// @notice What {buy} charges now: the fixed price, or the face discounted to maturity.
    function quote(uint256 listingId) external view returns (uint256);

    // ------------------------------------------------------------------ recourse

    /// @notice A guarantor (or the seller) posts recourse collateral on a recourse listing, open or
    /// sold and not exercised. One provider per listing.
    function postCollateral(uint256 listingId, uint256 amount) external;

    /// @notice The buyer of a recourse sale, holding the fragment, exercises recourse once the root is
    /// declared defaulted: the fragment goes back to the seller; collateral pays the buyer first and
    /// the rest becomes the seller's recourse debt. The duty covers the sold fragment only: parts the
    /// buyer later split off are not covered, and the price owed shrinks pro rata.
    /// The buyer must have approved the market for its fragments (it moves the fragment back).
    function exerciseRecourse(uint256 listingId) external;

    /// @notice Anyone pays (part of) a seller's recourse debt to the buyer.
    function settleRecourseDebt(uint256 listingId, uint256 amount) external;

    /// @notice Returns recourse collateral to its provider once the root is settled (anyone may call).
    function releaseCollateral(uint256 listingId) external;

    // ------------------------------------------------------------------ offers

    /// @notice An eligible factor or bank offers `amount` for a fragment; the cash is escrowed.
    /// @return offerId The new offer.
    function makeOffer(
        uint256 tokenId,
        address currency,
        uint256 amount,
        uint256 expiry
    ) external returns (uint256 offerId);

    /// @notice The fragment's holder accepts an unexpired offer (the market must be approved for the
    /// fragment): fragment to the offerer, escrow less fee to the holder, fee to the treasury.
    function acceptOffer(uint256 offerId) external;

    /// @notice The offerer withdraws its offer (expired or not) and gets the escrow back.
    function cancelOffer(uint256 offerId) external;

    // ------------------------------------------------------------------ auctions

    /// @notice Auctions a fragment held by the caller (confirmed, overdue or defaulted; not frozen).
    /// @param buyerKinds Registry kinds allowed to bid; 0 = FACTOR | BANK.
    /// @return auctionId The new auction.
    function createAuction(
        uint256 tokenId,
        uint256 reserve,
        uint256 minIncrement,
        uint256 endTime,
        uint16 buyerKinds
    ) external returns (uint256 auctionId);

    /// @notice Bids `amount` (escrowed): at least the reserve, or the highest bid plus the minimum
    /// increment. A bid in the last {EXTENSION} seconds pushes the end to now + {EXTENSION}. The
    /// outbid bidder's escrow becomes a refund it withdraws.
    function bid(uint256 auctionId, uint256 amount) external;

    /// @notice After the end, anyone settles: the winner gets the fragment, the seller the bid less
    /// the fee; with no bid the fragment returns to the seller. A winner no longer eligible gets its
    /// bid as a refund and the fragment returns to the seller ({AuctionDeliveryFailed}). The outcome
    /// stays readable in {auction}: `sold`, and the `feeBps` applied, so a contract seller (a
    /// product disposing of a defaulted fragment) can account for exactly what it received whoever
    /// settled.
    function settleAuction(uint256 auctionId) external;

    /// @notice Withdraws the caller's refunds (outbid bids) in `currency`.
    function withdrawRefund(address currency) external returns (uint256 amount);

    // ------------------------------------------------------------------ operators

    /// @notice Sets the platform fee in basis points, at most {MAX_FEE_BPS}. Fee admin only.
    function setFee(uint16 feeBps) external;

    /// @notice Sets the treasury that receives fees. Fee admin only.
    function setTreasury(address treasury) external;

    /// @notice Stops listing, buying, offering, accepting, auctioning and bidding (cancellations,
    /// refunds, recourse and settlement stay open). Guardian only.
    function pause() external;

    /// @notice Resumes. Guardian only.
    function unpause() external;

    // ------------------------------------------------------------------ views

    /// @notice A listing (all zero once sold or cancelled).
    function listing(uint256 listingId) external view returns (Listing memory);

    /// @notice The recourse duty of a recourse listing.
    function recourseOf(uint256 listingId) external view returns (Recourse memory);

    /// @notice An offer (all zero once accepted or cancelled).
    function offer(uint256 offerId) external view returns (Offer memory);

    /// @notice An auction.
    function auction(uint256 auctionId) external view returns (Auction memory);

    /// @notice Refunds a wallet can withdraw in a currency.
    function refundOf(address currency, address wallet) external view returns (uint256);

    /// @notice Platform fee in basis points.
    function feeBps() external view returns (uint16);

    /// @notice Where fees go.
    function treasury() external view returns (address);

    /// @notice The receivable token traded here.
    function receivables() external view returns (IReceivableToken);
}
