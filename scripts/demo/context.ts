import type { ContractTransactionResponse, Signer } from "ethers";
import type { network } from "hardhat";

import type { Suite } from "../../src/index.js";
import type { KindName } from "../../src/kinds.js";

export type Connection = Awaited<ReturnType<typeof network.create>>;

/** A named participant of the story. */
export interface Actor {
  name: string;
  /** Unified Social Credit Code or LEI (the participant id hashes it). */
  code: string;
  kinds: KindName[];
  signer: Signer;
  address: string;
}

/** What every chapter receives. */
export interface DemoContext {
  conn: Connection;
  networkName: string;
  /** The chain lets the demo move time (in-process, or a Hardhat or anvil node; never a Besu network). */
  warp: boolean;
  /** The suite read through the provider. */
  suite: Suite;
  /** The suite as one signer (nonce-managed, so a chapter can send several and wait once). */
  as(signer: Signer): Suite;
  /** Operators by role, as Ignition granted them. */
  ops: Record<
    "deployer" | "registrar" | "settlementBank" | "guardian" | "regulator" | "feeAdmin" | "assetAdmin",
    Signer
  >;
  /** The cast, by short name (core, tier1, tier2, tier3, factor, bank, rating, exchange, investorA, investorB, verifier, investorC, agent, regulator). */
  actors: Record<string, Actor>;
  /** Sends in order, then waits for every receipt (a few blocks on an interval-mined node). */
  settle(txs: Promise<ContractTransactionResponse>[]): Promise<void>;
  log(line?: string): void;
  table(rows: Record<string, string>[]): void;
}

/** A chapter of the demo: one file in scripts/demo/, run in file-name order. */
export interface Chapter {
  title: string;
  run(ctx: DemoContext): Promise<void>;
}
