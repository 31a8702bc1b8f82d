import {
  AbiCoder,
  ZeroHash,
  decodeBytes32String,
  id as keccakText,
  keccak256,
  type ContractTransactionResponse,
  type Overrides,
  type Signer,
} from "ethers";

import {
  ParticipantRegistry__factory,
  ReceivableToken__factory,
  SettlementToken__factory,
  type ReceivableToken,
} from "../../types/ethers-contracts/index.js";
import { allEvents, type BlockRange } from "../events.js";
import { intervalShare } from "../prorata.js";
import { UnitError, formatAmount, formatDate, parseDate, parsePositiveAmount, parseReason } from "../units.js";
import type { SuiteContext } from "./context.js";

/** Stored status of a root (IReceivableToken.Status). */
export const ReceivableStatus = [
  "None",
  "Pending",
  "Confirmed",
  "Rejected",
  "Cancelled",
  "Defaulted",
  "Settled",
] as const;
/** Lifecycle state now (IReceivableToken.State). */
export const ReceivableState = [
  "None",
  "Pending",
  "Confirmed",
  "PartiallyPaid",
  "Overdue",
  "Defaulted",
  "Settled",
  "Rejected",
  "Cancelled",
] as const;

/** Attestation kinds the suite names (bytes32 = keccak256 of the name). Others print as hashes. */
export const ATTESTATION_KINDS = [
  "CUSTOMS_DECLARATION",
  "BILL_OF_LADING",
  "DELIVERY_NOTE",
  "WAREHOUSE_RECEIPT",
  "TAX_INVOICE_CHECK",
  "LOGISTICS_TRACKING",
  "QUALITY_INSPECTION",
] as const;

/** An amount as a decimal string in the currency's decimals ("1234.56") or base units (bigint). */
export type ReceivableAmount = string | bigint;

/** What an issue needs, in human terms. */
export interface IssueInput {
  /** Face amount: decimal string in the currency's decimals, or base units. */
  amount: ReceivableAmount;
  /** ISO date ("2027-06-30") or unix seconds. */
  dueDate: string | bigint;
  /** The invoice number; its UTF-8 keccak256 is the invoice hash of the fingerprint. */
  invoiceNumber: string;
  /** Where the invoice document lives (recorded in the ReceivableIssued event). */
  documentUri?: string;
  /** Hash of the invoice document (0x + 64 hex); default zero. */
  documentHash?: string;
  /** An approved ERC-20; default the settlement cash. */
  currency?: string;
}

/** A root in human terms. */
export interface RootView {
  rootId: bigint;
  /** 0x + 56 hex digits. */
  rootHex: string;
  creditor: string;
  debtor: string;
  currency: string;
  decimals: number;
  face: bigint;
  paid: bigint;
  outstanding: bigint;
  dueDate: bigint;
  dueDateIso: string;
  status: (typeof ReceivableStatus)[number];
  state: (typeof ReceivableState)[number];
  fragmentCount: number;
  paymentCount: number;
}

/** A live fragment in human terms. */
export interface FragmentView {
  tokenId: bigint;
  index: number;
  holder: string;
  start: bigint;
  value: bigint;
  tier: number;
  checkpoint: number;
  claimable: bigint;
  /** Paid to this fragment's holders so far (FragmentClaimed events). */
  claimed: bigint;
  frozen: boolean;
}

export interface AttestationView {
  index: number;
  author: string;
  time: bigint;
  revoked: boolean;
  kind: string;
  /** The kind's name when it is one of {@link ATTESTATION_KINDS}. */
  kindName?: string;
  hash: string;
}

export interface DocumentView {
  name: string;
  uri: string;
  hash: string;
  time: bigint;
}

/** Everything about one root now. */
export interface ReceivableView {
  root: RootView;
  fragments: FragmentView[];
  attestations: AttestationView[];
  documents: DocumentView[];
  /** The invoice document anchored at issue (from the ReceivableIssued event). */
  invoice?: { invoiceHash: string; uri: string; hash: string };
}

