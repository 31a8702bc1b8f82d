import type { Signer } from "ethers";

import {
  formatRootId,
  formatTokenId,
  parseRootId,
  parseTokenId,
  type FragmentView,
  type RootView,
} from "../../src/areas/receivables.js";
import { formatAmount, formatDate } from "../../src/units.js";
import { requireOption } from "./print.js";
import { InputError, table, type Runtime } from "./runtime.js";

/** The acting participant wallet: `--from` (required), a configured account of the network. */
export async function actingSigner(rt: Runtime): Promise<{ signer: Signer; address: string }> {
  requireOption(rt.args.from, "--from");
  const want = rt.address(rt.args.from, "--from");
  const signers = await rt.ethers.getSigners();
  const s = signers.find((x) => x.address.toLowerCase() === want.toLowerCase());
  if (s === undefined) {
    throw new InputError(`--from: ${rt.label(want)} is not an account configured for network ${rt.networkName}`);
  }
  return { signer: s, address: s.address };
}

/** Throws "<field>: <wallet> is not eligible (<reason>)" unless the wallet may transact. */
export async function requireEligible(rt: Runtime, wallet: string, field: string): Promise<void> {
  const why = await rt.suite.registry.eligibility(wallet);
  if (why !== "None") throw new InputError(`${field}: ${rt.label(wallet)} is not eligible (${why})`);
}

/** A known root from `--root`. */
export async function knownRoot(rt: Runtime, input: string, field = "--root"): Promise<RootView> {
  requireOption(input, field);
  const rootId = parseRootId(input, field);
  const root = await rt.suite.receivables.root(rootId);
  if (root === undefined) {
    throw new InputError(
      `${field}: receivable ${formatRootId(rootId)} is unknown on deployment ${rt.args.deploymentId}`,
    );
  }
  return root;
}

/** A live fragment from `--fragment`, with its root. */
export async function knownFragment(
  rt: Runtime,
  input: string,
  field = "--fragment",
): Promise<{ root: RootView; fragment: FragmentView }> {
  requireOption(input, field);
  const tokenId = parseTokenId(input, field);
  const root = await rt.suite.receivables.root(tokenId >> 32n);
  if (root === undefined) {
    throw new InputError(
      `${field}: receivable ${formatRootId(tokenId >> 32n)} is unknown on deployment ${rt.args.deploymentId}`,
    );
  }
  const fragment = (await rt.suite.receivables.fragments(root.rootId)).find((f) => f.tokenId === tokenId);
  if (fragment === undefined) throw new InputError(`${field}: fragment ${formatTokenId(tokenId)} does not exist`);
  return { root, fragment };
}

/** Throws unless `wallet` holds the fragment, it is not frozen and its root is movable. */
export function requireMovable(rt: Runtime, root: RootView, f: FragmentView, wallet: string): void {
  if (f.holder.toLowerCase() !== wallet.toLowerCase()) {
    throw new InputError(
      `--from: ${rt.label(wallet)} does not hold fragment ${formatTokenId(f.tokenId)} (held by ${rt.label(f.holder)})`,
    );
  }
  if (f.frozen) throw new InputError(`--fragment: ${formatTokenId(f.tokenId)} is frozen by the regulator`);
  if (root.state !== "Confirmed" && root.state !== "PartiallyPaid") {
    throw new InputError(
      `--fragment: receivable ${root.rootHex} is ${root.state}; only confirmed, not overdue ones move`,
    );
  }
}

/** Amount in the root's currency. */
export function amountOf(root: RootView, units: bigint): string {
  return formatAmount(units, root.decimals, { group: true });
}

/** Prints a root's state and its fragments as they are now. */
export async function printReceivable(rt: Runtime, rootId: bigint): Promise<void> {
  const view = await rt.suite.receivables.show(rootId);
  if (view === undefined) {
    rt.log(`receivable ${formatRootId(rootId)}: unknown`);
    return;
  }
  const r = view.root;
  rt.log(`receivable ${r.rootHex}`);
  rt.log(
    `  state ${r.state} (stored ${r.status}), face ${amountOf(r, r.face)}, paid ${amountOf(r, r.paid)}, outstanding ${amountOf(r, r.outstanding)}, due ${r.dueDateIso}`,
  );
  rt.log(`  creditor ${rt.label(r.creditor)}, debtor ${rt.label(r.debtor)}`);
  if (view.invoice !== undefined && view.invoice.uri !== "") {
    rt.log(`  invoice document ${view.invoice.uri} (hash ${view.invoice.hash})`);
  }
  table(
    view.fragments.map((f) => ({
      fragment: `/${f.index}`,
      holder: rt.label(f.holder),
      tier: String(f.tier),
      value: amountOf(r, f.value),
      claimable: amountOf(r, f.claimable),
      claimed: amountOf(r, f.claimed),
      frozen: f.frozen ? "FROZEN" : "",
    })),
    rt.log,
  );
  for (const a of view.attestations) {
    rt.log(
      `  attestation #${a.index} ${a.kindName ?? a.kind} by ${rt.label(a.author)} at ${formatDate(a.time)}${a.revoked ? " (revoked)" : ""}, evidence ${a.hash}`,
    );
  }
  for (const d of view.documents) rt.log(`  document "${d.name}": ${d.uri} (hash ${d.hash})`);
}
