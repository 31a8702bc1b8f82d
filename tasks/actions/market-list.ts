import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { MAX_RATE_BPS, parseBasis } from "../../src/areas/market.js";
import { formatTokenId } from "../../src/areas/receivables.js";
import { kindBitsOf } from "../../src/areas/registry.js";
import { Kinds } from "../../src/kinds.js";
import { discountPrice } from "../../src/pricing.js";
import { formatBps, formatDate, parseBps, parseDate, parsePositiveAmount } from "../../src/units.js";
import {
  amt,
  approveCash,
  approveFragments,
  chainNow,
  dryRunThen,
  marketEvents,
  printHolder,
  printListing,
  requireBalance,
} from "../lib/market.js";
import { requireOption } from "../lib/print.js";
import { actingSigner, knownFragment, requireMovable } from "../lib/receivables.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  fragment: string;
  value: string;
  price: string;
  rate: string;
  basis: string;
  expiry: string;
  recourse: boolean;
  collateral: string;
  buyerKinds: string;
}

export default async function list(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    if ((args.price === "") === (args.rate === "")) {
      throw new InputError("give exactly one of --price (a fixed price) or --rate (a discount rate, e.g. 4.35%)");
    }
    requireOption(args.expiry, "--expiry");
    if (args.collateral !== "" && !args.recourse) {
      throw new InputError("--collateral: collateral is posted on recourse listings only; add --recourse");
    }
    const rt = await openRuntime(args, hre);
    const { root, fragment } = await knownFragment(rt, args.fragment);
    const d = root.decimals;
    const { signer, address: from } = await actingSigner(rt);
    if (fragment.holder.toLowerCase() === rt.suite.addresses.market.toLowerCase()) {
      throw new InputError(
        `--fragment: ${formatTokenId(fragment.tokenId)} is already listed or auctioned on the market`,
      );
    }
    requireMovable(rt, root, fragment, from);

    const value = args.value === "" ? fragment.value : parsePositiveAmount(args.value, d, "--value");
    if (value > fragment.value) {
      throw new InputError(
        `--value: ${amt(value, d)} is more than fragment ${formatTokenId(fragment.tokenId)} is worth (${amt(fragment.value, d)})`,
      );
    }
    if (value < fragment.value) {
      const [, , , minValue] = await rt.suite.receivables.contract.params();
      if (value < minValue || fragment.value - value < minValue) {
        throw new InputError(
          `--value: listing ${amt(value, d)} of ${amt(fragment.value, d)} would leave a part below the minimum fragment of ${amt(minValue, d)}`,
        );
      }
    }
    const now = await chainNow(rt);
    const expiry = parseDate(args.expiry, "--expiry");
    if (expiry <= now) {
      throw new InputError(`--expiry: ${args.expiry} is not in the future (chain time ${formatDate(now)})`);
    }
    const price = args.price === "" ? 0n : parsePositiveAmount(args.price, d, "--price");
    if (price > value) {
      throw new InputError(`--price: ${amt(price, d)} is above the listed value ${amt(value, d)}`);
    }
    const rateBps = args.rate === "" ? 0n : parseBps(args.rate, "--rate", MAX_RATE_BPS);
    if (args.rate !== "" && rateBps === 0n) throw new InputError("--rate: must be greater than zero");
    const basis = args.basis === "" ? 0 : parseBasis(args.basis, "--basis");
    if (price === 0n && discountPrice(value, rateBps, root.dueDate, now, basis) === 0n) {
      throw new InputError(`--rate: ${formatBps(rateBps)} discounts ${amt(value, d)} to nothing by ${root.dueDateIso}`);
    }
    const buyerKinds = args.buyerKinds === "" ? 0 : kindBitsOf(args.buyerKinds.split(","), "--buyer-kinds");
    const collateral = args.collateral === "" ? 0n : parsePositiveAmount(args.collateral, d, "--collateral");
    if (collateral > 0n) await requireBalance(rt, from, root.currency, collateral, d);

    const pricing = price !== 0n ? `${amt(price, d)}` : `${formatBps(rateBps)} ${basis === 0 ? "Act360" : "Act365F"}`;
    const what =
      `list ${amt(value, d)} of ${formatTokenId(fragment.tokenId)} at ${pricing} until ${formatDate(expiry)}` +
      (args.recourse ? ` with recourse${collateral > 0n ? ` (collateral ${amt(collateral, d)})` : ""}` : "");
    if (await approveFragments(rt, signer)) return dryRunThen(rt, what);
    if (collateral > 0n && (await approveCash(rt, signer, root.currency, collateral, d))) return dryRunThen(rt, what);

    const c = rt.as(signer).market.contract;
    const p = {
      tokenId: fragment.tokenId,
      value: value === fragment.value ? 0n : value,
      price,
      rateBps,
      basis,
      expiry,
      buyerKinds: buyerKinds === (Kinds.FACTOR | Kinds.BANK) ? 0 : buyerKinds,
      recourse: args.recourse,
      collateral,
    };
    const tx = await rt.send(what, (o) => ({
      staticCall: () => c.list.staticCall(p, o),
      estimateGas: () => c.list.estimateGas(p, o),
      send: () => c.list(p, o),
    }));
    if (tx === undefined) return undefined;
    const [listed] = await marketEvents(rt, tx.hash, "Listed");
    const listingId = listed.listingId as bigint;
    rt.log(`  listing #${listingId}`);
    if ((listed.tokenId as bigint) !== fragment.tokenId) {
      rt.log(
        `  the market split off ${formatTokenId(listed.tokenId as bigint)} (${amt(value, d)}); ${formatTokenId(fragment.tokenId)} (${amt(fragment.value - value, d)}) stays with ${rt.label(from)}`,
      );
    }
    await printListing(rt, listingId);
    await printHolder(rt, listed.tokenId as bigint);
    return { hash: tx.hash, listingId, tokenId: listed.tokenId as bigint };
  });
}
