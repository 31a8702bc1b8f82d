// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IParticipantRegistry, ParticipantId} from "../interfaces/IParticipantRegistry.sol";
import {IReceivableToken} from "../interfaces/IReceivableToken.sol";
import {Kinds} from "../libraries/Kinds.sol";
import {ProRata} from "../libraries/ProRata.sol";
import {ReceivableTokenState} from "./ReceivableTokenState.sol";

/**
 * @title ReceivableToken
 * @notice Receivables as ERC-721 fragments: issue, confirm, attest, split down the supply chain,
 * repay holders pro rata, default. See {IReceivableToken} for ids and the entitlement rule.
 * @dev Storage per fragment is one slot; the first fragment of an issuance is not written until it
 * changes (a zero `value` in storage means "the whole face"), which keeps issuance cheap. The
 * ERC-721 base is Solady's: it keeps 96 bits of per-token data in the ownership slot, where the
 * pending and frozen flags live, so a whole-fragment transfer reads no extra slot for them
 * (measured: OpenZeppelin's ERC721 with the flags in a separate slot cost 1.39x a plain transfer,
 * over the 1.25x budget).
 *
 * A successor deployment (a fixed version that takes over a retired one) is constructed with an
 * importer ({ReceivableImporter}): it starts paused, the importer's functions run on this
 * contract's storage through the fallback until the migration is closed, and it cannot be
 * unpaused before that. A deployment without an importer has no fallback behaviour at all.
 */
