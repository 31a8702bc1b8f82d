// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AccessManager} from "@openzeppelin/contracts/access/manager/AccessManager.sol";

import {SettlementToken} from "../../contracts/cash/SettlementToken.sol";
import {IFactoringMarket} from "../../contracts/interfaces/IFactoringMarket.sol";
import {ParticipantId} from "../../contracts/interfaces/IParticipantRegistry.sol";
import {IReceivableToken} from "../../contracts/interfaces/IReceivableToken.sol";
import {DiscountBasis} from "../../contracts/libraries/DiscountMath.sol";
import {Kinds} from "../../contracts/libraries/Kinds.sol";
import {FactoringMarket} from "../../contracts/market/FactoringMarket.sol";
import {ParticipantRegistry} from "../../contracts/membership/ParticipantRegistry.sol";
import {ReceivableToken} from "../../contracts/receivables/ReceivableToken.sol";
import {HandlerInvariantTest, TestBase} from "../helpers/Vm.sol";

/**
 * @notice The invariant fuzzer's only target: drives random issues, listings (whole, partial,
 * recourse with collateral), purchases, cancellations, offers, auctions and bids, guarantees,
 * repayments, defaults, recourse exercises, debt settlements, collateral releases, refund
 * withdrawals and time among five participants. Failed actions are swallowed (try/catch).
 */