/** One event of the receivables contract, with the root it concerns. */
export interface ReceivableEvent {
  name: string;
  rootId: bigint;
  tokenId?: bigint;
  args: Record<string, unknown>;
  blockNumber: number;
  transactionHash: string;
  logIndex: number;
}

const BYTES32 = /^0x[0-9a-fA-F]{64}$/;
const coder = AbiCoder.defaultAbiCoder();

/** keccak256 of the UTF-8 invoice number. */
export function invoiceHashOf(invoiceNumber: string): string {
  if (invoiceNumber.trim() === "") throw new UnitError("invoice", invoiceNumber, "must not be empty");
  return keccakText(invoiceNumber);
}

/**
 * The receivable id the contract computes: `uint224(bytes28(keccak256(abi.encode(invoiceHash,
 * sellerId, debtorId))))` (the top 28 bytes of the hash), from the registry's participant ids.
 */
export function fingerprintOf(invoiceHash: string, sellerId: string, debtorId: string): bigint {
  return BigInt(keccak256(coder.encode(["bytes32", "bytes32", "bytes32"], [invoiceHash, sellerId, debtorId]))) >> 32n;
}

/** Token id of fragment `index` of a root. */
export function tokenIdOf(rootId: bigint, index: number | bigint): bigint {
  return (rootId << 32n) | BigInt(index);
}

/** Root id and index of a fragment's token id. */
export function splitTokenId(tokenId: bigint): { rootId: bigint; index: number } {
  return { rootId: tokenId >> 32n, index: Number(tokenId & 0xffffffffn) };
}

/** Root id as 0x + 56 hex digits. */
export function formatRootId(rootId: bigint): string {
  return "0x" + rootId.toString(16).padStart(56, "0");
}

/** Token id as `<root hex>/<index>`. */
export function formatTokenId(tokenId: bigint): string {
  const { rootId, index } = splitTokenId(tokenId);
  return `${formatRootId(rootId)}/${index}`;
}

/** Parses a root id: 0x hex (up to 56 digits) or decimal. */
export function parseRootId(input: string, field = "root"): bigint {
  const t = String(input).trim();
  let v: bigint;
  if (/^0x[0-9a-fA-F]{1,56}$/.test(t)) v = BigInt(t);
  else if (/^\d+$/.test(t)) v = BigInt(t);
  else throw new UnitError(field, input, "is not a receivable id (0x + up to 56 hex digits, or decimal)");
  if (v === 0n || v >= 1n << 224n) throw new UnitError(field, input, "is not a receivable id (1 .. 2^224-1)");
  return v;
}

/** Parses a fragment id: `<root>/<index>`, a 0x token id, or decimal. */
export function parseTokenId(input: string, field = "fragment"): bigint {
  const t = String(input).trim();
  const m = /^(0x[0-9a-fA-F]{1,56}|\d+)\/(\d{1,10})$/.exec(t);
  if (m !== null) {
    const index = BigInt(m[2]);
    if (index > 0xffffffffn) throw new UnitError(field, input, "has an index above 2^32-1");
    return tokenIdOf(parseRootId(m[1], field), index);
  }
  if (/^0x[0-9a-fA-F]{1,64}$/.test(t) || /^\d+$/.test(t)) {
    const v = BigInt(t);
    if (v >> 32n === 0n || v >= 1n << 256n) throw new UnitError(field, input, "is not a fragment id");
    return v;
  }
  throw new UnitError(field, input, "is not a fragment id (<root>/<index>, 0x token id or decimal)");
}

/** An attestation kind: 0x + 64 hex as is, else keccak256 of the name ("CUSTOMS_DECLARATION"). */
export function attestationKind(input: string, field = "kind"): string {
  const t = String(input).trim();
  if (t === "") throw new UnitError(field, input, "must not be empty");
  return BYTES32.test(t) ? t.toLowerCase() : keccakText(t.toUpperCase().replaceAll("-", "_"));
}

