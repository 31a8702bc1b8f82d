// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";

/// @notice Benchmark only (`npm run bench -- --proxied`): OpenZeppelin's ERC1967Proxy as is, declared
/// in a project file so Hardhat writes its artifact; bench/proxy.ts puts this runtime code in front of
/// the suite's contracts. Its runtime code is OpenZeppelin's (no functions, no immutables) but for the
/// metadata hash. Test-only, never deployed.
contract BenchERC1967Proxy is ERC1967Proxy {
    constructor(address implementation, bytes memory data) payable ERC1967Proxy(implementation, data) {}
}
