import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import hre from "hardhat";

import SuiteModule from "../../ignition/modules/Suite.js";
import { loadParameters } from "../../scripts/lib/parameters.js";
import { IGNITION_IDS, OPTIONAL_IGNITION_IDS } from "../../src/deployment.js";

/** The connection the tasks use (`hre.network.getOrCreate()` caches it by network name). */
export const conn = await hre.network.getOrCreate();
export const { ethers, networkHelpers } = conn;

/** A scratch directory standing in for ignition/deployments and the address book. */
export const scratch = mkdtempSync(path.join(tmpdir(), "scf-tasks-"));
process.env.SCF_DEPLOYMENTS_DIR = scratch;
export const DEPLOYMENT_ID = "tasks-test";
export const BOOK = path.join(scratch, "addressbook.json");

/**
 * Deploys the Suite with Hardhat's accounts #1..#6 as operators (#1..#3 the consortium's owners, 2 of
 * 3), writes its addresses and a book. `overrides` sets the admin and forced-transfer delays.
 */
export async function deployedSuite(
  overrides: { adminDelay?: bigint; forcedTransferDelay?: bigint; assetAdminDelay?: bigint } = {},
) {
  const signers = await ethers.getSigners();
  const parameters = loadParameters("hardhat") as Record<string, Record<string, unknown>>;
  if (overrides.adminDelay !== undefined) parameters.Suite = { ...parameters.Suite, adminDelay: overrides.adminDelay };
  if (overrides.forcedTransferDelay !== undefined)
    parameters.Foundation = { ...parameters.Foundation, forcedTransferDelay: overrides.forcedTransferDelay };
  if (overrides.assetAdminDelay !== undefined)
    parameters.Foundation = { ...parameters.Foundation, assetAdminDelay: overrides.assetAdminDelay };
  const deployed = await conn.ignition.deploy(SuiteModule, { parameters: parameters as never });
  const addresses: Record<string, string> = {};
  for (const [key, id] of Object.entries({ ...IGNITION_IDS, ...OPTIONAL_IGNITION_IDS })) {
    addresses[id] = await (deployed as unknown as Record<string, { getAddress(): Promise<string> }>)[key].getAddress();
  }
  mkdirSync(path.join(scratch, DEPLOYMENT_ID), { recursive: true });
  writeFileSync(path.join(scratch, DEPLOYMENT_ID, "deployed_addresses.json"), JSON.stringify(addresses));
  const [acme, tier1, spare, outsider] = signers.slice(10, 14);
  writeFileSync(
    BOOK,
    JSON.stringify({
      $comment: "test book",
      acme: { address: acme.address, code: "91310000ACME00001X", wallets: [spare.address] },
      tier1: { address: tier1.address, code: "91310000TIER10001X" },
      registrar: { address: signers[1].address },
      bank: { address: signers[2].address },
      guardian: { address: signers[3].address },
      outsider: { address: outsider.address },
    }),
  );
  return { signers, acme, tier1, spare, outsider, addresses };
}

/** Runs a suite task with the shared options; returns its result and what it printed. */
export async function run(id: string[], args: Record<string, unknown> = {}) {
  const lines: string[] = [];
  const original = console.log;
  console.log = (...a: unknown[]) => void lines.push(a.map(String).join(" "));
  try {
    const result = await hre.tasks.getTask(id).run({ deploymentId: DEPLOYMENT_ID, addressBook: BOOK, ...args });
    return { result, out: lines.join("\n") };
  } finally {
    console.log = original;
  }
}

/** Runs a task expected to fail; returns the error message. */
export async function failure(id: string[], args: Record<string, unknown> = {}): Promise<string> {
  try {
    await run(id, args);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`task ${id.join(" ")} did not fail`);
}

/**
 * Forgets the stored consortium proposals (they live in files, which a chain snapshot does not
 * revert): call after `loadFixture` in a test that proposes.
 */
export function resetProposals(): void {
  rmSync(path.join(scratch, DEPLOYMENT_ID, "governance"), { recursive: true, force: true });
}
