import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { knownProduct, printProduct, requireBoundParty, requireKind, requirePhase } from "../lib/products.js";
import { actingSigner } from "../lib/receivables.js";
import { openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  product: string;
}

export default async function approve(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const p = await knownProduct(rt, args.product);
    const { signer, address: from } = await actingSigner(rt);
    await requireBoundParty(rt, p, from, "registrar");
    await requireKind(rt, from, "REGISTRATION_AGENT");
    await requirePhase(rt, p, "approval", "Originated");
    const c = p.contract.connect(signer);
    const tx = await rt.send(`approve the register of product ${rt.label(p.address)}`, (o) => ({
      staticCall: () => c.approve.staticCall(o),
      estimateGas: () => c.approve.estimateGas(o),
      send: () => c.approve(o),
    }));
    if (tx !== undefined) await printProduct(rt, p);
    return tx?.hash;
  });
}
