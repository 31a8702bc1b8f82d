// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IParticipantRegistry} from "./IParticipantRegistry.sol";

/**
 * @title IReceivableToken
 * @notice Digital receivables ("debt vouchers"): a core enterprise's confirmed payable, split and
 * passed down the supply chain as ERC-721 fragments, financed, and paid at maturity to whoever
 * holds each fragment.
 *
 * Ids. A receivable (root) is identified by its invoice fingerprint: `rootId =
 * uint224(bytes28(keccak256(abi.encode(invoiceHash, sellerId, debtorId))))`, computed by the
 * contract from the registry's participant ids, so the same invoice can never back two live
 * receivables (no double financing). A fragment's token id is `rootId << 32 | index`.
 *
 * Entitlement. Each fragment is an interval `[start, start + value)` of its root's face. When
 * `paid` has been paid against the root, the fragment is entitled to
 * `floor((start + value) * paid / face) - floor(start * paid / face)`. The intervals tile the
 * face, so the entitlements of all fragments add up to exactly `paid` (no rounding dust), and a
 * split or partial transfer neither creates nor destroys entitlement. Each fragment records the
 * payment up to which it has claimed; what is paid and not yet claimed travels with the fragment.
 */
interface IReceivableToken {
    /// @notice Stored lifecycle state of a root. Overdue and partially paid are derived: see {stateOf}.
    enum Status {
        None,
        Pending, // issued by the creditor, awaiting the debtor
        Confirmed, // confirmed by the debtor (or issued by it)
        Rejected, // rejected by the debtor before confirmation (fingerprint released)
        Cancelled, // cancelled by the creditor before confirmation (fingerprint released)
        Defaulted, // declared by a holder after due date + grace + default period
        Settled // paid in full
    }

    /// @notice Lifecycle as seen now.
    enum State {
        None,
        Pending,
        Confirmed,
        PartiallyPaid,
        Overdue,
        Defaulted,
        Settled,
        Rejected,
        Cancelled
    }

    /// @notice A root as stored (3 slots). The invoice document given at issue is anchored in the
    /// {ReceivableIssued} event (URI and hash), not in storage: a fourth slot would cost 22,100 gas
    /// on every issue. Later documents are stored (see {setDocument}).
    struct Root {
        address debtor; // the wallet that confirms and owes
        uint40 dueDate; // unix seconds
        Status status;
        uint32 fragmentCount; // fragments ever created (next index)
        uint16 paymentCount; // payments received
        address currency; // approved ERC-20
        uint96 face; // base units of currency
        address creditor; // the seller (first holder)
        uint96 paid; // total paid against the root, base units
    }

    /// @notice A fragment as stored (1 slot). Its pending and frozen flags live in the ERC-721
    /// ownership slot (read on every transfer anyway): see {isFrozen}.
    struct Fragment {
        uint96 start; // offset of the interval on the root's face
        uint96 value; // face value of the fragment, base units
        uint32 checkpoint; // payment count up to which it has claimed
        uint8 tier; // hops from the first holder by partial transfers
        uint24 carry; // owed at its last claim but not yet paid out (the root held less), base units
    }

    /// @notice A fragment as a market sees it (see {position}).
    struct Position {
        address holder;
        address currency; // the root's
        uint40 dueDate; // the root's, unix seconds
        State state; // the root's, now
        bool frozen;
        uint96 value; // face value of the fragment, base units
        uint96 remaining; // still to collect by its holder, base units
    }

    /// @notice A verifier's attestation on a root (customs, logistics, tax-invoice check...).
    struct Attestation {
        address author;
        uint40 time;
        bool revoked;
        bytes32 kind; // e.g. keccak256("CUSTOMS_DECLARATION")
        bytes32 hash; // hash of the attested evidence
    }

    /// @notice An ERC-1643-style document.
    struct Document {
        string uri;
        bytes32 hash;
        uint40 time; // last set
        uint40 removedAt; // 0 while current; documents are never erased (see {removeDocument})
    }

