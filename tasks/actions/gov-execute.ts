import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { execute } from "../lib/governance.js";
import { requireOption } from "../lib/print.js";
import { openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  nonce: string;
}

export default async function executeAction(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    requireOption(args.nonce, "--nonce");
    return execute(await openRuntime(args, hre), args.nonce);
  });
}
