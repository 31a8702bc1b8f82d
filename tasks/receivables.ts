import { emptyTask, task } from "hardhat/config";
import { ArgumentType } from "hardhat/types/arguments";

import { common } from "./lib/options.js";

function opt<N extends string>(name: N, description: string) {
  return { name, description, type: ArgumentType.STRING, defaultValue: "" } as const;
}

const root = opt("root", "Receivable id (0x + up to 56 hex digits, as printed at issue)");
const fragment = opt("fragment", "Fragment: <root>/<index> (as printed by show), or the 0x token id");

/** Receivable tasks act as the participant wallet given by `--from` (a configured account). */
export const receivablesTasks = [
  emptyTask("receivable", "Receivables: issue, confirm, attest, split, send, repay, claim, show").build(),
  common(
    task(
      ["receivable", "issue"],
      "Issue a receivable (creditor, --debtor) or a confirmed payable (debtor, --creditor)",
    ),
  )
    .addOption(opt("debtor", "Debtor (name or address): the caller issues a pending receivable against it"))
    .addOption(opt("creditor", "Creditor (name or address): the caller, a debtor, issues it a confirmed payable"))
    .addOption(opt("amount", "Face amount in the currency's decimals, e.g. 1,000,000.00"))
    .addOption(opt("due", "Due date, ISO (e.g. 2027-06-30)"))
    .addOption(opt("invoice", "Invoice number (its keccak256 makes the fingerprint with the two parties)"))
    .addOption(opt("documentUri", "Invoice document URI (anchored in the event)"))
    .addOption(opt("documentHash", "Invoice document hash, 0x + 64 hex (default zero)"))
    .addOption(opt("currency", "Approved currency (name or address; default the settlement cash)"))
    .setAction(() => import("./actions/receivable-issue.js"))
    .build(),
  common(task(["receivable", "confirm"], "The debtor confirms a pending receivable"))
    .addOption(root)
    .setAction(() => import("./actions/receivable-confirm.js"))
    .build(),
  common(task(["receivable", "reject"], "The debtor rejects a pending receivable (fingerprint released)"))
    .addOption(root)
    .addOption(opt("reason", "Short reason (at most 31 bytes)"))
    .setAction(() => import("./actions/receivable-reject.js"))
    .build(),
  common(task(["receivable", "attest"], "A verifier attests evidence on a receivable (customs, logistics...)"))
    .addOption(root)
    .addOption(opt("kind", "Attestation kind, e.g. CUSTOMS_DECLARATION (or a bytes32)"))
    .addOption(opt("evidence", "Evidence hash (0x + 64 hex), or a reference text that is hashed"))
    .setAction(() => import("./actions/receivable-attest.js"))
    .build(),
  common(task(["receivable", "split"], "The holder splits a fragment into parts summing to its value"))
    .addOption(fragment)
    .addOption(opt("parts", 'Amounts separated by spaces or semicolons, e.g. "500,000.00 100,000.00"'))
    .setAction(() => import("./actions/receivable-split.js"))
    .build(),
  common(
    task(["receivable", "send-value"], "The holder sends part of a fragment to an eligible wallet (one tier deeper)"),
  )
    .addOption(fragment)
    .addOption(opt("to", "Receiver (name or address)"))
    .addOption(opt("amount", "Amount in the currency's decimals"))
    .setAction(() => import("./actions/receivable-send-value.js"))
    .build(),
  common(task(["receivable", "repay"], "Pay against a confirmed receivable (approves the currency first if needed)"))
    .addOption(root)
    .addOption(opt("amount", "Amount in the currency's decimals"))
    .setAction(() => import("./actions/receivable-repay.js"))
    .build(),
  common(task(["receivable", "claim"], "Claim what a fragment is owed, or every fragment held on --root"))
    .addOption(fragment)
    .addOption(root)
    .setAction(() => import("./actions/receivable-claim.js"))
    .build(),
  common(
    task(
      ["receivable", "show"],
      "A receivable: state, fragments (holders, values, claimable), attestations, documents",
    ),
  )
    .addOption(root)
    .setAction(() => import("./actions/receivable-show.js"))
    .build(),
  common(
    task(
      "report",
      "Disclosure report (Markdown + JSON) of a receivable, bond, product or the whole deployment: documents, attestations or rating, lifecycle, cash flows, holders",
    ),
  )
    .addOption(opt("root", "Receivable id; default every asset of the deployment"))
    .addOption(opt("bond", "Bond (name or address) instead of a receivable"))
    .addOption(opt("product", "Revenue-sharing product (name or address) instead of a receivable"))
    .addOption(opt("out", "Output directory (default reports/<deployment-id>)"))
    .setAction(() => import("./actions/report.js"))
    .build(),
];
