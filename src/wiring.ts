import { id } from "ethers";

import { Roles, type RoleName } from "./roles.js";

/**
 * Every restricted function of the suite and the one role allowed to call it: the single source
 * the Ignition suite module wires into the AccessManager and test/governance/Wiring.ts checks.
 * Keys are contract names; values map a role to the function signatures it may call.
 */
export const WIRING: Record<string, Partial<Record<RoleName, readonly string[]>>> = {
  ParticipantRegistry: {
    REGISTRAR: [
      "register(bytes32,uint16,uint40,bytes2,address)",
      "setKinds(bytes32,uint16)",
      "renewKyc(bytes32,uint40)",
      "setJurisdiction(bytes32,bytes2)",
      "suspend(bytes32,bytes32)",
      "reinstate(bytes32)",
      "revoke(bytes32,bytes32)",
      "addWallet(bytes32,address)",
      "removeWallet(bytes32,address)",
    ],
    REGULATOR: ["freezeWallet(address,bytes32)", "unfreezeWallet(address,bytes32)"],
    MODULE_FACTORY: ["registerModule(address)"],
    ADMIN: ["deregisterModule(address)"],
  },
  SettlementToken: {
    SETTLEMENT_BANK: ["mint(address,uint256)", "burn(uint256)", "burnFrom(address,uint256)"],
    FORCED_TRANSFER: ["forcedTransfer(address,address,uint256,bytes32)"],
    GUARDIAN: ["pause()", "unpause()"],
  },
  ReceivableToken: {
    ASSET_ADMIN: ["setCurrency(address,bool)"],
    REGULATOR: ["freeze(uint256,bytes32)", "unfreeze(uint256,bytes32)"],
    FORCED_TRANSFER: ["forcedTransfer(uint256,address,bytes32)"],
    GUARDIAN: ["pause()", "unpause()"],
  },
  BondFactory: {
    ASSET_ADMIN: ["setCurrencyApproved(address,bool)"],
    GUARDIAN: ["pauseBond(address)", "unpauseBond(address)"],
    FORCED_TRANSFER: ["forceTransferBond(address,address,address,uint256,bytes32)"],
  },
  ProductFactory: {
    GUARDIAN: ["setProductPaused(address,bool)"],
    FORCED_TRANSFER: ["forcedTransferShares(address,uint256,address,address,uint256,bytes32)"],
    FEE_ADMIN: ["setTreasury(address)"],
  },
  FactoringMarket: {
    FEE_ADMIN: ["setFee(uint16)", "setTreasury(address)"],
    GUARDIAN: ["pause()", "unpause()"],
  },
};

export interface WiringEntry {
  contract: string;
  role: RoleName;
  roleId: bigint;
  signatures: readonly string[];
  selectors: string[];
}

/** 4-byte selector of a function signature. */
export function selector(signature: string): string {
  return id(signature).slice(0, 10);
}

/** The wiring of one contract as (role, selectors) groups. */
export function wiringOf(contract: string): WiringEntry[] {
  const table = WIRING[contract];
  if (table === undefined) throw new Error(`no wiring for contract ${contract}`);
  return (Object.entries(table) as [RoleName, readonly string[]][]).map(([role, signatures]) => ({
    contract,
    role,
    roleId: Roles[role],
    signatures,
    selectors: signatures.map(selector),
  }));
}
