/**
 * The maths of a revenue-sharing product, mirror of `contracts/libraries/WaterfallMath.sol` and of
 * the figures `RevenueProduct` and `TrancheToken` compute from it: same integer maths on bigint,
 * same rounding (down unless said otherwise), so every figure equals the contract's to the base
 * unit. The SDK and the tasks show waterfall figures only through these functions.
 */

export const BPS = 10_000n;
export const YEAR = 365n * 86_400n;
/** The tranche token's accumulator scale (cash base units x 2^64 per share). */
export const MAG = 1n << 64n;

/** One distribution's split (cash base units), WaterfallMath.Split. */
export interface WaterfallSplit {
  servicingFee: bigint;
  exchangeFee: bigint;
  seniorInterest: bigint;
  seniorPrincipal: bigint;
  junior: bigint;
}

/** Simple interest, actual/365, rounded down: `balance x rateBps x elapsed / (10,000 x 365 days)`. */
export function interest(balance: bigint, rateBps: bigint, elapsed: bigint): bigint {
  return (balance * rateBps * elapsed) / (BPS * YEAR);
}

/** `amount x bps / 10,000`, rounded down. */
export function fee(amount: bigint, bps: bigint): bigint {
  return (amount * bps) / BPS;
}

/** Splits `gross`: fees (rounded down) first, then interest due, then senior principal, then the rest. */
export function split(
  gross: bigint,
  servicingBps: bigint,
  exchangeBps: bigint,
  interestDue: bigint,
  seniorBalance: bigint,
): WaterfallSplit {
  const servicingFee = fee(gross, servicingBps);
  const exchangeFee = fee(gross, exchangeBps);
  let net = gross - servicingFee - exchangeFee;
  const seniorInterest = net < interestDue ? net : interestDue;
  net -= seniorInterest;
  const seniorPrincipal = net < seniorBalance ? net : seniorBalance;
  return { servicingFee, exchangeFee, seniorInterest, seniorPrincipal, junior: net - seniorPrincipal };
}

/** What a fragment `[start, start + value)` of a root of `face` is entitled to after `paid`. */
export function entitled(start: bigint, value: bigint, paid: bigint, face: bigint): bigint {
  return ((start + value) * paid) / face - (start * paid) / face;
}

/** The waterfall state a distribution starts from (IRevenueProduct.Waterfall). */
export interface WaterfallState {
  seniorBalance: bigint;
  interestDue: bigint;
  accruedAt: bigint;
}

/** Senior interest due at `now`: the stored due plus what accrued since `accruedAt` (0 once repaid). */
export function interestDueAt(state: WaterfallState, seniorRateBps: bigint, now: bigint): bigint {
  if (state.seniorBalance === 0n) return state.interestDue;
  return state.interestDue + interest(state.seniorBalance, seniorRateBps, now - state.accruedAt);
}

/** What a distribution needs besides the waterfall state. */
export interface DistributionParams {
  seniorRateBps: bigint;
  servicingFeeBps: bigint;
  exchangeFeeBps: bigint;
  /** Whether a junior tranche took principal (false: the residual goes to the senior). */
  hasJunior: boolean;
  /** Total supplies of the tranche tokens (senior, junior), custody shares included: what the accumulators divide by. */
  shares: [bigint, bigint];
}

/** A distribution of `gross` at `now`, as `RevenueProduct._distribute` computes it. */
export interface Distribution extends WaterfallSplit {
  gross: bigint;
  /** Cash to the senior token (interest + principal, plus the residual without a junior). */
  toSenior: bigint;
  /** Cash to the junior token (what `Distributed.junior` reports). */
  toJunior: bigint;
  /** What each token's accumulator takes (`TrancheToken.distribute`); the rest stays in the product. */
  seniorUsed: bigint;
  juniorUsed: bigint;
  /** The waterfall state after the distribution. */
  after: WaterfallState;
}

/**
 * The cash a tranche token takes of `amount` (TrancheToken.distribute):
 * `ceil(floor(amount x 2^64 / supply) x supply / 2^64)`; 0 without shares.
 */
