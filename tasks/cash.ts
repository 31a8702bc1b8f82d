import { emptyTask, task } from "hardhat/config";
import { ArgumentType } from "hardhat/types/arguments";

import { common } from "./lib/options.js";

export const cashTasks = [
  emptyTask("cash", "Settlement cash: mint, burn, balances (settlement bank)").build(),
  common(task(["cash", "mint"], "Mint cash to an eligible wallet against a deposit"))
    .addOption({ name: "to", description: "Receiver (name or address)", type: ArgumentType.STRING, defaultValue: "" })
    .addOption({
      name: "amount",
      description: "Decimal amount, e.g. 1250.00",
      type: ArgumentType.STRING,
      defaultValue: "",
    })
    .setAction(() => import("./actions/cash-mint.js"))
    .build(),
  common(task(["cash", "burn"], "Burn cash from the settlement bank's own balance (redemption)"))
    .addOption({
      name: "amount",
      description: "Decimal amount, e.g. 1250.00",
      type: ArgumentType.STRING,
      defaultValue: "",
    })
    .setAction(() => import("./actions/cash-burn.js"))
    .build(),
  common(task(["cash", "balance"], "Cash balances of a wallet, or of every named wallet and participant"))
    .addOption({
      name: "of",
      description: "Wallet (name or address); default: everyone known",
      type: ArgumentType.STRING,
      defaultValue: "",
    })
    .setAction(() => import("./actions/cash-balance.js"))
    .build(),
];
