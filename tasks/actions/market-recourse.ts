import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { formatTokenId } from "../../src/areas/receivables.js";
import {
  amt,
  approveFragments,
  dryRunThen,
  knownRecourse,
  marketEvents,
  printBalances,
  printHolder,
  printRecourse,
} from "../lib/market.js";
import { actingSigner } from "../lib/receivables.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  listing: string;
}

/** The buyer of a recourse sale exercises once the root is defaulted. */
export default async function recourse(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const r = await knownRecourse(rt, args.listing);
    const d = r.decimals;
    const { signer, address: from } = await actingSigner(rt);
    if (r.status !== "Sold") {
      throw new InputError(
        `--listing: the recourse of listing #${r.listingId} is ${r.status}; only a sold one is exercised`,
      );
    }
    if (from.toLowerCase() !== r.buyer.toLowerCase()) {
      throw new InputError(
        `--from: ${rt.label(from)} is not the buyer of listing #${r.listingId} (${rt.label(r.buyer)})`,
      );
    }
    const holder = await rt.suite.receivables.contract.ownerOf(r.tokenId);
    if (holder.toLowerCase() !== from.toLowerCase()) {
      throw new InputError(
        `--from: ${rt.label(from)} no longer holds ${formatTokenId(r.tokenId)} (held by ${rt.label(holder)}); the holder exercises first`,
      );
    }
    const root = (await rt.suite.receivables.root(r.tokenId >> 32n))!;
    if (root.status !== "Defaulted") {
      throw new InputError(
        `--listing: receivable ${root.rootHex} is ${root.state}, not Defaulted; recourse is exercised after a declared default`,
      );
    }
    const what = `exercise recourse on listing #${r.listingId}: ${formatTokenId(r.tokenId)} back to ${rt.label(r.seller)}`;
    if (await approveFragments(rt, signer)) return dryRunThen(rt, what);

    const c = rt.as(signer).market.contract;
    const tx = await rt.send(what, (o) => ({
      staticCall: () => c.exerciseRecourse.staticCall(r.listingId, o),
      estimateGas: () => c.exerciseRecourse.estimateGas(r.listingId, o),
      send: () => c.exerciseRecourse(r.listingId, o),
    }));
    if (tx === undefined) return undefined;
    const [ex] = await marketEvents(rt, tx.hash, "RecourseExercised");
    const owed = ex.owed as bigint;
    const fromCollateral = ex.fromCollateral as bigint;
    const debt = ex.debt as bigint;
    rt.log(
      `  owed ${amt(owed, d)}: ${amt(fromCollateral, d)} paid from collateral, ${amt(debt, d)} left as ${rt.label(r.seller)}'s recourse debt`,
    );
    printRecourse(rt, (await rt.suite.market.recourse(r.listingId))!);
    await printHolder(rt, r.tokenId);
    await printBalances(rt, r.currency, d, [from]);
    return { hash: tx.hash, owed, fromCollateral, debt };
  });
}
