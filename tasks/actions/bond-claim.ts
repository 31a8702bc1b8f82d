import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import type { BidView } from "../../src/areas/bonds.js";
import { actingSigner, knownBond, money, plan, printBond, requireNotPaused, units } from "../lib/bonds.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  bond: string;
  bid: string;
}

/** IBond.claimAllocation for each bid: bonds and the unfilled escrow go to the bidder. */
export default async function claim(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const b = await knownBond(rt, args.bond);
    const { signer, address: from } = await actingSigner(rt);
    if (b.state === "Book") {
      throw new InputError(
        `--bond: ${b.label} is still in Book; allocations are delivered once it is finalised or cancelled`,
      );
    }
    requireNotPaused(b, "delivering allocations");
    const bids = await b.handle.bids();
    let chosen: BidView[];
    if (args.bid !== "") {
      chosen = args.bid
        .split(/[,\s]+/)
        .filter((x) => x !== "")
        .map((x) => {
          if (!/^#?\d+$/.test(x)) throw new InputError(`--bid: "${x}" is not a bid id`);
          const id = Number(x.replace("#", ""));
          const v = bids.find((y) => y.bidId === id);
          if (v === undefined) throw new InputError(`--bid: ${b.label} has no bid #${id}`);
          if (!v.live) throw new InputError(`--bid: bid #${id} is already settled`);
          return v;
        });
    } else {
      chosen = bids.filter((x) => x.live && x.bidder.toLowerCase() === from.toLowerCase());
      if (chosen.length === 0) throw new InputError(`--from: ${rt.label(from)} has no unsettled bid on ${b.label}`);
    }
    const c = rt.as(signer).bonds.bond(b.address).contract;
    const hashes: string[] = [];
    for (const [i, v] of chosen.entries()) {
      const tx = await rt.send(
        `[${i + 1}/${chosen.length}] deliver bid #${v.bidId} of ${rt.label(v.bidder)}: ${units(v.allocated!)} units, refund ${money(b, v.refund!)}`,
        plan(c.claimAllocation, BigInt(v.bidId)),
      );
      if (tx !== undefined) hashes.push(tx.hash);
    }
    if (hashes.length > 0) {
      for (const bidder of new Set(chosen.map((v) => v.bidder))) {
        const h = await b.handle.holder(bidder);
        rt.log(`  ${rt.label(bidder)} holds ${units(h.units)} units`);
      }
      await printBond(rt, b.address);
    }
    return hashes;
  });
}
