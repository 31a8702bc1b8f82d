// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Benchmark baseline: a plain OpenZeppelin v5 ERC-20. Test-only, never deployed.
contract BaselineERC20 is ERC20 {
    constructor() ERC20("Baseline", "BASE") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
