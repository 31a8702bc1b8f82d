// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ERC721} from "solady/src/tokens/ERC721.sol";

import {IReceivableToken} from "../interfaces/IReceivableToken.sol";

/**
 * @title ReceivableTokenState
 * @notice The receivable token's storage, its ERC-721 metadata and the helpers that
 * {ReceivableToken} and its migration importer ({ReceivableImporter}) share. It is the first
 * storage-holding base of both, so its variables take the same slots in each: the importer runs
 * by `delegatecall` on a successor token's storage (the pattern of the market's extension).
 * @dev Solady's ERC-721 keeps its data in hashed slots; Pausable's flag and AccessManaged's
 * authority take the first sequential slots, then the variables below in this order. Append only.
 */
// solhint-disable-next-line max-states-count
abstract contract ReceivableTokenState is ERC721, Pausable, AccessManaged {
    /// @dev Flags in the ERC-721 ownership slot's extra data.
    uint96 internal constant _PENDING = 1;
    uint96 internal constant _FROZEN = 2;

    mapping(uint256 rootId => IReceivableToken.Root) internal _roots;
    mapping(uint256 tokenId => IReceivableToken.Fragment) internal _fragments;
    mapping(uint256 rootId => mapping(uint256 k => uint256 paid)) internal _paidAfter;
    /// @dev Total claimed on a root, plus one once the root has received its first payment (the
    /// first repayment pays for the slot, so claims never write a fresh slot).
    mapping(uint256 rootId => uint256 claimedPlusOne) internal _claimed;
    mapping(uint256 rootId => IReceivableToken.Attestation[]) internal _attestations;
    mapping(uint256 rootId => mapping(bytes32 name => IReceivableToken.Document)) internal _documents;
    mapping(uint256 rootId => bytes32[]) internal _documentNames;
    mapping(address currency => bool) internal _currencies;
    /// @dev Set for the duration of a regulator's forced transfer.
    bool internal transient _forcing;

    // Migration (a successor deployment only; see {ReceivableImporter}).
    /// @dev Set once by the importer's `closeMigration`; the fallback and the importer then refuse.
    bool internal _migrationClosed;
    /// @dev Per root: fragments and payments copied so far, and whether the root record is in.
    mapping(uint256 rootId => ImportCursor) internal _importCursors;
    /// @dev Cash owed to holders (paid, not claimed) by the imported roots, per currency.
    mapping(address currency => uint256 owed) internal _importOwed;
    /// @dev Currencies with a nonzero owed amount, in first-seen order (few: the approved ones).
    address[] internal _importCurrencies;
    /// @dev Custodians (modules) of the predecessor and the successors their fragments go to.
    mapping(address custodian => address successor) internal _successorOf;
    /// @dev Roots imported, and of them those whose fragments or payments are not all copied yet.
    uint128 internal _importedRoots;
    uint128 internal _unfinishedRoots;

    struct ImportCursor {
        bool imported;
        uint32 fragments; // indexes 0..fragments-1 done
        uint32 payments; // payments 1..payments done
    }

    constructor(address authority) AccessManaged(authority) {}

    /// @notice ERC-721 metadata: the collection's name.
    function name() public pure override returns (string memory) {
        return "Receivable Fragment";
    }

    /// @notice ERC-721 metadata: the collection's symbol.
    function symbol() public pure override returns (string memory) {
        return "RCV";
    }

    /// @notice ERC-721 metadata: fragments carry their documents on chain
    /// ({IReceivableToken-getDocument}), so the URI is empty. Reverts for a token that does not exist.
    function tokenURI(uint256 tokenId) public view override returns (string memory) {
        ownerOf(tokenId);
        return "";
    }

    /// @dev Token id of fragment `index` of root `rootId` (see {IReceivableToken}).
    function _tokenId(uint256 rootId, uint256 index) internal pure returns (uint256) {
        return (rootId << 32) | index;
    }
}
