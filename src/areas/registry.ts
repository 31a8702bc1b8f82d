import { id as keccakText, type ContractTransactionResponse, type Overrides } from "ethers";

import { ParticipantRegistry__factory, type ParticipantRegistry } from "../../types/ethers-contracts/index.js";
import { Ineligibility, Kinds, Status, kindNames, type KindName } from "../kinds.js";
import { formatDate, formatJurisdiction, parseDate, parseJurisdiction, parseReason, UnitError } from "../units.js";
import type { SuiteContext } from "./context.js";

/** A participant in human terms. */
export interface ParticipantView {
  id: string;
  index: number;
  kinds: KindName[];
  kindBits: number;
  status: (typeof Status)[number];
  /** Unix seconds. */
  kycExpiry: bigint;
  /** ISO date of {@link kycExpiry}. */
  kycExpiryIso: string;
  jurisdiction: string;
  wallets: string[];
}

/** Input of {@link RegistryFacade.register}. */
export interface RegisterInput {
  /** The Unified Social Credit Code or LEI (hashed into the id), or the id itself (0x + 64 hex). */
  code: string;
  kinds: KindName[] | number;
  /** ISO date or unix seconds. */
  kycExpiry: string | bigint;
  /** ISO 3166-1 alpha-2, e.g. "CN". */
  jurisdiction: string;
  wallet: string;
}

const BYTES32 = /^0x[0-9a-fA-F]{64}$/;

/** A participant id from a credit code / LEI, or an id given as 0x + 64 hex. */
export function participantId(codeOrId: string): string {
  const t = codeOrId.trim();
  if (t.length === 0) throw new UnitError("participant", codeOrId, "must not be empty");
  return BYTES32.test(t) ? t.toLowerCase() : keccakText(t);
}

/** Kind names or bits -> the registry's bit set; unknown names rejected. */
export function kindBitsOf(kinds: readonly string[] | number, field = "kinds"): number {
  if (typeof kinds === "number") return kinds;
  if (kinds.length === 0) throw new UnitError(field, kinds.join(","), "needs at least one kind");
  let bits = 0;
  for (const k of kinds) {
    const name = k.trim().toUpperCase().replaceAll("-", "_") as KindName;
    if (!(name in Kinds)) {
      throw new UnitError(field, k, `is not a kind; use one of ${Object.keys(Kinds).join(", ")}`);
    }
    bits |= Kinds[name];
  }
  return bits;
}

/** The membership area: who is who. */
export class RegistryFacade {
  readonly contract: ParticipantRegistry;

  constructor(private readonly ctx: SuiteContext) {
    this.contract = ParticipantRegistry__factory.connect(ctx.addresses.registry, ctx.runner);
  }

  /** A participant by credit code / LEI or id; undefined when not registered. */
  async participant(codeOrId: string): Promise<ParticipantView | undefined> {
    const id = participantId(codeOrId);
    const p = await this.contract.participant(id);
    if (Number(p.status) === 0) return undefined;
    return {
      id,
      index: Number(p.index),
      kinds: kindNames(p.kinds),
      kindBits: Number(p.kinds),
      status: Status[Number(p.status)],
      kycExpiry: p.kycExpiry,
      kycExpiryIso: formatDate(p.kycExpiry),
      jurisdiction: formatJurisdiction(p.jurisdiction),
      wallets: [...p.wallets],
    };
  }

  /** Every participant ever registered, in registration order. */
  async list(): Promise<ParticipantView[]> {
    const n = Number(await this.contract.participantCount());
    const ids = await Promise.all(Array.from({ length: n }, (_, i) => this.contract.participantAt(i + 1)));
    const views = await Promise.all(ids.map((id) => this.participant(id)));
    return views.filter((v): v is ParticipantView => v !== undefined);
  }

  /** Why a wallet may not transact ("None" when it may). */
  async eligibility(wallet: string): Promise<(typeof Ineligibility)[number]> {
    return Ineligibility[Number(await this.contract.eligibility(wallet))];
  }

  /** Registers a participant with its first wallet (registrar only). */
  async register(input: RegisterInput, overrides?: Overrides): Promise<ContractTransactionResponse> {
    const kyc = typeof input.kycExpiry === "bigint" ? input.kycExpiry : parseDate(input.kycExpiry, "kycExpiry");
    return this.contract.register(
      participantId(input.code),
      kindBitsOf(input.kinds),
      kyc,
      parseJurisdiction(input.jurisdiction),
      input.wallet,
      await this.ctx.overrides(overrides),
    );
  }

  /** Binds another wallet (registrar only). */
  async addWallet(codeOrId: string, wallet: string, overrides?: Overrides): Promise<ContractTransactionResponse> {
    return this.contract.addWallet(participantId(codeOrId), wallet, await this.ctx.overrides(overrides));
  }

  /** Suspends an active participant; `reason` is a short text (<= 31 bytes). */
  async suspend(codeOrId: string, reason: string, overrides?: Overrides): Promise<ContractTransactionResponse> {
    return this.contract.suspend(participantId(codeOrId), parseReason(reason), await this.ctx.overrides(overrides));
  }

  /** Returns a suspended participant to active. */
  async reinstate(codeOrId: string, overrides?: Overrides): Promise<ContractTransactionResponse> {
    return this.contract.reinstate(participantId(codeOrId), await this.ctx.overrides(overrides));
  }
}
