// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

import {IFactoringMarket} from "../interfaces/IFactoringMarket.sol";
import {IParticipantRegistry} from "../interfaces/IParticipantRegistry.sol";
import {IProductFactory} from "../interfaces/IProductFactory.sol";
import {IReceivableToken} from "../interfaces/IReceivableToken.sol";
import {IRevenueProduct} from "../interfaces/IRevenueProduct.sol";
import {ITrancheToken} from "../interfaces/ITrancheToken.sol";
import {Kinds} from "../libraries/Kinds.sol";
import {WaterfallMath} from "../libraries/WaterfallMath.sol";
import {RevenueProductState} from "./RevenueProductState.sol";

/**
 * @title RevenueProductExtension
 * @notice A revenue-sharing product's cold paths: set-up, approval, rating, the listing proposal and
 * its acceptance, cancellation, default, auction of defaulted fragments, write-off, wind-down and
 * the dust sweep. Deployed once by the {RevenueProduct} implementation's constructor and reached
 * only by its `delegatecall`, on a product clone's storage: the product's functions of the same
 * names carry the guards (reentrancy, pause) and forward here, so the product's ABI stays whole
 * while its code stays under the size budget. Called directly, every function reverts.
 */
contract RevenueProductExtension is RevenueProductState {
    using SafeERC20 for IERC20;

    address private immutable _self = address(this);

    modifier onlyDelegated() {
        if (address(this) == _self) revert IRevenueProduct.ProductExtensionDirectCall();
        _;
    }

    /// @notice See {IRevenueProduct-initialize}.
    function initialize(
        address originator_,
        uint256[] calldata fragments,
        IRevenueProduct.Terms calldata terms_,
        IRevenueProduct.Parties calldata parties_,
        address trancheImpl
    ) external onlyDelegated returns (uint256 face) {
        if (_phase != IRevenueProduct.Phase.None) revert IRevenueProduct.ProductAlreadyInitialized();
        IProductFactory factory = IProductFactory(msg.sender);
        uint256 n = fragments.length;
        if (n == 0) revert IRevenueProduct.ProductEmptyBasket();
        if (n > factory.maxBasket()) revert IRevenueProduct.ProductBasketTooLarge(n, factory.maxBasket());
        if (
            terms_.seniorBps == 0 ||
            terms_.seniorBps > WaterfallMath.BPS ||
            terms_.seniorRateBps > _MAX_RATE_BPS ||
            terms_.servicingFeeBps > _MAX_FEE_BPS
        ) revert IRevenueProduct.ProductBadTerms(terms_.seniorBps, terms_.seniorRateBps, terms_.servicingFeeBps);
        _factory = factory;
        IReceivableToken receivables = IReceivableToken(factory.receivables());
        _receivables = receivables;
        address cash = factory.cash();
        _cash = IERC20(cash);
        _registry = IParticipantRegistry(factory.registry());
        _bindParties(parties_);
        _originator = originator_;
        _terms = terms_;
        for (uint256 i; i < n; ++i) {
            uint256 id = fragments[i];
            face += _checkFragment(receivables, id, originator_, cash);
            _custody[id] = IRevenueProduct.Custody.Held;
            _fragments.push(id);
        }
        _face = uint96(face);
        uint8 count = terms_.seniorBps == WaterfallMath.BPS ? 1 : 2;
        _trancheCount = count;
        string memory tag = Strings.toHexString(address(this));
        for (uint256 t; t < count; ++t) {
            ITrancheToken token = ITrancheToken(Clones.clone(trancheImpl));
            token.initialize(
                address(this),
                msg.sender,
                string.concat(t == 0 ? "Senior share " : "Junior share ", tag),
                t == 0 ? "SNR" : "JNR"
            );
            _tranches[t].token = token;
        }
        _phase = IRevenueProduct.Phase.Originated;
        emit IRevenueProduct.ProductOriginated(originator_, n, face, terms_);
    }

    /// @notice See {IRevenueProduct-approve}.
    function approve() external onlyDelegated {
        _requireParty(_parties.registrar, Kinds.REGISTRATION_AGENT);
        _requirePhase(IRevenueProduct.Phase.Originated);
        _phase = IRevenueProduct.Phase.Approved;
        emit IRevenueProduct.ProductApproved(msg.sender);
    }

    /// @notice See {IRevenueProduct-rate}.
    function rate(
        bytes8 grade,
        uint8 notch,
        uint256 expiry,
        string calldata reportUri,
        bytes32 reportHash
    ) external onlyDelegated {
        _requireParty(_parties.ratingAgency, Kinds.RATING_AGENCY);
        IRevenueProduct.Phase p = _phase;
        if (p == IRevenueProduct.Phase.Failed || p == IRevenueProduct.Phase.Closed) {
            revert IRevenueProduct.ProductAlreadyClosed(p);
        }
        if (notch == 0 || expiry <= block.timestamp || expiry > type(uint40).max) {
            revert IRevenueProduct.ProductBadRating(notch, expiry);
        }
        IRevenueProduct.Rating storage r = _rating;
        (bytes8 oldGrade, uint8 oldNotch) = (r.grade, r.notch);
        r.agency = msg.sender;
        r.grade = grade;
        r.notch = notch;
        r.date = uint40(block.timestamp);
        r.expiry = uint40(expiry);
        r.reportHash = reportHash;
        r.reportUri = reportUri;
        emit IRevenueProduct.ProductRated(msg.sender, grade, notch, expiry, reportUri, reportHash);
        if (oldNotch != 0 && notch > oldNotch) {
            emit IRevenueProduct.ProductDowngraded(msg.sender, oldGrade, grade, oldNotch, notch);
        }
    }

    /// @notice See {IRevenueProduct-list}.
    function list(IRevenueProduct.Listing calldata offer) external onlyDelegated {
        _requireParty(_parties.exchange, Kinds.EXCHANGE);
        _requirePhase(IRevenueProduct.Phase.Approved);
        _requireCurrentRating();
        if (offer.opens < block.timestamp || offer.closes <= offer.opens) {
            revert IRevenueProduct.ProductBadWindow(offer.opens, offer.closes, block.timestamp);
        }
        if (offer.exchangeFeeBps > _MAX_FEE_BPS) {
            revert IRevenueProduct.ProductFeeTooHigh(offer.exchangeFeeBps, _MAX_FEE_BPS);
        }
        if (
            offer.pricePerShare == 0 ||
            offer.cap == 0 ||
            offer.cap % offer.pricePerShare != 0 ||
            offer.minRaise > offer.cap ||
            offer.maxTicket == 0 ||
            offer.maxTicket > offer.cap ||
            offer.minTicket > offer.maxTicket ||
            offer.investorKinds == 0 ||
            offer.cap / offer.pricePerShare > type(uint64).max
        ) revert IRevenueProduct.ProductBadListing();
        IRevenueProduct.Listing memory stored = offer;
        stored.exchange = msg.sender;
        _listing = stored;
        emit IRevenueProduct.ListingProposed(msg.sender, stored, keccak256(abi.encode(stored)));
    }

    /// @notice See {IRevenueProduct-acceptListing}.
    function acceptListing(bytes32 termsHash) external onlyDelegated onlyOriginator {
        _requirePhase(IRevenueProduct.Phase.Approved);
        IRevenueProduct.Listing memory offer = _listing;
        if (offer.exchange == address(0)) revert IRevenueProduct.ProductNoListingProposed();
        bytes32 proposed = keccak256(abi.encode(offer));
        if (proposed != termsHash) revert IRevenueProduct.ProductListingMismatch(proposed, termsHash);
        _requireCurrentRating();
        if (block.timestamp >= offer.closes) {
            revert IRevenueProduct.ProductBadWindow(offer.opens, offer.closes, block.timestamp);
        }
        uint256 total = offer.cap / offer.pricePerShare;
        uint256 senior = _trancheCount == 1 ? total : (total * _terms.seniorBps) / WaterfallMath.BPS;
        _tranches[0].supply = uint64(senior);
        _tranches[1].supply = uint64(total - senior);
        _phase = IRevenueProduct.Phase.Listed;
        emit IRevenueProduct.ProductListed(offer.exchange, offer, senior, total - senior);
    }

    /// @notice See {IRevenueProduct-cancel}.
    function cancel() external onlyDelegated onlyOriginator {
        IRevenueProduct.Phase p = _phase;
        if (p != IRevenueProduct.Phase.Originated && p != IRevenueProduct.Phase.Approved) {
            revert IRevenueProduct.ProductWrongPhase(p, IRevenueProduct.Phase.Approved);
        }
        _phase = IRevenueProduct.Phase.Failed;
        emit IRevenueProduct.ProductCancelled(msg.sender);
        _returnBasket();
    }

    /// @notice See {IRevenueProduct-returnBasket}.
    function returnBasket() external onlyDelegated {
        _requirePhase(IRevenueProduct.Phase.Failed);
        if (_returnBasket() == 0) revert IRevenueProduct.ProductNothingToReturn();
    }

    /// @notice See {IRevenueProduct-declareDefault}.
    function declareDefault(uint256 tokenId) external onlyDelegated onlyOriginator {
        _requirePhase(IRevenueProduct.Phase.Active);
        IRevenueProduct.Custody c = _custody[tokenId];
        if (c != IRevenueProduct.Custody.Held) revert IRevenueProduct.ProductFragmentNotHeld(tokenId, c);
        _receivables.declareDefault(tokenId);
    }

    /// @notice See {IRevenueProduct-auctionDefaulted}.
    function auctionDefaulted(
        uint256 tokenId,
        uint256 reserve,
        uint256 minIncrement,
        uint256 endTime,
        uint16 buyerKinds
    ) external onlyDelegated onlyOriginator returns (uint256 auctionId) {
        _requirePhase(IRevenueProduct.Phase.Active);
        IFactoringMarket market = IFactoringMarket(_factory.market());
        IRevenueProduct.Custody c = _custody[tokenId];
        if (c != IRevenueProduct.Custody.Held && c != IRevenueProduct.Custody.WrittenOff) {
            revert IRevenueProduct.ProductFragmentNotHeld(tokenId, c);
        }
        uint256 loss = c == IRevenueProduct.Custody.Held ? _recordDefault(tokenId) : _lossOf[tokenId];
        _custody[tokenId] = IRevenueProduct.Custody.Auctioned;
        _collectBeforeDisposal(tokenId);
        IERC721(address(_receivables)).approve(address(market), tokenId);
        auctionId = market.createAuction(tokenId, reserve, minIncrement, endTime, buyerKinds);
        _auctionOf[tokenId] = auctionId;
        emit IRevenueProduct.FragmentAuctioned(tokenId, auctionId, loss, reserve, endTime);
    }

    /// @notice See {IRevenueProduct-settleDisposalAuction}.
    function settleDisposalAuction(uint256 tokenId) external onlyDelegated returns (uint256 proceeds) {
        IRevenueProduct.Custody c = _custody[tokenId];
        if (c != IRevenueProduct.Custody.Auctioned) revert IRevenueProduct.ProductNotAuctioned(tokenId, c);
        IFactoringMarket market = IFactoringMarket(_factory.market());
        uint256 auctionId = _auctionOf[tokenId];
        IFactoringMarket.Auction memory a = market.auction(auctionId);
        // Anyone may settle on the market directly; the outcome is read back from the auction, so
        // the product accounts for exactly what the market paid it either way.
        if (a.open) {
            market.settleAuction(auctionId);
            a = market.auction(auctionId);
        }
        delete _auctionOf[tokenId];
        if (!a.sold) {
            _custody[tokenId] = IRevenueProduct.Custody.WrittenOff;
            emit IRevenueProduct.DisposalAuctionSettled(tokenId, auctionId, address(0), 0);
            return 0;
        }
        // Cannot underflow: feeBps is at most the market's maximum fee (< 10,000 bps); the market
        // paid (or credited) this product exactly the bid less this fee.
        unchecked {
            proceeds = a.highestBid - (uint256(a.highestBid) * a.feeBps) / WaterfallMath.BPS;
        }
        _custody[tokenId] = IRevenueProduct.Custody.Released;
        _recover(tokenId, proceeds);
        emit IRevenueProduct.DisposalAuctionSettled(tokenId, auctionId, a.highestBidder, proceeds);
        if (proceeds != 0) _distribute(proceeds);
    }

    /// @notice See {IRevenueProduct-writeOff}.
    function writeOff(uint256 tokenId) external onlyDelegated onlyOriginator {
        _requirePhase(IRevenueProduct.Phase.Active);
        IRevenueProduct.Custody c = _custody[tokenId];
        if (c != IRevenueProduct.Custody.Held) revert IRevenueProduct.ProductFragmentNotHeld(tokenId, c);
        uint256 loss = _recordDefault(tokenId);
        _custody[tokenId] = IRevenueProduct.Custody.WrittenOff;
        emit IRevenueProduct.FragmentWrittenOff(tokenId, loss);
    }

    /// @notice See {IRevenueProduct-receiveDisposalProceeds}.
    function receiveDisposalProceeds(uint256 tokenId, uint256 amount) external onlyDelegated {
        _requirePhase(IRevenueProduct.Phase.Active);
        IRevenueProduct.Custody c = _custody[tokenId];
        if (c != IRevenueProduct.Custody.Released) revert IRevenueProduct.ProductFragmentNotHeld(tokenId, c);
        if (amount == 0) revert IRevenueProduct.ProductZeroAmount();
        _recover(tokenId, amount);
        emit IRevenueProduct.DisposalProceedsReceived(tokenId, msg.sender, amount);
        IERC20 cash = _cash;
        uint256 before = cash.balanceOf(address(this));
        cash.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = cash.balanceOf(address(this)) - before;
        if (received != amount) revert IRevenueProduct.ProductFeeOnTransfer(amount, received);
        _distribute(amount);
    }

    /// @notice See {IRevenueProduct-windDown}.
    function windDown() external onlyDelegated {
        _requirePhase(IRevenueProduct.Phase.Active);
        uint256 n = _fragments.length;
        IReceivableToken receivables = _receivables;
        for (uint256 i; i < n; ++i) {
            uint256 id = _fragments[i];
            IRevenueProduct.Custody c = _custody[id];
            if (c == IRevenueProduct.Custody.Released) continue;
            if (c == IRevenueProduct.Custody.Auctioned) revert IRevenueProduct.ProductNotResolved(id);
            IReceivableToken.Position memory pos = receivables.position(id);
            // Moved out of custody by a court order: no longer the product's, nothing more to wait for.
            if (pos.holder != address(this)) continue;
            // A frozen fragment's cash cannot be claimed until the order is lifted: wait for it.
            if (pos.frozen) revert IRevenueProduct.ProductNotResolved(id);
            uint256 pending = receivables.claimable(id);
            if (pending != 0) revert IRevenueProduct.ProductCashPending(id, pending);
            if (
                c == IRevenueProduct.Custody.Held &&
                receivables.receivable(id >> 32).status != IReceivableToken.Status.Settled
            ) revert IRevenueProduct.ProductNotResolved(id);
        }
        _phase = IRevenueProduct.Phase.Closed;
        // Custody shares left by the rounding up of oversubscribed allocations are burnt (what they
        // earned joins the dust) once every subscriber has taken its shares; until then they stay
        // in custody, where late claimers take theirs from (the last one releases the leftovers).
        if (_unsettled == 0) {
            for (uint256 t; t < _trancheCount; ++t) {
                ITrancheToken token = _tranches[t].token;
                if (token.balanceOf(address(this)) != 0) token.burnCustody();
            }
            // Every refund is paid: what is left of the reserve is the cash of the shares rounded
            // up to subscribers, owed to nobody (it joins the dust).
            _refundReserve = 0;
        }
        IERC20 cash = _cash;
        // Refunds still owed to subscribers and credits stay; the rest is dust. Saturating: a court
        // order may have taken a revoked member's credit out of the product as cash (its successor's
        // way to it), leaving the credit on the books.
        uint256 balance = cash.balanceOf(address(this));
        uint256 owed = uint256(_refundReserve) + _creditTotal;
        uint256 dust = balance > owed ? balance - owed : 0;
        address treasury = _factory.treasury();
        emit IRevenueProduct.ProductClosed(dust, treasury);
        if (dust == 0 || cash.trySafeTransfer(treasury, dust)) return;
        _dust = uint128(dust);
        emit IRevenueProduct.DustHeld(dust);
    }

    /// @notice See {IRevenueProduct-sweepDust}.
    function sweepDust() external onlyDelegated {
        uint256 dust = _dust;
        if (dust == 0) revert IRevenueProduct.ProductNoDust();
        _dust = 0;
        address treasury = _factory.treasury();
        emit IRevenueProduct.DustSwept(treasury, dust);
        _cash.safeTransfer(treasury, dust);
    }

    // ------------------------------------------------------------------ private

    function _requireParty(address bound, uint16 kind) private view {
        if (msg.sender != bound) revert IRevenueProduct.ProductNotBoundParty(msg.sender, bound);
        _requireKind(kind);
    }

    function _bindParties(IRevenueProduct.Parties calldata parties_) private {
        _requirePartyKind(parties_.exchange, Kinds.EXCHANGE);
        _requirePartyKind(parties_.ratingAgency, Kinds.RATING_AGENCY);
        _requirePartyKind(parties_.registrar, Kinds.REGISTRATION_AGENT);
        _parties = parties_;
    }

    function _requirePartyKind(address party, uint16 kind) private view {
        if (!_registry.isEligibleKind(party, kind)) revert IRevenueProduct.ProductNotKind(party, kind);
    }

    function _requireCurrentRating() private view {
        uint256 expiry = _rating.expiry;
        if (expiry <= block.timestamp) revert IRevenueProduct.ProductNoCurrentRating(expiry, block.timestamp);
    }

    function _checkFragment(
        IReceivableToken receivables,
        uint256 id,
        address originator_,
        address cash
    ) private view returns (uint256 value) {
        address holder = _ownerOf(receivables, id);
        if (holder != originator_) revert IRevenueProduct.ProductForeignFragment(id, holder);
        if (_custody[id] != IRevenueProduct.Custody.None) revert IRevenueProduct.ProductDuplicateFragment(id);
        uint256 rootId = id >> 32;
        IReceivableToken.State state = receivables.stateOf(rootId);
        if (state == IReceivableToken.State.Pending) revert IRevenueProduct.ProductPendingFragment(id);
        IReceivableToken.Root memory root = receivables.receivable(rootId);
        if (state == IReceivableToken.State.Overdue) {
            (, uint256 grace, , , ) = receivables.params();
            revert IRevenueProduct.ProductOverdueFragment(id, uint256(root.dueDate) + grace);
        }
        if (state != IReceivableToken.State.Confirmed && state != IReceivableToken.State.PartiallyPaid) {
            revert IRevenueProduct.ProductFragmentNotConfirmed(id, state);
        }
        if (root.currency != cash) revert IRevenueProduct.ProductWrongCurrency(id, root.currency);
        (IReceivableToken.Fragment memory f, ) = receivables.fragment(id);
        value = f.value;
    }

    function _ownerOf(IReceivableToken receivables, uint256 id) private view returns (address holder) {
        // A burnt or unknown fragment has no holder: reported as foreign with holder zero.
        try IERC721(address(receivables)).ownerOf(id) returns (address h) {
            holder = h;
        } catch {
            holder = address(0);
        }
    }

    /// @dev What a fragment leaving custody was owed before it left is collected first, so it stays
    /// in the product (and reverses its write-down).
    function _collectBeforeDisposal(uint256 tokenId) private {
        if (_receivables.claimable(tokenId) == 0) return;
        uint256 got = _receivables.claim(tokenId);
        _recover(tokenId, got);
        _distribute(got);
    }

    /// @dev Records the unpaid remainder of a defaulted fragment as a loss and writes it down.
    function _recordDefault(uint256 tokenId) private returns (uint256 loss) {
        IReceivableToken receivables = _receivables;
        IReceivableToken.Root memory root = receivables.receivable(tokenId >> 32);
        if (root.status != IReceivableToken.Status.Defaulted) {
            revert IRevenueProduct.ProductNotDefaulted(tokenId, root.status);
        }
        (IReceivableToken.Fragment memory f, ) = receivables.fragment(tokenId);
        loss = f.value - WaterfallMath.entitled(f.start, f.value, root.paid, root.face);
        _lossOf[tokenId] = loss;
        _wf.losses += uint96(loss);
        _writeDown(loss);
    }

    /// @dev Junior first, then senior, each bounded by its principal.
    function _writeDown(uint256 loss) private {
        IRevenueProduct.Tranche storage j = _tranches[1];
        IRevenueProduct.Tranche storage s = _tranches[0];
        uint256 toJunior = _min(loss, j.principal - j.written);
        uint256 toSenior = _min(loss - toJunior, s.principal - s.written);
        j.written += uint96(toJunior);
        s.written += uint96(toSenior);
        emit IRevenueProduct.LossAllocated(loss, toJunior, toSenior);
    }
}
