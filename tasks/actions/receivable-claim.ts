import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { formatTokenId, type FragmentView, type RootView } from "../../src/areas/receivables.js";
import { actingSigner, amountOf, knownFragment, knownRoot, printReceivable } from "../lib/receivables.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  fragment: string;
  root: string;
}

/** Claims one fragment (`--fragment`), or every fragment the caller holds on `--root`. */
export default async function claim(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    if ((args.fragment === "") === (args.root === "")) {
      throw new InputError("give exactly one of --fragment (one fragment) or --root (every fragment you hold on it)");
    }
    const rt = await openRuntime(args, hre);
    const { signer, address: from } = await actingSigner(rt);
    let root: RootView;
    let mine: FragmentView[];
    if (args.fragment !== "") {
      const k = await knownFragment(rt, args.fragment);
      root = k.root;
      if (k.fragment.holder.toLowerCase() !== from.toLowerCase()) {
        throw new InputError(
          `--from: ${rt.label(from)} does not hold fragment ${formatTokenId(k.fragment.tokenId)} (held by ${rt.label(k.fragment.holder)})`,
        );
      }
      mine = [k.fragment];
    } else {
      root = await knownRoot(rt, args.root);
      mine = (await rt.suite.receivables.fragments(root.rootId)).filter(
        (f) => f.holder.toLowerCase() === from.toLowerCase(),
      );
      if (mine.length === 0) throw new InputError(`--from: ${rt.label(from)} holds no fragment of ${root.rootHex}`);
    }
    const frozen = mine.find((f) => f.frozen && f.claimable > 0n);
    if (frozen !== undefined)
      throw new InputError(`fragment ${formatTokenId(frozen.tokenId)} is frozen by the regulator`);
    const due = mine.filter((f) => f.claimable > 0n);
    if (due.length === 0) {
      throw new InputError(
        `nothing to claim: ${mine.map((f) => formatTokenId(f.tokenId)).join(", ")} owed 0.00 (paid so far ${amountOf(root, root.paid)})`,
      );
    }
    const c = rt.as(signer).receivables.contract;
    const hashes: string[] = [];
    for (const f of due) {
      const tx = await rt.send(`claim ${amountOf(root, f.claimable)} on ${formatTokenId(f.tokenId)}`, (o) => ({
        staticCall: () => c.claim.staticCall(f.tokenId, o),
        estimateGas: () => c.claim.estimateGas(f.tokenId, o),
        send: () => c.claim(f.tokenId, o),
      }));
      if (tx !== undefined) hashes.push(tx.hash);
    }
    if (hashes.length > 0) {
      rt.log(`  cash balance of ${rt.label(from)}: ${rt.suite.cash.format(await rt.suite.cash.balanceOf(from))}`);
      await printReceivable(rt, root.rootId);
    }
    return hashes;
  });
}
