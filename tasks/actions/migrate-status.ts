import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { migrationPair, printPlan, readPlan } from "../lib/migration.js";
import { openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  successor: string;
}

export default async function migrateStatus(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const plan = await readPlan(rt, migrationPair(rt, args.successor), 50);
    printPlan(rt, plan);
    return plan;
  });
}
