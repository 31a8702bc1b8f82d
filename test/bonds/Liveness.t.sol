// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AccessManager} from "@openzeppelin/contracts/access/manager/AccessManager.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {Bond} from "../../contracts/bonds/Bond.sol";
import {BondExtension} from "../../contracts/bonds/BondExtension.sol";
import {SettlementToken} from "../../contracts/cash/SettlementToken.sol";
import {IBond} from "../../contracts/interfaces/IBond.sol";
import {IParticipantRegistry, ParticipantId} from "../../contracts/interfaces/IParticipantRegistry.sol";
import {BondMath} from "../../contracts/libraries/BondMath.sol";
import {DayCount} from "../../contracts/libraries/DayCount.sol";
import {Kinds} from "../../contracts/libraries/Kinds.sol";
import {ParticipantRegistry} from "../../contracts/membership/ParticipantRegistry.sol";
import {HandlerInvariantTest, TestBase} from "../helpers/Vm.sol";

// Wallets of the bond liveness suite: 0 the issuer, 1..4 investors, 5 the regulator's successor
// wallet (forced transfers go there or to another investor). One participant per wallet.
uint256 constant BOND_WALLETS = 6;
uint256 constant BOND_FACE = 100_00;

function bondParticipant(uint256 p) pure returns (ParticipantId) {
    return ParticipantId.wrap(keccak256(abi.encode("BOND-LIVE", p)));
}

/**
 * @notice Liveness handler for one bond: the fuzzer's only target. Besides the bond's business
 * (bids, cancellation, finalisation or cancellation of the book, deliveries by anyone, transfers,
 * coupons, proceeds, redemption, default and recovery, carry, credits, time) it plays the operators
 * against the members: the registrar suspends, reinstates, revokes (once) and lets KYC lapse, the
 * regulator freezes and unfreezes wallets and force-transfers units, the guardian pauses the bond
 * (the handler stands in for the factory, so it calls setPaused and forcedTransfer itself). Failed
 * actions revert and are discarded (failOnRevert = false).
 */
