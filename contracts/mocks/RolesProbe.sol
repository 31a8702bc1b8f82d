// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Roles} from "../governance/Roles.sol";
import {Kinds} from "../libraries/Kinds.sol";

/**
 * @title RolesProbe
 * @notice Test-only. Exposes the {Roles} and {Kinds} library constants, each as a view function of
 * the same name (kinds prefixed `KIND_`), so test/governance/Wiring.ts can compare them with
 * src/roles.ts and src/kinds.ts. Never deployed.
 */
contract RolesProbe {
    function ADMIN() external pure returns (uint64) {
        return Roles.ADMIN;
    }

    function REGISTRAR() external pure returns (uint64) {
        return Roles.REGISTRAR;
    }

    function SETTLEMENT_BANK() external pure returns (uint64) {
        return Roles.SETTLEMENT_BANK;
    }

    function GUARDIAN() external pure returns (uint64) {
        return Roles.GUARDIAN;
    }

    function FORCED_TRANSFER() external pure returns (uint64) {
        return Roles.FORCED_TRANSFER;
    }

    function REGULATOR() external pure returns (uint64) {
        return Roles.REGULATOR;
    }

    function FEE_ADMIN() external pure returns (uint64) {
        return Roles.FEE_ADMIN;
    }

    function MODULE_FACTORY() external pure returns (uint64) {
        return Roles.MODULE_FACTORY;
    }

    function ASSET_ADMIN() external pure returns (uint64) {
        return Roles.ASSET_ADMIN;
    }

    function KIND_CORE_ENTERPRISE() external pure returns (uint16) {
        return Kinds.CORE_ENTERPRISE;
    }

    function KIND_SME() external pure returns (uint16) {
        return Kinds.SME;
    }

    function KIND_FACTOR() external pure returns (uint16) {
        return Kinds.FACTOR;
    }

    function KIND_BANK() external pure returns (uint16) {
        return Kinds.BANK;
    }

    function KIND_INVESTOR() external pure returns (uint16) {
        return Kinds.INVESTOR;
    }

    function KIND_RATING_AGENCY() external pure returns (uint16) {
        return Kinds.RATING_AGENCY;
    }

    function KIND_VERIFIER() external pure returns (uint16) {
        return Kinds.VERIFIER;
    }

    function KIND_EXCHANGE() external pure returns (uint16) {
        return Kinds.EXCHANGE;
    }

    function KIND_REGULATOR() external pure returns (uint16) {
        return Kinds.REGULATOR;
    }

    function KIND_REGISTRATION_AGENT() external pure returns (uint16) {
        return Kinds.REGISTRATION_AGENT;
    }

    function KIND_ALL() external pure returns (uint16) {
        return Kinds.ALL;
    }

    function KIND_MODULE() external pure returns (uint16) {
        return Kinds.MODULE;
    }
}
