// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";

import {IParticipantRegistry} from "../interfaces/IParticipantRegistry.sol";
import {IProductFactory} from "../interfaces/IProductFactory.sol";
import {IRevenueProduct} from "../interfaces/IRevenueProduct.sol";
import {ITrancheToken} from "../interfaces/ITrancheToken.sol";
import {Kinds} from "../libraries/Kinds.sol";

/**
 * @title ProductFactory
 * @notice Creates revenue-sharing products: see {IProductFactory}.
 * @dev Products and tranche tokens are ERC-1167 clones of implementations deployed once (the
 * creation code of both would not fit in the factory under the 24 KiB limit).
 */
contract ProductFactory is IProductFactory, AccessManaged {
    IParticipantRegistry private immutable _registry;
    address private immutable _receivables;
    address private immutable _cash;
    address private immutable _productImpl;
    address private immutable _trancheImpl;
    uint256 private immutable _maxBasket;
    address private immutable _market;
    address private _treasury;
    address[] private _products;
    mapping(address product => bool created) private _isProduct;

    /// @param manager The suite's AccessManager.
    /// @param registry_ The participant registry (the factory must hold MODULE_FACTORY on it).
    /// @param receivables_ The receivable token.
    /// @param cash_ The settlement currency.
    /// @param productImpl RevenueProduct implementation.
    /// @param trancheImpl TrancheToken implementation.
    /// @param treasury_ Receives rounding dust at wind-down (participants are registered after the
    /// suite is deployed, so it is not checked here: until {setTreasury} names an eligible member,
    /// dust a product cannot pay waits in it for {IRevenueProduct-sweepDust}).
    /// @param maxBasket_ Maximum fragments per basket.
    /// @param market_ The factoring market defaulted fragments are auctioned on.
    constructor(
        address manager,
        IParticipantRegistry registry_,
        address receivables_,
        address cash_,
        address productImpl,
        address trancheImpl,
        address treasury_,
        uint256 maxBasket_,
        address market_
    ) AccessManaged(manager) {
        if (treasury_ == address(0)) revert FactoryZeroTreasury();
        if (market_ == address(0)) revert FactoryZeroMarket();
        _registry = registry_;
        _receivables = receivables_;
        _cash = cash_;
        _productImpl = productImpl;
        _trancheImpl = trancheImpl;
        _treasury = treasury_;
        _maxBasket = maxBasket_;
        _market = market_;
    }

    /// @inheritdoc IProductFactory
    function createProduct(
        uint256[] calldata fragments,
        IRevenueProduct.Terms calldata terms,
        IRevenueProduct.Parties calldata parties
    ) external override returns (address product) {
        if (!_registry.isEligibleKind(msg.sender, Kinds.FACTOR)) revert FactoryNotFactor(msg.sender);
        product = Clones.clone(_productImpl);
        _isProduct[product] = true;
        _products.push(product);
        _registry.registerModule(product);
        uint256 face = IRevenueProduct(product).initialize(msg.sender, fragments, terms, parties, _trancheImpl);
        uint256 count = IRevenueProduct(product).trancheCount();
        for (uint256 t; t < count; ++t) {
            _registry.registerModule(address(IRevenueProduct(product).tranche(t).token));
        }
        emit ProductCreated(product, msg.sender, fragments.length, face);
        for (uint256 i; i < fragments.length; ++i) {
            IERC721(_receivables).transferFrom(msg.sender, product, fragments[i]);
        }
    }

    /// @inheritdoc IProductFactory
    function setProductPaused(address product, bool paused) external override restricted {
        _requireProduct(product);
        IRevenueProduct(product).setPaused(paused);
    }

    /// @inheritdoc IProductFactory
    function forcedTransferShares(
        address product,
        uint256 tranche,
        address from,
        address to,
        uint256 amount,
        bytes32 orderRef
    ) external override restricted {
        _requireProduct(product);
        ITrancheToken token = IRevenueProduct(product).tranche(tranche).token;
        token.forcedTransfer(from, to, amount, orderRef);
    }

    /// @inheritdoc IProductFactory
    function setTreasury(address treasury_) external override restricted {
        if (treasury_ == address(0)) revert FactoryZeroTreasury();
        // Nothing may be paid to an address that cannot receive: the treasury is an eligible member.
        IParticipantRegistry.Ineligibility reason = _registry.eligibility(treasury_);
        if (reason != IParticipantRegistry.Ineligibility.None) revert FactoryIneligibleTreasury(treasury_, reason);
        _treasury = treasury_;
        emit TreasurySet(treasury_);
    }

    /// @inheritdoc IProductFactory
    function isProduct(address product) external view override returns (bool) {
        return _isProduct[product];
    }

    /// @inheritdoc IProductFactory
    function productCount() external view override returns (uint256) {
        return _products.length;
    }

    /// @inheritdoc IProductFactory
    function productAt(uint256 i) external view override returns (address) {
        return _products[i];
    }

    /// @inheritdoc IProductFactory
    function treasury() external view override returns (address) {
        return _treasury;
    }

    /// @inheritdoc IProductFactory
    function maxBasket() external view override returns (uint256) {
        return _maxBasket;
    }

    /// @inheritdoc IProductFactory
    function receivables() external view override returns (address) {
        return _receivables;
    }

    /// @inheritdoc IProductFactory
    function cash() external view override returns (address) {
        return _cash;
    }

    /// @inheritdoc IProductFactory
    function registry() external view override returns (address) {
        return address(_registry);
    }

    /// @inheritdoc IProductFactory
    function market() external view override returns (address) {
        return _market;
    }

    function _requireProduct(address product) private view {
        if (!_isProduct[product]) revert FactoryUnknownProduct(product);
    }
}
