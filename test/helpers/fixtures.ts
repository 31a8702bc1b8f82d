import { network } from "hardhat";

import { Ineligibility, Status } from "../../src/kinds.js";

import { DAY, deployFoundationOn } from "./foundation.js";

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
