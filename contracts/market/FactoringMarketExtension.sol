// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {IFactoringMarket} from "../interfaces/IFactoringMarket.sol";
import {IReceivableToken} from "../interfaces/IReceivableToken.sol";
import {FactoringMarketState} from "./FactoringMarketState.sol";

/**
 * @title FactoringMarketExtension
 * @notice The factoring market's cold paths: recourse (collateral, exercise, debt, release), offer
 * cancellation and withdrawal of parked fragments. Deployed by {FactoringMarket}'s constructor and reached only by
 * its `delegatecall`, on its storage: the market's functions of the same names guard reentrancy
 * and forward here, so the market's ABI stays whole while its code stays under the size budget.
 * Called directly, every function reverts. On a successor market its fallback runs the migration
 * importer ({FactoringMarketImporter}), reached through the market's fallback.
 */
contract FactoringMarketExtension is FactoringMarketState {
    using SafeERC20 for IERC20;

    /// @notice Called directly rather than through the market.
    error MarketExtensionDirectCall();

    address private immutable _self = address(this);
    /// @dev The market's migration importer; zero for a fresh deployment.
    address private immutable _importer;

    modifier onlyDelegated() {
        if (address(this) == _self) revert MarketExtensionDirectCall();
        _;
    }

    /// @param receivables_ The market's receivable token (sets the same immutables as the market).
    /// @param importer The market's migration importer (zero for a fresh deployment).
    constructor(
        IReceivableToken receivables_,
        address importer
    ) FactoringMarketState(receivables_, importer != address(0)) {
        _importer = importer;
    }

    /// @notice A successor market's migration functions ({FactoringMarketImporter}), on the market's
    /// storage. Reverts (no data) on a fresh deployment, as an unknown function does.
    // solhint-disable-next-line no-complex-fallback
    fallback() external onlyDelegated {
        address imp = _importer;
        // solhint-disable-next-line gas-custom-errors
        if (imp == address(0)) revert();
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            calldatacopy(ptr, 0, calldatasize())
            let ok := delegatecall(gas(), imp, ptr, calldatasize(), 0, 0)
            returndatacopy(ptr, 0, returndatasize())
            if iszero(ok) {
                revert(ptr, returndatasize())
            }
            return(ptr, returndatasize())
        }
    }

    /// @notice See {IFactoringMarket-postCollateral}.
    function postCollateral(uint256 listingId, uint256 amount) external onlyDelegated {
        _requireMigrated();
        _requireNotRetired();
        IFactoringMarket.Recourse storage r = _recourse[listingId];
        if (r.status != IFactoringMarket.RecourseStatus.Listed && r.status != IFactoringMarket.RecourseStatus.Sold) {
            revert IFactoringMarket.MarketRecourseNotExercisable(listingId, r.status);
        }
        _postCollateral(listingId, r, amount);
    }

    /// @notice See {IFactoringMarket-exerciseRecourse}.
    function exerciseRecourse(uint256 listingId) external onlyDelegated {
        _requireMigrated();
        // A retired market's recourse records are copied to its successor: exercised there only.
        _requireNotRetired();
        IFactoringMarket.Recourse storage r = _recourse[listingId];
        if (r.status != IFactoringMarket.RecourseStatus.Sold)
            revert IFactoringMarket.MarketRecourseNotExercisable(listingId, r.status);
        if (msg.sender != r.buyer) revert IFactoringMarket.MarketNotRecourseBuyer(listingId, msg.sender);
        uint256 tokenId = r.tokenId;
        IReceivableToken.Position memory pos = _receivables.position(tokenId);
        if (pos.holder != msg.sender) revert IFactoringMarket.MarketNotHolder(tokenId, msg.sender);
        if (pos.state != IReceivableToken.State.Defaulted) {
            revert IFactoringMarket.MarketRootNotDefaulted(
                tokenId >> 32,
                _receivables.receivable(tokenId >> 32).status
            );
        }
        uint256 deadline = uint256(pos.dueDate) + _recourseAfterDue;
        if (block.timestamp > deadline) revert IFactoringMarket.MarketRecourseExpired(listingId, deadline);
        // Pro rata to what is still to collect on the fragment against what was at the sale: the
        // buyer's collections since the sale and parts it split off are not bought back.
        uint256 owed = (uint256(r.price) * pos.remaining) / r.remaining;
        uint256 collateral = r.collateral;
        uint256 fromCollateral = collateral < owed ? collateral : owed;
        // Cannot underflow: fromCollateral <= owed and fromCollateral <= collateral.
        uint256 debt;
        uint256 leftover;
        unchecked {
            debt = owed - fromCollateral;
            leftover = collateral - fromCollateral;
        }
        address seller = r.seller;
        address currency = r.currency;
        address provider = r.provider;
        r.status = IFactoringMarket.RecourseStatus.Exercised;
        r.debt = uint96(debt);
        r.collateral = 0;
        emit IFactoringMarket.RecourseExercised(listingId, msg.sender, seller, owed, fromCollateral, debt);
        if (_canReceive(seller, pos.frozen)) {
            _nft.transferFrom(msg.sender, seller, tokenId);
        } else {
            _nft.transferFrom(msg.sender, address(this), tokenId);
            _park(tokenId, seller);
        }
        if (fromCollateral != 0) IERC20(currency).safeTransfer(msg.sender, fromCollateral);
        if (leftover != 0) {
            emit IFactoringMarket.CollateralReleased(listingId, provider, leftover);
            _pay(currency, provider, leftover);
        }
    }

    /// @notice See {IFactoringMarket-settleRecourseDebt}.
    function settleRecourseDebt(uint256 listingId, uint256 amount) external onlyDelegated {
        _requireMigrated();
        _requireNotRetired();
        IFactoringMarket.Recourse storage r = _recourse[listingId];
        uint256 debt = r.debt;
        if (debt == 0) revert IFactoringMarket.MarketNoRecourseDebt(listingId);
        if (amount == 0) revert IFactoringMarket.MarketZeroAmount();
        if (amount > debt) revert IFactoringMarket.MarketAmountAboveDebt(listingId, amount, debt);
        // Cannot underflow: amount <= debt.
        unchecked {
            r.debt = uint96(debt - amount);
            emit IFactoringMarket.RecourseDebtSettled(listingId, msg.sender, amount, debt - amount);
        }
        _payFrom(r.currency, r.buyer, amount);
    }

    /// @notice See {IFactoringMarket-releaseCollateral}.
    function releaseCollateral(uint256 listingId) external onlyDelegated {
        _requireMigrated();
        _requireNotRetired();
        IFactoringMarket.Recourse storage r = _recourse[listingId];
        uint256 amount = r.collateral;
        if (amount == 0) revert IFactoringMarket.MarketNoCollateral(listingId);
        uint256 rootId = r.tokenId >> 32;
        IReceivableToken.Root memory root = _receivables.receivable(rootId);
        uint256 deadline = uint256(root.dueDate) + _recourseAfterDue;
        // Every lock has an end: settled (nothing to recourse) or past the deadline (no exercise).
        if (root.status != IReceivableToken.Status.Settled && block.timestamp <= deadline) {
            revert IFactoringMarket.MarketCollateralLocked(listingId, deadline);
        }
        address provider = r.provider;
        r.collateral = 0;
        emit IFactoringMarket.CollateralReleased(listingId, provider, amount);
        _pay(r.currency, provider, amount);
    }

    /// @notice See {IFactoringMarket-cancelOffer}.
    function cancelOffer(uint256 offerId) external onlyDelegated {
        _requireMigrated();
        _requireNotRetired();
        IFactoringMarket.Offer memory off = _offers[offerId];
        if (off.offerer == address(0)) revert IFactoringMarket.MarketUnknownOffer(offerId);
        if (msg.sender != off.offerer && block.timestamp <= off.expiry) {
            revert IFactoringMarket.MarketNotOfferer(offerId, msg.sender);
        }
        delete _offers[offerId];
        emit IFactoringMarket.OfferCancelled(offerId, off.offerer, off.amount);
        _pay(_receivables.receivable(off.tokenId >> 32).currency, off.offerer, off.amount);
    }

    /// @notice See {IFactoringMarket-withdrawFragment}.
    function withdrawFragment(uint256 tokenId) external onlyDelegated {
        _requireMigrated();
        _requireNotRetired();
        IFactoringMarket.Hold memory h = _holdOf[tokenId];
        if (h.kind != IFactoringMarket.HoldKind.Parked || h.owner != msg.sender)
            revert IFactoringMarket.MarketNotParked(tokenId, msg.sender);
        delete _holdOf[tokenId];
        if (_nft.ownerOf(tokenId) != address(this)) revert IFactoringMarket.MarketFragmentGone(tokenId);
        emit IFactoringMarket.FragmentWithdrawn(tokenId, msg.sender);
        _nft.transferFrom(address(this), msg.sender, tokenId);
    }
}
