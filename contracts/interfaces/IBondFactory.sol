// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IBond} from "./IBond.sol";
import {IParticipantRegistry} from "./IParticipantRegistry.sol";

/**
 * @title IBondFactory
 * @notice Creates and lists SME bonds, and is the operators' door to them: bonds are created at
 * run time, so their functions cannot be wired one by one in the AccessManager; the guardian and the
 * regulator act on a bond through the factory's restricted functions, and a bond accepts those
 * calls only from its factory. Each bond is registered in the registry as a custody module.
 */
interface IBondFactory {
    /// @notice The caller is not the issuer named in the terms.
    error BondFactoryNotIssuer(address caller, address issuer);
    /// @notice The issuer is not an eligible participant.
    error BondFactoryIssuerIneligible(address issuer, IParticipantRegistry.Ineligibility reason);
    /// @notice The issuer's participant has none of the kinds that may issue a bond ({ISSUER_KINDS}).
    error BondFactoryIssuerKindNotAllowed(address issuer, uint16 allowedKinds);
    /// @notice Another bond of this factory already uses this symbol (symbols are unique, exact bytes).
    error BondFactorySymbolTaken(string symbol, address bond);
    /// @notice The currency is not approved by the asset admin.
    error BondFactoryCurrencyNotApproved(address currency);
    /// @notice Maturity not after the issue date (unix seconds).
    error BondFactoryMaturityBeforeIssue(uint40 issueDate, uint40 maturity);
    /// @notice Zero size or zero denomination.
    error BondFactoryZeroSize(uint64 size, uint64 denomination);
    /// @notice The book window must be open < close <= issue date (unix seconds).
    error BondFactoryInvalidBookWindow(uint40 open, uint40 close, uint40 issueDate);
    /// @notice The yield range is inverted (`maxBp` below `minBp`), or the tick is zero or does not
    /// divide `maxBp` - `minBp`. Basis points.
    error BondFactoryTickNotDividing(uint16 minBp, uint16 maxBp, uint16 tickBp);
    /// @notice More yield ticks ((max - min) / tick + 1) than finalisation may loop over (`maxTicks`,
    /// {MAX_TICKS}: 200).
    error BondFactoryTooManyTicks(uint256 ticks, uint256 maxTicks);
    /// @notice Ticket limits must be 0 < min <= max <= size (units).
    error BondFactoryInvalidTickets(uint64 minTicket, uint64 maxTicket, uint64 size);
    /// @notice No investor kind allowed.
    error BondFactoryNoInvestorKinds();
    /// @notice ACT/ACT ICMA needs periodic coupons.
    error BondFactoryIcmaNeedsCoupons();
    /// @notice A call option (a nonzero first call date) needs issue date < first call date <
    /// maturity and a nonzero call price (basis points of face).
    error BondFactoryInvalidCall(uint40 firstCallDate, uint16 callPriceBp);
    /// @notice The address is not a bond of this factory (pause, unpause, forced transfer, term
    /// sheet).
    error BondFactoryUnknownBond(address bond);

    /// @notice The issuer created and listed `bond` ({createBond}); it is then registered as a
    /// custody module.
    /// @param useOfProceeds The terms' tag, e.g. keccak256("SME_LENDING").
    /// @param index Its index in {bondAt} (0-based).
    event BondCreated(address indexed bond, address indexed issuer, bytes32 indexed useOfProceeds, uint256 index);
    /// @notice The term sheet of a new bond, emitted after its {BondCreated}: `uri` as given to
    /// {createBond}, `hash` the terms' `termSheetHash`.
    event TermSheetRecorded(address indexed bond, string uri, bytes32 hash);
    /// @notice The asset admin approved or withdrew a currency for new bonds (bonds already created
    /// are unaffected).
    event CurrencyApprovalSet(address indexed currency, bool approved);

    /// @notice Creates a bond with `terms` and lists it. The caller is the terms' issuer, an
    /// eligible participant of one of {ISSUER_KINDS} (bank or SME); the symbol is not used by another
    /// bond of this factory; the currency is approved; terms are validated (errors above).
    /// @param termSheetUri Where the term sheet is published (its hash is in the terms).
    /// @param name ERC-20 name, e.g. "BOC 2026 SME Special Financial Bond 01".
    /// @param symbol ERC-20 symbol, unique per factory (compared byte for byte).
    function createBond(
        IBond.Terms calldata terms,
        string calldata termSheetUri,
        string calldata name,
        string calldata symbol
    ) external returns (IBond bond);

    /// @notice Approves or withdraws a currency for new bonds. Asset admin only.
    function setCurrencyApproved(address currency, bool approved) external;

    /// @notice Pauses a bond (bids, claims, transfers, redemptions). Guardian only.
    function pauseBond(IBond bond) external;

    /// @notice Lifts a bond's pause. Guardian only.
    function unpauseBond(IBond bond) external;

    /// @notice Moves `units` of `bond` from `from` to `to` under a court order, with `from`'s
    /// unclaimed distributions in proportion. Regulator only; works while paused or frozen.
    function forceTransferBond(IBond bond, address from, address to, uint256 units, bytes32 orderRef) external;

    /// @notice The registry.
    function registry() external view returns (IParticipantRegistry);

    /// @notice Most yield ticks a book may have.
    function MAX_TICKS() external view returns (uint256);

    /// @notice Registry kinds that may issue a bond, any one of them: BANK | SME.
    function ISSUER_KINDS() external view returns (uint16);

    /// @notice The extension every bond of this factory runs its cold paths in (by delegatecall).
    function bondExtension() external view returns (address);

    /// @notice The bond that uses `symbol` (zero if none).
    function bondBySymbol(string calldata symbol) external view returns (address);

    /// @notice Whether `currency` is approved.
    function isCurrencyApproved(address currency) external view returns (bool);

    /// @notice The term sheet of a bond: URI and hash.
    function termSheet(address bond) external view returns (string memory uri, bytes32 hash);

    /// @notice Whether `bond` was created here.
    function isBond(address bond) external view returns (bool);

    /// @notice Number of bonds created.
    function bondCount() external view returns (uint256);

    /// @notice The `index`-th bond (0-based).
    function bondAt(uint256 index) external view returns (IBond);
}
