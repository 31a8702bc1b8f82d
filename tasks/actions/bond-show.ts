import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { knownBond, printBond } from "../lib/bonds.js";
import { openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  bond: string;
}

export default async function show(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const b = await knownBond(rt, args.bond);
    return printBond(rt, b.address, { bids: true, holders: true });
  });
}
