import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

import { ZeroAddress } from "ethers";

import type { Suite } from "../../src/index.js";
import {
  attestationKindName,
  formatTokenId,
  type ReceivableEvent,
  type RootView,
} from "../../src/areas/receivables.js";
import { formatAmount, formatDate } from "../../src/units.js";
import { buildBondDisclosures, renderBondsMarkdown, type BondDisclosure } from "./report-bonds.js";
import { label, lifecycleSection, mdTable, text32, type Party } from "./report-format.js";
import { buildProductDisclosures, renderProductsMarkdown, type ProductDisclosure } from "./report-products.js";

/**
 * Disclosure report built from the chain alone (state and events): what an exchange's
 * information-disclosure platform publishes per asset (documents, attestations or rating, lifecycle,
 * cash flows, holders). One receivable, one bond, one product, or every asset of the deployment;
 * bonds and products are in `report-bonds.ts` and `report-products.ts`.
 */
export interface DisclosureReport {
  title: string;
  generatedAt: string;
  network: string;
  chainId: string;
  contract: string;
  receivables: ReceivableDisclosure[];
  /** The bond and product factories the report covers (absent for one receivable). */
  factories?: { bonds?: string; products?: string };
  /** Absent when the report is of one receivable. */
  bonds?: BondDisclosure[];
  /** Absent when the report is of one receivable. */
  products?: ProductDisclosure[];
}

export interface ReceivableDisclosure {
  rootId: string;
  state: string;
  creditor: Party;
  debtor: Party;
  currency: Party;
  face: string;
  paid: string;
  outstanding: string;
  /** Exact base units of face, paid, outstanding (as every `<field>Base` below). */
  faceBase: string;
  paidBase: string;
  outstandingBase: string;
  dueDate: string;
  invoice?: { invoiceHash: string; uri: string; hash: string };
  documents: { name: string; uri: string; hash: string; time: string }[];
  attestations: { index: number; kind: string; author: Party; time: string; evidence: string; revoked: boolean }[];
  lifecycle: { time: string; block: number; tx: string; event: string; detail: string }[];
  cashFlows: {
    time: string;
    block: number;
    tx: string;
    type: "repayment" | "claim";
    party: Party;
    fragment?: string;
    amount: string;
    amountBase: string;
  }[];
  holders: {
    fragment: string;
    holder: Party;
    tier: number;
    value: string;
    claimable: string;
    claimed: string;
    valueBase: string;
    claimableBase: string;
    claimedBase: string;
    frozen: boolean;
  }[];
}

