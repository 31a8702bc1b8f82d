import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { actingSigner, knownRoot, printReceivable } from "../lib/receivables.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  root: string;
}

export default async function confirm(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const root = await knownRoot(rt, args.root);
    const { signer, address: from } = await actingSigner(rt);
    if (root.state !== "Pending")
      throw new InputError(`--root: receivable ${root.rootHex} is ${root.state}, not Pending`);
    if (from.toLowerCase() !== root.debtor.toLowerCase()) {
      throw new InputError(`--from: only the debtor ${rt.label(root.debtor)} may confirm ${root.rootHex}`);
    }
    const c = rt.as(signer).receivables.contract;
    const tx = await rt.send(`confirm receivable ${root.rootHex}`, (o) => ({
      staticCall: () => c.confirm.staticCall(root.rootId, o),
      estimateGas: () => c.confirm.estimateGas(root.rootId, o),
      send: () => c.confirm(root.rootId, o),
    }));
    if (tx !== undefined) await printReceivable(rt, root.rootId);
    return tx?.hash;
  });
}
