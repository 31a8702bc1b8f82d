import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { parseReason } from "../../src/units.js";
import { printParticipant, requireOption } from "../lib/print.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  participant: string;
  reason: string;
}

export default async function suspend(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    requireOption(args.participant, "--participant");
    requireOption(args.reason, "--reason");
    const reason = parseReason(args.reason, "--reason");
    const rt = await openRuntime(args, hre);
    const { id, label } = rt.participant(args.participant, "--participant");
    const p = await rt.suite.registry.participant(id);
    if (p === undefined) throw new InputError(`${label} is not registered`);
    if (p.status !== "Active") throw new InputError(`${label} is ${p.status}, not Active`);
    const c = rt.as(await rt.signerFor("REGISTRAR")).registry.contract;
    const tx = await rt.send(`suspend ${label}`, (o) => ({
      staticCall: () => c.suspend.staticCall(id, reason, o),
      estimateGas: () => c.suspend.estimateGas(id, reason, o),
      send: () => c.suspend(id, reason, o),
    }));
    if (tx !== undefined) await printParticipant(rt, id);
    return tx?.hash;
  });
}
