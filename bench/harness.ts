import { network } from "hardhat";
import type { ContractTransactionResponse } from "ethers";

export type Connection = Awaited<ReturnType<typeof network.create>>;

export interface Result {
  gas: number;
  note: string;
}

/** What a scenario file gets: the chain and a way to record one transaction's gas. */
export interface BenchContext {
  conn: Connection;
  /** Sends nothing itself: awaits `tx`, records receipt.gasUsed under `id`, returns the gas. */
  measure(id: string, note: string, tx: Promise<ContractTransactionResponse>): Promise<number>;
  /** Records a derived figure (for example a per-fragment cost computed from two measurements). */
  record(id: string, note: string, gas: number): void;
}

export type Scenario = (ctx: BenchContext) => Promise<void>;

/** Absolute budget (`max`) or a ratio to a weighted sum of other scenarios of the same run. */
export interface Budget {
  max?: number;
  ratio?: number;
  of?: Record<string, number>;
  why?: string;
}

export function checkBudgets(
  results: Record<string, Result>,
  budgets: Record<string, Budget>,
): { lines: string[]; failures: string[] } {
  const lines: string[] = [];
  const failures: string[] = [];
  for (const [id, b] of Object.entries(budgets)) {
    const r = results[id];
    if (r === undefined) {
      failures.push(`${id}: has a budget but was not measured`);
      continue;
    }
    if (b.max !== undefined) {
      const ok = r.gas <= b.max;
      lines.push(`${ok ? "ok  " : "FAIL"} ${id}: ${r.gas} <= ${b.max}`);
      if (!ok) failures.push(`${id}: ${r.gas} > ${b.max}`);
    }
    if (b.ratio !== undefined && b.of !== undefined) {
      let base = 0;
      const parts: string[] = [];
      for (const [ref, weight] of Object.entries(b.of)) {
        const rr = results[ref];
        if (rr === undefined) {
          failures.push(`${id}: reference ${ref} was not measured`);
          continue;
        }
        base += weight * rr.gas;
        parts.push(`${weight === 1 ? "" : `${weight} x `}${ref}`);
      }
      const limit = b.ratio * base;
      const ok = r.gas <= limit;
      const line = `${id}: ${r.gas} <= ${b.ratio} x (${parts.join(" + ")} = ${base}) = ${Math.floor(limit)} (ratio ${(r.gas / base).toFixed(3)})`;
      lines.push(`${ok ? "ok  " : "FAIL"} ${line}`);
      if (!ok) failures.push(line);
    }
  }
  return { lines, failures };
}
