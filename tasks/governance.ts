import { emptyTask, task } from "hardhat/config";
import { ArgumentType } from "hardhat/types/arguments";

import { common } from "./lib/options.js";

const str = <N extends string>(name: N, description: string) => ({
  name,
  description,
  type: ArgumentType.STRING as const,
  defaultValue: "",
});

/**
 * The consortium's governance flow (issue 13): every admin act is a proposal of the consortium's
 * multisig, approved on chain by `threshold` owners, executed by one of them; with an admin delay
 * it is scheduled in the AccessManager and executed by a second proposal after the delay.
 */
export const governanceTasks = [
  emptyTask("gov", "Consortium governance: proposals of the multisig and scheduled operations").build(),
  common(task(["gov", "propose"], "Propose a call by the consortium's multisig (approved as the proposing owner)"))
    .addOption(str("to", "Target: a contract key (manager, registry, cash, ...), a book name or an address"))
    .addOption(str("data", "Calldata (0x...) of the call"))
    .addOption(str("execute", "Execute this scheduled operation id (its ETA passed)"))
    .addOption(str("cancel", "Cancel this scheduled operation id"))
    .addOption(str("reject", "Replace this open proposal by one with no effect (Safe's rejection)"))
    .addFlag({
      name: "direct",
      description: "Call the target directly, not as ADMIN through the AccessManager (e.g. the Safe's own owners)",
    })
    .setAction(() => import("./actions/gov-propose.js"))
    .build(),
  common(task(["gov", "approve"], "Approve a stored proposal as an owner"))
    .addOption(str("nonce", "Proposal number (see gov pending)"))
    .setAction(() => import("./actions/gov-approve.js"))
    .build(),
  common(task(["gov", "execute"], "Execute a proposal that has its approvals"))
    .addOption(str("nonce", "Proposal number (see gov pending)"))
    .setAction(() => import("./actions/gov-execute.js"))
    .build(),
  common(task(["gov", "pending"], "The multisig's open proposals and the AccessManager's scheduled operations"))
    .setAction(() => import("./actions/gov-pending.js"))
    .build(),
  common(
    task(["gov", "cancel"], "Cancel a scheduled operation as its scheduler (e.g. the regulator's forced transfer)"),
  )
    .addOption(str("operation", "Scheduled operation id (see gov pending)"))
    .setAction(() => import("./actions/gov-cancel.js"))
    .build(),
];
