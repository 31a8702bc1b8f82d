// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AccessManager} from "@openzeppelin/contracts/access/manager/AccessManager.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {Bond} from "../../contracts/bonds/Bond.sol";
import {BondExtension} from "../../contracts/bonds/BondExtension.sol";
import {SettlementToken} from "../../contracts/cash/SettlementToken.sol";
import {IBond} from "../../contracts/interfaces/IBond.sol";
import {ParticipantId} from "../../contracts/interfaces/IParticipantRegistry.sol";
import {BondMath} from "../../contracts/libraries/BondMath.sol";
import {DayCount} from "../../contracts/libraries/DayCount.sol";
import {Kinds} from "../../contracts/libraries/Kinds.sol";
import {ParticipantRegistry} from "../../contracts/membership/ParticipantRegistry.sol";

interface BondVm {
    function warp(uint256 timestamp) external;
    function prank(address sender) external;
}

/// @notice Drives one bond through its life with fuzzed calls and keeps ghost totals.
contract BondHandler {
    BondVm private constant VM = BondVm(address(uint160(uint256(keccak256("hevm cheat code")))));
    uint256 private constant FACE = 100_00;

    Bond public immutable bond;
    SettlementToken public immutable cash;
    address public immutable issuer;
    address[4] public actors;
    uint256 public bids;
    /// @notice Cash paid in for distributions (coupon fundings, recoveries) and paid out by claims.
    uint256 public entitled;
    uint256 public claimed;

    constructor(Bond bond_, SettlementToken cash_, address issuer_, address[4] memory actors_) {
        bond = bond_;
        cash = cash_;
        issuer = issuer_;
        actors = actors_;
    }

    function bid(uint256 who, uint64 units, uint8 tick) external {
        IBond.Terms memory t = bond.terms();
        if (bond.state() != IBond.State.Book || block.timestamp >= t.bookClose) return;
        units = uint64(bound(units, t.minTicket, t.maxTicket));
        VM.prank(actors[who % 4]);
        bond.bid(units, uint16(t.yieldMinBp + (tick % 17) * t.tickBp));
        ++bids;
    }

    function finalize(uint64 size) external {
        if (bond.state() != IBond.State.Book) return;
        (, , uint256 demand) = bond.book();
        if (demand == 0) return;
        VM.warp(bond.terms().bookClose);
        VM.prank(issuer);
        bond.finalize(uint64(bound(size, 1, demand < 10_000 ? demand : 10_000)));
    }

    function claimAllocation(uint256 id) external {
        if (bids == 0) return;
        bond.claimAllocation(1 + (id % bids));
    }

    function transfer(uint256 from, uint256 to, uint256 units) external {
        address a = actors[from % 4];
        uint256 balance = bond.balanceOf(a);
        if (balance == 0) return;
        VM.prank(a);
        bond.transfer(actors[to % 4], bound(units, 1, balance));
    }

    function fundCoupon() external {
        if (bond.state() != IBond.State.Live) return;
        uint256 index = bond.couponsFunded() + 1;
        if (index > bond.couponCount()) return;
        uint256 date = bond.couponDate(index);
        if (block.timestamp < date) VM.warp(date);
        // Undelivered allocations count as delivered. The exact coupon is below the rounded-down figure
        // + 1 a unit, so this covers ceil(exact x units); the bond pulls only that (less the carry).
        uint256 amount = (bond.couponPerUnit(index) + 1) * bond.unitsOutstanding();
        uint256 before = cash.balanceOf(address(bond));
        VM.prank(issuer);
        bond.fundCoupon(index, amount);
        uint256 pulled = cash.balanceOf(address(bond)) - before;
        require(pulled <= amount);
        entitled += pulled;
    }

    function claimCoupons(uint256 who) external {
        address a = actors[who % 4];
        VM.prank(a);
        claimed += bond.claimCoupons();
    }

    function defaultAndRecover(uint256 amount) external {
        if (bond.state() == IBond.State.Live) {
            uint256 index = bond.couponsFunded() + 1;
            if (index > bond.couponCount()) return;
            VM.warp(bond.couponDate(index) + bond.terms().gracePeriod + 1);
            bond.declareDefault();
        }
        if (bond.state() != IBond.State.Defaulted || bond.unitsOutstanding() == 0) return;
        (uint256 before, uint256 carryBefore) = bond.distributed();
        amount = bound(amount, 1, 1_000_000_00);
        VM.prank(issuer);
        bond.payRecovery(amount);
        (uint256 afterPerUnit, uint256 carryAfter) = bond.distributed();
        entitled += amount;
        // What is not shared per unit (at SCALE precision) stays in the carry.
        require(
            amount * BondMath.SCALE + carryBefore == (afterPerUnit - before) * bond.unitsOutstanding() + carryAfter
        );
    }

    function bound(uint256 x, uint256 lo, uint256 hi) private pure returns (uint256) {
        return lo + (x % (hi - lo + 1));
    }
}

