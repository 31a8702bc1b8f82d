import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { kindBitsOf } from "../../src/areas/registry.js";
import { formatDate, parseDate, parseJurisdiction } from "../../src/units.js";
import { printParticipant, requireOption } from "../lib/print.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  participant: string;
  wallet: string;
  kinds: string;
  kycExpiry: string;
  jurisdiction: string;
}

export default async function register(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    requireOption(args.participant, "--participant");
    requireOption(args.kinds, "--kinds");
    requireOption(args.kycExpiry, "--kyc-expiry");
    const kinds = kindBitsOf(args.kinds.split(","), "--kinds");
    const kycExpiry = parseDate(args.kycExpiry, "--kyc-expiry");
    const jurisdiction = parseJurisdiction(args.jurisdiction, "--jurisdiction");
    const rt = await openRuntime(args, hre);
    const { id, label } = rt.participant(args.participant, "--participant");
    const walletInput = args.wallet !== "" ? args.wallet : (rt.book.entry(args.participant)?.address ?? "");
    if (walletInput === "") throw new InputError("--wallet is required (the address book has no address for it)");
    const wallet = rt.address(walletInput, "--wallet");

    const registry = rt.suite.registry;
    if ((await registry.participant(id)) !== undefined)
      throw new InputError(`${label} is already registered (id ${id})`);
    const boundTo = await registry.contract.participantOf(wallet);
    if (BigInt(boundTo) !== 0n || (await registry.contract.isModule(wallet))) {
      throw new InputError(`--wallet: ${rt.label(wallet)} already belongs to participant ${boundTo}`);
    }
    const now = BigInt((await rt.ethers.provider.getBlock("latest"))!.timestamp);
    if (kycExpiry <= now) {
      throw new InputError(`--kyc-expiry: ${args.kycExpiry} is not after the chain's time ${formatDate(now)}`);
    }

    const signer = await rt.signerFor("REGISTRAR");
    const c = rt.as(signer).registry.contract;
    const tx = await rt.send(`register ${label}`, (o) => ({
      staticCall: () => c.register.staticCall(id, kinds, kycExpiry, jurisdiction, wallet, o),
      estimateGas: () => c.register.estimateGas(id, kinds, kycExpiry, jurisdiction, wallet, o),
      send: () => c.register(id, kinds, kycExpiry, jurisdiction, wallet, o),
    }));
    if (tx !== undefined) await printParticipant(rt, id);
    return tx?.hash;
  });
}
