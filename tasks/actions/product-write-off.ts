import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { formatTokenId } from "../../src/areas/receivables.js";
import { knownProduct, originatorFragment, printLosses, printProduct, requireDefaulted } from "../lib/products.js";
import { openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  product: string;
  fragment: string;
}

/** The originator writes off a defaulted fragment kept in custody: its loss is written down, junior first. */
export default async function writeOff(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const p = await knownProduct(rt, args.product);
    const { signer, tokenId, root } = await originatorFragment(
      rt,
      p,
      args.fragment,
      "writes off",
      "a write-off",
      "Held",
    );
    await requireDefaulted(rt, root, "a write-off");
    const loss = await p.previewLoss(tokenId);
    const c = p.contract.connect(signer);
    const what = `write off ${formatTokenId(tokenId)} of ${rt.label(p.address)} (loss ${p.format(loss)})`;
    const tx = await rt.send(what, (o) => ({
      staticCall: () => c.writeOff.staticCall(tokenId, o),
      estimateGas: () => c.writeOff.estimateGas(tokenId, o),
      send: () => c.writeOff(tokenId, o),
    }));
    if (tx === undefined) return undefined;
    const events = p.eventsIn((await tx.wait())!);
    const alloc = events.find((e) => e.name === "LossAllocated")?.args as Record<string, bigint> | undefined;
    if (alloc !== undefined) {
      rt.log(
        `  written off: loss ${p.format(alloc.loss)} (junior written ${p.format(alloc.juniorWritten)}, senior written ${p.format(alloc.seniorWritten)}); later repayments still collect`,
      );
    }
    await printLosses(rt, p);
    await printProduct(rt, p);
    return tx.hash;
  });
}
