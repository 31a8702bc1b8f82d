import type { ContractTransactionResponse, Overrides } from "ethers";

import { AccessManager__factory, type AccessManager } from "../../types/ethers-contracts/index.js";
import { Roles, type RoleName } from "../roles.js";
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
