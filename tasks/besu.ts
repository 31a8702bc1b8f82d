import { emptyTask, task } from "hardhat/config";
import { ArgumentType } from "hardhat/types/arguments";

import { common } from "./lib/options.js";

export const besuTasks = [
  emptyTask("besu", "Hyperledger Besu network operations").build(),
  common(task(["besu", "allowlist"], "Generate permissions_config.toml from the registry and the members' nodes"))
    .addOption({
      name: "nodes",
      description: "Members' node file (see besu/member-nodes.example.json)",
      type: ArgumentType.STRING,
      defaultValue: "besu/member-nodes.json",
    })
    .addOption({
      name: "out",
      description: "File to write (default besu/permissions_config.toml); --dry-run prints only",
      type: ArgumentType.STRING,
      defaultValue: "besu/permissions_config.toml",
    })
    .addOption({
      name: "extra",
      description: "Comma-separated extra accounts (names or addresses) to allow",
      type: ArgumentType.STRING,
      defaultValue: "",
    })
    .setAction(() => import("./actions/besu-allowlist.js"))
    .build(),
];
