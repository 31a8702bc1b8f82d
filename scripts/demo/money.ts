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
