// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IAccessManager} from "@openzeppelin/contracts/access/manager/IAccessManager.sol";
import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {IReceivableImporter} from "../interfaces/IReceivableImporter.sol";
import {IReceivableToken} from "../interfaces/IReceivableToken.sol";
import {ReceivableTokenState} from "./ReceivableTokenState.sol";

/**
 * @title ReceivableImporter
 * @notice Copies a retired receivable token into its successor: see {IReceivableImporter}. Deployed
 * once per migration and passed to the successor's constructor; it runs only by `delegatecall` from
 * that successor, on the successor's storage.
 * @dev Reads go through the predecessor's public views (the same ones integrators use), so nothing
 * depends on the predecessor's storage layout: a fixed version may change its own layout freely as
 * long as its importer fills it. Approvals (`approve`, `setApprovalForAll`) are not carried over:
 * holders and custody modules grant them again on the successor.
 */
contract ReceivableImporter is IReceivableImporter, ReceivableTokenState {
    /// @dev Solady's ERC-721 `TokenDoesNotExist()`: the only revert that means "no such fragment".
    bytes4 private constant _TOKEN_DOES_NOT_EXIST = 0xceea21b6;

    IReceivableToken private immutable _predecessor;
    address private immutable _self;

    /// @param predecessor_ The retired receivable token.
    constructor(IReceivableToken predecessor_) ReceivableTokenState(AccessManaged(address(predecessor_)).authority()) {
        _predecessor = predecessor_;
        _self = address(this);
    }

    modifier delegated() {
        if (address(this) == _self) revert ReceivableMigrationNotDelegated();
        _;
    }

    /// @dev Writes only while the migration is open and the predecessor cannot change.
    modifier importing() {
        if (address(this) == _self) revert ReceivableMigrationNotDelegated();
        if (_migrationClosed) revert ReceivableMigrationIsClosed();
        _requireRetired();
        _;
    }

    /// @inheritdoc IReceivableImporter
    function predecessor() external view override returns (IReceivableToken) {
        return _predecessor;
    }

    /// @inheritdoc IReceivableImporter
    function setSuccessor(address custodian, address successor) external override importing restricted {
        IReceivableToken self = IReceivableToken(address(this));
        if (successor == address(0) || !self.registry().isModule(custodian) || !self.registry().isModule(successor)) {
            revert ReceivableMigrationBadSuccessor(custodian, successor);
        }
        _successorOf[custodian] = successor;
        emit ReceivableMigrationSuccessorSet(custodian, successor);
    }

    /// @inheritdoc IReceivableImporter
    function importCurrencies(address[] calldata currencies) external override importing {
        for (uint256 i; i < currencies.length; ++i) {
            address c = currencies[i];
            if (_predecessor.isCurrencyApproved(c) && !_currencies[c]) {
                _currencies[c] = true;
                emit IReceivableToken.CurrencyApproved(c, true);
            }
        }
    }

    /// @inheritdoc IReceivableImporter
    function importRoots(uint256[] calldata rootIds) external override importing {
        for (uint256 i; i < rootIds.length; ++i) {
            _importRoot(rootIds[i]);
        }
    }

    /// @inheritdoc IReceivableImporter
    function importEntries(uint256 rootId, uint256 maxEntries) external override importing returns (bool finished) {
        if (maxEntries == 0) revert ReceivableMigrationZeroBatch();
        ImportCursor memory c = _importCursors[rootId];
        if (!c.imported) revert ReceivableMigrationRootNotImported(rootId);
        IReceivableToken.Root storage r = _roots[rootId];
        uint32 fragmentCount = r.fragmentCount;
        uint32 paymentCount = r.paymentCount;
        bool wasFinished = c.fragments == fragmentCount && c.payments == paymentCount;
        uint256 left = maxEntries;
        while (left != 0 && c.fragments < fragmentCount) {
            _importFragment(_tokenId(rootId, c.fragments), r.status);
            ++c.fragments;
            --left;
        }
        while (left != 0 && c.payments < paymentCount) {
            uint32 k = c.payments + 1;
            _paidAfter[rootId][k] = _predecessor.paidAfter(rootId, k);
            c.payments = k;
            --left;
        }
        _importCursors[rootId] = c;
        finished = c.fragments == fragmentCount && c.payments == paymentCount;
        if (finished && !wasFinished) --_unfinishedRoots;
        emit ReceivableMigrationEntriesImported(rootId, c.fragments, c.payments, finished);
    }

    /// @inheritdoc IReceivableImporter
    function syncEvidence(uint256 rootId) external override importing {
        if (!_importCursors[rootId].imported) revert ReceivableMigrationRootNotImported(rootId);
        (uint256 attestationCount, uint256 documentCount) = _copyEvidence(rootId);
        emit ReceivableMigrationEvidenceSynced(rootId, attestationCount, documentCount);
    }

    /// @inheritdoc IReceivableImporter
    function closeMigration(uint256 expectedRoots) external override importing restricted {
        if (_unfinishedRoots != 0) revert ReceivableMigrationUnfinished(_unfinishedRoots);
        if (_importedRoots != expectedRoots) revert ReceivableMigrationRootCount(_importedRoots, expectedRoots);
        address[] storage currencies = _importCurrencies;
        for (uint256 i; i < currencies.length; ++i) {
            address c = currencies[i];
            uint256 balance = IERC20(c).balanceOf(address(this));
            if (balance < _importOwed[c]) revert ReceivableMigrationUnfunded(c, balance, _importOwed[c]);
        }
        _migrationClosed = true;
        emit ReceivableMigrationClosed(address(_predecessor), _importedRoots);
    }

    /// @inheritdoc IReceivableImporter
    function migrationStatus()
        external
        view
        override
        delegated
        returns (bool closed, uint256 importedRoots, uint256 unfinishedRoots)
    {
        return (_migrationClosed, _importedRoots, _unfinishedRoots);
    }

    /// @inheritdoc IReceivableImporter
    function importCursor(
        uint256 rootId
    ) external view override delegated returns (bool imported, uint256 fragments, uint256 payments) {
        ImportCursor memory c = _importCursors[rootId];
        return (c.imported, c.fragments, c.payments);
    }

    /// @inheritdoc IReceivableImporter
    function importOwed(address currency) external view override delegated returns (uint256) {
        return _importOwed[currency];
    }

    function _importRoot(uint256 rootId) private {
        ImportCursor storage cursor = _importCursors[rootId];
        if (cursor.imported) revert ReceivableMigrationRootAlreadyImported(rootId);
        IReceivableToken.Root memory r = _predecessor.receivable(rootId);
        if (r.status == IReceivableToken.Status.None) revert ReceivableMigrationRootUnknown(rootId);
        _roots[rootId] = r;
        uint256 claimed = _predecessor.claimedOf(rootId);
        // The successor keeps the predecessor's "claimed plus one once paid" convention.
        if (r.paymentCount != 0) _claimed[rootId] = claimed + 1;
        uint256 owed = uint256(r.paid) - claimed;
        if (owed != 0) {
            if (_importOwed[r.currency] == 0) _importCurrencies.push(r.currency);
            _importOwed[r.currency] += owed;
        }
        cursor.imported = true;
        ++_importedRoots;
        ++_unfinishedRoots; // an issued root has at least one fragment index to copy
        emit ReceivableMigrationRootImported(rootId, r.fragmentCount, r.paymentCount);
    }

    /// @dev Brings the successor's attestations and documents of `rootId` level with the
    /// predecessor's: attestations are append-only (new ones are pushed, a revocation is copied onto
    /// an existing one), documents are listed once by name and their current fields copied.
    function _copyEvidence(uint256 rootId) private returns (uint256 attestationCount, uint256 documentCount) {
        IReceivableToken.Attestation[] memory atts = _predecessor.attestations(rootId);
        IReceivableToken.Attestation[] storage list = _attestations[rootId];
        uint256 have = list.length;
        for (uint256 i; i < atts.length; ++i) {
            if (i >= have) list.push(atts[i]);
            else if (atts[i].revoked && !list[i].revoked) list[i].revoked = true;
        }
        bytes32[] memory names = _predecessor.getAllDocuments(rootId);
        bytes32[] storage listed = _documentNames[rootId];
        uint256 known = listed.length;
        for (uint256 i; i < names.length; ++i) {
            if (i >= known) listed.push(names[i]);
            _copyDocument(rootId, names[i]);
        }
        return (atts.length, names.length);
    }

    function _copyDocument(uint256 rootId, bytes32 docName) private {
        (string memory uri, bytes32 hash, uint256 time) = _predecessor.getDocument(rootId, docName);
        _documents[rootId][docName] = IReceivableToken.Document({
            uri: uri,
            hash: hash,
            time: uint40(time),
            removedAt: uint40(_predecessor.documentRemovedAt(rootId, docName))
        });
    }

    /// @dev Copies one fragment index: skipped only when the predecessor says the token does not exist
    /// (burned by a reject or a cancel); any other failure (including running out of gas) reverts, so
    /// a caller cannot make a live fragment look burned.
    function _importFragment(uint256 tokenId, IReceivableToken.Status status) private {
        (bool ok, bytes memory ret) = address(_predecessor).staticcall(abi.encodeCall(IERC721.ownerOf, (tokenId)));
        if (!ok) {
            if (ret.length == 4 && bytes4(ret) == _TOKEN_DOES_NOT_EXIST) return;
            // solhint-disable-next-line no-inline-assembly
            assembly ("memory-safe") {
                revert(add(ret, 0x20), mload(ret))
            }
        }
        address owner = abi.decode(ret, (address));
        (IReceivableToken.Fragment memory f, ) = _predecessor.fragment(tokenId);
        bool frozen = _predecessor.isFrozen(tokenId);
        address to = _successorOf[owner];
        if (to == address(0)) {
            if (IReceivableToken(address(this)).registry().isModule(owner)) {
                revert ReceivableMigrationCustodian(tokenId, owner);
            }
            to = owner;
        }
        _fragments[tokenId] = f;
        // No eligibility check: a frozen or suspended holder's fragment moves as it is.
        _mint(to, tokenId);
        uint96 flags = (status == IReceivableToken.Status.Pending ? _PENDING : 0) | (frozen ? _FROZEN : 0);
        if (flags != 0) _setExtraData(tokenId, flags);
    }

    function _requireRetired() private view {
        address p = address(_predecessor);
        IAccessManager manager = IAccessManager(AccessManaged(p).authority());
        if (!Pausable(p).paused() || !manager.isTargetClosed(p)) revert ReceivableMigrationPredecessorLive(p);
    }
}