    /// @notice A zero amount: a face of 0 at issue, or a repayment of 0.
    error ReceivableZeroAmount();
    /// @notice A face above 2^96 - 1 base units (the largest a root stores).
    error ReceivableAmountTooLarge(uint256 amount);
    /// @notice A wallet that must be eligible in the registry is not, and why: the debtor or the
    /// creditor at issue, a holder splitting or sending value, either side of a transfer, an operator,
    /// a party setting a document, or the recipient of a forced transfer.
    error ReceivableIneligible(address wallet, IParticipantRegistry.Ineligibility reason);
    /// @notice The creditor or the debtor of an issue is not bound to a registry participant (a
    /// custody module, or an unregistered wallet).
    error ReceivableNotParticipant(address wallet);
    /// @notice The debtor's participant is neither a core enterprise nor an SME.
    error ReceivableNotDebtorKind(address debtor);
    /// @notice The creditor and the debtor are the same wallet, or two wallets of one participant.
    error ReceivableSameParty(address wallet);
    /// @notice The currency is not approved ({setCurrency}).
    error ReceivableCurrencyNotApproved(address currency);
    /// @notice The due date is not after now (both unix seconds).
    error ReceivableDueDateInPast(uint256 dueDate, uint256 nowTs);
    /// @notice The due date is after now plus the maximum tenor (`maxDueDate`, unix seconds).
    error ReceivableTenorTooLong(uint256 dueDate, uint256 maxDueDate);
    /// @notice The invoice fingerprint is held by a live receivable in `status` (pending, confirmed,
    /// defaulted or settled): the same invoice between the same parties cannot back a second root.
    error ReceivableFingerprintUsed(uint256 rootId, Status status);
    /// @notice No receivable was ever issued with this id.
    error ReceivableUnknownRoot(uint256 rootId);
    /// @notice The root's stored status (`status`) does not allow the act: confirm, reject and cancel
    /// need `Pending`; split, value sent and default need `Confirmed`; repayment needs `Confirmed` or
    /// `Defaulted`.
    error ReceivableWrongStatus(uint256 rootId, Status status);
    /// @notice The caller is not the debtor's wallet (confirm, reject), or not a wallet of the
    /// debtor's participant (repay).
    error ReceivableNotDebtor(uint256 rootId, address caller);
    /// @notice Only the creditor may cancel its pending receivable.
    error ReceivableNotCreditor(uint256 rootId, address caller);
    /// @notice The caller is neither the creditor nor the debtor of the root (documents).
    error ReceivableNotParty(uint256 rootId, address caller);
    /// @notice The caller does not hold the fragment (split, value sent, default) or, for a claim,
    /// is neither its holder nor an approved operator.
    error ReceivableNotHolder(uint256 tokenId, address caller);
    /// @notice The root is overdue since `overdueSince` (due date plus grace period, unix seconds):
    /// its fragments can no longer be split or sent in part.
    error ReceivableOverdue(uint256 rootId, uint256 overdueSince);
    /// @notice Default can be declared only after `defaultableAt` (due date plus grace plus default
    /// period, unix seconds).
    error ReceivableNotYetDefaultable(uint256 rootId, uint256 defaultableAt);
    /// @notice The fragment is under a judicial freeze: no transfer, split, value sent or claim, and
    /// it cannot be frozen twice.
    error ReceivableFrozen(uint256 tokenId);
    /// @notice Unfreezing a fragment that is not frozen.
    error ReceivableNotFrozen(uint256 tokenId);
    /// @notice Split: the parts add up to `sum`, not to the fragment's value `value`. Value sent:
    /// the amount sent (`sum`) is not below the fragment's value (a whole fragment moves by transfer).
    /// Base units.
    error ReceivableSplitSumMismatch(uint256 tokenId, uint256 sum, uint256 value);
    /// @notice A split into fewer than 2 or more than {MAX_SPLIT} (16) parts.
    error ReceivableBadSplitCount(uint256 count);
    /// @notice A part of a split, the value sent, or what the sender keeps is below the minimum
    /// fragment value (`minValue`, base units).
    error ReceivableFragmentTooSmall(uint256 value, uint256 minValue);
    /// @notice The value sent would make a fragment `tier` hops from the first holder, beyond the
    /// maximum tier.
    error ReceivableTierTooDeep(uint256 tier, uint256 maxTier);
    /// @notice The repayment is above what is outstanding on the root (face less paid), base units.
    error ReceivableOverpayment(uint256 rootId, uint256 amount, uint256 outstanding);
    /// @notice The root has had 65,534 payments: only a payment of exactly the outstanding amount
    /// (which settles it) is accepted now.
    error ReceivableTooManyPayments(uint256 rootId);
    /// @notice The token received `received` instead of `expected` on a repayment: a fee-on-transfer
    /// currency.
    error ReceivableFeeOnTransfer(address currency, uint256 expected, uint256 received);
    /// @notice The fragment is owed nothing now, or its root holds nothing for it.
    error ReceivableNothingToClaim(uint256 tokenId);
    /// @notice The root holds less (`available`) than the fragment is owed (`owed`), and the
    /// shortfall is too large to carry in the fragment (above 2^24 - 1 base units).
    error ReceivableClaimDeferred(uint256 tokenId, uint256 owed, uint256 available);
    /// @notice The caller is not an eligible verifier.
    error ReceivableNotVerifier(address caller);
    /// @notice The root has no attestation at `index`.
    error ReceivableUnknownAttestation(uint256 rootId, uint256 index);
    /// @notice Only the author of an attestation may revoke it.
    error ReceivableNotAttestationAuthor(uint256 rootId, uint256 index, address caller);
    /// @notice The attestation is already revoked.
    error ReceivableAttestationRevoked(uint256 rootId, uint256 index);
    /// @notice A document name of zero.
    error ReceivableEmptyDocumentName();
    /// @notice The root has no document of this name.
    error ReceivableUnknownDocument(uint256 rootId, bytes32 name);
    /// @notice A pending fragment cannot be transferred: its root awaits the debtor's confirmation.
    error ReceivableNotTransferable(uint256 tokenId);
    /// @notice The document is already marked removed.
    error ReceivableDocumentRemoved(uint256 rootId, bytes32 name);
    /// @notice A successor deployment is unpaused only once its migration is closed
    /// ({IReceivableImporter-closeMigration}).
    error ReceivableMigrationOpen();

