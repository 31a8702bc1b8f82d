import type { ContractRunner } from "ethers";

import {
  AccessManager__factory,
  ReceivableImporter__factory,
  ReceivableToken__factory,
  SettlementToken__factory,
} from "../types/ethers-contracts/index.js";
import { queryEvents, type BlockRange } from "./events.js";

/** What the cash owed by a migration's roots looks like in one currency (base units). */
export interface MigrationCash {
  currency: string;
  /** Paid to the imported roots and not yet claimed by their holders. */
  owed: bigint;
  successorBalance: bigint;
  predecessorBalance: bigint;
}

/** One permissionless import call of a receivable migration. */
export interface MigrationStep {
  /** What the call does, in words. */
  label: string;
  /** Calldata for the successor token's address. */
  data: string;
}

/**
 * Where a receivable token's migration stands and what is left to import, read from the chain: the
 * predecessor's `ReceivableIssued` and `CurrencyApproved` events (the off-chain export) against the
 * successor's import cursors (see contracts/interfaces/IReceivableImporter.sol).
 */
export interface ReceivableMigrationPlan {
  predecessor: string;
  successor: string;
  /** The two facts the importer checks: paused, and its target closed in its AccessManager. */
  retired: { paused: boolean; targetClosed: boolean };
  /** Every root issued on the predecessor, in first-issue order (a re-issued fingerprint once). */
  roots: bigint[];
  /** Currencies the predecessor approves now. */
  currencies: string[];
  status: { closed: boolean; importedRoots: bigint; unfinishedRoots: bigint };
  /** The import calls still to send, in order, for a batch size of `batch` entries. */
  steps: MigrationStep[];
  cash: MigrationCash[];
  /** Calldata of the governance's close (ADMIN) for the root count found in the events. */
  closeData: string;
}

/**
 * Reads a receivable migration from `predecessor` (the retired token) to `successor` (a token
 * constructed with a {ReceivableImporter} of it) and lists the import calls still needed, `batch`
 * roots or entries per call. Sends nothing. Throws when `successor` is not a successor of
 * `predecessor`.
 */
