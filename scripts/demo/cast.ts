import type { KindName } from "../../src/kinds.js";

/**
 * The demo's cast (short name, display name, Unified Social Credit Code, kinds), in the order of
 * the accounts they use: Hardhat's default accounts #7.. on a dev chain, or the example keys
 * `keccak256("scf-suite besu example demo <short name>")` on a network that configures fewer
 * accounts (the example Besu network of besu/, whose accounts allowlist lists them).
 */
export const CAST: readonly [string, string, string, KindName[]][] = [
  ["core", "Shanghai Auto Group (core enterprise)", "91310000DEMOCORE01", ["CORE_ENTERPRISE"]],
  ["tier1", "Jiangsu Gearbox Co. (tier-1 supplier)", "91320000DEMOTIER1A", ["SME"]],
  ["tier2", "Ningbo Castings Ltd. (tier-2 supplier)", "91330200DEMOTIER2B", ["SME"]],
  ["tier3", "Wenzhou Fasteners (tier-3 supplier)", "91330300DEMOTIER3C", ["SME"]],
  ["factor", "Pudong Factoring Co. (factor)", "91310000DEMOFACTOR", ["FACTOR"]],
  ["bank", "Bank of the Bund (bank)", "91310000DEMOBANK01", ["BANK", "FACTOR"]],
  ["rating", "Lujiazui Ratings (rating agency)", "91310000DEMORATING", ["RATING_AGENCY"]],
  ["exchange", "SH Asset Exchange (exchange)", "91310000DEMOEXCHNG", ["EXCHANGE"]],
  ["investorA", "Harbour Pension Fund (investor)", "91310000DEMOINVSTA", ["INVESTOR"]],
  ["investorB", "Li Wei Family Office (investor)", "91310000DEMOINVSTB", ["INVESTOR"]],
  ["verifier", "Yangshan Customs Verification (verifier)", "91310000DEMOVERIFY", ["VERIFIER"]],
  ["investorC", "Pearl River Life Insurance (investor)", "91440000DEMOINVSTC", ["INVESTOR"]],
  ["agent", "Shanghai Clearing House (registration agent)", "91310000DEMOREGAGT", ["REGISTRATION_AGENT"]],
];
