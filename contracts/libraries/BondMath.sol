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
 *
 * Distributions are kept per unit at {SCALE} times the base unit (see {IBond}): a holding is paid
 * on its exact entitlement, rounded down once per payment, instead of on a per-unit amount already
 * rounded to the base unit (issue 14).
 */
library BondMath {
    /**
     * @notice Scale of the per-unit distribution figures: 10,000 (basis points) x the least common
     * multiple of every day-count denominator a schedule can produce (360 for ACT/360 and 30/360,
     * 365 for ACT/365F, and days-in-period x frequency for ACT/ACT ICMA: 365 and 366 annual, 362 to
     * 368 semi-annual, 356 to 368 quarterly) = 10^4 x 2^4 x 3^2 x 5 x 7 x 13 x 23 x 61 x 73 x 89 x
     * 181 = 1,080,993,298,039,200,000 (about 1.08e18, 60 bits). At this scale every coupon per unit,
     * accrued coupon and call price of face is exact, so a holding of N units is paid
     * floor(N x exact coupon); only a recovery divided by the units can leave a remainder below
     * 1 / SCALE of a base unit per unit (carried).
     */
    uint256 internal constant SCALE = 1_080_993_298_039_200_000;

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
     * down to the base unit (for display: holdings are paid on {couponPerUnitScaled}).
     */
    function couponPerUnit(
        IBond.Terms storage t,
        uint256 count,
        uint256 index,
        uint256 rateBp,
        uint256 end
    ) internal view returns (uint256) {
        return couponPerUnitScaled(t, count, index, rateBp, end) / SCALE;
    }

    /**
     * @notice {couponPerUnit} x {SCALE}: face x rate x fraction x SCALE, exact for every schedule
     * (rounded down otherwise). ACT/ACT ICMA uses the regular (notional) period containing it.
     * At most 2^64 (face) x 2^16 (rate) x 2^24 (days) x 2^60, far inside 256 bits.
     */
    function couponPerUnitScaled(
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
        return DayCount.interest(t.denomination * SCALE, rateBp, num, den);
    }

    /// @notice The cash a distribution of `owed` (scaled) takes from its funder once the carried
    /// surplus `carry` (scaled) is used: ceil((owed - carry) / SCALE), 0 when the carry covers it,
    /// and the carry left, below one base unit (scaled).
    function fundFromCarry(uint256 owed, uint256 carry) internal pure returns (uint256 amount, uint256 left) {
        if (owed > carry) amount = (owed - carry + SCALE - 1) / SCALE;
        left = carry + amount * SCALE - owed;
    }

    /// @notice Units filled for a bid of `units` at the clearing tick: units x fill / demand,
    /// rounded down (the units left over are not issued).
    function proRata(uint64 units, uint64 fill, uint64 demand) internal pure returns (uint64) {
        // fill <= demand, so the result is <= units and fits in 64 bits.
        return uint64((uint256(units) * fill) / demand);
    }
}
