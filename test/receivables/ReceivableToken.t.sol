// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AccessManager} from "@openzeppelin/contracts/access/manager/AccessManager.sol";

import {SettlementToken} from "../../contracts/cash/SettlementToken.sol";
import {ParticipantId} from "../../contracts/interfaces/IParticipantRegistry.sol";
import {IReceivableToken} from "../../contracts/interfaces/IReceivableToken.sol";
import {Kinds} from "../../contracts/libraries/Kinds.sol";
import {ProRata} from "../../contracts/libraries/ProRata.sol";
import {ParticipantRegistry} from "../../contracts/membership/ParticipantRegistry.sol";
import {ReceivableToken} from "../../contracts/receivables/ReceivableToken.sol";
import {HandlerInvariantTest, TestBase, VM_ADDRESS} from "../helpers/Vm.sol";

/// @notice The storage cheatcodes this file needs beyond test/helpers/Vm.sol (forge-std signatures).
interface VmStorage {
    function load(address target, bytes32 slot) external view returns (bytes32);
    function store(address target, bytes32 slot, bytes32 value) external;
}

/**
 * @notice The invariant fuzzer's only target. A core enterprise (the debtor) and three SME
 * suppliers issue, confirm, reject, split, send, transfer, repay, claim and declare default at
 * random, with time moving. The handler tracks every root and fragment it created and what was
 * paid and claimed, so the invariants can be checked over all of them.
 */
