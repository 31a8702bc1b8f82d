// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Test-only currency that calls back an attacker on every transfer (reentrancy probe), and
/// optionally keeps a fee on transfers (fee-on-transfer probe). Never deployed.
contract CallbackToken is ERC20 {
    address public hook;
    bytes public hookData;
    uint256 public feeBps;

    constructor() ERC20("Callback", "CBK") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setHook(address target, bytes calldata data) external {
        hook = target;
        hookData = data;
    }

    function setFeeBps(uint256 bps) external {
        feeBps = bps;
    }

    function _update(address from, address to, uint256 value) internal override {
        uint256 fee = from == address(0) ? 0 : (value * feeBps) / 10_000;
        if (fee != 0) super._update(from, address(0), fee);
        super._update(from, to, value - fee);
        address h = hook;
        if (h != address(0) && from != address(0)) {
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, bytes memory ret) = h.call(hookData);
            if (!ok) {
                // solhint-disable-next-line no-inline-assembly
                assembly {
                    revert(add(ret, 0x20), mload(ret))
                }
            }
        }
    }
}