/** Builds the report for one root, one bond, one product, or every asset of the deployment. */
export async function buildReport(
  suite: Suite,
  opts: {
    rootId?: bigint;
    bond?: string;
    product?: string;
    network: string;
    nameOf?: (a: string) => string | undefined;
  },
): Promise<DisclosureReport> {
  const r = suite.receivables;
  const provider = suite.context.provider;
  const party = (address: string): Party => {
    const name = opts.nameOf?.(address);
    return name === undefined ? { address } : { address, name };
  };
  const times = new Map<number, Promise<string>>();
  const timeOf = (block: number) => {
    let t = times.get(block);
    if (t === undefined) {
      t = provider.getBlock(block).then((b) => formatDate(BigInt(b!.timestamp)));
      times.set(block, t);
    }
    return t;
  };
  const all = await r.events();
  const oneAsset = opts.bond !== undefined || opts.product !== undefined;
  const ids =
    opts.rootId !== undefined
      ? [opts.rootId]
      : oneAsset
        ? []
        : [...new Set(all.filter((e) => e.name === "ReceivableIssued").map((e) => e.rootId))];
  const receivables: ReceivableDisclosure[] = [];
  for (const rootId of ids) {
    const view = await r.show(rootId);
    if (view === undefined) continue;
    const root = view.root;
    const amt = (v: unknown) => formatAmount(BigInt(v as bigint), root.decimals, { group: true });
    const events = all.filter((e) => e.rootId === rootId);
    const lifecycle = [];
    const cashFlows: ReceivableDisclosure["cashFlows"] = [];
    for (const e of events) {
      const detail = describe(e, root, amt, (a) => label(party(a)));
      if (detail === undefined) continue;
      const time = await timeOf(e.blockNumber);
      lifecycle.push({ time, block: e.blockNumber, tx: e.transactionHash, event: e.name, detail });
      if (e.name === "ReceivableRepaid") {
        cashFlows.push({
          time,
          block: e.blockNumber,
          tx: e.transactionHash,
          type: "repayment",
          party: party(String(e.args.payer)),
          amount: amt(e.args.amount),
          amountBase: String(e.args.amount),
        });
      }
      if (e.name === "FragmentClaimed") {
        cashFlows.push({
          time,
          block: e.blockNumber,
          tx: e.transactionHash,
          type: "claim",
          party: party(String(e.args.holder)),
          fragment: formatTokenId(e.tokenId!),
          amount: amt(e.args.amount),
          amountBase: String(e.args.amount),
        });
      }
    }
    receivables.push({
      rootId: root.rootHex,
      state: root.state,
      creditor: party(root.creditor),
      debtor: party(root.debtor),
      currency:
        root.currency.toLowerCase() === suite.addresses.cash.toLowerCase() && opts.nameOf?.(root.currency) === undefined
          ? { address: root.currency, name: "settlement cash" }
          : party(root.currency),
      face: amt(root.face),
      paid: amt(root.paid),
      outstanding: amt(root.outstanding),
      faceBase: root.face.toString(),
      paidBase: root.paid.toString(),
      outstandingBase: root.outstanding.toString(),
      dueDate: root.dueDateIso,
      invoice: view.invoice,
      documents: view.documents.map((d) => ({ name: d.name, uri: d.uri, hash: d.hash, time: formatDate(d.time) })),
      attestations: view.attestations.map((a) => ({
        index: a.index,
        kind: a.kindName ?? a.kind,
        author: party(a.author),
        time: formatDate(a.time),
        evidence: a.hash,
        revoked: a.revoked,
      })),
      lifecycle,
      cashFlows,
      holders: view.fragments.map((f) => ({
        fragment: formatTokenId(f.tokenId),
        holder: party(f.holder),
        tier: f.tier,
        value: amt(f.value),
        claimable: amt(f.claimable),
        claimed: amt(f.claimed),
        valueBase: f.value.toString(),
        claimableBase: f.claimable.toString(),
        claimedBase: f.claimed.toString(),
        frozen: f.frozen,
      })),
    });
  }
  const net = await provider.getNetwork();
  const assets = { nameOf: opts.nameOf, cash: suite.addresses.cash, receivables: suite.addresses.receivables };
  const bonds =
    opts.rootId !== undefined || opts.product !== undefined
      ? undefined
      : await buildBondDisclosures(provider, suite.addresses.bondFactory, { ...assets, only: opts.bond });
  const products =
    opts.rootId !== undefined || opts.bond !== undefined
      ? undefined
      : await buildProductDisclosures(provider, suite.addresses.productFactory, { ...assets, only: opts.product });
  return {
    title:
      opts.rootId !== undefined
        ? `Receivable disclosure report: ${receivables[0]?.rootId ?? "unknown"}`
        : opts.bond !== undefined
          ? `Bond disclosure report: ${bonds?.[0]?.symbol ?? "unknown"} (${opts.bond})`
          : opts.product !== undefined
            ? `Product disclosure report: ${opts.product}`
            : `Disclosure report: ${receivables.length} receivable(s), ${bonds?.length ?? 0} bond(s), ${products?.length ?? 0} product(s)`,
    generatedAt: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    network: opts.network,
    chainId: net.chainId.toString(),
    contract: suite.addresses.receivables,
    receivables,
    ...(bonds === undefined && products === undefined
      ? {}
      : {
          factories: {
            ...(bonds === undefined ? {} : { bonds: suite.addresses.bondFactory }),
            ...(products === undefined ? {} : { products: suite.addresses.productFactory }),
          },
        }),
    ...(bonds === undefined ? {} : { bonds }),
    ...(products === undefined ? {} : { products }),
  };
}

function describe(
  e: ReceivableEvent,
  root: RootView,
  amt: (v: unknown) => string,
  who: (a: string) => string,
): string | undefined {
  const a = e.args;
  const frag = e.tokenId !== undefined ? formatTokenId(e.tokenId) : "";
  switch (e.name) {
    case "ReceivableIssued":
      return `${a.confirmed ? "payable issued by the debtor (confirmed)" : "issued by the creditor (pending)"}: face ${amt(a.face)}, due ${formatDate(BigInt(a.dueDate as bigint))}, invoice hash ${String(a.invoiceHash)}`;
    case "ReceivableConfirmed":
      return `confirmed by the debtor ${who(String(a.debtor))}`;
    case "ReceivableRejected":
      return `rejected by the debtor: ${text32(a.reason)}`;
    case "ReceivableCancelled":
      return "cancelled by the creditor";
    case "ReceivableRepaid":
      return `${who(String(a.payer))} repaid ${amt(a.amount)} (total paid ${amt(a.totalPaid)} of ${amt(root.face)})`;
    case "ReceivableSettled":
      return "settled: paid in full";
    case "ReceivableDefaulted":
      return `default declared by ${who(String(a.declaredBy))}, outstanding ${amt(a.outstanding)}`;
    case "FragmentSplit":
      return `${frag} split off ${formatTokenId(BigInt(a.newTokenId as bigint))} worth ${amt(a.value)}`;
    case "FragmentValueSent":
      return `${frag} sent ${amt(a.value)} to ${who(String(a.to))} as ${formatTokenId(BigInt(a.newTokenId as bigint))} (tier ${String(a.tier)})`;
    case "FragmentClaimed":
      return `${who(String(a.holder))} claimed ${amt(a.amount)} on ${frag}`;
    case "FragmentFrozen":
      return `${frag} frozen by the regulator (order ${text32(a.orderRef)})`;
    case "FragmentUnfrozen":
      return `${frag} unfrozen by the regulator (order ${text32(a.orderRef)})`;
    case "FragmentForceTransferred":
      return `${frag} moved by court order ${text32(a.orderRef)} from ${who(String(a.from))} to ${who(String(a.to))}`;
    case "AttestationAdded":
      return `attestation #${String(a.index)} ${attestationKindName(String(a.kind)) ?? String(a.kind)} by ${who(String(a.author))}, evidence ${String(a.hash)}`;
    case "AttestationRevoked":
      return `attestation #${String(a.index)} revoked by ${who(String(a.author))}`;
    case "DocumentUpdated":
      return `document "${text32(a.name)}" set: ${String(a.uri)} (hash ${String(a.documentHash)})`;
    case "DocumentRemoved":
      return `document "${text32(a.name)}" removed`;
    case "Transfer":
      if (a.from === ZeroAddress || a.to === ZeroAddress) return undefined; // mints/burns are told above
      return `${frag} transferred whole from ${who(String(a.from))} to ${who(String(a.to))}`;
    default:
      return undefined;
  }
}

