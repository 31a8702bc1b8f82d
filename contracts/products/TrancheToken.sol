// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {IParticipantRegistry} from "../interfaces/IParticipantRegistry.sol";
import {ITrancheToken} from "../interfaces/ITrancheToken.sol";

/**
 * @title TrancheToken
 * @notice Share token of one tranche of a {RevenueProduct}; cloned (ERC-1167) by the product.
 * @dev Balances and corrections share one slot per account (uint96 balance, int160 correction in
 * cash base units x 2^64), so a transfer writes two slots like a plain ERC-20. The correction
 * fits: |acc x balance| <= totalDistributed x 2^64 < 2^95 x 2^64 = 2^159, enforced in {distribute}.
 */
contract TrancheToken is ITrancheToken, IERC20Errors {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;
    using SafeCast for int256;

    /// @notice One account (1 slot): shares and the signed entitlement correction.
    struct Account {
        uint96 balance; // shares
        int160 correction; // cash base units x 2^64
    }

    uint256 private constant _MAG = 1 << 64;
    uint256 private constant _MAX_DISTRIBUTED = 1 << 95;

    /// @notice The accumulator and the pause flag (1 slot): both read on every transfer and claim.
    struct State {
        uint160 acc; // cash base units x 2^64 per share; <= 2^95 x 2^64 (see distribute)
        bool paused;
    }

    // Immutables live in the implementation's code, which every clone runs: the registry and the
    // cash are the same for every product of a deployment, and reading them costs no storage access.
    IParticipantRegistry private immutable _registry;
    IERC20 private immutable _cash;

    address private _product;
    address private _factory;
    State private _state;
    uint256 private _totalSupply;
    uint256 private _distributed;
    string private _name;
    string private _symbol;
    mapping(address account => Account) private _accounts;
    mapping(address owner => mapping(address spender => uint256 amount)) private _allowances;

    modifier onlyProduct() {
        if (msg.sender != _product) revert TrancheNotProduct(msg.sender);
        _;
    }

    /// @dev The implementation cannot be initialised: only clones are.
    /// @param registry_ The participant registry.
    /// @param cash_ The settlement currency the distributions are paid in.
    constructor(IParticipantRegistry registry_, IERC20 cash_) {
        _registry = registry_;
        _cash = cash_;
        _product = address(1);
    }

    /// @inheritdoc ITrancheToken
    function initialize(
        address product_,
        address factory_,
        string calldata name_,
        string calldata symbol_
    ) external override {
        if (_product != address(0)) revert TrancheAlreadyInitialized();
        _product = product_;
        _factory = factory_;
        _name = name_;
        _symbol = symbol_;
    }

    // ------------------------------------------------------------------ ERC-20

    /// @inheritdoc IERC20
    function transfer(address to, uint256 value) external override returns (bool) {
        _transfer(msg.sender, to, value, true);
        return true;
    }

    /// @inheritdoc IERC20
    function transferFrom(address from, address to, uint256 value) external override returns (bool) {
        uint256 allowed = _allowances[from][msg.sender];
        if (allowed != type(uint256).max) {
            if (allowed < value) revert ERC20InsufficientAllowance(msg.sender, allowed, value);
            unchecked {
                // allowed >= value, checked above.
                _allowances[from][msg.sender] = allowed - value;
            }
        }
        _transfer(from, to, value, true);
        return true;
    }

    /// @inheritdoc IERC20
    function approve(address spender, uint256 value) external override returns (bool) {
        if (spender == address(0)) revert ERC20InvalidSpender(address(0));
        _allowances[msg.sender][spender] = value;
        emit Approval(msg.sender, spender, value);
        return true;
    }

    // ------------------------------------------------------------------ product and factory

    /// @inheritdoc ITrancheToken
    function mint(address to, uint256 amount) external override onlyProduct {
        Account storage a = _accounts[to];
        uint256 acc = _state.acc;
        a.balance = (uint256(a.balance) + amount).toUint96();
        a.correction = (int256(a.correction) - (acc * amount).toInt256()).toInt160();
        _totalSupply += amount;
        emit Transfer(address(0), to, amount);
    }

    /// @inheritdoc ITrancheToken
    function allocate(address to, uint256 amount) external override onlyProduct {
        // Moves shares without moving the correction: what they earned in custody goes with them.
        _transfer(msg.sender, to, amount, false);
    }

    /// @inheritdoc ITrancheToken
    function burnCustody() external override onlyProduct returns (uint256 paid) {
        paid = _claim(msg.sender, false);
        Account storage a = _accounts[msg.sender];
        uint256 amount = a.balance;
        uint256 acc = _state.acc;
        a.balance = 0;
        a.correction = (int256(a.correction) + (acc * amount).toInt256()).toInt160();
        _totalSupply -= amount;
        emit Transfer(msg.sender, address(0), amount);
    }

    /// @inheritdoc ITrancheToken
    function distribute(uint256 amount) external override onlyProduct returns (uint256 used) {
        uint256 supply = _totalSupply;
        if (supply == 0) revert TrancheNoShares();
        uint256 perShare = (amount * _MAG) / supply;
        // Rounded up so the holders' floors never exceed it; perShare x supply <= amount x 2^64.
        used = (perShare * supply + _MAG - 1) / _MAG;
        uint256 distributed = _distributed + used;
        if (distributed >= _MAX_DISTRIBUTED) revert TrancheDistributionTooLarge(distributed);
        _distributed = distributed;
        uint256 acc = _state.acc + perShare;
        // acc x 1 share <= distributed x 2^64 < 2^159: fits.
        _state.acc = uint160(acc);
        emit DistributionReceived(used, acc);
    }

    /// @inheritdoc ITrancheToken
    function setPaused(bool paused_) external override onlyProduct {
        _state.paused = paused_;
    }

    /// @inheritdoc ITrancheToken
    function claim() external override returns (uint256 amount) {
        if (_state.paused) revert TranchePaused();
        amount = _claim(msg.sender, true);
    }

    /// @inheritdoc ITrancheToken
    function forcedTransfer(address from, address to, uint256 amount, bytes32 orderRef) external override {
        if (msg.sender != _factory) revert TrancheNotFactory(msg.sender);
        // Shares in the product's custody are owed to subscribers who have not taken them yet:
        // an order reaches a subscriber's shares once allocated, never the custody pool.
        if (from == _product) revert TrancheCustodyShares(from);
        IParticipantRegistry.Ineligibility r = _registry.eligibility(to);
        if (r != IParticipantRegistry.Ineligibility.None) revert TrancheIneligible(to, r);
        _move(from, to, amount, true);
        emit SharesForceTransferred(from, to, amount, orderRef);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IERC20
    function balanceOf(address account) external view override returns (uint256) {
        return _accounts[account].balance;
    }

    /// @inheritdoc IERC20
    function totalSupply() external view override returns (uint256) {
        return _totalSupply;
    }

    /// @inheritdoc IERC20
    function allowance(address owner, address spender) external view override returns (uint256) {
        return _allowances[owner][spender];
    }

    /// @notice Token name.
    function name() external view override returns (string memory) {
        return _name;
    }

    /// @notice Token symbol.
    function symbol() external view override returns (string memory) {
        return _symbol;
    }

    /// @notice Shares are whole units.
    function decimals() external pure override returns (uint8) {
        return 0;
    }

    /// @inheritdoc ITrancheToken
    function claimable(address account) public view override returns (uint256) {
        Account memory a = _accounts[account];
        int256 gross = (uint256(_state.acc) * a.balance).toInt256() + a.correction;
        return gross <= 0 ? 0 : uint256(gross) / _MAG;
    }

    /// @inheritdoc ITrancheToken
    function accumulator() external view override returns (uint256) {
        return _state.acc;
    }

    /// @inheritdoc ITrancheToken
    function totalDistributed() external view override returns (uint256) {
        return _distributed;
    }

    /// @inheritdoc ITrancheToken
    function product() external view override returns (address) {
        return _product;
    }

    // ------------------------------------------------------------------ internal

    function _transfer(address from, address to, uint256 value, bool checkPause) private {
        if (to == address(0)) revert ERC20InvalidReceiver(address(0));
        if (checkPause && _state.paused) revert TranchePaused();
        (IParticipantRegistry.Ineligibility rf, IParticipantRegistry.Ineligibility rt) = _registry.eligibilityOf(
            from,
            to
        );
        if (rf != IParticipantRegistry.Ineligibility.None) revert TrancheIneligible(from, rf);
        if (rt != IParticipantRegistry.Ineligibility.None) revert TrancheIneligible(to, rt);
        _move(from, to, value, checkPause);
    }

    /// @dev `shiftCorrection` false moves the entitlement earned so far with the shares (allocation
    /// out of custody); true keeps it with the sender (every ordinary transfer).
    function _move(address from, address to, uint256 value, bool shiftCorrection) private {
        Account storage a = _accounts[from];
        uint256 balance = a.balance;
        if (balance < value) revert ERC20InsufficientBalance(from, balance, value);
        Account storage b = _accounts[to];
        if (shiftCorrection) {
            int160 shift = (uint256(_state.acc) * value).toInt256().toInt160();
            a.correction += shift;
            b.correction -= shift;
        }
        unchecked {
            // balance >= value; the recipient's balance is bounded by the total supply (< 2^96).
            a.balance = uint96(balance - value);
            b.balance += uint96(value);
        }
        emit Transfer(from, to, value);
    }

    function _claim(address account, bool strict) private returns (uint256 amount) {
        amount = claimable(account);
        if (amount == 0) {
            if (strict) revert TrancheNothingToClaim(account);
            return 0;
        }
        Account storage a = _accounts[account];
        a.correction -= (amount * _MAG).toInt256().toInt160();
        emit DistributionClaimed(account, amount);
        _cash.safeTransfer(account, amount);
    }
}
