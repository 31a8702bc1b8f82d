import {
  Contract,
  getAddress,
  Interface,
  ZeroAddress,
  zeroPadValue,
  type ContractTransactionResponse,
  type Overrides,
} from "ethers";

import {
  AccessManager__factory,
  BondFactory__factory,
  Bond__factory,
  FactoringMarket__factory,
  ParticipantRegistry__factory,
  ProductFactory__factory,
  ReceivableToken__factory,
  RevenueProduct__factory,
  SettlementToken__factory,
  type AccessManager,
} from "../../types/ethers-contracts/index.js";
import type { ContractKey } from "../deployment.js";
import { Roles, type RoleName } from "../roles.js";
import { SAFE_ARTIFACTS } from "../safe.js";
import type { SuiteContext } from "./context.js";

/** A role membership as the AccessManager reports it. */
export interface RoleMembership {
  role: RoleName;
  roleId: bigint;
  isMember: boolean;
  /** Seconds the member's calls wait (0 = immediate). */
  executionDelay: bigint;
}

/** Parses a role name ("registrar", "SETTLEMENT_BANK", "settlement-bank") into its name. */
export function roleOf(input: string): RoleName {
  const name = input.trim().toUpperCase().replaceAll("-", "_") as RoleName;
  if (!(name in Roles)) throw new Error(`role: "${input}" is not a role; use one of ${Object.keys(Roles).join(", ")}`);
  return name;
}

/** Governance: the suite's AccessManager. */
export class GovernanceFacade {
  readonly contract: AccessManager;

  constructor(private readonly ctx: SuiteContext) {
    this.contract = AccessManager__factory.connect(ctx.addresses.manager, ctx.runner);
  }

  /** Whether `account` holds `role` now, and its execution delay. */
  async membership(role: RoleName, account: string): Promise<RoleMembership> {
    const [isMember, executionDelay] = await this.contract.hasRole(Roles[role], account);
    return { role, roleId: Roles[role], isMember, executionDelay };
  }

  /** Every role `account` holds. */
  async rolesOf(account: string): Promise<RoleMembership[]> {
    const all = await Promise.all((Object.keys(Roles) as RoleName[]).map((r) => this.membership(r, account)));
    return all.filter((m) => m.isMember);
  }

  /** The operations scheduled in the AccessManager and still pending, with their ETA. */
  async scheduled(): Promise<ScheduledOperation[]> {
    return scheduledOperations(this.contract, this.ctx.addresses);
  }

  /** Grants a role (role admin only; ADMIN for every operator role). */
  async grant(
    role: RoleName,
    account: string,
    executionDelay = 0n,
    overrides?: Overrides,
  ): Promise<ContractTransactionResponse> {
    return this.contract.grantRole(Roles[role], account, executionDelay, await this.ctx.overrides(overrides));
  }
}

/** One write, as the tasks run it: simulate, estimate, then send (nothing is sent on a failure). */
export interface WritePlan {
  staticCall: () => Promise<unknown>;
  estimateGas: () => Promise<bigint>;
  send: () => Promise<ContractTransactionResponse>;
}

/** An operation scheduled in the AccessManager and not yet executed, cancelled or expired. */
export interface ScheduledOperation {
  /** `hashOperation(caller, target, data)`. */
  id: string;
  nonce: bigint;
  /** Earliest execution time (unix seconds): the ETA. */
  when: bigint;
  caller: string;
  target: string;
  data: string;
  /** `Contract.function(args)` when the target is a suite contract, else the selector. */
  description: string;
}

const CALL_INTERFACES: Record<string, Interface> = {
  manager: AccessManager__factory.createInterface() as unknown as Interface,
  registry: ParticipantRegistry__factory.createInterface() as unknown as Interface,
  cash: SettlementToken__factory.createInterface() as unknown as Interface,
  receivables: ReceivableToken__factory.createInterface() as unknown as Interface,
  market: FactoringMarket__factory.createInterface() as unknown as Interface,
  bondFactory: BondFactory__factory.createInterface() as unknown as Interface,
  productFactory: ProductFactory__factory.createInterface() as unknown as Interface,
};
const CONTRACT_NAMES: Record<string, string> = {
  manager: "AccessManager",
  registry: "ParticipantRegistry",
  cash: "SettlementToken",
  receivables: "ReceivableToken",
  market: "FactoringMarket",
  bondFactory: "BondFactory",
  productFactory: "ProductFactory",
};
const MODULE_INTERFACES = [
  Bond__factory.createInterface() as unknown as Interface,
  RevenueProduct__factory.createInterface() as unknown as Interface,
];

/**
 * `AccessManager.grantRole(3, 0xabc…, 0)`: a call to a suite contract in words, for the pending
 * list, proposals and runbooks. A call to a bond or product names the function only.
 */
