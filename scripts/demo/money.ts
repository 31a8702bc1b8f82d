import type { ContractTransactionResponse, Signer } from "ethers";

import type { DemoContext } from "./context.js";

/** Cash balances of named wallets (label -> address), to print who paid what between two snapshots. */
export class Ledger {
  private last: Record<string, bigint> = {};

  constructor(
    private readonly ctx: DemoContext,
    private readonly wallets: Record<string, string>,
  ) {}

  private async read(): Promise<Record<string, bigint>> {
    const out: Record<string, bigint> = {};
    for (const [k, a] of Object.entries(this.wallets)) out[k] = await this.ctx.suite.cash.balanceOf(a);
    return out;
  }

  /** Takes the reference snapshot. */
  async start(): Promise<this> {
    this.last = await this.read();
    return this;
  }

  /** Logs `what` and the cash each wallet paid (-) or received (+) since the last snapshot. */
  async step(what: string): Promise<void> {
    const now = await this.read();
    const fmt = (v: bigint) => (v > 0n ? "+" : "-") + this.ctx.suite.cash.format(v < 0n ? -v : v);
    const moves = Object.keys(now)
      .filter((k) => now[k] !== this.last[k])
      .map((k) => `${k} ${fmt(now[k] - this.last[k])}`);
    this.ctx.log(`${what}${moves.length > 0 ? `  [${moves.join(", ")}]` : ""}`);
    this.last = now;
  }

  /** Prints the balances now. */
  async table(): Promise<void> {
    const now = await this.read();
    this.ctx.table(Object.entries(now).map(([k, v]) => ({ wallet: k, cash: this.ctx.suite.cash.format(v) })));
  }
}

/** True where the demo may move time: the in-process chain, or a Hardhat or anvil node (see demo.ts). */
export const canWarp = (ctx: DemoContext) => ctx.warp;

/** Latest block time. */
export async function now(ctx: DemoContext): Promise<bigint> {
  return BigInt((await ctx.conn.ethers.provider.getBlock("latest"))!.timestamp);
}

/**
 * An operator's restricted act that may carry an execution delay (the fee admin's and the asset
 * admin's in `besu.json`): sent at once without one; else scheduled in the AccessManager (shown
 * with its ETA), the clock moved to the ETA where the chain allows, and executed. Returns false when
 * the ETA is still ahead (a later run executes it).
 */
export async function operatorAct(
  ctx: DemoContext,
  signer: Signer,
  target: string,
  data: string,
  what: string,
  direct: () => Promise<ContractTransactionResponse>,
): Promise<boolean> {
  const manager = ctx.suite.manager.contract;
  const caller = await signer.getAddress();
  const [immediate, delay] = await manager.canCall(caller, target, data.slice(0, 10));
  if (immediate) {
    await ctx.settle([direct()]);
    return true;
  }
  const m = manager.connect(signer);
  const id = await manager.hashOperation(caller, target, data);
  if ((await manager.getSchedule(id)) === 0n) await ctx.settle([m.schedule(target, data, 0)]);
  const when = await manager.getSchedule(id);
  ctx.log(
    `${what}: scheduled (execution delay ${delay} s), executable from ${new Date(Number(when) * 1000).toISOString()}`,
  );
  if ((await now(ctx)) < when && canWarp(ctx)) await ctx.conn.networkHelpers.time.increaseTo(when);
  if ((await now(ctx)) < when) return false;
  await ctx.settle([m.execute(target, data)]);
  return true;
}
