/**
 * Operator role ids of the suite's AccessManager. Mirror of `contracts/governance/Roles.sol`
 * (checked by test/governance/Wiring.ts).
 */
export const Roles = {
  ADMIN: 0n,
  REGISTRAR: 1n,
  SETTLEMENT_BANK: 2n,
  GUARDIAN: 3n,
  REGULATOR: 4n,
  FEE_ADMIN: 5n,
  MODULE_FACTORY: 6n,
  ASSET_ADMIN: 7n,
  /** Court-ordered forced transfers: the regulator holds it with an execution delay (scheduled, visible, then executed). */
  FORCED_TRANSFER: 8n,
} as const;

export type RoleName = keyof typeof Roles;

/** Roles whose grants take effect only after the deployment's grant delay. */
export const SENSITIVE_ROLES: readonly RoleName[] = [
  "REGISTRAR",
  "SETTLEMENT_BANK",
  "REGULATOR",
  "FEE_ADMIN",
  "ASSET_ADMIN",
  "FORCED_TRANSFER",
];

export function roleName(id: bigint): RoleName | undefined {
  return (Object.keys(Roles) as RoleName[]).find((k) => Roles[k] === id);
}
