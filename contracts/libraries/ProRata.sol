// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

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
    /// Callers keep `end` and `paid` below 2^96 (fragment offsets and amounts are uint96), so the
    /// products stay below 2^192 and plain checked arithmetic is exact (cheaper than mulDiv).
    function intervalShare(uint256 start, uint256 end, uint256 paid, uint256 total) internal pure returns (uint256) {
        return (end * paid) / total - (start * paid) / total;
    }
}