contract BondLivenessHandler is TestBase {
    ParticipantRegistry internal immutable registry;
    SettlementToken internal immutable cash;
    /// @notice The bond (set once: the bond names this handler as its factory, so it comes second).
    Bond public bond;
    address[BOND_WALLETS] internal wallets;

    /// @notice Units burned by redemptions (units issued = supply + burned).
    uint256 public burned;
    mapping(uint256 participant => bool) public revoked;
    uint256 public revokedCount;
    /// @notice Successful business actions and disruptions, to see that the fuzzer does more than revert.
    uint256 public actions;
    uint256 public disruptions;

    constructor(ParticipantRegistry registry_, SettlementToken cash_, address[BOND_WALLETS] memory w) {
        registry = registry_;
        cash = cash_;
        wallets = w;
    }

    function init(Bond bond_) external {
        require(address(bond) == address(0), "init once");
        bond = bond_;
    }

    // ------------------------------------------------------------------ business

    function bid(uint256 who, uint256 units, uint256 tick) external {
        IBond.Terms memory t = bond.terms();
        vm.prank(_investor(who));
        bond.bid(uint64(bound(units, t.minTicket, t.maxTicket)), uint16(t.yieldMinBp + (tick % 17) * t.tickBp));
        ++actions;
    }

    function cancelBid(uint256 id) external {
        uint256 bidId = _bidId(id);
        vm.prank(bond.bidOf(bidId).bidder);
        bond.cancelBid(bidId);
        ++actions;
    }

    function finalize(uint256 size) external {
        IBond.Terms memory t = bond.terms();
        if (block.timestamp < t.bookClose) vm.warp(t.bookClose);
        (, , uint256 demand) = bond.book();
        vm.prank(wallets[0]);
        bond.finalize(uint64(bound(size, 1, demand < t.size ? demand : t.size)));
        ++actions;
    }

    function cancelBook(uint256 who) external {
        vm.prank(wallets[who % BOND_WALLETS]);
        bond.cancelBook();
        ++actions;
    }

    /// @notice Anyone delivers a bid (the bidder, the issuer, a stranger).
    function claimAllocation(uint256 id, uint256 who) external {
        uint256 bidId = _bidId(id); // before the prank: an external call consumes it
        vm.prank(wallets[who % BOND_WALLETS]);
        bond.claimAllocation(bidId);
        ++actions;
    }

    function transfer(uint256 from, uint256 to, uint256 units) external {
        address a = _holder(from);
        uint256 balance = bond.balanceOf(a);
        if (balance == 0) return;
        vm.prank(a);
        bond.transfer(_holder(to), bound(units, 1, balance));
        ++actions;
    }

    function fundCoupon() external {
        uint256 index = bond.couponsFunded() + 1;
        if (index > bond.couponCount()) return;
        uint256 date = bond.couponDate(index);
        if (block.timestamp < date) vm.warp(date);
        // Above ceil(exact x units) (the exact coupon is below the rounded figure + 1): the bond pulls
        // only what the holdings are owed, less the carry, rounded up.
        uint256 amount = (bond.couponPerUnit(index) + 1) * bond.unitsOutstanding();
        vm.prank(wallets[0]);
        bond.fundCoupon(index, amount);
        ++actions;
    }

    function claimCoupons(uint256 who) external {
        vm.prank(_holder(who));
        bond.claimCoupons();
        ++actions;
    }

    function withdrawProceeds(uint256 amount) external {
        (, uint256 raised, uint256 withdrawn, ) = bond.proceeds();
        if (raised == withdrawn) return;
        vm.prank(wallets[0]);
        bond.withdrawProceeds(bound(amount, 1, raised - withdrawn));
        ++actions;
    }

    function fundRedemption() external {
        uint256 maturity = bond.terms().maturity;
        if (block.timestamp < maturity) vm.warp(maturity);
        uint256 amount = BOND_FACE * bond.unitsOutstanding();
        vm.prank(wallets[0]);
        bond.fundRedemption(amount);
        ++actions;
    }

    function redeem(uint256 who) external {
        address a = _holder(who);
        uint256 units = bond.balanceOf(a);
        vm.prank(a);
        bond.redeem();
        burned += units;
        ++actions;
    }

    function declareDefault() external {
        uint256 index = bond.couponsFunded() + 1;
        uint256 date = index > bond.couponCount() ? bond.terms().maturity : bond.couponDate(index);
        uint256 after_ = date + bond.terms().gracePeriod + 1;
        if (block.timestamp < after_) vm.warp(after_);
        bond.declareDefault();
        ++actions;
    }

    function payRecovery(uint256 amount, uint256 who) external {
        vm.prank(wallets[who % 5]);
        bond.payRecovery(bound(amount, 1, 1_000_000_00));
        ++actions;
    }

    function sweepCarry() external {
        vm.prank(wallets[0]);
        bond.sweepCarry();
        ++actions;
    }

    function withdrawRefund(uint256 who) external {
        vm.prank(wallets[who % BOND_WALLETS]);
        bond.withdrawRefund();
        ++actions;
    }

    function warp(uint256 duration) external {
        vm.warp(block.timestamp + bound(duration, 1 hours, duration % 4 == 0 ? 90 days : 5 days));
    }

    // ------------------------------------------------------------------ disruptions

    function toggleSuspension(uint256 seed) external {
        uint256 p = seed % BOND_WALLETS;
        if (revoked[p]) return;
        ParticipantId id = bondParticipant(p);
        if (registry.participant(id).status == IParticipantRegistry.Status.Suspended) registry.reinstate(id);
        else registry.suspend(id, "SUSPEND");
        ++disruptions;
    }

    /// @notice The registrar revokes one member for good (any, the issuer included), once per run.
    function revoke(uint256 seed) external {
        uint256 p = seed % BOND_WALLETS;
        if (revoked[p] || revokedCount != 0) return;
        registry.revoke(bondParticipant(p), "REVOKE");
        revoked[p] = true;
        ++revokedCount;
        ++disruptions;
    }

    function toggleKyc(uint256 seed, uint256 renew) external {
        uint256 p = seed % BOND_WALLETS;
        if (revoked[p]) return;
        if (renew % 2 == 0) {
            registry.renewKyc(bondParticipant(p), uint40(block.timestamp + 3_650 days));
        } else {
            registry.renewKyc(bondParticipant(p), uint40(block.timestamp + 1));
            vm.warp(block.timestamp + 2);
        }
        ++disruptions;
    }

    function toggleFreeze(uint256 seed) external {
        address w = wallets[seed % BOND_WALLETS];
        if (registry.walletRecord(w).frozen) registry.unfreezeWallet(w, "LIFT");
        else registry.freezeWallet(w, "ORDER");
        ++disruptions;
    }

    /// @notice The regulator moves units (even out of a frozen or lapsed holder) to an eligible wallet.
    function forceTransfer(uint256 from, uint256 to, uint256 units) external {
        address a = _holder(from);
        uint256 balance = bond.balanceOf(a);
        if (balance == 0) return;
        bond.forcedTransfer(a, _holder(to), bound(units, 1, balance), "ORDER");
        ++disruptions;
    }

    function togglePause() external {
        bond.setPaused(!bond.paused());
        ++disruptions;
    }

    /// @notice Lifts every disruption but the revocation.
    function heal() external {
        for (uint256 p; p < BOND_WALLETS; ++p) {
            if (revoked[p]) continue;
            ParticipantId id = bondParticipant(p);
            if (registry.participant(id).status == IParticipantRegistry.Status.Suspended) registry.reinstate(id);
            registry.renewKyc(id, uint40(block.timestamp + 3_650 days));
            if (registry.walletRecord(wallets[p]).frozen) registry.unfreezeWallet(wallets[p], "LIFT");
        }
        if (bond.paused()) bond.setPaused(false);
    }

    // ------------------------------------------------------------------ private

    function _investor(uint256 seed) private view returns (address) {
        return wallets[1 + (seed % 4)];
    }

    /// @dev Any wallet that may hold units: the investors and the successor.
    function _holder(uint256 seed) private view returns (address) {
        return wallets[1 + (seed % 5)];
    }

    function _bidId(uint256 seed) private view returns (uint256) {
        (uint256 bids, , ) = bond.book();
        return bids == 0 ? 1 : 1 + (seed % bids);
    }
}

