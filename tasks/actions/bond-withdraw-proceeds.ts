import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { parsePositiveAmount } from "../../src/units.js";
import { actingSigner, knownBond, money, plan, requireIssuer } from "../lib/bonds.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  bond: string;
  amount: string;
}

/** IBond.withdrawProceeds: the issuer collects the cash of the delivered allocations. */
export default async function withdrawProceeds(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const b = await knownBond(rt, args.bond);
    const { signer, address: from } = await actingSigner(rt);
    requireIssuer(rt, b, from, "withdraw proceeds");
    const [, raised, withdrawn] = await b.handle.contract.proceeds();
    const available = raised - withdrawn;
    const amount = args.amount === "" ? available : parsePositiveAmount(args.amount, b.terms.decimals, "--amount");
    if (available === 0n)
      throw new InputError(
        `--bond: ${b.label} has no proceeds to withdraw (raised ${money(b, raised)}, withdrawn ${money(b, withdrawn)})`,
      );
    if (amount > available) {
      throw new InputError(`--amount: ${money(b, amount)} is more than the ${money(b, available)} available`);
    }
    const c = rt.as(signer).bonds.bond(b.address).contract;
    const tx = await rt.send(
      `withdraw ${money(b, amount)} of proceeds from ${b.label}`,
      plan(c.withdrawProceeds, amount),
    );
    if (tx !== undefined) {
      const [, r, w] = await c.proceeds();
      rt.log(`  proceeds raised ${money(b, r)}, withdrawn ${money(b, w)}`);
      rt.log(`  cash balance of ${rt.label(from)}: ${rt.suite.cash.format(await rt.suite.cash.balanceOf(from))}`);
    }
    return tx?.hash;
  });
}
