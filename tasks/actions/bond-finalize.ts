import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { parseBondUnits } from "../../src/areas/bonds.js";
import { formatDate } from "../../src/units.js";
import {
  actingSigner,
  chainNow,
  knownBond,
  plan,
  printBond,
  requireIssuer,
  requireState,
  units,
} from "../lib/bonds.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  bond: string;
  size: string;
}

/** IBond.finalize: the clearing yield becomes the coupon rate. */
export default async function finalize(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const b = await knownBond(rt, args.bond);
    const t = b.terms;
    const size = args.size === "" ? t.size : parseBondUnits(args.size, "--size");
    const { signer, address: from } = await actingSigner(rt);
    requireIssuer(rt, b, from, "finalize the book", true);
    requireState(b, "finalisation", "Book");
    const now = await chainNow(rt);
    if (now < t.bookClose) {
      throw new InputError(
        `--bond: the book of ${b.label} closes at ${formatDate(t.bookClose)}; finalize from then (chain time ${formatDate(now)})`,
      );
    }
    if (now > t.issueDate) {
      throw new InputError(
        `--bond: the issue date ${formatDate(t.issueDate)} has passed; the book can only be cancelled`,
      );
    }
    if (size > t.size) throw new InputError(`--size: ${units(size)} is more than the ${units(t.size)} units offered`);
    const preview = await b.handle.previewClearing(size);
    if (preview === undefined) {
      const demand = (await b.handle.book()).demand;
      throw new InputError(
        `--size: demand of ${units(demand)} units does not cover ${units(size)}; finalize a smaller --size or cancel the book`,
      );
    }
    const c = rt.as(signer).bonds.bond(b.address).contract;
    const tx = await rt.send(
      `finalize ${b.label} at ${units(size)} units (clearing yield ${preview.coupon})`,
      plan(c.finalize, size),
    );
    if (tx !== undefined) await printBond(rt, b.address, { bids: true });
    return { hash: tx?.hash, clearing: preview };
  });
}
