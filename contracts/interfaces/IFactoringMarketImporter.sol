// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IFactoringMarket} from "./IFactoringMarket.sol";

/**
 * @title IFactoringMarketImporter
 * @notice The migration surface of a successor {IFactoringMarket}: the functions a fixed version of
 * the market uses to take over a retired one without losing a fragment or a base unit of cash. They
 * are called on the successor market's address (its fallback runs them on its storage); the writes
 * refuse once the migration is closed, the views stay. Every copied value is read on chain from the
 * retired predecessor, so the import functions are open to anyone: a caller chooses the order and
 * the batch sizes, never the contents.
 *
 * The predecessor is retired when it is paused and its target is closed in its AccessManager
 * (`setTargetClosed`). Before the imports the regulator moves what the predecessor holds: its cash
 * (`SettlementToken.forcedTransfer`, per currency) and, when the market alone is replaced, each
 * fragment in its custody (`ReceivableToken.forcedTransfer`); when the receivable token is replaced
 * too, the receivable importer's `setSuccessor(oldMarket, newMarket)` mints them to the successor.
 * Listings, offers and auctions are copied by sequential cursors up to the predecessor's counters
 * ({IFactoringMarket-nextIds}); holds and credits by lists reconciled off chain. The successor
 * starts paused, moves nothing, and cannot be unpaused before {closeMigration}.
 *
 * Not carried over: approvals. Sellers approve the successor for their fragments
 * (`setApprovalForAll`) and buyers, bidders and providers for their cash again.
 * See docs/operations.md, "Migrating a contract".
 */
interface IFactoringMarketImporter {
    /// @notice The predecessor is still live: it is not paused, or its target is not closed in its
    /// AccessManager.
    error MarketMigrationPredecessorLive(address predecessor);
    /// @notice `maxCount` was zero.
    error MarketMigrationZeroBatch();
    /// @notice The predecessor's fee and treasury were already copied.
    error MarketMigrationSettingsImported();
    /// @notice The predecessor holds nothing for `tokenId` ({IFactoringMarket-custodyOf} is empty).
    error MarketMigrationNoHold(uint256 tokenId);
    /// @notice The hold of `tokenId` was already copied, or it was counted as a stray.
    error MarketMigrationHoldAlreadyImported(uint256 tokenId);
    /// @notice The successor does not own fragment `tokenId` on its receivable token (`owner` does):
    /// move it first.
    error MarketMigrationFragmentNotHeld(uint256 tokenId, address owner);
    /// @notice Fragment `tokenId` is not a stray: the successor does not own it, or a hold covers it.
    error MarketMigrationNotStray(uint256 tokenId);
    /// @notice The credit of `wallet` in `currency` is zero, or was already copied.
    error MarketMigrationNoRefund(address currency, address wallet);
    /// @notice The fee and treasury are not copied yet ({importSettings}).
    error MarketMigrationSettingsMissing();
    /// @notice The cursor of `kind` (0 listings, 1 offers, 2 auctions) copied ids up to `imported`,
    /// short of the predecessor's counter `issued`.
    error MarketMigrationUnfinished(uint256 kind, uint256 imported, uint256 issued);
    /// @notice The successor owns `held` fragments but `accounted` are covered by a copied hold or
    /// counted as strays; or (same receivable token) the predecessor still holds `left` fragments.
    error MarketMigrationHoldsIncomplete(uint256 held, uint256 accounted, uint256 left);
    /// @notice The number of copied credits differs from the one the governance reconciled off chain.
    error MarketMigrationRefundCount(uint256 imported, uint256 expected);
    /// @notice The successor holds less of `currency` than the copied records hold for their owners.
    error MarketMigrationUnfunded(address currency, uint256 balance, uint256 owed);
    /// @notice The migration is closed: nothing is imported any more.
    error MarketMigrationIsClosed();
    /// @notice The importer was called directly instead of through a successor market.
    error MarketMigrationNotDelegated();

