import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { listingProblem, listingTermsHash, type ListingInput } from "../../src/areas/products.js";
import { kindBitsOf } from "../../src/areas/registry.js";
import { kindNames } from "../../src/kinds.js";
import { formatBps, formatDate, parseAmount, parseBps, parseDate, parsePositiveAmount } from "../../src/units.js";
import { trancheSupplies } from "../../src/waterfall.js";
import { chainNow, knownProduct, printProduct, requireBoundParty, requireKind, requirePhase } from "../lib/products.js";
import { requireOption } from "../lib/print.js";
import { actingSigner } from "../lib/receivables.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  product: string;
  opens: string;
  closes: string;
  price: string;
  minRaise: string;
  cap: string;
  minTicket: string;
  maxTicket: string;
  investorKinds: string;
  exchangeFee: string;
}

/** The task flag of each listing field (for messages). */
const FLAG: Record<keyof ListingInput, string> = {
  opens: "--opens",
  closes: "--closes",
  pricePerShare: "--price",
  minRaise: "--min-raise",
  cap: "--cap",
  minTicket: "--min-ticket",
  maxTicket: "--max-ticket",
  investorKinds: "--investor-kinds",
  exchangeFee: "--exchange-fee",
};

export default async function list(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    for (const [v, flag] of [
      [args.opens, "--opens"],
      [args.closes, "--closes"],
      [args.price, "--price"],
      [args.minRaise, "--min-raise"],
      [args.cap, "--cap"],
    ] as const) {
      requireOption(v, flag);
    }
    const price = parsePositiveAmount(args.price, 2, "--price");
    const cap = parsePositiveAmount(args.cap, 2, "--cap");
    const listing = {
      exchange: "0x0000000000000000000000000000000000000000",
      opens: parseDate(args.opens, "--opens"),
      closes: parseDate(args.closes, "--closes"),
      investorKinds: kindBitsOf(args.investorKinds.split(","), "--investor-kinds"),
      exchangeFeeBps: parseBps(args.exchangeFee, "--exchange-fee"),
      pricePerShare: price,
      minRaise: parseAmount(args.minRaise, 2, "--min-raise"),
      cap,
      minTicket: args.minTicket === "" ? price : parseAmount(args.minTicket, 2, "--min-ticket"),
      maxTicket: args.maxTicket === "" ? cap : parsePositiveAmount(args.maxTicket, 2, "--max-ticket"),
    };

    const rt = await openRuntime(args, hre);
    const p = await knownProduct(rt, args.product);
    const { signer, address: from } = await actingSigner(rt);
    await requireBoundParty(rt, p, from, "exchange");
    await requireKind(rt, from, "EXCHANGE");
    await requirePhase(rt, p, "listing", "Approved");
    const now = await chainNow(rt);
    const rating = await p.rating(now);
    if (rating === undefined || !rating.current) {
      throw new InputError(
        `--product: ${rt.label(p.address)} has no current rating${rating === undefined ? "" : ` (${rating.grade} expired ${rating.expiryIso})`}; a rating agency must rate it first`,
      );
    }
    const problem = listingProblem(listing, now);
    if (problem !== undefined) throw new InputError(`${FLAG[problem.field]}: ${problem.problem}`);

    const terms = await p.terms();
    const [senior, junior] = trancheSupplies(cap, price, terms.seniorBps);
    const c = p.contract.connect(signer);
    const tx = await rt.send(
      `propose the listing of product ${rt.label(p.address)}: ${formatDate(listing.opens)} .. ${formatDate(listing.closes)}, ${senior} senior${
        terms.trancheCount === 2 ? ` + ${junior} junior` : ""
      } shares at ${p.format(price)}, cap ${p.format(cap)}, min raise ${p.format(listing.minRaise)}, investors ${kindNames(listing.investorKinds).join("+")}, exchange fee ${formatBps(listing.exchangeFeeBps)}`,
      (o) => ({
        staticCall: () => c.list.staticCall(listing, o),
        estimateGas: () => c.list.estimateGas(listing, o),
        send: () => c.list(listing, o),
      }),
    );
    if (tx === undefined) return undefined;
    await printProduct(rt, p);
    rt.log(
      `  the originator (${rt.label(await p.contract.originator())}) lists it by accepting these terms: product accept-listing --product ${p.address} --terms-hash ${listingTermsHash(listing, from)}`,
    );
    return tx.hash;
  });
}
