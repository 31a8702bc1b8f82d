import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { parseReason } from "../../src/units.js";
import { actingSigner, knownRoot, printReceivable } from "../lib/receivables.js";
import { requireOption } from "../lib/print.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  root: string;
  reason: string;
}

export default async function reject(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    requireOption(args.reason, "--reason");
    const reason = parseReason(args.reason, "--reason");
    const rt = await openRuntime(args, hre);
    const root = await knownRoot(rt, args.root);
    const { signer, address: from } = await actingSigner(rt);
    if (root.state !== "Pending")
      throw new InputError(`--root: receivable ${root.rootHex} is ${root.state}, not Pending`);
    if (from.toLowerCase() !== root.debtor.toLowerCase()) {
      throw new InputError(`--from: only the debtor ${rt.label(root.debtor)} may reject ${root.rootHex}`);
    }
    const c = rt.as(signer).receivables.contract;
    const tx = await rt.send(`reject receivable ${root.rootHex} ("${args.reason}")`, (o) => ({
      staticCall: () => c.reject.staticCall(root.rootId, reason, o),
      estimateGas: () => c.reject.estimateGas(root.rootId, reason, o),
      send: () => c.reject(root.rootId, reason, o),
    }));
    if (tx !== undefined) await printReceivable(rt, root.rootId);
    return tx?.hash;
  });
}
