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
      ["migrate", "market"],
      "Import the retired market's records, custody and credits into its successor, in batches (anyone)",
    ),
  )
    .addOption(
      str(
        "successor",
        "The successor market (name or address); default: MarketSuccessor#FactoringMarket of the deployment",
      ),
    )
    .addOption(str("batch", "Ids or items per import call", "50"))
    .setAction(() => import("./actions/migrate-market.js"))
    .build(),
  common(
    task(
      ["migrate", "status"],
      "Where the receivable token's and the market's migrations stand: retirement, imports, cash, next steps",
    ),
  )
    .addOption(successor)
    .addOption(
      str("marketSuccessor", "The successor market; default: MarketSuccessor#FactoringMarket of the deployment"),
    )
    .setAction(() => import("./actions/migrate-status.js"))
    .build(),
];
