// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";

import {IParticipantRegistry} from "./IParticipantRegistry.sol";

/**
 * @title ITrancheToken
 * @notice One tranche of a revenue-sharing product: an ERC-20 share (0 decimals) transferable only
 * between eligible wallets, which receives the tranche's distributions in cash and lets each
 * holder pull its part.
 *
 * Entitlement. A per-share accumulator `acc` (cash base units x 2^64 per share) grows with every
 * distribution; each account stores its balance and a signed correction (one slot). An account
 * may withdraw `floor((acc * balance + correction) / 2^64)`. A transfer of `n` shares adds
 * `acc * n` to the sender's correction and subtracts it from the recipient's, so what was
 * distributed before the transfer stays with the holder at distribution time; a claim subtracts
 * `amount * 2^64`. Claims and transfers cost the same whatever the number of holders.
 */
interface ITrancheToken is IERC20Metadata {
    error TrancheIneligible(address wallet, IParticipantRegistry.Ineligibility reason);
    error TrancheNotProduct(address caller);
    error TrancheNotFactory(address caller);
    error TrancheNothingToClaim(address account);
    error TrancheNoShares();
    error TrancheDistributionTooLarge(uint256 distributed);
    error TranchePaused();
    error TrancheAlreadyInitialized();
    /// @notice A forced transfer may not take shares out of the product's custody (`product`).
    error TrancheCustodyShares(address product);

    event DistributionReceived(uint256 amount, uint256 accumulator);
    event DistributionClaimed(address indexed account, uint256 amount);
    event SharesForceTransferred(address indexed from, address indexed to, uint256 amount, bytes32 orderRef);

    /// @notice Sets up a clone. Called once by the product that cloned it.
    /// @param product_ The product (mints, distributes, allocates, pauses).
    /// @param factory_ The factory (forced transfers under a court order).
    function initialize(address product_, address factory_, string calldata name_, string calldata symbol_) external;

    /// @notice Mints `amount` shares to `to` with no past entitlement. Product only.
    function mint(address to, uint256 amount) external;

    /// @notice Moves `amount` shares from the product's custody to `to` together with what they
    /// earned in custody (allocation of subscribed shares). Product only.
    function allocate(address to, uint256 amount) external;

    /// @notice Burns the product's custody shares after paying it their entitlement. Product only.
    /// @return paid The entitlement paid to the product.
    function burnCustody() external returns (uint256 paid);

    /// @notice Records a distribution of `amount` to the holders. Product only; the product then
    /// sends `used` cash: `ceil(floor(amount x 2^64 / supply) x supply / 2^64)`, at most `amount`.
    /// @return used What the accumulator allocates to holders.
    function distribute(uint256 amount) external returns (uint256 used);

    /// @notice Mirrors the product's pause (transfers and claims stop). Product only.
    function setPaused(bool paused) external;

    /// @notice Pays the caller what its shares are entitled to.
    /// @return amount What was paid.
    function claim() external returns (uint256 amount);

    /// @notice Moves shares under a court order, paused or not, eligibility unchecked on `from`. Factory only.
    function forcedTransfer(address from, address to, uint256 amount, bytes32 orderRef) external;

    /// @notice What `account` can claim now.
    function claimable(address account) external view returns (uint256);

    /// @notice Cash base units x 2^64 distributed per share so far.
    function accumulator() external view returns (uint256);

    /// @notice Cash distributed to the tranche so far.
    function totalDistributed() external view returns (uint256);

    /// @notice The product this tranche belongs to.
    function product() external view returns (address);
}
