import type { Provider } from "ethers";

/** Transaction fee overrides for one chain. */
export interface FeeOverrides {
  gasPrice?: bigint;
}

const cache = new WeakMap<Provider, Promise<FeeOverrides>>();

/**
 * Free-gas defaults. On a chain whose latest block has `baseFeePerGas == 0` (Besu with
 * `zeroBaseFee`, the besuSim Hardhat node, anvil with `--base-fee 0`), returns `{ gasPrice: 0n }`:
 * plain ethers would otherwise price a transaction at `eth_gasPrice` (1 gwei on Hardhat's node)
 * and a wallet without ether could not send it. Elsewhere returns `{}` (ethers' own pricing).
 * Cached per provider.
 */
export function freeGasOverrides(provider: Provider): Promise<FeeOverrides> {
  let p = cache.get(provider);
  if (p === undefined) {
    p = provider.getBlock("latest").then((b) => (b?.baseFeePerGas === 0n ? { gasPrice: 0n } : {}));
    cache.set(provider, p);
    p.catch(() => cache.delete(provider));
  }
  return p;
}
