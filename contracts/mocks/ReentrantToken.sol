// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";

/**
 * @notice A hostile currency: on every transfer it calls `callbackTarget` with `callbackData` (for example the
 * ReceivableToken's `repay` or `claim`) and bubbles any revert, to show that re-entry is refused.
 * Test-only, never deployed.
 */
contract ReentrantToken is ERC20 {
    address public callbackTarget;
    bytes public callbackData;

    constructor() ERC20("Reentrant", "REE") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Arms the callback; an empty payload disarms it.
    function setCallback(address target_, bytes calldata payload_) external {
        callbackTarget = target_;
        callbackData = payload_;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        bytes memory data = callbackData;
        if (data.length == 0 || from == address(0)) return;
        Address.functionCall(callbackTarget, data); // bubbles the callee's revert data unchanged
    }
}
