// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IReceivableToken} from "./IReceivableToken.sol";
import {ITrancheToken} from "./ITrancheToken.sol";

/**
 * @title IRevenueProduct
 * @notice A revenue-sharing product (receivable-backed security): a basket of receivable fragments
 * in custody, sold to investors as one or two tranches of shares, whose collections are passed
 * through to the shareholders by a senior/junior waterfall. Created by the {IProductFactory}.
 *
 * Lifecycle: Originated -> Approved (registration agent) -> Listed (the exchange proposes the
 * listing terms, the originator accepts them; needs a current rating) -> Active (minimum raised) or
 * Failed (refunds, basket returned; also when the originator cancels before listing) -> Closed
 * (wound down).
 *
 * Roles bind to the product: the exchange, rating agency and registration agent that may act on it
 * are named at creation ({Parties}); only they act, each while eligible and of its kind.
 * Money path: payments to anyone but the caller (originator proceeds and servicing fees, exchange
 * fees, refunds) are paid when the transfer goes through and otherwise credited, withdrawn by their
 * owner ({withdrawCredit}); the treasury's dust waits in the product until it can be swept.
 *
 * Waterfall (docs/products.md). Each collection, after the servicing and exchange fees, pays in
 * order: senior interest due (simple interest, actual/365, on the senior balance), senior
 * principal until the senior balance is zero, then the junior tranche (the residual; to the senior
 * tranche if the product has no junior). Losses on defaulted fragments are written down against
 * the junior principal first, then the senior.
 */
interface IRevenueProduct {
    enum Phase {
        None,
        Originated,
        Approved,
        Listed,
        Active,
        Failed,
        Closed
    }

    /// @notice Custody state of a basket fragment.
    enum Custody {
        None,
        Held,
        Released, // handed to a disposal agent after default
        WrittenOff,
        Returned, // given back to the originator after a failed offering
        Auctioned // on auction at the factory's factoring market after default
    }

    /// @notice Terms fixed at origination (1 slot).
    struct Terms {
        uint16 seniorBps; // share of the offering in the senior tranche; 10,000 = single tranche
        uint16 seniorRateBps; // senior target annual yield, basis points (actual/365 simple interest)
        uint16 servicingFeeBps; // off every collection, to the originator as servicer
    }

    /// @notice The parties bound to the product at creation: only they act on it.
    struct Parties {
        address exchange; // proposes the listing; takes the exchange fee
        address ratingAgency; // rates and revises the rating
        address registrar; // registration and settlement agent: approves the register
    }

    /// @notice Listing proposed by the exchange and accepted by the originator (4 slots; amounts in
    /// cash base units, times in unix seconds).
    struct Listing {
        address exchange;
        uint40 opens;
        uint40 closes;
        uint16 investorKinds; // Kinds bits an investor must have one of
        uint16 exchangeFeeBps; // off the raise at close and off every collection
        uint96 pricePerShare;
        uint96 minRaise;
        uint96 cap; // maximum raise; tranche share supplies derive from it
        uint96 minTicket; // per investor and tranche, cumulative
        uint96 maxTicket;
    }

    /// @notice A rating (3 slots + URI).
    struct Rating {
        address agency;
        uint8 notch; // 1 = best (AAA); a larger notch is a lower grade
        bytes8 grade; // label, e.g. "AA"
        uint40 date;
        uint40 expiry;
        bytes32 reportHash;
        string reportUri;
    }

    /// @notice A tranche's subscription book and balances (2 slots; amounts in shares or base units).
    struct Tranche {
        ITrancheToken token;
        uint64 supply; // shares offered
        uint32 subscribers;
        uint64 requested; // shares subscribed
        uint96 principal; // cash raised into the tranche at close
        uint96 written; // losses written down against the tranche
    }

    /// @notice The waterfall's running state (2 slots).
    struct Waterfall {
        uint96 seniorBalance; // senior principal not yet repaid
        uint96 interestDue; // senior interest accrued and unpaid
        uint40 accruedAt; // last accrual time
        uint96 losses; // cumulative losses of defaulted fragments not recovered
        uint96 collected; // cumulative gross collections (including disposal proceeds)
    }

