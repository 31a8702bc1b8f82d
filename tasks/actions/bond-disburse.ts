import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { tagOf } from "../../src/areas/bonds.js";
import { Kinds } from "../../src/kinds.js";
import { formatBps, parsePositiveAmount } from "../../src/units.js";
import { actingSigner, knownBond, money, plan, requireIssuer } from "../lib/bonds.js";
import { requireOption } from "../lib/print.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  bond: string;
  borrower: string;
  amount: string;
  loanRef: string;
}

/** IBond.recordDisbursement: records a loan of the proceeds to an SME (no cash moves). */
export default async function disburse(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    requireOption(args.borrower, "--borrower");
    requireOption(args.amount, "--amount");
    requireOption(args.loanRef, "--loan-ref");
    const rt = await openRuntime(args, hre);
    const b = await knownBond(rt, args.bond);
    const amount = parsePositiveAmount(args.amount, b.terms.decimals, "--amount");
    const loanRef = tagOf(args.loanRef, "--loan-ref");
    const borrower = rt.address(args.borrower, "--borrower");
    const { signer, address: from } = await actingSigner(rt);
    requireIssuer(rt, b, from, "record a disbursement");
    if (!(await rt.suite.registry.contract.isEligibleKind(borrower, Kinds.SME))) {
      throw new InputError(`--borrower: ${rt.label(borrower)} is not an eligible SME participant`);
    }
    const [, raised, , disbursed] = await b.handle.contract.proceeds();
    if (disbursed + amount > raised) {
      throw new InputError(
        `--amount: ${money(b, amount)} would bring the loans recorded to ${money(b, disbursed + amount)}, more than the ${money(b, raised)} raised`,
      );
    }
    const c = rt.as(signer).bonds.bond(b.address).contract;
    const tx = await rt.send(
      `record a loan of ${money(b, amount)} from ${b.label} to ${rt.label(borrower)} (ref ${args.loanRef})`,
      plan(c.recordDisbursement, borrower, amount, loanRef),
    );
    if (tx !== undefined) {
      const [, r, , d] = await c.proceeds();
      rt.log(`  lent to SMEs ${money(b, d)} of ${money(b, r)} raised (${formatBps(await c.smeShareBp())})`);
    }
    return tx?.hash;
  });
}
