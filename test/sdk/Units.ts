import { expect } from "chai";

import {
  UnitError,
  formatAmount,
  formatBps,
  formatDate,
  formatJurisdiction,
  parseAmount,
  parseBps,
  parseDate,
  parseJurisdiction,
  parsePositiveAmount,
  parseReason,
} from "../../src/units.js";

const problem = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    expect(e).to.be.instanceOf(UnitError);
    return (e as Error).message;
  }
  throw new Error("did not throw");
};

describe("units", () => {
  describe("parseAmount", () => {
    it("converts decimal strings exactly, with or without grouping", () => {
      expect(parseAmount("0")).to.equal(0n);
      expect(parseAmount("1")).to.equal(100n);
      expect(parseAmount("1.5")).to.equal(150n);
      expect(parseAmount("1,234,567.89")).to.equal(123456789n);
      expect(parseAmount(" 0.01 ")).to.equal(1n);
      expect(parseAmount("123456789012345678901234567890.12")).to.equal(12345678901234567890123456789012n);
      expect(parseAmount("1.123456", 6)).to.equal(1123456n);
      expect(parseAmount("7", 0)).to.equal(7n);
    });

    it("rejects negative, over-precise and malformed input with the field name", () => {
      expect(problem(() => parseAmount("-1", 2, "--amount"))).to.equal('--amount: must not be negative (got "-1")');
      expect(problem(() => parseAmount("1.001"))).to.equal('amount: has more than 2 decimal places (got "1.001")');
      expect(problem(() => parseAmount("1.5", 0))).to.contain("has more than 0 decimal places");
      for (const bad of ["", "1e3", "0x10", "1.", ".5", "1,23", "12,345,67", "1 000", "+1", "NaN", "１"]) {
        expect(problem(() => parseAmount(bad))).to.contain("is not a decimal number like 1234.56");
      }
      expect(problem(() => parsePositiveAmount("0.00"))).to.contain("must be greater than zero");
    });

    it("round-trips through formatAmount", () => {
      for (const v of [0n, 1n, 99n, 100n, 123456789n]) expect(parseAmount(formatAmount(v))).to.equal(v);
      expect(formatAmount(123456789n, 2, { group: true })).to.equal("1,234,567.89");
      expect(formatAmount(-150n)).to.equal("-1.50");
      expect(formatAmount(5n, 0)).to.equal("5");
    });
  });

  describe("dates", () => {
    it("parses ISO dates and date-times to unix seconds (UTC unless an offset is given)", () => {
      expect(parseDate("1970-01-02")).to.equal(86400n);
      expect(parseDate("2027-06-30")).to.equal(1814313600n);
      expect(parseDate("2027-06-30T12:00:00Z")).to.equal(1814313600n + 43200n);
      expect(parseDate("2027-06-30T20:00+08:00")).to.equal(1814313600n + 43200n);
      expect(parseDate("2028-02-29")).to.equal(1835395200n);
    });

    it("rejects impossible and malformed dates", () => {
      for (const bad of ["2027-02-30", "2027-13-01", "2027-02-29", "2027-06-30T24:00:00Z"]) {
        expect(problem(() => parseDate(bad))).to.contain("is not a valid calendar date/time");
      }
      for (const bad of ["30/06/2027", "2027-6-30", "tomorrow", "1814313600"]) {
        expect(problem(() => parseDate(bad))).to.contain("is not an ISO date");
      }
    });

    it("formats seconds back to ISO", () => {
      expect(formatDate(1814313600n)).to.equal("2027-06-30");
      expect(formatDate(1814313600 + 43200)).to.equal("2027-06-30T12:00:00Z");
    });
  });

  describe("rates, codes and reasons", () => {
    it("parses percent and basis points exactly", () => {
      expect(parseBps("1.25%")).to.equal(125n);
      expect(parseBps("0.01%")).to.equal(1n);
      expect(parseBps("100%")).to.equal(10000n);
      expect(parseBps("125bps")).to.equal(125n);
      expect(parseBps("125 bp")).to.equal(125n);
      expect(parseBps("125")).to.equal(125n);
      expect(problem(() => parseBps("1.255%"))).to.contain("finer than one basis point");
      expect(problem(() => parseBps("0.0125"))).to.contain('is not a rate like "1.25%"');
      expect(problem(() => parseBps("-1%"))).to.contain("is not a rate");
      expect(problem(() => parseBps("100.01%"))).to.contain("exceeds 100%");
      expect(formatBps(125n)).to.equal("1.25%");
      expect(formatBps(10000n)).to.equal("100%");
    });

    it("encodes jurisdictions and reasons", () => {
      expect(parseJurisdiction("cn")).to.equal("0x434e");
      expect(formatJurisdiction("0x434e")).to.equal("CN");
      expect(problem(() => parseJurisdiction("CHN"))).to.contain("two-letter country code");
      expect(parseReason("KYC")).to.equal("0x4b5943" + "0".repeat(58));
      expect(problem(() => parseReason(""))).to.contain("must not be empty");
      expect(problem(() => parseReason("a".repeat(32)))).to.contain("longer than 31 bytes");
    });
  });
});
