import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { marketPair, parseBatch, printMarketPlan, readMarketPlan, sendSteps } from "../lib/migration.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  successor: string;
  batch: string;
}

/**
 * Sends every import call the market plan lists, in order, as `--from` (any account). A re-run
 * continues where an interrupted one stopped: the plan is read from the successor each time.
 */
export default async function migrateMarket(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const batch = parseBatch(args.batch);
    const rt = await openRuntime(args, hre);
    const pair = marketPair(rt, args.successor);
    const plan = await readMarketPlan(rt, pair, batch);
    if (plan.status.closed) throw new InputError(`the migration to ${rt.label(pair.successor)} is already closed`);
    if (!plan.retired.paused || !plan.retired.targetClosed) {
      printMarketPlan(rt, plan);
      throw new InputError(
        `the predecessor ${rt.label(pair.predecessor)} is not retired (paused and its target closed); nothing sent`,
      );
    }
    if (plan.notMoved.length > 0) {
      printMarketPlan(rt, plan);
      throw new InputError(
        `${plan.notMoved.length} fragment(s) in the predecessor's custody are not at the successor yet; nothing sent`,
      );
    }
    const sent = await sendSteps(rt, args, pair.successor, plan.steps);
    const after = args.dryRun ? plan : await readMarketPlan(rt, pair, batch);
    printMarketPlan(rt, after);
    return { sent, plan: after };
  });
}