/** A kind's name when known. */
export function attestationKindName(kind: string): string | undefined {
  return ATTESTATION_KINDS.find((k) => keccakText(k) === kind.toLowerCase());
}

/** A document name (<= 31 bytes of text, or a bytes32) -> bytes32. */
export function documentName(input: string, field = "document name"): string {
  const t = String(input).trim();
  return BYTES32.test(t) ? t.toLowerCase() : parseReason(t, field);
}

function nameText(b: string): string {
  try {
    return decodeBytes32String(b);
  } catch {
    return b;
  }
}

function bytes32(input: string | undefined, field: string): string {
  if (input === undefined || input === "") return ZeroHash;
  if (!BYTES32.test(input)) throw new UnitError(field, input, "is not a 32-byte hash (0x + 64 hex digits)");
  return input.toLowerCase();
}

/** The receivables area: confirmed payables split and passed down the supply chain. */
export class ReceivablesFacade {
  readonly contract: ReceivableToken;

  constructor(private readonly ctx: SuiteContext) {
    this.contract = ReceivableToken__factory.connect(ctx.addresses.receivables, ctx.runner);
  }

  /** Decimals of a currency (the settlement cash: 2). */
  decimalsOf(currency: string = this.ctx.addresses.cash): Promise<number> {
    return this.ctx.decimalsOf(currency);
  }

  /** Decimal string in the currency's decimals -> base units (exact, positive). */
  async parse(amount: ReceivableAmount, currency?: string, field = "amount"): Promise<bigint> {
    if (typeof amount === "bigint") return amount;
    return parsePositiveAmount(amount, await this.decimalsOf(currency), field);
  }

  /** Base units -> "1,234.56" in the currency's decimals. */
  async format(units: bigint, currency?: string): Promise<string> {
    return formatAmount(units, await this.decimalsOf(currency), { group: true });
  }

  /** The id the contract gives an invoice between two wallets' participants (client-side, as the contract). */
  async fingerprint(invoiceNumber: string, seller: string, debtor: string): Promise<bigint> {
    const registry = ParticipantRegistry__factory.connect(this.ctx.addresses.registry, this.ctx.runner);
    const [sellerId, debtorId] = await Promise.all([registry.participantOf(seller), registry.participantOf(debtor)]);
    return fingerprintOf(invoiceHashOf(invoiceNumber), sellerId, debtorId);
  }

  /** Whether the invoice's fingerprint is held by a live receivable (issue would revert). */
  async isFingerprintUsed(rootId: bigint): Promise<boolean> {
    return this.contract.isFingerprintUsed(rootId);
  }

  /** The contract call arguments of an issue, in base units. */
  async issueArgs(input: IssueInput) {
    const currency = input.currency ?? this.ctx.addresses.cash;
    const face = await this.parse(input.amount, currency);
    const due = typeof input.dueDate === "bigint" ? input.dueDate : parseDate(input.dueDate, "dueDate");
    return {
      currency,
      face,
      dueDate: due,
      invoiceHash: invoiceHashOf(input.invoiceNumber),
      documentUri: input.documentUri ?? "",
      documentHash: bytes32(input.documentHash, "documentHash"),
    };
  }

  /** A creditor issues a receivable against `debtor` (pending until the debtor confirms). */
  async issue(debtor: string, input: IssueInput, overrides?: Overrides): Promise<ContractTransactionResponse> {
    const a = await this.issueArgs(input);
    return this.contract.issue(
      debtor,
      a.currency,
      a.face,
      a.dueDate,
      a.invoiceHash,
      a.documentUri,
      a.documentHash,
      await this.ctx.overrides(overrides),
    );
  }

  /** A debtor (core enterprise) issues an already-confirmed payable to `creditor`. */
  async issuePayable(creditor: string, input: IssueInput, overrides?: Overrides): Promise<ContractTransactionResponse> {
    const a = await this.issueArgs(input);
    return this.contract.issuePayable(
      creditor,
      a.currency,
      a.face,
      a.dueDate,
      a.invoiceHash,
      a.documentUri,
      a.documentHash,
      await this.ctx.overrides(overrides),
    );
  }

