// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";

/// @notice Benchmark baseline: a plain OpenZeppelin v5 ERC-721. Test-only, never deployed.
contract BaselineERC721 is ERC721 {
    constructor() ERC721("Baseline", "BASE") {}

    function mint(address to, uint256 id) external {
        _mint(to, id);
    }
}
