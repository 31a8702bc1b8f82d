import type { ContractRunner, Overrides, Provider } from "ethers";

import { SettlementToken__factory } from "../../types/ethers-contracts/index.js";
import { type NameOf } from "../errors.js";
import { freeGasOverrides } from "../fees.js";
import type { SuiteAddresses } from "../deployment.js";
import { CASH_DECIMALS } from "../units.js";

/** What every area facade shares: the runner, its provider and the fee defaults. */
export interface SuiteContext {
  readonly runner: ContractRunner;
  readonly provider: Provider;
  readonly addresses: SuiteAddresses;
  /** Names addresses in error messages (e.g. an address book). */
  readonly nameOf?: NameOf;
  /** Overrides for a write: free-gas defaults merged with the caller's. */
  overrides(extra?: Overrides): Promise<Overrides>;
  /** Decimals of an ERC-20 currency (the settlement cash: 2), read once per currency and cached. */
  decimalsOf(currency?: string): Promise<number>;
}

export function makeContext(runner: ContractRunner, addresses: SuiteAddresses, nameOf?: NameOf): SuiteContext {
  const provider = runner.provider ?? (runner as unknown as Provider);
  if (typeof (provider as Provider).getBlock !== "function") {
    throw new Error("connect: the runner must be a Signer with a provider, or a Provider");
  }
  const decimals = new Map<string, Promise<number>>([[addresses.cash.toLowerCase(), Promise.resolve(CASH_DECIMALS)]]);
  return {
    runner,
    provider,
    addresses,
    nameOf,
    async overrides(extra: Overrides = {}) {
      return { ...(await freeGasOverrides(provider)), ...extra };
    },
    decimalsOf(currency: string = addresses.cash) {
      const key = currency.toLowerCase();
      let d = decimals.get(key);
      if (d === undefined) {
        d = SettlementToken__factory.connect(currency, runner)
          .decimals()
          .then((v) => Number(v));
        d.catch(() => decimals.delete(key));
        decimals.set(key, d);
      }
      return d;
    },
  };
}
