import type { ContractTransactionResponse } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { migrationPair, printPlan, readPlan } from "../lib/migration.js";
import { InputError, openRuntime, validated, type CommonArgs, type Runtime } from "../lib/runtime.js";
import type { MigrationStep } from "../../src/migration.js";

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
    if (!/^\d+$/.test(args.batch) || Number(args.batch) < 1 || Number(args.batch) > 500) {
      throw new InputError(`--batch: "${args.batch}" is not a whole number from 1 to 500`);
    }
    const batch = Number(args.batch);
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

/** Sends `steps` to `successor` as `--from` (default: the first configured account); returns how many were sent. */
export async function sendSteps(rt: Runtime, args: CommonArgs, successor: string, steps: MigrationStep[]) {
  const signers = await rt.ethers.getSigners();
  const signer =
    args.from === ""
      ? signers[0]
      : signers.find((s) => s.address.toLowerCase() === rt.address(args.from, "--from").toLowerCase());
  if (signer === undefined) throw new InputError(`--from: ${args.from} is not an account configured here`);
  let sent = 0;
  for (const step of steps) {
    const tx = await rt.send(step.label, (o) => ({
      staticCall: () => signer.call({ to: successor, data: step.data, ...o }),
      estimateGas: () => signer.estimateGas({ to: successor, data: step.data, ...o }),
      // A plain transaction response: rt.send only reads its hash and waits for it.
      send: () =>
        signer.sendTransaction({ to: successor, data: step.data, ...o }) as Promise<ContractTransactionResponse>,
    }));
    if (tx !== undefined) sent++;
  }
  return sent;
}