export async function receivableMigrationPlan(
  runner: ContractRunner,
  predecessor: string,
  successor: string,
  opts: { batch?: number; range?: BlockRange } = {},
): Promise<ReceivableMigrationPlan> {
  const batch = opts.batch ?? 50;
  if (!Number.isInteger(batch) || batch < 1) throw new Error(`migration: batch must be a whole number >= 1`);
  const pred = ReceivableToken__factory.connect(predecessor, runner);
  const mig = ReceivableImporter__factory.connect(successor, runner);
  let named: string;
  try {
    named = await mig.predecessor();
  } catch {
    throw new Error(`migration: ${successor} is not a successor receivable token (it has no importer)`);
  }
  if (named.toLowerCase() !== predecessor.toLowerCase()) {
    throw new Error(`migration: ${successor} takes over ${named}, not ${predecessor}`);
  }
  const manager = AccessManager__factory.connect(await pred.authority(), runner);
  const retired = { paused: await pred.paused(), targetClosed: await manager.isTargetClosed(predecessor) };

  const issued = await queryEvents(pred, pred.filters.ReceivableIssued(), opts.range);
  const seen = new Set<bigint>();
  const roots: bigint[] = [];
  for (const e of issued) {
    const id = e.args.rootId;
    if (!seen.has(id)) {
      seen.add(id);
      roots.push(id);
    }
  }
  const approvals = await queryEvents(pred, pred.filters.CurrencyApproved(), opts.range);
  const currencies: string[] = [];
  for (const e of approvals) {
    const c = e.args.currency;
    if (!currencies.includes(c) && (await pred.isCurrencyApproved(c))) currencies.push(c);
  }

  const [closed, importedRoots, unfinishedRoots] = await mig.migrationStatus();
  const steps: MigrationStep[] = [];
  const succ = ReceivableToken__factory.connect(successor, runner);
  const missingCurrencies: string[] = [];
  for (const c of currencies) if (!(await succ.isCurrencyApproved(c))) missingCurrencies.push(c);
  if (missingCurrencies.length > 0) {
    steps.push({
      label: `import the approval of ${missingCurrencies.length} currenc${missingCurrencies.length === 1 ? "y" : "ies"}`,
      data: mig.interface.encodeFunctionData("importCurrencies", [missingCurrencies]),
    });
  }
  const records: bigint[] = [];
  const entries: { rootId: bigint; left: bigint }[] = [];
  for (const rootId of roots) {
    const [imported, fragments, payments] = await mig.importCursor(rootId);
    const r = await pred.receivable(rootId);
    const left = r.fragmentCount - fragments + (r.paymentCount - payments);
    if (!imported) records.push(rootId);
    if (left > 0n) entries.push({ rootId, left });
  }
  // Evidence (attestations, documents) still moves on a retired token: resync imported roots whose
  // copy differs. Roots imported in this plan's own calls copy it then.
  const synced: bigint[] = [];
  for (const rootId of roots) {
    if (records.includes(rootId)) continue;
    if (await evidenceDiffers(pred, succ, rootId)) synced.push(rootId);
  }
  for (let i = 0; i < records.length; i += batch) {
    const part = records.slice(i, i + batch);
    steps.push({
      label: `import the records of ${part.length} receivable(s) (${i + 1}-${i + part.length} of ${records.length})`,
      data: mig.interface.encodeFunctionData("importRoots", [part]),
    });
  }
  for (const { rootId, left } of entries) {
    const calls = (left + BigInt(batch) - 1n) / BigInt(batch);
    for (let k = 1n; k <= calls; k++) {
      steps.push({
        label: `import entries of receivable 0x${rootId.toString(16).padStart(56, "0")} (${k} of ${calls})`,
        data: mig.interface.encodeFunctionData("importEntries", [rootId, BigInt(batch)]),
      });
    }
  }

  for (const rootId of synced) {
    steps.push({
      label: `sync the attestations and documents of receivable 0x${rootId.toString(16).padStart(56, "0")}`,
      data: mig.interface.encodeFunctionData("syncEvidence", [rootId]),
    });
  }

  // What the roots owe their holders: imported ones as the successor counts them, the rest read now.
  const owedBy = new Map<string, bigint>();
  for (const rootId of roots) {
    const r = await pred.receivable(rootId);
    const owed = r.paid - (await pred.claimedOf(rootId));
    if (owed > 0n) owedBy.set(r.currency, (owedBy.get(r.currency) ?? 0n) + owed);
  }
  const cash: MigrationCash[] = [];
  for (const [currency, owed] of owedBy) {
    // Any ERC-20 answers balanceOf; the settlement token's binding has it.
    const token = SettlementToken__factory.connect(currency, runner);
    cash.push({
      currency,
      owed,
      successorBalance: await token.balanceOf(successor),
      predecessorBalance: await token.balanceOf(predecessor),
    });
  }
  return {
    predecessor,
    successor,
    retired,
    roots,
    currencies,
    status: { closed, importedRoots, unfinishedRoots },
    steps,
    cash,
    closeData: mig.interface.encodeFunctionData("closeMigration", [BigInt(roots.length)]),
  };
}

type Token = ReturnType<typeof ReceivableToken__factory.connect>;

/** Whether the successor's attestations or documents of `rootId` differ from the predecessor's. */
async function evidenceDiffers(pred: Token, succ: Token, rootId: bigint): Promise<boolean> {
  const flat = (xs: { toArray(): unknown[] }[]) =>
    JSON.stringify(
      xs.map((x) => x.toArray()),
      (_, v) => String(v),
    );
  const [a, b] = await Promise.all([pred.attestations(rootId), succ.attestations(rootId)]);
  if (flat(a as never) !== flat(b as never)) return true;
  const [na, nb] = await Promise.all([pred.getAllDocuments(rootId), succ.getAllDocuments(rootId)]);
  if (na.join() !== nb.join()) return true;
  for (const n of na) {
    const da = [...(await pred.getDocument(rootId, n)), await pred.documentRemovedAt(rootId, n)].map(String);
    const db = [...(await succ.getDocument(rootId, n)), await succ.documentRemovedAt(rootId, n)].map(String);
    if (da.join() !== db.join()) return true;
  }
  return false;
}
