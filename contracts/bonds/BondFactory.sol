// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";

import {IBond} from "../interfaces/IBond.sol";
import {IBondFactory} from "../interfaces/IBondFactory.sol";
import {IParticipantRegistry} from "../interfaces/IParticipantRegistry.sol";
import {BondMath} from "../libraries/BondMath.sol";
import {DayCount} from "../libraries/DayCount.sol";
import {Kinds} from "../libraries/Kinds.sol";
import {BondDeployer} from "./BondDeployer.sol";
import {BondExtension} from "./BondExtension.sol";

/**
 * @title BondFactory
 * @notice Creates, lists and supervises SME bonds. See {IBondFactory}.
 * @dev Holds Roles.MODULE_FACTORY so it can register each new bond in the registry (bonds escrow
 * cash, so they must be eligible wallets). Deploys the one {BondExtension} its bonds delegate their
 * cold paths to.
 */
contract BondFactory is IBondFactory, AccessManaged {
    /// @inheritdoc IBondFactory
    uint256 public constant override MAX_TICKS = 200;

    /// @inheritdoc IBondFactory
    uint16 public constant override ISSUER_KINDS = Kinds.BANK | Kinds.SME;

    /// @inheritdoc IBondFactory
    IParticipantRegistry public immutable override registry;

    /// @inheritdoc IBondFactory
    address public immutable override bondExtension;

    mapping(address currency => bool) private _approved;
    mapping(address bond => bool) private _isBond;
    mapping(address bond => string uri) private _termSheetUris;
    IBond[] private _bonds;
    mapping(bytes32 symbolHash => address bond) private _bySymbol;

    /// @param authority The deployment's AccessManager.
    /// @param registry_ The participant registry.
    constructor(address authority, IParticipantRegistry registry_) AccessManaged(authority) {
        registry = registry_;
        bondExtension = address(new BondExtension());
    }

    /// @inheritdoc IBondFactory
    function createBond(
        IBond.Terms calldata terms,
        string calldata termSheetUri,
        string calldata name,
        string calldata symbol
    ) external override returns (IBond bond) {
        if (msg.sender != terms.issuer) revert BondFactoryNotIssuer(msg.sender, terms.issuer);
        IParticipantRegistry.Ineligibility reason = registry.eligibility(terms.issuer);
        if (reason != IParticipantRegistry.Ineligibility.None) revert BondFactoryIssuerIneligible(terms.issuer, reason);
        // Issuing is a bank's or an SME's business: a factor, an investor or an agent may not.
        if (!registry.hasKind(terms.issuer, ISSUER_KINDS)) {
            revert BondFactoryIssuerKindNotAllowed(terms.issuer, ISSUER_KINDS);
        }
        bytes32 symbolHash = keccak256(bytes(symbol));
        address holder = _bySymbol[symbolHash];
        if (holder != address(0)) revert BondFactorySymbolTaken(symbol, holder);
        if (!_approved[address(terms.currency)]) revert BondFactoryCurrencyNotApproved(address(terms.currency));
        _validate(terms);
        uint256 count = BondMath.couponCount(terms.issueDate, terms.maturity, terms.frequency);
        bond = BondDeployer.deploy(terms, count, registry, name, symbol, bondExtension);
        _isBond[address(bond)] = true;
        _bySymbol[symbolHash] = address(bond);
        _termSheetUris[address(bond)] = termSheetUri;
        _bonds.push(bond);
        emit BondCreated(address(bond), terms.issuer, terms.useOfProceeds, _bonds.length - 1);
        emit TermSheetRecorded(address(bond), termSheetUri, terms.termSheetHash);
        registry.registerModule(address(bond));
    }

    /// @inheritdoc IBondFactory
    function setCurrencyApproved(address currency, bool approved) external override restricted {
        _approved[currency] = approved;
        emit CurrencyApprovalSet(currency, approved);
    }

    /// @inheritdoc IBondFactory
    function pauseBond(IBond bond) external override restricted {
        _known(bond).setPaused(true);
    }

    /// @inheritdoc IBondFactory
    function unpauseBond(IBond bond) external override restricted {
        _known(bond).setPaused(false);
    }

    /// @inheritdoc IBondFactory
    function forceTransferBond(
        IBond bond,
        address from,
        address to,
        uint256 units,
        bytes32 orderRef
    ) external override restricted {
        _known(bond).forcedTransfer(from, to, units, orderRef);
    }

    /// @inheritdoc IBondFactory
    function isCurrencyApproved(address currency) external view override returns (bool) {
        return _approved[currency];
    }

    /// @inheritdoc IBondFactory
    function isBond(address bond) external view override returns (bool) {
        return _isBond[bond];
    }

    /// @inheritdoc IBondFactory
    function termSheet(address bond) external view override returns (string memory uri, bytes32 hash) {
        return (_termSheetUris[address(_known(IBond(bond)))], IBond(bond).terms().termSheetHash);
    }

    /// @inheritdoc IBondFactory
    function bondBySymbol(string calldata symbol) external view override returns (address) {
        return _bySymbol[keccak256(bytes(symbol))];
    }

    /// @inheritdoc IBondFactory
    function bondCount() external view override returns (uint256) {
        return _bonds.length;
    }

    /// @inheritdoc IBondFactory
    function bondAt(uint256 index) external view override returns (IBond) {
        return _bonds[index];
    }

    function _known(IBond bond) private view returns (IBond) {
        if (!_isBond[address(bond)]) revert BondFactoryUnknownBond(address(bond));
        return bond;
    }

    function _validate(IBond.Terms calldata t) private pure {
        if (t.maturity <= t.issueDate) revert BondFactoryMaturityBeforeIssue(t.issueDate, t.maturity);
        if (t.size == 0 || t.denomination == 0) revert BondFactoryZeroSize(t.size, t.denomination);
        if (t.bookOpen >= t.bookClose || t.bookClose > t.issueDate) {
            revert BondFactoryInvalidBookWindow(t.bookOpen, t.bookClose, t.issueDate);
        }
        if (t.tickBp == 0 || t.yieldMaxBp < t.yieldMinBp || (t.yieldMaxBp - t.yieldMinBp) % t.tickBp != 0) {
            revert BondFactoryTickNotDividing(t.yieldMinBp, t.yieldMaxBp, t.tickBp);
        }
        uint256 ticks = (t.yieldMaxBp - t.yieldMinBp) / t.tickBp + 1;
        if (ticks > MAX_TICKS) revert BondFactoryTooManyTicks(ticks, MAX_TICKS);
        if (t.minTicket == 0 || t.minTicket > t.maxTicket || t.maxTicket > t.size) {
            revert BondFactoryInvalidTickets(t.minTicket, t.maxTicket, t.size);
        }
        if (t.investorKinds == 0) revert BondFactoryNoInvestorKinds();
        if (t.frequency == IBond.Frequency.Zero && t.dayCount == DayCount.Convention.ActActIcma) {
            revert BondFactoryIcmaNeedsCoupons();
        }
        if (
            t.firstCallDate != 0 &&
            (t.firstCallDate <= t.issueDate || t.firstCallDate >= t.maturity || t.callPriceBp == 0)
        ) {
            revert BondFactoryInvalidCall(t.firstCallDate, t.callPriceBp);
        }
    }
}
