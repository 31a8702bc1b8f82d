/** Participant kinds as bits. Mirror of `contracts/libraries/Kinds.sol`. */
export const Kinds = {
  CORE_ENTERPRISE: 1 << 0,
  SME: 1 << 1,
  FACTOR: 1 << 2,
  BANK: 1 << 3,
  INVESTOR: 1 << 4,
  RATING_AGENCY: 1 << 5,
  VERIFIER: 1 << 6,
  EXCHANGE: 1 << 7,
  REGULATOR: 1 << 8,
  REGISTRATION_AGENT: 1 << 9,
} as const;

export type KindName = keyof typeof Kinds;

/** Bit marking a registered suite contract (never a participant's kind). */
export const MODULE_KIND = 1 << 15;

/** Combines kind names into the registry's bit set. */
export function kindsOf(...names: KindName[]): number {
  return names.reduce((acc, n) => acc | Kinds[n], 0);
}

/** Splits a bit set into kind names. */
export function kindNames(bits: number | bigint): KindName[] {
  const b = Number(bits);
  return (Object.keys(Kinds) as KindName[]).filter((k) => (b & Kinds[k]) !== 0);
}

/** Registry statuses (IParticipantRegistry.Status). */
export const Status = ["None", "Active", "Suspended", "Revoked"] as const;
/** Reasons a wallet is not eligible (IParticipantRegistry.Ineligibility). */
export const Ineligibility = ["None", "NotRegistered", "Suspended", "Revoked", "KycExpired", "Frozen"] as const;
