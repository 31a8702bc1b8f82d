import { CASH_DECIMALS, formatAmount } from "../../src/units.js";
import { receivableMigrationPlan, type ReceivableMigrationPlan } from "../../src/migration.js";
import { deploymentAddresses, InputError, type Runtime } from "./runtime.js";

/** The Ignition id of the successor token deployed by ignition/modules/ReceivableSuccessor.ts. */
export const SUCCESSOR_ID = "ReceivableSuccessor#ReceivableToken";

/** The predecessor (the deployment's receivable token) and the successor given or deployed. */
export function migrationPair(rt: Runtime, successorArg: string): { predecessor: string; successor: string } {
  const predecessor = rt.suite.addresses.receivables;
  let successor: string;
  if (successorArg !== "") successor = rt.address(successorArg, "--successor");
  else {
    const deployed = deploymentAddresses(rt.args.deploymentId)[SUCCESSOR_ID];
    if (deployed === undefined) {
      throw new InputError(
        `--successor: none given and deployment "${rt.args.deploymentId}" has no ${SUCCESSOR_ID} (deploy ignition/modules/ReceivableSuccessor.ts first)`,
      );
    }
    successor = deployed;
  }
  return { predecessor, successor };
}

/** Reads the plan; an unsuitable successor becomes a readable input error. */
export async function readPlan(rt: Runtime, pair: { predecessor: string; successor: string }, batch: number) {
  try {
    return await receivableMigrationPlan(rt.ethers.provider, pair.predecessor, pair.successor, { batch });
  } catch (e) {
    throw new InputError(`--successor: ${(e as Error).message.replace(/^migration: /, "")}`);
  }
}

/** Prints the plan's state and the governance's next step. */
export function printPlan(rt: Runtime, plan: ReceivableMigrationPlan): void {
  const cash = (v: bigint) => formatAmount(v, CASH_DECIMALS, { group: true });
  rt.log(`migration of the receivable token ${rt.label(plan.predecessor)} to ${rt.label(plan.successor)}`);
  rt.log(
    `  predecessor: ${plan.retired.paused ? "paused" : "NOT paused"}, target ${plan.retired.targetClosed ? "closed" : "NOT closed"} in its AccessManager`,
  );
  rt.log(
    `  receivables: ${plan.roots.length} issued on the predecessor, ${plan.status.importedRoots} imported, ${plan.status.unfinishedRoots} with entries left; ${plan.steps.length} import call(s) to send`,
  );
  for (const c of plan.cash) {
    rt.log(
      `  ${rt.label(c.currency)}: owed to holders ${cash(c.owed)}, held by the successor ${cash(c.successorBalance)}, by the predecessor ${cash(c.predecessorBalance)}`,
    );
  }
  if (plan.status.closed) {
    rt.log("  closed: the successor may be unpaused (GUARDIAN)");
    return;
  }
  const next: string[] = [];
  if (!plan.retired.paused || !plan.retired.targetClosed) {
    next.push("retire the predecessor: GUARDIAN pause(), then the consortium's setTargetClosed(predecessor, true)");
  }
  for (const c of plan.cash) {
    if (c.successorBalance < c.owed) {
      next.push(
        `move ${cash(c.owed - c.successorBalance)} of ${rt.label(c.currency)} from the predecessor to the successor: the regulator's forcedTransfer on the currency (FORCED_TRANSFER, with its delay)`,
      );
    }
  }
  if (plan.steps.length > 0) next.push("import: npx hardhat migrate receivables");
  next.push(`close (ADMIN): gov propose --to ${plan.successor} --data ${plan.closeData}`);
  rt.log("  next:");
  for (const n of next) rt.log(`    - ${n}`);
}