    /// @notice Only the factory may pause or resume the product.
    error ProductNotFactory(address caller);
    /// @notice The product is already set up (the implementation can never be).
    error ProductAlreadyInitialized();
    /// @notice A basket with no fragments.
    error ProductEmptyBasket();
    /// @notice A basket of `size` fragments, above the factory's maximum (`max`,
    /// {IProductFactory.maxBasket}).
    error ProductBasketTooLarge(uint256 size, uint256 max);
    /// @notice Terms out of range: the senior share is 0 or above 10,000 basis points, the senior
    /// rate above 5,000 basis points, or the servicing fee above 1,000 basis points.
    error ProductBadTerms(uint256 seniorBps, uint256 seniorRateBps, uint256 servicingFeeBps);
    /// @notice The originator does not hold the fragment; `holder` is its holder (zero if it was
    /// burnt or never existed).
    error ProductForeignFragment(uint256 tokenId, address holder);
    /// @notice The fragment's root still awaits the debtor's confirmation.
    error ProductPendingFragment(uint256 tokenId);
    /// @notice The fragment's root is overdue since `overdueSince` (due date plus grace period, unix
    /// seconds).
    error ProductOverdueFragment(uint256 tokenId, uint256 overdueSince);
    /// @notice The fragment's root is in `state`, neither confirmed nor partially paid (defaulted or
    /// settled).
    error ProductFragmentNotConfirmed(uint256 tokenId, IReceivableToken.State state);
    /// @notice The fragment appears twice in the basket.
    error ProductDuplicateFragment(uint256 tokenId);
    /// @notice The fragment's root is in `currency`, not in the factory's settlement cash.
    error ProductWrongCurrency(uint256 tokenId, address currency);
    /// @notice The product is in `phase`; the act needs `expected` (for an act allowed in several
    /// phases, `expected` names one of them).
    error ProductWrongPhase(Phase phase, Phase expected);
    /// @notice Only the originator may act (accept the listing, cancel, declare default, write off,
    /// auction).
    error ProductNotOriginator(address caller);
    /// @notice `caller` is not eligible now or has none of the registry kinds `kinds`: the caller of
    /// a bound party's act, an investor subscribing (the listing's investor kinds), or, at creation,
    /// a party named in {Parties}.
    error ProductNotKind(address caller, uint16 kinds);
    /// @notice No current rating: it expired at `expiry` (unix seconds; 0 if never rated), not after
    /// now.
    error ProductNoCurrentRating(uint256 expiry, uint256 nowTs);
    /// @notice A rating with a notch of 0, or an expiry (unix seconds) not in the future or above
    /// 2^40 - 1.
    error ProductBadRating(uint8 notch, uint256 expiry);
    /// @notice Listing terms out of range: a price or cap of 0, a cap not a multiple of the price, a
    /// minimum raise above the cap, a maximum ticket of 0 or above the cap, a minimum ticket above
    /// the maximum, no investor kinds, or more than 2^64 - 1 shares.
    error ProductBadListing();
    /// @notice Proposing: the window opens before now or closes no later than it opens. Accepting:
    /// now is at or after the close. Unix seconds.
    error ProductBadWindow(uint256 opens, uint256 closes, uint256 nowTs);
    /// @notice An exchange fee above the maximum (`maxBps`, 1,000 basis points).
    error ProductFeeTooHigh(uint256 feeBps, uint256 maxBps);
    /// @notice Subscriptions are taken only from `opens` to `closes`, both included (unix seconds).
    error ProductOutsideWindow(uint256 nowTs, uint256 opens, uint256 closes);
    /// @notice No tranche at this index (0 senior, 1 junior when there is one).
    error ProductUnknownTranche(uint256 tranche);
    /// @notice The investor's ticket in the tranche, all its subscriptions included (shares x price,
    /// cash base units), is below the listing's minimum.
    error ProductTicketTooSmall(uint256 amount, uint256 minTicket);
    /// @notice The investor's ticket in the tranche, all its subscriptions included (shares x price,
    /// cash base units), is above the listing's maximum.
    error ProductTicketTooLarge(uint256 amount, uint256 maxTicket);
    /// @notice A subscription of 0 shares.
    error ProductZeroShares();
    /// @notice The offering closes only after `closes` (unix seconds).
    error ProductWindowOpen(uint256 nowTs, uint256 closes);
    /// @notice The offering is already closed (the product is in `phase`: active, failed or closed),
    /// or a failed or closed product is rated.
    error ProductAlreadyClosed(Phase phase);
    /// @notice The investor has no subscription in the tranche, or has already taken its shares or
    /// refund.
    error ProductNothingToClaim(address investor);
    /// @notice The fragment's custody (`custody`) does not allow the act: default and write-off need
    /// `Held`, an auction `Held` or `WrittenOff`, disposal proceeds `Released`.
    error ProductFragmentNotHeld(uint256 tokenId, Custody custody);
    /// @notice The fragment's root is not in default (its stored status is `status`): it cannot be
    /// written off or auctioned.
    error ProductNotDefaulted(uint256 tokenId, IReceivableToken.Status status);
    /// @notice A zero amount of disposal proceeds.
    error ProductZeroAmount();
    /// @notice A page `[from, to)` that is empty or runs past the basket's `size`.
    error ProductBadPage(uint256 from, uint256 to, uint256 size);
    /// @notice Wind-down waits for this fragment: it is on auction, frozen in custody, or held with
    /// its root not settled.
    error ProductNotResolved(uint256 tokenId);
    /// @notice Wind-down waits for this fragment's cash: `claimable` (base units) is still to collect
    /// ({collect} first).
    error ProductCashPending(uint256 tokenId, uint256 claimable);
    /// @notice The act is stopped by the guardian's pause.
    error ProductPaused();
    /// @notice The fragment is not on auction (its custody is `custody`).
    error ProductNotAuctioned(uint256 tokenId, Custody custody);
    /// @notice `caller` is not the party bound to this product for the act (`bound`).
    error ProductNotBoundParty(address caller, address bound);
    /// @notice The originator accepted terms (`accepted`, a hash) other than those proposed (`proposed`).
    error ProductListingMismatch(bytes32 proposed, bytes32 accepted);
    /// @notice No listing has been proposed yet.
    error ProductNoListingProposed();
    /// @notice `wallet` has no credit to withdraw.
    error ProductNoCredit(address wallet);
    /// @notice No fragment of the failed product could be returned (none held, or none movable now).
    error ProductNothingToReturn();
    /// @notice The cash received (`received`) is not the amount transferred (`amount`).
    error ProductFeeOnTransfer(uint256 amount, uint256 received);
    /// @notice No dust is waiting for the treasury.
    error ProductNoDust();
    /// @notice An extension function was called on the extension itself rather than through a product.
    error ProductExtensionDirectCall();

