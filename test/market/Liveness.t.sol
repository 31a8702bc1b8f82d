// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AccessManager} from "@openzeppelin/contracts/access/manager/AccessManager.sol";

import {SettlementToken} from "../../contracts/cash/SettlementToken.sol";
import {IFactoringMarket} from "../../contracts/interfaces/IFactoringMarket.sol";
import {IParticipantRegistry, ParticipantId} from "../../contracts/interfaces/IParticipantRegistry.sol";
import {IReceivableToken} from "../../contracts/interfaces/IReceivableToken.sol";
import {DiscountBasis} from "../../contracts/libraries/DiscountMath.sol";
import {Kinds} from "../../contracts/libraries/Kinds.sol";
import {ProRata} from "../../contracts/libraries/ProRata.sol";
import {FactoringMarket} from "../../contracts/market/FactoringMarket.sol";
import {ParticipantRegistry} from "../../contracts/membership/ParticipantRegistry.sol";
import {ReceivableToken} from "../../contracts/receivables/ReceivableToken.sol";
import {HandlerInvariantTest, TestBase} from "../helpers/Vm.sol";

// The wallets and participants of the liveness suite (see {LivenessInvariantTest-setUp}).
uint256 constant WALLETS = 8; // 0 D, 1 D2 (the debtor's second wallet), 2 S1, 3 S2, 4 F, 5 B1, 6 B2, 7 treasury
uint256 constant PARTICIPANTS = 7; // debtor, S1, S2, F, B1, B2, treasury

function participantId(uint256 participant) pure returns (ParticipantId) {
    return ParticipantId.wrap(keccak256(abi.encode("LIVE", participant)));
}

/**
 * @notice Liveness handler: the fuzzer's only target. Besides the business actions of the
 * receivables and the market (issue, confirm, split, send value, list, buy, cancel, collateral,
 * offers, auctions and bids, repay, claim, default, recourse, credits, parked fragments, time), it
 * plays the operators against the members: the regulator freezes and unfreezes wallets and
 * fragments and force-transfers fragments out of the market's custody, the registrar suspends,
 * reinstates, revokes and lets KYC lapse, the guardian pauses and unpauses the market, the
 * receivables and the cash. Failed actions are swallowed (try/catch); the handler holds the
 * AccessManager's admin role, so it calls every operator function itself.
 */
