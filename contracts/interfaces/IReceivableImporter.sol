// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IReceivableToken} from "./IReceivableToken.sol";

/**
 * @title IReceivableImporter
 * @notice The migration surface of a successor {IReceivableToken}: the functions a fixed version of
 * the receivable token uses to take over a retired one without losing a fragment. They are called on
 * the successor token's address (its fallback runs them on its storage); the writes refuse once the
 * migration is closed, the views stay. Every copied value is read on chain from the retired
 * predecessor, so the import functions are open to anyone: a caller chooses the order and the batch
 * sizes, never the contents.
 *
 * The predecessor is retired when it is paused and its target is closed in its AccessManager
 * (`setTargetClosed`): nothing on it moves any more, so the copy cannot go stale. The successor starts
 * paused and cannot be unpaused before {closeMigration}. See docs/operations.md, "Migrating a contract".
 */
interface IReceivableImporter {
    /// @notice The predecessor is still live: it is not paused, or its target is not closed in its
    /// AccessManager.
    error ReceivableMigrationPredecessorLive(address predecessor);
    /// @notice The root was never issued on the predecessor.
    error ReceivableMigrationRootUnknown(uint256 rootId);
    /// @notice The root's record was already imported.
    error ReceivableMigrationRootAlreadyImported(uint256 rootId);
    /// @notice The root's record has not been imported yet ({importRoots} comes first).
    error ReceivableMigrationRootNotImported(uint256 rootId);
    /// @notice `maxEntries` was zero.
    error ReceivableMigrationZeroBatch();
    /// @notice Fragment `tokenId` is held by `custodian`, a custody module of the suite with no
    /// successor set: it would land on a contract that no longer works with this token.
    error ReceivableMigrationCustodian(uint256 tokenId, address custodian);
    /// @notice `custodian` or `successor` is not a custody module of the suite (or the successor is zero).
    error ReceivableMigrationBadSuccessor(address custodian, address successor);
    /// @notice Roots whose fragments or payments are not all copied yet.
    error ReceivableMigrationUnfinished(uint256 unfinishedRoots);
    /// @notice The number of imported roots differs from the one the governance reconciled off chain.
    error ReceivableMigrationRootCount(uint256 imported, uint256 expected);
    /// @notice The successor holds less of `currency` than the imported roots owe their holders.
    error ReceivableMigrationUnfunded(address currency, uint256 balance, uint256 owed);
    /// @notice The migration is closed: nothing is imported any more.
    error ReceivableMigrationIsClosed();
    /// @notice The importer was called directly instead of through a successor token.
    error ReceivableMigrationNotDelegated();

    /// @notice Fragments the predecessor's `custodian` holds go to `successor`.
    event ReceivableMigrationSuccessorSet(address indexed custodian, address indexed successor);
    /// @notice Root `rootId`'s record (status, amounts, claimed total) was copied; its `fragmentCount` fragments and `paymentCount` payments follow in {importEntries}.
    event ReceivableMigrationRootImported(uint256 indexed rootId, uint256 fragmentCount, uint256 paymentCount);
    /// @notice Progress on a root's entries: fragment indexes and payments copied so far.
    event ReceivableMigrationEntriesImported(
        uint256 indexed rootId,
        uint256 fragments,
        uint256 payments,
        bool finished
    );
    /// @notice Root `rootId`'s attestations and documents were brought level with the predecessor's
    /// (`attestations` and `documents` in total).
    event ReceivableMigrationEvidenceSynced(uint256 indexed rootId, uint256 attestations, uint256 documents);
    /// @notice The migration from `predecessor` is complete: `roots` roots, every fragment, payment and
    /// the cash they owe; the successor may now be unpaused.
    event ReceivableMigrationClosed(address indexed predecessor, uint256 roots);

    /// @notice The retired contract this successor takes over.
    function predecessor() external view returns (IReceivableToken);

    /// @notice Sends the fragments that the predecessor's custody module `custodian` holds (a market,
    /// a product) to `successor`, the module that takes over its custody. Both must be custody modules
    /// of the suite. Governance (ADMIN, with its delay): it redirects assets.
    function setSuccessor(address custodian, address successor) external;

    /// @notice Copies the predecessor's approval of each of `currencies` (approved ones only).
    function importCurrencies(address[] calldata currencies) external;

    /// @notice Copies the records of `rootIds` (root, claimed total) and adds what each owes its
    /// holders (paid less claimed) to the cash the successor must hold. Each root once. Anyone; the
    /// predecessor must be retired. Evidence follows in {syncEvidence}, apart from the money: a root
    /// loaded with attestations beyond what one transaction can copy still migrates.
    function importRoots(uint256[] calldata rootIds) external;

    /// @notice Copies up to `maxEntries` more entries of root `rootId`: its fragments (owner, interval,
    /// checkpoint, carry, pending and frozen flags) by index, then its payments. Call again until it
    /// returns true. Anyone; the predecessor must be retired.
    /// @return finished Whether every fragment and payment of the root is now copied.
    function importEntries(uint256 rootId, uint256 maxEntries) external returns (bool finished);

    /// @notice Brings root `rootId`'s attestations and documents level with the predecessor's (new
    /// ones pushed, revocations and removals copied); callable again, since a retired token still
    /// takes evidence (it moves no money, so its pause does not stop it). Anyone, until the close;
    /// `npx hardhat migrate receivables` sends it for every root whose evidence differs. The close does
    /// not wait for it: evidence too large for one transaction stays readable on the predecessor.
    function syncEvidence(uint256 rootId) external;

    /// @notice Ends the migration: every imported root is complete, their number is `expectedRoots`
    /// (the governance's off-chain reconciliation against the predecessor's `ReceivableIssued`
    /// events), and the successor holds, in every currency, at least what the roots owe their holders.
    /// Governance (ADMIN, with its delay). After it, the importer can never run again.
    function closeMigration(uint256 expectedRoots) external;

    /// @notice Where the migration stands.
    function migrationStatus() external view returns (bool closed, uint256 importedRoots, uint256 unfinishedRoots);

    /// @notice Progress on one root: whether its record is in, fragment indexes and payments copied.
    function importCursor(uint256 rootId) external view returns (bool imported, uint256 fragments, uint256 payments);

    /// @notice Cash the imported roots owe their holders in `currency` (base units).
    function importOwed(address currency) external view returns (uint256);
}
