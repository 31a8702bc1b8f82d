import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { formatTokenId } from "../../src/areas/receivables.js";
import { anySigner, knownProduct, printProduct, requirePhase, trancheName } from "../lib/products.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  product: string;
}

/**
 * Anyone closes the product once every fragment is settled and collected, released or written off
 * (none on auction) and every subscription settled; its cash (rounding dust) goes to the treasury.
 */
export default async function windDown(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const p = await knownProduct(rt, args.product);
    await requirePhase(rt, p, "a wind-down", "Active");
    const seen = new Set<string>();
    for (const e of await p.subscriptions()) {
      const key = `${e.args.investor}/${e.args.tranche}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const [, settled] = await p.contract.subscription(e.args.investor, e.args.tranche);
      if (!settled) {
        throw new InputError(
          `--product: ${rt.label(e.args.investor)}'s ${trancheName(e.args.tranche)} shares are not delivered yet (product claim --investor)`,
        );
      }
    }
    const basket = await p.basket();
    for (const b of basket.filter((x) => x.custody === "Auctioned")) {
      throw new InputError(
        `--product: ${formatTokenId(b.tokenId)} is on auction (#${b.auctionId}); settle it first (product settle-auction)`,
      );
    }
    for (const b of basket) {
      const id = formatTokenId(b.tokenId);
      if (b.custody === "Released") continue;
      if (b.collectable > 0n) {
        throw new InputError(`--product: ${id} has ${p.format(b.collectable)} to collect first (product collect)`);
      }
      if (b.custody === "Held") {
        const root = (await rt.suite.receivables.root(b.tokenId >> 32n))!;
        if (root.status !== "Settled") {
          throw new InputError(
            `--product: ${id} is held and its receivable is ${root.state}: it must be repaid and collected, or written off, auctioned or released first`,
          );
        }
      }
    }
    const { signer } = await anySigner(rt);
    const [dust, treasury] = await Promise.all([
      rt.suite.cash.balanceOf(p.address),
      rt.suite.products.contract.treasury(),
    ]);
    const c = p.contract.connect(signer);
    const what = `wind down ${rt.label(p.address)} (dust ${p.format(dust)} to the treasury ${rt.label(treasury)})`;
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
    rt.log(`  closed: ${p.format(ev.dust)} of dust to ${rt.label(ev.treasury)}`);
    await printProduct(rt, p);
    return tx.hash;
  });
}