export function describeCall(addresses: Partial<Record<ContractKey, string>>, target: string, data: string): string {
  const key = (Object.keys(CONTRACT_NAMES) as ContractKey[]).find(
    (k) => addresses[k]?.toLowerCase() === target.toLowerCase(),
  );
  const candidates = key !== undefined ? [CALL_INTERFACES[key]] : MODULE_INTERFACES;
  for (const i of candidates) {
    const parsed = i.parseTransaction({ data });
    if (parsed === null) continue;
    const args = parsed.args.map((a) => (Array.isArray(a) ? `[${a.join(", ")}]` : String(a))).join(", ");
    return `${key !== undefined ? CONTRACT_NAMES[key] : target}.${parsed.name}(${args})`;
  }
  return `${target}.${data.slice(0, 10)}`;
}

/** The AccessManager's scheduled operations still pending (ETA in `when`), oldest first. */
export async function scheduledOperations(
  manager: AccessManager,
  addresses: Partial<Record<ContractKey, string>>,
): Promise<ScheduledOperation[]> {
  const events = await manager.queryFilter(manager.filters.OperationScheduled());
  const out: ScheduledOperation[] = [];
  for (const e of events) {
    const { operationId, nonce, schedule, caller, target, data } = e.args;
    // Executed or cancelled operations have no schedule; expired ones read 0; a re-scheduled one
    // has a later nonce (its own event).
    if ((await manager.getSchedule(operationId)) !== schedule || (await manager.getNonce(operationId)) !== nonce)
      continue;
    out.push({
      id: operationId,
      nonce,
      when: schedule,
      caller,
      target,
      data,
      description: describeCall(addresses, target, data),
    });
  }
  return out;
}

/** A Safe transaction of the consortium's multisig (a plain call, no refund, no gas token). */
export interface SafeTransaction {
  to: string;
  value: bigint;
  data: string;
  operation: 0;
  safeTxGas: bigint;
  baseGas: bigint;
  gasPrice: bigint;
  gasToken: string;
  refundReceiver: string;
  nonce: bigint;
}

/** A proposed Safe transaction and its hash (what owners approve). */
export interface Proposal {
  tx: SafeTransaction;
  hash: string;
}

/** How the consortium performs one admin act: the call its Safe makes, and the wait. */
export interface AdminStep {
  /** What the Safe calls: the act itself, or `AccessManager.schedule(target, data, 0)`. */
  to: string;
  data: string;
  /** True when the act is scheduled now and executed after `delay` (a second proposal). */
  scheduled: boolean;
  /** The consortium's execution delay for this act (seconds). */
  delay: bigint;
}

/**
 * The consortium's M-of-N multisig (a Safe): ADMIN of the AccessManager after the Suite's hand-over.
 * Owners approve a proposal on chain (`approveHash`), so no signature files travel between banks;
 * any owner executes it once `threshold` have approved (the executor counts as one).
 */
export class ConsortiumFacade {
  readonly address: string;
  readonly contract: Contract;

  constructor(private readonly ctx: SuiteContext) {
    if (ctx.addresses.consortium === undefined) {
      throw new Error("consortium: this deployment has no multisig (Consortium#Safe); it is a Foundation-only one");
    }
    this.address = ctx.addresses.consortium;
    this.contract = new Contract(this.address, SAFE_ARTIFACTS.SafeL2.abi as never, ctx.runner);
  }

  private get manager(): AccessManager {
    return AccessManager__factory.connect(this.ctx.addresses.manager, this.ctx.runner);
  }

  /** The owners' addresses, as the Safe lists them. */
  async owners(): Promise<string[]> {
    return ((await this.contract.getOwners()) as string[]).map((a) => getAddress(a));
  }

  /** Approvals a transaction needs. */
  async threshold(): Promise<bigint> {
    return (await this.contract.getThreshold()) as bigint;
  }

  /** The nonce of the next transaction the Safe will execute. */
  async nonce(): Promise<bigint> {
    return (await this.contract.nonce()) as bigint;
  }

  /** A proposal for a call from the Safe (`nonce` defaults to the Safe's next). */
  async proposal(to: string, data: string, nonce?: bigint): Promise<Proposal> {
    const tx: SafeTransaction = {
      to: getAddress(to),
      value: 0n,
      data,
      operation: 0,
      safeTxGas: 0n,
      baseGas: 0n,
      gasPrice: 0n,
      gasToken: ZeroAddress,
      refundReceiver: ZeroAddress,
      nonce: nonce ?? (await this.nonce()),
    };
    const hash = (await this.contract.getTransactionHash(
      tx.to,
      tx.value,
      tx.data,
      tx.operation,
      tx.safeTxGas,
      tx.baseGas,
      tx.gasPrice,
      tx.gasToken,
      tx.refundReceiver,
      tx.nonce,
    )) as string;
    return { tx, hash };
  }

