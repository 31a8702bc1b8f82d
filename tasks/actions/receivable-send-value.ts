import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { formatTokenId } from "../../src/areas/receivables.js";
import { parsePositiveAmount } from "../../src/units.js";
import {
  actingSigner,
  amountOf,
  knownFragment,
  printReceivable,
  requireEligible,
  requireMovable,
} from "../lib/receivables.js";
import { requireOption } from "../lib/print.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  fragment: string;
  to: string;
  amount: string;
}

export default async function sendValue(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    requireOption(args.to, "--to");
    requireOption(args.amount, "--amount");
    const rt = await openRuntime(args, hre);
    const { root, fragment } = await knownFragment(rt, args.fragment);
    const amount = parsePositiveAmount(args.amount, root.decimals, "--amount");
    const to = rt.address(args.to, "--to");
    const { signer, address: from } = await actingSigner(rt);
    requireMovable(rt, root, fragment, from);
    await requireEligible(rt, to, "--to");
    const [, , , minValue, maxTier] = await rt.suite.receivables.contract.params();
    if (amount < minValue) {
      throw new InputError(
        `--amount: ${amountOf(root, amount)} is below the minimum fragment of ${amountOf(root, minValue)}`,
      );
    }
    if (amount >= fragment.value || fragment.value - amount < minValue) {
      throw new InputError(
        `--amount: ${amountOf(root, amount)} must leave at least ${amountOf(root, minValue)} of fragment ${formatTokenId(fragment.tokenId)} (worth ${amountOf(root, fragment.value)}); send the whole fragment with an ERC-721 transfer instead`,
      );
    }
    if (BigInt(fragment.tier + 1) > maxTier) {
      throw new InputError(
        `--fragment: tier ${fragment.tier} is the deepest a partial transfer may reach (max ${maxTier})`,
      );
    }
    const c = rt.as(signer).receivables.contract;
    const tx = await rt.send(
      `send ${amountOf(root, amount)} of ${formatTokenId(fragment.tokenId)} to ${rt.label(to)}`,
      (o) => ({
        staticCall: () => c.sendValue.staticCall(fragment.tokenId, to, amount, o),
        estimateGas: () => c.sendValue.estimateGas(fragment.tokenId, to, amount, o),
        send: () => c.sendValue(fragment.tokenId, to, amount, o),
      }),
    );
    if (tx !== undefined) await printReceivable(rt, root.rootId);
    return tx?.hash;
  });
}
