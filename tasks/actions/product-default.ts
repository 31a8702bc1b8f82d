import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { formatTokenId } from "../../src/areas/receivables.js";
import { formatDate } from "../../src/units.js";
import { chainNow, defaultableAt, knownProduct, originatorFragment, printProduct } from "../lib/products.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  product: string;
  fragment: string;
}

/** The originator declares default on a fragment the product holds, once its receivable is defaultable. */
export default async function declareDefault(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const p = await knownProduct(rt, args.product);
    const { signer, tokenId, root } = await originatorFragment(
      rt,
      p,
      args.fragment,
      "declares default",
      "a default",
      "Held",
    );
    if (root.status === "Defaulted") {
      throw new InputError(
        `--fragment: receivable ${root.rootHex} is already defaulted; next: product write-off or auction`,
      );
    }
    if (root.status !== "Confirmed") {
      throw new InputError(
        `--fragment: receivable ${root.rootHex} is ${root.state}; only a confirmed, unpaid receivable defaults`,
      );
    }
    const at = await defaultableAt(rt, root);
    const now = await chainNow(rt);
    if (now < at) {
      throw new InputError(
        `--fragment: receivable ${root.rootHex} (due ${root.dueDateIso}) is not yet defaultable: after ${formatDate(at)} (due date + grace + default period); the chain's time is ${formatDate(now)}`,
      );
    }
    const c = p.contract.connect(signer);
    const what = `declare default on ${formatTokenId(tokenId)} of ${rt.label(p.address)} (receivable ${root.rootHex}, ${rt.suite.cash.format(root.outstanding)} unpaid)`;
    const tx = await rt.send(what, (o) => ({
      staticCall: () => c.declareDefault.staticCall(tokenId, o),
      estimateGas: () => c.declareDefault.estimateGas(tokenId, o),
      send: () => c.declareDefault(tokenId, o),
    }));
    if (tx === undefined) return undefined;
    const after = (await rt.suite.receivables.root(root.rootId))!;
    rt.log(
      `  receivable ${after.rootHex} is ${after.state}; the fragment's loss would be ${p.format(await p.previewLoss(tokenId))} (next: product auction or write-off)`,
    );
    await printProduct(rt, p);
    return tx.hash;
  });
}
