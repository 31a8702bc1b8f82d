// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/**
 * @title ProRata
 * @notice Pro-rata shares by intervals. A holding is the interval `[start, end)` of a total
 * `total`; when `paid` has been paid on the total, the holding is entitled to
 * `floor(end * paid / total) - floor(start * paid / total)`. Intervals that tile `[0, total)`
 * are entitled to exactly `paid` together, and splitting an interval in two conserves its
 * entitlement exactly: the rounding of each cut is shared by its two neighbours. Each holding's
 * figure is within one base unit of its exact share `(end - start) * paid / total`.
 */
library ProRata {
    /// @notice Entitlement of `[start, end)` out of `total` when `paid` has been paid.
    function intervalShare(uint256 start, uint256 end, uint256 paid, uint256 total) internal pure returns (uint256) {
        return Math.mulDiv(end, paid, total) - Math.mulDiv(start, paid, total);
    }
}