  /** The debtor confirms a pending receivable. */
  async confirm(rootId: bigint, overrides?: Overrides): Promise<ContractTransactionResponse> {
    return this.contract.confirm(rootId, await this.ctx.overrides(overrides));
  }

  /** The debtor rejects a pending receivable; `reason` is a short text (<= 31 bytes). */
  async reject(rootId: bigint, reason: string, overrides?: Overrides): Promise<ContractTransactionResponse> {
    return this.contract.reject(rootId, parseReason(reason), await this.ctx.overrides(overrides));
  }

  /** The creditor cancels its pending receivable. */
  async cancel(rootId: bigint, overrides?: Overrides): Promise<ContractTransactionResponse> {
    return this.contract.cancel(rootId, await this.ctx.overrides(overrides));
  }

  /** A verifier attests: `kind` a name ("CUSTOMS_DECLARATION") or bytes32; `evidenceHash` 0x + 64 hex. */
  async attest(
    rootId: bigint,
    kind: string,
    evidenceHash: string,
    overrides?: Overrides,
  ): Promise<ContractTransactionResponse> {
    return this.contract.attest(
      rootId,
      attestationKind(kind),
      bytes32(evidenceHash, "evidenceHash"),
      await this.ctx.overrides(overrides),
    );
  }

  /** The author revokes its attestation. */
  async revokeAttestation(rootId: bigint, index: number, overrides?: Overrides): Promise<ContractTransactionResponse> {
    return this.contract.revokeAttestation(rootId, index, await this.ctx.overrides(overrides));
  }

  /** The creditor or debtor sets a named document (name <= 31 bytes). */
  async setDocument(
    rootId: bigint,
    name: string,
    uri: string,
    documentHash: string,
    overrides?: Overrides,
  ): Promise<ContractTransactionResponse> {
    return this.contract.setDocument(
      rootId,
      documentName(name),
      uri,
      bytes32(documentHash, "documentHash"),
      await this.ctx.overrides(overrides),
    );
  }

  /** Splits a fragment into parts (decimal strings in the currency's decimals, summing to its value). */
  async split(tokenId: bigint, parts: ReceivableAmount[], overrides?: Overrides): Promise<ContractTransactionResponse> {
    const currency = await this.currencyOf(tokenId >> 32n);
    const values = await Promise.all(parts.map((p, i) => this.parse(p, currency, `parts[${i}]`)));
    return this.contract.split(tokenId, values, await this.ctx.overrides(overrides));
  }

  /** Sends `value` of a fragment to `to` as a new fragment one tier deeper. */
  async sendValue(
    tokenId: bigint,
    to: string,
    value: ReceivableAmount,
    overrides?: Overrides,
  ): Promise<ContractTransactionResponse> {
    const v = await this.parse(value, await this.currencyOf(tokenId >> 32n), "value");
    return this.contract.sendValue(tokenId, to, v, await this.ctx.overrides(overrides));
  }

  /**
   * Pays `amount` against a root. Approves the receivables contract on the currency first (and
   * waits for it) when the caller's allowance is short.
   */
  async repay(rootId: bigint, amount: ReceivableAmount, overrides?: Overrides): Promise<ContractTransactionResponse> {
    const currency = await this.currencyOf(rootId);
    const value = await this.parse(amount, currency);
    const signer = this.ctx.runner as Signer;
    if (typeof signer.getAddress !== "function") throw new Error("repay: connect with a Signer");
    const token = SettlementToken__factory.connect(currency, signer);
    const spender = this.ctx.addresses.receivables;
    if ((await token.allowance(await signer.getAddress(), spender)) < value) {
      const tx = await token.approve(spender, value, await this.ctx.overrides(overrides));
      const receipt = await tx.wait();
      if (receipt === null || receipt.status !== 1) throw new Error(`repay: approve ${tx.hash} failed`);
    }
    return this.contract.repay(rootId, value, await this.ctx.overrides(overrides));
  }

