// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IParticipantRegistry} from "./IParticipantRegistry.sol";

/**
 * @title ISettlementToken
 * @notice The permissioned cash every module settles in: a tokenized deposit or digital yuan with
 * 2 decimals (fen). The settlement bank mints against deposits and burns on redemption; cash moves
 * only between eligible wallets of the registry; the regulator's wallet freeze (in the registry)
 * stops it, and a court order can force a transfer; the guardian can pause it.
 */
interface ISettlementToken is IERC20 {
    /// @notice A party of a transfer, mint or burn is not eligible, and why.
    error SettlementIneligible(address wallet, IParticipantRegistry.Ineligibility reason);
    /// @notice Minting, burning or forcing zero.
    error SettlementZeroAmount();

    /// @notice The regulator moved cash under a court order.
    event ForcedTransfer(address indexed from, address indexed to, uint256 amount, bytes32 orderRef);

    /// @notice Mints `amount` to `to` against a deposit. Settlement bank only; `to` eligible.
    function mint(address to, uint256 amount) external;

    /// @notice Burns `amount` from the caller's own balance (redemption out). Settlement bank only.
    function burn(uint256 amount) external;

    /// @notice Burns `amount` from `account` using the caller's allowance. Settlement bank only.
    function burnFrom(address account, uint256 amount) external;

    /// @notice Moves `amount` from `from` (even if frozen or ineligible) to an eligible `to`.
    /// Regulator only; works while paused.
    /// @param orderRef Hash of the court order, recorded in the event.
    function forcedTransfer(address from, address to, uint256 amount, bytes32 orderRef) external;

    /// @notice Stops transfers, mints and burns. Guardian only.
    function pause() external;

    /// @notice Resumes transfers, mints and burns. Guardian only.
    function unpause() external;

    /// @notice The registry consulted on every movement.
    function registry() external view returns (IParticipantRegistry);
}