/**
 * @notice Liveness invariants of {Bond} under lapses, revocations, freezes, pauses and forced
 * transfers: (a) every unit of cash the bond holds is owed to a wallet of the cast, exactly (live
 * escrow, proceeds, distributions of holders and of undelivered allocations, redemption, carry,
 * credits); (b) units minted equal units allocated and delivered, and balances sum to the supply;
 * (c) the funding count covers every allocation.
 */
contract BondLivenessInvariantTest is HandlerInvariantTest {
    BondLivenessHandler internal handler;
    ParticipantRegistry internal registry;
    SettlementToken internal cash;
    Bond internal bond;
    address[BOND_WALLETS] internal wallets = [
        address(0xB0C),
        address(0xA001),
        address(0xA002),
        address(0xA003),
        address(0xA004),
        address(0x5CC)
    ];

    function setUp() public {
        vm.warp(1_800_000_000);
        AccessManager manager = new AccessManager(address(this));
        registry = new ParticipantRegistry(address(manager));
        cash = new SettlementToken(address(manager), registry, "Digital Yuan Deposit", "dCNY");
        uint40 kyc = uint40(block.timestamp + 3_650 days);
        for (uint256 p; p < BOND_WALLETS; ++p) {
            registry.register(bondParticipant(p), p == 0 ? Kinds.BANK : Kinds.INVESTOR, kyc, "CN", wallets[p]);
        }
        IBond.Terms memory t = IBond.Terms({
            issuer: wallets[0],
            leadUnderwriter: address(0),
            currency: IERC20(address(cash)),
            denomination: uint64(BOND_FACE),
            size: 10_000,
            issueDate: uint40(block.timestamp + 20 days),
            maturity: uint40(block.timestamp + 20 days + 730 days),
            frequency: IBond.Frequency.SemiAnnual,
            dayCount: DayCount.Convention.ActActIcma,
            bookOpen: uint40(block.timestamp),
            bookClose: uint40(block.timestamp + 14 days),
            yieldMinBp: 280,
            yieldMaxBp: 360,
            tickBp: 5,
            minTicket: 1,
            maxTicket: 5_000,
            investorKinds: Kinds.INVESTOR,
            gracePeriod: 10 days,
            firstCallDate: 0,
            callNotice: 0,
            callPriceBp: 0,
            useOfProceeds: bytes32("SME_LENDING"),
            termSheetHash: bytes32(0)
        });
        uint256 count = BondMath.couponCount(t.issueDate, t.maturity, t.frequency);
        // The handler stands in for the factory: pause and forced transfer come from it.
        handler = new BondLivenessHandler(registry, cash, wallets);
        bond = new Bond(t, count, registry, address(handler), "Bond", "BND", address(new BondExtension()));
        handler.init(bond);
        registry.registerModule(address(bond));
        manager.grantRole(manager.ADMIN_ROLE(), address(handler), 0);
        for (uint256 i; i < BOND_WALLETS; ++i) {
            cash.mint(wallets[i], 1e13);
            vm.prank(wallets[i]);
            cash.approve(address(bond), type(uint256).max);
        }
    }

    function _handler() internal view override returns (address) {
        return address(handler);
    }

    function _actions() internal pure override returns (bytes4[] memory a) {
        bytes4[27] memory list = [
            BondLivenessHandler.bid.selector,
            BondLivenessHandler.bid.selector,
            BondLivenessHandler.bid.selector,
            BondLivenessHandler.cancelBid.selector,
            BondLivenessHandler.finalize.selector,
            BondLivenessHandler.cancelBook.selector,
            BondLivenessHandler.claimAllocation.selector,
            BondLivenessHandler.claimAllocation.selector,
            BondLivenessHandler.transfer.selector,
            BondLivenessHandler.fundCoupon.selector,
            BondLivenessHandler.fundCoupon.selector,
            BondLivenessHandler.claimCoupons.selector,
            BondLivenessHandler.withdrawProceeds.selector,
            BondLivenessHandler.fundRedemption.selector,
            BondLivenessHandler.redeem.selector,
            BondLivenessHandler.declareDefault.selector,
            BondLivenessHandler.payRecovery.selector,
            BondLivenessHandler.sweepCarry.selector,
            BondLivenessHandler.withdrawRefund.selector,
            BondLivenessHandler.warp.selector,
            BondLivenessHandler.toggleSuspension.selector,
            BondLivenessHandler.revoke.selector,
            BondLivenessHandler.toggleKyc.selector,
            BondLivenessHandler.toggleFreeze.selector,
            BondLivenessHandler.forceTransfer.selector,
            BondLivenessHandler.togglePause.selector,
            BondLivenessHandler.heal.selector
        ];
        a = new bytes4[](list.length);
        for (uint256 i; i < list.length; ++i) a[i] = list[i];
    }

    // ------------------------------------------------------------------ invariants

    /// @notice (a) The bond's cash is exactly what it owes to the cast.
    /// hardhat-config: isolate = true
    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 64
    function invariant_bondCashIsOwed() public view {
        // Owed figures are rounded down (each holding, the undelivered allocations, the carry): the
        // cash covers them and exceeds them by less than one base unit each.
        uint256 held = cash.balanceOf(address(bond));
        uint256 owed = _owed();
        vm.assertLe(owed, held, "bond cash >= escrow + proceeds + owed + credits");
        vm.assertLe(held - owed, BOND_WALLETS + 2, "bond cash - owed < one base unit per rounded figure");
    }

    /// @notice (b) Units minted = units delivered; balances sum to the supply.
    /// hardhat-config: isolate = true
    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 64
    function invariant_unitsMintedAreUnitsAllocated() public view {
        (uint256 issued, , , ) = bond.proceeds();
        vm.assertEq(issued, bond.totalSupply() + handler.burned(), "issued = supply + burned");
        uint256 sum;
        for (uint256 i; i < BOND_WALLETS; ++i) sum += bond.balanceOf(wallets[i]);
        vm.assertEq(sum, bond.totalSupply(), "balances = supply");
        IBond.State s = bond.state();
        if (s == IBond.State.Live || s == IBond.State.Defaulted) {
            // The funding count covers the delivered units and every undelivered allocation, and never
            // more than the size finalised (below + fill <= size).
            vm.assertLe(bond.totalSupply(), bond.unitsOutstanding(), "supply <= units outstanding");
            vm.assertLe(issued + bond.unitsOutstanding() - bond.totalSupply(), bond.terms().size, "<= size");
        }
    }

    /// @dev Everything the bond owes, by state (see the contract's NatSpec).
    function _owed() private view returns (uint256 total) {
        IBond.State s = bond.state();
        (, , uint256 demand) = bond.book();
        total = demand * BOND_FACE;
        if (s != IBond.State.Book && s != IBond.State.Cancelled) {
            (, uint256 raised, uint256 withdrawn, ) = bond.proceeds();
            (uint256 cum, uint256 carry) = bond.distributed();
            // The handler redeems at maturity only: face per unit, a whole base unit figure.
            (, uint256 rpu) = bond.redemption();
            (uint64 below, ) = bond.pendingAllocations();
            uint256 supply = bond.totalSupply();
            // Escrow of bids below the clearing tick is the issuer's proceeds (counted in raised).
            total = total - uint256(below) * BOND_FACE + raised - withdrawn;
            total += ((bond.unitsOutstanding() - supply) * (cum + rpu * BondMath.SCALE)) / BondMath.SCALE;
            total += carry / BondMath.SCALE;
        }
        // redeemable = units x redemption + unclaimed distributions, rounded once (claimable before).
        for (uint256 i; i < BOND_WALLETS; ++i) total += bond.redeemable(wallets[i]) + bond.refundOf(wallets[i]);
    }

    /// @dev The handler really drives the lifecycle through lapses (not all calls are no-ops).
    function test_handler_drivesTheLifecycleThroughLapses() public {
        handler.bid(0, 3_000, 0);
        handler.bid(1, 4_000, 5);
        handler.bid(2, 4_000, 5);
        handler.bid(3, 1_000, 16);
        handler.finalize(9_000);
        handler.toggleSuspension(2); // investor 2 (bid 2) lapses before delivery
        handler.claimAllocation(0, 0);
        handler.claimAllocation(2, 0);
        handler.claimAllocation(3, 0);
        handler.fundCoupon();
        invariant_bondCashIsOwed();
        handler.claimAllocation(1, 0); // delivered to the suspended bidder by the issuer
        handler.forceTransfer(1, 4, 500);
        handler.claimCoupons(0);
        handler.withdrawProceeds(1e18);
        invariant_bondCashIsOwed();
        invariant_unitsMintedAreUnitsAllocated();
        handler.heal();
        handler.withdrawRefund(2);
        handler.claimCoupons(1);
        for (uint256 i = 2; i <= 4; ++i) handler.fundCoupon();
        handler.fundRedemption();
        for (uint256 i; i < 5; ++i) {
            // A wallet with nothing to redeem reverts BondNothingToClaim.
            try handler.redeem(i) {} catch {}
        }
        invariant_bondCashIsOwed();
        invariant_unitsMintedAreUnitsAllocated();
        (uint256 issued, uint256 raised, uint256 withdrawn, ) = bond.proceeds();
        vm.assertEq(bond.totalSupply(), 0, "all redeemed");
        vm.assertEq(handler.burned(), issued, "burned = issued");
        // Beyond the issuer's proceeds: the carry (whole base units, swept to the issuer), what
        // wallets left without units may still claim, and their fractions below a base unit.
        (, uint256 carry) = bond.distributed();
        vm.assertEq(carry % BondMath.SCALE, 0, "every redeemed holding's fraction joined the carry");
        uint256 left = cash.balanceOf(address(bond)) - (raised - withdrawn);
        vm.assertLe(carry / BondMath.SCALE, left, "the carry is held");
        if (carry != 0) {
            vm.prank(wallets[0]);
            bond.sweepCarry();
        }
        uint256 unclaimed;
        for (uint256 i; i < BOND_WALLETS; ++i) unclaimed += bond.claimable(wallets[i]) + bond.refundOf(wallets[i]);
        left = cash.balanceOf(address(bond)) - (raised - withdrawn);
        vm.assertLe(unclaimed, left, "what wallets may still claim is held");
        vm.assertLt(left - unclaimed, BOND_WALLETS, "beyond it, less than a base unit per wallet");
    }
}