contract MarketHandler is TestBase {
    uint256 internal constant ACTORS = 5; // 0 debtor, 1 supplier, 2 factor, 3 bank, 4 bank2

    ReceivableToken internal immutable receivables;
    FactoringMarket internal immutable market;
    SettlementToken internal immutable cash;
    address[ACTORS] internal actors;
    uint256[] internal _tokens;
    uint256 internal _invoices;

    /// @notice Successful market actions, to see that the fuzzer does more than revert.
    uint256 public trades;

    constructor(
        ReceivableToken receivables_,
        FactoringMarket market_,
        SettlementToken cash_,
        address[ACTORS] memory a
    ) {
        receivables = receivables_;
        market = market_;
        cash = cash_;
        actors = a;
    }

    function issue(uint256 creditorSeed, uint256 face, uint256 tenor) external {
        address creditor = actors[1 + bound(creditorSeed, 0, 3)];
        face = bound(face, 1_000_00, 1_000_000_00);
        tenor = bound(tenor, 2 days, 180 days);
        bytes32 invoice = keccak256(abi.encode("INV", ++_invoices));
        uint256 rootId = receivables.rootIdOf(invoice, creditor, actors[0]);
        vm.prank(actors[0]);
        try receivables.issuePayable(creditor, address(cash), face, block.timestamp + tenor, invoice, "", 0) {
            _tokens.push(rootId << 32);
        } catch {}
    }

    function list(uint256 tokenSeed, uint256 part, uint256 rate, bool recourse, uint256 collateral) external {
        if (_tokens.length == 0) return;
        uint256 tokenId = _tokens[bound(tokenSeed, 0, _tokens.length - 1)];
        address holder = _ownerOf(tokenId);
        if (holder == address(0) || holder == address(market)) return;
        (ReceivableToken.Fragment memory f, ) = receivables.fragment(tokenId);
        uint256 value = bound(part, 0, f.value);
        IFactoringMarket.ListingParams memory p = IFactoringMarket.ListingParams({
            tokenId: tokenId,
            value: value,
            price: 0,
            rateBps: uint16(bound(rate, 1, 2_000)),
            basis: DiscountBasis(rate % 2),
            expiry: uint40(block.timestamp + 5 days),
            buyerKinds: 0,
            recourse: recourse,
            collateral: recourse ? bound(collateral, 0, 50_000_00) : 0
        });
        vm.prank(holder);
        try market.list(p) returns (uint256 id) {
            _tokens.push(market.listing(id).tokenId);
            ++trades;
        } catch {}
    }

    function buy(uint256 listingSeed, uint256 buyerSeed) external {
        address buyer = actors[2 + bound(buyerSeed, 0, 2)];
        vm.prank(buyer);
        try market.buy(_listingId(listingSeed), type(uint256).max) {
            ++trades;
        } catch {}
    }

    function cancelListing(uint256 listingSeed) external {
        uint256 id = _listingId(listingSeed);
        vm.prank(market.listing(id).seller);
        try market.cancelListing(id) {
            ++trades;
        } catch {}
    }

    function postCollateral(uint256 listingSeed, uint256 amount) external {
        vm.prank(actors[4]);
        try market.postCollateral(_listingId(listingSeed), bound(amount, 1, 100_000_00)) {
            ++trades;
        } catch {}
    }

    function makeOffer(uint256 tokenSeed, uint256 offererSeed, uint256 amount) external {
        if (_tokens.length == 0) return;
        uint256 tokenId = _tokens[bound(tokenSeed, 0, _tokens.length - 1)];
        uint256 remaining;
        try receivables.position(tokenId) returns (IReceivableToken.Position memory pos) {
            remaining = pos.remaining;
        } catch {
            return;
        }
        vm.prank(actors[2 + bound(offererSeed, 0, 2)]);
        try
            market.makeOffer(tokenId, address(cash), bound(amount, 1, 500_000_00), block.timestamp + 2 days, remaining)
        {
            ++trades;
        } catch {}
    }

    function acceptOffer(uint256 offerSeed) external {
        uint256 id = bound(offerSeed, 1, 40);
        IFactoringMarket.Offer memory o = market.offer(id);
        if (o.offerer == address(0)) return;
        address holder = _ownerOf(o.tokenId);
        // A fragment in the market's custody has no holder who could accept: only the market
        // contract owns it, and no one can call the market as the market.
        if (holder == address(0) || holder == address(market)) return;
        vm.prank(holder);
        try market.acceptOffer(id) {
            ++trades;
        } catch {}
    }

    function cancelOffer(uint256 offerSeed) external {
        uint256 id = bound(offerSeed, 1, 40);
        vm.prank(market.offer(id).offerer);
        try market.cancelOffer(id) {
            ++trades;
        } catch {}
    }

    function createAuction(uint256 tokenSeed, uint256 reserve) external {
        if (_tokens.length == 0) return;
        uint256 tokenId = _tokens[bound(tokenSeed, 0, _tokens.length - 1)];
        address holder = _ownerOf(tokenId);
        if (holder == address(0) || holder == address(market)) return;
        vm.prank(holder);
        try market.createAuction(tokenId, bound(reserve, 1, 1_000_00), 10_00, block.timestamp + 1 days, 0) {
            ++trades;
        } catch {}
    }

    function bid(uint256 auctionSeed, uint256 bidderSeed, uint256 amount) external {
        uint256 id = bound(auctionSeed, 1, 20);
        vm.prank(actors[2 + bound(bidderSeed, 0, 2)]);
        try market.bid(id, bound(amount, 1, 200_000_00)) {
            ++trades;
        } catch {}
    }

    function settleAuction(uint256 auctionSeed) external {
        try market.settleAuction(bound(auctionSeed, 1, 20)) {
            ++trades;
        } catch {}
    }

    function withdrawRefund(uint256 actorSeed) external {
        vm.prank(actors[2 + bound(actorSeed, 0, 2)]);
        try market.withdrawRefund(address(cash)) {
            ++trades;
        } catch {}
    }

    function repay(uint256 tokenSeed, uint256 amount) external {
        if (_tokens.length == 0) return;
        uint256 rootId = _tokens[bound(tokenSeed, 0, _tokens.length - 1)] >> 32;
        vm.prank(actors[0]);
        try receivables.repay(rootId, bound(amount, 1, 1_000_000_00)) {} catch {}
    }

    function declareDefault(uint256 tokenSeed) external {
        if (_tokens.length == 0) return;
        uint256 tokenId = _tokens[bound(tokenSeed, 0, _tokens.length - 1)];
        vm.prank(_ownerOf(tokenId));
        try receivables.declareDefault(tokenId) {} catch {}
    }

    function exerciseRecourse(uint256 listingSeed) external {
        uint256 id = _listingId(listingSeed);
        vm.prank(market.recourseOf(id).buyer);
        try market.exerciseRecourse(id) {
            ++trades;
        } catch {}
    }

    function settleRecourseDebt(uint256 listingSeed, uint256 amount) external {
        uint256 id = _listingId(listingSeed);
        vm.prank(market.recourseOf(id).seller);
        try market.settleRecourseDebt(id, bound(amount, 1, 1_000_000_00)) {} catch {}
    }

    function releaseCollateral(uint256 listingSeed) external {
        try market.releaseCollateral(_listingId(listingSeed)) {} catch {}
    }

    function warp(uint256 duration) external {
        vm.warp(block.timestamp + bound(duration, 1, 40 days));
    }

    function tokens() external view returns (uint256[] memory) {
        return _tokens;
    }

    function _listingId(uint256 seed) internal pure returns (uint256) {
        return bound(seed, 1, 40);
    }

    function _ownerOf(uint256 tokenId) internal view returns (address) {
        try receivables.ownerOf(tokenId) returns (address owner) {
            return owner;
        } catch {
            return address(0);
        }
    }
}

