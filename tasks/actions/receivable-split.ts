import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { formatTokenId } from "../../src/areas/receivables.js";
import { parsePositiveAmount } from "../../src/units.js";
import { actingSigner, amountOf, knownFragment, printReceivable, requireMovable } from "../lib/receivables.js";
import { requireOption } from "../lib/print.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  fragment: string;
  parts: string;
}

export default async function split(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    requireOption(args.parts, "--parts");
    const rt = await openRuntime(args, hre);
    const { root, fragment } = await knownFragment(rt, args.fragment);
    const texts = args.parts.split(/[\s;]+/).filter((x) => x !== "");
    const parts = texts.map((t, i) => parsePositiveAmount(t, root.decimals, `--parts[${i}]`));
    const { signer, address: from } = await actingSigner(rt);
    requireMovable(rt, root, fragment, from);
    if (parts.length < 2) throw new InputError("--parts: give at least two amounts, separated by spaces or semicolons");
    const sum = parts.reduce((a, b) => a + b, 0n);
    if (sum !== fragment.value) {
      throw new InputError(
        `--parts: add up to ${amountOf(root, sum)} but fragment ${formatTokenId(fragment.tokenId)} is worth ${amountOf(root, fragment.value)}`,
      );
    }
    const [, , , minValue] = await rt.suite.receivables.contract.params();
    const small = parts.find((p) => p < minValue);
    if (small !== undefined) {
      throw new InputError(
        `--parts: ${amountOf(root, small)} is below the minimum fragment of ${amountOf(root, minValue)}`,
      );
    }
    const c = rt.as(signer).receivables.contract;
    const tx = await rt.send(
      `split ${formatTokenId(fragment.tokenId)} into ${parts.map((p) => amountOf(root, p)).join(" + ")}`,
      (o) => ({
        staticCall: () => c.split.staticCall(fragment.tokenId, parts, o),
        estimateGas: () => c.split.estimateGas(fragment.tokenId, parts, o),
        send: () => c.split(fragment.tokenId, parts, o),
      }),
    );
    if (tx !== undefined) await printReceivable(rt, root.rootId);
    return tx?.hash;
  });
}
