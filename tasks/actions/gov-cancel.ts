import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { operation } from "../lib/governance.js";
import { requireOption } from "../lib/print.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  operation: string;
}

/** Cancels a scheduled operation as the account that scheduled it. */
export default async function cancelAction(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    requireOption(args.operation, "--operation");
    const rt = await openRuntime(args, hre);
    const op = await operation(rt, args.operation, "--operation");
    if (rt.suite.consortium !== undefined && op.caller.toLowerCase() === rt.suite.consortium.address.toLowerCase()) {
      throw new InputError(
        `operation ${op.id} was scheduled by the consortium; cancel it with gov propose --cancel ${op.id}`,
      );
    }
    const signers = await rt.ethers.getSigners();
    const want = (args.from !== "" ? rt.address(args.from, "--from") : op.caller).toLowerCase();
    const signer = signers.find((s) => s.address.toLowerCase() === want);
    if (signer === undefined) {
      throw new InputError(
        `${rt.label(want)} (the operation's scheduler) is not an account configured for network ${rt.networkName}`,
      );
    }
    const c = rt.as(signer).manager.contract;
    rt.log(`cancel ${op.description} (scheduled by ${rt.label(op.caller)})`);
    const tx = await rt.send(`cancel operation ${op.id}`, (o) => ({
      staticCall: () => c.cancel.staticCall(op.caller, op.target, op.data, o),
      estimateGas: () => c.cancel.estimateGas(op.caller, op.target, op.data, o),
      send: () => c.cancel(op.caller, op.target, op.data, o),
    }));
    return tx?.hash;
  });
}
