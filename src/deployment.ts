/**
 * Where each SDK key's contract sits in an Ignition deployment: `deployed_addresses.json` keys
 * are `<Module>#<Contract>`. A new area adds its contracts here.
 */
export const IGNITION_IDS = {
  manager: "Foundation#AccessManager",
  registry: "Foundation#ParticipantRegistry",
  cash: "Foundation#SettlementToken",
  receivables: "Receivables#ReceivableToken",
  bondFactory: "Bonds#BondFactory",
  productFactory: "Products#ProductFactory",
  market: "Market#FactoringMarket",
} as const;

export type ContractKey = keyof typeof IGNITION_IDS;

/**
 * Contracts a deployment may have: the consortium's multisig (the AccessManager's ADMIN after the
 * Suite's hand-over; absent from a Foundation-only deployment).
 */
export const OPTIONAL_IGNITION_IDS = { consortium: "Consortium#Safe" } as const;

/** Contract addresses of one deployment, by SDK key. */
export type SuiteAddresses = Record<ContractKey, string> & { consortium?: string };

/** Either plain addresses by SDK key, or an Ignition `deployed_addresses.json` object. */
export type DeploymentInput = SuiteAddresses | Record<string, string>;

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/**
 * Normalises a deployment to addresses by SDK key. Accepts the Suite's contracts by SDK key (`IGNITION_IDS`) or the
 * contents of `ignition/deployments/<id>/deployed_addresses.json`; throws naming what is missing.
 */
export function resolveAddresses(input: DeploymentInput): SuiteAddresses {
  const out: Partial<SuiteAddresses> = {};
  const missing: string[] = [];
  for (const [key, ignitionId] of Object.entries(IGNITION_IDS) as [ContractKey, string][]) {
    const a = (input as Record<string, string>)[key] ?? (input as Record<string, string>)[ignitionId];
    if (a === undefined) missing.push(`${key} (${ignitionId})`);
    else if (!ADDRESS.test(a)) throw new Error(`deployment: ${key} is not an address: ${a}`);
    else out[key] = a;
  }
  if (missing.length > 0) throw new Error(`deployment: no address for ${missing.join(", ")}`);
  for (const [key, ignitionId] of Object.entries(OPTIONAL_IGNITION_IDS)) {
    const a = (input as Record<string, string>)[key] ?? (input as Record<string, string>)[ignitionId];
    if (a === undefined) continue;
    if (!ADDRESS.test(a)) throw new Error(`deployment: ${key} is not an address: ${a}`);
    (out as Record<string, string>)[key] = a;
  }
  return out as SuiteAddresses;
}
