import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { anySigner, knownProduct, printProduct, requirePhase } from "../lib/products.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  product: string;
}

/** Anyone returns to the originator the fragments a failed product could not return before. */
export default async function returnBasket(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const p = await knownProduct(rt, args.product);
    await requirePhase(rt, p, "returning the basket", "Failed");
    const held = (await p.basket()).filter((b) => b.custody === "Held");
    if (held.length === 0) throw new InputError(`--product: ${rt.label(p.address)} holds no fragment to return`);
    const { signer } = await anySigner(rt);
    const c = p.contract.connect(signer);
    const tx = await rt.send(`return ${held.length} fragment(s) of ${rt.label(p.address)} to the originator`, (o) => ({
      staticCall: () => c.returnBasket.staticCall(o),
      estimateGas: () => c.returnBasket.estimateGas(o),
      send: () => c.returnBasket(o),
    }));
    if (tx !== undefined) await printProduct(rt, p);
    return tx?.hash;
  });
}
