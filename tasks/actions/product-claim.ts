import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { parseTranche } from "../../src/areas/products.js";
import { knownProduct, printPosition, trancheName } from "../lib/products.js";
import { actingSigner } from "../lib/receivables.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  product: string;
  investor: string;
  tranche: string;
}

/**
 * After the close: delivers the investor's allocated shares (and oversubscription refund), or its
 * refund after a failed offering; then, for `--from` itself, claims its distributions from the
 * tranche tokens.
 */
export default async function claim(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const only = args.tranche === "" ? undefined : parseTranche(args.tranche, "--tranche");
    const rt = await openRuntime(args, hre);
    const p = await knownProduct(rt, args.product);
    const { signer, address: from } = await actingSigner(rt);
    const investor = args.investor === "" ? from : rt.address(args.investor, "--investor");
    const self = investor.toLowerCase() === from.toLowerCase();
    const phase = await p.phase();
    const tokens = await p.trancheTokens();
    if (only !== undefined && only >= tokens.length) {
      throw new InputError(`--tranche: ${rt.label(p.address)} has a single (senior) tranche`);
    }
    const picked = (await p.position(investor)).filter((x) => only === undefined || x.tranche === only);
    const shareSteps = picked.filter((x) => x.pending !== undefined);
    if (phase === "Listed" && picked.some((x) => x.subscribed > 0n && !x.settled)) {
      const l = (await p.listing())!;
      throw new InputError(
        `--product: the offering is open until ${l.closesIso}; shares are delivered after it is closed (product close)`,
      );
    }
    // Delivered shares carry what they earned in custody: distributions are read after the deliveries.
    const mayEarn = (x: (typeof picked)[number]) => x.claimable > 0n || (x.pending !== undefined && phase !== "Failed");
    if (shareSteps.length === 0 && !(self && picked.some(mayEarn))) {
      const held = picked.map((x) => `${x.name}: ${x.balance} shares, claimable ${p.format(x.claimable)}`).join("; ");
      throw new InputError(
        `nothing to claim for ${rt.label(investor)} on ${rt.label(p.address)} (${phase}; ${held}${self ? "" : "; distributions are claimed by the holder itself"})`,
      );
    }
    const c = p.contract.connect(signer);
    const hashes: string[] = [];
    for (const [i, x] of shareSteps.entries()) {
      const what =
        phase === "Failed"
          ? `refund ${p.format(x.pending!.refund)} of ${rt.label(investor)}'s failed ${x.name} subscription`
          : `deliver ${x.pending!.shares} ${x.name} shares${x.pending!.refund > 0n ? ` and refund ${p.format(x.pending!.refund)}` : ""} to ${rt.label(investor)}`;
      const tx = await rt.send(`[shares ${i + 1}/${shareSteps.length}] ${what}`, (o) => ({
        staticCall: () => c.claimShares.staticCall(investor, x.tranche, o),
        estimateGas: () => c.claimShares.estimateGas(investor, x.tranche, o),
        send: () => c.claimShares(investor, x.tranche, o),
      }));
      if (tx !== undefined) hashes.push(tx.hash);
    }
    if (self) {
      const due: { tranche: number; amount: bigint }[] = [];
      for (const x of picked) {
        const amount = args.dryRun ? x.claimable : await tokens[x.tranche].claimable(from);
        if (amount > 0n) due.push({ tranche: x.tranche, amount });
      }
      if (due.length === 0) rt.log("  no distribution to claim yet");
      for (const [i, d] of due.entries()) {
        const token = tokens[d.tranche].connect(signer);
        const what = `claim ${p.format(d.amount)} of ${trancheName(d.tranche)} distributions`;
        const tx = await rt.send(`[distributions ${i + 1}/${due.length}] ${what}`, (o) => ({
          staticCall: () => token.claim.staticCall(o),
          estimateGas: () => token.claim.estimateGas(o),
          send: () => token.claim(o),
        }));
        if (tx !== undefined) hashes.push(tx.hash);
      }
    }
    if (hashes.length > 0) {
      rt.log(`  cash balance of ${rt.label(investor)}: ${p.format(await rt.suite.cash.balanceOf(investor))}`);
      await printPosition(rt, p, investor);
    }
    return hashes;
  });
}
