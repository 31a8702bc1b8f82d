// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";

import {IFactoringMarket} from "../interfaces/IFactoringMarket.sol";

/// @notice Test-only buyer contract that re-enters the market from `onERC721Received` and from a
/// currency callback ({reenter}). Never deployed.
contract MaliciousBuyer is IERC721Receiver {
    IFactoringMarket public immutable market;
    uint256 public victim;
    bool public received;

    constructor(IFactoringMarket market_) {
        market = market_;
    }

    function approve(IERC20 token, uint256 amount) external {
        token.approve(address(market), amount);
    }

    function buy(uint256 listingId, uint256 maxPrice) external {
        victim = listingId;
        market.buy(listingId, maxPrice);
    }

    /// @notice Called back by a malicious currency: tries to buy the same listing again.
    function reenter() external {
        market.buy(victim, type(uint256).max);
    }

    function onERC721Received(address, address, uint256, bytes calldata) external returns (bytes4) {
        received = true;
        market.buy(victim, type(uint256).max);
        return IERC721Receiver.onERC721Received.selector;
    }
}