/// @notice Invariants of {Bond}: cash held = live escrow + proceeds not withdrawn + unclaimed
/// distributions (of holders, of undelivered allocations, and the issuer's surplus credits) + carry;
/// sum of balances = totalSupply; claims never exceed funding.
contract BondInvariantTest {
    error InvariantBroken(uint256 left, uint256 right);

    BondHandler private _handler;
    Bond private _bond;
    SettlementToken private _cash;
    address[4] private _actors;

    function setUp() public {
        AccessManager manager = new AccessManager(address(this));
        ParticipantRegistry registry = new ParticipantRegistry(address(manager));
        _cash = new SettlementToken(address(manager), registry, "Cash", "CASH");
        address issuer = address(0xB0C);
        registry.register(ParticipantId.wrap(keccak256("ISSUER")), Kinds.BANK, type(uint40).max, "CN", issuer);
        for (uint256 i; i < 4; ++i) {
            _actors[i] = address(uint160(0xA000 + i));
            registry.register(
                ParticipantId.wrap(keccak256(abi.encode("INVESTOR", i))),
                Kinds.INVESTOR,
                type(uint40).max,
                "CN",
                _actors[i]
            );
        }
        IBond.Terms memory t = IBond.Terms({
            issuer: issuer,
            leadUnderwriter: address(0),
            currency: IERC20(address(_cash)),
            denomination: 100_00,
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
        // This test stands in for the factory (operator calls would come from it).
        _bond = new Bond(t, count, registry, address(this), "Bond", "BND", address(new BondExtension()));
        registry.registerModule(address(_bond));
        _handler = new BondHandler(_bond, _cash, issuer, _actors);
        BondVm vm = BondVm(address(uint160(uint256(keccak256("hevm cheat code")))));
        _cash.mint(issuer, 1e15);
        vm.prank(issuer);
        _cash.approve(address(_bond), type(uint256).max);
        for (uint256 i; i < 4; ++i) {
            _cash.mint(_actors[i], 1e13);
            vm.prank(_actors[i]);
            _cash.approve(address(_bond), type(uint256).max);
        }
    }

    /// @dev The handler really drives the lifecycle (the fuzzer's calls are not all no-ops).
    function test_handler_drivesTheLifecycle() public {
        _handler.bid(0, 3_000, 0);
        _handler.bid(1, 4_000, 5);
        _handler.bid(2, 4_000, 5);
        _handler.bid(3, 1_000, 16);
        _handler.finalize(9_000);
        for (uint256 i; i < 4; ++i) _handler.claimAllocation(i);
        (uint256 issued, , , ) = _bond.proceeds();
        if (_bond.totalSupply() == 0 || _bond.totalSupply() != issued)
            revert InvariantBroken(_bond.totalSupply(), issued);
        _handler.fundCoupon();
        _handler.transfer(0, 3, 1_000);
        _handler.claimCoupons(0);
        _handler.defaultAndRecover(1_234_567);
        _handler.claimCoupons(3);
        if (_handler.claimed() == 0 || _handler.entitled() <= _handler.claimed()) {
            revert InvariantBroken(_handler.claimed(), _handler.entitled());
        }
        invariant_cashCoversEveryClaim();
        invariant_balancesSumToSupply();
        invariant_claimableEqualsUnclaimed();
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(_handler);
    }

    function invariant_cashCoversEveryClaim() public view {
        (, , uint256 demand) = _bond.book();
        (, uint256 raised, uint256 withdrawn, ) = _bond.proceeds();
        // The escrow of undelivered bids below the clearing tick is already counted in `raised`; the
        // carry is part of what distributions paid in and claims did not take out.
        (uint64 below, ) = _bond.pendingAllocations();
        uint256 expected =
            demand * 100_00 - uint256(below) * 100_00 + raised - withdrawn + _handler.entitled() - _handler.claimed();
        uint256 held = _cash.balanceOf(address(_bond));
        if (held != expected) revert InvariantBroken(held, expected);
    }

    function invariant_balancesSumToSupply() public view {
        uint256 sum;
        for (uint256 i; i < 4; ++i) sum += _bond.balanceOf(_actors[i]);
        if (sum != _bond.totalSupply()) revert InvariantBroken(sum, _bond.totalSupply());
    }

    /// @dev Distribution cash still held covers every claim, and exceeds it by less than one base unit
    /// per rounded figure: 4 holdings, the undelivered allocations, the carry (each rounded down).
    function invariant_claimableEqualsUnclaimed() public view {
        uint256 sum;
        for (uint256 i; i < 4; ++i) sum += _bond.claimable(_actors[i]);
        // Undelivered allocations are owed theirs too; the units never issued went back to the issuer.
        (uint256 cum, uint256 carry) = _bond.distributed();
        sum += ((_bond.unitsOutstanding() - _bond.totalSupply()) * cum) / BondMath.SCALE;
        sum += _bond.refundOf(_handler.issuer()) + carry / BondMath.SCALE;
        uint256 unclaimed = _handler.entitled() - _handler.claimed();
        if (sum > unclaimed || unclaimed - sum > 5) revert InvariantBroken(sum, unclaimed);
    }

    function invariant_claimsNeverExceedFunding() public view {
        if (_handler.claimed() > _handler.entitled()) revert InvariantBroken(_handler.claimed(), _handler.entitled());
    }
}
