// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/**
 * @title Vm
 * @notice The cheatcodes of Hardhat 3's Solidity test runner used by this suite's `*.t.sol` files
 * (a subset of forge-std's `Vm`, which is not on npm). Signatures match forge-std exactly.
 */
interface Vm {
    function warp(uint256 newTimestamp) external;
    function prank(address msgSender) external;
    function startPrank(address msgSender) external;
    function stopPrank() external;
    function expectRevert() external;
    function expectRevert(bytes4 revertData) external;
    function expectRevert(bytes calldata revertData) external;
    function assume(bool condition) external pure;
    function label(address account, string calldata newLabel) external;
    function assertTrue(bool condition, string calldata message) external pure;
    function assertFalse(bool condition, string calldata message) external pure;
    function assertEq(bool left, bool right, string calldata message) external pure;
    function assertEq(uint256 left, uint256 right, string calldata message) external pure;
    function assertEq(address left, address right, string calldata message) external pure;
    function assertEq(bytes32 left, bytes32 right, string calldata message) external pure;
    function assertLt(uint256 left, uint256 right, string calldata message) external pure;
    function assertLe(uint256 left, uint256 right, string calldata message) external pure;
    function assertGt(uint256 left, uint256 right, string calldata message) external pure;
}

// The cheatcode address, as in forge-std.
address constant VM_ADDRESS = address(uint160(uint256(keccak256("hevm cheat code"))));

/**
 * @title TestBase
 * @notice Base of the suite's Solidity tests and handlers: the `vm` handle and `bound`.
 */
abstract contract TestBase {
    Vm internal constant vm = Vm(VM_ADDRESS);

    error TestBoundInvalidRange(uint256 min, uint256 max);

    /// @notice Maps `x` into `[min, max]` (inclusive) without discarding fuzz runs.
    function bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        if (max < min) revert TestBoundInvalidRange(min, max);
        if (x >= min && x <= max) return x;
        uint256 size = max - min;
        // size + 1 overflows only for the full uint256 range, where every x is already in bounds.
        unchecked {
            return min + (x % (size + 1));
        }
    }
}

/**
 * @title HandlerInvariantTest
 * @notice Base of the invariant tests that drive one handler contract: the fuzzer calls only the
 * handler ({targetContracts}) and only its actions ({targetSelectors}), not its views.
 */
abstract contract HandlerInvariantTest is TestBase {
    /// @dev forge-std's StdInvariant type, read by the invariant runner through {targetSelectors}.
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    /// @notice The fuzzer calls the handler only...
    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = _handler();
    }

    /// @notice ...and only its actions.
    function targetSelectors() public view returns (FuzzSelector[] memory targets) {
        targets = new FuzzSelector[](1);
        targets[0] = FuzzSelector({addr: _handler(), selectors: _actions()});
    }

    /// @dev The handler contract the fuzzer drives.
    function _handler() internal view virtual returns (address);

    /// @dev The handler's action selectors.
    function _actions() internal pure virtual returns (bytes4[] memory);
}
