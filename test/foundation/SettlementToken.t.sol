// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AccessManager} from "@openzeppelin/contracts/access/manager/AccessManager.sol";

import {SettlementToken} from "../../contracts/cash/SettlementToken.sol";
import {Roles} from "../../contracts/governance/Roles.sol";
import {IParticipantRegistry, ParticipantId} from "../../contracts/interfaces/IParticipantRegistry.sol";
import {ISettlementToken} from "../../contracts/interfaces/ISettlementToken.sol";
import {Kinds} from "../../contracts/libraries/Kinds.sol";
import {ParticipantRegistry} from "../../contracts/membership/ParticipantRegistry.sol";
import {HandlerInvariantTest, TestBase} from "../helpers/Vm.sol";

/**
 * @notice The invariant fuzzer's only target. It holds the registrar, regulator, settlement-bank and
 * guardian roles and drives random mints, transfers, burns, freezes, suspensions, KYC lapses,
 * pauses and forced transfers among six wallets (four registered, two never registered). Around
 * every action it compares each wallet's balance with its standing just before the action and
 * counts any breach in ghost variables.
 */
contract CashHandler is TestBase {
    uint256 internal constant ACTORS = 6;
    uint256 internal constant MAX_MINT = 1e12; // 10,000,000,000.00 in fen

    ParticipantRegistry internal immutable registry;
    SettlementToken internal immutable cash;
    address[ACTORS] internal actors;
    /// @dev The participant of each actor; zero for the never-registered ones.
    ParticipantId[ACTORS] internal ids;

    /// @notice Times a wallet's balance grew while it was ineligible just before the action.
    uint256 public ghostIneligibleReceipts;
    /// @notice Times a frozen wallet's balance changed by anything but a forced transfer.
    uint256 public ghostFrozenMoves;
    /// @notice Successful movements, to see that the fuzzer does more than revert.
    uint256 public movements;
    uint256 public forcedMovements;

    uint256[ACTORS] internal _balanceBefore;
    bool[ACTORS] internal _eligibleBefore;
    bool[ACTORS] internal _frozenBefore;

    constructor(
        ParticipantRegistry registry_,
        SettlementToken cash_,
        address[ACTORS] memory actors_,
        ParticipantId[ACTORS] memory ids_
    ) {
        registry = registry_;
        cash = cash_;
        actors = actors_;
        ids = ids_;
    }

    // ------------------------------------------------------------------ actions

    function mint(uint256 toSeed, uint256 amount) external {
        address to = _actor(toSeed);
        amount = bound(amount, 1, MAX_MINT);
        _before();
        try cash.mint(to, amount) {
            ++movements;
        } catch {}
        _after(false);
    }

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        address to = _actor(toSeed);
        amount = bound(amount, 0, cash.balanceOf(from));
        _before();
        vm.prank(from);
        try cash.transfer(to, amount) {
            ++movements;
        } catch {}
        _after(false);
    }

    function burnFrom(uint256 fromSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        amount = bound(amount, 0, cash.balanceOf(from));
        vm.prank(from);
        cash.approve(address(this), amount);
        _before();
        try cash.burnFrom(from, amount) {
            ++movements;
        } catch {}
        _after(false);
    }

    function forcedTransfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        address from = _actor(fromSeed);
        address to = _actor(toSeed);
        amount = bound(amount, 0, cash.balanceOf(from));
        _before();
        try cash.forcedTransfer(from, to, amount, keccak256("court order")) {
            ++forcedMovements;
        } catch {}
        _after(true);
    }

    /// @dev Freezes and suspends one time in three (their inverses always act), so that runs keep
    /// enough eligible wallets to move cash.
    function freeze(uint256 seed) external {
        if (seed % 3 != 0) return;
        seed /= 3;
        _before();
        try registry.freezeWallet(_actor(seed), keccak256("order")) {} catch {}
        _after(false);
    }

    function unfreeze(uint256 seed) external {
        _before();
        try registry.unfreezeWallet(_actor(seed), keccak256("lift")) {} catch {}
        _after(false);
    }

    function suspend(uint256 seed) external {
        if (seed % 3 != 0) return;
        seed /= 3;
        ParticipantId id = ids[seed % ACTORS];
        _before();
        try registry.suspend(id, "fuzz") {} catch {}
        _after(false);
    }

    function reinstate(uint256 seed) external {
        ParticipantId id = ids[seed % ACTORS];
        _before();
        try registry.reinstate(id) {} catch {}
        _after(false);
    }

    function revoke(uint256 seed) external {
        // Rare: a revoked participant stays revoked for the rest of the run.
        if (seed % 8 != 0) return;
        ParticipantId id = ids[(seed / 8) % ACTORS];
        _before();
        try registry.revoke(id, "fuzz") {} catch {}
        _after(false);
    }

    function renewKyc(uint256 seed, uint256 duration) external {
        ParticipantId id = ids[seed % ACTORS];
        duration = bound(duration, 1, 365 days);
        _before();
        try registry.renewKyc(id, uint40(block.timestamp + duration)) {} catch {}
        _after(false);
    }

    function warp(uint256 duration) external {
        duration = bound(duration, 0, 2 days);
        _before();
        vm.warp(block.timestamp + duration);
        _after(false);
    }

    /// @dev Pauses one time in eight, unpauses otherwise, so runs are not paused most of the time.
    function pause(uint256 seed) external {
        _before();
        if (seed % 8 == 0) {
            try cash.pause() {} catch {}
        } else {
            try cash.unpause() {} catch {}
        }
        _after(false);
    }

    // ------------------------------------------------------------------ views for the invariants

    function actorCount() external pure returns (uint256) {
        return ACTORS;
    }

    function actor(uint256 i) external view returns (address) {
        return actors[i];
    }

    // ------------------------------------------------------------------ ghosts

    function _before() internal {
        for (uint256 i; i < ACTORS; ++i) {
            address a = actors[i];
            _balanceBefore[i] = cash.balanceOf(a);
            _eligibleBefore[i] = registry.eligibility(a) == IParticipantRegistry.Ineligibility.None;
            _frozenBefore[i] = registry.walletRecord(a).frozen;
        }
    }

    function _after(bool forced) internal {
        for (uint256 i; i < ACTORS; ++i) {
            uint256 balance = cash.balanceOf(actors[i]);
            if (balance > _balanceBefore[i] && !_eligibleBefore[i]) ++ghostIneligibleReceipts;
            if (balance != _balanceBefore[i] && _frozenBefore[i] && !forced) ++ghostFrozenMoves;
        }
    }

    function _actor(uint256 seed) internal view returns (address) {
        return actors[seed % ACTORS];
    }
}