  /** The holder claims what the fragment is owed. */
  async claim(tokenId: bigint, overrides?: Overrides): Promise<ContractTransactionResponse> {
    return this.contract.claim(tokenId, await this.ctx.overrides(overrides));
  }

  /** A holder declares default after due date + grace + default period. */
  async declareDefault(tokenId: bigint, overrides?: Overrides): Promise<ContractTransactionResponse> {
    return this.contract.declareDefault(tokenId, await this.ctx.overrides(overrides));
  }

  /** Judicial freeze of a fragment (regulator only); `orderRef` a short text (<= 31 bytes). */
  async freeze(tokenId: bigint, orderRef: string, overrides?: Overrides): Promise<ContractTransactionResponse> {
    return this.contract.freeze(tokenId, parseReason(orderRef, "orderRef"), await this.ctx.overrides(overrides));
  }

  /** Lifts a judicial freeze (regulator only). */
  async unfreeze(tokenId: bigint, orderRef: string, overrides?: Overrides): Promise<ContractTransactionResponse> {
    return this.contract.unfreeze(tokenId, parseReason(orderRef, "orderRef"), await this.ctx.overrides(overrides));
  }

  // ------------------------------------------------------------------ views

  /** What a fragment's holder can claim now (base units). */
  claimable(tokenId: bigint): Promise<bigint> {
    return this.contract.claimable(tokenId);
  }

  /** A root in human terms; undefined when never issued. */
  async root(rootId: bigint): Promise<RootView | undefined> {
    const [r, state] = await Promise.all([this.contract.receivable(rootId), this.contract.stateOf(rootId)]);
    if (Number(r.status) === 0) return undefined;
    const decimals = await this.decimalsOf(r.currency);
    return {
      rootId,
      rootHex: formatRootId(rootId),
      creditor: r.creditor,
      debtor: r.debtor,
      currency: r.currency,
      decimals,
      face: r.face,
      paid: r.paid,
      outstanding: r.face - r.paid,
      dueDate: r.dueDate,
      dueDateIso: formatDate(r.dueDate),
      status: ReceivableStatus[Number(r.status)],
      state: ReceivableState[Number(state)],
      fragmentCount: Number(r.fragmentCount),
      paymentCount: Number(r.paymentCount),
    };
  }

  /**
   * The live fragments of a root. Candidates are the token ids its events minted (Transfer from
   * 0x0, FragmentSplit, FragmentValueSent) plus every index below the root's fragment count (ids
   * are `rootId << 32 | index`, so none is missed when logs are pruned); burnt ones are skipped.
   */
  async fragments(rootId: bigint, range: BlockRange = {}): Promise<FragmentView[]> {
    const r = await this.contract.receivable(rootId);
    const events = await this.events(rootId, range);
    const ids = new Set<bigint>();
    for (let i = 0n; i < r.fragmentCount; i++) ids.add(tokenIdOf(rootId, i));
    const claimed = new Map<bigint, bigint>();
    for (const e of events) {
      if (e.tokenId !== undefined && e.name !== "FragmentClaimed") ids.add(e.tokenId);
      if (e.name === "FragmentSplit" || e.name === "FragmentValueSent") ids.add(BigInt(e.args.newTokenId as bigint));
      if (e.name === "FragmentClaimed") {
        claimed.set(e.tokenId!, (claimed.get(e.tokenId!) ?? 0n) + BigInt(e.args.amount as bigint));
      }
    }
    const views = await Promise.all(
      [...ids]
        .sort((a, b) => (a < b ? -1 : 1))
        .map(async (tokenId): Promise<FragmentView | undefined> => {
          let holder: string;
          try {
            holder = await this.contract.ownerOf(tokenId);
          } catch {
            return undefined; // burnt (rejected or cancelled issuance)
          }
          const [[f], claimable, frozen] = await Promise.all([
            this.contract.fragment(tokenId),
            this.contract.claimable(tokenId),
            this.contract.isFrozen(tokenId),
          ]);
          return {
            tokenId,
            index: splitTokenId(tokenId).index,
            holder,
            start: f.start,
            value: f.value,
            tier: Number(f.tier),
            checkpoint: Number(f.checkpoint),
            claimable,
            claimed: claimed.get(tokenId) ?? 0n,
            frozen,
          };
        }),
    );
    return views.filter((v): v is FragmentView => v !== undefined);
  }

