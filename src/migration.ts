import type { ContractRunner } from "ethers";

import {
  AccessManager__factory,
  FactoringMarket__factory,
  FactoringMarketImporter__factory,
  ReceivableImporter__factory,
  ReceivableToken__factory,
  SettlementToken__factory,
} from "../types/ethers-contracts/index.js";
import { allEvents, queryEvents, type BlockRange } from "./events.js";

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
  const batch = batchOf(opts);
  const pred = ReceivableToken__factory.connect(predecessor, runner);
  const mig = ReceivableImporter__factory.connect(successor, runner);
  const retired = await checkPair(runner, pred, mig, predecessor, successor, "receivable token");

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
  // Evidence (attestations, documents) is copied apart from the money, after the record, and again
  // wherever the retired token took more since.
  const synced: bigint[] = [];
  for (const rootId of roots) if (await evidenceDiffers(pred, succ, rootId)) synced.push(rootId);
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

/**
 * Where a factoring market's migration stands and what is left to import: the predecessor's
 * counters against the successor's cursors, the fragments the successor holds (from the receivable
 * token's `Transfer` events to it) as holds or strays, and every credited (currency, wallet) pair
 * (every address and currency the predecessor's events name, filtered by `refundOf`). See
 * contracts/interfaces/IFactoringMarketImporter.sol.
 */
export interface MarketMigrationPlan {
  predecessor: string;
  successor: string;
  retired: { paused: boolean; targetClosed: boolean };
  status: { closed: boolean; settings: boolean; holds: bigint; strays: bigint; refunds: bigint };
  /** Listings, offers and auctions: copied by the successor / issued by the predecessor. */
  records: { kind: "listings" | "offers" | "auctions"; imported: bigint; issued: bigint }[];
  /** Fragments in the predecessor's custody the successor does not hold yet (move them first). */
  notMoved: bigint[];
  /** Credited pairs found on the predecessor (the close's `expectedRefunds`). */
  credits: { currency: string; wallet: string; amount: bigint }[];
  steps: MigrationStep[];
  cash: MigrationCash[];
  closeData: string;
}

/**
 * Reads a market migration from `predecessor` to `successor` (a market constructed with a
 * {FactoringMarketImporter} of it) and lists the import calls still needed, `batch` ids or items per
 * call. Sends nothing. Throws when `successor` is not a successor of `predecessor`.
 */
