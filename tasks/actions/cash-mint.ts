import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { CASH_DECIMALS, parsePositiveAmount } from "../../src/units.js";
import { requireOption } from "../lib/print.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  to: string;
  amount: string;
}

export default async function mint(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    requireOption(args.to, "--to");
    requireOption(args.amount, "--amount");
    const amount = parsePositiveAmount(args.amount, CASH_DECIMALS, "--amount");
    const rt = await openRuntime(args, hre);
    const to = rt.address(args.to, "--to");
    const why = await rt.suite.registry.eligibility(to);
    if (why !== "None") throw new InputError(`--to: ${rt.label(to)} is not eligible to hold cash (${why})`);
    const cash = rt.as(await rt.signerFor("SETTLEMENT_BANK")).cash;
    const c = cash.contract;
    const tx = await rt.send(`mint ${cash.format(amount)} to ${rt.label(to)}`, (o) => ({
      staticCall: () => c.mint.staticCall(to, amount, o),
      estimateGas: () => c.mint.estimateGas(to, amount, o),
      send: () => c.mint(to, amount, o),
    }));
    if (tx !== undefined) {
      rt.log(`  balance of ${rt.label(to)}: ${cash.format(await cash.balanceOf(to))}`);
      rt.log(`  total supply: ${cash.format(await cash.totalSupply())}`);
    }
    return tx?.hash;
  });
}
