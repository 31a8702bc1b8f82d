/**
 * Pro-rata interval shares, identical to `contracts/libraries/ProRata.sol`: the holding `[start,
 * end)` of `total` is entitled to `floor(end * paid / total) - floor(start * paid / total)` when
 * `paid` has been paid. Exact bigint maths (Solidity's `Math.mulDiv` never overflows; neither do
 * bigints).
 */
export function intervalShare(start: bigint, end: bigint, paid: bigint, total: bigint): bigint {
  if (total <= 0n) throw new RangeError("intervalShare: total must be positive");
  if (start < 0n || end < start || paid < 0n) throw new RangeError("intervalShare: needs 0 <= start <= end, paid >= 0");
  return (end * paid) / total - (start * paid) / total;
}
