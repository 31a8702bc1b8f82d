import type { ContractRunner, Overrides, Provider } from "ethers";

import { type NameOf } from "../errors.js";
import { freeGasOverrides } from "../fees.js";
import type { SuiteAddresses } from "../deployment.js";

/** What every area facade shares: the runner, its provider and the fee defaults. */
export interface SuiteContext {
  readonly runner: ContractRunner;
  readonly provider: Provider;
  readonly addresses: SuiteAddresses;
  /** Names addresses in error messages (e.g. an address book). */
  readonly nameOf?: NameOf;
  /** Overrides for a write: free-gas defaults merged with the caller's. */
  overrides(extra?: Overrides): Promise<Overrides>;
}

export function makeContext(runner: ContractRunner, addresses: SuiteAddresses, nameOf?: NameOf): SuiteContext {
  const provider = runner.provider ?? (runner as unknown as Provider);
  if (typeof (provider as Provider).getBlock !== "function") {
    throw new Error("connect: the runner must be a Signer with a provider, or a Provider");
  }
  return {
    runner,
    provider,
    addresses,
    nameOf,
    async overrides(extra: Overrides = {}) {
      return { ...(await freeGasOverrides(provider)), ...extra };
    },
  };
}
