// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/**
 * @title Roles
 * @notice Operator role ids of the suite's `AccessManager`, named in one place. The TypeScript
 * mirror is `src/roles.ts`; `test/governance/Wiring.ts` checks that the two agree.
 * @dev Role ids are `uint64` as in OpenZeppelin's `AccessManager`. `ADMIN` is the manager's own
 * `ADMIN_ROLE` (0). Participant *kinds* (SME, bank, ...) are business eligibility and live in the
 * registry, not here: see {Kinds}.
 */
library Roles {
    /// @notice The AccessManager's admin role: grants and revokes every other role.
    uint64 internal constant ADMIN = 0;
    /// @notice Onboards participants, updates kinds and KYC, suspends, reinstates and revokes.
    uint64 internal constant REGISTRAR = 1;
    /// @notice Mints (deposit in) and burns (redemption out) the settlement token.
    uint64 internal constant SETTLEMENT_BANK = 2;
    /// @notice Pauses and unpauses contracts in an emergency.
    uint64 internal constant GUARDIAN = 3;
    /// @notice Freezes wallets and assets under a court order (immediately).
    uint64 internal constant REGULATOR = 4;
    /// @notice Sets platform fees and the treasury within the contracts' maxima.
    uint64 internal constant FEE_ADMIN = 5;
    /// @notice Held by factory contracts so the assets they create can be registered as modules.
    uint64 internal constant MODULE_FACTORY = 6;
    /// @notice Approves currencies and deployment-wide parameters of the asset modules.
    uint64 internal constant ASSET_ADMIN = 7;
    /// @notice Executes court-ordered forced transfers. Granted to the regulator with an execution
    /// delay: each transfer is scheduled in the AccessManager and visible (`OperationScheduled`)
    /// before it can execute, while a freeze (REGULATOR) stays immediate.
    uint64 internal constant FORCED_TRANSFER = 8;
}