contract ReceivableHandler is TestBase {
    uint256 internal constant SUPPLIERS = 3;
    uint256 internal constant INVOICES = 6;
    uint256 internal constant MAX_FACE = 1e12; // 10,000,000,000.00 in fen
    uint256 internal constant MIN_VALUE = 100;

    ReceivableToken internal immutable token;
    SettlementToken internal immutable cash;
    address internal immutable debtor;
    address[SUPPLIERS] internal suppliers;

    uint256[] internal _roots;
    mapping(uint256 rootId => bool) internal _known;
    mapping(uint256 rootId => bytes32) public invoiceOf;
    mapping(uint256 rootId => address) public creditorOf;
    mapping(uint256 rootId => uint256[]) internal _fragmentsOf;
    uint256[] internal _tokens;
    mapping(uint256 tokenId => bool) public burnt;

    /// @notice Sum of all repayments, and of all claims, over every root.
    uint256 public totalPaid;
    uint256 public totalClaimed;
    mapping(uint256 rootId => uint256) public claimedOf;
    /// @notice What the fragment's current interval has already been paid out (claims on it, and
    /// its share of what its parent had claimed when it was split off).
    mapping(uint256 tokenId => uint256) public settledOf;
    /// @notice Claims whose amount did not reach the holder's balance.
    uint256 public ghostMisdirectedClaims;
    /// @notice Successful actions, to see that the fuzzer does more than revert.
    uint256 public actions;

    constructor(ReceivableToken token_, SettlementToken cash_, address debtor_, address[SUPPLIERS] memory suppliers_) {
        token = token_;
        cash = cash_;
        debtor = debtor_;
        suppliers = suppliers_;
    }

    // ------------------------------------------------------------------ actions

    /// @notice A supplier issues a pending receivable; one time in two the debtor confirms it at once.
    function issue(uint256 supplierSeed, uint256 invoiceSeed, uint256 face, uint256 tenor, bool confirmNow) external {
        address creditor = suppliers[supplierSeed % SUPPLIERS];
        bytes32 invoiceHash = keccak256(abi.encode("INV", invoiceSeed % INVOICES));
        face = bound(face, MIN_VALUE, MAX_FACE);
        uint256 due = block.timestamp + bound(tenor, 1 days, 365 days);
        vm.prank(creditor);
        try token.issue(debtor, address(cash), face, due, invoiceHash, "ipfs://inv", invoiceHash) returns (
            uint256 rootId
        ) {
            _recordIssue(rootId, creditor, invoiceHash);
            if (confirmNow) {
                vm.prank(debtor);
                token.confirm(rootId);
            }
        } catch {}
    }

    /// @notice The debtor issues an already confirmed payable to a supplier.
    function issuePayable(uint256 supplierSeed, uint256 invoiceSeed, uint256 face, uint256 tenor) external {
        address creditor = suppliers[supplierSeed % SUPPLIERS];
        bytes32 invoiceHash = keccak256(abi.encode("PO", invoiceSeed % INVOICES));
        face = bound(face, MIN_VALUE, MAX_FACE);
        uint256 due = block.timestamp + bound(tenor, 1 days, 365 days);
        vm.prank(debtor);
        try token.issuePayable(creditor, address(cash), face, due, invoiceHash, "ipfs://po", invoiceHash) returns (
            uint256 rootId
        ) {
            _recordIssue(rootId, creditor, invoiceHash);
        } catch {}
    }

    function confirm(uint256 rootSeed) external {
        if (_roots.length == 0) return;
        uint256 rootId = _roots[rootSeed % _roots.length];
        vm.prank(debtor);
        try token.confirm(rootId) {
            ++actions;
        } catch {}
    }

    /// @notice The debtor rejects a pending root (its fragment is burnt, the fingerprint released).
    function reject(uint256 rootSeed) external {
        if (_roots.length == 0) return;
        uint256 rootId = _roots[rootSeed % _roots.length];
        uint256 last = _lastFragment(rootId);
        vm.prank(debtor);
        try token.reject(rootId, "fuzz") {
            burnt[last] = true;
            ++actions;
        } catch {}
    }

    /// @notice The holder splits a fragment in two or three parts.
    function split(uint256 tokenSeed, uint256 cutA, uint256 cutB, bool three) external {
        (uint256 tokenId, address holder, IReceivableToken.Fragment memory f) = _pick(tokenSeed);
        if (holder == address(0) || f.value < 2 * MIN_VALUE) return;
        uint256[] memory values = new uint256[](three && f.value >= 3 * MIN_VALUE ? 3 : 2);
        if (values.length == 2) {
            values[0] = bound(cutA, MIN_VALUE, f.value - MIN_VALUE);
            values[1] = f.value - values[0];
        } else {
            values[0] = bound(cutA, MIN_VALUE, f.value - 2 * MIN_VALUE);
            values[1] = bound(cutB, MIN_VALUE, f.value - values[0] - MIN_VALUE);
            values[2] = f.value - values[0] - values[1];
        }
        uint256 paidAtCheckpoint = _paidAtCheckpoint(tokenId, f);
        vm.prank(holder);
        try token.split(tokenId, values) returns (uint256[] memory newIds) {
            uint256 rootId = tokenId >> 32;
            uint256 face = token.receivable(rootId).face;
            uint256 cursor = f.start;
            settledOf[tokenId] = ProRata.intervalShare(cursor, cursor + values[0], paidAtCheckpoint, face);
            cursor += values[0];
            for (uint256 i; i < newIds.length; ++i) {
                _recordFragment(rootId, newIds[i]);
                settledOf[newIds[i]] = ProRata.intervalShare(cursor, cursor + values[i + 1], paidAtCheckpoint, face);
                cursor += values[i + 1];
            }
            ++actions;
        } catch {}
    }

    /// @notice The holder sends part of a fragment to a supplier (possibly itself).
    function sendValue(uint256 tokenSeed, uint256 toSeed, uint256 value) external {
        (uint256 tokenId, address holder, IReceivableToken.Fragment memory f) = _pick(tokenSeed);
        if (holder == address(0) || f.value < 2 * MIN_VALUE) return;
        value = bound(value, MIN_VALUE, f.value - MIN_VALUE);
        uint256 paidAtCheckpoint = _paidAtCheckpoint(tokenId, f);
        vm.prank(holder);
        try token.sendValue(tokenId, suppliers[toSeed % SUPPLIERS], value) returns (uint256 newId) {
            uint256 rootId = tokenId >> 32;
            uint256 face = token.receivable(rootId).face;
            uint256 cut = f.start + f.value - value;
            settledOf[tokenId] = ProRata.intervalShare(f.start, cut, paidAtCheckpoint, face);
            settledOf[newId] = ProRata.intervalShare(cut, cut + value, paidAtCheckpoint, face);
            _recordFragment(rootId, newId);
            ++actions;
        } catch {}
    }

    /// @notice The holder transfers a whole fragment to a supplier.
    function transfer(uint256 tokenSeed, uint256 toSeed) external {
        (uint256 tokenId, address holder, ) = _pick(tokenSeed);
        if (holder == address(0)) return;
        vm.prank(holder);
        try token.transferFrom(holder, suppliers[toSeed % SUPPLIERS], tokenId) {
            ++actions;
        } catch {}
    }

    /// @notice The debtor pays part or all of what is outstanding.
    function repay(uint256 rootSeed, uint256 amount) external {
        if (_roots.length == 0) return;
        uint256 rootId = _roots[rootSeed % _roots.length];
        IReceivableToken.Root memory r = token.receivable(rootId);
        uint256 outstanding = r.face - r.paid;
        if (outstanding == 0) return;
        // One time in four all of it, one in four a few base units (where interval shares round
        // unevenly), otherwise anything.
        if (amount % 4 == 0) amount = outstanding;
        else if (amount % 4 == 1) amount = bound(amount, 1, outstanding < 10 ? outstanding : 10);
        else amount = bound(amount, 1, outstanding);
        vm.prank(debtor);
        try token.repay(rootId, amount) {
            totalPaid += amount;
            ++actions;
        } catch {}
    }

    function claim(uint256 tokenSeed) external {
        (uint256 tokenId, address holder, ) = _pick(tokenSeed);
        if (holder == address(0)) return;
        uint256 balanceBefore = cash.balanceOf(holder);
        vm.prank(holder);
        try token.claim(tokenId) returns (uint256 amount) {
            if (cash.balanceOf(holder) != balanceBefore + amount) ++ghostMisdirectedClaims;
            totalClaimed += amount;
            claimedOf[tokenId >> 32] += amount;
            settledOf[tokenId] += amount;
            ++actions;
        } catch {}
    }

    function declareDefault(uint256 tokenSeed) external {
        (uint256 tokenId, address holder, ) = _pick(tokenSeed);
        if (holder == address(0)) return;
        vm.prank(holder);
        try token.declareDefault(tokenId) {
            ++actions;
        } catch {}
    }

    function warp(uint256 duration) external {
        vm.warp(block.timestamp + bound(duration, 0, 20 days));
    }

    // ------------------------------------------------------------------ views for the invariants

    function rootCount() external view returns (uint256) {
        return _roots.length;
    }

    function rootAt(uint256 i) external view returns (uint256) {
        return _roots[i];
    }

    function fragmentsOf(uint256 rootId) external view returns (uint256[] memory) {
        return _fragmentsOf[rootId];
    }

    function tokenCount() external view returns (uint256) {
        return _tokens.length;
    }

    // ------------------------------------------------------------------ internal

    function _recordIssue(uint256 rootId, address creditor, bytes32 invoiceHash) internal {
        if (!_known[rootId]) {
            _known[rootId] = true;
            _roots.push(rootId);
        }
        invoiceOf[rootId] = invoiceHash;
        creditorOf[rootId] = creditor;
        uint256 tokenId = (rootId << 32) | (token.receivable(rootId).fragmentCount - 1);
        _recordFragment(rootId, tokenId);
        ++actions;
    }

    function _recordFragment(uint256 rootId, uint256 tokenId) internal {
        _fragmentsOf[rootId].push(tokenId);
        _tokens.push(tokenId);
    }

    function _lastFragment(uint256 rootId) internal view returns (uint256) {
        uint256[] storage list = _fragmentsOf[rootId];
        return list.length == 0 ? 0 : list[list.length - 1];
    }

    /// @dev A tracked live fragment, its holder and its data; holder zero when there is none.
    function _pick(
        uint256 seed
    ) internal view returns (uint256 tokenId, address holder, IReceivableToken.Fragment memory f) {
        if (_tokens.length == 0) return (0, address(0), f);
        tokenId = _tokens[seed % _tokens.length];
        if (burnt[tokenId]) return (0, address(0), f);
        holder = token.ownerOf(tokenId);
        (f, ) = token.fragment(tokenId);
    }

    function _paidAtCheckpoint(uint256 tokenId, IReceivableToken.Fragment memory f) internal view returns (uint256) {
        return f.checkpoint == 0 ? 0 : token.paidAfter(tokenId >> 32, f.checkpoint);
    }
}