    /// @notice A receivable was issued: by the creditor ({issue}, pending) or by the debtor
    /// ({issuePayable}, already confirmed). Anchors the invoice document.
    /// @param face Face amount, base units of `currency`.
    /// @param dueDate Unix seconds.
    /// @param invoiceHash keccak256 of the invoice number, as given.
    /// @param documentUri Where the invoice document lives.
    /// @param documentHash Hash of the invoice document.
    /// @param confirmed True when issued by the debtor ({issuePayable}).
    event ReceivableIssued(
        uint256 indexed rootId,
        address indexed creditor,
        address indexed debtor,
        address currency,
        uint256 face,
        uint256 dueDate,
        bytes32 invoiceHash,
        string documentUri,
        bytes32 documentHash,
        bool confirmed
    );
    /// @notice The debtor confirmed a pending receivable: it now owes the holders.
    event ReceivableConfirmed(uint256 indexed rootId, address indexed debtor);
    /// @notice The debtor rejected a pending receivable (`reason`: its code, as given); the fragment
    /// was burnt and the fingerprint released.
    event ReceivableRejected(uint256 indexed rootId, address indexed debtor, bytes32 reason);
    /// @notice The creditor cancelled its pending receivable; the fragment was burnt and the
    /// fingerprint released.
    event ReceivableCancelled(uint256 indexed rootId, address indexed creditor);
    /// @notice A payment against a root.
    /// @param payer The paying wallet (the debtor's, or another wallet of its participant).
    /// @param amount This payment, base units.
    /// @param totalPaid Everything paid against the root so far, this payment included, base units.
    event ReceivableRepaid(uint256 indexed rootId, address indexed payer, uint256 amount, uint256 totalPaid);
    /// @notice The root is paid in full (emitted after the {ReceivableRepaid} that settled it).
    event ReceivableSettled(uint256 indexed rootId);
    /// @notice A holder declared the root in default.
    /// @param outstanding Face less what was paid at the declaration, base units.
    event ReceivableDefaulted(uint256 indexed rootId, address indexed declaredBy, uint256 outstanding);
    /// @notice One new part of a split: fragment `newTokenId` of `value` base units, cut from
    /// `tokenId` (which keeps the first part) and minted to its holder.
    event FragmentSplit(uint256 indexed tokenId, uint256 indexed newTokenId, uint256 value);
    /// @notice The holder of `tokenId` sent `value` base units of it to `to` as the new fragment
    /// `newTokenId`, at `tier` hops from the first holder.
    event FragmentValueSent(
        uint256 indexed tokenId,
        uint256 indexed newTokenId,
        address indexed to,
        uint256 value,
        uint8 tier
    );
    /// @notice `amount` (base units) was paid to the fragment's holder by a claim (the holder's or
    /// an operator's).
    event FragmentClaimed(uint256 indexed tokenId, address indexed holder, uint256 amount);
    /// @notice The regulator froze a fragment; `orderRef` is the hash of the court order.
    event FragmentFrozen(uint256 indexed tokenId, bytes32 orderRef);
    /// @notice The regulator lifted a fragment's freeze; `orderRef` is the hash of the court order.
    event FragmentUnfrozen(uint256 indexed tokenId, bytes32 orderRef);
    /// @notice The regulator moved a fragment from `from` to `to` under a court order (`orderRef`,
    /// its hash), with its unclaimed entitlement.
    event FragmentForceTransferred(uint256 indexed tokenId, address indexed from, address indexed to, bytes32 orderRef);
    /// @notice A verifier attested a root: attestation `index` on it, of `kind` (e.g.
    /// keccak256("CUSTOMS_DECLARATION")), `hash` the hash of the evidence.
    event AttestationAdded(uint256 indexed rootId, uint256 index, address indexed author, bytes32 kind, bytes32 hash);
    /// @notice The author revoked attestation `index` of the root.
    event AttestationRevoked(uint256 indexed rootId, uint256 index, address indexed author);
    /// @notice A party set (added, replaced or restored) the root's document `name`.
    event DocumentUpdated(uint256 indexed rootId, bytes32 indexed name, string uri, bytes32 documentHash);
    /// @notice A party marked the root's document `name` removed; `uri` and `documentHash` are its
    /// last version, which stays readable.
    event DocumentRemoved(uint256 indexed rootId, bytes32 indexed name, string uri, bytes32 documentHash);
    /// @notice The asset admin approved or withdrew a currency (also emitted when a successor copies
    /// an approval, {IReceivableImporter-importCurrencies}).
    event CurrencyApproved(address indexed currency, bool approved);

