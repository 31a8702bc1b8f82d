// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {DiscountBasis, DiscountMath} from "../libraries/DiscountMath.sol";

/// @notice Test-only: exposes {DiscountMath} for the pricing property test. Never deployed.
contract DiscountMathHarness {
    function price(
        uint256 face,
        uint256 rateBps,
        uint256 dueDate,
        uint256 nowTs,
        DiscountBasis basis
    ) external pure returns (uint256) {
        return DiscountMath.price(face, rateBps, dueDate, nowTs, basis);
    }

    function daysToMaturity(uint256 dueDate, uint256 nowTs) external pure returns (uint256) {
        return DiscountMath.daysToMaturity(dueDate, nowTs);
    }
}
