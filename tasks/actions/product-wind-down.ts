import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { formatTokenId } from "../../src/areas/receivables.js";
import { anySigner, knownProduct, printProduct, requirePhase } from "../lib/products.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  product: string;
}

/**
 * Anyone closes the product once every fragment in custody is settled and collected, sold at auction or
 * written off (none on auction, none frozen); its rounding dust goes to the treasury (or waits for
 * it, `product sweep-dust`, when the treasury cannot receive). Refunds and credits still owed stay.
 */
export default async function windDown(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const p = await knownProduct(rt, args.product);
    await requirePhase(rt, p, "a wind-down", "Active");
    const basket = await p.basket();
    for (const b of basket.filter((x) => x.custody === "Auctioned")) {
      throw new InputError(
        `--product: ${formatTokenId(b.tokenId)} is on auction (#${b.auctionId}); settle it first (product settle-auction)`,
      );
    }
    for (const b of basket) {
      const id = formatTokenId(b.tokenId);
      if (b.custody === "Released" || b.custody === "Returned") continue;
      const pos = await rt.suite.receivables.contract.position(b.tokenId);
      // Moved out of custody by a court order: no longer the product's (the contract skips it too).
      if (pos.holder.toLowerCase() !== p.address.toLowerCase()) continue;
      if (pos.frozen)
        throw new InputError(`--product: ${id} is frozen by a court order; wait for the order to be lifted`);
      if (b.collectable > 0n) {
        throw new InputError(`--product: ${id} has ${p.format(b.collectable)} to collect first (product collect)`);
      }
      if (b.custody === "Held") {
        const root = (await rt.suite.receivables.root(b.tokenId >> 32n))!;
        if (root.status !== "Settled") {
          throw new InputError(
            `--product: ${id} is held and its receivable is ${root.state}: it must be repaid and collected, or written off or auctioned first`,
          );
        }
      }
    }
    const { signer } = await anySigner(rt);
    const [held, treasury] = await Promise.all([
      rt.suite.cash.balanceOf(p.address),
      rt.suite.products.contract.treasury(),
    ]);
    const c = p.contract.connect(signer);
    const what = `wind down ${rt.label(p.address)} (cash held ${p.format(held)}; the dust to the treasury ${rt.label(treasury)})`;
    const tx = await rt.send(what, (o) => ({
      staticCall: () => c.windDown.staticCall(o),
      estimateGas: () => c.windDown.estimateGas(o),
      send: () => c.windDown(o),
    }));
    if (tx === undefined) return undefined;
    const ev = p.eventsIn((await tx.wait())!).find((e) => e.name === "ProductClosed")!.args as {
      dust: bigint;
      treasury: string;
    };
    const waiting = await p.contract.heldDust();
    rt.log(
      waiting === 0n
        ? `  closed: ${p.format(ev.dust)} of dust to ${rt.label(ev.treasury)}`
        : `  closed: ${p.format(ev.dust)} of dust held for the treasury ${rt.label(ev.treasury)}, which cannot receive now (product sweep-dust later)`,
    );
    await printProduct(rt, p);
    return tx.hash;
  });
}
