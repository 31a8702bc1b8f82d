/**
 * `scf-suite/viem`: viem 2.x on the consortium's free-gas chain (Besu `zeroBaseFee`/`min-gas-price=0`,
 * anvil `--base-fee 0 --gas-price 0`), plus the typed ABIs and constants of `scf-suite/abis`.
 *
 * Plain viem cannot send there: `eth_fillTransaction` (anvil) or `eth_maxPriorityFeePerGas` gives a
 * 1 gwei tip against a fee cap of 0 and viem refuses (`TipAboveFeeCapError`). The chain below makes
 * every transaction that names no fee a legacy one at `gasPrice: 0n` (an EIP-1559 one at 0/0 when
 * `type: "eip1559"` is asked for), as the ethers SDK does, so wallets holding no ether transact.
 *
 * ```ts
 * import { privateKeyToAccount } from "viem/accounts";
 * import { consortiumClients, SettlementTokenAbi } from "scf-suite/viem";
 * const { publicClient, walletClient } = consortiumClients({ rpcUrl, chainId: 1337, account: privateKeyToAccount(key) });
 * const hash = await walletClient.writeContract({ address, abi: SettlementTokenAbi, functionName: "transfer", args: [to, 125000n] });
 * ```
 */
import {
  BaseError,
  ContractFunctionRevertedError,
  createPublicClient,
  createWalletClient,
  decodeErrorResult,
  defineChain,
  http,
  type Account,
  type Address,
  type Chain,
  type DecodeErrorResultReturnType,
  type Hex,
  type PublicClient,
  type Transport,
  type WalletClient,
} from "viem";

import { errorsAbi } from "./generated/abis.js";

export * from "./abis.js";
// The SDK's pure helpers (no ethers): addresses of a deployment, units, discount pricing.
export {
  IGNITION_IDS,
  OPTIONAL_IGNITION_IDS,
  resolveAddresses,
  type DeploymentInput,
  type SuiteAddresses,
} from "./deployment.js";
export { formatAmount, formatDate, parseAmount, parseBps, parseDate, parseJurisdiction } from "./units.js";
export * from "./pricing.js";

export interface ConsortiumChainOptions {
  /** The chain id (1337 on the project's local chains and the example Besu network). */
  id: number;
  /** JSON-RPC URL of a node of the consortium. */
  rpcUrl: string;
  /** Display name (default "SCF consortium"). */
  name?: string;
  /** The native currency, which nobody needs to hold (default: "Ether", 18 decimals). */
  nativeCurrency?: Chain["nativeCurrency"];
}

/** A viem chain whose fee hooks give zero fees. */
export type ConsortiumChain = Chain;

type FeeFields = { type?: string; gasPrice?: bigint; maxFeePerGas?: bigint; maxPriorityFeePerGas?: bigint };

/**
 * Zero fees for a transaction request that names none: `gasPrice: 0n` (legacy unless another
 * gas-price type is set), or `maxFeePerGas` and `maxPriorityFeePerGas` 0n for an EIP-1559-style
 * `type`. A request that names any fee is returned unchanged: the caller's fees win.
 */
export function zeroFees<T extends FeeFields>(request: T): T {
  if (
    request.gasPrice !== undefined ||
    request.maxFeePerGas !== undefined ||
    request.maxPriorityFeePerGas !== undefined
  )
    return request;
  if (request.type === "eip1559" || request.type === "eip4844" || request.type === "eip7702")
    return { ...request, maxFeePerGas: 0n, maxPriorityFeePerGas: 0n };
  return { ...request, type: request.type ?? "legacy", gasPrice: 0n };
}

/** A viem chain for a free-gas consortium network (see the module's comment). */
export function consortiumChain({
  id,
  rpcUrl,
  name = "SCF consortium",
  nativeCurrency,
}: ConsortiumChainOptions): ConsortiumChain {
  return defineChain({
    id,
    name,
    nativeCurrency: nativeCurrency ?? { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
    // `estimateFeesPerGas` and the priority fee for callers that ask viem for fees themselves.
    fees: {
      baseFeeMultiplier: 1,
      maxPriorityFeePerGas: 0n,
      estimateFeesPerGas: async ({ type }) =>
        type === "legacy" ? { gasPrice: 0n } : { maxFeePerGas: 0n, maxPriorityFeePerGas: 0n },
    },
    // Before viem fills the request (`eth_fillTransaction` would set anvil's 1 gwei tip).
    prepareTransactionRequest: async (request) => zeroFees(request),
  });
}

export interface ConsortiumClientsOptions<account extends Account | Address | undefined> {
  rpcUrl: string;
  chainId: number;
  /** The signer: a local account (`privateKeyToAccount(key)`) gets zero fees; an address is a node-managed account. */
  account?: account;
  name?: string;
  /** Default `http(rpcUrl)`; e.g. `custom(eip1193Provider)` or `webSocket(url)`. */
  transport?: Transport;
  /** How often the clients poll (receipts, blocks), in ms; viem's default is 4,000. */
  pollingInterval?: number;
}

/** A public client and a wallet client on the consortium's chain. */
export function consortiumClients<account extends Account | Address | undefined = undefined>(
  opts: ConsortiumClientsOptions<account>,
): {
  chain: ConsortiumChain;
  publicClient: PublicClient<Transport, ConsortiumChain>;
  walletClient: WalletClient<Transport, ConsortiumChain, account extends Address ? Account : account>;
} {
  const chain = consortiumChain({ id: opts.chainId, rpcUrl: opts.rpcUrl, name: opts.name });
  const transport = opts.transport ?? http(opts.rpcUrl);
  const { pollingInterval } = opts;
  return {
    chain,
    publicClient: createPublicClient({ chain, transport, pollingInterval }) as PublicClient<Transport, ConsortiumChain>,
    walletClient: createWalletClient({ chain, transport, account: opts.account, pollingInterval }) as never,
  };
}

/** The raw revert data of a viem error (a failed read, simulation, estimate or write), if any. */
export function revertData(e: unknown): Hex | undefined {
  if (!(e instanceof BaseError)) return undefined;
  const reverted = e.walk((x) => x instanceof ContractFunctionRevertedError);
  if (reverted instanceof ContractFunctionRevertedError && reverted.raw !== undefined) return reverted.raw;
  const withData = e.walk((x) => typeof (x as { data?: unknown }).data === "string");
  const data = (withData as { data?: unknown } | null)?.data;
  return typeof data === "string" && /^0x[0-9a-fA-F]{8,}$/.test(data) ? (data as Hex) : undefined;
}

/** A revert decoded against `errorsAbi`: any error of the suite, whichever contract raised it. */
export type SuiteError = DecodeErrorResultReturnType<typeof errorsAbi>;

/**
 * Decodes a viem error's revert against every error of the suite, so an error raised in a called
 * contract (`ERC20InsufficientAllowance` from the cash token inside `repay`, `buy`, `subscribe`) is
 * named even though the called function's ABI does not declare it; undefined when there is none.
 */
export function decodeSuiteError(e: unknown): SuiteError | undefined {
  const data = revertData(e);
  if (data === undefined) return undefined;
  try {
    return decodeErrorResult({ abi: errorsAbi, data });
  } catch {
    return undefined;
  }
}
