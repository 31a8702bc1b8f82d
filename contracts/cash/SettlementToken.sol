// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {IParticipantRegistry} from "../interfaces/IParticipantRegistry.sol";
import {ISettlementToken} from "../interfaces/ISettlementToken.sol";

/**
 * @title SettlementToken
 * @notice Permissioned ERC-20 cash with ERC-2612 permit, 2 decimals.
 * @dev The eligibility of both parties costs one call to the registry and one storage read per
 * party. Freezing is a registry act (one freeze for every asset of the suite); this token adds the
 * forced transfer that moves cash out of a frozen wallet.
 */
contract SettlementToken is ISettlementToken, ERC20Permit, Pausable, AccessManaged {
    /// @inheritdoc ISettlementToken
    IParticipantRegistry public immutable override registry;

    /// @param authority The deployment's AccessManager.
    /// @param registry_ The participant registry.
    /// @param name_ Token name (also the EIP-712 domain name for permit).
    /// @param symbol_ Token symbol.
    constructor(
        address authority,
        IParticipantRegistry registry_,
        string memory name_,
        string memory symbol_
    ) ERC20(name_, symbol_) ERC20Permit(name_) AccessManaged(authority) {
        registry = registry_;
    }

    /// @notice Two decimals: amounts are in fen (or cents).
    function decimals() public pure override returns (uint8) {
        return 2;
    }

    /// @inheritdoc ISettlementToken
    function mint(address to, uint256 amount) external override restricted {
        if (amount == 0) revert SettlementZeroAmount();
        _mint(to, amount);
    }

    /// @inheritdoc ISettlementToken
    function burn(uint256 amount) external override restricted {
        if (amount == 0) revert SettlementZeroAmount();
        _burn(msg.sender, amount);
    }

    /// @inheritdoc ISettlementToken
    function burnFrom(address account, uint256 amount) external override restricted {
        if (amount == 0) revert SettlementZeroAmount();
        _spendAllowance(account, msg.sender, amount);
        _burn(account, amount);
    }

    /// @inheritdoc ISettlementToken
    function forcedTransfer(address from, address to, uint256 amount, bytes32 orderRef) external override restricted {
        if (amount == 0) revert SettlementZeroAmount();
        if (from == address(0)) revert ERC20InvalidSender(from);
        if (to == address(0)) revert ERC20InvalidReceiver(to);
        IParticipantRegistry.Ineligibility reason = registry.eligibility(to);
        if (reason != IParticipantRegistry.Ineligibility.None) revert SettlementIneligible(to, reason);
        emit ForcedTransfer(from, to, amount, orderRef);
        // Skips this contract's eligibility and pause checks: the order overrides them.
        ERC20._update(from, to, amount);
    }

    /// @inheritdoc ISettlementToken
    function pause() external override restricted {
        _pause();
    }

    /// @inheritdoc ISettlementToken
    function unpause() external override restricted {
        _unpause();
    }

    /// @dev Every mint, burn and transfer passes here: not paused, and each party that is not the
    /// zero address is eligible.
    function _update(address from, address to, uint256 value) internal override whenNotPaused {
        if (from == address(0)) {
            _requireEligible(to, registry.eligibility(to));
        } else if (to == address(0)) {
            _requireEligible(from, registry.eligibility(from));
        } else {
            (IParticipantRegistry.Ineligibility rf, IParticipantRegistry.Ineligibility rt) = registry.eligibilityOf(
                from,
                to
            );
            _requireEligible(from, rf);
            _requireEligible(to, rt);
        }
        super._update(from, to, value);
    }

    function _requireEligible(address wallet, IParticipantRegistry.Ineligibility reason) private pure {
        if (reason != IParticipantRegistry.Ineligibility.None) revert SettlementIneligible(wallet, reason);
    }
}