contract LivenessHandler is TestBase {
    uint256 internal constant HOLDERS = 5; // S1, S2, F, B1, B2 (wallets 2..6)
    uint256 internal constant BUYERS = 3; // F, B1, B2 (wallets 4..6)
    uint256 internal constant MAX_REVOKED = 1;
    uint256 internal constant MIN_VALUE = 100;

    ParticipantRegistry internal immutable registry;
    SettlementToken internal immutable cash;
    ReceivableToken internal immutable receivables;
    FactoringMarket internal immutable market;
    address[WALLETS] internal wallets;

    uint256[] internal _roots;
    uint256[] internal _tokens;
    uint256 internal _invoices;
    /// @notice Highest listing, offer and auction ids created so far (the market numbers them from 1).
    uint256 public listingCount;
    uint256 public offerCount;
    uint256 public auctionCount;
    /// @notice Participants revoked (for good: a revoked participant cannot be reinstated).
    mapping(uint256 participant => bool) public revoked;
    uint256 public revokedCount;

    /// @notice Successful business actions and disruptions, to see that the fuzzer does more than revert.
    uint256 public trades;
    uint256 public disruptions;
    mapping(bytes4 action => uint256) public succeeded;
    /// @notice Offers accepted although the fragment's remaining had changed since it was priced.
    uint256 public staleAccepts;

    constructor(
        ParticipantRegistry registry_,
        SettlementToken cash_,
        ReceivableToken receivables_,
        FactoringMarket market_,
        address[WALLETS] memory wallets_
    ) {
        registry = registry_;
        cash = cash_;
        receivables = receivables_;
        market = market_;
        wallets = wallets_;
    }

    // ------------------------------------------------------------------ receivables

    /// @notice The debtor (either of its wallets) issues a confirmed payable to a supplier or the factor.
    function issuePayable(uint256 debtorSeed, uint256 creditorSeed, uint256 face, uint256 tenor) external {
        address debtor = wallets[debtorSeed % 2];
        address creditor = wallets[2 + (creditorSeed % 3)];
        face = bound(face, 1_000_00, 1_000_000_00);
        tenor = bound(tenor, 10 days, 120 days);
        vm.prank(debtor);
        try
            receivables.issuePayable(
                creditor,
                address(cash),
                face,
                block.timestamp + tenor,
                keccak256(abi.encode("INV", ++_invoices)),
                "",
                0
            )
        returns (uint256 rootId) {
            _recordRoot(rootId);
            _ok();
        } catch {}
    }

    /// @notice A supplier issues a pending receivable on the debtor.
    function issue(uint256 supplierSeed, uint256 face, uint256 tenor) external {
        address supplier = wallets[2 + (supplierSeed % 2)];
        face = bound(face, 1_000_00, 1_000_000_00);
        tenor = bound(tenor, 10 days, 120 days);
        vm.prank(supplier);
        try
            receivables.issue(
                wallets[0],
                address(cash),
                face,
                block.timestamp + tenor,
                keccak256(abi.encode("INV", ++_invoices)),
                "",
                0
            )
        returns (uint256 rootId) {
            _recordRoot(rootId);
            _ok();
        } catch {}
    }

    function confirm(uint256 rootSeed) external {
        if (_roots.length == 0) return;
        uint256 rootId = _roots[rootSeed % _roots.length];
        vm.prank(receivables.receivable(rootId).debtor);
        try receivables.confirm(rootId) {
            _ok();
        } catch {}
    }

    function split(uint256 tokenSeed, uint256 cut) external {
        (uint256 tokenId, address holder) = _heldToken(tokenSeed);
        if (holder == address(0)) return;
        (IReceivableToken.Fragment memory f, ) = receivables.fragment(tokenId);
        if (f.value < 2 * MIN_VALUE) return;
        uint256[] memory parts = new uint256[](2);
        parts[1] = bound(cut, MIN_VALUE, f.value - MIN_VALUE);
        parts[0] = f.value - parts[1];
        vm.prank(holder);
        try receivables.split(tokenId, parts) returns (uint256[] memory ids) {
            _tokens.push(ids[0]);
            _ok();
        } catch {}
    }

    function sendValue(uint256 tokenSeed, uint256 toSeed, uint256 value) external {
        (uint256 tokenId, address holder) = _heldToken(tokenSeed);
        if (holder == address(0)) return;
        (IReceivableToken.Fragment memory f, ) = receivables.fragment(tokenId);
        if (f.value < 2 * MIN_VALUE) return;
        vm.prank(holder);
        try receivables.sendValue(tokenId, _holder(toSeed), bound(value, MIN_VALUE, f.value - MIN_VALUE)) returns (
            uint256 id
        ) {
            _tokens.push(id);
            _ok();
        } catch {}
    }

    /// @notice The debtor (either wallet) pays part of a root, or all that is outstanding.
    function repay(uint256 rootSeed, uint256 payerSeed, uint256 amount, uint256 full) external {
        if (_roots.length == 0) return;
        uint256 rootId = _roots[rootSeed % _roots.length];
        IReceivableToken.Root memory r = receivables.receivable(rootId);
        uint256 outstanding = r.face - r.paid;
        if (outstanding == 0) return;
        amount = full % 6 == 0 ? outstanding : bound(amount, 1, outstanding);
        vm.prank(wallets[payerSeed % 2]);
        try receivables.repay(rootId, amount) {
            _ok();
        } catch {}
    }

    function claim(uint256 tokenSeed) external {
        (uint256 tokenId, address holder) = _heldToken(tokenSeed);
        if (holder == address(0)) return;
        vm.prank(holder);
        try receivables.claim(tokenId) {
            _ok();
        } catch {}
    }

    function declareDefault(uint256 tokenSeed) external {
        (uint256 tokenId, address holder) = _heldToken(tokenSeed);
        if (holder == address(0)) return;
        vm.prank(holder);
        try receivables.declareDefault(tokenId) {
            _ok();
        } catch {}
    }

    // ------------------------------------------------------------------ market: listings and recourse

    function list(
        uint256 tokenSeed,
        uint256 part,
        uint256 rate,
        uint256 recourseSeed,
        uint256 collateral,
        uint256 fixedPrice
    ) external {
        bool recourse = recourseSeed % 2 == 1;
        (uint256 tokenId, address holder) = _heldToken(tokenSeed);
        if (holder == address(0)) return;
        IReceivableToken.Position memory pos;
        try receivables.position(tokenId) returns (IReceivableToken.Position memory got) {
            pos = got;
        } catch {
            return;
        }
        uint256 value = bound(part, 0, pos.value);
        if (value != 0 && value != pos.value && (value < MIN_VALUE || pos.value - value < MIN_VALUE)) value = 0;
        IFactoringMarket.ListingParams memory p = IFactoringMarket.ListingParams({
            tokenId: tokenId,
            value: value,
            // A tenth of the whole fragment's remaining (refused when above the listed part's).
            price: fixedPrice % 3 == 0 ? pos.remaining / 10 + 1 : 0,
            rateBps: uint16(bound(rate, 1, 2_000)),
            basis: DiscountBasis(rate % 2),
            expiry: uint40(block.timestamp + 1 days + (rate % 9 days)),
            buyerKinds: 0,
            recourse: recourse,
            collateral: recourse ? bound(collateral, 0, 50_000_00) : 0
        });
        vm.prank(holder);
        try market.list(p) returns (uint256 id) {
            listingCount = id;
            _tokens.push(market.listing(id).tokenId); // a new fragment when a part was listed
            _ok();
        } catch {}
    }

    function buy(uint256 listingSeed, uint256 buyerSeed) external {
        if (listingCount == 0) return;
        vm.prank(_buyer(buyerSeed));
        try market.buy(1 + (listingSeed % listingCount), type(uint256).max) {
            _ok();
        } catch {}
    }

    /// @notice The seller, or anybody (which succeeds after expiry or once the fragment is gone).
    function cancelListing(uint256 listingSeed, uint256 bySeller, uint256 callerSeed) external {
        if (listingCount == 0) return;
        uint256 id = 1 + (listingSeed % listingCount);
        vm.prank(bySeller % 2 == 0 ? market.listing(id).seller : wallets[callerSeed % WALLETS]);
        try market.cancelListing(id) {
            _ok();
        } catch {}
    }

    function postCollateral(uint256 listingSeed, uint256 providerSeed, uint256 amount) external {
        if (listingCount == 0) return;
        vm.prank(_holder(providerSeed));
        try market.postCollateral(1 + (listingSeed % listingCount), bound(amount, 1, 100_000_00)) {
            _ok();
        } catch {}
    }

    function exerciseRecourse(uint256 listingSeed) external {
        if (listingCount == 0) return;
        uint256 id = 1 + (listingSeed % listingCount);
        vm.prank(market.recourseOf(id).buyer);
        try market.exerciseRecourse(id) {
            _ok();
        } catch {}
    }

    function settleRecourseDebt(uint256 listingSeed, uint256 payerSeed, uint256 amount) external {
        if (listingCount == 0) return;
        uint256 id = 1 + (listingSeed % listingCount);
        IFactoringMarket.Recourse memory r = market.recourseOf(id);
        if (r.debt == 0) return;
        vm.prank(payerSeed % 2 == 0 ? r.seller : _holder(payerSeed));
        try market.settleRecourseDebt(id, bound(amount, 1, r.debt)) {
            _ok();
        } catch {}
    }

    function releaseCollateral(uint256 listingSeed) external {
        if (listingCount == 0) return;
        try market.releaseCollateral(1 + (listingSeed % listingCount)) {
            _ok();
        } catch {}
    }

    // ------------------------------------------------------------------ market: offers

    /// @notice A factor or bank offers on a fragment at its remaining now; one offer in five prices
    /// a remaining the fragment does not have (it must never be accepted).
    function makeOffer(uint256 tokenSeed, uint256 offererSeed, uint256 amount, uint256 staleSeed) external {
        if (_tokens.length == 0) return;
        uint256 tokenId = _tokens[tokenSeed % _tokens.length];
        uint256 remaining;
        try receivables.position(tokenId) returns (IReceivableToken.Position memory pos) {
            remaining = pos.remaining;
        } catch {
            return;
        }
        if (staleSeed % 5 == 0) remaining += 1 + (staleSeed % 1_000);
        vm.prank(_buyer(offererSeed));
        try
            market.makeOffer(
                tokenId,
                address(cash),
                bound(amount, 1, 500_000_00),
                block.timestamp + 1 days + (amount % 5 days),
                remaining
            )
        returns (uint256 id) {
            offerCount = id;
            _ok();
        } catch {}
    }

    function acceptOffer(uint256 offerSeed) external {
        if (offerCount == 0) return;
        uint256 id = 1 + (offerSeed % offerCount);
        IFactoringMarket.Offer memory o = market.offer(id);
        if (o.offerer == address(0)) return;
        address holder = _ownerOf(o.tokenId);
        if (holder == address(0) || holder == address(market)) return;
        uint256 remainingBefore = receivables.position(o.tokenId).remaining;
        vm.prank(holder);
        try market.acceptOffer(id) {
            if (remainingBefore != o.remaining) ++staleAccepts;
            _ok();
        } catch {}
    }

    function cancelOffer(uint256 offerSeed, uint256 byOfferer, uint256 callerSeed) external {
        if (offerCount == 0) return;
        uint256 id = 1 + (offerSeed % offerCount);
        vm.prank(byOfferer % 2 == 0 ? market.offer(id).offerer : wallets[callerSeed % WALLETS]);
        try market.cancelOffer(id) {
            _ok();
        } catch {}
    }

    // ------------------------------------------------------------------ market: auctions

    function createAuction(uint256 tokenSeed, uint256 reserve, uint256 increment, uint256 duration) external {
        (uint256 tokenId, address holder) = _heldToken(tokenSeed);
        if (holder == address(0)) return;
        uint256 remaining;
        try receivables.position(tokenId) returns (IReceivableToken.Position memory pos) {
            remaining = pos.remaining;
        } catch {
            return;
        }
        if (remaining == 0) return;
        vm.prank(holder);
        try
            market.createAuction(
                tokenId,
                bound(reserve, 1, remaining),
                bound(increment, 1, 10_000_00),
                block.timestamp + bound(duration, 1 hours, 20 days),
                0
            )
        returns (uint256 id) {
            auctionCount = id;
            _ok();
        } catch {}
    }

    function bid(uint256 auctionSeed, uint256 bidderSeed, uint256 raise) external {
        if (auctionCount == 0) return;
        uint256 id = 1 + (auctionSeed % auctionCount);
        IFactoringMarket.Auction memory a = market.auction(id);
        if (!a.open) return;
        uint256 minimum = a.highestBidder == address(0) ? a.reserve : uint256(a.highestBid) + a.minIncrement;
        vm.prank(_buyer(bidderSeed));
        try market.bid(id, minimum + bound(raise, 0, 20_000_00)) {
            _ok();
        } catch {}
    }

    function settleAuction(uint256 auctionSeed, uint256 callerSeed) external {
        if (auctionCount == 0) return;
        vm.prank(wallets[callerSeed % WALLETS]);
        try market.settleAuction(1 + (auctionSeed % auctionCount)) {
            _ok();
        } catch {}
    }

    // ------------------------------------------------------------------ market: credits and parked fragments

    function withdrawRefund(uint256 walletSeed) external {
        vm.prank(wallets[walletSeed % WALLETS]);
        try market.withdrawRefund(address(cash)) {
            _ok();
        } catch {}
    }

    /// @notice The owner of a parked fragment takes it back.
    function withdrawFragment(uint256 tokenSeed) external {
        uint256 tokenId = _custodyToken(tokenSeed);
        if (tokenId == type(uint256).max) return;
        IFactoringMarket.Hold memory h = market.custodyOf(tokenId);
        if (h.kind != IFactoringMarket.HoldKind.Parked) return;
        vm.prank(h.owner);
        try market.withdrawFragment(tokenId) {
            _ok();
        } catch {}
    }

    /// @notice Time passes: mostly hours to days, one time in eight up to two months (due dates,
    /// defaults, recourse deadlines).
    function warp(uint256 duration) external {
        vm.warp(block.timestamp + bound(duration, 1 hours, duration % 8 == 0 ? 60 days : 3 days));
    }

    // ------------------------------------------------------------------ disruptions

    /// @notice The regulator freezes a wallet under a court order, or lifts the freeze.
    function toggleWalletFreeze(uint256 walletSeed) external {
        if (_tooDisrupted()) {
            _heal(uint256(keccak256(msg.data)));
            return;
        }
        address w = wallets[walletSeed % WALLETS];
        if (registry.walletRecord(w).frozen) registry.unfreezeWallet(w, "LIFT");
        else registry.freezeWallet(w, "ORDER");
        _disrupted();
    }

    /// @notice The regulator freezes a fragment (one in the market's custody, one time in two) or lifts the freeze.
    function toggleFragmentFreeze(uint256 tokenSeed, uint256 inCustody) external {
        uint256 tokenId = inCustody % 2 == 0 ? _custodyToken(tokenSeed) : _anyToken(tokenSeed);
        if (tokenId == type(uint256).max) return;
        if (receivables.isFrozen(tokenId)) receivables.unfreeze(tokenId, "LIFT");
        else receivables.freeze(tokenId, "ORDER");
        _disrupted();
    }

    /// @notice The registrar suspends an active participant or reinstates a suspended one.
    function toggleSuspension(uint256 participantSeed) external {
        if (_tooDisrupted()) {
            _heal(uint256(keccak256(msg.data)));
            return;
        }
        uint256 p = participantSeed % PARTICIPANTS;
        if (revoked[p]) return;
        ParticipantId id = participantId(p);
        if (registry.participant(id).status == IParticipantRegistry.Status.Suspended) registry.reinstate(id);
        else registry.suspend(id, "SUSPEND");
        _disrupted();
    }

    /// @notice The registrar revokes a member for good (not the debtor: at most two per run).
    function revoke(uint256 participantSeed) external {
        uint256 p = 1 + (participantSeed % (PARTICIPANTS - 1));
        if (revoked[p] || revokedCount >= MAX_REVOKED) return;
        registry.revoke(participantId(p), "REVOKE");
        revoked[p] = true;
        ++revokedCount;
        _disrupted();
    }

    /// @notice A participant's KYC lapses (its expiry is set to now and time moves on), or is renewed.
    function toggleKyc(uint256 participantSeed, uint256 renew) external {
        uint256 p = participantSeed % PARTICIPANTS;
        if (revoked[p]) return;
        if (renew % 2 == 0 || _tooDisrupted()) {
            registry.renewKyc(participantId(p), uint40(block.timestamp + 3_650 days));
        } else {
            registry.renewKyc(participantId(p), uint40(block.timestamp + 1));
            vm.warp(block.timestamp + 2);
        }
        _disrupted();
    }

    /// @notice The regulator force-transfers a fragment out of the market's custody (listed,
    /// auctioned or parked) to an eligible member; one time in four, any fragment anywhere.
    function forceTransfer(uint256 tokenSeed, uint256 toSeed, uint256 mode) external {
        uint256 tokenId = mode % 4 == 0 ? _anyToken(tokenSeed) : _custodyToken(tokenSeed);
        if (tokenId == type(uint256).max) return;
        address to = _holder(toSeed);
        if (to == _ownerOf(tokenId) || !registry.isEligible(to)) return;
        receivables.forcedTransfer(tokenId, to, "COURT");
        _disrupted();
    }

    /// @notice The operators lift one disruption (searching from the seed): a pause, a wallet
    /// freeze, a suspension, a lapsed KYC or a fragment freeze. Revocation is final.
    function heal(uint256 seed) external {
        _heal(seed);
    }

    function _heal(uint256 seed) internal {
        for (uint256 i; i < 4; ++i) {
            uint256 kind = (seed + i) % 4;
            if (kind == 0) {
                if (market.paused()) market.unpause();
                else if (receivables.paused()) receivables.unpause();
                else if (cash.paused()) cash.unpause();
                else continue;
                {
                    _disrupted();
                    return;
                }
            }
            if (kind == 1) {
                for (uint256 j; j < WALLETS; ++j) {
                    address w = wallets[(seed + j) % WALLETS];
                    if (registry.walletRecord(w).frozen) {
                        registry.unfreezeWallet(w, "LIFT");
                        {
                            _disrupted();
                            return;
                        }
                    }
                }
            }
            if (kind == 2) {
                for (uint256 j; j < PARTICIPANTS; ++j) {
                    uint256 p = (seed + j) % PARTICIPANTS;
                    if (revoked[p]) continue;
                    ParticipantId id = participantId(p);
                    IParticipantRegistry.Participant memory rec = registry.participant(id);
                    if (rec.status == IParticipantRegistry.Status.Suspended) {
                        registry.reinstate(id);
                        {
                            _disrupted();
                            return;
                        }
                    }
                    if (rec.kycExpiry < block.timestamp) {
                        registry.renewKyc(id, uint40(block.timestamp + 3_650 days));
                        {
                            _disrupted();
                            return;
                        }
                    }
                }
            }
            if (kind == 3) {
                uint256 n = _tokens.length;
                for (uint256 j; j < n; ++j) {
                    uint256 tokenId = _tokens[(seed + j) % n];
                    if (_ownerOf(tokenId) != address(0) && receivables.isFrozen(tokenId)) {
                        receivables.unfreeze(tokenId, "LIFT");
                        {
                            _disrupted();
                            return;
                        }
                    }
                }
            }
        }
    }

    /// @notice The guardian pauses or unpauses the market, the receivables or the cash.
    function togglePause(uint256 which) external {
        if (_tooDisrupted()) {
            _heal(uint256(keccak256(msg.data)));
            return;
        }
        which %= 3;
        if (which == 0) {
            if (market.paused()) market.unpause();
            else market.pause();
        } else if (which == 1) {
            if (receivables.paused()) receivables.unpause();
            else receivables.pause();
        } else {
            if (cash.paused()) cash.unpause();
            else cash.pause();
        }
        _disrupted();
    }

    // ------------------------------------------------------------------ views for the invariants

    function roots() external view returns (uint256[] memory) {
        return _roots;
    }

    function tokens() external view returns (uint256[] memory) {
        return _tokens;
    }

    // ------------------------------------------------------------------ internal

    function _ok() internal {
        ++trades;
        ++succeeded[msg.sig];
    }

    function _disrupted() internal {
        ++disruptions;
        ++succeeded[msg.sig];
    }

    /// @dev Three pauses, frozen wallets, suspended or lapsed participants at once are enough: the
    /// next strike heals instead (revocations, final, are not counted).
    function _tooDisrupted() internal view returns (bool) {
        uint256 n;
        if (market.paused()) ++n;
        if (receivables.paused()) ++n;
        if (cash.paused()) ++n;
        for (uint256 i; i < WALLETS; ++i) if (registry.walletRecord(wallets[i]).frozen) ++n;
        for (uint256 p; p < PARTICIPANTS; ++p) {
            if (revoked[p]) continue;
            IParticipantRegistry.Participant memory rec = registry.participant(participantId(p));
            if (rec.status == IParticipantRegistry.Status.Suspended || rec.kycExpiry < block.timestamp) ++n;
        }
        return n >= 3;
    }

    function _recordRoot(uint256 rootId) internal {
        _roots.push(rootId);
        _tokens.push(rootId << 32);
    }

    function _holder(uint256 seed) internal view returns (address) {
        return wallets[2 + (seed % HOLDERS)];
    }

    /// @dev A factor or bank, preferring an eligible one (from the seed's position): ineligible
    /// members still sell, win, hold and are owed; buyers who cannot pay only waste the call.
    function _buyer(uint256 seed) internal view returns (address) {
        for (uint256 i; i < BUYERS; ++i) {
            address w = wallets[4 + ((seed + i) % BUYERS)];
            if (registry.isEligible(w)) return w;
        }
        return wallets[4 + (seed % BUYERS)];
    }

    function _anyToken(uint256 seed) internal view returns (uint256) {
        if (_tokens.length == 0) return type(uint256).max;
        uint256 tokenId = _tokens[seed % _tokens.length];
        return _ownerOf(tokenId) == address(0) ? type(uint256).max : tokenId;
    }

    /// @dev A known fragment held by a member (not the market), or holder 0.
    function _heldToken(uint256 seed) internal view returns (uint256 tokenId, address holder) {
        if (_tokens.length == 0) return (0, address(0));
        tokenId = _tokens[seed % _tokens.length];
        holder = _ownerOf(tokenId);
        if (holder == address(market)) holder = address(0);
    }

    /// @dev A fragment in the market's custody, searching from the seed's position (max when none).
    function _custodyToken(uint256 seed) internal view returns (uint256) {
        uint256 n = _tokens.length;
        for (uint256 i; i < n; ++i) {
            uint256 tokenId = _tokens[(seed + i) % n];
            if (_ownerOf(tokenId) == address(market)) return tokenId;
        }
        return type(uint256).max;
    }

    function _ownerOf(uint256 tokenId) internal view returns (address) {
        try receivables.ownerOf(tokenId) returns (address owner) {
            return owner;
        } catch {
            return address(0);
        }
    }
}

