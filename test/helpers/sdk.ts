import { network } from "hardhat";

import SuiteModule from "../../ignition/modules/Suite.js";
import { loadParameters } from "../../scripts/lib/parameters.js";
import { IGNITION_IDS, type ContractKey, type SuiteAddresses } from "../../src/deployment.js";

/**
 * The SDK tests' chain: in process with Besu's fee settings (base fee 0, gasPrice 0, accounts
 * without ether) but automine, so fresh wallets that never held ether can send.
 */
export const freeGas = await network.create({ network: "besuSim", override: { mining: { auto: true, interval: 0 } } });

/** Sends, then waits for the receipt. */
export async function wait(p: Promise<{ wait(): Promise<unknown> }>): Promise<void> {
  await (await p).wait();
}

/**
 * Deploys the Suite through Ignition with the test parameters (operators are Hardhat's accounts
 * #1..#6: #1 registrar, #2 settlement bank) and returns its addresses by SDK key and the signers.
 */
export async function deploySuiteForSdk(conn = freeGas) {
  const deployed = (await conn.ignition.deploy(SuiteModule, {
    parameters: loadParameters("hardhat"),
  })) as unknown as Record<ContractKey, { getAddress(): Promise<string> }>;
  const addresses = {} as SuiteAddresses;
  for (const key of Object.keys(IGNITION_IDS) as ContractKey[]) addresses[key] = await deployed[key].getAddress();
  addresses.consortium = await (
    deployed as unknown as Record<string, { getAddress(): Promise<string> }>
  ).consortium.getAddress();
  return { addresses, signers: await conn.ethers.getSigners() };
}
