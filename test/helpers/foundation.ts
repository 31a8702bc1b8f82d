import type { network } from "hardhat";

import type { IgnitionModule } from "@nomicfoundation/ignition-core";

import FoundationModule from "../../ignition/modules/Foundation.js";
import { kindsOf, type KindName } from "../../src/kinds.js";
import type { AccessManager, ParticipantRegistry, SettlementToken } from "../../types/ethers-contracts/index.js";

export type Connection = Awaited<ReturnType<typeof network.create>>;
/** Any Ignition module that includes Foundation and returns its manager, registry and cash. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SuiteModule = typeof FoundationModule | IgnitionModule<string, string, any>;
export const YEAR = 365n * 24n * 3600n;
export const DAY = 24n * 3600n;
export const CN = "0x434e"; // "CN" as bytes2

/** Deployment options of {deployFoundationOn}. */
export interface FoundationOptions {
  /** Seconds a new grant of a sensitive role waits (the module's `grantDelay`); 0 by default. */
  grantDelay?: bigint;
  /** Seconds between scheduling and executing a forced transfer (the module's `forcedTransferDelay`); 0 by default. */
  forcedTransferDelay?: bigint;
  /** The fee admin's execution delay (the module's `feeAdminDelay`); 0 by default. */
  feeAdminDelay?: bigint;
  /** A module that includes Foundation (for example Receivables); Foundation itself by default. */
  module?: SuiteModule;
  /** Parameters of the other modules, by module id. */
  parameters?: Record<string, Record<string, unknown>>;
}

/**
 * Deploys the Foundation module through Ignition on `conn` with signers 1..6 as operators:
 * registrar, settlementBank, guardian, regulator, feeAdmin, assetAdmin. Shared by the tests'
 * fixtures and the benchmark. An area's module that uses the Foundation module (and returns its
 * manager, registry and cash) can be passed as `module`; its other futures are in `deployed`.
 */
export async function deployFoundationOn(conn: Connection, options: FoundationOptions = {}) {
  const { ethers } = conn;
  const signers = await ethers.getSigners();
  const [deployer, registrar, settlementBank, guardian, regulator, feeAdmin, assetAdmin] = signers;
  const deployed = await conn.ignition.deploy(options.module ?? FoundationModule, {
    parameters: {
      // The consortium's multisig (used by the Suite only): signers 1..3, 2 of 3.
      Consortium: { owners: [registrar.address, settlementBank.address, guardian.address], threshold: 2n },
      ...options.parameters,
      Foundation: {
        registrar: registrar.address,
        settlementBank: settlementBank.address,
        guardian: guardian.address,
        regulator: regulator.address,
        feeAdmin: feeAdmin.address,
        assetAdmin: assetAdmin.address,
        grantDelay: options.grantDelay ?? 0n,
        forcedTransferDelay: options.forcedTransferDelay ?? 0n,
        feeAdminDelay: options.feeAdminDelay ?? 0n,
      },
    },
  });
  const at = async <T>(name: string, c: { getAddress(): Promise<string> }) =>
    (await ethers.getContractAt(name, await c.getAddress())) as unknown as T;
  const d = deployed as unknown as Record<"manager" | "registry" | "cash", { getAddress(): Promise<string> }>;
  const manager = await at<AccessManager>("AccessManager", d.manager);
  const registry = await at<ParticipantRegistry>("ParticipantRegistry", d.registry);
  const cash = await at<SettlementToken>("SettlementToken", d.cash);
  const ops = { deployer, registrar, settlementBank, guardian, regulator, feeAdmin, assetAdmin };
  const latest = async () => BigInt((await ethers.provider.getBlock("latest"))!.timestamp);

  /** Registers `wallet` as a participant of the given kinds with KYC valid for a year. */
  async function register(code: string, wallet: string | { address: string }, ...kinds: KindName[]) {
    const id = ethers.id(code);
    const addr = typeof wallet === "string" ? wallet : wallet.address;
    await (await registry.connect(registrar).register(id, kindsOf(...kinds), (await latest()) + YEAR, CN, addr)).wait();
    return id;
  }

  /** Mints settlement cash (base units) to an eligible wallet. */
  async function fund(wallet: string | { address: string }, amount: bigint) {
    const addr = typeof wallet === "string" ? wallet : wallet.address;
    await (await cash.connect(settlementBank).mint(addr, amount)).wait();
  }

  return { conn, deployed, manager, registry, cash, ops, signers, register, fund, latest };
}

export type Foundation = Awaited<ReturnType<typeof deployFoundationOn>>;
