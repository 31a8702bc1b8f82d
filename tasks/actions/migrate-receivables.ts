import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { migrationPair, parseBatch, printPlan, readPlan, sendSteps } from "../lib/migration.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  successor: string;
  batch: string;
}

/**
 * Sends every import call the plan lists, in order, as `--from` (any account: the calls only copy
 * what the predecessor's views say). A re-run continues where an interrupted one stopped: the plan
 * is read from the successor's cursors each time, so nothing is imported twice.
 */
export default async function migrateReceivables(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const batch = parseBatch(args.batch);
    const rt = await openRuntime(args, hre);
    const pair = migrationPair(rt, args.successor);
    const plan = await readPlan(rt, pair, batch);
    if (plan.status.closed) throw new InputError(`the migration to ${rt.label(pair.successor)} is already closed`);
    if (!plan.retired.paused || !plan.retired.targetClosed) {
      printPlan(rt, plan);
      throw new InputError(
        `the predecessor ${rt.label(pair.predecessor)} is not retired (paused and its target closed); nothing sent`,
      );
    }
    const sent = await sendSteps(rt, args, pair.successor, plan.steps);
    const after = args.dryRun ? plan : await readPlan(rt, pair, batch);
    printPlan(rt, after);
    return { sent, plan: after };
  });
}
