// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IBond} from "../interfaces/IBond.sol";
import {BondMath} from "../libraries/BondMath.sol";

/// @notice Test-only: exposes {BondMath} (which reads terms from storage) to the SDK property test.
contract BondMathProbe {
    IBond.Terms private _t;

    /// @notice The distribution scale, {BondMath.SCALE}.
    function scale() external pure returns (uint256) {
        return BondMath.SCALE;
    }

    /// @notice {BondMath.fundFromCarry}.
    function fundFromCarry(uint256 owed, uint256 carry) external pure returns (uint256 amount, uint256 left) {
        return BondMath.fundFromCarry(owed, carry);
    }

    /// @notice The schedule of `t` at `rateBp`: dates and per-unit coupons (exact, x SCALE), and the
    /// coupon of period `index` accrued to `end` (x SCALE). Call statically.
    function schedule(
        IBond.Terms calldata t,
        uint256 rateBp,
        uint256 index,
        uint256 end
    ) external returns (uint256[] memory dates, uint256[] memory perUnit, uint256 accrued) {
        _t = t;
        uint256 n = BondMath.couponCount(t.issueDate, t.maturity, t.frequency);
        dates = new uint256[](n);
        perUnit = new uint256[](n);
        for (uint256 k = 1; k <= n; ++k) {
            dates[k - 1] = BondMath.couponDate(_t, n, k);
            perUnit[k - 1] = BondMath.couponPerUnitScaled(_t, n, k, rateBp, dates[k - 1]);
        }
        accrued = BondMath.couponPerUnitScaled(_t, n, index, rateBp, end);
    }
}