/**
 * @notice Invariants of the ReceivableToken under random supply-chain activity, and a fuzz test of
 * the pro-rata interval rule.
 */
contract ReceivableTokenInvariantTest is HandlerInvariantTest {
    uint256 internal constant FUNDS = 1e14; // 1,000,000,000,000.00 in fen

    AccessManager internal manager;
    ParticipantRegistry internal registry;
    SettlementToken internal cash;
    ReceivableToken internal token;
    ReceivableHandler internal handler;

    address internal constant DEBTOR = address(0xC0);
    address[3] internal suppliers = [address(0x51), address(0x52), address(0x53)];

    function setUp() public {
        // This contract is the manager's admin: it may call every restricted function (the default
        // role of an unwired function is ADMIN), which is all the setup needs.
        manager = new AccessManager(address(this));
        registry = new ParticipantRegistry(address(manager));
        cash = new SettlementToken(address(manager), registry, "Digital Yuan Deposit", "dCNY");
        token = new ReceivableToken(address(manager), registry, 730 days, 7 days, 30 days, 100, 5, address(0));
        registry.registerModule(address(token));
        token.setCurrency(address(cash), true);

        uint40 kyc = uint40(block.timestamp + 100 * 365 days);
        registry.register(ParticipantId.wrap(keccak256("CORE")), Kinds.CORE_ENTERPRISE, kyc, "CN", DEBTOR);
        cash.mint(DEBTOR, FUNDS);
        vm.prank(DEBTOR);
        cash.approve(address(token), type(uint256).max);
        for (uint256 i; i < 3; ++i) {
            registry.register(ParticipantId.wrap(keccak256(abi.encode("SME", i))), Kinds.SME, kyc, "CN", suppliers[i]);
        }
        handler = new ReceivableHandler(token, cash, DEBTOR, suppliers);
    }

    function _handler() internal view override returns (address) {
        return address(handler);
    }

    function _actions() internal pure override returns (bytes4[] memory actions) {
        actions = new bytes4[](11);
        actions[0] = ReceivableHandler.issue.selector;
        actions[1] = ReceivableHandler.issuePayable.selector;
        actions[2] = ReceivableHandler.confirm.selector;
        actions[3] = ReceivableHandler.reject.selector;
        actions[4] = ReceivableHandler.split.selector;
        actions[5] = ReceivableHandler.sendValue.selector;
        actions[6] = ReceivableHandler.transfer.selector;
        actions[7] = ReceivableHandler.repay.selector;
        actions[8] = ReceivableHandler.claim.selector;
        actions[9] = ReceivableHandler.declareDefault.selector;
        actions[10] = ReceivableHandler.warp.selector;
    }

    // ------------------------------------------------------------------ the handler works

    /// @notice A scripted walk through the handler: every action succeeds and the invariants hold.
    function test_handler_issuesSplitsPaysAndClaims() public {
        handler.issuePayable(0, 0, 1_000_000_00, 90 days);
        handler.issue(1, 1, 333_333_33, 90 days, true);
        handler.sendValue(0, 1, 400_000_00); // token 0 -> supplier 1, new token 2
        handler.split(2, 100_000_00, 0, false); // token 2: 100,000.00 + 300,000.00 (token 3)
        handler.repay(0, 601_234_57); // not a multiple of 4: a partial payment
        handler.claim(0);
        handler.split(0, 12_345, 0, false); // split after a partial payment and a claim
        handler.transfer(3, 2);
        handler.repay(0, 4); // the rest
        for (uint256 i; i < handler.tokenCount(); ++i) handler.claim(i);
        vm.assertGt(handler.actions(), 9, "the actions succeeded");
        vm.assertEq(handler.totalPaid(), 1_000_000_00, "root 0 paid in full");
        vm.assertEq(handler.totalClaimed(), 1_000_000_00, "and claimed in full");
        invariant_fragmentValuesTileTheFace();
        invariant_claimsNeverExceedPaid();
        invariant_cashHeldIsPaidLessClaimed();
        invariant_eachFragmentWithinOneUnitOfItsShare();
        invariant_fingerprintMapsToOneRoot();
        invariant_entitlementConserved();
    }

    /// @notice The 65,535th payment is the last a root accepts (its payment counter is a uint16), and
    /// it is accepted only when it settles the root.
    function test_repay_tooManyPayments() public {
        vm.prank(DEBTOR);
        uint256 rootId = token.issuePayable(
            suppliers[0],
            address(cash),
            1_000_000_00,
            block.timestamp + 30 days,
            keccak256("INV-MANY"),
            "",
            bytes32(0)
        );
        // `_roots` is the first slot after Pausable's and AccessManaged's packed slot 0; the root's
        // first word packs debtor, dueDate, status, fragmentCount and paymentCount (top 16 bits).
        VmStorage st = VmStorage(VM_ADDRESS);
        bytes32 slot = keccak256(abi.encode(rootId, uint256(1)));
        bytes32 word = st.load(address(token), slot);
        vm.assertEq(address(uint160(uint256(word))), DEBTOR, "the slot holds the root's debtor");
        st.store(address(token), slot, word | bytes32(uint256(0xfffe) << 240));
        vm.assertEq(token.receivable(rootId).paymentCount, 0xfffe, "payment count set");
        // The counter's last value is kept for the payment that settles the root: a partial one is
        // refused, the settling one always goes through (nobody else can pay, see repay).
        vm.prank(DEBTOR);
        vm.expectRevert(abi.encodeWithSelector(IReceivableToken.ReceivableTooManyPayments.selector, rootId));
        token.repay(rootId, 1);
        vm.prank(DEBTOR);
        token.repay(rootId, 1_000_000_00);
        vm.assertEq(token.paidAfter(rootId, 0xffff), 1_000_000_00, "the 65,535th payment settles");
        vm.assertEq(uint256(token.receivable(rootId).status), uint256(IReceivableToken.Status.Settled), "settled");
    }

    /// @notice After a small payment the middle fragment of [0, 200) [200, 300) [300, 500) is one unit
    /// ahead (it took 1 at paid 2, its share is 0 at paid 3): it is owed nothing, the root's claims
    /// plus claimables exceed paid by that unit, and settlement reconciles exactly.
    function test_handler_fragmentAheadAfterASmallPayment() public {
        handler.issuePayable(0, 0, 500, 90 days);
        handler.split(0, 200, 100, true);
        uint256 rootId = handler.rootAt(0);
        uint256 middle = (rootId << 32) | 1;
        handler.repay(0, 2);
        handler.claim(1); // the middle fragment takes floor(600/500) - floor(400/500) = 1
        handler.repay(0, 1);
        vm.assertEq(token.claimable(middle), 0, "the middle fragment waits");
        vm.assertEq(_advanceOf(rootId, token.receivable(rootId)), 1, "one unit ahead");
        invariant_entitlementConserved();
        invariant_eachFragmentWithinOneUnitOfItsShare();
        invariant_claimsNeverExceedPaid();
        handler.repay(0, 4); // the rest
        for (uint256 i; i < 3; ++i) handler.claim(i);
        vm.assertEq(handler.claimedOf(rootId), 500, "settled and claimed in full");
        vm.assertEq(cash.balanceOf(address(token)), 0, "no dust");
        invariant_entitlementConserved();
    }

    // ------------------------------------------------------------------ invariants

    /// @notice The live fragments of a live root are disjoint intervals of [0, face) summing to face.
    /// hardhat-config: invariant.depth = 64
    function invariant_fragmentValuesTileTheFace() public view {
        for (uint256 k; k < handler.rootCount(); ++k) {
            uint256 rootId = handler.rootAt(k);
            IReceivableToken.Root memory r = token.receivable(rootId);
            if (!_live(r.status)) continue;
            uint256[] memory ids = _liveFragments(rootId);
            uint256 sum;
            for (uint256 i; i < ids.length; ++i) {
                (IReceivableToken.Fragment memory a, ) = token.fragment(ids[i]);
                vm.assertLe(uint256(a.start) + a.value, r.face, "fragment inside the face");
                sum += a.value;
                for (uint256 j = i + 1; j < ids.length; ++j) {
                    (IReceivableToken.Fragment memory b, ) = token.fragment(ids[j]);
                    bool disjoint = uint256(a.start) + a.value <= b.start || uint256(b.start) + b.value <= a.start;
                    vm.assertTrue(disjoint, "fragments overlap");
                }
            }
            vm.assertEq(sum, r.face, "fragment values sum to the face");
        }
    }

    /// @notice Overall, claims never exceed payments. Per root, they exceed them by at most the base
    /// units its fragments are ahead (see {_advance}).
    /// hardhat-config: invariant.depth = 64
    function invariant_claimsNeverExceedPaid() public view {
        vm.assertLe(handler.totalClaimed(), handler.totalPaid(), "claimed more than paid");
        for (uint256 k; k < handler.rootCount(); ++k) {
            uint256 rootId = handler.rootAt(k);
            IReceivableToken.Root memory r = token.receivable(rootId);
            if (!_live(r.status)) continue;
            // Since claims are capped per root, no root ever pays out more than it received.
            vm.assertLe(handler.claimedOf(rootId), r.paid, "root claimed more than paid");
            vm.assertEq(token.claimedOf(rootId), handler.claimedOf(rootId), "claimedOf matches the ghost");
        }
    }

    /// hardhat-config: invariant.depth = 64
    function invariant_claimsPayTheHolder() public view {
        vm.assertEq(handler.ghostMisdirectedClaims(), 0, "a claim did not pay the holder");
    }

    /// hardhat-config: invariant.depth = 64
    function invariant_cashHeldIsPaidLessClaimed() public view {
        vm.assertEq(
            cash.balanceOf(address(token)),
            handler.totalPaid() - handler.totalClaimed(),
            "token's cash is paid less claimed"
        );
    }

    /// @notice What a fragment's interval has been paid out plus what it can claim is its interval
    /// share (or what it already took, when a later payment lowered that share), within one base
    /// unit of value * paid / face.
    /// hardhat-config: invariant.depth = 64
    function invariant_eachFragmentWithinOneUnitOfItsShare() public view {
        for (uint256 k; k < handler.rootCount(); ++k) {
            uint256 rootId = handler.rootAt(k);
            IReceivableToken.Root memory r = token.receivable(rootId);
            if (!_live(r.status)) continue;
            uint256[] memory ids = _liveFragments(rootId);
            for (uint256 i; i < ids.length; ++i) {
                (IReceivableToken.Fragment memory f, ) = token.fragment(ids[i]);
                uint256 entitled = handler.settledOf(ids[i]) + _owedChecked(rootId, r, f, ids[i]);
                uint256 shareNow = ProRata.intervalShare(f.start, uint256(f.start) + f.value, r.paid, r.face);
                vm.assertEq(entitled, shareNow + _advance(rootId, r, f), "settled + claimable is the share");
                uint256 scaled = entitled * r.face;
                uint256 exact = uint256(f.value) * r.paid;
                uint256 diff = scaled > exact ? scaled - exact : exact - scaled;
                vm.assertLt(diff, r.face, "within one base unit of value * paid / face");
            }
        }
    }

    /// @notice rootIdOf recomputes each root's id from its invoice and parties, and the fingerprint is
    /// used exactly while the root is live.
    /// hardhat-config: invariant.depth = 64
    function invariant_fingerprintMapsToOneRoot() public view {
        for (uint256 k; k < handler.rootCount(); ++k) {
            uint256 rootId = handler.rootAt(k);
            vm.assertEq(
                token.rootIdOf(handler.invoiceOf(rootId), handler.creditorOf(rootId), DEBTOR),
                rootId,
                "rootIdOf is deterministic"
            );
            IReceivableToken.Root memory r = token.receivable(rootId);
            vm.assertEq(token.isFingerprintUsed(rootId), _live(r.status), "isFingerprintUsed matches the status");
            vm.assertEq(r.creditor, handler.creditorOf(rootId), "one creditor per fingerprint");
        }
    }

    /// @notice Splits, partial transfers and claims neither create nor destroy entitlement: per root,
    /// what all live fragments can claim plus what was claimed is exactly what was paid, plus the
    /// base units fragments took ahead of a later, lower share (at most one each, none at settlement).
    /// hardhat-config: invariant.depth = 64
    function invariant_entitlementConserved() public view {
        for (uint256 k; k < handler.rootCount(); ++k) {
            uint256 rootId = handler.rootAt(k);
            IReceivableToken.Root memory r = token.receivable(rootId);
            if (!_live(r.status)) continue;
            uint256[] memory ids = _liveFragments(rootId);
            uint256 sum = handler.claimedOf(rootId);
            for (uint256 i; i < ids.length; ++i) {
                (IReceivableToken.Fragment memory f, ) = token.fragment(ids[i]);
                sum += _owedChecked(rootId, r, f, ids[i]);
            }
            uint256 advance = _advanceOf(rootId, r);
            vm.assertEq(sum, r.paid + advance, "claimable + claimed == paid + advance");
            if (r.paid == r.face) vm.assertEq(advance, 0, "no advance at settlement");
        }
    }

    // ------------------------------------------------------------------ ProRata

    /// @notice Random cuts of [0, face) are entitled to exactly `paid` together, each within one base
    /// unit of its exact share.
    function testFuzz_intervalShare_tilesExactly(uint256 face, uint256 paid, uint256[8] memory cuts) public pure {
        face = bound(face, 1, type(uint96).max);
        paid = bound(paid, 0, face);
        for (uint256 i; i < cuts.length; ++i) cuts[i] = bound(cuts[i], 0, face);
        // Insertion sort: eight elements.
        for (uint256 i = 1; i < cuts.length; ++i) {
            uint256 c = cuts[i];
            uint256 j = i;
            while (j > 0 && cuts[j - 1] > c) {
                cuts[j] = cuts[j - 1];
                --j;
            }
            cuts[j] = c;
        }
        uint256 sum;
        uint256 start;
        for (uint256 i; i <= cuts.length; ++i) {
            uint256 end = i == cuts.length ? face : cuts[i];
            uint256 s = ProRata.intervalShare(start, end, paid, face);
            sum += s;
            uint256 scaled = s * face;
            uint256 exact = (end - start) * paid;
            vm.assertLt(scaled > exact ? scaled - exact : exact - scaled, face, "within one base unit");
            start = end;
        }
        vm.assertEq(sum, paid, "the tiles add up to paid");
    }

    /// @notice Splitting an interval anywhere conserves its entitlement exactly.
    function testFuzz_intervalShare_splitConserves(
        uint256 face,
        uint256 paid,
        uint256 a,
        uint256 b,
        uint256 m
    ) public pure {
        face = bound(face, 1, type(uint96).max);
        paid = bound(paid, 0, face);
        a = bound(a, 0, face);
        b = bound(b, a, face);
        m = bound(m, a, b);
        vm.assertEq(
            ProRata.intervalShare(a, m, paid, face) + ProRata.intervalShare(m, b, paid, face),
            ProRata.intervalShare(a, b, paid, face),
            "split conserves"
        );
    }

    // ------------------------------------------------------------------ internal

    function _live(IReceivableToken.Status s) internal pure returns (bool) {
        return
            s != IReceivableToken.Status.None &&
            s != IReceivableToken.Status.Rejected &&
            s != IReceivableToken.Status.Cancelled;
    }

    /// @dev Base units fragment `f` claimed beyond its share now: an interval's share
    /// floor(end * paid / face) - floor(start * paid / face) is not monotone in `paid`, so after a
    /// small payment it can fall one unit below what the fragment took at its checkpoint.
    function _advance(
        uint256 rootId,
        IReceivableToken.Root memory r,
        IReceivableToken.Fragment memory f
    ) internal view returns (uint256 advance) {
        uint256 end = uint256(f.start) + f.value;
        uint256 taken = ProRata.intervalShare(f.start, end, token.paidAfter(rootId, f.checkpoint), r.face);
        uint256 shareNow = ProRata.intervalShare(f.start, end, r.paid, r.face);
        advance = taken > shareNow ? taken - shareNow : 0;
        vm.assertLe(advance, 1, "a fragment is at most one base unit ahead");
    }

    /// @dev What a fragment is owed (its share now less its share at its checkpoint, never below
    /// zero), computed here from ProRata; checks that claimable() reports it, or 0 when the claim
    /// is deferred because the root does not hold that much any more.
    function _owedChecked(
        uint256 rootId,
        IReceivableToken.Root memory r,
        IReceivableToken.Fragment memory f,
        uint256 tokenId
    ) internal view returns (uint256 owed) {
        uint256 end = uint256(f.start) + f.value;
        uint256 taken = ProRata.intervalShare(f.start, end, token.paidAfter(rootId, f.checkpoint), r.face);
        uint256 shareNow = ProRata.intervalShare(f.start, end, r.paid, r.face);
        owed = shareNow > taken ? shareNow - taken : 0;
        uint256 available = r.paid - token.claimedOf(rootId);
        vm.assertEq(token.claimable(tokenId), owed > available ? 0 : owed, "claimable is what claim pays now");
    }

    function _advanceOf(uint256 rootId, IReceivableToken.Root memory r) internal view returns (uint256 sum) {
        uint256[] memory ids = _liveFragments(rootId);
        for (uint256 i; i < ids.length; ++i) {
            (IReceivableToken.Fragment memory f, ) = token.fragment(ids[i]);
            sum += _advance(rootId, r, f);
        }
    }

    function _liveFragments(uint256 rootId) internal view returns (uint256[] memory ids) {
        uint256[] memory all = handler.fragmentsOf(rootId);
        uint256 n;
        for (uint256 i; i < all.length; ++i) if (!handler.burnt(all[i])) ++n;
        ids = new uint256[](n);
        n = 0;
        for (uint256 i; i < all.length; ++i) if (!handler.burnt(all[i])) ids[n++] = all[i];
    }
}
