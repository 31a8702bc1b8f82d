import { network } from "hardhat";

import { Ineligibility, Status } from "../../src/kinds.js";

import { DAY, deployFoundationOn } from "./foundation.js";
import { deployReceivablesOn } from "./receivables.js";

export { CN, DAY, YEAR, type Foundation } from "./foundation.js";

/** One connection to the simulated chain shared by every mocha test file (snapshots via loadFixture). */
export const connection = await network.create();
export const { ethers, networkHelpers } = connection;
export type Signer = Awaited<ReturnType<typeof ethers.getSigners>>[number];

/** Participant id as the registry stores it: keccak256 of the credit code / LEI. */
export function pid(code: string): string {
  return ethers.id(code);
}

export async function now(): Promise<bigint> {
  return BigInt(await networkHelpers.time.latest());
}

/** The Foundation module deployed through Ignition (see test/helpers/foundation.ts). */
export async function deployFoundation() {
  return deployFoundationOn(connection);
}

/** Grant delay of {foundationWithGrantDelay}: 2 days. */
export const GRANT_DELAY = 2n * DAY;

/** The Foundation module deployed with a {GRANT_DELAY} on the sensitive roles. */
export async function foundationWithGrantDelay() {
  return deployFoundationOn(connection, { grantDelay: GRANT_DELAY });
}

/** The numeric value of an `IParticipantRegistry.Ineligibility` member, as returned by the ABI. */
export function reason(name: (typeof Ineligibility)[number]): bigint {
  return BigInt(Ineligibility.indexOf(name));
}

/** The numeric value of an `IParticipantRegistry.Status` member, as returned by the ABI. */
export function status(name: (typeof Status)[number]): bigint {
  return BigInt(Status.indexOf(name));
}

/** A deterministic address that is no signer of the test chain (`n` > 0). */
export function addr(n: number): string {
  return ethers.getAddress("0x" + (0xa11ce000 + n).toString(16).padStart(40, "0"));
}

/**
 * Foundation plus members: alice (SME), bob (core enterprise + SME), carol (bank + factor) and the
 * settlement bank registered as a bank; alice and bob hold 1,000,000.00 each. `outsider` is not
 * registered.
 */
export async function foundationWithMembers() {
  const f = await deployFoundation();
  const [alice, bob, carol, outsider] = f.signers.slice(7, 11);
  const aliceId = await f.register("91310000ALICE0001X", alice, "SME");
  const bobId = await f.register("91310000BOB00001X", bob, "SME", "CORE_ENTERPRISE");
  const carolId = await f.register("91310000CAROL001X", carol, "BANK", "FACTOR");
  const bankId = await f.register("SETTLEMENT-BANK", f.ops.settlementBank, "BANK");
  await f.fund(alice, 1_000_000_00n);
  await f.fund(bob, 1_000_000_00n);
  return { ...f, alice, bob, carol, outsider, aliceId, bobId, carolId, bankId };
}

/** 100,000.00 in fen. */
const HUNDRED_THOUSAND = 100_000_00n;

/**
 * Foundation plus the ReceivableToken (Ignition, {RECEIVABLE_PARAMS}) and a supply chain: `core`
 * (core enterprise, the debtor, 10,000,000.00), SME suppliers `tier1`, `tier2`, `tier3` (100,000.00
 * each), `verifier` (verifier), `payer` (a bank paying on the debtor's behalf, 1,000,000.00) and an
 * unregistered `outsider`. The core enterprise and the payer have approved the ReceivableToken for
 * their whole cash.
 */
export async function receivablesWithSuppliers() {
  const f = await deployReceivablesOn(connection);
  const [core, tier1, tier2, tier3, verifier, payer, outsider] = f.signers.slice(7, 14);
  const coreId = await f.register("91310000CORE0001X", core, "CORE_ENTERPRISE");
  const tier1Id = await f.register("91310000TIER1001X", tier1, "SME");
  const tier2Id = await f.register("91310000TIER2001X", tier2, "SME");
  const tier3Id = await f.register("91310000TIER3001X", tier3, "SME");
  const verifierId = await f.register("91310000VERIFY01X", verifier, "VERIFIER");
  const payerId = await f.register("91310000PAYBANK1X", payer, "BANK");
  await f.fund(core, 100n * HUNDRED_THOUSAND);
  for (const s of [tier1, tier2, tier3, verifier]) await f.fund(s, HUNDRED_THOUSAND);
  await f.fund(payer, 10n * HUNDRED_THOUSAND);
  const receivablesAddress = await f.receivables.getAddress();
  await f.cash.connect(core).approve(receivablesAddress, ethers.MaxUint256);
  await f.cash.connect(payer).approve(receivablesAddress, ethers.MaxUint256);
  return {
    ...f,
    core,
    tier1,
    tier2,
    tier3,
    verifier,
    payer,
    outsider,
    coreId,
    tier1Id,
    tier2Id,
    tier3Id,
    verifierId,
    payerId,
    receivablesAddress,
  };
}
