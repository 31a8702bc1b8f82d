import { expect } from "chai";
import { encodeBytes32String, ErrorFragment, getAddress, Interface, ParamType, type InterfaceAbi } from "ethers";

import { decodeErrorData, explainError, PLAIN } from "../../src/errors.js";
import { factories } from "../../types/ethers-contracts/index.js";
import {
  BondFactory__factory,
  Bond__factory,
  DayCount__factory,
  FactoringMarket__factory,
  IBondFactory__factory,
  IBond__factory,
  IFactoringMarket__factory,
  IProductFactory__factory,
  IReceivableToken__factory,
  IRevenueProduct__factory,
  ITrancheToken__factory,
  ProductFactory__factory,
  RevenueProduct__factory,
} from "../../types/ethers-contracts/index.js";

/** Test doubles compiled with the suite; their errors are not the suite's. */
const NOT_SUITE = /(^|\/)mocks\/|Mock|Probe|Harness|Baseline/;

/** Every non-mock TypeChain factory, by its namespace path ("contracts/market/FactoringMarket__factory"). */
function suiteFactories(): { path: string; abi: InterfaceAbi }[] {
  const out: { path: string; abi: InterfaceAbi }[] = [];
  const walk = (node: unknown, path: string) => {
    if (node === null || (typeof node !== "object" && typeof node !== "function")) return;
    const abi = (node as { abi?: InterfaceAbi }).abi;
    if (typeof node === "function") {
      if (Array.isArray(abi) && !NOT_SUITE.test(path)) out.push({ path, abi });
      return;
    }
    for (const [k, v] of Object.entries(node as object)) walk(v, path === "" ? k : `${path}/${k}`);
  };
  walk(factories, "");
  return out;
}

/** A plausible value of a Solidity type, to exercise a template with every argument present. */
function sample(p: ParamType): unknown {
  if (p.baseType === "address") return "0x00000000000000000000000000000000000000a1";
  if (p.baseType === "bool") return true;
  if (p.baseType === "string") return "text";
  if (p.baseType.startsWith("uint")) return 1n;
  if (p.baseType.startsWith("int")) return -1n;
  if (p.baseType === "bytes") return "0x01";
  const m = /^bytes(\d+)$/.exec(p.baseType);
  if (m) return "0x" + "ab".repeat(Number(m[1]));
  if (p.baseType === "array") return [sample(p.arrayChildren!)];
  if (p.baseType === "tuple") return p.components!.map(sample);
  throw new Error(`no sample for ${p.type}`);
}

const ALICE = getAddress("0x00000000000000000000000000000000000000a1");
const FUND = getAddress("0x00000000000000000000000000000000000000f1");
const CASH = getAddress("0x00000000000000000000000000000000000000c1");
const BOOK: Record<string, string> = { [ALICE]: "alice", [FUND]: "fund-a", [CASH]: "cash" };
const nameOf = (a: string) => BOOK[getAddress(a)];
const ROOT = 0x1234n;
const FRAG = (ROOT << 32n) | 2n;
const ROOT_HEX = "0x" + "1234".padStart(56, "0");
const T0 = 1_800_000_000n; // 2027-01-15T08:00:00Z

const plain = (iface: Interface, name: string, args: unknown[]) =>
  explainError({ data: iface.encodeErrorResult(name, args) }, nameOf);

