import type { BaseContract, EventLog, Log } from "ethers";

import type { TypedContractEvent, TypedDeferredTopicFilter, TypedEventLog } from "../types/ethers-contracts/common.js";
import type { AccessManager, ParticipantRegistry, SettlementToken } from "../types/ethers-contracts/index.js";

/** A block range; `step` splits long ranges into chunks (public RPCs and Besu cap log ranges). */
export interface BlockRange {
  fromBlock?: number;
  toBlock?: number;
  step?: number;
}

/** A decoded event with where it happened. `args` keeps the TypeChain output object's types. */
export interface SuiteEvent<A> {
  name: string;
  args: A;
  blockNumber: number;
  transactionHash: string;
  logIndex: number;
}

type Queryable = Pick<BaseContract, "queryFilter" | "runner">;

/**
 * Queries one typed event (a TypeChain filter such as `registry.filters.WalletAdded(id)`) over a
 * block range, chunked, in chain order. The result is typed from the filter.
 */
export async function queryEvents<E extends TypedContractEvent>(
  contract: Queryable,
  filter: TypedDeferredTopicFilter<E> | E,
  range: BlockRange = {},
): Promise<SuiteEvent<TypedEventLog<E>["args"]>[]> {
  const provider = contract.runner?.provider;
  if (!provider) throw new Error("queryEvents: the contract's runner has no provider");
  const from = range.fromBlock ?? 0;
  const to = range.toBlock ?? (await provider.getBlockNumber());
  const step = range.step ?? 50_000;
  const out: SuiteEvent<TypedEventLog<E>["args"]>[] = [];
  for (let start = from; start <= to; start += step) {
    const end = Math.min(to, start + step - 1);
    const logs = (await contract.queryFilter(filter as never, start, end)) as unknown as TypedEventLog<E>[];
    for (const l of logs) {
      out.push({
        name: l.eventName,
        args: l.args,
        blockNumber: l.blockNumber,
        transactionHash: l.transactionHash,
        logIndex: l.index,
      });
    }
  }
  return out;
}

/** Any event of a contract, its arguments by parameter name. */
export type AnyEvent = SuiteEvent<Record<string, unknown>>;

/**
 * Every event of a contract (those of its binding's ABI) over a block range, in chain order, with
 * the arguments by name; chunked like {@link queryEvents}. Logs the ABI does not know are skipped.
 */
export async function allEvents(
  contract: {
    queryFilter(event: never, fromBlock?: number, toBlock?: number): Promise<Array<EventLog | Log>>;
  } & Partial<Pick<BaseContract, "runner">>,
  range: BlockRange = {},
): Promise<AnyEvent[]> {
  const from = range.fromBlock ?? 0;
  let to = range.toBlock;
  if (to === undefined) {
    const provider = contract.runner?.provider;
    if (!provider) throw new Error("allEvents: give toBlock, or a contract whose runner has a provider");
    to = await provider.getBlockNumber();
  }
  const step = range.step ?? 50_000;
  const out: AnyEvent[] = [];
  for (let start = from; start <= to; start += step) {
    const logs = await contract.queryFilter("*" as never, start, Math.min(to, start + step - 1));
    for (const l of logs) {
      if (!("fragment" in l) || l.args === undefined) continue;
      const args: Record<string, unknown> = {};
      l.fragment.inputs.forEach((p, i) => (args[p.name] = l.args[i]));
      out.push({
        name: l.eventName,
        args,
        blockNumber: l.blockNumber,
        transactionHash: l.transactionHash,
        logIndex: l.index,
      });
    }
  }
  return out;
}

/** Participants registered (optionally one id). */
export function participantsRegistered(registry: ParticipantRegistry, id?: string, range?: BlockRange) {
  return queryEvents(registry, registry.filters.ParticipantRegistered(id), range);
}

/** Wallets bound to participants (optionally one id). */
export function walletsAdded(registry: ParticipantRegistry, id?: string, range?: BlockRange) {
  return queryEvents(registry, registry.filters.WalletAdded(id), range);
}

/** Wallets unbound from participants. */
export function walletsRemoved(registry: ParticipantRegistry, id?: string, range?: BlockRange) {
  return queryEvents(registry, registry.filters.WalletRemoved(id), range);
}

/** Cash transfers (mints have `from` = 0x0, burns `to` = 0x0), filtered by sender and/or receiver. */
export function cashTransfers(cash: SettlementToken, opts: { from?: string; to?: string } = {}, range?: BlockRange) {
  return queryEvents(cash, cash.filters.Transfer(opts.from, opts.to), range);
}

/** Role grants of the AccessManager (optionally one role / one account). */
export function roleGrants(manager: AccessManager, roleId?: bigint, account?: string, range?: BlockRange) {
  return queryEvents(manager, manager.filters.RoleGranted(roleId, account), range);
}

/** Role revocations of the AccessManager. */
export function roleRevocations(manager: AccessManager, roleId?: bigint, account?: string, range?: BlockRange) {
  return queryEvents(manager, manager.filters.RoleRevoked(roleId, account), range);
}
