import { Wallet, type Provider, type SigningKey, type TransactionLike, type TransactionRequest } from "ethers";

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

/**
 * A `Wallet` that prices every transaction it populates with {@link freeGasOverrides} when the
 * caller set no fee: `gasPrice: 0n` on a free-gas chain, ethers' pricing elsewhere. For code that
 * sends through raw contract bindings (the SDK's facades already apply the overrides), so a key
 * holding no ether can transact on Besu.
 *
 * ```ts
 * const signer = new FreeGasWallet(process.env.KEY!, new JsonRpcProvider(url));
 * ```
 */
export class FreeGasWallet extends Wallet {
  constructor(key: string | SigningKey, provider: Provider) {
    super(key, provider);
  }

  override async populateTransaction(tx: TransactionRequest): Promise<TransactionLike<string>> {
    const priced = tx.gasPrice != null || tx.maxFeePerGas != null || tx.maxPriorityFeePerGas != null;
    if (!priced && this.provider !== null) tx = { ...tx, ...(await freeGasOverrides(this.provider)) };
    return super.populateTransaction(tx);
  }
}
