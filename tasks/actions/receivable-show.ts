import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { knownRoot, printReceivable } from "../lib/receivables.js";
import { openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  root: string;
}

export default async function show(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const root = await knownRoot(rt, args.root);
    await printReceivable(rt, root.rootId);
    return rt.suite.receivables.show(root.rootId);
  });
}
