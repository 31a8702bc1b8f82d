import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { CASH_DECIMALS, parsePositiveAmount } from "../../src/units.js";
import { requireOption } from "../lib/print.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  amount: string;
}

export default async function burn(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    requireOption(args.amount, "--amount");
    const amount = parsePositiveAmount(args.amount, CASH_DECIMALS, "--amount");
    const rt = await openRuntime(args, hre);
    const signer = await rt.signerFor("SETTLEMENT_BANK");
    const bank = await signer.getAddress();
    const cash = rt.as(signer).cash;
    const balance = await cash.balanceOf(bank);
    if (balance < amount) {
      throw new InputError(
        `--amount: ${rt.label(bank)} holds ${cash.format(balance)}, less than ${cash.format(amount)}`,
      );
    }
    const c = cash.contract;
    const tx = await rt.send(`burn ${cash.format(amount)} from ${rt.label(bank)}`, (o) => ({
      staticCall: () => c.burn.staticCall(amount, o),
      estimateGas: () => c.burn.estimateGas(amount, o),
      send: () => c.burn(amount, o),
    }));
    if (tx !== undefined) {
      rt.log(`  balance of ${rt.label(bank)}: ${cash.format(await cash.balanceOf(bank))}`);
      rt.log(`  total supply: ${cash.format(await cash.totalSupply())}`);
    }
    return tx?.hash;
  });
}