export function distributionUsed(amount: bigint, supply: bigint): bigint {
  if (supply === 0n || amount === 0n) return 0n;
  const perShare = (amount * MAG) / supply;
  const scaled = perShare * supply;
  return scaled / MAG + (scaled % MAG === 0n ? 0n : 1n);
}

/** The distribution of `gross` at `now` from `state` (RevenueProduct._distribute, to the base unit). */
export function distribute(gross: bigint, state: WaterfallState, p: DistributionParams, now: bigint): Distribution {
  const due = interestDueAt(state, p.seniorRateBps, now);
  const s = split(gross, p.servicingFeeBps, p.exchangeFeeBps, due, state.seniorBalance);
  let toSenior = s.seniorInterest + s.seniorPrincipal;
  let toJunior = s.junior;
  if (!p.hasJunior) [toSenior, toJunior] = [toSenior + toJunior, 0n];
  return {
    ...s,
    junior: toJunior,
    gross,
    toSenior,
    toJunior,
    seniorUsed: distributionUsed(toSenior, p.shares[0]),
    juniorUsed: distributionUsed(toJunior, p.shares[1]),
    after: {
      seniorBalance: state.seniorBalance - s.seniorPrincipal,
      interestDue: due - s.seniorInterest,
      accruedAt: now,
    },
  };
}

/** Tranche share supplies from a listing (RevenueProduct.list): senior `floor(total x seniorBps / 10,000)`. */
export function trancheSupplies(cap: bigint, pricePerShare: bigint, seniorBps: bigint): [bigint, bigint] {
  const total = cap / pricePerShare;
  const senior = seniorBps === BPS ? total : (total * seniorBps) / BPS;
  return [senior, total - senior];
}

/** The outcome of closing an offering (RevenueProduct.closeOffering). */
export interface OfferingOutcome {
  success: boolean;
  raised: bigint;
  exchangeFee: bigint;
  originatorProceeds: bigint;
  /** Principal raised into each tranche (0 on failure). */
  principal: [bigint, bigint];
}

/** Closing figures from each tranche's requested shares and supply. */
export function closeOutcome(
  requested: [bigint, bigint],
  supplies: [bigint, bigint],
  pricePerShare: bigint,
  minRaise: bigint,
  exchangeFeeBps: bigint,
): OfferingOutcome {
  const min = (a: bigint, b: bigint) => (a < b ? a : b);
  const principal: [bigint, bigint] = [
    min(requested[0], supplies[0]) * pricePerShare,
    min(requested[1], supplies[1]) * pricePerShare,
  ];
  const raised = principal[0] + principal[1];
  if (raised < minRaise || raised === 0n) {
    return { success: false, raised, exchangeFee: 0n, originatorProceeds: 0n, principal: [0n, 0n] };
  }
  const exchangeFee = fee(raised, exchangeFeeBps);
  return { success: true, raised, exchangeFee, originatorProceeds: raised - exchangeFee, principal };
}

/**
 * An investor's allocation after a successful close (RevenueProduct.claimShares): pro rata when the
 * tranche is oversubscribed, rounded up: `shares = requested - floor(requested x excess / total)`,
 * the cut refunded at the price.
 */
export function allocation(
  requested: bigint,
  totalRequested: bigint,
  supply: bigint,
  pricePerShare: bigint,
): { shares: bigint; refund: bigint } {
  if (totalRequested <= supply) return { shares: requested, refund: 0n };
  const cut = (requested * (totalRequested - supply)) / totalRequested;
  return { shares: requested - cut, refund: cut * pricePerShare };
}

/** Loss write-down (RevenueProduct._writeDown): junior first, then senior, each bounded by what it has left. */
export function writeDown(
  loss: bigint,
  junior: { principal: bigint; written: bigint },
  senior: { principal: bigint; written: bigint },
): { juniorWritten: bigint; seniorWritten: bigint } {
  const j = loss < junior.principal - junior.written ? loss : junior.principal - junior.written;
  const rest = loss - j;
  const s = rest < senior.principal - senior.written ? rest : senior.principal - senior.written;
  return { juniorWritten: j, seniorWritten: s };
}
