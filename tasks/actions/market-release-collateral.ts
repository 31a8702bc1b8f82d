import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { formatDate } from "../../src/units.js";
import { amt, chainNow, knownRecourse, printBalances, printRecourse } from "../lib/market.js";
import { actingSigner } from "../lib/receivables.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  listing: string;
}

/** Returns unused recourse collateral to its provider once the root is settled or the recourse
 * deadline has passed (anyone). */
export default async function releaseCollateral(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const r = await knownRecourse(rt, args.listing);
    const d = r.decimals;
    if (r.collateral === 0n) {
      throw new InputError(`--listing: listing #${r.listingId} holds no collateral (recourse ${r.status})`);
    }
    const root = (await rt.suite.receivables.root(r.tokenId >> 32n))!;
    const deadline = await rt.suite.market.recourseDeadline(r.listingId);
    if (root.status !== "Settled" && (await chainNow(rt)) <= deadline) {
      throw new InputError(
        `--listing: receivable ${root.rootHex} is ${root.state}, not Settled; collateral is released once it is repaid in full or after the recourse deadline ${formatDate(deadline)}`,
      );
    }
    const { signer } = await actingSigner(rt);
    const c = rt.as(signer).market.contract;
    const tx = await rt.send(
      `release ${amt(r.collateral, d)} of collateral of listing #${r.listingId} to ${rt.label(r.provider)}`,
      (o) => ({
        staticCall: () => c.releaseCollateral.staticCall(r.listingId, o),
        estimateGas: () => c.releaseCollateral.estimateGas(r.listingId, o),
        send: () => c.releaseCollateral(r.listingId, o),
      }),
    );
    if (tx === undefined) return undefined;
    printRecourse(rt, (await rt.suite.market.recourse(r.listingId))!);
    await printBalances(rt, r.currency, d, [r.provider]);
    return { hash: tx.hash };
  });
}
