// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {IParticipantRegistry} from "../interfaces/IParticipantRegistry.sol";
import {IProductFactory} from "../interfaces/IProductFactory.sol";
import {IReceivableToken} from "../interfaces/IReceivableToken.sol";
import {IRevenueProduct} from "../interfaces/IRevenueProduct.sol";
import {ITrancheToken} from "../interfaces/ITrancheToken.sol";
import {WaterfallMath} from "../libraries/WaterfallMath.sol";

/**
 * @title RevenueProductState
 * @notice A revenue-sharing product's storage and the helpers its core ({RevenueProduct}) and its
 * cold-path extension ({RevenueProductExtension}) share. It is the first base of both, so its
 * variables take the same slots in each: the extension runs by `delegatecall` on the product's
 * storage (as {FactoringMarketExtension} does for the market).
 */
// solhint-disable-next-line max-states-count
abstract contract RevenueProductState {
    using SafeERC20 for IERC20;

    /// @notice Subscription of one investor in one tranche (1 slot).
    struct Subscription {
        uint64 shares; // shares requested
        bool settled; // shares taken or refund paid
    }

    uint256 internal constant _MAX_FEE_BPS = 1_000;
    uint256 internal constant _MAX_RATE_BPS = 5_000;

    IProductFactory internal _factory;
    IReceivableToken internal _receivables;
    IERC20 internal _cash;
    IParticipantRegistry internal _registry;
    address internal _originator;
    IRevenueProduct.Phase internal _phase;
    bool internal _paused;
    uint8 internal _trancheCount;
    uint32 internal _unsettled; // subscriptions neither taken up nor refunded
    IRevenueProduct.Terms internal _terms;
    uint96 internal _face;
    uint96 internal _refundReserve; // oversubscription refunds not yet paid
    IRevenueProduct.Listing internal _listing;
    IRevenueProduct.Rating internal _rating;
    IRevenueProduct.Waterfall internal _wf;
    IRevenueProduct.Tranche[2] internal _tranches;
    uint256[] internal _fragments;
    mapping(uint256 tokenId => IRevenueProduct.Custody) internal _custody;
    mapping(uint256 tokenId => uint256 loss) internal _lossOf;
    mapping(uint256 tokenId => uint256 auctionId) internal _auctionOf;
    mapping(address investor => mapping(uint256 tranche => Subscription)) internal _subs;
    IRevenueProduct.Parties internal _parties;
    mapping(address wallet => uint256 amount) internal _credits;
    uint128 internal _creditTotal; // sum of _credits
    uint128 internal _dust; // held for the treasury since wind-down

    modifier onlyOriginator() {
        if (msg.sender != _originator) revert IRevenueProduct.ProductNotOriginator(msg.sender);
        _;
    }

    /// @dev Pays `amount` to `to`, or credits it when the transfer does not go through (the payee is
    /// suspended, revoked, frozen, or the cash is paused): a payee can delay only its own money.
    function _payOrCredit(address to, uint256 amount) internal {
        if (_cash.trySafeTransfer(to, amount)) return;
        _credits[to] += amount;
        _creditTotal += uint128(amount);
        emit IRevenueProduct.Credited(to, amount);
    }

    /// @dev Returns every fragment still held to the originator; one that cannot move now (frozen,
    /// the originator not eligible, forced out of custody) stays `Held` for {returnBasket}.
    function _returnBasket() internal returns (uint256 returned) {
        uint256 n = _fragments.length;
        address originator_ = _originator;
        IERC721 nft = IERC721(address(_receivables));
        for (uint256 i; i < n; ++i) {
            uint256 id = _fragments[i];
            if (_custody[id] != IRevenueProduct.Custody.Held) continue;
            try nft.transferFrom(address(this), originator_, id) {
                _custody[id] = IRevenueProduct.Custody.Returned;
                ++returned;
            } catch {} // solhint-disable-line no-empty-blocks
        }
        emit IRevenueProduct.BasketReturned(originator_, returned);
    }

    /// @dev A recovery on a defaulted fragment reverses its write-down, senior first.
    function _recover(uint256 tokenId, uint256 amount) internal {
        uint256 loss = _lossOf[tokenId];
        uint256 back = _min(amount, loss);
        if (back == 0) return;
        _lossOf[tokenId] = loss - back;
        _wf.losses -= uint96(back);
        IRevenueProduct.Tranche storage s = _tranches[0];
        IRevenueProduct.Tranche storage j = _tranches[1];
        uint256 toSenior = _min(back, s.written);
        s.written -= uint96(toSenior);
        j.written -= uint96(_min(back - toSenior, j.written));
    }

    /// @dev Fees off the top, then senior interest, senior principal, junior (see {WaterfallMath.split}).
    function _distribute(uint256 gross) internal {
        IRevenueProduct.Waterfall memory w = _wf;
        if (w.seniorBalance != 0) {
            w.interestDue += uint96(
                WaterfallMath.interest(w.seniorBalance, _terms.seniorRateBps, block.timestamp - w.accruedAt)
            );
        }
        w.accruedAt = uint40(block.timestamp);
        WaterfallMath.Split memory s = WaterfallMath.split(
            gross,
            _terms.servicingFeeBps,
            _listing.exchangeFeeBps,
            w.interestDue,
            w.seniorBalance
        );
        w.interestDue -= uint96(s.seniorInterest);
        w.seniorBalance -= uint96(s.seniorPrincipal);
        w.collected += uint96(gross);
        _wf = w;
        // Senior repaid in full: any write-down it carried has been made good.
        if (w.seniorBalance == 0) _tranches[0].written = 0;
        uint256 toSenior = s.seniorInterest + s.seniorPrincipal;
        uint256 toJunior = s.junior;
        // Without a junior tranche (or with no junior shares), the residual goes to the senior.
        if (_trancheCount == 1 || _tranches[1].principal == 0) (toSenior, toJunior) = (toSenior + toJunior, 0);
        emit IRevenueProduct.Distributed(
            gross,
            s.servicingFee,
            s.exchangeFee,
            s.seniorInterest,
            s.seniorPrincipal,
            toJunior
        );
        if (s.servicingFee != 0) _payOrCredit(_originator, s.servicingFee);
        if (s.exchangeFee != 0) _payOrCredit(_listing.exchange, s.exchangeFee);
        if (toSenior != 0) _payTranche(_tranches[0].token, toSenior);
        if (toJunior != 0) _payTranche(_tranches[1].token, toJunior);
    }

    /// @dev The token takes what its accumulator can represent; the remainder (< 1 unit) stays as dust.
    function _payTranche(ITrancheToken token, uint256 amount) private {
        uint256 used = token.distribute(amount);
        if (used != 0) _cash.safeTransfer(address(token), used);
    }

    function _requireKind(uint16 kinds) internal view {
        if (!_registry.isEligibleKind(msg.sender, kinds)) revert IRevenueProduct.ProductNotKind(msg.sender, kinds);
    }

    function _requirePhase(IRevenueProduct.Phase expected) internal view {
        if (_phase != expected) revert IRevenueProduct.ProductWrongPhase(_phase, expected);
    }

    function _min(uint256 a, uint256 b) internal pure returns (uint256) {
        return a < b ? a : b;
    }
}
