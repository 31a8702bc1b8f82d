// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IAccessManager} from "@openzeppelin/contracts/access/manager/IAccessManager.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {IFactoringMarket} from "../interfaces/IFactoringMarket.sol";
import {IParticipantRegistry} from "../interfaces/IParticipantRegistry.sol";
import {IReceivableToken} from "../interfaces/IReceivableToken.sol";

/**
 * @title FactoringMarketState
 * @notice The factoring market's storage and the helpers its core ({FactoringMarket}) and its
 * cold-path extension ({FactoringMarketExtension}) share. It is the first base of both, so its
 * variables take the same slots in each: the extension runs by `delegatecall` on the market's
 * storage (the way Compound III's Comet runs CometExt). The migration importer of a successor
 * market ({FactoringMarketImporter}) runs the same way and shares this layout, followed by
 * Pausable's and AccessManaged's variables and {FactoringMarketMigrationState}, in the order
 * {FactoringMarket} inherits them.
 */
abstract contract FactoringMarketState {
    using SafeERC20 for IERC20;

    /// @notice How long after a root becomes defaultable its recourse buyers may still exercise (seconds).
    uint256 public constant RECOURSE_PERIOD = 180 days;

    IReceivableToken internal immutable _receivables;
    /// @dev The same contract seen as an ERC-721.
    IERC721 internal immutable _nft;
    IParticipantRegistry internal immutable _registry;
    uint256 internal immutable _gracePeriod;
    /// @dev Due date + this = recourse deadline (grace + default period + RECOURSE_PERIOD).
    uint256 internal immutable _recourseAfterDue;
    /// @dev Whether this deployment is a successor constructed with a migration importer.
    bool internal immutable _isSuccessor;

    mapping(uint256 listingId => IFactoringMarket.Listing) internal _listings;
    mapping(uint256 listingId => IFactoringMarket.Recourse) internal _recourse;
    mapping(uint256 offerId => IFactoringMarket.Offer) internal _offers;
    mapping(uint256 auctionId => IFactoringMarket.Auction) internal _auctions;
    mapping(address currency => mapping(address wallet => uint256 amount)) internal _refunds;
    mapping(uint256 tokenId => IFactoringMarket.Hold) internal _holdOf;
    uint256 internal _nextListingId;
    uint256 internal _nextOfferId;
    uint256 internal _nextAuctionId;
    address internal _treasury;
    uint16 internal _feeBps;
    /// @dev A successor's migration is open (set at construction, cleared once by the importer's
    /// `closeMigration`). In the slot of `_treasury` and `_feeBps`, which Pausable's flag shares too.
    bool internal _migrationOpen;

    constructor(IReceivableToken receivables_, bool isSuccessor_) {
        _receivables = receivables_;
        _nft = IERC721(address(receivables_));
        _registry = receivables_.registry();
        (, uint256 grace, uint256 defaultPeriod, , ) = receivables_.params();
        _gracePeriod = grace;
        _recourseAfterDue = grace + defaultPeriod + RECOURSE_PERIOD;
        _isSuccessor = isSuccessor_;
    }

    /// @dev A successor moves nothing before its migration is closed: the paths a pause leaves open
    /// (cancellations, settlement, refunds, recourse) would change imported records under the import
    /// and its closing checks. A fresh deployment pays only the immutable's test.
    function _requireMigrated() internal view {
        if (_isSuccessor && _migrationOpen) revert IFactoringMarket.MarketMigrationOpen();
    }

    /// @dev A retired market (paused, its target closed in its AccessManager: being migrated) turns
    /// no record into another: once the regulator moved its fragments and cash out, an unwind or a
    /// cancellation would re-book escrow as a credit under the successor's import (counted twice or
    /// lost). Only on cold paths (two self-reads and a read of the AccessManager).
    function _requireNotRetired() internal view {
        address self = address(this);
        if (Pausable(self).paused() && IAccessManager(AccessManaged(self).authority()).isTargetClosed(self)) {
            revert IFactoringMarket.MarketRetired();
        }
    }

    /// @dev Whether `wallet` may receive a fragment now (eligible in the registry, fragment not frozen).
    function _canReceive(address wallet, bool frozen) internal view returns (bool) {
        return !frozen && _registry.eligibility(wallet) == IParticipantRegistry.Ineligibility.None;
    }
    function _park(uint256 tokenId, address owner) internal {
        _holdOf[tokenId] = IFactoringMarket.Hold({owner: owner, kind: IFactoringMarket.HoldKind.Parked, id: 0});
        emit IFactoringMarket.FragmentParked(tokenId, owner);
    }
    /// @dev Pays `amount` held by the market to `to`, or credits it when the transfer does not go through.
    function _pay(address currency, address to, uint256 amount) internal {
        if (!IERC20(currency).trySafeTransfer(to, amount)) _credit(currency, to, amount);
    }
    /// @dev Pays `amount` from the caller straight to `to`; when that does not go through, pulls
    /// it into the market and credits `to`. Refuses a fee-on-transfer currency either way.
    function _payFrom(address currency, address to, uint256 amount) internal {
        IERC20 token = IERC20(currency);
        uint256 before = token.balanceOf(to);
        if (token.trySafeTransferFrom(msg.sender, to, amount)) {
            uint256 received = token.balanceOf(to) - before;
            if (received != amount) revert IFactoringMarket.MarketFeeOnTransfer(currency, amount, received);
        } else {
            _pullEscrow(currency, msg.sender, amount);
            _credit(currency, to, amount);
        }
    }
    function _credit(address currency, address to, uint256 amount) internal {
        _refunds[currency][to] += amount;
        emit IFactoringMarket.Credited(currency, to, amount);
    }
    function _postCollateral(uint256 listingId, IFactoringMarket.Recourse storage r, uint256 amount) internal {
        if (amount == 0) revert IFactoringMarket.MarketZeroAmount();
        if (amount > type(uint96).max - r.collateral) revert IFactoringMarket.MarketAmountTooLarge(amount);
        address provider = r.provider;
        if (provider == address(0)) r.provider = msg.sender;
        else if (provider != msg.sender) revert IFactoringMarket.MarketCollateralProvider(listingId, provider);
        r.collateral += uint96(amount);
        emit IFactoringMarket.CollateralPosted(listingId, msg.sender, amount);
        _pullEscrow(r.currency, msg.sender, amount);
    }
    /// @dev Pulls exactly `amount` into escrow or reverts (underfunded or fee-on-transfer).
    function _pullEscrow(address currency, address from, uint256 amount) internal {
        IERC20 token = IERC20(currency);
        uint256 balance = token.balanceOf(from);
        uint256 allowance = token.allowance(from, address(this));
        if (balance < amount || allowance < amount)
            revert IFactoringMarket.MarketUnderfunded(from, amount, balance, allowance);
        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(from, address(this), amount);
        uint256 received = token.balanceOf(address(this)) - before;
        if (received != amount) revert IFactoringMarket.MarketFeeOnTransfer(currency, amount, received);
    }
}

/**
 * @title FactoringMarketMigrationState
 * @notice The migration bookkeeping of a successor market ({FactoringMarketImporter}): appended after
 * every variable of {FactoringMarket} (its last storage-holding base), so a fresh deployment never
 * touches it. Append only.
 */
abstract contract FactoringMarketMigrationState {
    /// @dev The predecessor's fee and treasury are copied (once).
    bool internal _settingsImported;
    /// @dev Fragments in custody whose hold was copied, and fragments held with no hold (strays).
    uint128 internal _importedHolds;
    uint128 internal _strays;
    /// @dev Credited (currency, wallet) pairs copied.
    uint256 internal _importedRefunds;
    mapping(address currency => mapping(address wallet => bool)) internal _refundImported;
    mapping(uint256 tokenId => bool) internal _strayCounted;
    /// @dev Cash the imported records hold for their owners, per currency.
    mapping(address currency => uint256 owed) internal _importOwed;
    /// @dev Currencies with a nonzero owed amount, in first-seen order.
    address[] internal _importCurrencies;
}
