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
    /// @notice A party is not eligible in the registry, and why: the sender or the recipient of a
    /// transfer or allocation, or the recipient of a forced transfer.
    error TrancheIneligible(address wallet, IParticipantRegistry.Ineligibility reason);
    /// @notice Only the tranche's product may mint, allocate, burn custody shares, distribute or pause.
    error TrancheNotProduct(address caller);
    /// @notice Only the product's factory may force a transfer.
    error TrancheNotFactory(address caller);
    /// @notice The account has nothing to claim.
    error TrancheNothingToClaim(address account);
    /// @notice A distribution while no shares exist.
    error TrancheNoShares();
    /// @notice The cash distributed to the tranche would reach 2^95 base units (`distributed`, the
    /// total it would reach): the accumulator could no longer be represented.
    error TrancheDistributionTooLarge(uint256 distributed);
    /// @notice Transfers and claims are stopped while the product is paused.
    error TranchePaused();
    /// @notice The clone is already set up (the implementation can never be).
    error TrancheAlreadyInitialized();
    /// @notice A forced transfer may not take shares out of the product's custody (`product`).
    error TrancheCustodyShares(address product);

    /// @notice The product recorded a distribution to the holders.
    /// @param amount Cash the accumulator allocates to holders (`used` of {distribute}), base units.
    /// @param accumulator The accumulator after it: cash base units x 2^64 per share, cumulative.
    event DistributionReceived(uint256 amount, uint256 accumulator);
    /// @notice `amount` (cash base units) was paid to `account` by a claim (also when the product's
    /// custody shares are burnt, {burnCustody}).
    event DistributionClaimed(address indexed account, uint256 amount);
    /// @notice The factory moved `amount` shares from `from` to `to` under a court order (`orderRef`,
    /// its hash); what they earned before stays with `from`.
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
