import { ArgumentType } from "hardhat/types/arguments";
import type { NewTaskDefinitionBuilder, TaskArguments } from "hardhat/types/tasks";

/**
 * Adds the options every suite task shares: `--deployment-id` (default $SCF_DEPLOYMENT_ID or
 * local-dev), `--address-book` (default $SCF_ADDRESS_BOOK or addressbook.json), `--from` (a name or
 * address of a configured account; default the first account holding the role the call needs) and
 * `--dry-run` (simulate, print the outcome, send nothing).
 */
export function common<T extends TaskArguments>(b: NewTaskDefinitionBuilder<T>) {
  return b
    .addOption({
      name: "deploymentId",
      description: "Ignition deployment id (ignition/deployments/<id>/)",
      type: ArgumentType.STRING,
      defaultValue: process.env.SCF_DEPLOYMENT_ID ?? "local-dev",
    })
    .addOption({
      name: "addressBook",
      description: "Address book JSON naming wallets and participants",
      type: ArgumentType.STRING,
      defaultValue: process.env.SCF_ADDRESS_BOOK ?? "addressbook.json",
    })
    .addOption({
      name: "from",
      description: "Acting account (name or address); default: the first account holding the needed role",
      type: ArgumentType.STRING,
      defaultValue: "",
    })
    .addFlag({ name: "dryRun", description: "Simulate only: print the outcome, send no transaction" });
}
