import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { anySigner, knownProduct } from "../lib/products.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  product: string;
}

/** Anyone pays the dust a wound-down product holds to the factory's current treasury. */
export default async function sweepDust(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const p = await knownProduct(rt, args.product);
    const dust = await p.contract.heldDust();
    if (dust === 0n) throw new InputError(`--product: ${rt.label(p.address)} holds no dust for the treasury`);
    const treasury = await rt.suite.products.contract.treasury();
    const why = await rt.suite.registry.eligibility(treasury);
    if (why !== "None") {
      throw new InputError(
        `the treasury ${rt.label(treasury)} cannot receive cash now (${why}); the fee admin names an eligible one first (ProductFactory.setTreasury)`,
      );
    }
    const { signer } = await anySigner(rt);
    const c = p.contract.connect(signer);
    const tx = await rt.send(
      `sweep ${p.format(dust)} of dust from ${rt.label(p.address)} to ${rt.label(treasury)}`,
      (o) => ({
        staticCall: () => c.sweepDust.staticCall(o),
        estimateGas: () => c.sweepDust.estimateGas(o),
        send: () => c.sweepDust(o),
      }),
    );
    return tx?.hash;
  });
}