    /// @notice The product was set up (Originated) from the originator's basket.
    /// @param fragments Number of fragments in the basket.
    /// @param face The basket's total face (sum of the fragments' values), cash base units.
    event ProductOriginated(address indexed originator, uint256 fragments, uint256 face, Terms terms);
    /// @notice The bound registration agent (`agent`) approved the register (Originated -> Approved).
    event ProductApproved(address indexed agent);
    /// @notice The bound rating agency recorded or revised the rating.
    /// @param grade Label, e.g. "AA".
    /// @param notch 1 = best (AAA); a larger notch is a lower grade.
    /// @param expiry Unix seconds.
    /// @param reportUri Where the rating report lives.
    /// @param reportHash Hash of the rating report.
    event ProductRated(
        address indexed agency,
        bytes8 grade,
        uint8 notch,
        uint256 expiry,
        string reportUri,
        bytes32 reportHash
    );
    /// @notice The new rating is a lower grade (a larger notch) than the one it replaced; emitted
    /// after its {ProductRated}.
    event ProductDowngraded(address indexed agency, bytes8 fromGrade, bytes8 toGrade, uint8 fromNotch, uint8 toNotch);
    /// @notice The bound exchange proposed listing terms; `termsHash` is what the originator accepts.
    event ListingProposed(address indexed exchange, Listing listing, bytes32 termsHash);
    /// @notice The originator accepted the proposed terms: the product is listed.
    /// @param seniorShares Shares offered in the senior tranche (cap / price x the senior share).
    /// @param juniorShares Shares offered in the junior tranche (0 with a single tranche).
    event ProductListed(address indexed exchange, Listing listing, uint256 seniorShares, uint256 juniorShares);
    /// @notice The originator cancelled the product before listing (the basket goes back).
    event ProductCancelled(address indexed originator);
    /// @notice `amount` owed to `wallet` could not be paid now and was credited to it.
    event Credited(address indexed wallet, uint256 amount);
    /// @notice `wallet` withdrew its credit.
    event CreditWithdrawn(address indexed wallet, uint256 amount);
    /// @notice `amount` (base units) was added to the dust held for the treasury ({sweepDust}): at
    /// wind-down when it could not be paid to the treasury, or when the last subscription of a closed
    /// product was settled (the refund reserve left over and what the custody shares earned).
    event DustHeld(uint256 amount);
    /// @notice Dust paid to the treasury.
    event DustSwept(address indexed treasury, uint256 amount);
    /// @notice An investor subscribed `shares` of tranche `tranche` (0 senior, 1 junior).
    /// @param paid Cash escrowed, shares x price per share, base units.
    event Subscribed(address indexed investor, uint256 indexed tranche, uint256 shares, uint256 paid);
    /// @notice The offering closed. Success: the product is active and the originator is paid (or
    /// credited) the raise less the exchange fee. Failure (the raise is 0 or below the minimum): the
    /// basket goes back and subscribers claim refunds.
    /// @param raised Cash of the shares allocated (subscribed, capped at each tranche's supply), base
    /// units; the raise that fell short on failure.
    /// @param originatorProceeds `raised` less `exchangeFee` (0 on failure), base units.
    /// @param exchangeFee The exchange's fee off the raise (0 on failure), base units.
    event OfferingClosed(bool success, uint256 raised, uint256 originatorProceeds, uint256 exchangeFee);
    /// @notice After a successful close, `shares` of tranche `tranche` went to the investor;
    /// `refund` (base units, paid or credited) is the cash of the shares cut when the tranche was
    /// oversubscribed.
    event SharesClaimed(address indexed investor, uint256 indexed tranche, uint256 shares, uint256 refund);
    /// @notice After a failed offering, the investor's full subscription in the tranche (`refund`, base
    /// units) was paid or credited back.
    event SubscriptionRefunded(address indexed investor, uint256 indexed tranche, uint256 refund);
    /// @notice `fragments` fragments (the number moved by this call, possibly 0) went back to the
    /// originator from a failed or cancelled product.
    event BasketReturned(address indexed originator, uint256 fragments);
    /// @notice Fragments `[from, to)` of the basket were collected: `amount` (base units) claimed in
    /// all, then distributed.
    event Collected(uint256 from, uint256 to, uint256 amount);
    /// @notice A collection or disposal proceeds went through the waterfall. Base units.
    /// @param gross Cash distributed, before fees.
    /// @param servicingFee To the originator as servicer (paid or credited).
    /// @param exchangeFee To the exchange (paid or credited).
    /// @param seniorInterest Senior interest paid.
    /// @param seniorPrincipal Senior principal repaid.
    /// @param junior To the junior tranche. Without a junior tranche (or junior shares) the residual
    /// goes to the senior tranche and this is 0.
    event Distributed(
        uint256 gross,
        uint256 servicingFee,
        uint256 exchangeFee,
        uint256 seniorInterest,
        uint256 seniorPrincipal,
        uint256 junior
    );
    /// @notice The originator wrote off a defaulted fragment kept in custody; `loss` is its value
    /// less what its share of the root's payments covers, base units.
    event FragmentWrittenOff(uint256 indexed tokenId, uint256 loss);
    /// @notice `payer` paid `amount` (base units) of further proceeds for a released fragment; it
    /// enters the waterfall.
    event DisposalProceedsReceived(uint256 indexed tokenId, address indexed payer, uint256 amount);
    /// @notice The originator put a defaulted fragment on auction at the factoring market.
    /// @param auctionId The market's auction id.
    /// @param loss The fragment's unrecovered value recorded as a loss, base units.
    /// @param reserve Lowest first bid, base units.
    /// @param endTime Auction end, unix seconds.
    event FragmentAuctioned(
        uint256 indexed tokenId,
        uint256 indexed auctionId,
        uint256 loss,
        uint256 reserve,
        uint256 endTime
    );
    /// @notice A disposal auction was accounted for; `proceeds` (base units) is the winning bid less
    /// the market fee.
    /// @dev `winner` is zero and `proceeds` 0 when the auction did not sell (the fragment is back in custody).
    event DisposalAuctionSettled(
        uint256 indexed tokenId,
        uint256 indexed auctionId,
        address indexed winner,
        uint256 proceeds
    );
    /// @notice A defaulted fragment's `loss` was written down, junior first: `juniorWritten` and
    /// `seniorWritten` (each at most what is left of the tranche's principal, so they may add up to
    /// less than `loss`). Base units.
    event LossAllocated(uint256 loss, uint256 juniorWritten, uint256 seniorWritten);
    /// @notice The product was wound down (Closed); `dust` (base units) went to `treasury`, or is
    /// held for it ({DustHeld}) when the transfer did not go through.
    event ProductClosed(uint256 dust, address indexed treasury);
    /// @notice The factory paused or resumed the product (and its tranche tokens).
    event ProductPauseSet(bool paused);

