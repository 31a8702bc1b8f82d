import type { ContractTransactionResponse } from "ethers";

import {
  marketMigrationPlan,
  receivableMigrationPlan,
  type MarketMigrationPlan,
  type MigrationStep,
  type ReceivableMigrationPlan,
} from "../../src/migration.js";
import { CASH_DECIMALS, formatAmount } from "../../src/units.js";
import { deploymentAddresses, InputError, type CommonArgs, type Runtime } from "./runtime.js";

/** The Ignition id of the successor token deployed by ignition/modules/ReceivableSuccessor.ts. */
export const SUCCESSOR_ID = "ReceivableSuccessor#ReceivableToken";

/** The Ignition id of the successor market deployed by ignition/modules/MarketSuccessor.ts. */
export const MARKET_SUCCESSOR_ID = "MarketSuccessor#FactoringMarket";

/** A successor given by `--<option>`, else the deployment's `id`, else undefined. */
export function successorOf(rt: Runtime, arg: string, option: string, id: string): string | undefined {
  if (arg !== "") return rt.address(arg, `--${option}`);
  return deploymentAddresses(rt.args.deploymentId)[id];
}

/** The predecessor (the deployment's receivable token) and the successor given or deployed. */
export function migrationPair(rt: Runtime, successorArg: string): { predecessor: string; successor: string } {
  const successor = successorOf(rt, successorArg, "successor", SUCCESSOR_ID);
  if (successor === undefined) {
    throw new InputError(
      `--successor: none given and deployment "${rt.args.deploymentId}" has no ${SUCCESSOR_ID} (deploy ignition/modules/ReceivableSuccessor.ts first)`,
    );
  }
  return { predecessor: rt.suite.addresses.receivables, successor };
}

/** The predecessor (the deployment's market) and the successor market given or deployed. */
export function marketPair(rt: Runtime, successorArg: string, option = "successor") {
  const successor = successorOf(rt, successorArg, option, MARKET_SUCCESSOR_ID);
  if (successor === undefined) {
    throw new InputError(
      `--${option}: none given and deployment "${rt.args.deploymentId}" has no ${MARKET_SUCCESSOR_ID} (deploy ignition/modules/MarketSuccessor.ts first)`,
    );
  }
  return { predecessor: rt.suite.addresses.market, successor };
}

/** Reads the market plan; an unsuitable successor becomes a readable input error. */
export async function readMarketPlan(
  rt: Runtime,
  pair: { predecessor: string; successor: string },
  batch: number,
  option = "successor",
) {
  try {
    return await marketMigrationPlan(rt.ethers.provider, pair.predecessor, pair.successor, { batch });
  } catch (e) {
    throw new InputError(`--${option}: ${(e as Error).message.replace(/^migration: /, "")}`);
  }
}

/** Prints the market plan's state and the next steps. */
export function printMarketPlan(rt: Runtime, plan: MarketMigrationPlan): void {
  const cash = (v: bigint) => formatAmount(v, CASH_DECIMALS, { group: true });
  rt.log(`migration of the market ${rt.label(plan.predecessor)} to ${rt.label(plan.successor)}`);
  rt.log(
    `  predecessor: ${plan.retired.paused ? "paused" : "NOT paused"}, target ${plan.retired.targetClosed ? "closed" : "NOT closed"} in its AccessManager`,
  );
  for (const r of plan.records) rt.log(`  ${r.kind}: ${r.imported} of ${r.issued} ids copied`);
  rt.log(
    `  custody: ${plan.status.holds} hold(s) and ${plan.status.strays} stray(s) copied; ${plan.notMoved.length} fragment(s) still to move to the successor`,
  );
  rt.log(
    `  credits: ${plan.status.refunds} of ${plan.credits.length} copied; ${plan.steps.length} import call(s) to send`,
  );
  for (const c of plan.cash) {
    rt.log(
      `  ${rt.label(c.currency)}: held for owners ${cash(c.owed)} (as copied so far), by the successor ${cash(c.successorBalance)}, by the predecessor ${cash(c.predecessorBalance)}`,
    );
  }
  if (plan.status.closed) {
    rt.log("  closed: the successor may be unpaused (GUARDIAN)");
    return;
  }
  const next: string[] = [];
  if (!plan.retired.paused || !plan.retired.targetClosed) {
    next.push("retire the predecessor: GUARDIAN pause(), then the consortium's setTargetClosed(market, true)");
  }
  if (plan.notMoved.length > 0) {
    next.push(
      `move the fragments in custody to the successor (the regulator's ReceivableToken.forcedTransfer, or the receivable importer's setSuccessor): ${plan.notMoved.map((t) => `0x${t.toString(16)}`).join(", ")}`,
    );
  }
  for (const c of plan.cash) {
    if (c.predecessorBalance > 0n) {
      next.push(
        `move ${cash(c.predecessorBalance)} of ${rt.label(c.currency)} to the successor: the regulator's forcedTransfer on the currency`,
      );
    }
  }
  if (plan.steps.length > 0) next.push("import: npx hardhat migrate market");
  next.push(`close (ADMIN): gov propose --to ${plan.successor} --data ${plan.closeData}`);
  rt.log("  next:");
  for (const n of next) rt.log(`    - ${n}`);
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

/** `--batch`: a whole number from 1 to 500. */
export function parseBatch(batch: string): number {
  if (!/^\d+$/.test(batch) || Number(batch) < 1 || Number(batch) > 500) {
    throw new InputError(`--batch: "${batch}" is not a whole number from 1 to 500`);
  }
  return Number(batch);
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
