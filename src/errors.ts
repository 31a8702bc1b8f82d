import { ErrorFragment, Interface, type InterfaceAbi } from "ethers";

import * as bindings from "../types/ethers-contracts/index.js";
import {
  BOND_PLAIN,
  cash,
  LIBRARY_PLAIN,
  MARKET_PLAIN,
  PRODUCT_PLAIN,
  RECEIVABLE_PLAIN,
  RECEIVABLE_STATUS,
  rid,
  role,
  tid,
  time,
  type PlainTemplate,
} from "./errors-plain.js";
import { Ineligibility, Status } from "./kinds.js";

/** A custom error decoded from revert data. */
export interface DecodedError {
  /** Error name, e.g. `SettlementIneligible`. */
  name: string;
  /** Full signature, e.g. `SettlementIneligible(address,uint8)`. */
  signature: string;
  /** 4-byte selector. */
  selector: string;
  /** Arguments by parameter name (positional `argN` when unnamed). */
  args: Record<string, unknown>;
  /** Arguments in order. */
  values: unknown[];
  /** The error in plain words. */
  message: string;
}

type Factory = { abi?: InterfaceAbi };

/** Every factory class TypeChain generated (the top-level index plus its nested namespaces). */
function collectAbis(node: unknown, out: InterfaceAbi[], seen = new Set<unknown>()): void {
  if (node === null || (typeof node !== "object" && typeof node !== "function") || seen.has(node)) return;
  seen.add(node);
  const abi = (node as Factory).abi;
  if (typeof node === "function" && Array.isArray(abi)) {
    out.push(abi);
    return;
  }
  if (typeof node === "object") for (const v of Object.values(node as object)) collectAbis(v, out, seen);
}

let suiteErrors: Interface | undefined;
const extraAbis: InterfaceAbi[] = [];

/**
 * One interface holding every custom error of every contract in the suite (all TypeChain
 * bindings, so a new area's errors are included as soon as it compiles), plus Solidity's
 * `Error(string)` and `Panic(uint256)`.
 */
export function suiteErrorInterface(): Interface {
  if (suiteErrors !== undefined) return suiteErrors;
  const abis: InterfaceAbi[] = [];
  collectAbis(bindings, abis);
  const bySelector = new Map<string, string>();
  bySelector.set("0x08c379a0", "error Error(string message)");
  bySelector.set("0x4e487b71", "error Panic(uint256 code)");
  for (const abi of [...abis, ...extraAbis]) {
    for (const f of new Interface(abi).fragments) {
      if (f.type !== "error") continue;
      const e = f as ErrorFragment;
      if (!bySelector.has(e.selector)) bySelector.set(e.selector, e.format("full"));
    }
  }
  suiteErrors = new Interface([...bySelector.values()]);
  return suiteErrors;
}

/** Adds an ABI's errors to the decoder (for contracts outside the suite, e.g. a currency token). */
export function registerErrorAbi(abi: InterfaceAbi): void {
  extraAbis.push(abi);
  suiteErrors = undefined;
}

const HEX = /^0x[0-9a-fA-F]*$/;

/**
 * The revert data carried by an error thrown by ethers, hardhat-ethers or a JSON-RPC provider,
 * wherever it is nested (`data`, `error.data`, `info.error.data`, `cause`, ...).
 */