    /// @notice Sets up a clone and validates the basket; the factory then moves the fragments in.
    /// @param originator The factor that pools its fragments.
    /// @param fragments Token ids of the basket (the originator's, confirmed, not overdue, distinct).
    /// @param terms Tranching and servicing terms.
    /// @param parties The exchange, rating agency and registration agent bound to the product (each
    /// eligible and of its kind now).
    /// @param trancheImpl Implementation the tranche tokens are cloned from.
    /// @return face The basket's total face (sum of fragment values).
    function initialize(
        address originator,
        uint256[] calldata fragments,
        Terms calldata terms,
        Parties calldata parties,
        address trancheImpl
    ) external returns (uint256 face);

    /// @notice The bound registration and settlement agent approves the product's register
    /// (Originated -> Approved).
    function approve() external;

    /// @notice The bound rating agency records (or revises) the rating; a higher notch than the
    /// current emits a downgrade.
    function rate(bytes8 grade, uint8 notch, uint256 expiry, string calldata reportUri, bytes32 reportHash) external;

    /// @notice The bound exchange proposes the listing terms of the approved product (it may propose
    /// again until the originator accepts). `listing.exchange` is ignored (set to the caller).
    function list(Listing calldata listing) external;

    /// @notice The originator accepts the proposed terms (Approved -> Listed). `termsHash` is
    /// `keccak256(abi.encode(listing))` of the terms it agreed to (with `exchange` set to the bound
    /// exchange): a proposal changed in between is refused. Needs a current rating and an open or
    /// future window.
    function acceptListing(bytes32 termsHash) external;

