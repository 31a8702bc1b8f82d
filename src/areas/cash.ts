import type { ContractTransactionResponse, Overrides } from "ethers";

import { SettlementToken__factory, type SettlementToken } from "../../types/ethers-contracts/index.js";
import { CASH_DECIMALS, formatAmount, parsePositiveAmount } from "../units.js";
import type { SuiteContext } from "./context.js";

/** An amount given as a decimal string ("1234.56") or base units (bigint). */
export type CashAmount = string | bigint;

/** The cash area: the settlement token, in yuan with 2 decimals. */
export class CashFacade {
  readonly contract: SettlementToken;
  readonly decimals = CASH_DECIMALS;

  constructor(private readonly ctx: SuiteContext) {
    this.contract = SettlementToken__factory.connect(ctx.addresses.cash, ctx.runner);
  }

  /** Decimal string -> base units (exact; rejects negative, zero and sub-fen amounts). */
  parse(amount: CashAmount): bigint {
    return typeof amount === "bigint" ? amount : parsePositiveAmount(amount, CASH_DECIMALS);
  }

  /** Base units -> "1,234.56". */
  format(units: bigint): string {
    return formatAmount(units, CASH_DECIMALS, { group: true });
  }

  /** Balance in base units. */
  balanceOf(wallet: string): Promise<bigint> {
    return this.contract.balanceOf(wallet);
  }

  /** Total supply in base units. */
  totalSupply(): Promise<bigint> {
    return this.contract.totalSupply();
  }

  /** Pays `amount` to an eligible wallet. */
  async transfer(to: string, amount: CashAmount, overrides?: Overrides): Promise<ContractTransactionResponse> {
    return this.contract.transfer(to, this.parse(amount), await this.ctx.overrides(overrides));
  }

  /** Allows `spender` (e.g. a market) to move up to `amount`. */
  async approve(spender: string, amount: CashAmount, overrides?: Overrides): Promise<ContractTransactionResponse> {
    return this.contract.approve(spender, this.parse(amount), await this.ctx.overrides(overrides));
  }

  /** Mints against a deposit (settlement bank only). */
  async mint(to: string, amount: CashAmount, overrides?: Overrides): Promise<ContractTransactionResponse> {
    return this.contract.mint(to, this.parse(amount), await this.ctx.overrides(overrides));
  }

  /** Burns from the caller's own balance (settlement bank only). */
  async burn(amount: CashAmount, overrides?: Overrides): Promise<ContractTransactionResponse> {
    return this.contract.burn(this.parse(amount), await this.ctx.overrides(overrides));
  }
}
