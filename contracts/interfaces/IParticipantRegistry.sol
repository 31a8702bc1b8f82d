// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @notice A participant's id: keccak256 of its Unified Social Credit Code or LEI.
type ParticipantId is bytes32;

/**
 * @title IParticipantRegistry
 * @notice Who is who in the consortium. A participant has an id, a set of kinds, a status, a KYC
 * expiry, a jurisdiction and one or more wallets. Every transfer of cash, receivables, bonds and
 * product shares asks {eligibility} about both parties; the answer comes from one storage slot per
 * wallet.
 */
interface IParticipantRegistry {
    /// @notice A participant's standing. `None` means not registered.
    enum Status {
        None,
        Active,
        Suspended,
        Revoked
    }

    /// @notice Why a wallet may not transact. `None` means it may.
    enum Ineligibility {
        None,
        NotRegistered,
        Suspended,
        Revoked,
        KycExpired,
        Frozen
    }

    /// @notice A participant as stored (2 slots plus its wallet list).
    struct Participant {
        uint16 kinds; // bit set, see Kinds
        Status status;
        uint40 kycExpiry; // unix seconds; eligible while block.timestamp <= kycExpiry
        bytes2 jurisdiction; // ISO 3166-1 alpha-2, e.g. "CN"
        uint32 index; // 1-based position in the participant list
        address[] wallets;
    }

    /// @notice The eligibility record of one wallet: 1 slot, mirrored from its participant.
    struct WalletRecord {
        uint32 participantIndex; // 0 = not bound to a participant
        Status status;
        uint40 kycExpiry;
        uint16 kinds;
        bool frozen;
    }

    /// @notice A participant id of zero.
    error RegistryZeroId();
    /// @notice A wallet or module address of zero.
    error RegistryZeroWallet();
    /// @notice A kinds bit set of zero: a participant has at least one kind.
    error RegistryNoKinds();
    /// @notice `kinds` has bits outside the known {Kinds}.
    error RegistryUnknownKinds(uint16 kinds);
    /// @notice The id is already registered (revoked participants included: an id is never reused).
    error RegistryParticipantExists(ParticipantId id);
    /// @notice The id was never registered.
    error RegistryUnknownParticipant(ParticipantId id);
    /// @notice The KYC expiry is not after now (both unix seconds).
    error RegistryKycExpiryInPast(uint40 kycExpiry, uint256 nowTs);
    /// @notice The participant is revoked: its record and wallets can no longer change (only a
    /// wallet can still be removed).
    error RegistryParticipantRevoked(ParticipantId id);
    /// @notice The participant is already revoked.
    error RegistryAlreadyRevoked(ParticipantId id);
    /// @notice Only an active participant can be suspended; this one is in `status`.
    error RegistryNotActive(ParticipantId id, Status status);
    /// @notice Only a suspended participant can be reinstated; this one is in `status`.
    error RegistryNotSuspended(ParticipantId id, Status status);
    /// @notice The wallet is already bound to this participant.
    error RegistryDuplicateWallet(ParticipantId id, address wallet);
    /// @notice The wallet is bound to another participant, `boundTo`.
    error RegistryWalletBoundElsewhere(address wallet, ParticipantId boundTo);
    /// @notice The wallet is not bound to this participant.
    error RegistryWalletNotOfParticipant(ParticipantId id, address wallet);
    /// @notice The participant's only wallet cannot be removed.
    error RegistryLastWallet(ParticipantId id, address wallet);
    /// @notice The participant already has `max` wallets ({MAX_WALLETS}).
    error RegistryTooManyWallets(ParticipantId id, uint256 max);
    /// @notice The wallet is already frozen.
    error RegistryWalletAlreadyFrozen(address wallet);
    /// @notice Unfreezing a wallet that is not frozen.
    error RegistryWalletNotFrozen(address wallet);
    /// @notice Registering a module at an address that is already a module or a participant's
    /// wallet, or binding a registered module as a participant's wallet.
    error RegistryModuleExists(address module);
    /// @notice `module` is not a registered module.
    error RegistryNotModule(address module);

    /// @notice A participant was registered (its first wallet follows in {WalletAdded}).
    /// @param kinds Bit set of {Kinds}.
    /// @param kycExpiry Unix seconds.
    /// @param jurisdiction ISO 3166-1 alpha-2 code.
    event ParticipantRegistered(ParticipantId indexed id, uint16 kinds, uint40 kycExpiry, bytes2 jurisdiction);
    /// @notice The registrar replaced a participant's kinds (bit sets of {Kinds}).
    event ParticipantKindsUpdated(ParticipantId indexed id, uint16 oldKinds, uint16 newKinds);
    /// @notice The registrar set a new KYC expiry (both unix seconds).
    event ParticipantKycRenewed(ParticipantId indexed id, uint40 oldExpiry, uint40 newExpiry);
    /// @notice The registrar set the jurisdiction code (ISO 3166-1 alpha-2).
    event ParticipantJurisdictionUpdated(ParticipantId indexed id, bytes2 jurisdiction);
    /// @notice The registrar suspended a participant (`reason`: its code, as given).
    event ParticipantSuspended(ParticipantId indexed id, bytes32 reason);
    /// @notice The registrar returned a suspended participant to active.
    event ParticipantReinstated(ParticipantId indexed id);
    /// @notice The registrar revoked a participant for good (`reason`: its code, as given).
    event ParticipantRevoked(ParticipantId indexed id, bytes32 reason);
    /// @notice A wallet was bound to a participant ({register} or {addWallet}).
    event WalletAdded(ParticipantId indexed id, address indexed wallet);
    /// @notice A wallet was unbound from a participant (a freeze on it stays).
    event WalletRemoved(ParticipantId indexed id, address indexed wallet);
    /// @notice The regulator froze a wallet; `orderRef` is the hash of the court order.
    event WalletFrozen(address indexed wallet, bytes32 orderRef);
    /// @notice The regulator lifted a wallet's freeze; `orderRef` is the hash of the court order.
    event WalletUnfrozen(address indexed wallet, bytes32 orderRef);
    /// @notice `module` is now a custody module; `registeredBy` is the caller (the deployer or a
    /// factory holding `MODULE_FACTORY`).
    event ModuleRegistered(address indexed module, address indexed registeredBy);
    /// @notice `module` is no longer a custody module (it can neither hold nor move cash or assets).
    event ModuleDeregistered(address indexed module, address indexed deregisteredBy);

