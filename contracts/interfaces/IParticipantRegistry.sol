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

    error RegistryZeroId();
    error RegistryZeroWallet();
    error RegistryNoKinds();
    error RegistryUnknownKinds(uint16 kinds);
    error RegistryParticipantExists(ParticipantId id);
    error RegistryUnknownParticipant(ParticipantId id);
    error RegistryKycExpiryInPast(uint40 kycExpiry, uint256 nowTs);
    error RegistryParticipantRevoked(ParticipantId id);
    error RegistryAlreadyRevoked(ParticipantId id);
    error RegistryNotActive(ParticipantId id, Status status);
    error RegistryNotSuspended(ParticipantId id, Status status);
    error RegistryDuplicateWallet(ParticipantId id, address wallet);
    error RegistryWalletBoundElsewhere(address wallet, ParticipantId boundTo);
    error RegistryWalletNotOfParticipant(ParticipantId id, address wallet);
    error RegistryLastWallet(ParticipantId id, address wallet);
    error RegistryTooManyWallets(ParticipantId id, uint256 max);
    error RegistryWalletAlreadyFrozen(address wallet);
    error RegistryWalletNotFrozen(address wallet);
    error RegistryModuleExists(address module);
    /// @notice `module` is not a registered module.
    error RegistryNotModule(address module);

    event ParticipantRegistered(ParticipantId indexed id, uint16 kinds, uint40 kycExpiry, bytes2 jurisdiction);
    event ParticipantKindsUpdated(ParticipantId indexed id, uint16 oldKinds, uint16 newKinds);
    event ParticipantKycRenewed(ParticipantId indexed id, uint40 oldExpiry, uint40 newExpiry);
    event ParticipantJurisdictionUpdated(ParticipantId indexed id, bytes2 jurisdiction);
    event ParticipantSuspended(ParticipantId indexed id, bytes32 reason);
    event ParticipantReinstated(ParticipantId indexed id);
    event ParticipantRevoked(ParticipantId indexed id, bytes32 reason);
    event WalletAdded(ParticipantId indexed id, address indexed wallet);
    event WalletRemoved(ParticipantId indexed id, address indexed wallet);
    event WalletFrozen(address indexed wallet, bytes32 orderRef);
    event WalletUnfrozen(address indexed wallet, bytes32 orderRef);
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
