import { emptyTask, task } from "hardhat/config";
import { ArgumentType } from "hardhat/types/arguments";

import { common } from "./lib/options.js";

const str = <N extends string>(name: N, description: string, defaultValue = "") => ({
  name,
  description,
  type: ArgumentType.STRING as const,
  defaultValue,
});

const successor = str(
  "successor",
  "The successor token (name or address); default: ReceivableSuccessor#ReceivableToken of the deployment",
);

/**
 * Migrating a contract to a fixed version (issue 13; docs/operations.md, "Migrating a contract"):
 * the permissionless import between the governance's retirement of the predecessor and its close.
 */
export const migrateTasks = [
  emptyTask("migrate", "Migration of a retired contract to its successor (a fixed version)").build(),
  common(
    task(
      ["migrate", "receivables"],
      "Import every receivable of the retired token into its successor, in batches (anyone may send them)",
    ),
  )
    .addOption(successor)
    .addOption(str("batch", "Roots per importRoots call and entries per importEntries call", "50"))
    .setAction(() => import("./actions/migrate-receivables.js"))
    .build(),
  common(
    task(
      ["migrate", "status"],
      "Where a receivable migration stands: retirement, roots imported, cash owed and held, next steps",
    ),
  )
    .addOption(successor)
    .setAction(() => import("./actions/migrate-status.js"))
    .build(),
];
