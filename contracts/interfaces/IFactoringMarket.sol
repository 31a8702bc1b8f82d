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
 * with it to the buyer (the market never claims). Each fragment in custody records what holds it
 * ({custodyOf}): a listing, an auction, or nobody's trade (parked for its owner, who withdraws it).
 * A listing or auction whose fragment left custody (a regulator's forced transfer) is dead: it
 * cannot be bought or bid on, and anyone unwinds it ({cancelListing}, {settleAuction}), returning
 * bids and collateral.
 *
 * Credits. The market pays the caller; everyone else (a seller, the treasury, an outbid bidder, a
 * collateral provider, a winner or recipient who can no longer receive) is paid directly when the
 * payment goes through and is otherwise credited, withdrawn by its owner with {withdrawRefund}. A
 * fragment owed to someone who cannot receive it (ineligible, or the fragment is frozen) is parked
 * for them ({withdrawFragment}). A lapsed, frozen or revoked party delays only its own assets.
 * Cash held by the market is exactly the escrowed offers, the highest bids of live auctions, posted
 * recourse collateral and credits.
 *
 * Prices. Every price is on what the fragment's holder is still to collect ({IReceivableToken-position}
 * `remaining`: value less what it already claimed), never on its face. A listing records it when
 * listed (the market then holds the fragment, so it cannot change); an offer names the remaining it
 * priced and cannot be accepted once that changed (split, value sent, cash claimed).
 *
 * Recourse. On a recourse sale, once the root is declared defaulted, the buyer (still holding the
 * fragment) may exercise until the recourse deadline: the fragment goes back to the seller, and the
 * seller owes the price paid pro rata to what is still to collect on the fragment now against what
 * was to collect at the sale (so collections since the sale, and parts split off and sold, are
 * deducted; no accrued discount is added: recourse restores the principal, not the return). Posted
 * collateral pays first; the shortfall is recorded as the seller's recourse debt, settleable later
 * by anyone. Payments after exercise go to the fragment's holder (the seller). Collateral is
 * released to its provider once the root is settled or the deadline passed ({recourseDeadline}).
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

    /// @notice What holds a fragment in the market's custody (1 slot).
    enum HoldKind {
        None,
        Listing,
        Auction,
        Parked // nobody's trade: waiting for `owner` to withdraw it
    }

    /// @notice A fragment in custody: its owner of record (seller, or whom it is parked for) and
    /// the listing or auction holding it.
    struct Hold {
        address owner;
        HoldKind kind;
        uint88 id; // listing or auction id; 0 when parked
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
        uint96 remaining; // still to collect on the fragment when listed (priced on this), base units
    }

    /// @notice A recourse duty as stored (5 slots).
    struct Recourse {
        address seller; // owes the buy-back
        uint96 price; // price paid by the buyer, base units
        address buyer; // may exercise (must hold the fragment)
        uint96 remaining; // still to collect on the fragment at the sale, base units
        address provider; // who posted the collateral (seller or guarantor)
        uint96 collateral; // held by the market, base units
        uint256 tokenId;
        address currency;
        uint96 debt; // outstanding shortfall after exercise, base units
        RecourseStatus status;
    }

    /// @notice An escrowed offer (3 slots), in the currency of the fragment's root.
    struct Offer {
        address offerer;
        uint40 expiry; // unix seconds
        uint256 tokenId;
        uint96 amount; // escrowed, base units
        uint96 remaining; // what the offerer priced: the fragment's remaining to collect
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
        uint96 minIncrement; // over the highest bid, base units (> 0)
        uint40 latestEnd; // extensions never push the end past this (endTime + MAX_EXTENSION)
        uint96 remaining; // still to collect on the fragment when auctioned, base units
    }

    /// @notice A price of zero: a listing with neither a fixed price nor a rate, or whose rate prices
    /// its remaining to collect at 0 now; an offer of 0; an auction reserve of 0.
    error MarketZeroPrice();
    /// @notice A listing's discount rate above the maximum (`maxBps`, {MAX_RATE_BPS}: 10,000 basis
    /// points a year).
    error MarketRateTooHigh(uint256 rateBps, uint256 maxBps);
    /// @notice A listing's or an offer's expiry is not after now (both unix seconds).
    error MarketExpiryInPast(uint256 expiry, uint256 nowTs);
    /// @notice The fragment is in `state`, which does not allow the act: listing and accepting an
    /// offer need `Confirmed` or `PartiallyPaid` (not overdue); an auction also takes `Overdue` and
    /// `Defaulted`. An offer needs the root's stored status `Confirmed`; `state` is then the root's
    /// state.
    error MarketFragmentNotTradable(uint256 tokenId, IReceivableToken.State state);
    /// @notice The fragment is under a judicial freeze: it cannot be listed, auctioned or sold on an
    /// offer.
    error MarketFragmentFrozen(uint256 tokenId);
    /// @notice Listing a fragment the market already holds (listed, auctioned, parked, or sent to it).
    error MarketFragmentListed(uint256 tokenId);
    /// @notice The caller does not hold the fragment: to list or auction it, to accept an offer on
    /// it, or (the recourse buyer) to exercise recourse.
    error MarketNotHolder(uint256 tokenId, address caller);
    /// @notice A listing's part (`value`) above the fragment's value, or a fixed price or an auction
    /// reserve (`value`) above what is still to collect on the fragment. Base units.
    /// @param fragmentValue The fragment's value (for a part) or its remaining to collect (for a
    /// price or a reserve), base units.
    error MarketValueTooLarge(uint256 tokenId, uint256 value, uint256 fragmentValue);
    /// @notice Collateral given for a listing without recourse; `listingId` is the id the listing
    /// would have had.
    error MarketCollateralWithoutRecourse(uint256 listingId);
    /// @notice No open listing has this id: never listed, sold or cancelled.
    error MarketUnknownListing(uint256 listingId);
    /// @notice Buying after the listing's expiry (unix seconds).
    error MarketListingExpired(uint256 listingId, uint256 expiry);
    /// @notice Buying after the root is overdue, since `overdueSince` (due date plus grace period,
    /// unix seconds).
    error MarketFragmentOverdue(uint256 tokenId, uint256 overdueSince);
    /// @notice Only the seller may cancel a live listing before its expiry.
    error MarketNotSeller(uint256 listingId, address caller);
    /// @notice The listing's price now (`price`) is above the buyer's `maxPrice`. Base units.
    error MarketPriceAboveMax(uint256 listingId, uint256 price, uint256 maxPrice);
    /// @notice The caller is not eligible in the registry now, or has none of the registry kinds
    /// `kinds`: the listing's buyer kinds (buy), the auction's (bid), or factor or bank (offer).
    error MarketBuyerNotEligible(address buyer, uint16 kinds);
    /// @notice An offer in `currency`, not in the currency of the fragment's root (`expected`).
    error MarketWrongCurrency(address currency, address expected);
    /// @notice The caller (`wallet`) has less than `amount` in balance or in allowance to the market
    /// for cash the market pulls: an offer's escrow, a bid, collateral, or a payment (a price, a fee,
    /// recourse debt) whose direct transfer to the payee failed. Base units.
    error MarketUnderfunded(address wallet, uint256 amount, uint256 balance, uint256 allowance);
    /// @notice A transfer of `expected` delivered `received` (to the market or to the payee): a
    /// fee-on-transfer currency. Base units.
    error MarketFeeOnTransfer(address currency, uint256 expected, uint256 received);
    /// @notice A platform fee above the maximum (`maxFeeBps`, {MAX_FEE_BPS}: 1,000 basis points).
    error MarketFeeTooHigh(uint256 feeBps, uint256 maxFeeBps);
    /// @notice A nonzero fee cannot be set before a treasury ({setTreasury}).
    error MarketTreasuryNotSet();
    /// @notice A treasury of zero.
    error MarketZeroAddress();
    /// @notice No open offer has this id: never made, accepted or cancelled.
    error MarketUnknownOffer(uint256 offerId);
    /// @notice Accepting an offer after its expiry (unix seconds).
    error MarketOfferExpired(uint256 offerId, uint256 expiry);
    /// @notice Only the offerer may cancel an offer before its expiry.
    error MarketNotOfferer(uint256 offerId, address caller);
    /// @notice The recourse record is in `status`: collateral is posted only while `Listed` or
    /// `Sold`, recourse exercised only while `Sold` (`None`: the listing has no recourse).
    error MarketRecourseNotExercisable(uint256 listingId, RecourseStatus status);
    /// @notice Recourse is exercised only once the root is declared defaulted; its stored status is
    /// `status`.
    error MarketRootNotDefaulted(uint256 rootId, IReceivableToken.Status status);
    /// @notice Only the buyer of the recourse sale may exercise it.
    error MarketNotRecourseBuyer(uint256 listingId, address caller);
    /// @notice Another wallet (`provider`) already posted collateral on the listing: one provider per
    /// listing.
    error MarketCollateralProvider(uint256 listingId, address provider);
    /// @notice The listing holds no collateral to release (none posted, already released, or used up
    /// at exercise).
    error MarketNoCollateral(uint256 listingId);
    /// @notice The listing has no recourse debt outstanding (not exercised, no shortfall, or paid).
    error MarketNoRecourseDebt(uint256 listingId);
    /// @notice A payment of recourse debt above what the seller still owes (`debt`). Base units.
    error MarketAmountAboveDebt(uint256 listingId, uint256 amount, uint256 debt);
    /// @notice A zero amount of collateral posted or of recourse debt paid.
    error MarketZeroAmount();
    /// @notice An amount above 2^96 - 1 base units (the largest a record stores): an offer's amount
    /// or remaining (`amount` is the offer's amount either way), an auction's minimum increment, or
    /// a listing's collateral once added to what is posted.
    error MarketAmountTooLarge(uint256 amount);
    /// @notice No open auction has this id: never created, settled or unwound.
    error MarketUnknownAuction(uint256 auctionId);
    /// @notice Bidding after the auction's end (`endTime`, unix seconds).
    error MarketAuctionEnded(uint256 auctionId, uint256 endTime);
    /// @notice Settling a live auction at or before its end (`endTime`, unix seconds).
    error MarketAuctionNotEnded(uint256 auctionId, uint256 endTime);
    /// @notice A bid below `minimum` (the reserve for the first bid, else the highest bid plus the
    /// minimum increment), or above 2^96 - 1. Base units.
    error MarketBidTooLow(uint256 auctionId, uint256 amount, uint256 minimum);
    /// @notice An auction's end is not after now, or is more than `maxDuration` seconds
    /// ({MAX_AUCTION_DURATION}: 90 days) after it. Unix seconds.
    error MarketBadAuctionEnd(uint256 endTime, uint256 nowTs, uint256 maxDuration);
    /// @notice The caller (`wallet`) has no credit in `currency` to withdraw.
    error MarketNothingToRefund(address currency, address wallet);
    /// @notice The fragment is no longer in the market's custody (a forced transfer): a listing's
    /// cannot be bought, an auction's bid on, a parked one withdrawn.
    error MarketFragmentGone(uint256 tokenId);
    /// @notice The fragment's remaining to collect (`remaining`) is not what the offer priced
    /// (`priced`): it was split, sent in part or claimed on since. Base units.
    error MarketOfferStale(uint256 offerId, uint256 priced, uint256 remaining);
    /// @notice An auction's minimum increment must be positive.
    error MarketZeroIncrement();
    /// @notice The recourse deadline (`deadline`, unix seconds: {recourseDeadline}) passed: recourse
    /// can no longer be exercised.
    error MarketRecourseExpired(uint256 listingId, uint256 deadline);
    /// @notice Collateral is released only once the root is settled or the recourse deadline
    /// (`deadline`, unix seconds) passed.
    error MarketCollateralLocked(uint256 listingId, uint256 deadline);
    /// @notice The fragment is not parked for the caller.
    error MarketNotParked(uint256 tokenId, address caller);
    /// @notice A successor market refuses the paths its pause leaves open (cancellations, auction
    /// settlement, refunds, recourse, parked fragments), and cannot be unpaused, before its migration
    /// is closed ({IFactoringMarketImporter-closeMigration}).
    error MarketMigrationOpen();
    /// @notice The market is retired (paused, and closed in its AccessManager) for a migration: its
    /// records move to the successor, so it refuses {cancelListing}, {cancelOffer},
    /// {postCollateral}, {settleRecourseDebt}, {releaseCollateral}, {exerciseRecourse},
    /// {withdrawFragment} and the unwind of a dead auction ({settleAuction}).
    error MarketRetired();

    /// @notice A seller listed a fragment; the market holds it.
    /// @param tokenId The listed fragment (for a part, the fragment split off).
    /// @param value The listed fragment's value, base units.
    /// @param price Fixed price, base units; 0 when priced by `rateBps`.
    /// @param rateBps Annual discount rate, basis points (used only when `price` is 0).
    /// @param expiry Unix seconds.
    /// @param buyerKinds Registry kinds allowed to buy (FACTOR | BANK when the seller gave 0).
    /// @param remaining Still to collect on the fragment when listed (the price is on this), base
    /// units.
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
        bool recourse,
        uint256 remaining
    );
    /// @notice A live listing was cancelled (by the seller, or by anyone after expiry): the fragment
    /// goes back to the seller (parked if it cannot receive it now).
    event ListingCancelled(uint256 indexed listingId, uint256 indexed tokenId, address indexed seller);
    /// @notice A buyer bought a listing: it paid `price` (base units), the seller got `price` less
    /// `fee` (paid or credited), and the buyer the fragment.
    /// @param fee Platform fee off the price, to the treasury ({FeeCollected} when nonzero), base
    /// units.
    event Bought(
        uint256 indexed listingId,
        uint256 indexed tokenId,
        address indexed buyer,
        address seller,
        uint256 price,
        uint256 fee
    );
    /// @notice A nonzero platform fee of a sale (a listing bought, an offer accepted, an auction
    /// settled) went to the treasury, paid or credited. Base units.
    event FeeCollected(address indexed currency, address indexed treasury, uint256 amount);
    /// @notice The fee admin set the platform fee (basis points).
    event FeeSet(uint256 feeBps);
    /// @notice The fee admin set the treasury that receives fees.
    event TreasurySet(address indexed treasury);
    /// @notice `provider` (the seller, at listing or later, or a guarantor) posted `amount` (base
    /// units) of recourse collateral on the listing.
    event CollateralPosted(uint256 indexed listingId, address indexed provider, uint256 amount);
    /// @notice `amount` (base units) of collateral went back to its provider, paid or credited: the
    /// recourse listing was cancelled or unwound, the collateral released ({releaseCollateral}), or
    /// it was left over at exercise.
    event CollateralReleased(uint256 indexed listingId, address indexed provider, uint256 amount);
    /// @notice The buyer exercised recourse: the fragment went back to the seller (parked if it
    /// cannot receive it now). Base units.
    /// @param owed Price x remaining to collect now / remaining at the sale.
    /// @param fromCollateral Paid to the buyer out of the collateral now.
    /// @param debt `owed` less `fromCollateral`: the seller's recourse debt.
    event RecourseExercised(
        uint256 indexed listingId,
        address indexed buyer,
        address indexed seller,
        uint256 owed,
        uint256 fromCollateral,
        uint256 debt
    );
    /// @notice `payer` paid `amount` (base units) of the seller's recourse debt to the buyer (paid or
    /// credited).
    /// @param remaining Recourse debt still owed after this payment, base units.
    event RecourseDebtSettled(uint256 indexed listingId, address indexed payer, uint256 amount, uint256 remaining);
    /// @notice An offerer offered `amount` (base units, escrowed) for a fragment, until `expiry`
    /// (unix seconds).
    /// @param remaining The fragment's remaining to collect the offer priced, base units.
    event OfferMade(
        uint256 indexed offerId,
        uint256 indexed tokenId,
        address indexed offerer,
        address currency,
        uint256 amount,
        uint256 expiry,
        uint256 remaining
    );
    /// @notice The fragment's holder accepted the offer: the fragment went to the offerer, the escrow
    /// less `fee` to the holder.
    /// @param fee Platform fee off the escrow, to the treasury, base units.
    event OfferAccepted(uint256 indexed offerId, uint256 indexed tokenId, address indexed holder, uint256 fee);
    /// @notice An offer was cancelled (by the offerer, or by anyone after expiry): its escrow
    /// (`amount`, base units) went back to the offerer, paid or credited.
    event OfferCancelled(uint256 indexed offerId, address indexed offerer, uint256 amount);
    /// @notice A seller auctioned a fragment; the market holds it. Base units and unix seconds.
    /// @param buyerKinds Registry kinds allowed to bid (FACTOR | BANK when the seller gave 0).
    /// @param remaining Still to collect on the fragment when auctioned.
    event AuctionCreated(
        uint256 indexed auctionId,
        uint256 indexed tokenId,
        address indexed seller,
        uint256 reserve,
        uint256 minIncrement,
        uint256 endTime,
        uint16 buyerKinds,
        uint256 remaining
    );
    /// @notice `bidder` bid `amount` (base units, escrowed). The outbid bid is credited to its
    /// bidder with no {Credited} event.
    /// @param endTime The auction's end after this bid (extended by a late bid), unix seconds.
    event BidPlaced(uint256 indexed auctionId, address indexed bidder, uint256 amount, uint256 endTime);
    /// @notice An ended auction was settled: `winner` got the fragment for `price` and the seller
    /// `price` less `fee` (base units, paid or credited). With no bid, `winner`, `price` and `fee`
    /// are 0 and the fragment went back to the seller (parked if it cannot receive it now).
    /// @param fee Platform fee off the price, to the treasury.
    event AuctionSettled(uint256 indexed auctionId, address indexed winner, uint256 price, uint256 fee);
    /// @notice At settlement the winner could not receive the fragment (not eligible, or the fragment
    /// is frozen): the fragment went back to the seller (parked if it cannot receive it now) and the
    /// bid to the winner. No {AuctionSettled}; the auction's `sold` stays false.
    /// @param refunded The winner's bid, credited to it, base units.
    event AuctionDeliveryFailed(uint256 indexed auctionId, address indexed winner, uint256 refunded);
    /// @notice `wallet` withdrew its whole credit in `currency` (`amount`, base units).
    event RefundWithdrawn(address indexed currency, address indexed wallet, uint256 amount);
    /// @notice `amount` (base units) was added to `wallet`'s credit in `currency`: a payment to it
    /// did not go through, or an auction's top bid went back to its bidder (a dead auction unwound, a
    /// winner who could not receive the fragment). Outbid bids are credited without it ({BidPlaced}).
    event Credited(address indexed currency, address indexed wallet, uint256 amount);
    /// @notice A dead listing (its fragment left custody) was unwound by anyone ({cancelListing}).
    event ListingUnwound(uint256 indexed listingId, uint256 indexed tokenId);
    /// @notice A dead auction (its fragment left custody) was unwound; the top bid was credited back.
    /// @param bidder The highest bidder (zero when there was no bid).
    /// @param refunded Its bid, credited back, base units (0 when there was no bid).
    event AuctionUnwound(uint256 indexed auctionId, uint256 indexed tokenId, address indexed bidder, uint256 refunded);
    /// @notice A fragment owed to `owner` could not be delivered now: the market keeps it for them.
    event FragmentParked(uint256 indexed tokenId, address indexed owner);
    /// @notice A parked fragment was withdrawn by its owner.
    event FragmentWithdrawn(uint256 indexed tokenId, address indexed owner);

    // ------------------------------------------------------------------ listings

    /// @notice Lists a confirmed, not overdue, not frozen fragment held by the caller (whole, or a
    /// part that the market splits off after taking custody; the rest returns to the caller). The
    /// market must be approved for the fragment; recourse collateral is pulled from the caller.
    /// A fixed price may not exceed the fragment's remaining to collect; a rate discounts it.
    /// @return listingId The new listing.
    function list(ListingParams calldata p) external returns (uint256 listingId);

    /// @notice The seller (any time) or anyone (after expiry, or once the fragment left custody)
    /// cancels a listing: the fragment and any recourse collateral return to their owners (parked
    /// or credited when they cannot receive now).
    function cancelListing(uint256 listingId) external;

    /// @notice Buys a listing: an eligible buyer pays the price, the seller gets it less the fee, the
    /// treasury the fee (each credited if it cannot receive now), the buyer the fragment. The buyer
    /// must have approved the market for the price.
    /// @param maxPrice Most the buyer accepts to pay (the discount price rises as maturity nears).
    /// @return price What was charged (exactly {quote} at the block's time).
    function buy(uint256 listingId, uint256 maxPrice) external returns (uint256 price);

    /// @notice What {buy} charges now: the fixed price, or the remaining to collect discounted to maturity.
    function quote(uint256 listingId) external view returns (uint256);

    // ------------------------------------------------------------------ recourse

    /// @notice A guarantor (or the seller) posts recourse collateral on a recourse listing, open or
    /// sold and not exercised. One provider per listing.
    function postCollateral(uint256 listingId, uint256 amount) external;

    /// @notice The buyer of a recourse sale, holding the fragment, exercises recourse once the root is
    /// declared defaulted and before {recourseDeadline}: the fragment goes back to the seller (parked
    /// for it if it cannot receive now); collateral pays the buyer first and the rest becomes the
    /// seller's recourse debt. Owed: price x remaining now / remaining at the sale, so what the
    /// buyer collected since the sale, and parts it split off, are deducted.
    /// The buyer must have approved the market for its fragments (it moves the fragment back).
    function exerciseRecourse(uint256 listingId) external;

    /// @notice Anyone pays (part of) a seller's recourse debt to the buyer.
    function settleRecourseDebt(uint256 listingId, uint256 amount) external;

    /// @notice Returns recourse collateral to its provider once the root is settled or the recourse
    /// deadline passed (anyone may call; credited if the provider cannot receive now).
    function releaseCollateral(uint256 listingId) external;

    // ------------------------------------------------------------------ offers

    /// @notice An eligible factor or bank offers `amount` for a fragment whose remaining to collect
    /// is `remaining` (read it from {IReceivableToken-position}); the cash is escrowed. The offer
    /// can be accepted only while the fragment's remaining is still exactly that.
    /// @return offerId The new offer.
    function makeOffer(
        uint256 tokenId,
        address currency,
        uint256 amount,
        uint256 expiry,
        uint256 remaining
    ) external returns (uint256 offerId);

    /// @notice The fragment's holder accepts an unexpired offer whose priced remaining still holds
    /// (the market must be approved for the fragment; the offerer must be able to receive it):
    /// fragment to the offerer, escrow less fee to the holder, fee to the treasury.
    function acceptOffer(uint256 offerId) external;

    /// @notice The offerer (any time) or anyone (after expiry) withdraws an offer; the escrow goes
    /// back to the offerer (credited if it cannot receive now).
    function cancelOffer(uint256 offerId) external;

    // ------------------------------------------------------------------ auctions

    /// @notice Auctions a fragment held by the caller (confirmed, overdue or defaulted; not frozen).
    /// @param reserve Lowest first bid, at most the fragment's remaining to collect.
    /// @param minIncrement Positive minimum raise over the highest bid.
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
    /// increment. A bid in the last {EXTENSION} seconds pushes the end to now + {EXTENSION}, never
    /// past `latestEnd` (the first end + {MAX_EXTENSION}). The outbid bidder's escrow becomes a
    /// credit it withdraws.
    function bid(uint256 auctionId, uint256 amount) external;

    /// @notice After the end, anyone settles: the winner gets the fragment, the seller the bid less
    /// the fee; with no bid the fragment returns to the seller. A winner who cannot receive the
    /// fragment (no longer eligible, or the fragment is frozen) gets its bid as a credit and the
    /// fragment returns to the seller ({AuctionDeliveryFailed}). Whoever cannot receive now is
    /// credited, or has the fragment parked. Once the fragment left custody (forced transfer) the
    /// auction is dead and anyone unwinds it at once: the top bid is credited back ({AuctionUnwound}). The outcome
    /// stays readable in {auction}: `sold`, and the `feeBps` applied, so a contract seller (a
    /// product disposing of a defaulted fragment) can account for exactly what it received whoever
    /// settled.
    function settleAuction(uint256 auctionId) external;

    /// @notice Withdraws the caller's credits in `currency` (outbid bids, proceeds, fees, escrow and
    /// collateral that could not be paid directly).
    function withdrawRefund(address currency) external returns (uint256 amount);

    /// @notice Withdraws a fragment parked for the caller (it must be able to receive it now).
    function withdrawFragment(uint256 tokenId) external;

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

    /// @notice Credits a wallet can withdraw in a currency.
    function refundOf(address currency, address wallet) external view returns (uint256);

    /// @notice What holds a fragment in the market's custody (all zero when none).
    function custodyOf(uint256 tokenId) external view returns (Hold memory);

    /// @notice Last time recourse of a recourse listing can be exercised (0 for none): the root's
    /// due date + grace + default period + {RECOURSE_PERIOD}.
    function recourseDeadline(uint256 listingId) external view returns (uint256);

    /// @notice Platform fee in basis points.
    function feeBps() external view returns (uint16);

    /// @notice Where fees go.
    function treasury() external view returns (address);

    /// @notice The receivable token traded here.
    function receivables() external view returns (IReceivableToken);

    /// @notice The id counters: the last listing, offer and auction id issued (ids start at 1, so
    /// each is also the number issued; 0 when none; the next one is this plus one). A successor
    /// market continues its predecessor's counters, so ids never collide across versions.
    function nextIds() external view returns (uint256 nextListingId, uint256 nextOfferId, uint256 nextAuctionId);
}
