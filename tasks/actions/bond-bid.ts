import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { parseBondUnits } from "../../src/areas/bonds.js";
import { formatBps, formatDate } from "../../src/units.js";
import {
  actingSigner,
  approveStep,
  chainNow,
  knownBond,
  money,
  plan,
  printBond,
  requireEligible,
  requireNotPaused,
  requireState,
  units,
} from "../lib/bonds.js";
import { requireOption } from "../lib/print.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  bond: string;
  units: string;
  yield: string;
}

/** IBond.bid: approve the escrow (units x denomination) if needed, then bid. */
export default async function bid(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    requireOption(args.units, "--units");
    requireOption(args.yield, "--yield");
    const rt = await openRuntime(args, hre);
    const b = await knownBond(rt, args.bond);
    const t = b.terms;
    const u = parseBondUnits(args.units, "--units");
    const yieldBp = await b.handle.parseYield(args.yield, "--yield");
    const { signer, address: from } = await actingSigner(rt);
    requireState(b, "a bid", "Book");
    requireNotPaused(b, "bidding");
    const now = await chainNow(rt);
    if (now < t.bookOpen || now >= t.bookClose) {
      throw new InputError(
        `--bond: the book of ${b.label} takes bids from ${formatDate(t.bookOpen)} until ${formatDate(t.bookClose)} (chain time ${formatDate(now)})`,
      );
    }
    if (u < t.minTicket || u > t.maxTicket) {
      throw new InputError(
        `--units: ${units(u)} is outside the ticket limits ${units(t.minTicket)} .. ${units(t.maxTicket)}`,
      );
    }
    await requireEligible(rt, from, "--from");
    if (!(await rt.suite.registry.contract.hasKind(from, t.investorKinds))) {
      throw new InputError(
        `--from: ${rt.label(from)} is not of an investor kind the terms allow (${t.investorKindNames.join(", ")})`,
      );
    }
    const escrow = u * t.denomination;
    const what = `bid ${units(u)} units of ${b.label} at ${formatBps(yieldBp)} (escrow ${money(b, escrow)})`;
    if (!(await approveStep(rt, b, signer, escrow, "[1/2]", what))) return undefined;
    const c = rt.as(signer).bonds.bond(b.address).contract;
    const tx = await rt.send(`[2/2] ${what}`, plan(c.bid, u, yieldBp));
    if (tx === undefined) return undefined;
    const receipt = (await tx.wait())!;
    const placed = receipt.logs
      .filter((l) => l.address.toLowerCase() === b.address.toLowerCase())
      .map((l) => c.interface.parseLog(l))
      .find((e) => e?.name === "BidPlaced");
    const bidId = Number(placed!.args.bidId);
    rt.log(`  bid #${bidId} by ${rt.label(from)}`);
    await printBond(rt, b.address);
    return { hash: tx.hash, bidId };
  });
}
