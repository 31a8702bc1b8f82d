import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { printParticipant, requireOption } from "../lib/print.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  participant: string;
  wallet: string;
}

export default async function addWallet(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    requireOption(args.participant, "--participant");
    requireOption(args.wallet, "--wallet");
    const rt = await openRuntime(args, hre);
    const { id, label } = rt.participant(args.participant, "--participant");
    const wallet = rt.address(args.wallet, "--wallet");
    const p = await rt.suite.registry.participant(id);
    if (p === undefined) throw new InputError(`${label} is not registered`);
    if (p.status === "Revoked") throw new InputError(`${label} is revoked`);
    const boundTo = await rt.suite.registry.contract.participantOf(wallet);
    if (BigInt(boundTo) !== 0n)
      throw new InputError(`--wallet: ${rt.label(wallet)} already belongs to participant ${boundTo}`);
    const c = rt.as(await rt.signerFor("REGISTRAR")).registry.contract;
    const tx = await rt.send(`add wallet ${rt.label(wallet)} to ${label}`, (o) => ({
      staticCall: () => c.addWallet.staticCall(id, wallet, o),
      estimateGas: () => c.addWallet.estimateGas(id, wallet, o),
      send: () => c.addWallet(id, wallet, o),
    }));
    if (tx !== undefined) await printParticipant(rt, id);
    return tx?.hash;
  });
}