/**
 * @notice Liveness of the money paths (docs: DESIGN "Money-path safety"): while members lapse,
 * are frozen, suspended and revoked, fragments are frozen and force-transferred out of custody and
 * the guardian pauses, (a) every unit of cash the market holds is owed to someone (escrowed
 * offers, live top bids, collateral, credits); (b) every fragment it holds is held for a live
 * listing, a live auction or parked for its owner; (c) per receivable root, what was claimed plus
 * what the fragments can still claim (their carry included) is what was paid; and (d), after every
 * run ({afterInvariant}), once the operators restore everyone who can be restored, every credit,
 * escrow, bid, collateral and fragment comes out: the market ends with no cash and no fragment,
 * the receivables with no cash. Revoked members (revocation is final) are paid out through the
 * regulator's forced transfers.
 */
contract LivenessInvariantTest is HandlerInvariantTest {
    uint256 internal constant FUNDS = 100_000_000_00;
    uint256 internal constant MIN_VALUE = 100;
    uint256 internal constant WALK_STEPS = 600;

    AccessManager internal manager;
    ParticipantRegistry internal registry;
    SettlementToken internal cash;
    ReceivableToken internal receivables;
    FactoringMarket internal market;
    LivenessHandler internal handler;
    address[WALLETS] internal wallets = [
        address(0xD0),
        address(0xD2),
        address(0x51),
        address(0x52),
        address(0xF0),
        address(0xB1),
        address(0xB2),
        address(0xFEE)
    ];
    /// @dev Where the regulator sends what a revoked member can no longer receive (its successor).
    address internal constant SUCCESSOR = address(0x5CC);

    function setUp() public {
        vm.warp(1_800_000_000);
        manager = new AccessManager(address(this));
        registry = new ParticipantRegistry(address(manager));
        cash = new SettlementToken(address(manager), registry, "Digital Yuan Deposit", "dCNY");
        receivables = new ReceivableToken(
            address(manager),
            registry,
            730 days,
            7 days,
            30 days,
            MIN_VALUE,
            5,
            address(0)
        );
        market = new FactoringMarket(address(manager), receivables, address(0));
        registry.registerModule(address(receivables));
        registry.registerModule(address(market));
        receivables.setCurrency(address(cash), true);
        uint16[PARTICIPANTS] memory kinds = [
            Kinds.CORE_ENTERPRISE,
            Kinds.SME,
            Kinds.SME,
            Kinds.FACTOR,
            Kinds.BANK,
            Kinds.BANK,
            Kinds.EXCHANGE
        ];
        uint40 kyc = uint40(block.timestamp + 3_650 days);
        for (uint256 p; p < PARTICIPANTS; ++p) {
            registry.register(participantId(p), kinds[p], kyc, "CN", wallets[p == 0 ? 0 : p + 1]);
        }
        registry.addWallet(participantId(0), wallets[1]);
        registry.register(ParticipantId.wrap(keccak256("SUCCESSOR")), Kinds.BANK, kyc, "CN", SUCCESSOR);
        for (uint256 i; i < WALLETS; ++i) {
            cash.mint(wallets[i], FUNDS);
            vm.startPrank(wallets[i]);
            cash.approve(address(market), type(uint256).max);
            cash.approve(address(receivables), type(uint256).max);
            receivables.setApprovalForAll(address(market), true);
            vm.stopPrank();
        }
        market.setTreasury(wallets[7]);
        market.setFee(50);
        handler = new LivenessHandler(registry, cash, receivables, market, wallets);
        // The handler plays the regulator, the registrar and the guardian.
        manager.grantRole(manager.ADMIN_ROLE(), address(handler), 0);
    }

    function _handler() internal view override returns (address) {
        return address(handler);
    }

    /// @dev Business actions weighted up (the money in play), each disruption once, healing thrice:
    /// about one call in six disrupts, and disruptions do not pile up for good.
    function _actions() internal pure override returns (bytes4[] memory a) {
        bytes4[36] memory list = [
            LivenessHandler.issuePayable.selector,
            LivenessHandler.issuePayable.selector,
            LivenessHandler.issue.selector,
            LivenessHandler.confirm.selector,
            LivenessHandler.split.selector,
            LivenessHandler.sendValue.selector,
            LivenessHandler.repay.selector,
            LivenessHandler.repay.selector,
            LivenessHandler.claim.selector,
            LivenessHandler.declareDefault.selector,
            LivenessHandler.list.selector,
            LivenessHandler.list.selector,
            LivenessHandler.buy.selector,
            LivenessHandler.cancelListing.selector,
            LivenessHandler.postCollateral.selector,
            LivenessHandler.exerciseRecourse.selector,
            LivenessHandler.settleRecourseDebt.selector,
            LivenessHandler.releaseCollateral.selector,
            LivenessHandler.makeOffer.selector,
            LivenessHandler.acceptOffer.selector,
            LivenessHandler.cancelOffer.selector,
            LivenessHandler.createAuction.selector,
            LivenessHandler.bid.selector,
            LivenessHandler.bid.selector,
            LivenessHandler.settleAuction.selector,
            LivenessHandler.withdrawRefund.selector,
            LivenessHandler.withdrawFragment.selector,
            LivenessHandler.warp.selector,
            LivenessHandler.toggleWalletFreeze.selector,
            LivenessHandler.toggleFragmentFreeze.selector,
            LivenessHandler.toggleSuspension.selector,
            LivenessHandler.revoke.selector,
            LivenessHandler.toggleKyc.selector,
            LivenessHandler.forceTransfer.selector,
            LivenessHandler.togglePause.selector,
            LivenessHandler.heal.selector
        ];
        a = new bytes4[](list.length + 2);
        for (uint256 i; i < list.length; ++i) a[i] = list[i];
        a[list.length] = LivenessHandler.heal.selector;
        a[list.length + 1] = LivenessHandler.heal.selector;
    }

    // ------------------------------------------------------------------ invariants

    /// @notice (a) The market's cash is exactly what it owes: escrowed offers, the highest bids of
    /// open auctions (live or dead and not yet unwound), posted collateral and credits. And no cash
    /// leaves the cast (members, successor, market, receivables hold the whole supply).
    /// hardhat-config: isolate = true
    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 64
    function invariant_marketCashIsOwed() public view {
        vm.assertEq(
            cash.balanceOf(address(market)),
            _marketOwes(),
            "market cash = offers + bids + collateral + credits"
        );
        uint256 held =
            cash.balanceOf(address(market)) + cash.balanceOf(address(receivables)) + cash.balanceOf(SUCCESSOR);
        for (uint256 i; i < WALLETS; ++i) held += cash.balanceOf(wallets[i]);
        vm.assertEq(held, cash.totalSupply(), "no cash outside the cast");
        vm.assertEq(handler.staleAccepts(), 0, "an offer was accepted on a state it did not price");
    }

    /// @notice (b) Every fragment the market owns is held for an open listing or an open auction of
    /// that very fragment, or parked for an owner; and the market owns no fragment we do not see.
    /// hardhat-config: isolate = true
    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 64
    function invariant_custodyHasAHold() public view {
        uint256 owned;
        uint256[] memory rootIds = handler.roots();
        for (uint256 k; k < rootIds.length; ++k) {
            uint256 count = receivables.receivable(rootIds[k]).fragmentCount;
            for (uint256 i; i < count; ++i) {
                uint256 tokenId = (rootIds[k] << 32) | i;
                if (_ownerOf(tokenId) != address(market)) continue;
                ++owned;
                IFactoringMarket.Hold memory h = market.custodyOf(tokenId);
                if (h.kind == IFactoringMarket.HoldKind.Listing) {
                    IFactoringMarket.Listing memory l = market.listing(h.id);
                    vm.assertTrue(l.status == IFactoringMarket.ListingStatus.Open, "held for a listing that is gone");
                    vm.assertEq(l.tokenId, tokenId, "held for another fragment's listing");
                    vm.assertEq(l.seller, h.owner, "hold owner is the seller");
                } else if (h.kind == IFactoringMarket.HoldKind.Auction) {
                    IFactoringMarket.Auction memory a = market.auction(h.id);
                    vm.assertTrue(a.open, "held for an auction that is closed");
                    vm.assertEq(a.tokenId, tokenId, "held for another fragment's auction");
                    vm.assertEq(a.seller, h.owner, "hold owner is the seller");
                } else {
                    vm.assertTrue(h.kind == IFactoringMarket.HoldKind.Parked, "a fragment in custody without a hold");
                    vm.assertTrue(h.owner != address(0), "parked for nobody");
                }
            }
        }
        vm.assertEq(receivables.balanceOf(address(market)), owned, "the market holds only fragments of known roots");
    }

    /// @notice (c) Per root: the fragments' claimed-so-far tiles what was claimed; what was claimed
    /// plus what every fragment is still owed (carry included) is what was paid, plus the base units
    /// fragments took ahead of a later, lower interval share (at most one each, none at settlement);
    /// `claimable` is exactly what a claim pays now (0 while frozen); and the receivables hold
    /// exactly what was paid and not claimed.
    /// hardhat-config: isolate = true
    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 64
    function invariant_entitlementsArePaid() public view {
        uint256 unclaimed;
        uint256[] memory rootIds = handler.roots();
        for (uint256 k; k < rootIds.length; ++k) {
            uint256 rootId = rootIds[k];
            IReceivableToken.Root memory r = receivables.receivable(rootId);
            uint256 claimed = receivables.claimedOf(rootId);
            vm.assertLe(claimed, r.paid, "root paid out more than it received");
            unclaimed += r.paid - claimed;
            Sums memory sums = _entitlements(rootId, r, claimed);
            vm.assertEq(sums.tiles, claimed + sums.carries, "what the fragments took = claimed on the root");
            vm.assertEq(sums.remaining, uint256(r.face) - claimed, "remaining to collect = face - claimed");
            vm.assertEq(claimed + sums.owed, uint256(r.paid) + sums.advance, "claimed + owed = paid (+ advance)");
            if (r.paid == r.face) vm.assertEq(sums.advance, 0, "no advance at settlement");
        }
        vm.assertEq(cash.balanceOf(address(receivables)), unclaimed, "receivables' cash = paid - claimed");
    }

    /// @notice (d) After every run: once everyone who can be is made eligible again and nothing is
    /// paused or frozen, everything held comes out, in one pass, by calls that must not revert.
    function afterInvariant() public {
        _drain();
    }

    // ------------------------------------------------------------------ scripted walks

    /// @notice REGRESSION (found by this suite, fixed): the market's cold-path functions
    /// (postCollateral, exerciseRecourse, settleRecourseDebt, releaseCollateral, withdrawFragment)
    /// are `nonReentrant` and forward to the extension with `_extend()`, whose assembly `return`
    /// ended the call before the modifier's `_nonReentrantAfter()` ran: the transient lock stayed
    /// set for the rest of the transaction, so a contract member (multisig batch, product, smart
    /// wallet) could not post collateral and then cancel in one transaction. `_extend` now returns
    /// normally and the lock is released.
    function test_regression_extensionCallReleasesTheReentrancyLock() public {
        handler.issuePayable(0, 0, 100_000_00, 60 days); // token 0 to S1
        handler.list(0, 0, 500, 1, 0, 1); // listing 1: recourse, no collateral
        vm.prank(wallets[5]);
        market.postCollateral(1, 1_000_00); // a guarantor posts collateral: goes through the extension
        vm.prank(wallets[2]);
        market.cancelListing(1); // same transaction: reverts ReentrancyGuardReentrantCall
        vm.assertEq(market.refundOf(address(cash), wallets[5]) + cash.balanceOf(wallets[5]), FUNDS, "collateral back");
    }

    /// @notice A scripted walk through every disruption: forced transfers out of a listing, an
    /// auction and a parked hold, a frozen winner, a revoked seller, a lapsed treasury, pauses;
    /// the invariants hold throughout and the drain empties the market.
    /// hardhat-config: isolate = true
    function test_liveness_scriptedDisruptions() public {
        handler.issuePayable(0, 0, 100_000_00, 60 days); // root 0 to S1, token 0
        handler.issuePayable(1, 1, 50_000_00, 60 days); // root 1 to S2, token 1
        handler.issuePayable(0, 2, 80_000_00, 60 days); // root 2 to F, token 2
        handler.list(0, 40_000_00, 500, 1, 5_000_00, 1); // listing 1: part of token 0, recourse
        handler.makeOffer(1, 0, 30_000_00, 1); // offer 1 on token 1 (F)
        handler.createAuction(2, 10_000_00, 1_00, 2 days); // auction 1 on token 2 (F's)
        handler.bid(1, 1, 0); // B1 bids
        handler.bid(1, 2, 0); // B2 outbids: B1 credited
        vm.assertEq(handler.listingCount(), 1, "listed");
        vm.assertEq(handler.auctionCount(), 1, "auctioned");
        _checkAll();
        // The court moves the listed fragment out: the listing is dead, anyone unwinds it.
        uint256 listed = market.listing(1).tokenId;
        receivables.forcedTransfer(listed, wallets[4], "COURT");
        _checkAll();
        vm.prank(wallets[6]);
        market.cancelListing(1);
        vm.assertEq(market.refundOf(address(cash), wallets[2]), 0, "collateral paid straight back");
        // A frozen winner: its bid becomes its credit, the fragment goes back to the seller.
        registry.freezeWallet(wallets[6], "ORDER");
        vm.warp(block.timestamp + 3 days);
        market.settleAuction(1);
        vm.assertGt(market.refundOf(address(cash), wallets[6]), 0, "the frozen winner is credited");
        _checkAll();
        // A revoked seller: its listing cancelled after expiry parks the fragment for it.
        handler.list(0, 0, 500, 0, 0, 1); // listing 2: S1's rest
        registry.revoke(participantId(1), "REVOKE");
        vm.warp(block.timestamp + 10 days);
        vm.prank(wallets[5]);
        market.cancelListing(2);
        vm.assertTrue(
            market.custodyOf(0 | (handler.roots()[0] << 32)).kind == IFactoringMarket.HoldKind.Parked,
            "parked"
        );
        _checkAll();
        // Lapsed treasury, pauses: still consistent.
        registry.renewKyc(participantId(6), uint40(block.timestamp + 1));
        vm.warp(block.timestamp + 2);
        market.pause();
        receivables.pause();
        _checkAll();
        _drain();
    }

    /// @notice A long deterministic random walk over every action (the invariant campaign's runs
    /// are short): the invariants hold every few steps, the drain empties everything at the end,
    /// and the walk reached the paths that matter (sales, unwinds, parking, credits, recourse).
    /// hardhat-config: isolate = true
    function test_liveness_randomWalk() public {
        bytes4[] memory actions = _actions();
        for (uint256 step; step < WALK_STEPS; ++step) {
            bytes32 seed = keccak256(abi.encode("WALK", step));
            bytes4 action = actions[uint256(seed) % actions.length];
            uint256[6] memory args;
            for (uint256 i; i < 6; ++i) args[i] = uint256(keccak256(abi.encode(seed, i)));
            (bool ok, ) = address(handler).call(abi.encodePacked(action, abi.encode(args)));
            ok; // a handler action may revert (e.g. an operator call refused): the walk goes on
            if (step % 8 == 7) _checkAll();
        }
        _checkAll();
        // The walk did more than revert (measured at 600 steps: 97 trades, 117 disruptions).
        vm.assertGt(handler.trades(), 60, "trades happened");
        vm.assertGt(handler.disruptions(), 50, "disruptions happened");
        bytes4[7] memory reached = [
            LivenessHandler.list.selector,
            LivenessHandler.makeOffer.selector,
            LivenessHandler.acceptOffer.selector,
            LivenessHandler.createAuction.selector,
            LivenessHandler.bid.selector,
            LivenessHandler.settleAuction.selector,
            LivenessHandler.forceTransfer.selector
        ];
        for (uint256 i; i < reached.length; ++i)
            vm.assertGt(handler.succeeded(reached[i]), 0, "an action never succeeded");
        _drain();
    }

    // ------------------------------------------------------------------ drain

    /// @dev Restores everyone restorable, closes every trade and withdraws everything; then the
    /// market holds only what revoked members are owed, which the regulator moves to a successor.
    function _drain() internal {
        // Past every expiry, auction end, recourse deadline; then KYC renewed for everyone live.
        vm.warp(block.timestamp + 400 days);
        if (market.paused()) market.unpause();
        if (receivables.paused()) receivables.unpause();
        if (cash.paused()) cash.unpause();
        for (uint256 p; p < PARTICIPANTS; ++p) {
            ParticipantId id = participantId(p);
            IParticipantRegistry.Status s = registry.participant(id).status;
            if (s == IParticipantRegistry.Status.Revoked) continue;
            if (s == IParticipantRegistry.Status.Suspended) registry.reinstate(id);
            registry.renewKyc(id, uint40(block.timestamp + 3_650 days));
        }
        registry.renewKyc(ParticipantId.wrap(keccak256("SUCCESSOR")), uint40(block.timestamp + 3_650 days));
        for (uint256 i; i < WALLETS; ++i) {
            if (registry.walletRecord(wallets[i]).frozen) registry.unfreezeWallet(wallets[i], "LIFT");
        }
        uint256[] memory rootIds = handler.roots();
        for (uint256 k; k < rootIds.length; ++k) {
            uint256 count = receivables.receivable(rootIds[k]).fragmentCount;
            for (uint256 i; i < count; ++i) {
                uint256 tokenId = (rootIds[k] << 32) | i;
                if (_ownerOf(tokenId) != address(0) && receivables.isFrozen(tokenId)) {
                    receivables.unfreeze(tokenId, "LIFT");
                }
            }
        }
        // Close every trade: each call must go through (anyone may make it now).
        for (uint256 id = 1; id <= handler.listingCount(); ++id) {
            if (market.listing(id).status == IFactoringMarket.ListingStatus.Open) market.cancelListing(id);
        }
        for (uint256 id = 1; id <= handler.offerCount(); ++id) {
            if (market.offer(id).offerer != address(0)) market.cancelOffer(id);
        }
        for (uint256 id = 1; id <= handler.auctionCount(); ++id) {
            if (market.auction(id).open) market.settleAuction(id);
        }
        for (uint256 id = 1; id <= handler.listingCount(); ++id) {
            if (market.recourseOf(id).collateral != 0) market.releaseCollateral(id);
        }
        // Everyone withdraws.
        uint256 stranded;
        for (uint256 i; i < WALLETS; ++i) {
            uint256 credit = market.refundOf(address(cash), wallets[i]);
            if (credit == 0) continue;
            if (_isRevoked(wallets[i])) {
                stranded += credit;
                continue;
            }
            vm.prank(wallets[i]);
            market.withdrawRefund(address(cash));
        }
        for (uint256 k; k < rootIds.length; ++k) {
            uint256 count = receivables.receivable(rootIds[k]).fragmentCount;
            for (uint256 i; i < count; ++i) {
                uint256 tokenId = (rootIds[k] << 32) | i;
                if (_ownerOf(tokenId) != address(market)) continue;
                IFactoringMarket.Hold memory h = market.custodyOf(tokenId);
                vm.assertTrue(
                    h.kind == IFactoringMarket.HoldKind.Parked,
                    "every trade closed: only parked fragments left"
                );
                if (_isRevoked(h.owner)) {
                    receivables.forcedTransfer(tokenId, SUCCESSOR, "SUCCESSION");
                } else {
                    vm.prank(h.owner);
                    market.withdrawFragment(tokenId);
                }
            }
        }
        vm.assertEq(cash.balanceOf(address(market)), stranded, "what is left is owed to revoked members only");
        if (stranded != 0) cash.forcedTransfer(address(market), SUCCESSOR, stranded, "SUCCESSION");
        vm.assertEq(cash.balanceOf(address(market)), 0, "the market holds no cash");
        vm.assertEq(receivables.balanceOf(address(market)), 0, "the market holds no fragment");
        // Every holder collects; a revoked member's fragments go to its successor first.
        for (uint256 k; k < rootIds.length; ++k) {
            uint256 count = receivables.receivable(rootIds[k]).fragmentCount;
            for (uint256 i; i < count; ++i) {
                uint256 tokenId = (rootIds[k] << 32) | i;
                address holder = _ownerOf(tokenId);
                if (holder == address(0)) continue;
                if (_isRevoked(holder)) {
                    receivables.forcedTransfer(tokenId, SUCCESSOR, "SUCCESSION");
                    holder = SUCCESSOR;
                }
                if (receivables.claimable(tokenId) == 0) continue;
                vm.prank(holder);
                receivables.claim(tokenId);
            }
        }
        vm.assertEq(cash.balanceOf(address(receivables)), 0, "the receivables hold no cash");
    }

    // ------------------------------------------------------------------ internal

    function _checkAll() internal view {
        invariant_marketCashIsOwed();
        invariant_custodyHasAHold();
        invariant_entitlementsArePaid();
    }

    /// @dev What the market owes, read from its views.
    function _marketOwes() internal view returns (uint256 owed) {
        for (uint256 id = 1; id <= handler.offerCount(); ++id) owed += market.offer(id).amount;
        for (uint256 id = 1; id <= handler.auctionCount(); ++id) {
            IFactoringMarket.Auction memory a = market.auction(id);
            if (a.open) owed += a.highestBid;
        }
        for (uint256 id = 1; id <= handler.listingCount(); ++id) owed += market.recourseOf(id).collateral;
        for (uint256 i; i < WALLETS; ++i) owed += market.refundOf(address(cash), wallets[i]);
        owed += market.refundOf(address(cash), SUCCESSOR);
    }

    /// @dev Sums over a root's fragments (see {_addFragment}).
    struct Sums {
        uint256 tiles; // shares at the checkpoints
        uint256 carries;
        uint256 owed;
        uint256 advance;
        uint256 remaining; // of {IReceivableToken-position}
    }

    function _entitlements(
        uint256 rootId,
        IReceivableToken.Root memory r,
        uint256 claimed
    ) internal view returns (Sums memory sums) {
        uint256 available = uint256(r.paid) - claimed;
        for (uint256 i; i < r.fragmentCount; ++i) {
            uint256 tokenId = (rootId << 32) | i;
            if (_ownerOf(tokenId) == address(0)) continue; // burnt (none here: nothing is rejected)
            _addFragment(sums, tokenId, r, available);
        }
    }

    /// @dev A fragment took (share at its checkpoint - carry) so far and is owed (share now + carry -
    /// share at its checkpoint) when positive; when negative it is that many base units ahead.
    /// Checks {IReceivableToken-claimable} on the way.
    function _addFragment(
        Sums memory sums,
        uint256 tokenId,
        IReceivableToken.Root memory r,
        uint256 available
    ) internal view {
        (IReceivableToken.Fragment memory f, ) = receivables.fragment(tokenId);
        uint256 end = uint256(f.start) + f.value;
        uint256 atCheckpoint = ProRata.intervalShare(
            f.start,
            end,
            receivables.paidAfter(tokenId >> 32, f.checkpoint),
            r.face
        );
        uint256 due = ProRata.intervalShare(f.start, end, r.paid, r.face) + f.carry;
        // A parent keeps its carry when split, so (share at checkpoint - carry) may be negative for
        // one fragment: the two sums are kept apart.
        sums.tiles += atCheckpoint;
        sums.carries += f.carry;
        uint256 owed = due > atCheckpoint ? due - atCheckpoint : 0;
        if (atCheckpoint > due) {
            vm.assertLe(atCheckpoint - due, 1, "a fragment is at most one base unit ahead");
            sums.advance += atCheckpoint - due;
        }
        sums.owed += owed;
        sums.remaining += receivables.position(tokenId).remaining;
        uint256 pays = receivables.isFrozen(tokenId) ? 0 : (owed < available ? owed : available);
        vm.assertEq(receivables.claimable(tokenId), pays, "claimable is what claim pays now");
    }

    function _isRevoked(address wallet) internal view returns (bool) {
        return registry.participant(registry.participantOf(wallet)).status == IParticipantRegistry.Status.Revoked;
    }

    function _ownerOf(uint256 tokenId) internal view returns (address) {
        try receivables.ownerOf(tokenId) returns (address owner) {
            return owner;
        } catch {
            return address(0);
        }
    }
}
