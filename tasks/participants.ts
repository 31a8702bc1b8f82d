import { emptyTask, task } from "hardhat/config";
import { ArgumentType } from "hardhat/types/arguments";

import { common } from "./lib/options.js";

const participant = {
  name: "participant",
  description: "Address-book name (uses its code), credit code / LEI, or 0x id",
  type: ArgumentType.STRING,
  defaultValue: "",
} as const;

export const participantsTasks = [
  emptyTask("participants", "Register and manage consortium participants (registrar)").build(),
  common(task(["participants", "register"], "Register a participant with its first wallet"))
    .addOption(participant)
    .addOption({
      name: "wallet",
      description: "First wallet (name or address; default the book's address)",
      type: ArgumentType.STRING,
      defaultValue: "",
    })
    .addOption({
      name: "kinds",
      description: "Comma-separated kinds, e.g. SME,FACTOR",
      type: ArgumentType.STRING,
      defaultValue: "",
    })
    .addOption({
      name: "kycExpiry",
      description: "KYC expiry, ISO date (e.g. 2027-06-30)",
      type: ArgumentType.STRING,
      defaultValue: "",
    })
    .addOption({
      name: "jurisdiction",
      description: "ISO 3166-1 alpha-2 code",
      type: ArgumentType.STRING,
      defaultValue: "CN",
    })
    .setAction(() => import("./actions/participants-register.js"))
    .build(),
  common(task(["participants", "add-wallet"], "Bind another wallet to a participant"))
    .addOption(participant)
    .addOption({ name: "wallet", description: "Wallet (name or address)", type: ArgumentType.STRING, defaultValue: "" })
    .setAction(() => import("./actions/participants-add-wallet.js"))
    .build(),
  common(task(["participants", "suspend"], "Suspend an active participant"))
    .addOption(participant)
    .addOption({
      name: "reason",
      description: "Short reason (at most 31 bytes)",
      type: ArgumentType.STRING,
      defaultValue: "",
    })
    .setAction(() => import("./actions/participants-suspend.js"))
    .build(),
  common(task(["participants", "reinstate"], "Return a suspended participant to active"))
    .addOption(participant)
    .setAction(() => import("./actions/participants-reinstate.js"))
    .build(),
  common(task(["participants", "list"], "List every participant with kinds, status, KYC expiry, wallets, cash"))
    .setAction(() => import("./actions/participants-list.js"))
    .build(),
];
