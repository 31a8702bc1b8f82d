// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/**
 * @title DayCount
 * @notice Calendar maths on unix timestamps (proleptic Gregorian, UTC) and the day-count
 * conventions of the suite. Every convention returns an exact year fraction as a
 * (numerator, denominator) pair, so callers do one integer multiplication and one floor division
 * (rounding in favour of the paying contract). The TypeScript mirror is `src/daycount.ts`.
 * @dev Dates are whole UTC days: a timestamp's time of day is ignored by the day counts and kept by
 * {addMonths}. Years before 1970 are out of range (timestamps are unsigned).
 */
library DayCount {
    /// @notice Day-count conventions (ISDA 2006 section 4.16 / ICMA rule 251).
    enum Convention {
        /// Actual/Actual (ICMA): days / (days in the coupon period x coupons per year).
        ActActIcma,
        /// Actual/360: days / 360.
        Act360,
        /// Actual/365 (Fixed): days / 365.
        Act365F,
        /// 30/360 (bond basis, ISDA 2006 4.16(f)): months of 30 days, years of 360.
        Thirty360
    }

    /// @notice The end of a range is before its start.
    error DayCountInvertedRange(uint256 start, uint256 end);
    /// @notice ACT/ACT ICMA needs a coupon frequency (1, 2, 4 or 12) and a non-empty period.
    error DayCountInvalidPeriod(uint256 periodStart, uint256 periodEnd, uint256 frequency);

    uint256 internal constant SECONDS_PER_DAY = 86_400;

    /// @notice Whether `year` is a Gregorian leap year.
    function isLeapYear(uint256 year) internal pure returns (bool) {
        return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    }

    /// @notice Days in `month` (1-12) of `year`.
    function daysInMonth(uint256 year, uint256 month) internal pure returns (uint256) {
        if (month == 2) return isLeapYear(year) ? 29 : 28;
        if (month == 4 || month == 6 || month == 9 || month == 11) return 30;
        return 31;
    }

    /// @notice Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil), year >= 1970.
    function daysFromCivil(uint256 year, uint256 month, uint256 day) internal pure returns (uint256) {
        uint256 y = month <= 2 ? year - 1 : year;
        uint256 era = y / 400;
        uint256 yoe = y - era * 400;
        uint256 doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        uint256 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    /// @notice The civil date of a day number since 1970-01-01 (H. Hinnant's civil_from_days).
    function civilFromDays(uint256 dayNumber) internal pure returns (uint256 year, uint256 month, uint256 day) {
        uint256 z = dayNumber + 719_468;
        uint256 era = z / 146_097;
        uint256 doe = z - era * 146_097;
        uint256 yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        uint256 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        uint256 mp = (5 * doy + 2) / 153;
        day = doy - (153 * mp + 2) / 5 + 1;
        month = mp < 10 ? mp + 3 : mp - 9;
        year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    }

    /// @notice The civil date (UTC) of a timestamp.
    function toDate(uint256 timestamp) internal pure returns (uint256 year, uint256 month, uint256 day) {
        return civilFromDays(timestamp / SECONDS_PER_DAY);
    }

    /// @notice Midnight UTC of a civil date.
    function fromDate(uint256 year, uint256 month, uint256 day) internal pure returns (uint256) {
        return daysFromCivil(year, month, day) * SECONDS_PER_DAY;
    }

    /// @notice `timestamp` moved `months` calendar months later, the day clamped to the end of the
    /// target month (31 Jan + 1 month = 28/29 Feb), the time of day kept.
    function addMonths(uint256 timestamp, uint256 months) internal pure returns (uint256) {
        (uint256 y, uint256 m, uint256 d) = toDate(timestamp);
        uint256 total = y * 12 + (m - 1) + months;
        y = total / 12;
        m = (total % 12) + 1;
        uint256 last = daysInMonth(y, m);
        if (d > last) d = last;
        return fromDate(y, m, d) + (timestamp % SECONDS_PER_DAY);
    }

    /// @notice Actual calendar days from `start` to `end` (whole UTC days).
    function actualDays(uint256 start, uint256 end) internal pure returns (uint256) {
        if (end < start) revert DayCountInvertedRange(start, end);
        return end / SECONDS_PER_DAY - start / SECONDS_PER_DAY;
    }

    /// @notice Days from `start` to `end` under 30/360 bond basis (ISDA 2006 4.16(f)): D1 = 31
    /// becomes 30; D2 = 31 becomes 30 when D1 is 30 or 31.
    function thirty360Days(uint256 start, uint256 end) internal pure returns (uint256) {
        if (end < start) revert DayCountInvertedRange(start, end);
        (uint256 y1, uint256 m1, uint256 d1) = toDate(start);
        (uint256 y2, uint256 m2, uint256 d2) = toDate(end);
        if (d1 == 31) d1 = 30;
        if (d2 == 31 && d1 == 30) d2 = 30;
        // Never negative: end >= start as dates, so the weighted sum is >= 0.
        return (360 * y2 + 30 * m2 + d2) - (360 * y1 + 30 * m1 + d1);
    }

    /**
     * @notice The year fraction from `start` to `end` under `convention`, exactly.
     * @param periodStart Start of the coupon period (ACT/ACT ICMA only; for a stub, of the notional
     * regular period that contains it).
     * @param periodEnd End of that (notional) coupon period (ACT/ACT ICMA only).
     * @param frequency Coupons per year (ACT/ACT ICMA only): 1, 2, 4 or 12.
     * @return numerator Days (actual or 30/360).
     * @return denominator 360, 365, or days in the period x frequency (ACT/ACT ICMA).
     */
    function fraction(
        Convention convention,
        uint256 start,
        uint256 end,
        uint256 periodStart,
        uint256 periodEnd,
        uint256 frequency
    ) internal pure returns (uint256 numerator, uint256 denominator) {
        if (convention == Convention.Thirty360) return (thirty360Days(start, end), 360);
        numerator = actualDays(start, end);
        if (convention == Convention.Act360) return (numerator, 360);
        if (convention == Convention.Act365F) return (numerator, 365);
        uint256 periodDays = periodEnd > periodStart ? actualDays(periodStart, periodEnd) : 0;
        if (periodDays == 0 || (frequency != 1 && frequency != 2 && frequency != 4 && frequency != 12)) {
            revert DayCountInvalidPeriod(periodStart, periodEnd, frequency);
        }
        denominator = periodDays * frequency;
    }

    /// @notice `amount` x `rateBp` / 10,000 x the year fraction, rounded down.
    function interest(
        uint256 amount,
        uint256 rateBp,
        uint256 numerator,
        uint256 denominator
    ) internal pure returns (uint256) {
        return (amount * rateBp * numerator) / (10_000 * denominator);
    }
}
