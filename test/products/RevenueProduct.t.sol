// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AccessManager} from "@openzeppelin/contracts/access/manager/AccessManager.sol";

import {SettlementToken} from "../../contracts/cash/SettlementToken.sol";
import {Roles} from "../../contracts/governance/Roles.sol";
import {ParticipantId} from "../../contracts/interfaces/IParticipantRegistry.sol";
import {IFactoringMarket} from "../../contracts/interfaces/IFactoringMarket.sol";
import {IReceivableToken} from "../../contracts/interfaces/IReceivableToken.sol";
import {IRevenueProduct} from "../../contracts/interfaces/IRevenueProduct.sol";
import {ITrancheToken} from "../../contracts/interfaces/ITrancheToken.sol";
import {Kinds} from "../../contracts/libraries/Kinds.sol";
import {FactoringMarket} from "../../contracts/market/FactoringMarket.sol";
import {ParticipantRegistry} from "../../contracts/membership/ParticipantRegistry.sol";
import {ProductFactory} from "../../contracts/products/ProductFactory.sol";
import {RevenueProduct} from "../../contracts/products/RevenueProduct.sol";
import {TrancheToken} from "../../contracts/products/TrancheToken.sol";
import {ReceivableToken} from "../../contracts/receivables/ReceivableToken.sol";
import {HandlerInvariantTest, TestBase} from "../helpers/Vm.sol";

/**
 * @notice Drives an active two-tranche product (oversubscribed at close) through random repayments,
 * collections, share transfers, claims, defaults with write-off, disposal or auction at the market
 * (bids, settlement through the product or at the market first, with a market fee), disposal
 * proceeds and time, and records breaches of the waterfall's rules in ghost variables.
 */
