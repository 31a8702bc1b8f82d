// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IBond} from "../interfaces/IBond.sol";
import {DayCount} from "./DayCount.sol";

/**
 * @title BondMath
 * @notice The coupon schedule and per-unit amounts of a bond, and the pro-rata allocation rule.
 * The TypeScript mirror is `src/coupons.ts`.
 * @dev Schedule: coupon k (1-based) is paid on issue date + k x (12 / frequency) months (day
 * clamped to the month end, counted from the issue date so dates never drift), the last one on the
 * maturity (a short final stub when the maturity is off-cycle). A `Zero` frequency has one
 * payment, at maturity, for the whole life.
 */
library BondMath {
    /// @notice Coupons per year of a frequency.
    function perYear(IBond.Frequency frequency) internal pure returns (uint256) {
        if (frequency == IBond.Frequency.Annual) return 1;
        if (frequency == IBond.Frequency.SemiAnnual) return 2;
        if (frequency == IBond.Frequency.Quarterly) return 4;
        return 0;
    }

    /// @notice Number of payments in the schedule.
    function couponCount(
        uint256 issueDate,
        uint256 maturity,
        IBond.Frequency frequency
    ) internal pure returns (uint256) {
        uint256 f = perYear(frequency);
        if (f == 0) return 1;
        uint256 months = 12 / f;
        uint256 k = 1;
        while (DayCount.addMonths(issueDate, k * months) < maturity) ++k;
        return k;
    }

    /// @notice Payment date of coupon `index` (1..count).
    function couponDate(IBond.Terms storage t, uint256 count, uint256 index) internal view returns (uint256) {
        if (index >= count) return t.maturity;
        return DayCount.addMonths(t.issueDate, index * (12 / perYear(t.frequency)));
    }

    /**
     * @notice Interest per unit of coupon period `index` from its start to `end` (the payment date
     * for the full coupon, an earlier date for accrued interest): face x rate x fraction, rounded
     * down. ACT/ACT ICMA uses the regular (notional) period containing it.
     */
    function couponPerUnit(
        IBond.Terms storage t,
        uint256 count,
        uint256 index,
        uint256 rateBp,
        uint256 end
    ) internal view returns (uint256) {
        uint256 f = perYear(t.frequency);
        uint256 start = index == 1 ? t.issueDate : couponDate(t, count, index - 1);
        uint256 periodStart = start;
        uint256 periodEnd = t.maturity;
        if (f != 0) {
            uint256 months = 12 / f;
            periodStart = DayCount.addMonths(t.issueDate, (index - 1) * months);
            periodEnd = DayCount.addMonths(t.issueDate, index * months);
        }
        if (end < start) end = start;
        (uint256 num, uint256 den) = DayCount.fraction(t.dayCount, start, end, periodStart, periodEnd, f);
        return DayCount.interest(t.denomination, rateBp, num, den);
    }

    /// @notice Units filled for a bid of `units` at the clearing tick: units x fill / demand,
    /// rounded down (the units left over are not issued).
    function proRata(uint64 units, uint64 fill, uint64 demand) internal pure returns (uint64) {
        // fill <= demand, so the result is <= units and fits in 64 bits.
        return uint64((uint256(units) * fill) / demand);
    }
}