    /// @notice The predecessor's fee and treasury were copied.
    event MarketMigrationSettingsCopied(uint256 feeBps, address treasury);
    /// @notice Progress on a cursor: listing (0), offer (1) or auction (2) ids copied so far (the
    /// successor's counter), and whether the predecessor's counter is reached.
    event MarketMigrationRecordsImported(uint256 indexed kind, uint256 cursor, bool finished);
    /// @notice The hold of fragment `tokenId` was copied.
    event MarketMigrationHoldImported(uint256 indexed tokenId, address indexed owner, IFactoringMarket.HoldKind kind);
    /// @notice Fragment `tokenId`, owned by the successor with no hold (sent to the market outside a
    /// trade), was counted; it stays in custody with no record, as it was on the predecessor.
    event MarketMigrationStrayCounted(uint256 indexed tokenId);
    /// @notice The credit of `wallet` in `currency` was copied.
    event MarketMigrationRefundImported(address indexed currency, address indexed wallet, uint256 amount);
    /// @notice The migration from `predecessor` is complete: every record, every hold and stray,
    /// `refunds` credits and the cash they hold; the successor may now be unpaused.
    /// @param holds Fragments accounted for: holds copied plus strays counted.
    event MarketMigrationClosed(address indexed predecessor, uint256 holds, uint256 refunds);

    /// @notice The retired market this successor takes over.
    function predecessor() external view returns (IFactoringMarket);

    /// @notice Copies the predecessor's fee and treasury (once). Anyone; the predecessor must be retired.
    function importSettings() external;

    /// @notice Copies up to `maxCount` more listing ids (the listing if open, and its recourse record
    /// whatever its status), from the successor's listing counter up to the predecessor's; an id with
    /// nothing left (sold without recourse, cancelled) is passed over. Posted collateral is added to
    /// the cash owed. Anyone; the predecessor must be retired.
    /// @return finished Whether the predecessor's listing counter is reached.
    function importListings(uint256 maxCount) external returns (bool finished);

    /// @notice Copies up to `maxCount` more offer ids (open offers; their escrow is owed). Anyone.
    /// @return finished Whether the predecessor's offer counter is reached.
    function importOffers(uint256 maxCount) external returns (bool finished);

    /// @notice Copies up to `maxCount` more auction ids (open and settled; an open auction's highest
    /// bid is owed). Anyone.
    /// @return finished Whether the predecessor's auction counter is reached.
    function importAuctions(uint256 maxCount) external returns (bool finished);

    /// @notice Copies the holds ({IFactoringMarket-custodyOf}) of `tokenIds`: listed, auctioned and
    /// parked fragments (parked ones are found off chain from `FragmentParked` events). Each once;
    /// the successor must own the fragment already. Anyone.
    function importHolds(uint256[] calldata tokenIds) external;

    /// @notice Counts fragments the successor owns with no hold on the predecessor (sent to the
    /// market outside a trade, on either version): they stay in custody with no record. Each once.
    /// Anyone.
    function countStrays(uint256[] calldata tokenIds) external;

    /// @notice Copies the credits ({IFactoringMarket-refundOf}) of `wallets` in `currency` and adds
    /// them to the cash owed. Each pair once; a zero credit is refused (it is no credit to count).
    /// Anyone.
    function importRefunds(address currency, address[] calldata wallets) external;

    /// @notice Ends the migration: fee and treasury copied; the three cursors at the predecessor's
    /// counters; every fragment the successor owns covered by a copied hold or counted as a stray
    /// (and, with the same receivable token, none left with the predecessor); `expectedRefunds`
    /// credits copied (the governance's off-chain reconciliation of the predecessor's `Credited`,
    /// `BidPlaced` and `RefundWithdrawn` events); and, in every currency, at least the cash the
    /// records hold. Governance (ADMIN, with its delay). After it, the importer can never run again.
    function closeMigration(uint256 expectedRefunds) external;

    /// @notice Where the migration stands: closed, settings copied, holds copied, strays counted,
    /// credits copied.
    function migrationStatus()
        external
        view
        returns (bool closed, bool settings, uint256 holds, uint256 strays, uint256 refunds);

    /// @notice Cash the copied records hold for their owners in `currency` (base units).
    function importOwed(address currency) external view returns (uint256);
}