/// @notice Invariants of the factoring market: its cash is exactly what it holds for others, and
/// its fragments are exactly those of open listings and auctions.
contract FactoringMarketInvariantTest is HandlerInvariantTest {
    /// @dev Ids the handler uses (its seeds are bounded to these ranges).
    uint256 internal constant MAX_LISTINGS = 40;
    uint256 internal constant MAX_OFFERS = 40;
    uint256 internal constant MAX_AUCTIONS = 20;

    AccessManager internal manager;
    ParticipantRegistry internal registry;
    SettlementToken internal cash;
    ReceivableToken internal receivables;
    FactoringMarket internal market;
    MarketHandler internal handler;
    address[5] internal actors = [address(0xC0), address(0xC1), address(0xC2), address(0xC3), address(0xC4)];
    address internal constant TREASURY = address(0xFEE);

    function setUp() public {
        vm.warp(1_800_000_000);
        // This contract is the AccessManager's admin: unwired restricted functions are ADMIN-only.
        manager = new AccessManager(address(this));
        registry = new ParticipantRegistry(address(manager));
        cash = new SettlementToken(address(manager), registry, "Digital Yuan Deposit", "dCNY");
        receivables = new ReceivableToken(address(manager), registry, 730 days, 7 days, 30 days, 100, 5, address(0));
        market = new FactoringMarket(address(manager), receivables, address(0));
        registry.registerModule(address(receivables));
        registry.registerModule(address(market));
        receivables.setCurrency(address(cash), true);
        uint16[5] memory kinds = [Kinds.CORE_ENTERPRISE, Kinds.SME, Kinds.FACTOR, Kinds.BANK, Kinds.BANK];
        uint40 kyc = uint40(block.timestamp + 10 * 365 days);
        for (uint256 i; i < 5; ++i) {
            registry.register(ParticipantId.wrap(keccak256(abi.encode("P", i))), kinds[i], kyc, "CN", actors[i]);
            cash.mint(actors[i], 100_000_000_00);
            vm.startPrank(actors[i]);
            cash.approve(address(market), type(uint256).max);
            cash.approve(address(receivables), type(uint256).max);
            receivables.setApprovalForAll(address(market), true);
            vm.stopPrank();
        }
        registry.register(ParticipantId.wrap(keccak256("TREASURY")), Kinds.EXCHANGE, kyc, "CN", TREASURY);
        market.setTreasury(TREASURY);
        market.setFee(50);
        handler = new MarketHandler(receivables, market, cash, actors);
    }

    function _handler() internal view override returns (address) {
        return address(handler);
    }

    function _actions() internal pure override returns (bytes4[] memory a) {
        a = new bytes4[](19);
        a[0] = MarketHandler.issue.selector;
        a[1] = MarketHandler.list.selector;
        a[2] = MarketHandler.buy.selector;
        a[3] = MarketHandler.cancelListing.selector;
        a[4] = MarketHandler.postCollateral.selector;
        a[5] = MarketHandler.makeOffer.selector;
        a[6] = MarketHandler.acceptOffer.selector;
        a[7] = MarketHandler.cancelOffer.selector;
        a[8] = MarketHandler.createAuction.selector;
        a[9] = MarketHandler.bid.selector;
        a[10] = MarketHandler.settleAuction.selector;
        a[11] = MarketHandler.withdrawRefund.selector;
        a[12] = MarketHandler.repay.selector;
        a[13] = MarketHandler.declareDefault.selector;
        a[14] = MarketHandler.exerciseRecourse.selector;
        a[15] = MarketHandler.settleRecourseDebt.selector;
        a[16] = MarketHandler.releaseCollateral.selector;
        a[17] = MarketHandler.warp.selector;
        a[18] = MarketHandler.issue.selector;
    }

    /// @notice A full cycle through the handler: trades happen and the invariants hold after it.
    function test_handler_tradesAndKeepsTheInvariants() public {
        handler.issue(0, 100_000_00, 90 days);
        handler.list(0, 40_000_00, 435, true, 5_000_00); // listing 1: a part, recourse
        handler.postCollateral(1, 1); // refused: the seller is the provider
        handler.makeOffer(0, 1, 50_000_00); // offer 1 on the rest
        handler.issue(1, 10_000_00, 90 days);
        handler.createAuction(2, 1_000_00); // auction 1
        handler.bid(1, 0, 2_000_00);
        handler.bid(1, 1, 3_000_00);
        vm.assertEq(market.refundOf(address(cash), actors[2]), 2_000_00, "outbid refund");
        handler.buy(1, 1);
        vm.assertGt(handler.trades(), 5, "trades happened");
        invariant_cashIsEscrow();
        invariant_fragmentsAreOpenListingsAndAuctions();
        handler.warp(2 days);
        handler.settleAuction(1);
        handler.withdrawRefund(0);
        handler.cancelOffer(1);
        invariant_cashIsEscrow();
        invariant_fragmentsAreOpenListingsAndAuctions();
    }

    /// @notice Market cash = escrowed offers + highest bids of open auctions + collateral + refunds.
    function invariant_cashIsEscrow() public view {
        uint256 owed;
        for (uint256 id = 1; id <= MAX_OFFERS; ++id) owed += market.offer(id).amount;
        for (uint256 id = 1; id <= MAX_AUCTIONS; ++id) {
            IFactoringMarket.Auction memory a = market.auction(id);
            if (a.open) owed += a.highestBid;
        }
        for (uint256 id = 1; id <= MAX_LISTINGS; ++id) owed += market.recourseOf(id).collateral;
        for (uint256 i; i < 5; ++i) owed += market.refundOf(address(cash), actors[i]);
        vm.assertEq(cash.balanceOf(address(market)), owed, "market cash = offers + bids + collateral + refunds");
    }

    /// @notice The market holds exactly the fragments of open listings and open auctions.
    function invariant_fragmentsAreOpenListingsAndAuctions() public view {
        uint256 open;
        for (uint256 id = 1; id <= MAX_LISTINGS; ++id) {
            IFactoringMarket.Listing memory l = market.listing(id);
            if (l.status == IFactoringMarket.ListingStatus.Open) {
                ++open;
                vm.assertEq(receivables.ownerOf(l.tokenId), address(market), "listed fragment in custody");
            }
        }
        for (uint256 id = 1; id <= MAX_AUCTIONS; ++id) {
            IFactoringMarket.Auction memory a = market.auction(id);
            if (a.open) {
                ++open;
                vm.assertEq(receivables.ownerOf(a.tokenId), address(market), "auctioned fragment in custody");
            }
        }
        vm.assertEq(receivables.balanceOf(address(market)), open, "no other fragment in custody");
    }
}