    // ------------------------------------------------------------------ issue and confirm

    /// @notice A creditor (supplier) issues a receivable against `debtor`; pending until the debtor
    /// confirms or rejects it. The fragment (index 0, whole face) is minted to the caller.
    /// @param debtor The debtor's wallet (an eligible core enterprise or SME).
    /// @param currency An approved ERC-20.
    /// @param face Face amount in base units (> 0, < 2^96).
    /// @param dueDate Unix seconds, in the future and within the maximum tenor.
    /// @param invoiceHash keccak256 of the invoice number; with the two parties' ids it makes the fingerprint.
    /// @param documentUri Where the invoice document lives (recorded in the event).
    /// @param documentHash Hash of the invoice document (recorded in the event).
    /// @return rootId The receivable's id (its fingerprint).
    function issue(
        address debtor,
        address currency,
        uint256 face,
        uint256 dueDate,
        bytes32 invoiceHash,
        string calldata documentUri,
        bytes32 documentHash
    ) external returns (uint256 rootId);

    /// @notice A debtor (core enterprise) issues an already-confirmed payable to `creditor`, who
    /// receives the fragment. Same checks as {issue}.
    function issuePayable(
        address creditor,
        address currency,
        uint256 face,
        uint256 dueDate,
        bytes32 invoiceHash,
        string calldata documentUri,
        bytes32 documentHash
    ) external returns (uint256 rootId);

