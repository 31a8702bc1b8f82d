import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { SettlementToken__factory } from "../../types/ethers-contracts/index.js";
import { parsePositiveAmount } from "../../src/units.js";
import { actingSigner, amountOf, knownRoot, printReceivable } from "../lib/receivables.js";
import { requireOption } from "../lib/print.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  root: string;
  amount: string;
}

export default async function repay(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    requireOption(args.amount, "--amount");
    const rt = await openRuntime(args, hre);
    const root = await knownRoot(rt, args.root);
    const amount = parsePositiveAmount(args.amount, root.decimals, "--amount");
    const { signer, address: from } = await actingSigner(rt);
    if (root.status !== "Confirmed" && root.status !== "Defaulted") {
      throw new InputError(
        `--root: receivable ${root.rootHex} is ${root.state}; only confirmed or defaulted ones are repaid`,
      );
    }
    if (amount > root.outstanding) {
      throw new InputError(
        `--amount: ${amountOf(root, amount)} is more than the ${amountOf(root, root.outstanding)} outstanding`,
      );
    }
    const token = SettlementToken__factory.connect(root.currency, signer);
    const balance = await token.balanceOf(from);
    if (balance < amount) {
      throw new InputError(
        `--from: ${rt.label(from)} holds ${amountOf(root, balance)}, less than ${amountOf(root, amount)}`,
      );
    }
    const spender = rt.suite.addresses.receivables;
    const c = rt.as(signer).receivables.contract;
    if ((await token.allowance(from, spender)) < amount) {
      await rt.send(`approve the receivables contract for ${amountOf(root, amount)}`, (o) => ({
        staticCall: () => token.approve.staticCall(spender, amount, o),
        estimateGas: () => token.approve.estimateGas(spender, amount, o),
        send: () => token.approve(spender, amount, o),
      }));
      if (args.dryRun) {
        rt.log(`dry run: then repay ${amountOf(root, amount)} on ${root.rootHex}; no transaction sent`);
        return undefined;
      }
    }
    const tx = await rt.send(`repay ${amountOf(root, amount)} on receivable ${root.rootHex}`, (o) => ({
      staticCall: () => c.repay.staticCall(root.rootId, amount, o),
      estimateGas: () => c.repay.estimateGas(root.rootId, amount, o),
      send: () => c.repay(root.rootId, amount, o),
    }));
    if (tx !== undefined) await printReceivable(rt, root.rootId);
    return tx?.hash;
  });
}
