import type { Signer } from "ethers";

import BondsModule from "../../ignition/modules/Bonds.js";
import { Convention } from "../../src/daycount.js";
import { Frequency } from "../../src/coupons.js";
import { kindsOf, type KindName } from "../../src/kinds.js";
import type { BondTermsArgs } from "../../src/areas/bonds.js";
import type { Bond, BondFactory } from "../../types/ethers-contracts/index.js";
import { CN, deployFoundationOn, type Connection, DAY, YEAR } from "./foundation.js";

/** IBond.Terms with concrete types: the SDK's {@link BondTermsArgs}. */
export type BondTerms = BondTermsArgs;
export const SME_LENDING = "0x" + Buffer.from("SME_LENDING").toString("hex").padEnd(64, "0");
export const TERM_SHEET_HASH = "0x" + "ab".repeat(32);
export const TERM_SHEET_URI = "ipfs://bafy-term-sheet";

/**
 * The Foundation plus the Bonds module (Ignition), the settlement token approved as a bond
 * currency, and a bank issuer and a lead underwriter registered. Shared by the bond tests and the
 * benchmark.
 */
export async function deployBondsOn(conn: Connection) {
  // The Bonds module deploys the Foundation module inside it (m.useModule).
  const f = await deployFoundationOn(conn, { module: BondsModule });
  const { ethers } = conn;
  const { assetAdmin } = f.ops;
  const deployed = f.deployed as unknown as { bondFactory: { getAddress(): Promise<string> } };
  const factory = (await ethers.getContractAt(
    "BondFactory",
    await deployed.bondFactory.getAddress(),
  )) as unknown as BondFactory;
  await (await factory.connect(assetAdmin).setCurrencyApproved(await f.cash.getAddress(), true)).wait();
  const [issuer, lead] = f.signers.slice(12, 14);
  /** Registers a participant whose KYC stays valid for the life of a long bond (10 years). */
  async function registerLong(code: string, wallet: { address: string }, ...kinds: KindName[]) {
    const id = ethers.id(code);
    const expiry = (await f.latest()) + 10n * YEAR;
    await (
      await f.registry.connect(f.ops.registrar).register(id, kindsOf(...kinds), expiry, CN, wallet.address)
    ).wait();
    return id;
  }
  const issuerId = await registerLong("BANK-OF-CHINA-0001", issuer, "BANK");
  const leadId = await registerLong("LEAD-UNDERWRITER-01", lead, "BANK");

  /** Terms of a 3-year semi-annual ACT/ACT ICMA bond whose book opens now for 14 days. */
  async function terms(overrides: Partial<BondTerms> = {}): Promise<BondTerms> {
    const now = await f.latest();
    const bookOpen = now + 60n;
    const bookClose = bookOpen + 14n * DAY;
    const issueDate = bookClose + 2n * DAY;
    return {
      issuer: issuer.address,
      leadUnderwriter: lead.address,
      currency: await f.cash.getAddress(),
      denomination: 100_00n,
      size: 2_000_000n,
      issueDate,
      maturity: issueDate + 3n * YEAR,
      frequency: Frequency.SemiAnnual,
      dayCount: Convention.ActActIcma,
      bookOpen,
      bookClose,
      yieldMinBp: 280,
      yieldMaxBp: 360,
      tickBp: 5,
      minTicket: 1_000n,
      maxTicket: 2_000_000n,
      investorKinds: kindsOf("INVESTOR", "BANK"),
      gracePeriod: 10n * DAY,
      firstCallDate: 0n,
      callNotice: 0n,
      callPriceBp: 0,
      useOfProceeds: SME_LENDING,
      termSheetHash: TERM_SHEET_HASH,
      ...overrides,
    };
  }

  /** Creates a bond as the issuer and returns it (symbols are unique per factory: BOCSME0, BOCSME1, ...). */
  async function createBond(t: BondTerms, from: Signer = issuer): Promise<Bond> {
    const symbol = `BOCSME${await factory.bondCount()}`;
    const address = await factory.connect(from).createBond.staticCall(t, TERM_SHEET_URI, "BOC SME Bond", symbol);
    await (await factory.connect(from).createBond(t, TERM_SHEET_URI, "BOC SME Bond", symbol)).wait();
    return (await ethers.getContractAt("Bond", address)) as unknown as Bond;
  }

  /**
   * `n` fresh eligible investor wallets (one participant each), with gas, `cash` of settlement
   * token and an allowance for `spender`.
   */
  async function investors(n: number, cash: bigint, spender?: string) {
    const out = [];
    for (let i = 0; i < n; i++) {
      const w = ethers.Wallet.createRandom().connect(ethers.provider);
      await conn.networkHelpers.setBalance(w.address, 10n ** 20n);
      await registerLong(`INVESTOR-${w.address}`, w, "INVESTOR");
      if (cash > 0n) await f.fund(w, cash);
      if (spender !== undefined) await (await f.cash.connect(w).approve(spender, cash)).wait();
      out.push(w);
    }
    return out;
  }

  return { ...f, factory, issuer, lead, issuerId, leadId, terms, createBond, investors, registerLong };
}

export type BondsFixture = Awaited<ReturnType<typeof deployBondsOn>>;

/**
 * The distribution rule of issue 14, written out for the tests (the SDK's src/coupons.ts is checked
 * against it and against BondMath): per-unit figures in base units x SCALE; a funding takes
 * ceil((per unit x units - carry) / SCALE), leaving carry + paid x SCALE - owed; a payment of a
 * scaled entitlement pays floor(e / SCALE) and carries e mod SCALE.
 */
export const SCALE = 1_080_993_298_039_200_000n;

/** ceil((owed - carry) / SCALE), or 0 when the carry covers it, and the carry left. */
export function fundingOf(owed: bigint, carry: bigint): { amount: bigint; carry: bigint } {
  const amount = owed > carry ? (owed - carry + SCALE - 1n) / SCALE : 0n;
  return { amount, carry: carry + amount * SCALE - owed };
}

/** What fundCoupon / fundRedemption takes now for a per-unit figure `perUnitScaled`. */
export async function dueNow(bond: Bond, perUnitScaled: bigint): Promise<bigint> {
  const [[, carry], units] = await Promise.all([bond.distributed(), bond.unitsOutstanding()]);
  return fundingOf(perUnitScaled * units, carry).amount;
}
