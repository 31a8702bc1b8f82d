import { emptyTask, task } from "hardhat/config";
import { ArgumentType } from "hardhat/types/arguments";

import { common } from "./lib/options.js";

export const rolesTasks = [
  emptyTask("roles", "Operator roles in the suite's AccessManager").build(),
  common(task(["roles", "grant"], "Grant an operator role (admin)"))
    .addOption({ name: "role", description: "Role name, e.g. REGISTRAR", type: ArgumentType.STRING, defaultValue: "" })
    .addOption({ name: "to", description: "Account (name or address)", type: ArgumentType.STRING, defaultValue: "" })
    .addOption({ name: "delay", description: "Execution delay in seconds", type: ArgumentType.INT, defaultValue: 0 })
    .setAction(() => import("./actions/roles-grant.js"))
    .build(),
  common(task(["roles", "show"], "Show role holders, grant delays and each restricted function's role"))
    .addOption({
      name: "account",
      description: "Only this account (name or address)",
      type: ArgumentType.STRING,
      defaultValue: "",
    })
    .setAction(() => import("./actions/roles-show.js"))
    .build(),
];
