// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {DiscountBasis, DiscountMath} from "../../contracts/libraries/DiscountMath.sol";
import {TestBase} from "../helpers/Vm.sol";

/// @notice Properties of the discount price (the exact values are checked against src/pricing.ts
/// in test/market/Pricing.ts).
contract DiscountMathTest is TestBase {
    function test_price_issueExample() public pure {
        vm.assertEq(DiscountMath.price(300_000_00, 435, 90 days, 0, DiscountBasis.Act360), 296_737_50, "ACT/360");
        vm.assertEq(DiscountMath.price(300_000_00, 435, 90 days, 0, DiscountBasis.Act365F), 296_782_19, "ACT/365F");
    }

    function test_daysToMaturity_countsAStartedDay() public pure {
        vm.assertEq(DiscountMath.daysToMaturity(100, 100), 0, "due now");
        vm.assertEq(DiscountMath.daysToMaturity(100 + 1 days, 100), 1, "one day");
        vm.assertEq(DiscountMath.daysToMaturity(101 + 1 days, 100), 2, "a day and a second");
        vm.assertEq(DiscountMath.daysToMaturity(99, 100), 0, "past due");
    }

    /// @notice The price never exceeds the face and is the face once due.
    function testFuzz_price_atMostFace(uint96 face, uint16 rate, uint40 due, uint40 nowTs, bool act365) public pure {
        rate = uint16(bound(rate, 0, 10_000));
        DiscountBasis basis = act365 ? DiscountBasis.Act365F : DiscountBasis.Act360;
        uint256 p = DiscountMath.price(face, rate, due, nowTs, basis);
        vm.assertLe(p, face, "price <= face");
        if (due <= nowTs) vm.assertEq(p, face, "face once due");
    }

    /// @notice The price does not fall as time passes, nor with a longer year basis.
    function testFuzz_price_risesTowardsMaturity(
        uint96 face,
        uint16 rate,
        uint40 due,
        uint40 t,
        uint32 dt
    ) public pure {
        rate = uint16(bound(rate, 0, 10_000));
        uint256 later = uint256(t) + dt;
        uint256 p0 = DiscountMath.price(face, rate, due, t, DiscountBasis.Act360);
        uint256 p1 = DiscountMath.price(face, rate, due, later, DiscountBasis.Act360);
        vm.assertLe(p0, p1, "non-decreasing in time");
        vm.assertLe(p0, DiscountMath.price(face, rate, due, t, DiscountBasis.Act365F), "ACT/365F >= ACT/360");
    }
}
