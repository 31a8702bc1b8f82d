import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import type { ProductHandle } from "../../src/areas/products.js";
import type { WaterfallSplit } from "../../src/waterfall.js";
import { formatDate } from "../../src/units.js";
import { anySigner, chainNow, knownProduct, printProduct, requirePhase } from "../lib/products.js";
import { InputError, openRuntime, validated, type CommonArgs, type Runtime } from "../lib/runtime.js";

interface Args extends CommonArgs {
  product: string;
  pageSize: string;
}

function printSplit(rt: Runtime, p: ProductHandle, gross: bigint, s: WaterfallSplit): void {
  rt.log(
    `    gross ${p.format(gross)}: servicing fee ${p.format(s.servicingFee)}, exchange fee ${p.format(s.exchangeFee)}, senior interest ${p.format(s.seniorInterest)}, senior principal ${p.format(s.seniorPrincipal)}, junior ${p.format(s.junior)}`,
  );
}

/** Collects the basket page by page (`[from, to)` of `--page-size` fragments), skipping pages owed nothing. */
export default async function collect(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const size = Number(args.pageSize.trim());
    if (!/^\d+$/.test(args.pageSize.trim()) || size < 1 || size > 200) {
      throw new InputError(`--page-size: "${args.pageSize}" is not a whole number from 1 to 200`);
    }
    const rt = await openRuntime(args, hre);
    const p = await knownProduct(rt, args.product);
    await requirePhase(rt, p, "a collection", "Active");
    const basket = await p.basket();
    const pages: { from: number; to: number; amount: bigint }[] = [];
    for (let from = 0; from < basket.length; from += size) {
      const to = Math.min(basket.length, from + size);
      const amount = basket.slice(from, to).reduce((a, e) => a + e.collectable, 0n);
      if (amount > 0n) pages.push({ from, to, amount });
    }
    if (pages.length === 0) {
      throw new InputError(
        `nothing to collect: no fragment of ${rt.label(p.address)} has been repaid since the last collection`,
      );
    }
    const { signer } = await anySigner(rt);
    const c = p.contract.connect(signer);
    const hashes: string[] = [];
    for (const [i, page] of pages.entries()) {
      const label = `[page ${i + 1}/${pages.length}] collect ${p.format(page.amount)} from fragments ${page.from}..${page.to - 1} of ${rt.label(p.address)}`;
      const tx = await rt.send(label, (o) => ({
        staticCall: () => c.collect.staticCall(page.from, page.to, o),
        estimateGas: () => c.collect.estimateGas(page.from, page.to, o),
        send: () => c.collect(page.from, page.to, o),
      }));
      if (tx === undefined) {
        const now = await chainNow(rt);
        const d = await p.previewDistribution(page.amount, now);
        rt.log(`  would distribute at the chain's time ${formatDate(now)}:`);
        printSplit(rt, p, d.gross, d);
        continue;
      }
      hashes.push(tx.hash);
      const ev = p.eventsIn((await tx.wait())!).find((e) => e.name === "Distributed");
      if (ev !== undefined) {
        const a = ev.args as unknown as WaterfallSplit & { gross: bigint };
        rt.log("  distributed:");
        printSplit(rt, p, a.gross, a);
      }
    }
    if (hashes.length > 0) await printProduct(rt, p);
    return hashes;
  });
}