  /** Attestations of a root. */
  async attestations(rootId: bigint): Promise<AttestationView[]> {
    const list = await this.contract.attestations(rootId);
    return list.map((a, index) => ({
      index,
      author: a.author,
      time: a.time,
      revoked: a.revoked,
      kind: a.kind,
      kindName: attestationKindName(a.kind),
      hash: a.hash,
    }));
  }

  /** Named documents of a root (ERC-1643). */
  async documents(rootId: bigint): Promise<DocumentView[]> {
    const names = await this.contract.getAllDocuments(rootId);
    return Promise.all(
      names.map(async (n) => {
        const [uri, hash, time] = await this.contract.getDocument(rootId, n);
        return { name: nameText(n), uri, hash, time };
      }),
    );
  }

  /** A root with its state, fragments (holders, values, claimable), attestations and documents. */
  async show(rootId: bigint, range: BlockRange = {}): Promise<ReceivableView | undefined> {
    const root = await this.root(rootId);
    if (root === undefined) return undefined;
    const [fragments, attestations, documents, issued] = await Promise.all([
      this.fragments(rootId, range),
      this.attestations(rootId),
      this.documents(rootId),
      this.contract.queryFilter(this.contract.filters.ReceivableIssued(rootId), range.fromBlock ?? 0, range.toBlock),
    ]);
    const last = issued.at(-1);
    return {
      root,
      fragments,
      attestations,
      documents,
      invoice:
        last === undefined
          ? undefined
          : { invoiceHash: last.args.invoiceHash, uri: last.args.documentUri, hash: last.args.documentHash },
    };
  }

  /**
   * Every event of the receivables contract, in chain order, with the root (and fragment) it
   * concerns; only `rootId`'s when given. Chunked like {@link queryEvents}.
   */
  async events(rootId?: bigint, range: BlockRange = {}): Promise<ReceivableEvent[]> {
    const all = await allEvents(this.contract, { toBlock: await this.ctx.provider.getBlockNumber(), ...range });
    const out: ReceivableEvent[] = [];
    for (const e of all) {
      const args = e.args;
      let root: bigint;
      let tokenId: bigint | undefined;
      if ("rootId" in args) root = BigInt(args.rootId as bigint);
      else if ("tokenId" in args) {
        tokenId = BigInt(args.tokenId as bigint);
        root = tokenId >> 32n;
      } else root = 0n; // CurrencyApproved, Paused, roles...
      if (rootId !== undefined && root !== rootId) continue;
      out.push({ ...e, rootId: root, tokenId });
    }
    return out;
  }

  /** Every root ever issued (ReceivableIssued events), first issue order, without duplicates. */
  async rootIds(range: BlockRange = {}): Promise<bigint[]> {
    const seen = new Set<bigint>();
    for (const e of await this.events(undefined, range)) if (e.name === "ReceivableIssued") seen.add(e.rootId);
    return [...seen];
  }

  /** The exact entitlement of a fragment interval when `paid` of `face` has been paid. */
  static entitlement(start: bigint, value: bigint, paid: bigint, face: bigint): bigint {
    return intervalShare(start, start + value, paid, face);
  }

  private async currencyOf(rootId: bigint): Promise<string> {
    const r = await this.contract.receivable(rootId);
    if (Number(r.status) === 0) throw new UnitError("root", formatRootId(rootId), "is not a known receivable");
    return r.currency;
  }
}
