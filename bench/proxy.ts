import { getAddress, getCreateAddress, keccak256, toUtf8Bytes, zeroPadValue } from "ethers";

import type { Connection } from "./harness.js";

/**
 * Proxied mode of the benchmark (`npm run bench -- --proxied core|all`): measures what the suite
 * would cost if its contracts sat behind ERC-1967 proxies, without rewriting a contract.
 *
 * Every suite contract X of the chosen set keeps its address and its storage; its runtime code C
 * (immutables included) moves to a fresh address I, X gets the runtime code of OpenZeppelin's
 * ERC1967Proxy and I is written into X's ERC-1967 implementation slot. Every later call runs C
 * through a delegatecall on X's state: a UUPS proxy's per-call cost (UUPS adds nothing per call in
 * the implementation). Instances that already are ERC-1167 clones (products, tranche tokens) get the
 * proxy in place of the clone, pointing at the clone's implementation (an ERC-1967 proxy per
 * instance instead of a clone), not a proxy in front of the clone.
 *
 * Contracts are found as they are created: after every transaction, the transaction's created
 * contract (receipt) and every known contract's CREATE nonces are walked; each new contract is
 * recognised by its code (artifact with immutables and libraries masked) and, when in the set,
 * proxied before the next transaction, estimate or call reaches the chain. The scenario files
 * hand `measure` a transaction already on its way, so the hook sits in the connection's provider.
 */

export type ProxiedSet = "core" | "all";

export const IMPLEMENTATION_SLOT = "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc";

/** The four contracts of the upgrade question (the market's extension stays a delegatecall target). */
const CORE = ["ParticipantRegistry", "SettlementToken", "ReceivableToken", "FactoringMarket"];
/** Deployed with `new`/Ignition, each instance proxied in `all`. */
const ALL_DIRECT = [...CORE, "Bond", "BondFactory", "ProductFactory"];
/** Deployed as ERC-1167 clones; in `all` each clone becomes an ERC-1967 proxy to the same implementation. */
const ALL_CLONED = ["RevenueProduct", "TrancheToken"];
/** Recognised to be reported as never proxied (the ratio budgets compare against them). */
const BASELINES = ["BaselineERC20", "BaselineERC721"];

export const PROXY_ARTIFACT = "BenchERC1967Proxy";

interface Template {
  name: string;
  code: Buffer;
  mask: Array<[number, number]>;
}

interface ArtifactLike {
  deployedBytecode: string;
  immutableReferences?: Record<string, Array<{ start: number; length: number }>>;
  deployedLinkReferences?: Record<string, Record<string, Array<{ start: number; length: number }>>>;
}

export type ReadArtifact = (name: string) => Promise<ArtifactLike>;

async function templates(readArtifact: ReadArtifact): Promise<Template[]> {
  const out: Template[] = [];
  for (const name of [...ALL_DIRECT, ...ALL_CLONED, ...BASELINES]) {
    const a = await readArtifact(name);
    const mask: Array<[number, number]> = [];
    for (const refs of Object.values(a.immutableReferences ?? {})) for (const r of refs) mask.push([r.start, r.length]);
    for (const lib of Object.values(a.deployedLinkReferences ?? {}))
      for (const refs of Object.values(lib)) for (const r of refs) mask.push([r.start, r.length]);
    // Unlinked library references are `__$<34 hex>$__` placeholders (masked above).
    const hex = a.deployedBytecode.slice(2).replace(/__\$[0-9a-fA-F]{34}\$__/g, "0".repeat(40));
    if (!/^([0-9a-fA-F]{2})*$/.test(hex)) throw new Error(`${name}: unexpected deployedBytecode`);
    out.push({ name, code: Buffer.from(hex, "hex"), mask });
  }
  return out;
}

function masked(code: Buffer, mask: Array<[number, number]>): Buffer {
  const c = Buffer.from(code);
  for (const [start, length] of mask) c.fill(0, start, start + length);
  return c;
}

function classify(code: Buffer, ts: Template[]): string | undefined {
  for (const t of ts)
    if (t.code.length === code.length && masked(code, t.mask).equals(masked(t.code, t.mask))) return t.name;
  return undefined;
}

/** The implementation of an ERC-1167 minimal proxy, or undefined. */
function cloneTarget(code: Buffer): string | undefined {
  const hex = code.toString("hex");
  const m = /^363d3d373d3d3d363d73([0-9a-f]{40})5af43d82803e903d91602b57fd5bf3$/.exec(hex);
  return m === null ? undefined : getAddress("0x" + m[1]);
}

export interface Etched {
  address: string;
  name: string;
  /** Where the proxy delegates: a fresh copy of the contract's code, or a clone's implementation. */
  implementation: string;
  cloned: boolean;
}

type Request = (args: { method: string; params?: unknown[] }) => Promise<unknown>;

/**
 * Installs the proxying hook on `conn` for the contracts of `set`. Returns the contracts proxied so
 * far (filled as the scenario runs) and `proxyHops(txHash)`, which counts a transaction's calls
 * through a proxy (from its trace), to explain the deltas.
 */
