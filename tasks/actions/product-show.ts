import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { knownProduct, printProduct } from "../lib/products.js";
import { openRuntime, table, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  product: string;
  investor: string;
}

export default async function show(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const p = await knownProduct(rt, args.product);
    const investor = args.investor === "" ? undefined : rt.address(args.investor, "--investor");
    const view = await printProduct(rt, p, investor);
    const distributions = await p.distributions();
    rt.log(`  distributions (${distributions.length}):`);
    if (distributions.length > 0) {
      table(
        distributions.map((d) => ({
          block: String(d.blockNumber),
          gross: p.format(d.args.gross),
          "servicing fee": p.format(d.args.servicingFee),
          "exchange fee": p.format(d.args.exchangeFee),
          "senior interest": p.format(d.args.seniorInterest),
          "senior principal": p.format(d.args.seniorPrincipal),
          junior: p.format(d.args.junior),
        })),
        rt.log,
      );
    }
    for (const l of await p.lossAllocations()) {
      rt.log(
        `  loss ${p.format(l.args.loss)} in block ${l.blockNumber}: junior written ${p.format(l.args.juniorWritten)}, senior written ${p.format(l.args.seniorWritten)}`,
      );
    }
    return view;
  });
}
