import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { knownProduct, printProduct, requireOriginator } from "../lib/products.js";
import { actingSigner } from "../lib/receivables.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  product: string;
}

/** The originator cancels a product before it is listed; the basket goes back to it. */
export default async function cancel(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const p = await knownProduct(rt, args.product);
    const { signer, address: from } = await actingSigner(rt);
    await requireOriginator(rt, p, from, "cancels the product");
    const phase = await p.phase();
    if (phase !== "Originated" && phase !== "Approved") {
      throw new InputError(`--product: ${rt.label(p.address)} is ${phase}; a product is cancelled only before listing`);
    }
    const c = p.contract.connect(signer);
    const tx = await rt.send(`cancel product ${rt.label(p.address)} and take its basket back`, (o) => ({
      staticCall: () => c.cancel.staticCall(o),
      estimateGas: () => c.cancel.estimateGas(o),
      send: () => c.cancel(o),
    }));
    if (tx !== undefined) await printProduct(rt, p);
    return tx?.hash;
  });
}
