// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAccessManager} from "@openzeppelin/contracts/access/manager/IAccessManager.sol";
import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {IFactoringMarket} from "../interfaces/IFactoringMarket.sol";
import {IFactoringMarketImporter} from "../interfaces/IFactoringMarketImporter.sol";
import {IReceivableToken} from "../interfaces/IReceivableToken.sol";
import {FactoringMarketMigrationState, FactoringMarketState} from "./FactoringMarketState.sol";

/**
 * @title FactoringMarketImporter
 * @notice Copies a retired factoring market into its successor: see {IFactoringMarketImporter}.
 * Deployed once per migration and passed to the successor's constructor; it runs only by
 * `delegatecall` from that successor (through its extension), on the successor's storage.
 * @dev Inherits the market's storage-holding bases in the market's order (FactoringMarketState,
 * Pausable, AccessManaged, FactoringMarketMigrationState), so every variable takes the market's slot.
 * FactoringMarketState's immutables are this contract's own (built from the predecessor's receivable
 * token) and are not used: the successor's receivable token is read from the successor itself, as
 * it may be a successor token. Reads go through the predecessor's public views only.
 */
contract FactoringMarketImporter is
    IFactoringMarketImporter,
    FactoringMarketState,
    Pausable,
    AccessManaged,
    FactoringMarketMigrationState
{
    IFactoringMarket private immutable _predecessor;
    /// @dev The predecessor's receivable token (an offer's currency is its root's).
    IReceivableToken private immutable _oldReceivables;
    address private immutable _self;

    /// @param predecessor_ The retired market.
    constructor(
        IFactoringMarket predecessor_
    )
        FactoringMarketState(predecessor_.receivables(), true)
        AccessManaged(AccessManaged(address(predecessor_)).authority())
    {
        _predecessor = predecessor_;
        _oldReceivables = predecessor_.receivables();
        _self = address(this);
    }

    modifier delegated() {
        if (address(this) == _self) revert MarketMigrationNotDelegated();
        _;
    }

    /// @dev Writes only while the migration is open and the predecessor is retired.
    modifier importing() {
        if (address(this) == _self) revert MarketMigrationNotDelegated();
        if (!_migrationOpen) revert MarketMigrationIsClosed();
        _requireRetired();
        _;
    }

    /// @inheritdoc IFactoringMarketImporter
    function predecessor() external view override returns (IFactoringMarket) {
        return _predecessor;
    }

    /// @inheritdoc IFactoringMarketImporter
    function importSettings() external override importing {
        if (_settingsImported) revert MarketMigrationSettingsImported();
        _settingsImported = true;
        uint16 fee = _predecessor.feeBps();
        address treasury_ = _predecessor.treasury();
        _feeBps = fee;
        _treasury = treasury_;
        emit MarketMigrationSettingsCopied(fee, treasury_);
    }

    /// @inheritdoc IFactoringMarketImporter
    function importListings(uint256 maxCount) external override importing returns (bool finished) {
        (uint256 issued, , ) = _predecessor.nextIds();
        uint256 id = _nextListingId;
        uint256 end = _batchEnd(id, maxCount, issued);
        while (id < end) {
            ++id;
            IFactoringMarket.Listing memory lst = _predecessor.listing(id);
            if (lst.status == IFactoringMarket.ListingStatus.Open) _listings[id] = lst;
            // A recourse record outlives its listing (sold, exercised): copied whatever its status.
            IFactoringMarket.Recourse memory r = _predecessor.recourseOf(id);
            if (r.status != IFactoringMarket.RecourseStatus.None) {
                _recourse[id] = r;
                _owe(r.currency, r.collateral);
            }
        }
        _nextListingId = id;
        finished = id == issued;
        emit MarketMigrationRecordsImported(0, id, finished);
    }

    /// @inheritdoc IFactoringMarketImporter
    function importOffers(uint256 maxCount) external override importing returns (bool finished) {
        (, uint256 issued, ) = _predecessor.nextIds();
        uint256 id = _nextOfferId;
        uint256 end = _batchEnd(id, maxCount, issued);
        while (id < end) {
            ++id;
            IFactoringMarket.Offer memory off = _predecessor.offer(id);
            if (off.offerer == address(0)) continue; // accepted or cancelled
            _offers[id] = off;
            _owe(_oldReceivables.receivable(off.tokenId >> 32).currency, off.amount);
        }
        _nextOfferId = id;
        finished = id == issued;
        emit MarketMigrationRecordsImported(1, id, finished);
    }

    /// @inheritdoc IFactoringMarketImporter
    function importAuctions(uint256 maxCount) external override importing returns (bool finished) {
        (, , uint256 issued) = _predecessor.nextIds();
        uint256 id = _nextAuctionId;
        uint256 end = _batchEnd(id, maxCount, issued);
        while (id < end) {
            ++id;
            IFactoringMarket.Auction memory a = _predecessor.auction(id);
            _auctions[id] = a; // settled ones too: their outcome (`sold`, `feeBps`) stays readable
            if (a.open && a.highestBidder != address(0)) _owe(a.currency, a.highestBid);
        }
        _nextAuctionId = id;
        finished = id == issued;
        emit MarketMigrationRecordsImported(2, id, finished);
    }

    /// @inheritdoc IFactoringMarketImporter
    function importHolds(uint256[] calldata tokenIds) external override importing {
        IERC721 nft = _successorNft();
        for (uint256 i; i < tokenIds.length; ++i) {
            uint256 tokenId = tokenIds[i];
            if (_holdOf[tokenId].kind != IFactoringMarket.HoldKind.None || _strayCounted[tokenId]) {
                revert MarketMigrationHoldAlreadyImported(tokenId);
            }
            IFactoringMarket.Hold memory h = _predecessor.custodyOf(tokenId);
            if (h.kind == IFactoringMarket.HoldKind.None) revert MarketMigrationNoHold(tokenId);
            address owner = nft.ownerOf(tokenId);
            if (owner != address(this)) revert MarketMigrationFragmentNotHeld(tokenId, owner);
            _holdOf[tokenId] = h;
            ++_importedHolds;
            emit MarketMigrationHoldImported(tokenId, h.owner, h.kind);
        }
    }

    /// @inheritdoc IFactoringMarketImporter
    function countStrays(uint256[] calldata tokenIds) external override importing {
        IERC721 nft = _successorNft();
        for (uint256 i; i < tokenIds.length; ++i) {
            uint256 tokenId = tokenIds[i];
            if (_holdOf[tokenId].kind != IFactoringMarket.HoldKind.None || _strayCounted[tokenId]) {
                revert MarketMigrationHoldAlreadyImported(tokenId);
            }
            if (
                nft.ownerOf(tokenId) != address(this) ||
                _predecessor.custodyOf(tokenId).kind != IFactoringMarket.HoldKind.None
            ) revert MarketMigrationNotStray(tokenId);
            _strayCounted[tokenId] = true;
            ++_strays;
            emit MarketMigrationStrayCounted(tokenId);
        }
    }

    /// @inheritdoc IFactoringMarketImporter
    function importRefunds(address currency, address[] calldata wallets) external override importing {
        for (uint256 i; i < wallets.length; ++i) {
            address w = wallets[i];
            uint256 amount = _predecessor.refundOf(currency, w);
            if (amount == 0 || _refundImported[currency][w]) revert MarketMigrationNoRefund(currency, w);
            _refundImported[currency][w] = true;
            _refunds[currency][w] += amount;
            ++_importedRefunds;
            _owe(currency, amount);
            emit MarketMigrationRefundImported(currency, w, amount);
        }
    }

    /// @inheritdoc IFactoringMarketImporter
    function closeMigration(uint256 expectedRefunds) external override importing restricted {
        if (!_settingsImported) revert MarketMigrationSettingsMissing();
        (uint256 listings, uint256 offers, uint256 auctions) = _predecessor.nextIds();
        if (_nextListingId != listings) revert MarketMigrationUnfinished(0, _nextListingId, listings);
        if (_nextOfferId != offers) revert MarketMigrationUnfinished(1, _nextOfferId, offers);
        if (_nextAuctionId != auctions) revert MarketMigrationUnfinished(2, _nextAuctionId, auctions);
        IERC721 nft = _successorNft();
        uint256 accounted = uint256(_importedHolds) + _strays;
        uint256 held = nft.balanceOf(address(this));
        // Same receivable token: every fragment of the predecessor's custody must have moved here.
        uint256 left = address(nft) == address(_oldReceivables) ? nft.balanceOf(address(_predecessor)) : 0;
        if (held != accounted || left != 0) revert MarketMigrationHoldsIncomplete(held, accounted, left);
        if (_importedRefunds != expectedRefunds) revert MarketMigrationRefundCount(_importedRefunds, expectedRefunds);
        address[] storage currencies = _importCurrencies;
        for (uint256 i; i < currencies.length; ++i) {
            address c = currencies[i];
            uint256 balance = IERC20(c).balanceOf(address(this));
            if (balance < _importOwed[c]) revert MarketMigrationUnfunded(c, balance, _importOwed[c]);
        }
        _migrationOpen = false;
        emit MarketMigrationClosed(address(_predecessor), accounted, _importedRefunds);
    }

    /// @inheritdoc IFactoringMarketImporter
    function migrationStatus()
        external
        view
        override
        delegated
        returns (bool closed, bool settings, uint256 holds, uint256 strays, uint256 refunds)
    {
        return (!_migrationOpen, _settingsImported, _importedHolds, _strays, _importedRefunds);
    }

    /// @inheritdoc IFactoringMarketImporter
    function importOwed(address currency) external view override delegated returns (uint256) {
        return _importOwed[currency];
    }

    /// @dev Where a batch of at most `maxCount` ids from cursor `id` stops (never past `issued`).
    function _batchEnd(uint256 id, uint256 maxCount, uint256 issued) private pure returns (uint256) {
        if (maxCount == 0) revert MarketMigrationZeroBatch();
        return issued - id < maxCount ? issued : id + maxCount;
    }

    function _owe(address currency, uint256 amount) private {
        if (amount == 0) return;
        if (_importOwed[currency] == 0) _importCurrencies.push(currency);
        _importOwed[currency] += amount;
    }

    /// @dev The successor's receivable token (the predecessor's, or its successor's).
    function _successorNft() private view returns (IERC721) {
        return IERC721(address(IFactoringMarket(address(this)).receivables()));
    }

    function _requireRetired() private view {
        address p = address(_predecessor);
        IAccessManager manager = IAccessManager(AccessManaged(p).authority());
        if (!Pausable(p).paused() || !manager.isTargetClosed(p)) revert MarketMigrationPredecessorLive(p);
    }
}