/**
 * @notice Invariants of the settlement token under random operations: supply accounting, no cash
 * into an ineligible wallet, and frozen cash moves only by court order.
 */
contract SettlementTokenInvariantTest is HandlerInvariantTest {
    AccessManager internal manager;
    ParticipantRegistry internal registry;
    SettlementToken internal cash;
    CashHandler internal handler;

    function setUp() public {
        manager = new AccessManager(address(this));
        registry = new ParticipantRegistry(address(manager));
        cash = new SettlementToken(address(manager), registry, "Digital Yuan Deposit", "dCNY");

        address[6] memory actors = [
            address(0xA1),
            address(0xA2),
            address(0xA3),
            address(0xA4),
            address(0xB1),
            address(0xB2)
        ];
        ParticipantId[6] memory ids;
        ids[0] = ParticipantId.wrap(keccak256("SME-1"));
        ids[1] = ParticipantId.wrap(keccak256("BANK-1"));
        ids[2] = ParticipantId.wrap(keccak256("CORE-1")); // two wallets: actors 2 and 3
        ids[3] = ids[2];
        handler = new CashHandler(registry, cash, actors, ids);

        _wire();
        // Registration happens here as the registrar (this contract holds the role too).
        registry.register(ids[0], Kinds.SME, uint40(block.timestamp + 20 days), "CN", actors[0]);
        registry.register(ids[1], Kinds.BANK, uint40(block.timestamp + 365 days), "CN", actors[1]);
        registry.register(ids[2], Kinds.CORE_ENTERPRISE, uint40(block.timestamp + 5 days), "CN", actors[2]);
        registry.addWallet(ids[2], actors[3]);
        for (uint256 i; i < 4; ++i) {
            cash.mint(actors[i], 1_000_000_00);
        }
    }

    function _handler() internal view override returns (address) {
        return address(handler);
    }

    function _actions() internal pure override returns (bytes4[] memory actions) {
        actions = new bytes4[](12);
        actions[0] = CashHandler.mint.selector;
        actions[1] = CashHandler.transfer.selector;
        actions[2] = CashHandler.burnFrom.selector;
        actions[3] = CashHandler.forcedTransfer.selector;
        actions[4] = CashHandler.freeze.selector;
        actions[5] = CashHandler.unfreeze.selector;
        actions[6] = CashHandler.suspend.selector;
        actions[7] = CashHandler.reinstate.selector;
        actions[8] = CashHandler.revoke.selector;
        actions[9] = CashHandler.renewKyc.selector;
        actions[10] = CashHandler.warp.selector;
        actions[11] = CashHandler.pause.selector;
    }

    /// @notice The handler's actions do move cash, and a forced transfer out of a frozen wallet is not
    /// counted as a breach.
    function test_handler_movesCashAndForcesItOutOfAFrozenWallet() public {
        handler.mint(0, 500);
        handler.transfer(0, 1, 200);
        handler.burnFrom(1, 100);
        vm.assertEq(handler.movements(), 3, "mint, transfer and burn succeeded");
        handler.freeze(0); // seed 0: acts on actor 0
        handler.transfer(0, 1, 1); // refused: frozen sender
        handler.mint(4, 1); // refused: never registered
        vm.assertEq(handler.movements(), 3, "frozen and unregistered wallets refused");
        handler.forcedTransfer(0, 1, 300);
        vm.assertEq(handler.forcedMovements(), 1, "forced transfer succeeded");
        vm.assertEq(cash.balanceOf(address(0xA1)), 1_000_000_00 + 500 - 200 - 300, "actor 0");
        vm.assertEq(handler.ghostIneligibleReceipts(), 0, "no ineligible receipt");
        vm.assertEq(handler.ghostFrozenMoves(), 0, "no frozen move");
    }

    /// hardhat-config: invariant.depth = 64
    function invariant_balancesSumToTotalSupply() public view {
        uint256 sum;
        for (uint256 i; i < handler.actorCount(); ++i) sum += cash.balanceOf(handler.actor(i));
        vm.assertEq(sum, cash.totalSupply(), "sum of balances");
        vm.assertEq(cash.balanceOf(address(handler)), 0, "the handler holds no cash");
    }

    /// hardhat-config: invariant.depth = 64
    function invariant_noIneligibleWalletReceivesCash() public view {
        vm.assertEq(handler.ghostIneligibleReceipts(), 0, "cash reached an ineligible wallet");
    }

    /// hardhat-config: invariant.depth = 64
    function invariant_frozenBalanceMovesOnlyByForcedTransfer() public view {
        vm.assertEq(handler.ghostFrozenMoves(), 0, "a frozen balance moved without a court order");
    }

    /// hardhat-config: invariant.depth = 64
    function invariant_neverRegisteredWalletsAreIneligible() public view {
        for (uint256 i = 4; i < handler.actorCount(); ++i) {
            vm.assertFalse(registry.isEligible(handler.actor(i)), "never-registered wallet is eligible");
            vm.assertEq(cash.balanceOf(handler.actor(i)), 0, "never-registered wallet holds cash");
        }
    }

    /// @dev Wires the restricted functions exactly as src/wiring.ts does and grants the handler the
    /// operator roles it exercises.
    function _wire() internal {
        bytes4[] memory registrar = new bytes4[](9);
        registrar[0] = ParticipantRegistry.register.selector;
        registrar[1] = ParticipantRegistry.setKinds.selector;
        registrar[2] = ParticipantRegistry.renewKyc.selector;
        registrar[3] = ParticipantRegistry.setJurisdiction.selector;
        registrar[4] = ParticipantRegistry.suspend.selector;
        registrar[5] = ParticipantRegistry.reinstate.selector;
        registrar[6] = ParticipantRegistry.revoke.selector;
        registrar[7] = ParticipantRegistry.addWallet.selector;
        registrar[8] = ParticipantRegistry.removeWallet.selector;
        manager.setTargetFunctionRole(address(registry), registrar, Roles.REGISTRAR);

        bytes4[] memory regulatorRegistry = new bytes4[](2);
        regulatorRegistry[0] = ParticipantRegistry.freezeWallet.selector;
        regulatorRegistry[1] = ParticipantRegistry.unfreezeWallet.selector;
        manager.setTargetFunctionRole(address(registry), regulatorRegistry, Roles.REGULATOR);

        bytes4[] memory bank = new bytes4[](3);
        bank[0] = ISettlementToken.mint.selector;
        bank[1] = ISettlementToken.burn.selector;
        bank[2] = ISettlementToken.burnFrom.selector;
        manager.setTargetFunctionRole(address(cash), bank, Roles.SETTLEMENT_BANK);

        bytes4[] memory regulatorCash = new bytes4[](1);
        regulatorCash[0] = ISettlementToken.forcedTransfer.selector;
        manager.setTargetFunctionRole(address(cash), regulatorCash, Roles.REGULATOR);

        bytes4[] memory guardian = new bytes4[](2);
        guardian[0] = ISettlementToken.pause.selector;
        guardian[1] = ISettlementToken.unpause.selector;
        manager.setTargetFunctionRole(address(cash), guardian, Roles.GUARDIAN);

        uint64[4] memory roles = [Roles.REGISTRAR, Roles.REGULATOR, Roles.SETTLEMENT_BANK, Roles.GUARDIAN];
        for (uint256 i; i < roles.length; ++i) {
            manager.grantRole(roles[i], address(handler), 0);
        }
        manager.grantRole(Roles.REGISTRAR, address(this), 0);
        manager.grantRole(Roles.SETTLEMENT_BANK, address(this), 0);
    }
}
