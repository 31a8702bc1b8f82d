// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

import {IFactoringMarket} from "../interfaces/IFactoringMarket.sol";
import {IParticipantRegistry} from "../interfaces/IParticipantRegistry.sol";
import {IProductFactory} from "../interfaces/IProductFactory.sol";
import {IReceivableToken} from "../interfaces/IReceivableToken.sol";
import {IRevenueProduct} from "../interfaces/IRevenueProduct.sol";
import {ITrancheToken} from "../interfaces/ITrancheToken.sol";
import {Kinds} from "../libraries/Kinds.sol";
import {WaterfallMath} from "../libraries/WaterfallMath.sol";

/**
 * @title RevenueProduct
 * @notice A revenue-sharing product over a basket of receivable fragments: see {IRevenueProduct}.
 * Deployed as ERC-1167 clones by the {ProductFactory}; the implementation itself is inert.
 * @dev Every loop is over the basket (at most `maxBasket` fragments) and never over holders.
 */
// solhint-disable-next-line max-states-count
contract RevenueProduct is IRevenueProduct, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice Subscription of one investor in one tranche (1 slot).
    struct Subscription {
        uint64 shares; // shares requested
        bool settled; // shares taken or refund paid
    }

    uint256 private constant _MAX_FEE_BPS = 1_000;
    uint256 private constant _MAX_RATE_BPS = 5_000;

    IProductFactory private _factory;
    IReceivableToken private _receivables;
    IERC20 private _cash;
    IParticipantRegistry private _registry;
    address private _originator;
    Phase private _phase;
    bool private _paused;
    uint8 private _trancheCount;
    uint32 private _unsettled; // subscriptions neither taken up nor refunded
    Terms private _terms;
    uint96 private _face;
    uint96 private _refundReserve; // oversubscription refunds not yet paid
    Listing private _listing;
    Rating private _rating;
    Waterfall private _wf;
    Tranche[2] private _tranches;
    uint256[] private _fragments;
    mapping(uint256 tokenId => Custody) private _custody;
    mapping(uint256 tokenId => uint256 loss) private _lossOf;
    mapping(uint256 tokenId => uint256 auctionId) private _auctionOf;
    mapping(address investor => mapping(uint256 tranche => Subscription)) private _subs;

    modifier whenNotPaused() {
        if (_paused) revert ProductPaused();
        _;
    }

    modifier onlyOriginator() {
        if (msg.sender != _originator) revert ProductNotOriginator(msg.sender);
        _;
    }

    /// @dev The implementation is never initialised; only its clones are.
    constructor() {
        _phase = Phase.Closed;
    }

    /// @inheritdoc IRevenueProduct
    function initialize(
        address originator_,
        uint256[] calldata fragments,
        Terms calldata terms_,
        address trancheImpl
    ) external override returns (uint256 face) {
        if (_phase != Phase.None) revert ProductAlreadyInitialized();
        IProductFactory factory = IProductFactory(msg.sender);
        uint256 n = fragments.length;
        if (n == 0) revert ProductEmptyBasket();
        if (n > factory.maxBasket()) revert ProductBasketTooLarge(n, factory.maxBasket());
        if (
            terms_.seniorBps == 0 ||
            terms_.seniorBps > WaterfallMath.BPS ||
            terms_.seniorRateBps > _MAX_RATE_BPS ||
            terms_.servicingFeeBps > _MAX_FEE_BPS
        ) revert ProductBadTerms(terms_.seniorBps, terms_.seniorRateBps, terms_.servicingFeeBps);
        _factory = factory;
        IReceivableToken receivables = IReceivableToken(factory.receivables());
        _receivables = receivables;
        address cash = factory.cash();
        _cash = IERC20(cash);
        _registry = IParticipantRegistry(factory.registry());
        _originator = originator_;
        _terms = terms_;
        for (uint256 i; i < n; ++i) {
            uint256 id = fragments[i];
            face += _checkFragment(receivables, id, originator_, cash);
            _custody[id] = Custody.Held;
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
        _phase = Phase.Originated;
        emit ProductOriginated(originator_, n, face, terms_);
    }

    /// @inheritdoc IRevenueProduct
    function approve() external override {
        _requireKind(Kinds.REGISTRATION_AGENT);
        _requirePhase(Phase.Originated);
        _phase = Phase.Approved;
        emit ProductApproved(msg.sender);
    }

    /// @inheritdoc IRevenueProduct
    function rate(
        bytes8 grade,
        uint8 notch,
        uint256 expiry,
        string calldata reportUri,
        bytes32 reportHash
    ) external override {
        _requireKind(Kinds.RATING_AGENCY);
        Phase p = _phase;
        if (p == Phase.Failed || p == Phase.Closed) revert ProductAlreadyClosed(p);
        if (notch == 0 || expiry <= block.timestamp || expiry > type(uint40).max)
            revert ProductBadRating(notch, expiry);
        Rating storage r = _rating;
        (bytes8 oldGrade, uint8 oldNotch) = (r.grade, r.notch);
        r.agency = msg.sender;
        r.grade = grade;
        r.notch = notch;
        r.date = uint40(block.timestamp);
        r.expiry = uint40(expiry);
        r.reportHash = reportHash;
        r.reportUri = reportUri;
        emit ProductRated(msg.sender, grade, notch, expiry, reportUri, reportHash);
        if (oldNotch != 0 && notch > oldNotch) emit ProductDowngraded(msg.sender, oldGrade, grade, oldNotch, notch);
    }

    /// @inheritdoc IRevenueProduct
    function list(Listing calldata offer) external override {
        _requireKind(Kinds.EXCHANGE);
        _requirePhase(Phase.Approved);
        uint256 expiry = _rating.expiry;
        if (expiry <= block.timestamp) revert ProductNoCurrentRating(expiry, block.timestamp);
        if (offer.opens < block.timestamp || offer.closes <= offer.opens)
            revert ProductBadWindow(offer.opens, offer.closes, block.timestamp);
        if (offer.exchangeFeeBps > _MAX_FEE_BPS) revert ProductFeeTooHigh(offer.exchangeFeeBps, _MAX_FEE_BPS);
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
        ) revert ProductBadListing();
        Listing memory stored = offer;
        stored.exchange = msg.sender;
        _listing = stored;
        uint256 total = offer.cap / offer.pricePerShare;
        uint256 senior = _trancheCount == 1 ? total : (total * _terms.seniorBps) / WaterfallMath.BPS;
        _tranches[0].supply = uint64(senior);
        _tranches[1].supply = uint64(total - senior);
        _phase = Phase.Listed;
        emit ProductListed(msg.sender, stored, senior, total - senior);
    }

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
        if (fee != 0) _cash.safeTransfer(offer.exchange, fee);
        _cash.safeTransfer(_originator, raised - fee);
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
            _cash.safeTransfer(investor, full);
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
        if (refund != 0) _cash.safeTransfer(investor, refund);
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
            uint256 got = receivables.claim(id);
            if (c == Custody.WrittenOff) _recover(id, got);
            amount += got;
        }
        emit Collected(from, to, amount);
        if (amount != 0) _distribute(amount);
    }

    /// @inheritdoc IRevenueProduct
    function declareDefault(uint256 tokenId) external override onlyOriginator {
        _requirePhase(Phase.Active);
        Custody c = _custody[tokenId];
        if (c != Custody.Held) revert ProductFragmentNotHeld(tokenId, c);
        _receivables.declareDefault(tokenId);
    }

    /// @inheritdoc IRevenueProduct
    function releaseForDisposal(uint256 tokenId, address agent) external override onlyOriginator nonReentrant {
        _requirePhase(Phase.Active);
        Custody c = _custody[tokenId];
        if (c != Custody.Held && c != Custody.WrittenOff) revert ProductFragmentNotHeld(tokenId, c);
        uint256 loss = c == Custody.Held ? _recordDefault(tokenId) : _lossOf[tokenId];
        _custody[tokenId] = Custody.Released;
        emit FragmentReleased(tokenId, agent, loss);
        _collectBeforeDisposal(tokenId);
        IERC721(address(_receivables)).transferFrom(address(this), agent, tokenId);
    }

    /// @inheritdoc IRevenueProduct
    function auctionDefaulted(
        uint256 tokenId,
        uint256 reserve,
        uint256 minIncrement,
        uint256 endTime,
        uint16 buyerKinds
    ) external override onlyOriginator nonReentrant returns (uint256 auctionId) {
        _requirePhase(Phase.Active);
        IFactoringMarket market = IFactoringMarket(_factory.market());
        Custody c = _custody[tokenId];
        if (c != Custody.Held && c != Custody.WrittenOff) revert ProductFragmentNotHeld(tokenId, c);
        uint256 loss = c == Custody.Held ? _recordDefault(tokenId) : _lossOf[tokenId];
        _custody[tokenId] = Custody.Auctioned;
        _collectBeforeDisposal(tokenId);
        IERC721(address(_receivables)).approve(address(market), tokenId);
        auctionId = market.createAuction(tokenId, reserve, minIncrement, endTime, buyerKinds);
        _auctionOf[tokenId] = auctionId;
        emit FragmentAuctioned(tokenId, auctionId, loss, reserve, endTime);
    }

    /// @inheritdoc IRevenueProduct
    function settleDisposalAuction(
        uint256 tokenId
    ) external override whenNotPaused nonReentrant returns (uint256 proceeds) {
        Custody c = _custody[tokenId];
        if (c != Custody.Auctioned) revert ProductNotAuctioned(tokenId, c);
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
            _custody[tokenId] = Custody.WrittenOff;
            emit DisposalAuctionSettled(tokenId, auctionId, address(0), 0);
            return 0;
        }
        // Cannot underflow: feeBps is at most the market's maximum fee (< 10,000 bps); the market
        // paid this product exactly the bid less this fee.
        unchecked {
            proceeds = a.highestBid - (uint256(a.highestBid) * a.feeBps) / 10_000;
        }
        _custody[tokenId] = Custody.Released;
        _recover(tokenId, proceeds);
        emit DisposalAuctionSettled(tokenId, auctionId, a.highestBidder, proceeds);
        if (proceeds != 0) _distribute(proceeds);
    }

    /// @inheritdoc IRevenueProduct
    function writeOff(uint256 tokenId) external override onlyOriginator {
        _requirePhase(Phase.Active);
        Custody c = _custody[tokenId];
        if (c != Custody.Held) revert ProductFragmentNotHeld(tokenId, c);
        uint256 loss = _recordDefault(tokenId);
        _custody[tokenId] = Custody.WrittenOff;
        emit FragmentWrittenOff(tokenId, loss);
    }

    /// @inheritdoc IRevenueProduct
    function receiveDisposalProceeds(uint256 tokenId, uint256 amount) external override whenNotPaused nonReentrant {
        _requirePhase(Phase.Active);
        Custody c = _custody[tokenId];
        if (c != Custody.Released) revert ProductFragmentNotHeld(tokenId, c);
        if (amount == 0) revert ProductZeroAmount();
        _recover(tokenId, amount);
        emit DisposalProceedsReceived(tokenId, msg.sender, amount);
        _cash.safeTransferFrom(msg.sender, address(this), amount);
        _distribute(amount);
    }

    /// @inheritdoc IRevenueProduct
    function windDown() external override whenNotPaused nonReentrant {
        _requirePhase(Phase.Active);
        if (_unsettled != 0) revert ProductSubscriptionsUnsettled(_unsettled);
        uint256 n = _fragments.length;
        IReceivableToken receivables = _receivables;
        for (uint256 i; i < n; ++i) {
            uint256 id = _fragments[i];
            Custody c = _custody[id];
            if (c == Custody.Released) continue;
            if (c == Custody.Auctioned) revert ProductNotResolved(id);
            uint256 pending = receivables.claimable(id);
            if (pending != 0) revert ProductCashPending(id, pending);
            if (c == Custody.Held && receivables.receivable(id >> 32).status != IReceivableToken.Status.Settled) {
                revert ProductNotResolved(id);
            }
        }
        _phase = Phase.Closed;
        // Custody shares left by the rounding up of oversubscribed allocations are burnt; what
        // they earned joins the dust.
        for (uint256 t; t < _trancheCount; ++t) {
            ITrancheToken token = _tranches[t].token;
            if (token.balanceOf(address(this)) != 0) token.burnCustody();
        }
        uint256 dust = _cash.balanceOf(address(this));
        address treasury = _factory.treasury();
        emit ProductClosed(dust, treasury);
        if (dust != 0) _cash.safeTransfer(treasury, dust);
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

    // ------------------------------------------------------------------ private

    function _checkFragment(
        IReceivableToken receivables,
        uint256 id,
        address originator_,
        address cash
    ) private view returns (uint256 value) {
        address holder = _ownerOf(receivables, id);
        if (holder != originator_) revert ProductForeignFragment(id, holder);
        if (_custody[id] != Custody.None) revert ProductDuplicateFragment(id);
        uint256 rootId = id >> 32;
        IReceivableToken.State state = receivables.stateOf(rootId);
        if (state == IReceivableToken.State.Pending) revert ProductPendingFragment(id);
        IReceivableToken.Root memory root = receivables.receivable(rootId);
        if (state == IReceivableToken.State.Overdue) {
            (, uint256 grace, , , ) = receivables.params();
            revert ProductOverdueFragment(id, uint256(root.dueDate) + grace);
        }
        if (state != IReceivableToken.State.Confirmed && state != IReceivableToken.State.PartiallyPaid) {
            revert ProductFragmentNotConfirmed(id, state);
        }
        if (root.currency != cash) revert ProductWrongCurrency(id, root.currency);
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
        uint256 rootId = tokenId >> 32;
        IReceivableToken.Root memory root = receivables.receivable(rootId);
        if (root.status != IReceivableToken.Status.Defaulted) revert ProductNotDefaulted(tokenId, root.status);
        (IReceivableToken.Fragment memory f, ) = receivables.fragment(tokenId);
        loss = f.value - WaterfallMath.entitled(f.start, f.value, root.paid, root.face);
        _lossOf[tokenId] = loss;
        _wf.losses += uint96(loss);
        _writeDown(loss);
    }

    /// @dev Junior first, then senior, each bounded by its principal.
    function _writeDown(uint256 loss) private {
        Tranche storage j = _tranches[1];
        Tranche storage s = _tranches[0];
        uint256 toJunior = _min(loss, j.principal - j.written);
        uint256 toSenior = _min(loss - toJunior, s.principal - s.written);
        j.written += uint96(toJunior);
        s.written += uint96(toSenior);
        emit LossAllocated(loss, toJunior, toSenior);
    }

    /// @dev A recovery on a defaulted fragment reverses its write-down, senior first.
    function _recover(uint256 tokenId, uint256 amount) private {
        uint256 loss = _lossOf[tokenId];
        uint256 back = _min(amount, loss);
        if (back == 0) return;
        _lossOf[tokenId] = loss - back;
        _wf.losses -= uint96(back);
        Tranche storage s = _tranches[0];
        Tranche storage j = _tranches[1];
        uint256 toSenior = _min(back, s.written);
        s.written -= uint96(toSenior);
        j.written -= uint96(_min(back - toSenior, j.written));
    }

    /// @dev Fees off the top, then senior interest, senior principal, junior (see {WaterfallMath.split}).
    function _distribute(uint256 gross) private {
        Waterfall memory w = _wf;
        if (w.seniorBalance != 0) {
            w.interestDue += uint96(
                WaterfallMath.interest(w.seniorBalance, _terms.seniorRateBps, block.timestamp - w.accruedAt)
            );
        }
        w.accruedAt = uint40(block.timestamp);
        WaterfallMath.Split memory s = WaterfallMath.split(
            gross,
            _terms.servicingFeeBps,
            _listing.exchangeFeeBps,
            w.interestDue,
            w.seniorBalance
        );
        w.interestDue -= uint96(s.seniorInterest);
        w.seniorBalance -= uint96(s.seniorPrincipal);
        w.collected += uint96(gross);
        _wf = w;
        // Senior repaid in full: any write-down it carried has been made good.
        if (w.seniorBalance == 0) _tranches[0].written = 0;
        uint256 toSenior = s.seniorInterest + s.seniorPrincipal;
        uint256 toJunior = s.junior;
        // Without a junior tranche (or with no junior shares), the residual goes to the senior.
        if (_trancheCount == 1 || _tranches[1].principal == 0) (toSenior, toJunior) = (toSenior + toJunior, 0);
        emit Distributed(gross, s.servicingFee, s.exchangeFee, s.seniorInterest, s.seniorPrincipal, toJunior);
        IERC20 cash = _cash;
        if (s.servicingFee != 0) cash.safeTransfer(_originator, s.servicingFee);
        if (s.exchangeFee != 0) cash.safeTransfer(_listing.exchange, s.exchangeFee);
        if (toSenior != 0) _pay(_tranches[0].token, toSenior);
        if (toJunior != 0) _pay(_tranches[1].token, toJunior);
    }

    /// @dev The token takes what its accumulator can represent; the remainder (< 1 unit) stays as dust.
    function _pay(ITrancheToken token, uint256 amount) private {
        uint256 used = token.distribute(amount);
        if (used != 0) _cash.safeTransfer(address(token), used);
    }

    function _returnBasket() private {
        uint256 n = _fragments.length;
        address originator_ = _originator;
        for (uint256 i; i < n; ++i) {
            uint256 id = _fragments[i];
            _custody[id] = Custody.Returned;
            IERC721(address(_receivables)).transferFrom(address(this), originator_, id);
        }
        emit BasketReturned(originator_, n);
    }

    function _requireKind(uint16 kinds) private view {
        if (!_registry.isEligibleKind(msg.sender, kinds)) revert ProductNotKind(msg.sender, kinds);
    }

    function _requirePhase(Phase expected) private view {
        if (_phase != expected) revert ProductWrongPhase(_phase, expected);
    }

    function _min(uint256 a, uint256 b) private pure returns (uint256) {
        return a < b ? a : b;
    }
}
