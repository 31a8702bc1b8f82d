import { expect } from "chai";
import type { BaseContract, ContractRunner } from "ethers";

import type { RoleName } from "../../src/roles.js";
import { WIRING } from "../../src/wiring.js";

/** The callers of the Foundation fixture: the six operators, the deployer (admin) and an outsider. */
export const CALLERS = [
  "deployer",
  "registrar",
  "settlementBank",
  "guardian",
  "regulator",
  "feeAdmin",
  "assetAdmin",
  "outsider",
] as const;
export type Caller = (typeof CALLERS)[number];

/**
 * Who holds each role after the Foundation module (test/helpers/foundation.ts): each operator its
 * own role, the deployer ADMIN and MODULE_FACTORY (it registers the suite's contracts as modules).
 * test/governance/Wiring.ts checks this table against `AccessManager.hasRole`.
 */
export const ROLE_HOLDERS: Record<RoleName, readonly Caller[]> = {
  ADMIN: ["deployer"],
  REGISTRAR: ["registrar"],
  SETTLEMENT_BANK: ["settlementBank"],
  GUARDIAN: ["guardian"],
  REGULATOR: ["regulator"],
  FEE_ADMIN: ["feeAdmin"],
  MODULE_FACTORY: ["deployer"],
  ASSET_ADMIN: ["assetAdmin"],
  FORCED_TRANSFER: ["regulator"],
};

type Signer = ContractRunner & { address: string };

/** How to call the restricted functions of one contract of src/wiring.ts. */
export interface RestrictedCalls<F> {
  /** The contract under test in the fixture. */
  target: (f: F) => BaseContract;
  /** The fixture's signer for each caller. */
  callers: (f: F) => Record<Caller, Signer>;
  /** Well-formed arguments for each wired signature (so only the role check can refuse the call). */
  args: Record<string, (f: F) => readonly unknown[]>;
}

/**
 * Data-driven access tests over src/wiring.ts: every restricted signature of `contract`, called by
 * every caller that does not hold its role, reverts with `AccessManagedUnauthorized(caller)`.
 */
export function describeRestrictedFunctions<F>(contract: string, load: () => Promise<F>, calls: RestrictedCalls<F>) {
  const table = WIRING[contract];
  if (table === undefined) throw new Error(`src/wiring.ts has no entry for ${contract}`);
  const entries = Object.entries(table) as [RoleName, readonly string[]][];

  describe("restricted functions", () => {
    it("has call arguments for exactly the signatures wired in src/wiring.ts", () => {
      const wired = entries.flatMap(([, signatures]) => signatures).sort();
      expect(Object.keys(calls.args).sort()).to.deep.equal(wired);
    });

    for (const [role, signatures] of entries) {
      for (const signature of signatures) {
        describe(`${signature} (${role})`, () => {
          for (const caller of CALLERS.filter((c) => !ROLE_HOLDERS[role].includes(c))) {
            it(`reverts with AccessManagedUnauthorized for the ${caller}`, async () => {
              const f = await load();
              const target = calls.target(f);
              const signer = calls.callers(f)[caller];
              const makeArgs = calls.args[signature];
              expect(makeArgs, `no arguments for ${signature}`).to.not.equal(undefined);
              const fn = target.connect(signer).getFunction(signature);
              await expect(fn(...makeArgs(f)))
                .to.be.revertedWithCustomError(target, "AccessManagedUnauthorized")
                .withArgs(signer.address);
            });
          }
        });
      }
    }
  });
}
