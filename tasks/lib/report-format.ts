import type { EventLog, Log, Provider } from "ethers";
import { decodeBytes32String } from "ethers";

import { allEvents } from "../../src/events.js";
import { formatAmount, formatDate } from "../../src/units.js";

/**
 * What the disclosure reports (receivables, bonds, products) share: parties named from the address
 * book, block times, events read from a contract's TypeChain binding, amounts, Markdown tables.
 *
 * Amount convention (bonds and products): a money field is the formatted string of the receivable
 * report (`"1,000,000.00"`, grouped, the currency's decimals) and a sibling `<field>Base` holds the
 * exact base units as a decimal string (`"100000000"`). Counts of bond units and shares have no
 * decimals and are exact integer strings (`"8000"`).
 */
export interface Party {
  address: string;
  name?: string;
}

export type NameOf = (address: string) => string | undefined;

/** One lifecycle line: an event in chain order with its block time and plain-words detail. */
export interface LifecycleEntry {
  time: string;
  block: number;
  tx: string;
  event: string;
  detail: string;
}

/** A decoded event of one contract, args by parameter name. */
export interface DecodedEvent {
  name: string;
  args: Record<string, unknown>;
  blockNumber: number;
  transactionHash: string;
  logIndex: number;
  /** The emitting contract. */
  address: string;
}

/** `name (0x…)` or the address. */
export function label(p: Party): string {
  return p.name === undefined ? p.address : `${p.name} (${p.address})`;
}

/** A Party maker: the address book's name when it has one, else `fallback[address]`. */
export function parties(nameOf?: NameOf, fallback: Record<string, string> = {}) {
  const known = new Map(Object.entries(fallback).map(([a, n]) => [a.toLowerCase(), n]));
  return (address: string): Party => {
    const name = nameOf?.(address) ?? known.get(address.toLowerCase());
    return name === undefined ? { address } : { address, name };
  };
}

/** A bytes32 short text (e.g. "SME_LENDING"), or the hex when it is not printable text (a hash). */
export function text32(b: unknown): string {
  try {
    const s = decodeBytes32String(String(b));
    return /^[\x20-\x7e]+$/.test(s) ? s : String(b);
  } catch {
    return String(b);
  }
}

/** A bytes8 label such as a rating grade ("AA"). */
export function text8(b: unknown): string {
  const hex = String(b)
    .replace(/^0x/, "")
    .replace(/(00)+$/, "");
  return Buffer.from(hex, "hex").toString("latin1");
}

/** Block number -> ISO time, cached. */
export function blockTimes(provider: Provider): (block: number) => Promise<string> {
  const times = new Map<number, Promise<string>>();
  return (block) => {
    let t = times.get(block);
    if (t === undefined) {
      t = provider.getBlock(block).then((b) => formatDate(BigInt(b!.timestamp)));
      times.set(block, t);
    }
    return t;
  };
}

/** What `contractEvents` needs of a TypeChain contract. */
interface Queryable {
  queryFilter(event: never, fromBlock?: number, toBlock?: number): Promise<Array<EventLog | Log>>;
  getAddress(): Promise<string>;
}

/**
 * Every event of a contract (its TypeChain binding's ABI) from `fromBlock` to the latest block,
 * in chain order, read in 50,000-block chunks (nodes cap `eth_getLogs` ranges).
 */
export async function contractEvents(
  contract: Queryable,
  provider: Provider,
  fromBlock = 0,
  step = 50_000,
): Promise<DecodedEvent[]> {
  const [toBlock, address] = await Promise.all([provider.getBlockNumber(), contract.getAddress()]);
  return (await allEvents(contract, { fromBlock, toBlock, step })).map((e) => ({ ...e, address }));
}

/** Chain order: block, then log index. */
export function chainOrder(a: DecodedEvent, b: DecodedEvent): number {
  return a.blockNumber - b.blockNumber || a.logIndex - b.logIndex;
}

/** Formats base units of a currency with `decimals`: grouped, exact. */
export function money(decimals: number) {
  return (v: unknown) => formatAmount(BigInt(v as bigint), decimals, { group: true });
}

/** A count without decimals, grouped for reading ("8,000"). */
export function count(v: unknown): string {
  return formatAmount(BigInt(v as bigint), 0, { group: true });
}

/** The "Lifecycle" section of an asset: heading and table, events in chain order. */
export function lifecycleSection(entries: LifecycleEntry[]): string[] {
  return [
    "### Lifecycle",
    "",
    ...mdTable(
      entries.map((l) => ({ time: l.time, block: String(l.block), event: l.event, detail: l.detail, tx: l.tx })),
    ),
  ];
}

/**
 * Balances from ERC-20 Transfer events (mints from and burns to the zero address), in order of
 * first receipt; holders whose balance is zero are left out.
 */
export function balancesFromTransfers(events: DecodedEvent[]): { holder: string; balance: bigint }[] {
  const balances = new Map<string, { holder: string; balance: bigint }>();
  const entry = (a: string) => {
    let e = balances.get(a.toLowerCase());
    if (e === undefined) {
      e = { holder: a, balance: 0n };
      balances.set(a.toLowerCase(), e);
    }
    return e;
  };
  const zero = /^0x0{40}$/;
  for (const e of events) {
    if (e.name !== "Transfer") continue;
    const [from, to, value] = [String(e.args.from), String(e.args.to), BigInt(e.args.value as bigint)];
    if (!zero.test(from)) entry(from).balance -= value;
    if (!zero.test(to)) entry(to).balance += value;
  }
  return [...balances.values()].filter((b) => b.balance !== 0n);
}

export function md(s: string): string {
  return s.replaceAll("|", "\\|");
}

export function mdTable(rows: Record<string, string>[]): string[] {
  if (rows.length === 0) return ["(none)", ""];
  const cols = Object.keys(rows[0]);
  return [
    `| ${cols.join(" | ")} |`,
    `| ${cols.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${cols.map((c) => md(r[c] ?? "")).join(" | ")} |`),
    "",
  ];
}
