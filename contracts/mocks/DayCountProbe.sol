// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {DayCount} from "../libraries/DayCount.sol";

/// @notice Test-only: exposes the internal {DayCount} library to the TypeScript tests.
contract DayCountProbe {
    function isLeapYear(uint256 year) external pure returns (bool) {
        return DayCount.isLeapYear(year);
    }

    function daysFromCivil(uint256 year, uint256 month, uint256 day) external pure returns (uint256) {
        return DayCount.daysFromCivil(year, month, day);
    }

    function toDate(uint256 timestamp) external pure returns (uint256, uint256, uint256) {
        return DayCount.toDate(timestamp);
    }

    function fromDate(uint256 year, uint256 month, uint256 day) external pure returns (uint256) {
        return DayCount.fromDate(year, month, day);
    }

    function addMonths(uint256 timestamp, uint256 months) external pure returns (uint256) {
        return DayCount.addMonths(timestamp, months);
    }

    function actualDays(uint256 start, uint256 end) external pure returns (uint256) {
        return DayCount.actualDays(start, end);
    }

    function thirty360Days(uint256 start, uint256 end) external pure returns (uint256) {
        return DayCount.thirty360Days(start, end);
    }

    function fraction(
        DayCount.Convention convention,
        uint256 start,
        uint256 end,
        uint256 periodStart,
        uint256 periodEnd,
        uint256 frequency
    ) external pure returns (uint256, uint256) {
        return DayCount.fraction(convention, start, end, periodStart, periodEnd, frequency);
    }

    function interest(uint256 amount, uint256 rateBp, uint256 num, uint256 den) external pure returns (uint256) {
        return DayCount.interest(amount, rateBp, num, den);
    }
}
