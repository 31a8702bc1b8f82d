import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { printParticipant, requireOption } from "../lib/print.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  participant: string;
}

export default async function reinstate(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    requireOption(args.participant, "--participant");
    const rt = await openRuntime(args, hre);
    const { id, label } = rt.participant(args.participant, "--participant");
    const p = await rt.suite.registry.participant(id);
    if (p === undefined) throw new InputError(`${label} is not registered`);
    if (p.status !== "Suspended") throw new InputError(`${label} is ${p.status}, not Suspended`);
    const c = rt.as(await rt.signerFor("REGISTRAR")).registry.contract;
    const tx = await rt.send(`reinstate ${label}`, (o) => ({
      staticCall: () => c.reinstate.staticCall(id, o),
      estimateGas: () => c.reinstate.estimateGas(id, o),
      send: () => c.reinstate(id, o),
    }));
    if (tx !== undefined) await printParticipant(rt, id);
    return tx?.hash;
  });
}