    /// @notice The debtor confirms a pending receivable: from now on it owes the holders.
    function confirm(uint256 rootId) external;

    /// @notice The debtor rejects a pending receivable; its fragment is burnt and the fingerprint released.
    function reject(uint256 rootId, bytes32 reason) external;

    /// @notice The creditor cancels its pending receivable; fragment burnt, fingerprint released.
    function cancel(uint256 rootId) external;

    // ------------------------------------------------------------------ attestations and documents

    /// @notice An eligible verifier attaches an attestation to a root.
    /// @return index The attestation's index on the root.
    function attest(uint256 rootId, bytes32 kind, bytes32 evidenceHash) external returns (uint256 index);

    /// @notice The author revokes its attestation.
    function revokeAttestation(uint256 rootId, uint256 index) external;

    /// @notice The creditor or the debtor, while eligible, sets (adds or replaces) a named document
    /// of a root; setting a removed name restores it. Every version stays in the
    /// {DocumentUpdated} events. A revoked, suspended, frozen or lapsed party can no longer act.
    function setDocument(uint256 rootId, bytes32 name, string calldata uri, bytes32 documentHash) external;

    /// @notice The creditor or the debtor, while eligible, marks a named document as removed
    /// (withdrawn). Nothing is erased: the name stays in {getAllDocuments} and the last URI and
    /// hash stay readable with the removal time in {documentRemovedAt}.
    function removeDocument(uint256 rootId, bytes32 name) external;

    // ------------------------------------------------------------------ split and transfer

    /// @notice The holder, while eligible itself (not frozen, suspended, revoked or lapsed), splits a
    /// confirmed fragment into parts summing exactly to its value. The fragment keeps the first
    /// part; new fragments (same tier) are minted to the holder for the rest.
    /// @return newTokenIds The ids of the new fragments, in the order of `values[1:]`.
    function split(uint256 tokenId, uint256[] calldata values) external returns (uint256[] memory newTokenIds);

    /// @notice The holder sends `value` of a confirmed fragment to `to` as a new fragment one tier
    /// deeper. The sender and the recipient must both be eligible (a frozen, suspended, revoked or
    /// lapsed holder moves nothing).
    function sendValue(uint256 tokenId, address to, uint256 value) external returns (uint256 newTokenId);

    // ------------------------------------------------------------------ repayment

    /// @notice The debtor (any wallet of the debtor's participant) pays `amount` against a confirmed
    /// or defaulted root, never above what is outstanding; the currency is pulled from the caller.
    /// Nobody else may pay, so nobody else can fill the payment counter: the 65,535th and later
    /// payments are accepted only when they settle the root, and a payment settling the root in
    /// full is always accepted.
    function repay(uint256 rootId, uint256 amount) external;

    /// @notice The holder (or an approved operator, itself eligible) claims what the fragment is
    /// owed and its root still holds; paid to the holder. When the root holds less than is owed
    /// (an interval's share can run one base unit ahead of the root, see {claimable}), the rest is
    /// carried in the fragment (`carry`) and paid by a later claim: a claim is never all or nothing.
    /// @return amount What was paid out.
    function claim(uint256 tokenId) external returns (uint256 amount);

    /// @notice A holder of a fragment of the root declares default once the root is past due date
    /// plus grace plus default period and not settled. Later payments still flow to holders.
    function declareDefault(uint256 tokenId) external;

    // ------------------------------------------------------------------ operators

    /// @notice Approves or withdraws a currency. Asset admin only.
    function setCurrency(address currency, bool approved) external;

