// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AccessManager} from "@openzeppelin/contracts/access/manager/AccessManager.sol";
import {console} from "hardhat/console.sol";

import {IParticipantRegistry, ParticipantId} from "../../contracts/interfaces/IParticipantRegistry.sol";
import {Kinds} from "../../contracts/libraries/Kinds.sol";
import {ParticipantRegistry} from "../../contracts/membership/ParticipantRegistry.sol";
import {TestBase} from "../helpers/Vm.sol";

/**
 * @notice Fuzz tests of the registry: eligibility costs one storage read, and kind bits are
 * validated. This contract is the AccessManager's admin; the registry's functions are left on the
 * ADMIN role (wiring by role is covered by test/governance/Wiring.ts and the invariant test).
 */
contract ParticipantRegistryTest is TestBase {
    /// @dev One cold SLOAD (EIP-2929). The whole call must stay below two of them.
    uint256 internal constant COLD_SLOAD = 2100;
    /// @dev A warm SLOAD.
    uint256 internal constant WARM_SLOAD = 100;
    /// @dev A cold account access (EIP-2929).
    uint256 internal constant COLD_ACCOUNT = 2600;
    /// @dev Where coverage-instrumented code reports hits (EDR's `__NomicFoundationCoverage`).
    address internal constant COVERAGE_ADDRESS = 0xc0bEc0BEc0BeC0bEC0beC0bEC0bEC0beC0beC0BE;

    AccessManager internal manager;
    ParticipantRegistry internal registry;

    address internal constant ACTIVE = address(0xA11CE);
    address internal constant SUSPENDED = address(0xB0B);
    address internal constant FROZEN = address(0xCA401);
    address internal constant EXPIRING = address(0xD00D);
    address internal constant REVOKED = address(0xE11E);

    function setUp() public {
        manager = new AccessManager(address(this));
        registry = new ParticipantRegistry(address(manager));
        uint40 year = uint40(block.timestamp + 365 days);
        registry.register(_id(ACTIVE), Kinds.SME, year, "CN", ACTIVE);
        registry.register(_id(SUSPENDED), Kinds.BANK, year, "CN", SUSPENDED);
        registry.register(_id(FROZEN), Kinds.FACTOR, year, "CN", FROZEN);
        registry.register(_id(EXPIRING), Kinds.INVESTOR, uint40(block.timestamp + 1 days), "CN", EXPIRING);
        registry.register(_id(REVOKED), Kinds.SME, year, "CN", REVOKED);
        registry.suspend(_id(SUSPENDED), "fuzz");
        registry.freezeWallet(FROZEN, "order");
        registry.revoke(_id(REVOKED), "fuzz");
    }

    // ------------------------------------------------------------------ one slot per wallet

    /// @notice A wallet never seen costs one cold SLOAD once the registry's address is warm.
    function testFuzz_eligibility_readsOneSlotForAFreshWallet(address wallet) public view {
        vm.assume(wallet != ACTIVE && wallet != SUSPENDED && wallet != FROZEN && wallet != EXPIRING);
        vm.assume(wallet != REVOKED);
        _measureEligibility(wallet, IParticipantRegistry.Ineligibility.NotRegistered, _instrumented());
    }

    /// @notice Every standing is answered from the wallet's one slot, whatever the time.
    function testFuzz_eligibility_readsOneSlotForARegisteredWallet(uint256 which, uint256 later) public {
        later = bound(later, 0, 2 days);
        vm.warp(block.timestamp + later);
        which = bound(which, 0, 4);
        address[5] memory wallets = [ACTIVE, SUSPENDED, FROZEN, EXPIRING, REVOKED];
        IParticipantRegistry.Ineligibility[5] memory expected = [
            IParticipantRegistry.Ineligibility.None,
            IParticipantRegistry.Ineligibility.Suspended,
            IParticipantRegistry.Ineligibility.Frozen,
            later > 1 days ? IParticipantRegistry.Ineligibility.KycExpired : IParticipantRegistry.Ineligibility.None,
            IParticipantRegistry.Ineligibility.Revoked
        ];
        _measureEligibility(wallets[which], expected[which], _instrumented());
    }

    /// @notice The figures, printed with `-vv`: a fresh wallet and an active one.
    function test_eligibility_gasOfOneRead() public view {
        bool instrumented = _instrumented();
        uint256 fresh = _measureEligibility(
            address(0xF5E5),
            IParticipantRegistry.Ineligibility.NotRegistered,
            instrumented
        );
        uint256 active = _measureEligibility(ACTIVE, IParticipantRegistry.Ineligibility.None, instrumented);
        console.log("eligibility gas, fresh wallet (cold slot):", fresh);
        console.log("eligibility gas, active wallet (cold slot):", active);
        console.log("coverage-instrumented:", instrumented);
    }

    /// @dev Warms the registry's account, then measures the call twice; asserts the answer, that the
    /// first call costs one cold SLOAD plus call overhead (above 2100, below 2 x 2100), and that the
    /// second call is 2000 cheaper (plus a little memory), not 4000: one slot went cold to warm.
    /// Under `hardhat test --coverage` every statement of the registry also calls the coverage
    /// address, so only the cold/warm difference, which that does not change, is asserted.
    function _measureEligibility(
        address wallet,
        IParticipantRegistry.Ineligibility expected,
        bool instrumented
    ) internal view returns (uint256 cold) {
        registry.MAX_WALLETS(); // warms the registry's address without touching any storage slot
        uint256 before = gasleft();
        IParticipantRegistry.Ineligibility answer = registry.eligibility(wallet);
        cold = before - gasleft();
        before = gasleft();
        registry.eligibility(wallet);
        uint256 warm = before - gasleft();
        vm.assertEq(uint256(answer), uint256(expected), "eligibility answer");
        vm.assertGt(cold, COLD_SLOAD, "the wallet's slot was read cold");
        if (!instrumented) vm.assertLt(cold, 2 * COLD_SLOAD, "eligibility reads more than one cold slot");
        // Memory expansion in this caller adds a few gas to the first call; a second cold slot would
        // add another 2000.
        uint256 saved = cold - warm;
        vm.assertLe(COLD_SLOAD - WARM_SLOAD, saved, "the wallet's slot was cold on the first call");
        vm.assertLt(saved, 2 * (COLD_SLOAD - WARM_SLOAD), "more than one slot was cold on the first call");
    }

    /// @dev Whether the registry runs coverage-instrumented: an instrumented statement calls
    /// EDR's coverage address, so that address is warm (BALANCE 100 gas) rather than cold (2600).
    /// Call it once per test, before anything else: its own BALANCE warms the address.
    function _instrumented() internal view returns (bool) {
        registry.participantCount(); // one `return` statement: a hit if instrumented
        uint256 before = gasleft();
        uint256 balance = COVERAGE_ADDRESS.balance;
        uint256 used = before - gasleft();
        return used < COLD_ACCOUNT && balance != type(uint256).max;
    }

    // ------------------------------------------------------------------ kind bits

    function testFuzz_register_rejectsUnknownKinds(uint16 kinds) public {
        vm.assume(kinds & ~Kinds.ALL != 0);
        vm.expectRevert(abi.encodeWithSelector(IParticipantRegistry.RegistryUnknownKinds.selector, kinds));
        registry.register(_id(address(1)), kinds, uint40(block.timestamp + 1), "CN", address(1));
    }

    function testFuzz_register_storesKnownKinds(uint16 kinds, address wallet) public {
        kinds = uint16(bound(kinds, 1, Kinds.ALL));
        vm.assume(
            wallet != address(0) && registry.eligibility(wallet) == IParticipantRegistry.Ineligibility.NotRegistered
        );
        registry.register(_id(wallet), kinds, uint40(block.timestamp + 1), "CN", wallet);
        vm.assertEq(registry.walletRecord(wallet).kinds, kinds, "wallet kinds");
        vm.assertEq(registry.participant(_id(wallet)).kinds, kinds, "participant kinds");
        vm.assertTrue(registry.isEligibleKind(wallet, kinds), "eligible for its own kinds");
        vm.assertFalse(registry.hasKind(wallet, Kinds.MODULE), "never a module");
        vm.assertFalse(registry.isModule(wallet), "never a module");
    }

    function testFuzz_setKinds_validatesBitsAndSyncsEveryWallet(uint16 kinds) public {
        registry.addWallet(_id(ACTIVE), address(0xA11CE2));
        if (kinds == 0) {
            vm.expectRevert(IParticipantRegistry.RegistryNoKinds.selector);
        } else if (kinds & ~Kinds.ALL != 0) {
            vm.expectRevert(abi.encodeWithSelector(IParticipantRegistry.RegistryUnknownKinds.selector, kinds));
        }
        registry.setKinds(_id(ACTIVE), kinds);
        if (kinds != 0 && kinds & ~Kinds.ALL == 0) {
            vm.assertEq(registry.walletRecord(ACTIVE).kinds, kinds, "first wallet");
            vm.assertEq(registry.walletRecord(address(0xA11CE2)).kinds, kinds, "second wallet");
        }
    }

    function testFuzz_isEligibleKind_andHasKind_areOneOf(uint16 held, uint16 asked) public {
        held = uint16(bound(held, 1, Kinds.ALL));
        registry.setKinds(_id(ACTIVE), held);
        vm.assertEq(registry.isEligibleKind(ACTIVE, asked), held & asked != 0, "isEligibleKind");
        vm.assertEq(registry.hasKind(ACTIVE, asked), held & asked != 0, "hasKind");
        // An ineligible wallet is never eligible for any kinds.
        registry.setKinds(_id(SUSPENDED), held);
        vm.assertFalse(registry.isEligibleKind(SUSPENDED, asked), "suspended");
    }

    function testFuzz_register_rejectsExpiryNotInFuture(uint40 expiry) public {
        vm.warp(1_800_000_000);
        expiry = uint40(bound(expiry, 0, block.timestamp));
        vm.expectRevert(
            abi.encodeWithSelector(IParticipantRegistry.RegistryKycExpiryInPast.selector, expiry, block.timestamp)
        );
        registry.register(_id(address(1)), Kinds.SME, expiry, "CN", address(1));
    }

    function _id(address wallet) internal pure returns (ParticipantId) {
        return ParticipantId.wrap(keccak256(abi.encode(wallet)));
    }
}