contract ProductHandler is TestBase {
    uint256 internal constant HOLDERS = 4;
    uint256 internal constant SCALE = 1e18;

    SettlementToken internal immutable cash;
    ReceivableToken internal immutable receivables;
    RevenueProduct internal immutable product;
    IFactoringMarket internal immutable market;
    address internal immutable debtor;
    address internal immutable factor;
    address internal immutable disposal;
    address[HOLDERS] internal holders;
    uint256[] internal fragments;

    /// @notice Cash claimed by holders (tranche claims) and paid as oversubscription refunds.
    uint256 public ghostClaims;
    uint256 public ghostRefunds;
    /// @notice Breaches: principal paid with interest due, junior paid while senior impaired,
    /// a holder's claims above its exact pro-rata entitlement.
    uint256 public ghostPrincipalBeforeInterest;
    uint256 public ghostJuniorWhileImpaired;
    uint256 public ghostOverClaims;
    uint256 public distributions;
    /// @notice Per tranche and holder: exact entitlement x 1e18 (floored per distribution) and claims.
    mapping(uint256 tranche => mapping(address holder => uint256 scaled)) public entitledScaled;
    mapping(uint256 tranche => mapping(address holder => uint256 amount)) public claimed;

    constructor(
        SettlementToken cash_,
        ReceivableToken receivables_,
        RevenueProduct product_,
        IFactoringMarket market_,
        address debtor_,
        address factor_,
        address disposal_,
        address[HOLDERS] memory holders_,
        uint256[] memory fragments_,
        uint256 refunds
    ) {
        cash = cash_;
        receivables = receivables_;
        product = product_;
        market = market_;
        debtor = debtor_;
        factor = factor_;
        disposal = disposal_;
        holders = holders_;
        fragments = fragments_;
        ghostRefunds = refunds;
    }

    ParticipantRegistry internal registry;
    address internal exchange;
    address internal treasury;
    /// @notice Participants the handler lapses and reinstates: factor, exchange, treasury, holders.
    address[] internal parties;
    mapping(address wallet => ParticipantId id) internal idOf;
    /// @notice Cash withdrawn from credits; by holders alone (the cash identity counts holders'
    /// cash through the ghosts, the originator's, exchange's and treasury's through their balances).
    uint256 public ghostCreditsWithdrawn;
    uint256 public ghostHolderCredits;
    /// @notice Fragments a court order moved out of the product.
    uint256 public ghostForcedOut;

    /// @notice Liveness wiring: the registry the handler (an admin) suspends and reinstates parties in.
    function wireLiveness(
        ParticipantRegistry registry_,
        address exchange_,
        address treasury_,
        address[] calldata parties_,
        ParticipantId[] calldata ids
    ) external {
        registry = registry_;
        exchange = exchange_;
        treasury = treasury_;
        for (uint256 i; i < parties_.length; ++i) {
            parties.push(parties_[i]);
            idOf[parties_[i]] = ids[i];
        }
    }

    // ------------------------------------------------------------------ liveness actions

    /// @dev Suspends (or reinstates) a random party: the originator, the exchange, the treasury, a holder.
    function lapse(uint256 seed, bool suspend) external {
        address who = parties[seed % parties.length];
        if (suspend) {
            try registry.suspend(idOf[who], "lapse") {} catch {}
        } else {
            try registry.reinstate(idOf[who]) {} catch {}
        }
    }

    /// @dev A court order moves a basket fragment out of the product to the disposal wallet.
    function forceOut(uint256 seed) external {
        uint256 id = fragments[seed % fragments.length];
        if (receivables.ownerOf(id) != address(product)) return;
        try receivables.forcedTransfer(id, disposal, "order") {
            ++ghostForcedOut;
        } catch {}
    }

    /// @dev A random party withdraws its credit (fails while it cannot receive: its own delay).
    function withdraw(uint256 seed) external {
        address who = parties[seed % parties.length];
        vm.prank(who);
        try product.withdrawCredit() returns (uint256 amount) {
            ghostCreditsWithdrawn += amount;
            if (_isHolder(who)) ghostHolderCredits += amount;
        } catch {}
    }

    /// @notice Credits owed by the product to the parties the handler knows.
    function creditsOwed() public view returns (uint256 sum) {
        for (uint256 i; i < parties.length; ++i) sum += product.creditOf(parties[i]);
    }

    /// @notice Reinstates everyone and has every party withdraw: no credit may stay behind.
    function drain() external {
        for (uint256 i; i < parties.length; ++i) {
            try registry.reinstate(idOf[parties[i]]) {} catch {}
        }
        for (uint256 i; i < parties.length; ++i) {
            if (product.creditOf(parties[i]) == 0) continue;
            vm.prank(parties[i]);
            uint256 amount = product.withdrawCredit();
            ghostCreditsWithdrawn += amount;
            if (_isHolder(parties[i])) ghostHolderCredits += amount;
        }
    }

    // ------------------------------------------------------------------ actions

    function repay(uint256 seed, uint256 amount) external {
        uint256 rootId = fragments[seed % fragments.length] >> 32;
        IReceivableToken.Root memory r = receivables.receivable(rootId);
        if (r.paid == r.face) return;
        amount = bound(amount, 1, r.face - r.paid);
        vm.prank(debtor);
        try receivables.repay(rootId, amount) {} catch {}
    }

    function collect(uint256 from, uint256 to) external {
        from = bound(from, 0, fragments.length - 1);
        to = bound(to, from + 1, fragments.length);
        _observe(abi.encodeCall(IRevenueProduct.collect, (from, to)), address(this));
    }

    function transfer(uint256 tranche, uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        ITrancheToken token = _token(tranche);
        address from = holders[fromSeed % HOLDERS];
        amount = bound(amount, 0, token.balanceOf(from));
        vm.prank(from);
        try token.transfer(holders[toSeed % HOLDERS], amount) {} catch {}
    }

    function claim(uint256 tranche, uint256 seed) external {
        uint256 t = tranche % 2;
        address holder = holders[seed % HOLDERS];
        ITrancheToken token = _token(t);
        vm.prank(holder);
        try token.claim() returns (uint256 amount) {
            ghostClaims += amount;
            claimed[t][holder] += amount;
            if (claimed[t][holder] * SCALE > entitledScaled[t][holder] + distributions) ++ghostOverClaims;
        } catch {}
    }

    function defaultOne(uint256 seed, bool dispose) external {
        uint256 id = fragments[seed % fragments.length];
        vm.prank(factor);
        try product.declareDefault(id) {} catch {}
        if (dispose) {
            // Disposal goes through the market's auction only (issue 12, finding 5).
            _observe(
                abi.encodeCall(IRevenueProduct.auctionDefaulted, (id, 1_00, 1_00, block.timestamp + 1 days, 0)),
                factor
            );
        } else {
            vm.prank(factor);
            try product.writeOff(id) {} catch {}
        }
    }

    function proceeds(uint256 seed, uint256 amount) external {
        uint256 id = fragments[seed % fragments.length];
        amount = bound(amount, 1, 300_000_00);
        _observe(abi.encodeCall(IRevenueProduct.receiveDisposalProceeds, (id, amount)), disposal);
    }

    /// @dev The factor defaults a fragment and auctions it for a day (the disposal wallet bids).
    function auctionOne(uint256 seed, uint256 reserve) external {
        uint256 id = fragments[seed % fragments.length];
        vm.prank(factor);
        try product.declareDefault(id) {} catch {}
        reserve = bound(reserve, 1, 200_000_00);
        _observe(
            abi.encodeCall(IRevenueProduct.auctionDefaulted, (id, reserve, 1_00, block.timestamp + 1 days, 0)),
            factor
        );
    }

    function bidOn(uint256 seed, uint256 amount) external {
        uint256 auctionId = product.auctionOf(fragments[seed % fragments.length]);
        if (auctionId == 0) return;
        IFactoringMarket.Auction memory a = market.auction(auctionId);
        if (!a.open || block.timestamp > a.endTime) return;
        uint256 minimum = a.highestBidder == address(0) ? a.reserve : a.highestBid + a.minIncrement;
        amount = bound(amount, minimum, minimum + 100_000_00);
        vm.prank(disposal);
        try market.bid(auctionId, amount) {} catch {}
    }

    /// @dev After the end: settles through the product, or at the market first (then the product accounts).
    function settleOne(uint256 seed, bool atMarketFirst) external {
        uint256 id = fragments[seed % fragments.length];
        uint256 auctionId = product.auctionOf(id);
        if (auctionId == 0) return;
        IFactoringMarket.Auction memory a = market.auction(auctionId);
        if (block.timestamp <= a.endTime) vm.warp(uint256(a.endTime) + 1);
        if (atMarketFirst) try market.settleAuction(auctionId) {} catch {}
        _observe(abi.encodeCall(IRevenueProduct.settleDisposalAuction, (id)), address(this));
    }

    function warp(uint256 duration) external {
        vm.warp(block.timestamp + bound(duration, 0, 60 days));
    }

    // ------------------------------------------------------------------ ghosts

    /// @dev Calls the product as `caller` and checks the waterfall's rules on what it distributed.
    function _observe(bytes memory call, address caller) internal {
        IRevenueProduct.Waterfall memory w0 = product.waterfall();
        uint256[2] memory before = [_token(0).totalDistributed(), _token(1).totalDistributed()];
        uint256[HOLDERS][2] memory balances;
        for (uint256 t; t < 2; ++t) {
            for (uint256 i; i < HOLDERS; ++i) balances[t][i] = _token(t).balanceOf(holders[i]);
        }
        vm.prank(caller);
        (bool ok, ) = address(product).call(call);
        if (!ok) return;
        IRevenueProduct.Waterfall memory w1 = product.waterfall();
        if (w1.seniorBalance < w0.seniorBalance && w1.interestDue != 0) ++ghostPrincipalBeforeInterest;
        uint256 toJunior = _token(1).totalDistributed() - before[1];
        if (toJunior != 0 && (w1.seniorBalance != 0 || product.tranche(0).written != 0)) ++ghostJuniorWhileImpaired;
        for (uint256 t; t < 2; ++t) {
            uint256 amount = _token(t).totalDistributed() - before[t];
            if (amount == 0) continue;
            ++distributions;
            uint256 supply = _token(t).totalSupply();
            for (uint256 i; i < HOLDERS; ++i) {
                entitledScaled[t][holders[i]] += (amount * balances[t][i] * SCALE) / supply;
            }
        }
    }

    function fragmentAt(uint256 i) external view returns (uint256) {
        return fragments[i];
    }

    function _isHolder(address who) internal view returns (bool) {
        for (uint256 i; i < HOLDERS; ++i) if (holders[i] == who) return true;
        return false;
    }

    function _token(uint256 tranche) internal view returns (ITrancheToken) {
        return product.tranche(tranche % 2).token;
    }
}