describe("SDK errors in plain words", () => {
  describe("every custom error of the suite has a template", () => {
    const found = suiteFactories();

    it("finds the suite's contract factories and no test double", () => {
      const paths = found.map((f) => f.path);
      for (const p of [
        "contracts/market/FactoringMarket__factory",
        "contracts/bonds/Bond__factory",
        "contracts/bonds/BondFactory__factory",
        "contracts/products/RevenueProduct__factory",
        "contracts/products/ProductFactory__factory",
        "contracts/products/TrancheToken__factory",
        "contracts/receivables/ReceivableToken__factory",
        "contracts/interfaces/IFactoringMarket__factory",
      ])
        expect(
          paths.some((x) => x.endsWith(p)),
          p,
        ).to.equal(true);
      expect(paths.filter((p) => NOT_SUITE.test(p))).to.deep.equal([]);
    });

    it("has a PLAIN template for each error, and the template uses every decoded argument", () => {
      const missing = new Set<string>();
      const broken: string[] = [];
      let checked = 0;
      for (const { path, abi } of found) {
        const iface = new Interface(abi);
        iface.forEachError((e: ErrorFragment) => {
          if (PLAIN[e.name] === undefined) {
            missing.add(`${e.format("sighash")} (${path})`);
            return;
          }
          const data = iface.encodeErrorResult(e, e.inputs.map(sample));
          const d = decodeErrorData(data, nameOf);
          checked++;
          if (d === undefined || d.name !== e.name) broken.push(`${e.name}: not decoded`);
          else if (/undefined|NaN|Invalid Date|^[A-Za-z]+\(/.test(d.message) || d.message.length === 0)
            broken.push(`${e.name}: ${d.message}`);
        });
      }
      expect([...missing].sort(), "errors without a plain-words template").to.deep.equal([]);
      expect(broken, "templates reading a missing argument").to.deep.equal([]);
      expect(checked).to.be.greaterThan(200);
    });
  });

  describe("market", () => {
    const m = IFactoringMarket__factory.createInterface();
    it("explains bids, rates, states and eligibility", () => {
      expect(plain(m, "MarketBidTooLow", [1n, 25_000_000n, 25_100_000n])).to.equal(
        "MarketBidTooLow: 250,000.00 is below the minimum bid of 251,000.00 on auction #1",
      );
      expect(plain(m, "MarketRateTooHigh", [12_000n, 10_000n])).to.equal(
        "MarketRateTooHigh: the discount rate 120% (12000 bps) is above the maximum 100% (10000 bps)",
      );
      expect(plain(m, "MarketFeeTooHigh", [435n, 300n])).to.equal(
        "MarketFeeTooHigh: the fee 4.35% (435 bps) is above the maximum 3% (300 bps)",
      );
      expect(plain(m, "MarketFragmentNotTradable", [FRAG, 4])).to.equal(
        `MarketFragmentNotTradable: fragment ${ROOT_HEX}/2 is Overdue and cannot be traded here`,
      );
      expect(plain(m, "MarketRecourseNotExercisable", [3n, 3])).to.equal(
        "MarketRecourseNotExercisable: the recourse of listing #3 is Exercised: collateral is posted while it is Listed or Sold, recourse is exercised only when Sold",
      );
      expect(plain(m, "MarketRecourseNotExercisable", [4n, 0])).to.equal(
        "MarketRecourseNotExercisable: listing #4 has no recourse duty",
      );
      expect(plain(m, "MarketRootNotDefaulted", [ROOT, 2])).to.equal(
        `MarketRootNotDefaulted: receivable ${ROOT_HEX} is Confirmed, not Defaulted`,
      );
      expect(plain(m, "MarketBuyerNotEligible", [ALICE, 12])).to.equal(
        `MarketBuyerNotEligible: alice (${ALICE}) is not an eligible FACTOR or BANK`,
      );
      expect(plain(m, "MarketUnderfunded", [ALICE, 150_000n, 100_000n, 0n])).to.equal(
        `MarketUnderfunded: alice (${ALICE}) needs 1,500.00 but has a balance of 1,000.00 and approved the market for 0.00`,
      );
      expect(plain(m, "MarketBadAuctionEnd", [T0 + 100n * 86_400n, T0, 90n * 86_400n])).to.equal(
        "MarketBadAuctionEnd: the end 2027-04-25T08:00:00Z must be after the chain's time 2027-01-15T08:00:00Z and at most 90 days later",
      );
      expect(plain(m, "MarketNothingToRefund", [CASH, ALICE])).to.equal(
        `MarketNothingToRefund: alice (${ALICE}) has no refund to withdraw in cash (${CASH})`,
      );
    });
    it("decodes through the concrete market's ABI too", () => {
      const c = FactoringMarket__factory.createInterface();
      expect(plain(c, "MarketListingExpired", [7n, T0])).to.equal(
        "MarketListingExpired: listing #7 expired at 2027-01-15T08:00:00Z",
      );
    });
  });

  describe("bonds", () => {
    const b = IBond__factory.createInterface();
    const f = IBondFactory__factory.createInterface();
    it("explains states, yields, tickets and eligibility", () => {
      expect(plain(b, "BondWrongState", [0, 2])).to.equal("BondWrongState: the bond is Book; this needs it to be Live");
      expect(plain(b, "BondYieldOutOfRange", [435, 300, 400])).to.equal(
        "BondYieldOutOfRange: the yield 4.35% (435 bps) is outside 3% (300 bps) to 4% (400 bps)",
      );
      expect(plain(b, "BondTicketOutOfRange", [5n, 10n, 1n])).to.equal(
        "BondTicketOutOfRange: 5 units is outside the ticket range of 10 units to 1 unit",
      );
      expect(plain(b, "BondIneligible", [FUND, 5])).to.equal(
        `BondIneligible: fund-a (${FUND}) is not eligible in the registry: Frozen`,
      );
      expect(plain(b, "BondWrongCouponAmount", [2n, 435_000_00n, 400_000_00n])).to.equal(
        "BondWrongCouponAmount: coupon 2 needs 435,000.00, not 400,000.00",
      );
      expect(plain(Bond__factory.createInterface(), "BondInvestorKindNotAllowed", [ALICE, 16])).to.equal(
        `BondInvestorKindNotAllowed: alice (${ALICE}) is none of the investor kinds the bond allows (INVESTOR)`,
      );
    });
    it("explains the factory's checks of the terms", () => {
      expect(plain(f, "BondFactoryTickNotDividing", [300, 400, 30])).to.equal(
        "BondFactoryTickNotDividing: the yield range 3% (300 bps) to 4% (400 bps) is empty or the tick 0.3% (30 bps) is zero or does not divide it",
      );
      expect(plain(BondFactory__factory.createInterface(), "BondFactoryIssuerIneligible", [ALICE, 2])).to.equal(
        `BondFactoryIssuerIneligible: the issuer alice (${ALICE}) is not eligible: Suspended`,
      );
      expect(plain(f, "BondFactoryMaturityBeforeIssue", [T0, T0 - 86_400n])).to.equal(
        "BondFactoryMaturityBeforeIssue: the maturity 2027-01-14T08:00:00Z is not after the issue date 2027-01-15T08:00:00Z",
      );
    });
  });

  describe("products", () => {
    const p = IRevenueProduct__factory.createInterface();
    it("explains phases, custody, kinds and terms", () => {
      expect(plain(p, "ProductPaused", [])).to.equal("ProductPaused: the product is paused by the guardian");
      expect(plain(p, "ProductWrongPhase", [1, 3])).to.equal(
        "ProductWrongPhase: the product is Originated; this needs it to be Listed",
      );
      expect(plain(p, "ProductFragmentNotHeld", [FRAG, 5])).to.equal(
        `ProductFragmentNotHeld: fragment ${ROOT_HEX}/2 is Auctioned in the product's custody, which does not allow this`,
      );
      expect(plain(p, "ProductNotAuctioned", [FRAG, 2])).to.equal(
        `ProductNotAuctioned: fragment ${ROOT_HEX}/2 is Released, not Auctioned`,
      );
      expect(plain(p, "ProductFragmentNotConfirmed", [FRAG, 1])).to.equal(
        `ProductFragmentNotConfirmed: fragment ${ROOT_HEX}/2 is Pending, not Confirmed`,
      );
      expect(plain(p, "ProductNotKind", [ALICE, 32])).to.equal(
        `ProductNotKind: alice (${ALICE}) is not an eligible RATING_AGENCY`,
      );
      expect(plain(p, "ProductTicketTooSmall", [99_999n, 100_000n])).to.equal(
        "ProductTicketTooSmall: 999.99 is below the minimum ticket of 1,000.00",
      );
      expect(plain(RevenueProduct__factory.createInterface(), "ProductBadTerms", [8000n, 435n, 50n])).to.equal(
        "ProductBadTerms: the terms are invalid: senior share 80% (8000 bps), senior rate 4.35% (435 bps), servicing fee 0.5% (50 bps)",
      );
    });
    it("explains the factory's and the tranches' errors", () => {
      expect(plain(IProductFactory__factory.createInterface(), "FactoryNotFactor", [ALICE])).to.equal(
        `FactoryNotFactor: alice (${ALICE}) is not an eligible FACTOR`,
      );
      expect(plain(ProductFactory__factory.createInterface(), "FactoryUnknownProduct", [FUND])).to.equal(
        `FactoryUnknownProduct: fund-a (${FUND}) is not a product of this factory`,
      );
      expect(plain(ITrancheToken__factory.createInterface(), "TrancheIneligible", [FUND, 4])).to.equal(
        `TrancheIneligible: fund-a (${FUND}) is not eligible to hold tranche shares: KycExpired`,
      );
    });
  });

  describe("receivables and libraries", () => {
    it("explains the receivable errors added here", () => {
      const r = IReceivableToken__factory.createInterface();
      expect(plain(r, "ReceivableUnknownDocument", [ROOT, encodeBytes32String("invoice.pdf")])).to.equal(
        `ReceivableUnknownDocument: receivable ${ROOT_HEX} has no document named "invoice.pdf"`,
      );
      expect(plain(r, "ReceivableClaimDeferred", [FRAG, 200_000n, 150_050n])).to.equal(
        `ReceivableClaimDeferred: fragment ${ROOT_HEX}/2 is owed 2,000.00 but only 1,500.50 is available to pay it now`,
      );
      expect(plain(r, "ReceivableBadSplitCount", [1n])).to.equal(
        "ReceivableBadSplitCount: a fragment splits into 2 to 16 parts, not 1",
      );
    });
    it("explains library errors", () => {
      expect(plain(DayCount__factory.createInterface(), "DayCountInvertedRange", [T0, T0 - 86_400n])).to.equal(
        "DayCountInvertedRange: the range ends at 2027-01-14T08:00:00Z, before it starts at 2027-01-15T08:00:00Z",
      );
      expect(plain(BondFactory__factory.createInterface(), "AccessManagedRequiredDelay", [ALICE, 86_400])).to.equal(
        `AccessManagedRequiredDelay: alice (${ALICE}) must schedule this call through the access manager (delay 1 day)`,
      );
    });
  });
});