export function revertDataOf(e: unknown, depth = 0): string | undefined {
  if (e === null || e === undefined || depth > 6) return undefined;
  if (typeof e === "string") return HEX.test(e) && e.length >= 10 ? e : undefined;
  if (typeof e !== "object") return undefined;
  const o = e as Record<string, unknown>;
  for (const key of ["data", "revert", "error", "info", "cause", "originalError", "payload"]) {
    if (!(key in o)) continue;
    const v = o[key];
    if (key === "revert" && v !== null && typeof v === "object") {
      const r = v as { name?: string; args?: unknown[] };
      if (typeof r.name === "string") continue; // already decoded by ethers; keep looking for data
    }
    const found = revertDataOf(v, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Names an address for messages (an address book lookup), or returns undefined. */
export type NameOf = (address: string) => string | undefined;

function show(v: unknown, nameOf?: NameOf): string {
  if (typeof v === "string" && /^0x[0-9a-fA-F]{40}$/.test(v)) {
    const n = nameOf?.(v);
    return n ? `${n} (${v})` : v;
  }
  if (typeof v === "bigint") return v.toString();
  if (Array.isArray(v)) return `[${v.map((x) => show(x, nameOf)).join(", ")}]`;
  return String(v);
}

/**
 * Plain-words templates for the suite's errors (the foundation's here, the other areas' in
 * errors-plain.ts); anything else is printed as Name(arg=value...).
 */
export const PLAIN: Record<string, PlainTemplate> = {
  Error: (a) => `reverted: ${String(a.message)}`,
  Panic: (a) => `panicked with code 0x${BigInt(a.code as bigint).toString(16)} (arithmetic or assertion failure)`,
  AccessManagedUnauthorized: (a, s) => `${s(a.caller)} does not hold the role that may call this function`,
  AccessManagerUnauthorizedAccount: (a, s) => `${s(a.msgsender)} does not hold ${role(a.roleId)}`,
  AccessManagerUnauthorizedCall: (a, s) => `${s(a.caller)} may not call ${String(a.selector)} on ${s(a.target)}`,
  AccessManagerNotScheduled: () => "the operation was not scheduled",
  AccessManagerNotReady: () => "the operation's delay has not passed yet",
  AccessManagerLockedRole: (a) => `${role(a.roleId)} is locked`,
  EnforcedPause: () => "the contract is paused by the guardian",
  ExpectedPause: () => "the contract is not paused",
  SettlementIneligible: (a, s) =>
    `${s(a.wallet)} is not eligible to hold or move cash: ${Ineligibility[Number(a.reason)] ?? String(a.reason)}`,
  SettlementZeroAmount: () => "the amount must be greater than zero",
  ERC20InsufficientBalance: (a, s) =>
    `${s(a.sender)} has ${cash(a.balance)} but ${cash(a.needed)} is needed (insufficient balance)`,
  ERC20InsufficientAllowance: (a, s) =>
    `${s(a.spender)} may spend ${cash(a.allowance)} but ${cash(a.needed)} is needed (insufficient allowance)`,
  ERC20InvalidReceiver: (a, s) => `${s(a.receiver)} cannot receive tokens`,
  ERC20InvalidSender: (a, s) => `${s(a.sender)} cannot send tokens`,
  RegistryZeroId: () => "the participant id is zero",
  RegistryZeroWallet: () => "the wallet is the zero address",
  RegistryNoKinds: () => "a participant needs at least one kind",
  RegistryUnknownKinds: (a) => `kind bits 0x${Number(a.kinds).toString(16)} include unknown kinds`,
  RegistryParticipantExists: (a) => `participant ${String(a.id)} is already registered`,
  RegistryUnknownParticipant: (a) => `participant ${String(a.id)} is not registered`,
  RegistryKycExpiryInPast: (a) => `the KYC expiry ${time(a.kycExpiry)} is not after the chain's time ${time(a.nowTs)}`,
  RegistryParticipantRevoked: (a) => `participant ${String(a.id)} is revoked`,
  RegistryAlreadyRevoked: (a) => `participant ${String(a.id)} is already revoked`,
  RegistryNotActive: (a) => `participant ${String(a.id)} is ${Status[Number(a.status)]}, not Active`,
  RegistryNotSuspended: (a) => `participant ${String(a.id)} is ${Status[Number(a.status)]}, not Suspended`,
  RegistryDuplicateWallet: (a, s) => `${s(a.wallet)} is already a wallet of participant ${String(a.id)}`,
  RegistryWalletBoundElsewhere: (a, s) => `${s(a.wallet)} already belongs to participant ${String(a.boundTo)}`,
  RegistryWalletNotOfParticipant: (a, s) => `${s(a.wallet)} is not a wallet of participant ${String(a.id)}`,
  RegistryLastWallet: (a, s) => `${s(a.wallet)} is the last wallet of participant ${String(a.id)}`,
  RegistryTooManyWallets: (a) => `participant ${String(a.id)} already has the maximum of ${String(a.max)} wallets`,
  RegistryWalletAlreadyFrozen: (a, s) => `${s(a.wallet)} is already frozen`,
  RegistryWalletNotFrozen: (a, s) => `${s(a.wallet)} is not frozen`,
  RegistryModuleExists: (a, s) => `${s(a.module)} is already a registered module`,
  RegistryNotModule: (a, s) => `${s(a.module)} is not a registered module`,
  ReceivableZeroAmount: () => "the amount must be greater than zero",
  ReceivableIneligible: (a, s) =>
    `${s(a.wallet)} is not eligible to hold receivables: ${Ineligibility[Number(a.reason)] ?? String(a.reason)}`,
  ReceivableNotParticipant: (a, s) => `${s(a.wallet)} is not a registered participant's wallet`,
  ReceivableNotDebtorKind: (a, s) => `${s(a.debtor)} is not a core enterprise or SME and cannot owe a receivable`,
  ReceivableSameParty: (a, s) =>
    `${s(a.wallet)} belongs to the same participant as the other side: nobody can be both creditor and debtor`,
  ReceivableCurrencyNotApproved: (a, s) => `${s(a.currency)} is not an approved currency`,
  ReceivableDueDateInPast: (a) => `the due date ${time(a.dueDate)} is not after the chain's time ${time(a.nowTs)}`,
  ReceivableTenorTooLong: (a) => `the due date ${time(a.dueDate)} is after the latest allowed ${time(a.maxDueDate)}`,
  ReceivableFingerprintUsed: (a) =>
    `the invoice is already receivable ${rid(a.rootId)} (${RECEIVABLE_STATUS[Number(a.status)]}): no double financing`,
  ReceivableUnknownRoot: (a) => `receivable ${rid(a.rootId)} is unknown`,
  ReceivableWrongStatus: (a) => `receivable ${rid(a.rootId)} is ${RECEIVABLE_STATUS[Number(a.status)]}`,
  ReceivableNotDebtor: (a, s) => `${s(a.caller)} is not the debtor of receivable ${rid(a.rootId)}`,
  ReceivableNotCreditor: (a, s) => `${s(a.caller)} is not the creditor of receivable ${rid(a.rootId)}`,
  ReceivableNotParty: (a, s) => `${s(a.caller)} is neither creditor nor debtor of receivable ${rid(a.rootId)}`,
  ReceivableNotHolder: (a, s) => `${s(a.caller)} does not hold fragment ${tid(a.tokenId)}`,
  ReceivableOverdue: (a) => `receivable ${rid(a.rootId)} is overdue since ${time(a.overdueSince)}`,
  ReceivableNotYetDefaultable: (a) =>
    `receivable ${rid(a.rootId)} may be declared in default after ${time(a.defaultableAt)}`,
  ReceivableFrozen: (a) => `fragment ${tid(a.tokenId)} is frozen by the regulator`,
  ReceivableNotFrozen: (a) => `fragment ${tid(a.tokenId)} is not frozen`,
  ReceivableSplitSumMismatch: (a) =>
    `the parts add up to ${cash(a.sum)} but fragment ${tid(a.tokenId)} is worth ${cash(a.value)}`,
  ReceivableFragmentTooSmall: (a) => `${cash(a.value)} is below the minimum fragment of ${cash(a.minValue)}`,
  ReceivableTierTooDeep: (a) => `tier ${String(a.tier)} is deeper than the maximum ${String(a.maxTier)}`,
  ReceivableOverpayment: (a) =>
    `${cash(a.amount)} is more than the ${cash(a.outstanding)} outstanding on receivable ${rid(a.rootId)}`,
  ReceivableNothingToClaim: (a) => `fragment ${tid(a.tokenId)} has nothing to claim`,
  ReceivableNotVerifier: (a, s) => `${s(a.caller)} is not an eligible verifier`,
  ReceivableNotTransferable: (a) => `fragment ${tid(a.tokenId)} is pending confirmation and cannot move`,
  ...RECEIVABLE_PLAIN,
  ...MARKET_PLAIN,
  ...BOND_PLAIN,
  ...PRODUCT_PLAIN,
  ...LIBRARY_PLAIN,
};

/** Decodes revert data against every error of the suite; undefined when unknown or empty. */
export function decodeErrorData(data: string, nameOf?: NameOf): DecodedError | undefined {
  if (!HEX.test(data) || data.length < 10) return undefined;
  const iface = suiteErrorInterface();
  let parsed;
  try {
    parsed = iface.parseError(data);
  } catch {
    return undefined;
  }
  if (parsed === null) return undefined;
  const values = [...parsed.args];
  const args: Record<string, unknown> = {};
  // ethers substitutes its built-in (unnamed) fragments for Error(string) and Panic(uint256).
  const builtinNames: Record<string, string[]> = { Error: ["message"], Panic: ["code"] };
  parsed.fragment.inputs.forEach((p, i) => (args[p.name || builtinNames[parsed.name]?.[i] || `arg${i}`] = values[i]));
  const s = (v: unknown) => show(v, nameOf);
  const template = PLAIN[parsed.name];
  const message =
    template !== undefined
      ? template(args, s)
      : `${parsed.name}(${Object.entries(args)
          .map(([k, v]) => `${k}=${s(v)}`)
          .join(", ")})`;
  return {
    name: parsed.name,
    signature: parsed.signature,
    selector: parsed.selector,
    args,
    values,
    message,
  };
}

/** Decodes whatever custom error an ethers/provider error carries. */
export function decodeError(e: unknown, nameOf?: NameOf): DecodedError | undefined {
  const data = revertDataOf(e);
  return data === undefined ? undefined : decodeErrorData(data, nameOf);
}

/**
 * A plain-words explanation of any failure: the decoded custom error when there is one
 * ("SettlementIneligible: 0xabc… is not eligible to hold or move cash: Suspended"), otherwise the
 * error's own short message.
 */
export function explainError(e: unknown, nameOf?: NameOf): string {
  const d = decodeError(e, nameOf);
  if (d !== undefined) return `${d.name}: ${d.message}`;
  const o = e as { shortMessage?: string; message?: string } | undefined;
  return o?.shortMessage ?? o?.message ?? String(e);
}