    /// @notice Registers a participant with one wallet. Registrar only.
    /// @param id keccak256 of the Unified Social Credit Code or LEI; not zero, not registered yet.
    /// @param kinds Bit set of {Kinds}; at least one, only known bits.
    /// @param kycExpiry When the KYC review lapses (unix seconds); in the future.
    /// @param jurisdiction ISO 3166-1 alpha-2 code.
    /// @param wallet First wallet; not zero and not bound to anyone.
    function register(ParticipantId id, uint16 kinds, uint40 kycExpiry, bytes2 jurisdiction, address wallet) external;

    /// @notice Replaces a participant's kinds. Registrar only; not for revoked participants.
    function setKinds(ParticipantId id, uint16 kinds) external;

    /// @notice Sets a new KYC expiry (in the future). Registrar only; not for revoked participants.
    function renewKyc(ParticipantId id, uint40 kycExpiry) external;

    /// @notice Sets the jurisdiction code. Registrar only; not for revoked participants.
    function setJurisdiction(ParticipantId id, bytes2 jurisdiction) external;

    /// @notice Suspends an active participant: its wallets stop being eligible. Registrar only.
    function suspend(ParticipantId id, bytes32 reason) external;

    /// @notice Returns a suspended participant to active. Registrar only.
    function reinstate(ParticipantId id) external;

    /// @notice Revokes a participant for good (terminal). Registrar only.
    function revoke(ParticipantId id, bytes32 reason) external;

    /// @notice Binds another wallet to a participant (at most {MAX_WALLETS}). Registrar only.
    function addWallet(ParticipantId id, address wallet) external;

    /// @notice Unbinds a wallet (not the last one). Registrar only. A frozen wallet stays frozen.
    function removeWallet(ParticipantId id, address wallet) external;

    /// @notice Freezes a wallet in every module of the suite (judicial freeze). Regulator only.
    function freezeWallet(address wallet, bytes32 orderRef) external;

    /// @notice Lifts a freeze. Regulator only.
    function unfreezeWallet(address wallet, bytes32 orderRef) external;

    /// @notice Registers a suite contract (market, bond, product) as an eligible custody wallet.
    /// Role MODULE_FACTORY: held by the deployer (for the suite's own contracts) and by factory
    /// contracts; the registrar does not hold it (see src/wiring.ts and ignition/modules/Foundation.ts).
    function registerModule(address module) external;

    /// @notice Removes a custody module: it becomes ineligible (`NotRegistered`), so it can no
    /// longer receive or send cash, fragments, units or shares. Admin only (the consortium's
    /// governance, behind the AccessManager's delays): drain or migrate its custody first, since
    /// whatever it still holds can then leave only by a forced transfer.
    function deregisterModule(address module) external;

    /// @notice Most wallets one participant may bind.
    function MAX_WALLETS() external view returns (uint256);

    /// @notice Why `wallet` may not transact now, or `None`. One storage read.
    function eligibility(address wallet) external view returns (Ineligibility);

    /// @notice {eligibility} of two wallets in one call (the transfer path).
    function eligibilityOf(address a, address b) external view returns (Ineligibility ofA, Ineligibility ofB);

    /// @notice Whether `wallet` may transact now.
    function isEligible(address wallet) external view returns (bool);

    /// @notice Whether `wallet` may transact now and its participant has one of the kinds in `kinds`
    /// (a kinds mask is always "one of", here and wherever the suite takes one).
    function isEligibleKind(address wallet, uint16 kinds) external view returns (bool);

    /// @notice Whether the participant of `wallet` has any of the kinds in `kinds` (status ignored).
    function hasKind(address wallet, uint16 kinds) external view returns (bool);

    /// @notice The participant a wallet is bound to (zero if none, or a module).
    function participantOf(address wallet) external view returns (ParticipantId);

    /// @notice A wallet's eligibility record.
    function walletRecord(address wallet) external view returns (WalletRecord memory);

    /// @notice A participant's record and wallets.
    function participant(ParticipantId id) external view returns (Participant memory);

    /// @notice Number of participants ever registered.
    function participantCount() external view returns (uint256);

    /// @notice The id of the `index`-th participant (1-based).
    function participantAt(uint256 index) external view returns (ParticipantId);

    /// @notice Whether `module` is a registered suite contract.
    function isModule(address module) external view returns (bool);
}