/**
 * @notice Invariants of a revenue product: cash in = cash out + cash held; no holder claims more
 * than its pro-rata share; senior principal never paid while interest is due; junior nothing while
 * the senior is impaired.
 */
contract RevenueProductInvariantTest is HandlerInvariantTest {
    uint256 internal constant SUBSCRIBED = 1_100_000_00; // 11,000 shares at 100.00 for 10,000 offered

    AccessManager internal manager;
    ParticipantRegistry internal registry;
    SettlementToken internal cash;
    ReceivableToken internal receivables;
    FactoringMarket internal market;
    ProductFactory internal factory;
    RevenueProduct internal product;
    ProductHandler internal handler;

    address internal constant DEBTOR = address(0xD0);
    address internal constant FACTOR = address(0xF0);
    address internal constant AGENT = address(0xA9);
    address internal constant RATER = address(0xAA);
    address internal constant EXCHANGE = address(0xEE);
    address internal constant DISPOSAL = address(0xDD);
    address internal constant TREASURY = address(0x77);
    address internal constant MARKET_TREASURY = address(0x78);

    address[4] internal holders = [address(0x11), address(0x12), address(0x13), address(0x14)];

    function setUp() public {
        vm.warp(1_800_000_000);
        manager = new AccessManager(address(this));
        registry = new ParticipantRegistry(address(manager));
        cash = new SettlementToken(address(manager), registry, "Digital Yuan Deposit", "dCNY");
        receivables = new ReceivableToken(address(manager), registry, 730 days, 7 days, 30 days, 100, 10, address(0));
        market = new FactoringMarket(address(manager), receivables, address(0));
        RevenueProduct productImpl = new RevenueProduct();
        TrancheToken trancheImpl = new TrancheToken(registry, cash);
        factory = new ProductFactory(
            address(manager),
            registry,
            address(receivables),
            address(cash),
            address(productImpl),
            address(trancheImpl),
            TREASURY,
            20,
            address(market)
        );
        bytes4[] memory moduleSel = new bytes4[](1);
        moduleSel[0] = ParticipantRegistry.registerModule.selector;
        manager.setTargetFunctionRole(address(registry), moduleSel, Roles.MODULE_FACTORY);
        manager.grantRole(Roles.MODULE_FACTORY, address(factory), 0);
        manager.grantRole(Roles.MODULE_FACTORY, address(this), 0);
        registry.registerModule(address(receivables));
        receivables.setCurrency(address(cash), true);

        uint40 kyc = uint40(block.timestamp + 3650 days);
        registry.register(_pid("DEBTOR"), Kinds.CORE_ENTERPRISE, kyc, "CN", DEBTOR);
        registry.register(_pid("FACTOR"), Kinds.FACTOR, kyc, "CN", FACTOR);
        registry.register(_pid("AGENT"), Kinds.REGISTRATION_AGENT, kyc, "CN", AGENT);
        registry.register(_pid("RATER"), Kinds.RATING_AGENCY, kyc, "CN", RATER);
        registry.register(_pid("EXCHANGE"), Kinds.EXCHANGE, kyc, "CN", EXCHANGE);
        registry.register(_pid("DISPOSAL"), Kinds.FACTOR, kyc, "CN", DISPOSAL);
        registry.register(_pid("TREASURY"), Kinds.BANK, kyc, "CN", TREASURY);
        registry.register(_pid("MARKET-TREASURY"), Kinds.BANK, kyc, "CN", MARKET_TREASURY);
        registry.registerModule(address(market));
        // The factory moves basket fragments as the originator's operator: a custody module.
        registry.registerModule(address(factory));
        market.setTreasury(MARKET_TREASURY);
        market.setFee(250);
        for (uint256 i; i < 4; ++i) {
            registry.register(_pid(string(abi.encode(i))), Kinds.INVESTOR, kyc, "CN", holders[i]);
            cash.mint(holders[i], 1_000_000_00);
        }
        cash.mint(DEBTOR, 10_000_000_00);
        cash.mint(DISPOSAL, 10_000_000_00);

        uint256[] memory ids = new uint256[](4);
        for (uint256 i; i < 4; ++i) {
            vm.prank(DEBTOR);
            uint256 rootId = receivables.issuePayable(
                FACTOR,
                address(cash),
                250_000_00,
                block.timestamp + (30 + 60 * i) * 1 days,
                keccak256(abi.encode("INV", i)),
                "",
                bytes32(0)
            );
            ids[i] = rootId << 32;
        }
        vm.prank(FACTOR);
        receivables.setApprovalForAll(address(factory), true);
        vm.prank(FACTOR);
        product = RevenueProduct(
            factory.createProduct(
                ids,
                IRevenueProduct.Terms({seniorBps: 8_000, seniorRateBps: 320, servicingFeeBps: 50}),
                IRevenueProduct.Parties({exchange: EXCHANGE, ratingAgency: RATER, registrar: AGENT})
            )
        );
        vm.prank(AGENT);
        product.approve();
        vm.prank(RATER);
        product.rate(bytes8("AA"), 2, block.timestamp + 365 days, "ipfs://r", bytes32(0));
        vm.prank(EXCHANGE);
        IRevenueProduct.Listing memory offer = IRevenueProduct.Listing({
            exchange: address(0),
            opens: uint40(block.timestamp),
            closes: uint40(block.timestamp + 5 days),
            investorKinds: Kinds.INVESTOR,
            exchangeFeeBps: 100,
            pricePerShare: 100_00,
            minRaise: 100_000_00,
            cap: 1_000_000_00,
            minTicket: 100_00,
            maxTicket: 1_000_000_00
        });
        product.list(offer);
        offer.exchange = EXCHANGE;
        vm.prank(FACTOR);
        product.acceptListing(keccak256(abi.encode(offer)));
        // Senior (8,000 offered): 3,000 + 3,000 + 3,000 requested; junior (2,000): 2,000.
        uint256[4] memory shares = [uint256(3_000), 3_000, 3_000, 2_000];
        for (uint256 i; i < 4; ++i) {
            vm.startPrank(holders[i]);
            cash.approve(address(product), type(uint256).max);
            product.subscribe(i < 3 ? 0 : 1, shares[i]);
            vm.stopPrank();
        }
        vm.warp(block.timestamp + 6 days);
        product.closeOffering();
        uint256 refunds;
        for (uint256 i; i < 4; ++i) {
            uint256 before = cash.balanceOf(holders[i]);
            product.claimShares(holders[i], i < 3 ? 0 : 1);
            refunds += cash.balanceOf(holders[i]) - before;
        }
        handler = new ProductHandler(
            cash,
            receivables,
            product,
            market,
            DEBTOR,
            FACTOR,
            DISPOSAL,
            holders,
            ids,
            refunds
        );
        // Liveness: the handler may suspend and reinstate parties and force fragments out (admin).
        manager.grantRole(0, address(handler), 0);
        address[] memory lapsing = new address[](7);
        ParticipantId[] memory ids_ = new ParticipantId[](7);
        (lapsing[0], ids_[0]) = (FACTOR, _pid("FACTOR"));
        (lapsing[1], ids_[1]) = (EXCHANGE, _pid("EXCHANGE"));
        (lapsing[2], ids_[2]) = (TREASURY, _pid("TREASURY"));
        for (uint256 i; i < 4; ++i) (lapsing[3 + i], ids_[3 + i]) = (holders[i], _pid(string(abi.encode(i))));
        handler.wireLiveness(registry, EXCHANGE, TREASURY, lapsing, ids_);
        vm.prank(DEBTOR);
        cash.approve(address(receivables), type(uint256).max);
        vm.startPrank(DISPOSAL);
        cash.approve(address(product), type(uint256).max);
        cash.approve(address(market), type(uint256).max);
        vm.stopPrank();
    }

    function _handler() internal view override returns (address) {
        return address(handler);
    }

    function _actions() internal pure override returns (bytes4[] memory actions) {
        actions = new bytes4[](13);
        actions[0] = ProductHandler.repay.selector;
        actions[1] = ProductHandler.collect.selector;
        actions[2] = ProductHandler.transfer.selector;
        actions[3] = ProductHandler.claim.selector;
        actions[4] = ProductHandler.defaultOne.selector;
        actions[5] = ProductHandler.proceeds.selector;
        actions[6] = ProductHandler.warp.selector;
        actions[7] = ProductHandler.auctionOne.selector;
        actions[8] = ProductHandler.bidOn.selector;
        actions[9] = ProductHandler.settleOne.selector;
        actions[10] = ProductHandler.lapse.selector;
        actions[11] = ProductHandler.forceOut.selector;
        actions[12] = ProductHandler.withdraw.selector;
    }

    /// @notice A revoked-for-a-while originator and exchange: collections credit their fees, which
    /// they withdraw once reinstated; the cash identity holds throughout.
    function test_liveness_lapsedPayeesAreCredited() public {
        handler.lapse(0, true); // the factor
        handler.lapse(1, true); // the exchange
        handler.repay(0, 250_000_00);
        handler.collect(0, 4);
        // Servicing 0.5% and exchange 1% of 250,000.00.
        vm.assertEq(product.creditOf(FACTOR), 1_250_00, "servicing fee credited");
        vm.assertEq(product.creditOf(EXCHANGE), 2_500_00, "exchange fee credited");
        _assertAll();
        handler.drain();
        vm.assertEq(handler.creditsOwed(), 0, "drained");
        vm.assertEq(handler.ghostCreditsWithdrawn(), 3_750_00, "withdrawn");
        _assertAll();
    }

    /// @notice A fragment forced out of custody does not block collections of the others.
    function test_liveness_forcedOutFragmentSkipped() public {
        handler.repay(0, 250_000_00);
        handler.repay(1, 250_000_00);
        handler.forceOut(0);
        vm.assertEq(handler.ghostForcedOut(), 1, "forced out");
        handler.collect(0, 4);
        vm.assertEq(product.waterfall().collected, 250_000_00, "the other fragment collected");
        _assertAll();
    }

    /// hardhat-config: invariant.depth = 48
    function invariant_creditsAndDustCoveredByCash() public view {
        vm.assertLe(
            handler.creditsOwed() + product.heldDust(),
            cash.balanceOf(address(product)),
            "the product holds every credit it owes"
        );
    }

    /// hardhat-config: invariant.depth = 48
    function invariant_sharesMintedEqualSharesHeld() public view {
        for (uint256 t; t < 2; ++t) {
            ITrancheToken token = product.tranche(t).token;
            uint256 held = token.balanceOf(address(product));
            for (uint256 i; i < 4; ++i) held += token.balanceOf(holders[i]);
            vm.assertEq(token.totalSupply(), held, "every share is in custody or with a holder");
        }
    }

    /// @notice An auctioned default sells at the market, net of its fee, into the waterfall.
    function test_handler_auctionsADefault() public {
        vm.warp(block.timestamp + 120 days);
        handler.auctionOne(0, 100_000_00);
        uint256 id = handler.fragmentAt(0);
        vm.assertEq(product.auctionOf(id), 1, "auctioned");
        handler.bidOn(0, 0);
        vm.assertEq(market.auction(1).highestBid, 100_000_00, "reserve bid");
        handler.settleOne(0, true);
        // 100,000.00 less the market's 2.50%.
        vm.assertEq(product.waterfall().collected, 97_500_00, "net proceeds collected");
        vm.assertEq(cash.balanceOf(MARKET_TREASURY), 2_500_00, "market fee");
        vm.assertEq(receivables.ownerOf(id), DISPOSAL, "sold to the bidder");
        _assertAll();
    }

    /// @notice The set-up closes an oversubscribed offering and the handler's actions distribute.
    function test_handler_distributesAndClaims() public {
        vm.assertEq(uint256(product.phase()), uint256(IRevenueProduct.Phase.Active), "active");
        // Each senior subscriber is cut floor(3,000 x 1,000 / 9,000) = 333 shares: 999 refunded.
        vm.assertEq(handler.ghostRefunds(), 99_900_00, "999 senior shares refunded");
        handler.repay(0, 250_000_00);
        handler.collect(0, 4);
        vm.assertEq(handler.distributions(), 1, "one distribution");
        handler.claim(0, 0);
        vm.assertGt(handler.ghostClaims(), 0, "claimed");
        _assertAll();
    }

    /// hardhat-config: invariant.depth = 48
    function invariant_cashInEqualsCashOutPlusHeld() public view {
        _assertCash();
    }

    /// hardhat-config: invariant.depth = 48
    function invariant_noHolderClaimsMoreThanItsShare() public view {
        vm.assertEq(handler.ghostOverClaims(), 0, "a holder claimed more than its pro-rata share");
    }

    /// hardhat-config: invariant.depth = 48
    function invariant_seniorPrincipalNeverBeforeInterest() public view {
        vm.assertEq(handler.ghostPrincipalBeforeInterest(), 0, "senior principal paid with interest due");
    }

    /// hardhat-config: invariant.depth = 48
    function invariant_juniorNothingWhileSeniorImpaired() public view {
        vm.assertEq(handler.ghostJuniorWhileImpaired(), 0, "junior paid while the senior is impaired");
    }

    function _assertAll() internal view {
        _assertCash();
        vm.assertEq(handler.ghostOverClaims(), 0, "over-claim");
        vm.assertEq(handler.ghostPrincipalBeforeInterest(), 0, "principal before interest");
        vm.assertEq(handler.ghostJuniorWhileImpaired(), 0, "junior while impaired");
    }

    /// @dev In: subscriptions + gross collections (repayments and proceeds). Out: originator
    /// (proceeds and servicing fees), exchange fees, refunds, claims, treasury. Held: product + tranches.
    function _assertCash() internal view {
        uint256 cashIn = SUBSCRIBED + product.waterfall().collected;
        uint256 held =
            cash.balanceOf(address(product)) +
                cash.balanceOf(address(product.tranche(0).token)) +
                cash.balanceOf(address(product.tranche(1).token));
        // Credits withdrawn by holders (refunds credited to them) are not in the balances counted here.
        uint256 cashOut =
            cash.balanceOf(FACTOR) +
                cash.balanceOf(EXCHANGE) +
                cash.balanceOf(TREASURY) +
                handler.ghostRefunds() +
                handler.ghostClaims() +
                handler.ghostHolderCredits();
        vm.assertEq(cashIn, cashOut + held, "cash in = cash out + held");
    }

    function _pid(string memory code) internal pure returns (ParticipantId) {
        return ParticipantId.wrap(keccak256(bytes(code)));
    }
}
