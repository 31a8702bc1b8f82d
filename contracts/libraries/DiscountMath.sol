// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @notice Day-count basis of a discount rate.
/// - Act360: the Chinese bill-discount basis, interest = face x rate x days / 360.
/// - Act365F: ACT/365 fixed, interest = face x rate x days / 365.
enum DiscountBasis {
    Act360,
    Act365F
}

/**
 * @title DiscountMath
 * @notice Price of a receivable sold at a discount: `price = face - interest`, with
 * `interest = ceil(face x rateBps x days / (10,000 x basisDays))` and
 * `days = ceil((dueDate - now) / 86,400)` (0 once the due date has passed).
 *
 * Rounding, both in the buyer's favour so the buyer never overpays: a started day is discounted as
 * a whole day (as bill discounting counts from the discount date to the maturity date), and the
 * interest is rounded up to the next base unit, so the price is rounded down. The seller bears at
 * most one day and one base unit of rounding. Self-contained (no dependency on other day-count code).
 */
library DiscountMath {
    uint256 internal constant BPS = 10_000;
    uint256 internal constant DAY = 86_400;

    /// @notice Whole days from `nowTs` to `dueDate`, a started day counting as one; 0 when due.
    function daysToMaturity(uint256 dueDate, uint256 nowTs) internal pure returns (uint256) {
        if (dueDate <= nowTs) return 0;
        // Cannot overflow: dueDate - nowTs < dueDate, and both are timestamps far below 2^255.
        unchecked {
            return (dueDate - nowTs + DAY - 1) / DAY;
        }
    }

    /// @notice Days in the year of a basis (360 or 365).
    function basisDays(DiscountBasis basis) internal pure returns (uint256) {
        return basis == DiscountBasis.Act360 ? 360 : 365;
    }

    /// @notice Discount interest on `face` at `rateBps` a year for `days_` days, rounded up.
    function interest(
        uint256 face,
        uint256 rateBps,
        uint256 days_,
        DiscountBasis basis
    ) internal pure returns (uint256) {
        uint256 denominator = BPS * basisDays(basis);
        uint256 numerator = face * rateBps * days_;
        // Cannot overflow: numerator + denominator - 1 is far below 2^256 for uint96 faces,
        // uint16 rates and day counts of timestamps; the division by a nonzero constant is safe.
        unchecked {
            return (numerator + denominator - 1) / denominator;
        }
    }

    /// @notice Price of `face` due at `dueDate`, discounted at `rateBps` a year on `basis`, at `nowTs`;
    /// 0 when the interest reaches the face.
    function price(
        uint256 face,
        uint256 rateBps,
        uint256 dueDate,
        uint256 nowTs,
        DiscountBasis basis
    ) internal pure returns (uint256) {
        uint256 i = interest(face, rateBps, daysToMaturity(dueDate, nowTs), basis);
        // Cannot underflow: checked just before.
        unchecked {
            return i >= face ? 0 : face - i;
        }
    }
}