export async function marketMigrationPlan(
  runner: ContractRunner,
  predecessor: string,
  successor: string,
  opts: { batch?: number; range?: BlockRange } = {},
): Promise<MarketMigrationPlan> {
  const batch = batchOf(opts);
  const pred = FactoringMarket__factory.connect(predecessor, runner);
  const succ = FactoringMarket__factory.connect(successor, runner);
  const mig = FactoringMarketImporter__factory.connect(successor, runner);
  const retired = await checkPair(runner, pred, mig, predecessor, successor, "market");
  const [closed, settings, holds, strays, refunds] = await mig.migrationStatus();
  const steps: MigrationStep[] = [];
  if (!settings)
    steps.push({ label: "import the fee and treasury", data: mig.interface.encodeFunctionData("importSettings") });

  const issued = await pred.nextIds();
  const done = await succ.nextIds();
  const kinds = ["listings", "offers", "auctions"] as const;
  const records = kinds.map((kind, i) => ({ kind, imported: done[i]!, issued: issued[i]! }));
  records.forEach((r, i) => {
    const calls = (r.issued - r.imported + BigInt(batch) - 1n) / BigInt(batch);
    for (let k = 1n; k <= calls; k++) {
      steps.push({
        label: `import ${r.kind} (${k} of ${calls})`,
        data:
          i === 0
            ? mig.interface.encodeFunctionData("importListings", [BigInt(batch)])
            : i === 1
              ? mig.interface.encodeFunctionData("importOffers", [BigInt(batch)])
              : mig.interface.encodeFunctionData("importAuctions", [BigInt(batch)]),
      });
    }
  });

  // Custody: every fragment ever sent to the successor that it still holds, as a hold or a stray.
  const nft = ReceivableToken__factory.connect(await succ.receivables(), runner);
  const sent = await queryEvents(nft, nft.filters.Transfer(undefined, successor), opts.range);
  const toHold: bigint[] = [];
  const toCount: bigint[] = [];
  for (const id of [...new Set(sent.map((e) => e.args.id))]) {
    if ((await nft.ownerOf(id)).toLowerCase() !== successor.toLowerCase()) continue;
    if ((await succ.custodyOf(id)).kind !== 0n) continue; // copied already
    if ((await pred.custodyOf(id)).kind !== 0n) toHold.push(id);
    else if (await notCountedYet(mig, id)) toCount.push(id);
  }
  // Fragments the predecessor still has in custody that have not reached the successor.
  const events = await allEvents(pred, opts.range);
  const notMoved: bigint[] = [];
  const tokenIds = new Set<bigint>();
  const wallets = new Set<string>();
  const currencies = new Set<string>();
  for (const e of events) {
    for (const [name, v] of Object.entries(e.args)) {
      if (name === "tokenId" && typeof v === "bigint") tokenIds.add(v);
      else if (name === "currency" && typeof v === "string") currencies.add(v);
      else if (typeof v === "string" && /^0x[0-9a-fA-F]{40}$/.test(v)) wallets.add(v);
    }
  }
  const oldNft = ReceivableToken__factory.connect(await pred.receivables(), runner);
  for (const id of tokenIds) {
    const roots = await oldNft.receivable(id >> 32n);
    if (roots.currency !== "0x0000000000000000000000000000000000000000") currencies.add(roots.currency);
    if ((await pred.custodyOf(id)).kind === 0n) continue;
    const owner = await nft.ownerOf(id).catch(() => "");
    if (owner.toLowerCase() !== successor.toLowerCase()) notMoved.push(id);
  }
  for (let i = 0; i < toHold.length; i += batch) {
    const part = toHold.slice(i, i + batch);
    steps.push({
      label: `import ${part.length} hold(s)`,
      data: mig.interface.encodeFunctionData("importHolds", [part]),
    });
  }
  if (toCount.length > 0) {
    steps.push({
      label: `count ${toCount.length} stray fragment(s)`,
      data: mig.interface.encodeFunctionData("countStrays", [toCount]),
    });
  }
  const credits: MarketMigrationPlan["credits"] = [];
  for (const currency of currencies) {
    const owedTo: string[] = [];
    for (const wallet of wallets) {
      const amount = await pred.refundOf(currency, wallet);
      if (amount === 0n) continue;
      credits.push({ currency, wallet, amount });
      if ((await succ.refundOf(currency, wallet)) === 0n) owedTo.push(wallet);
    }
    for (let i = 0; i < owedTo.length; i += batch) {
      const part = owedTo.slice(i, i + batch);
      steps.push({
        label: `import ${part.length} credit(s) in ${currency}`,
        data: mig.interface.encodeFunctionData("importRefunds", [currency, part]),
      });
    }
  }
  const cash: MigrationCash[] = [];
  for (const currency of currencies) {
    const token = SettlementToken__factory.connect(currency, runner);
    const [successorBalance, predecessorBalance] = await Promise.all([
      token.balanceOf(successor),
      token.balanceOf(predecessor),
    ]);
    if (successorBalance === 0n && predecessorBalance === 0n) continue;
    cash.push({ currency, owed: await mig.importOwed(currency), successorBalance, predecessorBalance });
  }
  return {
    predecessor,
    successor,
    retired,
    status: { closed, settings, holds, strays, refunds },
    records,
    notMoved,
    credits,
    steps,
    cash,
    closeData: mig.interface.encodeFunctionData("closeMigration", [BigInt(credits.length)]),
  };
}

/** Whether `countStrays([tokenId])` would still count it (it refuses a stray counted before). */
async function notCountedYet(mig: ReturnType<typeof FactoringMarketImporter__factory.connect>, tokenId: bigint) {
  try {
    await mig.countStrays.staticCall([tokenId]);
    return true;
  } catch {
    return false;
  }
}

function batchOf(opts: { batch?: number }): number {
  const batch = opts.batch ?? 50;
  if (!Number.isInteger(batch) || batch < 1) throw new Error(`migration: batch must be a whole number >= 1`);
  return batch;
}

/**
 * Checks that `successor`'s importer takes over `predecessor`, and reads the two facts of the
 * predecessor's retirement (paused; its target closed in its own AccessManager).
 */
async function checkPair(
  runner: ContractRunner,
  pred: { authority(): Promise<string>; paused(): Promise<boolean> },
  mig: { predecessor(): Promise<string> },
  predecessor: string,
  successor: string,
  what: string,
): Promise<{ paused: boolean; targetClosed: boolean }> {
  let named: string;
  try {
    named = await mig.predecessor();
  } catch {
    throw new Error(`migration: ${successor} is not a successor ${what} (it has no importer)`);
  }
  if (named.toLowerCase() !== predecessor.toLowerCase()) {
    throw new Error(`migration: ${successor} takes over ${named}, not ${predecessor}`);
  }
  const manager = AccessManager__factory.connect(await pred.authority(), runner);
  return { paused: await pred.paused(), targetClosed: await manager.isTargetClosed(predecessor) };
}