    /// @notice Judicial freeze of a fragment: no transfer, split, value sent or claim. Regulator only.
    function freeze(uint256 tokenId, bytes32 orderRef) external;

    /// @notice Lifts a judicial freeze. Regulator only.
    function unfreeze(uint256 tokenId, bytes32 orderRef) external;

    /// @notice Moves a fragment (with its unclaimed entitlement) to an eligible wallet under a court
    /// order, frozen or not, paused or not. Regulator only.
    function forcedTransfer(uint256 tokenId, address to, bytes32 orderRef) external;

    /// @notice Stops transfers, splits, issues, repayments and claims. Guardian only.
    function pause() external;

    /// @notice Resumes. Guardian only.
    function unpause() external;

    // ------------------------------------------------------------------ views

    /// @notice The root id a fingerprint computes to for these parties (whether used or not).
    function rootIdOf(bytes32 invoiceHash, address seller, address debtor) external view returns (uint256);

    /// @notice Whether the fingerprint of `rootId` is held by a live receivable (pending, confirmed,
    /// defaulted or settled); rejected and cancelled ones released it.
    function isFingerprintUsed(uint256 rootId) external view returns (bool);

    /// @notice A root as stored.
    function receivable(uint256 rootId) external view returns (Root memory);

    /// @notice A root's lifecycle state now (derives partially paid and overdue).
    function stateOf(uint256 rootId) external view returns (State);

    /// @notice A fragment as stored and its root id.
    function fragment(uint256 tokenId) external view returns (Fragment memory, uint256 rootId);

    /// @notice Whether a fragment is under a judicial freeze.
    function isFrozen(uint256 tokenId) external view returns (bool);

    /// @notice Exactly what {claim} would pay the holder now: what the fragment is owed, capped by
    /// what its root still holds, and 0 while the fragment is frozen (so a custodian looping over
    /// its fragments can skip it). An interval's share is not monotone in `paid`: after a small
    /// payment it can fall one base unit below what the fragment already claimed, and the fragment
    /// is then owed 0 until a later payment (at the latest, settlement, when every fragment is owed
    /// exactly its value and the root holds exactly that).
    function claimable(uint256 tokenId) external view returns (uint256);

    /// @notice A fragment as a market sees it, in one call: holder, root currency and due date,
    /// state now, freeze, value, and `remaining`, what its holder is still to collect (its value
    /// less what it already claimed; paid-and-unclaimed cash included). Listings, offers, auctions
    /// and recourse are priced on `remaining`, never on the face value.
    function position(uint256 tokenId) external view returns (Position memory);

    /// @notice When a root's named document was marked removed (0 while current or unknown).
    function documentRemovedAt(uint256 rootId, bytes32 name) external view returns (uint256);

    /// @notice Total claimed by the holders of a root's fragments.
    function claimedOf(uint256 rootId) external view returns (uint256);

    /// @notice Cumulative amount paid against a root after its `k`-th payment (k = 0 gives 0).
    function paidAfter(uint256 rootId, uint256 k) external view returns (uint256);

    /// @notice Attestations of a root.
    function attestations(uint256 rootId) external view returns (Attestation[] memory);

    /// @notice ERC-1643: one document of a root.
    function getDocument(
        uint256 rootId,
        bytes32 name
    ) external view returns (string memory uri, bytes32 documentHash, uint256 time);

    /// @notice ERC-1643: the names of a root's documents.
    function getAllDocuments(uint256 rootId) external view returns (bytes32[] memory);

    /// @notice Whether a currency is approved.
    function isCurrencyApproved(address currency) external view returns (bool);

    /// @notice Deployment parameters.
    function params()
        external
        view
        returns (
            uint256 maxTenor,
            uint256 gracePeriod,
            uint256 defaultPeriod,
            uint256 minFragmentValue,
            uint256 maxTier
        );

    /// @notice The registry consulted for eligibility.
    function registry() external view returns (IParticipantRegistry);
}