  /**
   * How the consortium performs `data` on `target` as ADMIN: at once when its execution delay is 0,
   * else scheduled in the AccessManager now and executed (see {executeStep}) after the delay.
   * Throws when the consortium may not make the call at all.
   */
  async adminStep(target: string, data: string): Promise<AdminStep> {
    const manager = this.manager;
    const managerAddress = this.ctx.addresses.manager;
    let delay: bigint;
    if (target.toLowerCase() === managerAddress.toLowerCase()) {
      // The manager's own functions are restricted to ADMIN (the role's admin for grants); the
      // target admin delay of a re-wired target equals the admin delay (Suite parameter).
      const [isAdmin, executionDelay] = await manager.hasRole(Roles.ADMIN, this.address);
      if (!isAdmin) throw new Error(`consortium: the multisig ${this.address} does not hold ADMIN`);
      delay = executionDelay;
    } else {
      const [immediate, d] = await manager.canCall(this.address, target, data.slice(0, 10));
      if (!immediate && d === 0n) {
        throw new Error(`consortium: the multisig may not call ${describeCall(this.ctx.addresses, target, data)}`);
      }
      delay = d;
    }
    if (delay === 0n) return { to: target, data, scheduled: false, delay };
    return {
      to: managerAddress,
      data: manager.interface.encodeFunctionData("schedule", [target, data, 0]),
      scheduled: true,
      delay,
    };
  }

  /** The Safe's call that executes a scheduled admin act once its ETA has passed. */
  executeStep(target: string, data: string): { to: string; data: string } {
    return {
      to: this.ctx.addresses.manager,
      data: this.manager.interface.encodeFunctionData("execute", [target, data]),
    };
  }

  /** The Safe's call that cancels an operation it scheduled (or any, as ADMIN). */
  cancelStep(op: Pick<ScheduledOperation, "caller" | "target" | "data">): { to: string; data: string } {
    return {
      to: this.ctx.addresses.manager,
      data: this.manager.interface.encodeFunctionData("cancel", [op.caller, op.target, op.data]),
    };
  }

  /** Owners who approved `hash` on chain. */
  async approvals(hash: string): Promise<string[]> {
    const owners = await this.owners();
    const approved = await Promise.all(
      owners.map(async (o) => ((await this.contract.approvedHashes(o, hash)) as bigint) !== 0n),
    );
    return owners.filter((_, i) => approved[i]);
  }

  /** The approval of `hash` by the runner (an owner), as a write plan. */
  async approvePlan(hash: string, overrides?: Overrides): Promise<WritePlan> {
    const o = await this.ctx.overrides(overrides);
    return {
      staticCall: () => this.contract.approveHash.staticCall(hash, o),
      estimateGas: () => this.contract.approveHash.estimateGas(hash, o),
      send: () => this.contract.approveHash(hash, o) as Promise<ContractTransactionResponse>,
    };
  }

  /**
   * The pre-validated signatures of `threshold` approvers (`executor` counts when an owner):
   * owners ascending, each `r = owner, s = 0, v = 1`. Throws naming the count when short.
   */
  async signatures(p: Proposal, executor: string): Promise<string> {
    const [owners, threshold, approved] = await Promise.all([this.owners(), this.threshold(), this.approvals(p.hash)]);
    const set = new Set(approved.map((a) => a.toLowerCase()));
    if (owners.some((o) => o.toLowerCase() === executor.toLowerCase())) set.add(executor.toLowerCase());
    if (BigInt(set.size) < threshold) {
      throw new Error(
        `consortium: proposal ${p.tx.nonce} has ${set.size} of the ${threshold} approvals it needs (owners: ${owners.join(", ")})`,
      );
    }
    const signers = [...set].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)).slice(0, Number(threshold));
    return "0x" + signers.map((a) => zeroPadValue(a, 32).slice(2) + "0".repeat(64) + "01").join("");
  }

  /** The execution of an approved proposal by the runner, as a write plan. */
  async executePlan(p: Proposal, executor: string, overrides?: Overrides): Promise<WritePlan> {
    const current = await this.nonce();
    if (p.tx.nonce !== current) {
      throw new Error(
        p.tx.nonce < current
          ? `consortium: proposal ${p.tx.nonce} is already executed or replaced (the Safe is at nonce ${current})`
          : `consortium: proposal ${p.tx.nonce} waits for proposal ${current} to execute first`,
      );
    }
    const sigs = await this.signatures(p, executor);
    const o = await this.ctx.overrides(overrides);
    const t = p.tx;
    const args = [
      t.to,
      t.value,
      t.data,
      t.operation,
      t.safeTxGas,
      t.baseGas,
      t.gasPrice,
      t.gasToken,
      t.refundReceiver,
      sigs,
    ] as const;
    return {
      staticCall: () => this.contract.execTransaction.staticCall(...args, o),
      estimateGas: () => this.contract.execTransaction.estimateGas(...args, o),
      send: () => this.contract.execTransaction(...args, o) as Promise<ContractTransactionResponse>,
    };
  }
}
