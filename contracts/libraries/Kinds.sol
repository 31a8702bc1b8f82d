// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/**
 * @title Kinds
 * @notice Participant kinds as bits of a `uint16` set. A participant may be of several kinds (a
 * bank is often a factor too). The TypeScript mirror is `src/kinds.ts`.
 */
library Kinds {
    uint16 internal constant CORE_ENTERPRISE = 1 << 0;
    uint16 internal constant SME = 1 << 1;
    uint16 internal constant FACTOR = 1 << 2;
    uint16 internal constant BANK = 1 << 3;
    uint16 internal constant INVESTOR = 1 << 4;
    uint16 internal constant RATING_AGENCY = 1 << 5;
    uint16 internal constant VERIFIER = 1 << 6;
    uint16 internal constant EXCHANGE = 1 << 7;
    uint16 internal constant REGULATOR = 1 << 8;
    /// @notice A registration and settlement agent (approves a product's register).
    uint16 internal constant REGISTRATION_AGENT = 1 << 9;
    /// @notice Every kind a participant may hold.
    uint16 internal constant ALL = (1 << 10) - 1;
    /// @notice Marks a suite contract (market, bond, product) registered to hold assets in custody.
    /// Never granted to a participant.
    uint16 internal constant MODULE = 1 << 15;
}
