// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IBond} from "../interfaces/IBond.sol";
import {IParticipantRegistry} from "../interfaces/IParticipantRegistry.sol";
import {Bond} from "./Bond.sol";

/**
 * @title BondDeployer
 * @notice Holds {Bond}'s creation code so the {BondFactory} stays under the 24 KiB code-size limit.
 * @dev An external library: the factory delegatecalls {deploy}, so the factory is the creator and
 * the `factory_` it passes is itself. Bond's cold paths live in the factory's {BondExtension}, so
 * this library keeps the 2,048-byte margin under the EIP-170 limit that the bench checks.
 */
library BondDeployer {
    /// @notice Creates a bond.
    function deploy(
        IBond.Terms calldata terms,
        uint256 couponCount,
        IParticipantRegistry registry,
        string calldata name,
        string calldata symbol,
        address extension
    ) external returns (IBond) {
        return new Bond(terms, couponCount, registry, address(this), name, symbol, extension);
    }
}
