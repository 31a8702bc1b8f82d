// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/**
 * @title WaterfallMath
 * @notice The maths of a product's distribution: fees off the top, then senior interest due, senior
 * principal and the junior residual. See docs/products.md for the worked example.
 */
library WaterfallMath {
    uint256 internal constant BPS = 10_000;
    uint256 internal constant YEAR = 365 days;

    /// @notice One distribution's split (cash base units).
    struct Split {
        uint256 servicingFee;
        uint256 exchangeFee;
        uint256 seniorInterest;
        uint256 seniorPrincipal;
        uint256 junior;
    }

    /// @notice Simple interest, actual/365, rounded down: `balance x rateBps x elapsed / (10,000 x 365 days)`.
    function interest(uint256 balance, uint256 rateBps, uint256 elapsed) internal pure returns (uint256) {
        return (balance * rateBps * elapsed) / (BPS * YEAR);
    }

    /// @notice `amount x bps / 10,000`, rounded down.
    function fee(uint256 amount, uint256 bps) internal pure returns (uint256) {
        return (amount * bps) / BPS;
    }

    /// @notice Splits `gross`: fees (rounded down) first, then interest due, then senior principal, then the rest.
    function split(
        uint256 gross,
        uint256 servicingBps,
        uint256 exchangeBps,
        uint256 interestDue,
        uint256 seniorBalance
    ) internal pure returns (Split memory s) {
        s.servicingFee = fee(gross, servicingBps);
        s.exchangeFee = fee(gross, exchangeBps);
        uint256 net = gross - s.servicingFee - s.exchangeFee;
        s.seniorInterest = net < interestDue ? net : interestDue;
        net -= s.seniorInterest;
        s.seniorPrincipal = net < seniorBalance ? net : seniorBalance;
        s.junior = net - s.seniorPrincipal;
    }

    /// @notice What a fragment `[start, start + value)` of a root of `face` is entitled to after `paid`.
    function entitled(uint256 start, uint256 value, uint256 paid, uint256 face) internal pure returns (uint256) {
        return ((start + value) * paid) / face - (start * paid) / face;
    }
}