export async function installProxies(conn: Connection, set: ProxiedSet, readArtifact: ReadArtifact) {
  const proxyCode = (await readArtifact(PROXY_ARTIFACT)).deployedBytecode;
  const ts = await templates(readArtifact);
  const direct = new Set(set === "core" ? CORE : ALL_DIRECT);
  const cloned = new Set(set === "core" ? [] : ALL_CLONED);

  const provider = conn.provider as unknown as { request: Request };
  const raw: Request = provider.request.bind(provider);
  const call = (method: string, ...params: unknown[]) => raw({ method, params });

  /** Every contract seen, with the next CREATE nonce to look at. */
  const walked = new Map<string, number>();
  const etched = new Map<string, Etched>();
  const names = new Map<string, string>();
  const pending: string[] = [];
  let dirty = false;
  let syncing: Promise<void> | undefined;

  async function etch(x: string, name: string, code: string, target?: string) {
    if (etched.has(x)) throw new Error(`${name} at ${x}: already proxied`);
    const before = (await call("eth_getStorageAt", x, IMPLEMENTATION_SLOT, "latest")) as string;
    if (BigInt(before) !== 0n) throw new Error(`${name} at ${x}: ERC-1967 slot already in use`);
    let implementation = target;
    if (implementation === undefined) {
      implementation = getAddress("0x" + keccak256(toUtf8Bytes(`scf-bench-implementation:${x}`)).slice(26));
      if (((await call("eth_getCode", implementation, "latest")) as string) !== "0x") {
        throw new Error(`${implementation}: not a fresh address`);
      }
      await call("hardhat_setCode", implementation, code);
    }
    await call("hardhat_setCode", x, proxyCode);
    await call("hardhat_setStorageAt", x, IMPLEMENTATION_SLOT, zeroPadValue(implementation, 32));
    etched.set(x, { address: x, name, implementation, cloned: target !== undefined });
  }

  async function discover(address: string, queue: string[]) {
    const x = getAddress(address);
    if (walked.has(x)) return;
    const code = (await call("eth_getCode", x, "latest")) as string;
    if (code === "0x") return; // a failed creation
    walked.set(x, 1); // a contract's first CREATE uses nonce 1 (EIP-161)
    queue.push(x);
    const bytes = Buffer.from(code.slice(2), "hex");
    const target = cloneTarget(bytes);
    if (target !== undefined) {
      const implName =
        names.get(target) ??
        classify(Buffer.from(((await call("eth_getCode", target, "latest")) as string).slice(2), "hex"), ts);
      if (implName !== undefined) {
        names.set(x, `${implName} (clone)`);
        if (cloned.has(implName)) await etch(x, implName, code, target);
      }
      return;
    }
    const name = classify(bytes, ts);
    if (name === undefined) return;
    names.set(x, name);
    if (direct.has(name)) await etch(x, name, code);
  }

  async function sync() {
    dirty = false;
    const queue: string[] = [];
    for (const hash of pending.splice(0)) {
      const r = (await call("eth_getTransactionReceipt", hash)) as { contractAddress?: string | null } | null;
      if (r?.contractAddress) await discover(r.contractAddress, queue);
    }
    // Every known contract's new CREATE nonces; contracts found on the way are walked too.
    const todo = [...walked.keys()];
    while (todo.length > 0) {
      const c = todo.shift()!;
      const nonce = Number(BigInt((await call("eth_getTransactionCount", c, "latest")) as string));
      for (let n = walked.get(c)!; n < nonce; n++) {
        await discover(getCreateAddress({ from: c, nonce: n }), queue);
        walked.set(c, n + 1);
      }
      todo.push(...queue.splice(0));
    }
  }

  const gated = new Set(["eth_sendTransaction", "eth_sendRawTransaction", "eth_estimateGas", "eth_call"]);
  provider.request = async (args) => {
    if (gated.has(args.method)) {
      while (dirty || syncing !== undefined) {
        if (syncing === undefined) syncing = sync().finally(() => (syncing = undefined));
        await syncing;
      }
    }
    const result = await raw(args);
    if (args.method === "eth_sendTransaction" || args.method === "eth_sendRawTransaction") {
      pending.push(result as string);
      dirty = true;
    }
    return result;
  };

  /** Calls through a proxy in a transaction: total, and distinct proxies (the cold ones). */
  async function proxyHops(hash: string) {
    const tx = (await call("eth_getTransactionByHash", hash)) as { to: string | null };
    const trace = (await call("debug_traceTransaction", hash, {
      disableMemory: true,
      disableStorage: true,
    })) as { structLogs: Array<{ op: string; depth: number; stack?: string[] }> };
    const context: string[] = [];
    context[1] = tx.to === null ? "" : getAddress(tx.to);
    let total = 0;
    const distinct = new Set<string>();
    for (const s of trace.structLogs) {
      const callee = () =>
        getAddress(
          "0x" +
            BigInt(s.stack![s.stack!.length - 2])
              .toString(16)
              .padStart(40, "0"),
        );
      if (s.op === "CALL" || s.op === "STATICCALL" || s.op === "CALLCODE") context[s.depth + 1] = callee();
      else if (s.op === "CREATE" || s.op === "CREATE2") context[s.depth + 1] = "";
      else if (s.op === "DELEGATECALL") {
        const self = context[s.depth];
        context[s.depth + 1] = self;
        const e = etched.get(self);
        if (e !== undefined && callee() === e.implementation) {
          total++;
          distinct.add(self);
        }
      }
    }
    return { total, distinct: [...distinct].map((a) => etched.get(a)!.name) };
  }

  return { etched, names, proxyHops, sync };
}