    /// @notice The originator cancels the product before it is listed (Originated or Approved ->
    /// Failed); the basket goes back to it (with what the fragments were repaid meanwhile, which
    /// stays claimable on them).
    function cancel() external;

    /// @notice Returns fragments of a failed or cancelled product still in custody to the
    /// originator (those that could not be returned at the time: frozen, or the originator not
    /// eligible then). Anyone may call.
    function returnBasket() external;

    /// @notice Pays the caller what was credited to it (proceeds, fees, refunds that could not be
    /// paid when due).
    /// @return amount Cash paid, base units.
    function withdrawCredit() external returns (uint256 amount);

    /// @notice Pays the dust held since wind-down to the factory's current treasury. Anyone.
    function sweepDust() external;

    /// @notice An investor of an allowed kind subscribes `shares` of a tranche (0 senior, 1 junior),
    /// paying `shares x pricePerShare` into escrow.
    function subscribe(uint256 tranche, uint256 shares) external;

    /// @notice Anyone closes the offering once its window has ended.
    /// Success: the originator is paid the raise less the exchange fee. Failure: the basket returns.
    function closeOffering() external;

    /// @notice After a successful close, the investor takes its allocated shares of a tranche and any
    /// oversubscription refund; after a failed close, its full refund.
    function claimShares(address investor, uint256 tranche) external;

    /// @notice Anyone collects what fragments `[from, to)` of the basket are owed and distributes it.
    /// @return amount Cash collected.
    function collect(uint256 from, uint256 to) external returns (uint256 amount);

