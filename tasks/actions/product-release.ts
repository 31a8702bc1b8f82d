import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { formatTokenId } from "../../src/areas/receivables.js";
import { requireOption } from "../lib/print.js";
import { knownProduct, originatorFragment, printLosses, printProduct, requireDefaulted } from "../lib/products.js";
import { requireEligible } from "../lib/receivables.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  product: string;
  fragment: string;
  agent: string;
}

/** The originator hands a defaulted fragment to a disposal agent; its loss is written down. */
export default async function release(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    requireOption(args.agent, "--agent");
    const rt = await openRuntime(args, hre);
    const p = await knownProduct(rt, args.product);
    const agent = rt.address(args.agent, "--agent");
    const { signer, tokenId, entry, root } = await originatorFragment(
      rt,
      p,
      args.fragment,
      "releases a fragment for disposal",
      "a release",
      "Held",
      "WrittenOff",
    );
    await requireDefaulted(rt, root, "a release");
    if (agent.toLowerCase() === p.address.toLowerCase()) {
      throw new InputError(`--agent: the product itself cannot be the disposal agent`);
    }
    await requireEligible(rt, agent, "--agent");
    const loss = entry.custody === "Held" ? await p.previewLoss(tokenId) : undefined;
    const c = p.contract.connect(signer);
    const what = `release ${formatTokenId(tokenId)} of ${rt.label(p.address)} to ${rt.label(agent)} for disposal (${loss === undefined ? "written off" : `loss ${p.format(loss)}`})`;
    const tx = await rt.send(what, (o) => ({
      staticCall: () => c.releaseForDisposal.staticCall(tokenId, agent, o),
      estimateGas: () => c.releaseForDisposal.estimateGas(tokenId, agent, o),
      send: () => c.releaseForDisposal(tokenId, agent, o),
    }));
    if (tx === undefined) return undefined;
    const ev = p.eventsIn((await tx.wait())!).find((e) => e.name === "FragmentReleased")!.args as { loss: bigint };
    const holder = await rt.suite.receivables.contract.ownerOf(tokenId);
    rt.log(
      `  released: loss ${p.format(ev.loss)}; ${formatTokenId(tokenId)} is held by ${rt.label(holder)} (proceeds: product proceeds)`,
    );
    await printLosses(rt, p);
    await printProduct(rt, p);
    return tx.hash;
  });
}
