import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { knownProduct } from "../lib/products.js";
import { actingSigner } from "../lib/receivables.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  product: string;
}

/** `--from` withdraws what the product credited to it (proceeds, fees or refunds it could not take when due). */
export default async function withdraw(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const p = await knownProduct(rt, args.product);
    const { signer, address: from } = await actingSigner(rt);
    const credit = await p.creditOf(from);
    if (credit === 0n) throw new InputError(`--from: ${rt.label(from)} has no credit at ${rt.label(p.address)}`);
    const why = await rt.suite.registry.eligibility(from);
    if (why !== "None") {
      throw new InputError(`--from: ${rt.label(from)} cannot receive cash now (${why}); its credit waits until it can`);
    }
    const c = p.contract.connect(signer);
    const tx = await rt.send(
      `withdraw ${p.format(credit)} credited to ${rt.label(from)} by ${rt.label(p.address)}`,
      (o) => ({
        staticCall: () => c.withdrawCredit.staticCall(o),
        estimateGas: () => c.withdrawCredit.estimateGas(o),
        send: () => c.withdrawCredit(o),
      }),
    );
    if (tx !== undefined) rt.log(`  withdrawn: ${p.format(credit)}`);
    return tx?.hash;
  });
}