/** The report as Markdown. */
export function renderMarkdown(rep: DisclosureReport): string {
  const out: string[] = [
    `# ${rep.title}`,
    "",
    `Network ${rep.network} (chain ${rep.chainId}), receivables contract \`${rep.contract}\`${rep.factories?.bonds === undefined ? "" : `, bond factory \`${rep.factories.bonds}\``}${rep.factories?.products === undefined ? "" : `, product factory \`${rep.factories.products}\``}, generated ${rep.generatedAt} from on-chain state and events.`,
    "",
  ];
  for (const r of rep.receivables) {
    out.push(`## Receivable \`${r.rootId}\``, "");
    out.push(
      ...mdTable([
        { field: "State", value: r.state },
        { field: "Creditor (seller)", value: label(r.creditor) },
        { field: "Debtor", value: label(r.debtor) },
        { field: "Currency", value: label(r.currency) },
        { field: "Face", value: r.face },
        { field: "Paid", value: r.paid },
        { field: "Outstanding", value: r.outstanding },
        { field: "Due date", value: r.dueDate },
      ]),
    );
    out.push("### Documents", "");
    const docs = [];
    if (r.invoice !== undefined) {
      docs.push({
        name: "invoice (anchored at issue)",
        uri: r.invoice.uri,
        hash: r.invoice.hash,
        time: "",
        note: `invoice hash ${r.invoice.invoiceHash}`,
      });
    }
    for (const d of r.documents) docs.push({ name: d.name, uri: d.uri, hash: d.hash, time: d.time, note: "" });
    out.push(...mdTable(docs));
    out.push("### Attestations", "");
    out.push(
      ...mdTable(
        r.attestations.map((a) => ({
          "#": String(a.index),
          kind: a.kind,
          verifier: label(a.author),
          time: a.time,
          evidence: a.evidence,
          status: a.revoked ? "revoked" : "valid",
        })),
      ),
    );
    out.push("### Holders", "");
    out.push(
      ...mdTable(
        r.holders.map((h) => ({
          fragment: h.fragment.split("/")[1] ? `/${h.fragment.split("/")[1]}` : h.fragment,
          holder: label(h.holder),
          tier: String(h.tier),
          value: h.value,
          claimed: h.claimed,
          claimable: h.claimable,
          frozen: h.frozen ? "yes" : "",
        })),
      ),
    );
    out.push("### Cash flows", "");
    out.push(
      ...mdTable(
        r.cashFlows.map((c) => ({
          time: c.time,
          type: c.type,
          party: label(c.party),
          fragment: c.fragment ?? "",
          amount: c.amount,
          tx: c.tx,
        })),
      ),
    );
    out.push(...lifecycleSection(r.lifecycle));
  }
  if (rep.bonds !== undefined) out.push(...renderBondsMarkdown(rep.bonds));
  if (rep.products !== undefined) out.push(...renderProductsMarkdown(rep.products));
  return out.join("\n");
}

/** Writes `<base>.md` and `<base>.json` into `dir`; returns both paths. */
export function writeReport(rep: DisclosureReport, dir: string, base: string): { markdown: string; json: string } {
  mkdirSync(dir, { recursive: true });
  const markdown = path.join(dir, `${base}.md`);
  const json = path.join(dir, `${base}.json`);
  writeFileSync(markdown, renderMarkdown(rep));
  writeFileSync(json, JSON.stringify(rep, (_, v) => (typeof v === "bigint" ? v.toString() : v), 2) + "\n");
  return { markdown, json };
}
