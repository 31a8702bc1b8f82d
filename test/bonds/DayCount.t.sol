// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {DayCount} from "../../contracts/libraries/DayCount.sol";

/// @notice Fuzz properties of {DayCount}: monotonicity and additivity where they hold.
contract DayCountTest {
    error PropertyFailed(uint256 a, uint256 b, uint256 c);

    uint256 private constant Y2000 = 946_684_800;
    uint256 private constant SPAN = 200 * 365 days;

    function _check(bool ok, uint256 a, uint256 b, uint256 c) private pure {
        if (!ok) revert PropertyFailed(a, b, c);
    }

    function _order(uint256 a, uint256 b, uint256 c) private pure returns (uint256, uint256, uint256) {
        a = Y2000 + (a % SPAN);
        b = Y2000 + (b % SPAN);
        c = Y2000 + (c % SPAN);
        if (a > b) (a, b) = (b, a);
        if (b > c) (b, c) = (c, b);
        if (a > b) (a, b) = (b, a);
        return (a, b, c);
    }

    function testFuzz_actualDays_additive(uint256 x, uint256 y, uint256 z) public pure {
        (uint256 a, uint256 b, uint256 c) = _order(x, y, z);
        _check(DayCount.actualDays(a, b) + DayCount.actualDays(b, c) == DayCount.actualDays(a, c), a, b, c);
    }

    function testFuzz_actualDays_monotone(uint256 x, uint256 y, uint256 z) public pure {
        (uint256 a, uint256 b, uint256 c) = _order(x, y, z);
        _check(DayCount.actualDays(a, b) <= DayCount.actualDays(a, c), a, b, c);
    }

    /// @dev 30/360 is not additive at month ends (31st), but never decreases as the end moves on.
    function testFuzz_thirty360_monotone(uint256 x, uint256 y, uint256 z) public pure {
        (uint256 a, uint256 b, uint256 c) = _order(x, y, z);
        _check(DayCount.thirty360Days(a, b) <= DayCount.thirty360Days(a, c), a, b, c);
    }

    /// @dev 30/360 is additive when no date falls on the 31st.
    function testFuzz_thirty360_additiveOffMonthEnds(uint256 x, uint256 y, uint256 z) public pure {
        (uint256 a, uint256 b, uint256 c) = _order(x, y, z);
        (, , uint256 da) = DayCount.toDate(a);
        (, , uint256 db) = DayCount.toDate(b);
        (, , uint256 dc) = DayCount.toDate(c);
        if (da == 31 || db == 31 || dc == 31) return;
        _check(DayCount.thirty360Days(a, b) + DayCount.thirty360Days(b, c) == DayCount.thirty360Days(a, c), a, b, c);
    }

    function testFuzz_civil_roundTrip(uint256 x) public pure {
        uint256 day = (Y2000 + (x % SPAN)) / 1 days;
        (uint256 y, uint256 m, uint256 d) = DayCount.civilFromDays(day);
        _check(DayCount.daysFromCivil(y, m, d) == day && d >= 1 && d <= DayCount.daysInMonth(y, m), y, m, d);
    }

    /// @dev Adding months is additive when the day of month exists in every month (day <= 28).
    function testFuzz_addMonths_additiveBelowDay29(uint256 x, uint256 m1, uint256 m2) public pure {
        uint256 t = Y2000 + (x % SPAN);
        (, , uint256 d) = DayCount.toDate(t);
        m1 %= 240;
        m2 %= 240;
        if (d > 28) return;
        _check(DayCount.addMonths(DayCount.addMonths(t, m1), m2) == DayCount.addMonths(t, m1 + m2), t, m1, m2);
    }

    function testFuzz_addMonths_monotone(uint256 x, uint256 m1, uint256 m2) public pure {
        uint256 t = Y2000 + (x % SPAN);
        m1 %= 240;
        m2 %= 240;
        if (m1 > m2) (m1, m2) = (m2, m1);
        _check(DayCount.addMonths(t, m1) <= DayCount.addMonths(t, m2), t, m1, m2);
    }

    /// @dev ICMA accrual never exceeds one coupon (fraction <= 1 / frequency) inside a period.
    function testFuzz_icma_boundedByPeriod(uint256 x, uint256 y, uint8 f) public pure {
        uint256 start = Y2000 + (x % SPAN);
        uint256 freq = [uint256(1), 2, 4, 12][f % 4];
        uint256 end = DayCount.addMonths(start, 12 / freq);
        uint256 when = start + (y % (end - start + 1));
        (uint256 num, uint256 den) = DayCount.fraction(DayCount.Convention.ActActIcma, start, when, start, end, freq);
        _check(num * freq <= den, num, den, freq);
    }
}
