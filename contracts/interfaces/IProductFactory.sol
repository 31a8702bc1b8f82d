// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IParticipantRegistry} from "./IParticipantRegistry.sol";
import {IRevenueProduct} from "./IRevenueProduct.sol";

/**
 * @title IProductFactory
 * @notice Creates revenue-sharing products (minimal clones of one implementation, with tranche
 * tokens cloned from another), registers them and their tranche tokens as custody modules, and is
 * the restricted gateway for operator acts on them (pause, forced share transfers, treasury).
 * The factory holds `Roles.MODULE_FACTORY`.
 */
interface IProductFactory {
    /// @notice The caller is not an eligible factor: only factors create products.
    error FactoryNotFactor(address caller);
    /// @notice `product` was not created by this factory.
    error FactoryUnknownProduct(address product);
    /// @notice A treasury of zero (at deployment or {setTreasury}).
    error FactoryZeroTreasury();
    /// @notice A factoring market of zero at deployment.
    error FactoryZeroMarket();
    /// @notice The treasury named is not an eligible participant now (`reason`).
    error FactoryIneligibleTreasury(address treasury, IParticipantRegistry.Ineligibility reason);

    /// @notice A factor created a product; its fragments move into the product's custody next.
    /// @param originator The factor that pooled its fragments.
    /// @param fragments Number of fragments in the basket.
    /// @param face The basket's total face (sum of the fragments' values), cash base units.
    event ProductCreated(address indexed product, address indexed originator, uint256 fragments, uint256 face);
    /// @notice The fee admin set the treasury that receives the products' rounding dust.
    event TreasurySet(address treasury);

    /// @notice A factor creates a product from fragments it holds (it must have approved the factory
    /// as operator on the receivable token); the fragments move into the product's custody.
    /// `parties` binds the exchange, rating agency and registration agent that alone may act on
    /// the product (each must be eligible and of its kind now).
    function createProduct(
        uint256[] calldata fragments,
        IRevenueProduct.Terms calldata terms,
        IRevenueProduct.Parties calldata parties
    ) external returns (address product);

    /// @notice Pauses or resumes a product. Guardian only.
    function setProductPaused(address product, bool paused) external;

    /// @notice Moves shares of a product's tranche under a court order. Regulator only.
    function forcedTransferShares(
        address product,
        uint256 tranche,
        address from,
        address to,
        uint256 amount,
        bytes32 orderRef
    ) external;

    /// @notice Sets the treasury that receives rounding dust at wind-down. Fee admin only.
    /// The treasury must be an eligible participant.
    function setTreasury(address treasury) external;

    /// @notice Whether `product` was created by this factory.
    function isProduct(address product) external view returns (bool);

    /// @notice Products created so far.
    function productCount() external view returns (uint256);

    /// @notice The `i`-th product.
    function productAt(uint256 i) external view returns (address);

    /// @notice Treasury for rounding dust.
    function treasury() external view returns (address);

    /// @notice Maximum fragments per basket.
    function maxBasket() external view returns (uint256);

    /// @notice Receivable token, settlement cash and registry the products use.
    function receivables() external view returns (address);

    /// @notice The settlement currency.
    function cash() external view returns (address);

    /// @notice The participant registry.
    function registry() external view returns (address);

    /// @notice The factoring market where products auction defaulted fragments
    /// ({IRevenueProduct.auctionDefaulted}).
    function market() external view returns (address);
}