contract ReceivableToken is IReceivableToken, ReceivableTokenState, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice Most parts one split may create.
    uint256 public constant MAX_SPLIT = 16;

    /// @inheritdoc IReceivableToken
    IParticipantRegistry public immutable override registry;
    uint256 private immutable _maxTenor;
    uint256 private immutable _gracePeriod;
    uint256 private immutable _defaultPeriod;
    uint256 private immutable _minFragmentValue;
    uint256 private immutable _maxTier;
    /// @dev The migration importer of a successor deployment; zero for a fresh deployment.
    address private immutable _importer;

    /// @param authority The deployment's AccessManager.
    /// @param registry_ The participant registry.
    /// @param maxTenor Longest allowed time from issue to due date (seconds).
    /// @param gracePeriod Time after the due date before a root counts as overdue (seconds).
    /// @param defaultPeriod Further time after which a holder may declare default (seconds).
    /// @param minFragmentValue Smallest fragment a split or partial transfer may create (base units).
    /// @param maxTier Deepest tier a partial transfer may reach.
    /// @param importer Zero for a fresh deployment; for a successor, the {ReceivableImporter} that
    /// copies the retired predecessor's state (the contract then starts paused).
    constructor(
        address authority,
        IParticipantRegistry registry_,
        uint256 maxTenor,
        uint256 gracePeriod,
        uint256 defaultPeriod,
        uint256 minFragmentValue,
        uint256 maxTier,
        address importer
    ) ReceivableTokenState(authority) {
        registry = registry_;
        _maxTenor = maxTenor;
        _gracePeriod = gracePeriod;
        _defaultPeriod = defaultPeriod;
        _minFragmentValue = minFragmentValue == 0 ? 1 : minFragmentValue;
        _maxTier = maxTier;
        _importer = importer;
        if (importer != address(0)) _pause();
    }

    /// @notice A successor's migration functions ({ReceivableImporter}), run on this contract's
    /// storage (they refuse to write once the migration is closed). Reverts (no data) on a deployment
    /// without an importer, exactly as an unknown function of a contract without fallback does.
    // solhint-disable-next-line no-complex-fallback
    fallback() external {
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

    // ------------------------------------------------------------------ issue and confirm

    /// @inheritdoc IReceivableToken
    function issue(
        address debtor,
        address currency,
        uint256 face,
        uint256 dueDate,
        bytes32 invoiceHash,
        string calldata documentUri,
        bytes32 documentHash
    ) external override whenNotPaused returns (uint256 rootId) {
        rootId = _issue(msg.sender, debtor, currency, face, dueDate, invoiceHash, Status.Pending);
        emit ReceivableIssued(
            rootId,
            msg.sender,
            debtor,
            currency,
            face,
            dueDate,
            invoiceHash,
            documentUri,
            documentHash,
            false
        );
    }

    /// @inheritdoc IReceivableToken
    function issuePayable(
        address creditor,
        address currency,
        uint256 face,
        uint256 dueDate,
        bytes32 invoiceHash,
        string calldata documentUri,
        bytes32 documentHash
    ) external override whenNotPaused returns (uint256 rootId) {
        rootId = _issue(creditor, msg.sender, currency, face, dueDate, invoiceHash, Status.Confirmed);
        emit ReceivableIssued(
            rootId,
            creditor,
            msg.sender,
            currency,
            face,
            dueDate,
            invoiceHash,
            documentUri,
            documentHash,
            true
        );
    }

    /// @inheritdoc IReceivableToken
    function confirm(uint256 rootId) external override whenNotPaused {
        Root storage r = _pendingOf(rootId);
        if (msg.sender != r.debtor) revert ReceivableNotDebtor(rootId, msg.sender);
        r.status = Status.Confirmed;
        uint256 tokenId = _tokenId(rootId, r.fragmentCount - 1);
        _setExtraData(tokenId, _getExtraData(tokenId) & ~_PENDING);
        emit ReceivableConfirmed(rootId, msg.sender);
    }

    /// @inheritdoc IReceivableToken
    function reject(uint256 rootId, bytes32 reason) external override whenNotPaused {
        Root storage r = _pendingOf(rootId);
        if (msg.sender != r.debtor) revert ReceivableNotDebtor(rootId, msg.sender);
        r.status = Status.Rejected;
        emit ReceivableRejected(rootId, msg.sender, reason);
        _burn(_tokenId(rootId, r.fragmentCount - 1));
    }

    /// @inheritdoc IReceivableToken
    function cancel(uint256 rootId) external override whenNotPaused {
        Root storage r = _pendingOf(rootId);
        if (msg.sender != r.creditor) revert ReceivableNotCreditor(rootId, msg.sender);
        r.status = Status.Cancelled;
        emit ReceivableCancelled(rootId, msg.sender);
        _burn(_tokenId(rootId, r.fragmentCount - 1));
    }

    // ------------------------------------------------------------------ attestations and documents

    /// @inheritdoc IReceivableToken
    function attest(uint256 rootId, bytes32 kind, bytes32 evidenceHash) external override returns (uint256 index) {
        _known(rootId);
        if (!registry.isEligibleKind(msg.sender, Kinds.VERIFIER)) revert ReceivableNotVerifier(msg.sender);
        Attestation[] storage list = _attestations[rootId];
        index = list.length;
        list.push(
            Attestation({
                author: msg.sender,
                time: uint40(block.timestamp),
                revoked: false,
                kind: kind,
                hash: evidenceHash
            })
        );
        emit AttestationAdded(rootId, index, msg.sender, kind, evidenceHash);
    }

    /// @inheritdoc IReceivableToken
    function revokeAttestation(uint256 rootId, uint256 index) external override {
        Attestation[] storage list = _attestations[rootId];
        if (index >= list.length) revert ReceivableUnknownAttestation(rootId, index);
        Attestation storage a = list[index];
        if (a.author != msg.sender) revert ReceivableNotAttestationAuthor(rootId, index, msg.sender);
        if (a.revoked) revert ReceivableAttestationRevoked(rootId, index);
        a.revoked = true;
        emit AttestationRevoked(rootId, index, msg.sender);
    }

    /// @inheritdoc IReceivableToken
    /// @dev Parties are the root's creditor and debtor (the invoice's two sides, who stay answerable
    /// for it after selling the claim), and only while eligible. Nothing here erases: a replaced
    /// version stays in its event, a removed document stays listed and readable.
    function setDocument(uint256 rootId, bytes32 docName, string calldata uri, bytes32 documentHash) external override {
        _requireParty(rootId);
        if (docName == bytes32(0)) revert ReceivableEmptyDocumentName();
        Document storage d = _documents[rootId][docName];
        if (d.time == 0) _documentNames[rootId].push(docName);
        d.uri = uri;
        d.hash = documentHash;
        d.time = uint40(block.timestamp);
        d.removedAt = 0;
        emit DocumentUpdated(rootId, docName, uri, documentHash);
    }

    /// @inheritdoc IReceivableToken
    function removeDocument(uint256 rootId, bytes32 docName) external override {
        _requireParty(rootId);
        Document storage d = _documents[rootId][docName];
        if (d.time == 0) revert ReceivableUnknownDocument(rootId, docName);
        if (d.removedAt != 0) revert ReceivableDocumentRemoved(rootId, docName);
        d.removedAt = uint40(block.timestamp);
        emit DocumentRemoved(rootId, docName, d.uri, d.hash);
    }

    // ------------------------------------------------------------------ split and transfer

    /// @inheritdoc IReceivableToken
    function split(
        uint256 tokenId,
        uint256[] calldata values
    ) external override whenNotPaused returns (uint256[] memory newTokenIds) {
        uint256 n = values.length;
        if (n < 2 || n > MAX_SPLIT) revert ReceivableBadSplitCount(n);
        (uint256 rootId, Root storage r, Fragment memory f) = _movable(tokenId);
        _requireEligible(msg.sender); // a frozen or suspended holder does not act on its fragments
        uint256 sum;
        for (uint256 i; i < n; ++i) {
            if (values[i] < _minFragmentValue) revert ReceivableFragmentTooSmall(values[i], _minFragmentValue);
            sum += values[i];
        }
        if (sum != f.value) revert ReceivableSplitSumMismatch(tokenId, sum, f.value);
        newTokenIds = new uint256[](n - 1);
        uint256 cursor = f.start + values[0];
        uint32 next = r.fragmentCount;
        // Bounded by MAX_SPLIT; the parts tile the parent's interval so entitlement is conserved.
        for (uint256 i = 1; i < n; ++i) {
            uint256 id = _tokenId(rootId, next);
            _fragments[id] = Fragment({
                start: uint96(cursor),
                value: uint96(values[i]),
                checkpoint: f.checkpoint,
                tier: f.tier,
                carry: 0 // the parent keeps what it was owed and not paid
            });
            newTokenIds[i - 1] = id;
            emit FragmentSplit(tokenId, id, values[i]);
            _mint(msg.sender, id);
            cursor += values[i];
            unchecked {
                ++next; // fragmentCount is uint32 and grows by at most MAX_SPLIT per call
            }
        }
        r.fragmentCount = next;
        f.value = uint96(values[0]);
        _fragments[tokenId] = f;
    }

    /// @inheritdoc IReceivableToken
    function sendValue(
        uint256 tokenId,
        address to,
        uint256 value
    ) external override whenNotPaused returns (uint256 newTokenId) {
        (uint256 rootId, Root storage r, Fragment memory f) = _movable(tokenId);
        _requireEligible(msg.sender); // the recipient is checked by _mint
        if (value < _minFragmentValue) revert ReceivableFragmentTooSmall(value, _minFragmentValue);
        if (value >= f.value) revert ReceivableSplitSumMismatch(tokenId, value, f.value);
        if (f.value - value < _minFragmentValue) revert ReceivableFragmentTooSmall(f.value - value, _minFragmentValue);
        uint256 tier = uint256(f.tier) + 1;
        if (tier > _maxTier) revert ReceivableTierTooDeep(tier, _maxTier);
        uint32 index = r.fragmentCount;
        r.fragmentCount = index + 1;
        newTokenId = _tokenId(rootId, index);
        // The sent part is the top of the parent's interval and keeps the parent's checkpoint, so
        // money paid and not yet claimed on that part travels with it.
        unchecked {
            f.value -= uint96(value); // value < f.value checked above
        }
        _fragments[newTokenId] = Fragment({
            start: f.start + f.value,
            value: uint96(value),
            checkpoint: f.checkpoint,
            tier: uint8(tier),
            carry: 0 // the parent keeps what it was owed and not paid
        });
        _fragments[tokenId] = f;
        emit FragmentValueSent(tokenId, newTokenId, to, value, uint8(tier));
        _mint(to, newTokenId); // the recipient's eligibility is checked in _update
    }

    // ------------------------------------------------------------------ repayment

    /// @inheritdoc IReceivableToken
    function repay(uint256 rootId, uint256 amount) external override whenNotPaused nonReentrant {
        Root storage r = _roots[rootId];
        Status s = r.status;
        if (s != Status.Confirmed && s != Status.Defaulted) revert ReceivableWrongStatus(rootId, s);
        address debtor = r.debtor;
        // Only the debtor's side pays, so no third party can fill the payment counter or make the
        // debtor's full payment overshoot (another wallet of the same participant is the debtor).
        if (
            msg.sender != debtor &&
            ParticipantId.unwrap(registry.participantOf(msg.sender)) !=
                ParticipantId.unwrap(registry.participantOf(debtor))
        ) revert ReceivableNotDebtor(rootId, msg.sender);
        if (amount == 0) revert ReceivableZeroAmount();
        uint256 paid = r.paid;
        uint256 outstanding = r.face - paid;
        if (amount > outstanding) revert ReceivableOverpayment(rootId, amount, outstanding);
        uint256 k = uint256(r.paymentCount) + 1;
        // The counter's last value is kept for the payment that settles the root.
        if (k >= type(uint16).max && amount != outstanding) revert ReceivableTooManyPayments(rootId);
        paid += amount;
        r.paid = uint96(paid);
        r.paymentCount = uint16(k);
        _paidAfter[rootId][k] = paid;
        if (k == 1) _claimed[rootId] = 1;
        if (paid == r.face) r.status = Status.Settled;
        emit ReceivableRepaid(rootId, msg.sender, amount, paid);
        if (paid == r.face) emit ReceivableSettled(rootId);
        _pullExact(IERC20(r.currency), msg.sender, amount);
    }

    /// @inheritdoc IReceivableToken
    /// @dev No reentrancy guard: every write (checkpoint, root claimed total) precedes the one
    /// external call, so a re-entered claim finds nothing owed (tested with a hostile currency).
    /// The guard's ~300 gas would put claim over its 75,000 budget.
    function claim(uint256 tokenId) external override whenNotPaused returns (uint256 amount) {
        address holder = ownerOf(tokenId);
        if (msg.sender != holder) {
            if (!_isApprovedOrOwner(msg.sender, tokenId)) revert ReceivableNotHolder(tokenId, msg.sender);
            _requireEligible(msg.sender); // an operator acts only while eligible itself
        }
        if (_getExtraData(tokenId) & _FROZEN != 0) revert ReceivableFrozen(tokenId);
        uint256 rootId = tokenId >> 32;
        Root storage r = _roots[rootId];
        Fragment memory f = _load(tokenId, r);
        uint256 count = r.paymentCount;
        uint256 owed = _owed(rootId, r, f, count);
        // Never pay out more than the root has received: a fragment whose share is one unit ahead
        // (see _owed) can leave the last claimer of a payment one unit short. It takes what the
        // root holds and carries the rest, which a later claim pays (at the latest at settlement).
        uint256 claimedPlusOne = _claimed[rootId];
        uint256 available = r.paid + 1 - claimedPlusOne;
        amount = owed < available ? owed : available;
        if (amount == 0) revert ReceivableNothingToClaim(tokenId);
        uint256 carry;
        unchecked {
            carry = owed - amount; // amount <= owed
        }
        if (carry > type(uint24).max) revert ReceivableClaimDeferred(tokenId, owed, available);
        _claimed[rootId] = claimedPlusOne + amount;
        // The fragment with its new checkpoint and carry, in one SSTORE: assigning the 5-field struct
        // compiles to one read-modify-write per field (measured: receivable.claim 76,381 -> see bench).
        Fragment storage stored = _fragments[tokenId];
        uint256 packed =
            uint256(f.start) | (uint256(f.value) << 96) | (count << 192) | (uint256(f.tier) << 224) | (carry << 232);
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            sstore(stored.slot, packed)
        }
        emit FragmentClaimed(tokenId, holder, amount);
        IERC20(r.currency).safeTransfer(holder, amount);
    }

    /// @inheritdoc IReceivableToken
    function declareDefault(uint256 tokenId) external override whenNotPaused {
        if (ownerOf(tokenId) != msg.sender) revert ReceivableNotHolder(tokenId, msg.sender);
        uint256 rootId = tokenId >> 32;
        Root storage r = _roots[rootId];
        if (r.status != Status.Confirmed) revert ReceivableWrongStatus(rootId, r.status);
        uint256 defaultableAt = uint256(r.dueDate) + _gracePeriod + _defaultPeriod;
        if (block.timestamp <= defaultableAt) revert ReceivableNotYetDefaultable(rootId, defaultableAt);
        r.status = Status.Defaulted;
        emit ReceivableDefaulted(rootId, msg.sender, r.face - r.paid);
    }

    // ------------------------------------------------------------------ operators

    /// @inheritdoc IReceivableToken
    function setCurrency(address currency, bool approved) external override restricted {
        _currencies[currency] = approved;
        emit CurrencyApproved(currency, approved);
    }

    /// @inheritdoc IReceivableToken
    function freeze(uint256 tokenId, bytes32 orderRef) external override restricted {
        ownerOf(tokenId);
        uint96 flags = _getExtraData(tokenId);
        if (flags & _FROZEN != 0) revert ReceivableFrozen(tokenId);
        _setExtraData(tokenId, flags | _FROZEN);
        emit FragmentFrozen(tokenId, orderRef);
    }

    /// @inheritdoc IReceivableToken
    function unfreeze(uint256 tokenId, bytes32 orderRef) external override restricted {
        ownerOf(tokenId);
        uint96 flags = _getExtraData(tokenId);
        if (flags & _FROZEN == 0) revert ReceivableNotFrozen(tokenId);
        _setExtraData(tokenId, flags & ~_FROZEN);
        emit FragmentUnfrozen(tokenId, orderRef);
    }

    /// @inheritdoc IReceivableToken
    function forcedTransfer(uint256 tokenId, address to, bytes32 orderRef) external override restricted {
        address from = ownerOf(tokenId);
        _requireEligible(to);
        emit FragmentForceTransferred(tokenId, from, to, orderRef);
        // Bypasses this contract's pause, freeze and status checks: the order overrides them.
        _forcing = true;
        _transfer(from, to, tokenId);
        _forcing = false;
    }

    /// @inheritdoc IReceivableToken
    function pause() external override restricted {
        _pause();
    }

    /// @inheritdoc IReceivableToken
    function unpause() external override restricted {
        if (_importer != address(0) && !_migrationClosed) revert ReceivableMigrationOpen();
        _unpause();
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IReceivableToken
    function rootIdOf(bytes32 invoiceHash, address seller, address debtor) public view override returns (uint256) {
        return _rootId(invoiceHash, registry.participantOf(seller), registry.participantOf(debtor));
    }

    /// @inheritdoc IReceivableToken
    function isFingerprintUsed(uint256 rootId) external view override returns (bool) {
        Status s = _roots[rootId].status;
        return s != Status.None && s != Status.Rejected && s != Status.Cancelled;
    }

    /// @inheritdoc IReceivableToken
    function receivable(uint256 rootId) external view override returns (Root memory) {
        return _roots[rootId];
    }

    /// @inheritdoc IReceivableToken
    function stateOf(uint256 rootId) external view override returns (State) {
        return _state(_roots[rootId]);
    }

    function _state(Root storage r) private view returns (State) {
        Status s = r.status;
        if (s == Status.Confirmed) {
            if (block.timestamp > uint256(r.dueDate) + _gracePeriod) return State.Overdue;
            return r.paid == 0 ? State.Confirmed : State.PartiallyPaid;
        }
        if (s == Status.None) return State.None;
        if (s == Status.Pending) return State.Pending;
        if (s == Status.Defaulted) return State.Defaulted;
        if (s == Status.Settled) return State.Settled;
        return s == Status.Rejected ? State.Rejected : State.Cancelled;
    }

    /// @inheritdoc IReceivableToken
    function fragment(uint256 tokenId) external view override returns (Fragment memory f, uint256 rootId) {
        ownerOf(tokenId);
        rootId = tokenId >> 32;
        f = _load(tokenId, _roots[rootId]);
    }

    /// @inheritdoc IReceivableToken
    function isFrozen(uint256 tokenId) external view override returns (bool) {
        ownerOf(tokenId);
        return _getExtraData(tokenId) & _FROZEN != 0;
    }

    /// @inheritdoc IReceivableToken
    function claimable(uint256 tokenId) external view override returns (uint256) {
        ownerOf(tokenId);
        // Exactly what claim() pays now, so a custodian looping over its fragments can skip a
        // frozen one (or one owed nothing) instead of reverting.
        if (_getExtraData(tokenId) & _FROZEN != 0) return 0;
        uint256 rootId = tokenId >> 32;
        Root storage r = _roots[rootId];
        uint256 owed = _owed(rootId, r, _load(tokenId, r), r.paymentCount);
        uint256 available = r.paid + 1 - _claimed[rootId];
        return owed < available ? owed : available;
    }

    /// @inheritdoc IReceivableToken
    function position(uint256 tokenId) external view override returns (Position memory p) {
        p.holder = ownerOf(tokenId);
        p.frozen = _getExtraData(tokenId) & _FROZEN != 0;
        uint256 rootId = tokenId >> 32;
        Root storage r = _roots[rootId];
        Fragment memory f = _load(tokenId, r);
        p.currency = r.currency;
        p.dueDate = r.dueDate;
        p.state = _state(r);
        p.value = f.value;
        // Claimed so far = share at the checkpoint - carry (see claim()).
        p.remaining = uint96(uint256(f.value) + f.carry - _shareAtCheckpoint(rootId, f, r.face));
    }

    /// @inheritdoc IReceivableToken
    function documentRemovedAt(uint256 rootId, bytes32 docName) external view override returns (uint256) {
        return _documents[rootId][docName].removedAt;
    }

    /// @inheritdoc IReceivableToken
    function claimedOf(uint256 rootId) external view override returns (uint256) {
        uint256 c = _claimed[rootId];
        return c == 0 ? 0 : c - 1;
    }

    /// @inheritdoc IReceivableToken
    function paidAfter(uint256 rootId, uint256 k) external view override returns (uint256) {
        return _paidAfter[rootId][k];
    }

    /// @inheritdoc IReceivableToken
    function attestations(uint256 rootId) external view override returns (Attestation[] memory) {
        return _attestations[rootId];
    }

    /// @inheritdoc IReceivableToken
    function getDocument(
        uint256 rootId,
        bytes32 docName
    ) external view override returns (string memory uri, bytes32 documentHash, uint256 time) {
        Document storage d = _documents[rootId][docName];
        return (d.uri, d.hash, d.time);
    }

    /// @inheritdoc IReceivableToken
    function getAllDocuments(uint256 rootId) external view override returns (bytes32[] memory) {
        return _documentNames[rootId];
    }

    /// @inheritdoc IReceivableToken
    function isCurrencyApproved(address currency) external view override returns (bool) {
        return _currencies[currency];
    }

    /// @inheritdoc IReceivableToken
    function params() external view override returns (uint256, uint256, uint256, uint256, uint256) {
        return (_maxTenor, _gracePeriod, _defaultPeriod, _minFragmentValue, _maxTier);
    }

    // ------------------------------------------------------------------ internal

    /// @dev Whole-fragment transfers: not paused, not pending, not frozen, both parties and any
    /// operator eligible.
    /// Mints check the recipient; burns (reject/cancel of a pending root) pass; a regulator's forced
    /// transfer passes (its flag is only read once a check has failed, to keep the common path lean).
    function _beforeTokenTransfer(address from, address to, uint256 tokenId) internal view override {
        if (to == address(0)) return;
        if (from == address(0)) {
            _requireEligible(to);
            return;
        }
        uint96 flags = _getExtraData(tokenId);
        (uint256 rf, uint256 rt) = _eligibilityOf(from, to);
        if (paused() || flags != 0 || rf != 0 || rt != 0) {
            if (_forcing) return;
            _requireNotPaused();
            if (flags & _PENDING != 0) revert ReceivableNotTransferable(tokenId);
            if (flags & _FROZEN != 0) revert ReceivableFrozen(tokenId);
            if (rf != 0) revert ReceivableIneligible(from, IParticipantRegistry.Ineligibility(rf));
            revert ReceivableIneligible(to, IParticipantRegistry.Ineligibility(rt));
        }
        // An operator (an approved wallet or a custody module) moves a fragment only while eligible.
        if (msg.sender != from && !_forcing) _requireEligible(msg.sender);
    }

    /// @dev `registry.eligibilityOf(from, to)` without Solidity's generic call and decode: saves
    /// about 250 gas on every whole-fragment transfer (measured: receivable.transfer 53,728 ->
    /// below the 1.25x budget of 53,457). Reverts bubble up; the answers are enum values < 6.
    function _eligibilityOf(address from, address to) private view returns (uint256 rf, uint256 rt) {
        address reg = address(registry);
        bytes4 selector = IParticipantRegistry.eligibilityOf.selector;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, selector)
            mstore(add(m, 0x04), from)
            mstore(add(m, 0x24), to)
            if iszero(and(gt(returndatasize(), 0x3f), staticcall(gas(), reg, m, 0x44, 0x00, 0x40))) {
                returndatacopy(m, 0, returndatasize())
                revert(m, returndatasize())
            }
            rf := mload(0x00)
            rt := mload(0x20)
        }
    }

    function _issue(
        address creditor,
        address debtor,
        address currency,
        uint256 face,
        uint256 dueDate,
        bytes32 invoiceHash,
        Status status
    ) private returns (uint256 rootId) {
        if (face == 0) revert ReceivableZeroAmount();
        if (face > type(uint96).max) revert ReceivableAmountTooLarge(face);
        if (!_currencies[currency]) revert ReceivableCurrencyNotApproved(currency);
        if (dueDate <= block.timestamp) revert ReceivableDueDateInPast(dueDate, block.timestamp);
        if (dueDate > block.timestamp + _maxTenor) revert ReceivableTenorTooLong(dueDate, block.timestamp + _maxTenor);
        if (creditor == debtor) revert ReceivableSameParty(creditor);
        _requireEligible(debtor);
        if (!registry.hasKind(debtor, Kinds.CORE_ENTERPRISE | Kinds.SME)) revert ReceivableNotDebtorKind(debtor);
        ParticipantId sellerId = registry.participantOf(creditor);
        ParticipantId debtorId = registry.participantOf(debtor);
        if (ParticipantId.unwrap(sellerId) == bytes32(0)) revert ReceivableNotParticipant(creditor);
        if (ParticipantId.unwrap(debtorId) == bytes32(0)) revert ReceivableNotParticipant(debtor);
        // Two wallets of one participant are one party: nobody owes itself.
        if (ParticipantId.unwrap(sellerId) == ParticipantId.unwrap(debtorId)) revert ReceivableSameParty(debtor);
        rootId = _rootId(invoiceHash, sellerId, debtorId);
        Root storage r = _roots[rootId];
        Status old = r.status;
        if (old != Status.None && old != Status.Rejected && old != Status.Cancelled) {
            revert ReceivableFingerprintUsed(rootId, old);
        }
        // A released fingerprint may be issued again; fragment indexes keep counting so token ids
        // are never reused.
        uint32 index = r.fragmentCount;
        r.debtor = debtor;
        r.dueDate = uint40(dueDate);
        r.status = status;
        r.fragmentCount = index + 1;
        r.currency = currency;
        r.face = uint96(face);
        r.creditor = creditor;
        uint256 tokenId = _tokenId(rootId, index);
        _mint(creditor, tokenId); // checks the creditor's eligibility
        if (status == Status.Pending) _setExtraData(tokenId, _PENDING);
    }

    /// @dev A fragment as stored; a never-written fragment is its issuance's whole face.
    function _load(uint256 tokenId, Root storage r) private view returns (Fragment memory f) {
        f = _fragments[tokenId];
        if (f.value == 0) f.value = r.face;
    }

    /// @dev What fragment `f` of root `r` is owed after `count` payments, less what it claimed.
    function _owed(uint256 rootId, Root storage r, Fragment memory f, uint256 count) private view returns (uint256) {
        if (f.checkpoint == count) return f.carry;
        uint256 face = r.face;
        uint256 shareNow = ProRata.intervalShare(f.start, uint256(f.start) + f.value, r.paid, face) + f.carry;
        uint256 shareBefore = _shareAtCheckpoint(rootId, f, face);
        // An interval's share is not monotone in `paid` (its two floors round at different points):
        // after a small payment it can be one base unit below what the fragment already claimed.
        // The fragment is then owed nothing until a later payment (at the latest, settlement), and
        // claim() caps every payout by what the root still holds, so the contract never pays more
        // than it received on a root.
        return shareNow > shareBefore ? shareNow - shareBefore : 0;
    }

    /// @dev The fragment's share of what was paid at its checkpoint (what it claimed, plus its carry).
    function _shareAtCheckpoint(uint256 rootId, Fragment memory f, uint256 face) private view returns (uint256) {
        uint256 paidBefore = f.checkpoint == 0 ? 0 : _paidAfter[rootId][f.checkpoint];
        return ProRata.intervalShare(f.start, uint256(f.start) + f.value, paidBefore, face);
    }

    /// @dev A confirmed (not settled, not defaulted), not overdue, not frozen fragment held by the caller.
    function _movable(uint256 tokenId) private view returns (uint256 rootId, Root storage r, Fragment memory f) {
        if (ownerOf(tokenId) != msg.sender) revert ReceivableNotHolder(tokenId, msg.sender);
        if (_getExtraData(tokenId) & _FROZEN != 0) revert ReceivableFrozen(tokenId);
        rootId = tokenId >> 32;
        r = _roots[rootId];
        if (r.status != Status.Confirmed) revert ReceivableWrongStatus(rootId, r.status);
        uint256 overdueSince = uint256(r.dueDate) + _gracePeriod;
        if (block.timestamp > overdueSince) revert ReceivableOverdue(rootId, overdueSince);
        f = _load(tokenId, r);
    }

    function _pendingOf(uint256 rootId) private view returns (Root storage r) {
        r = _roots[rootId];
        if (r.status != Status.Pending) revert ReceivableWrongStatus(rootId, r.status);
    }

    function _known(uint256 rootId) private view returns (Root storage r) {
        r = _roots[rootId];
        if (r.status == Status.None) revert ReceivableUnknownRoot(rootId);
    }

    function _requireParty(uint256 rootId) private view {
        Root storage r = _known(rootId);
        if (msg.sender != r.creditor && msg.sender != r.debtor) revert ReceivableNotParty(rootId, msg.sender);
        _requireEligible(msg.sender);
    }

    function _requireEligible(address wallet) private view {
        IParticipantRegistry.Ineligibility reason = registry.eligibility(wallet);
        if (reason != IParticipantRegistry.Ineligibility.None) revert ReceivableIneligible(wallet, reason);
    }

    /// @dev Pulls exactly `amount` or reverts: fee-on-transfer currencies are refused.
    function _pullExact(IERC20 token, address from, uint256 amount) private {
        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(from, address(this), amount);
        uint256 received = token.balanceOf(address(this)) - before;
        if (received != amount) revert ReceivableFeeOnTransfer(address(token), amount, received);
    }

    function _rootId(
        bytes32 invoiceHash,
        ParticipantId sellerId,
        ParticipantId debtorId
    ) private pure returns (uint256) {
        return uint256(uint224(bytes28(keccak256(abi.encode(invoiceHash, sellerId, debtorId)))));
    }
}