    /// @notice The originator (servicer) declares default on a fragment in custody (the receivable
    /// token lets only a holder do so) once its root is past due date, grace and default period.
    function declareDefault(uint256 tokenId) external;

    /// @notice The originator writes off a defaulted fragment kept in custody (later repayments still collect).
    function writeOff(uint256 tokenId) external;

    /// @notice Anyone pays further proceeds for a fragment disposed of by auction (`Released`); they
    /// enter the waterfall. (A fragment leaves custody only through the market's auction, never by
    /// a hand-over from the originator.)
    function receiveDisposalProceeds(uint256 tokenId, uint256 amount) external;

    /// @notice The originator (servicer) auctions a defaulted fragment (held, or written off) on the
    /// factory's factoring market ({IFactoringMarket.createAuction}, the product as seller). Its
    /// unrecovered value is recorded as a loss (as on release); what it was owed before is collected
    /// first. Bidders are the registry kinds `buyerKinds` (0: factors and banks).
    /// @param reserve Lowest first bid, cash base units (at most the fragment's value).
    /// @param minIncrement Minimum raise over the highest bid, base units.
    /// @param endTime Auction end, unix seconds (within the market's maximum duration).
    /// @return auctionId The market's auction id.
    function auctionDefaulted(
        uint256 tokenId,
        uint256 reserve,
        uint256 minIncrement,
        uint256 endTime,
        uint16 buyerKinds
    ) external returns (uint256 auctionId);

    /// @notice Anyone, after the auction's end: settles it on the market unless someone already did,
    /// then accounts for the outcome. Sold: the net proceeds (the winning bid less the market fee)
    /// reverse the write-down, senior first, and enter the waterfall like any collection; the
    /// fragment is `Released`. Not sold (no bid, or the winner could no longer receive it): the
    /// fragment is back in custody as `WrittenOff` and may be auctioned again.
    /// @return proceeds Cash received from the market, base units.
    function settleDisposalAuction(uint256 tokenId) external returns (uint256 proceeds);

    /// @notice Anyone closes the product once every fragment in custody is settled and collected,
    /// released or written off: residual cash (rounding dust, beyond refunds and credits still owed)
    /// goes to the treasury, or is held for it ({sweepDust}) when it cannot receive. Fragments a
    /// court order moved out of custody are no longer the product's and do not hold it open.
    function windDown() external;

    /// @notice Pauses or resumes subscriptions, collections, claims and share transfers. Factory only.
    function setPaused(bool paused) external;

    /// @notice The market auction of a fragment in `Auctioned` custody (0 otherwise).
    function auctionOf(uint256 tokenId) external view returns (uint256 auctionId);

    /// @notice Current phase.
    function phase() external view returns (Phase);

    /// @notice The originator (factor and servicer).
    function originator() external view returns (address);

    /// @notice Terms fixed at origination.
    function terms() external view returns (Terms memory);

    /// @notice The listing: proposed while `Approved`, accepted from `Listed` on (zero before).
    function listing() external view returns (Listing memory);

    /// @notice The rating (zero before rating).
    function rating() external view returns (Rating memory);

    /// @notice Tranche `i` (0 senior, 1 junior).
    function tranche(uint256 i) external view returns (Tranche memory);

    /// @notice Number of tranches (1 or 2).
    function trancheCount() external view returns (uint256);

    /// @notice The waterfall state.
    function waterfall() external view returns (Waterfall memory);

    /// @notice Shares subscribed by an investor in a tranche (before allocation).
    function subscription(address investor, uint256 tranche) external view returns (uint256 shares, bool settled);

    /// @notice The basket's fragments and their custody.
    function basket() external view returns (uint256[] memory fragments, Custody[] memory custody);

    /// @notice The basket's total face, cash base units.
    function faceValue() external view returns (uint256);

    /// @notice Whether the product is paused.
    function paused() external view returns (bool);

    /// @notice The parties bound to the product.
    function parties() external view returns (Parties memory);

    /// @notice Cash credited to `wallet` and not yet withdrawn, base units.
    function creditOf(address wallet) external view returns (uint256);

    /// @notice Dust held for the treasury since wind-down, base units.
    function heldDust() external view returns (uint256);
}
