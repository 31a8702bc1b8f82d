import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { formatDate } from "../../src/units.js";
import {
  actingSigner,
  chainNow,
  knownBond,
  money,
  plan,
  printBond,
  requireIssuer,
  requireState,
} from "../lib/bonds.js";
import { openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  bond: string;
}

/**
 * IBond.cancelBook: the issuer or lead before finalisation; anyone once the issue date has passed
 * without it. Every bid is then refunded in full through `bond claim`.
 */
export default async function cancelBook(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const b = await knownBond(rt, args.bond);
    const t = b.terms;
    const { signer, address: from } = await actingSigner(rt);
    requireState(b, "cancelling the book", "Book");
    const now = await chainNow(rt);
    // The contract lets anyone cancel once block.timestamp > issueDate; the transaction lands in a
    // later block than `now`, so from the issue date itself the check below is on the safe side.
    if (now < t.issueDate) {
      requireIssuer(
        rt,
        b,
        from,
        `cancel the book before the issue date passes (anyone may after ${formatDate(t.issueDate)})`,
        true,
      );
    }
    const [, liveBids, demand] = await b.handle.contract.book();
    const c = rt.as(signer).bonds.bond(b.address).contract;
    const tx = await rt.send(`cancel the book of ${b.label}`, plan(c.cancelBook));
    rt.log(
      `  ${liveBids} bid(s) to refund in full (${money(b, demand * t.denomination)} escrowed): bond claim --bond ${b.address} delivers the refunds`,
    );
    if (tx !== undefined) await printBond(rt, b.address, { bids: true });
    return { hash: tx?.hash, bids: liveBids, escrow: demand * t.denomination };
  });
}
