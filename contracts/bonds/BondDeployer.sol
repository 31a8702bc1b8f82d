// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IBond} from "../interfaces/IBond.sol";
import {IParticipantRegistry} from "../interfaces/IParticipantRegistry.sol";
import {Bond} from "./Bond.sol";

/**
 * @title BondDeployer
 * @notice Holds {Bond}'s creation code so the {BondFactory} stays under the 24 KiB code-size limit.
 * @dev An external library: the factory delegatecalls {deploy}, so the factory is the creator and
 * the `factory_` it passes is itself.
 */
library BondDeployer {
    /// @notice Creates a bond.
    function deploy(
        IBond.Terms calldata terms,
        uint256 couponCount,
        IParticipantRegistry registry,
        string calldata name,
        string calldata symbol
    ) external returns (IBond) {
        return new Bond(terms, couponCount, registry, address(this), name, symbol);
    }
}
