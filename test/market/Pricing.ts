import { expect } from "chai";

import { Basis, daysToMaturity, discountPrice, platformFee, type Basis as BasisT } from "../../src/pricing.js";
import { connection, DAY, ethers, networkHelpers } from "../helpers/fixtures.js";
import { deployMarketOn, FEE_BPS } from "../helpers/market.js";

const { loadFixture, time } = networkHelpers;

/** Deterministic PRNG (mulberry32) so failures reproduce. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  /** A bigint in [lo, hi]. */
  return (lo: bigint, hi: bigint) => lo + (BigInt(Math.floor(next() * 2 ** 32)) * (hi - lo + 1n)) / 2n ** 32n;
}

async function harness() {
  return ethers.deployContract("DiscountMathHarness");
}

async function market() {
  return deployMarketOn(connection);
}

describe("src/pricing.ts", () => {
  it("counts a started day as a whole day", () => {
    expect(daysToMaturity(1000n, 1000n)).to.equal(0n);
    expect(daysToMaturity(1000n + DAY, 1000n)).to.equal(1n);
    expect(daysToMaturity(1001n + DAY, 1000n)).to.equal(2n);
    expect(daysToMaturity(999n, 1000n)).to.equal(0n);
  });

  it("prices the issue's example: 300,000.00 at 4.35% for 90 days ACT/360 = 296,737.50", () => {
    expect(discountPrice(300_000_00n, 435n, 90n * DAY, 0n, Basis.Act360)).to.equal(296_737_50n);
    expect(discountPrice(300_000_00n, 435n, 90n * DAY, 0n, Basis.Act365F)).to.equal(296_782_19n);
  });

  it("matches DiscountMath to the base unit on 200 random inputs (seed 20261121)", async () => {
    const h = await loadFixture(harness);
    const rnd = prng(20261121);
    for (let i = 0; i < 200; i++) {
      const face = rnd(1n, 2n ** 96n - 1n) >> rnd(0n, 80n);
      const rate = rnd(0n, 10_000n);
      const nowTs = rnd(1_600_000_000n, 1_900_000_000n);
      const due = nowTs + rnd(0n, 730n * DAY) - rnd(0n, 5n * DAY);
      const basis = Number(rnd(0n, 1n)) as BasisT;
      const expected = discountPrice(face, rate, due, nowTs, basis);
      expect(
        await h.price(face, rate, due, nowTs, basis),
        `case ${i}: ${face} ${rate} ${due} ${nowTs} ${basis}`,
      ).to.equal(expected);
    }
  });

  it("gives what buy charges on 20 random listings (seed 4)", async () => {
    const f = await loadFixture(market);
    const rnd = prng(4);
    for (let i = 0; i < 20; i++) {
      const face = rnd(1_000_00n, 400_000_00n); // the factor holds 10,000,000.00
      const tenor = rnd(2n * DAY, 360n * DAY);
      const p = await f.payable(face, `INV-PROP-${i}`, tenor);
      const rate = rnd(1n, 2_000n);
      const basis = Number(rnd(0n, 1n)) as BasisT;
      await (
        await f.market.connect(f.supplier).list({
          tokenId: p.tokenId,
          value: 0n,
          price: 0n,
          rateBps: rate,
          basis,
          expiry: p.due,
          buyerKinds: 0n,
          recourse: false,
          collateral: 0n,
        })
      ).wait();
      // Within 10 days (KYC of the fixture's members lasts a year over all 20 cases).
      const at = BigInt(await time.latest()) + rnd(1n, 10n * DAY);
      await time.setNextBlockTimestamp(at);
      const expected = discountPrice(face, rate, p.due, at, basis);
      await expect(f.market.connect(f.factor).buy(BigInt(i + 1), expected))
        .to.emit(f.market, "Bought")
        .withArgs(
          BigInt(i + 1),
          p.tokenId,
          f.factor.address,
          f.supplier.address,
          expected,
          platformFee(expected, FEE_BPS),
        );
    }
  });
});
