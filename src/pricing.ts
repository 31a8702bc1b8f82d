/**
 * Discount pricing, identical to contracts/libraries/DiscountMath.sol to the base unit: the SDK and
 * the demo quote what the market charges. All amounts are base units (bigint); times unix seconds.
 */

/** Day-count basis, as `DiscountBasis` in Solidity. */
export const Basis = { Act360: 0, Act365F: 1 } as const;
export type Basis = (typeof Basis)[keyof typeof Basis];

const BPS = 10_000n;
const DAY = 86_400n;

/** Whole days to maturity, a started day counting as one; 0 once due. */
export function daysToMaturity(dueDate: bigint, now: bigint): bigint {
  if (dueDate <= now) return 0n;
  return (dueDate - now + DAY - 1n) / DAY;
}

/** Days in the year of a basis. */
export function basisDays(basis: Basis): bigint {
  return basis === Basis.Act360 ? 360n : 365n;
}

/** Discount interest, rounded up. */
export function discountInterest(face: bigint, rateBps: bigint, days: bigint, basis: Basis): bigint {
  const denominator = BPS * basisDays(basis);
  return (face * rateBps * days + denominator - 1n) / denominator;
}

/** Price of `face` due at `dueDate` discounted at `rateBps` a year on `basis`, at time `now`. */
export function discountPrice(face: bigint, rateBps: bigint, dueDate: bigint, now: bigint, basis: Basis): bigint {
  const i = discountInterest(face, rateBps, daysToMaturity(dueDate, now), basis);
  return i >= face ? 0n : face - i;
}

/** Platform fee on an amount, rounded down (as the market). */
export function platformFee(amount: bigint, feeBps: bigint): bigint {
  return (amount * feeBps) / BPS;
}
