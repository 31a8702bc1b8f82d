import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { MAX_AUCTION_DURATION, parseAuctionEnd } from "../../src/areas/market.js";
import { formatTokenId } from "../../src/areas/receivables.js";
import { kindBitsOf } from "../../src/areas/registry.js";
import { Kinds } from "../../src/kinds.js";
import { formatDate, parseAmount, parsePositiveAmount } from "../../src/units.js";
import { amt, approveFragments, chainNow, dryRunThen, marketEvents, printAuction, printHolder } from "../lib/market.js";
import { requireOption } from "../lib/print.js";
import { actingSigner, knownFragment } from "../lib/receivables.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  fragment: string;
  reserve: string;
  minIncrement: string;
  end: string;
  buyerKinds: string;
}

export default async function auction(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    requireOption(args.reserve, "--reserve");
    requireOption(args.end, "--end");
    const rt = await openRuntime(args, hre);
    const { root, fragment } = await knownFragment(rt, args.fragment);
    const d = root.decimals;
    const reserve = parsePositiveAmount(args.reserve, d, "--reserve");
    // Positive: with a zero step an equal bid would displace the leader. Default one base unit.
    const minIncrement = args.minIncrement === "" ? 1n : parsePositiveAmount(args.minIncrement, d, "--min-increment");
    const { signer, address: from } = await actingSigner(rt);
    if (fragment.holder.toLowerCase() !== from.toLowerCase()) {
      throw new InputError(
        `--from: ${rt.label(from)} does not hold fragment ${formatTokenId(fragment.tokenId)} (held by ${rt.label(fragment.holder)})`,
      );
    }
    if (fragment.frozen)
      throw new InputError(`--fragment: ${formatTokenId(fragment.tokenId)} is frozen by the regulator`);
    if (root.status !== "Confirmed" && root.status !== "Defaulted") {
      throw new InputError(
        `--fragment: receivable ${root.rootHex} is ${root.state}; only confirmed, overdue or defaulted ones are auctioned`,
      );
    }
    if (reserve > fragment.value) {
      throw new InputError(`--reserve: ${amt(reserve, d)} is above the fragment's value ${amt(fragment.value, d)}`);
    }
    const now = await chainNow(rt);
    const end = parseAuctionEnd(args.end, now, "--end");
    if (end <= now) throw new InputError(`--end: ${args.end} is not in the future (chain time ${formatDate(now)})`);
    if (end > now + MAX_AUCTION_DURATION) {
      throw new InputError(
        `--end: ${formatDate(end)} is more than 90 days away (latest ${formatDate(now + MAX_AUCTION_DURATION)})`,
      );
    }
    const kinds = args.buyerKinds === "" ? 0 : kindBitsOf(args.buyerKinds.split(","), "--buyer-kinds");
    const what = `auction ${formatTokenId(fragment.tokenId)} (value ${amt(fragment.value, d)}), reserve ${amt(reserve, d)}, min increment ${amt(minIncrement, d)}, ending ${formatDate(end)}`;
    if (await approveFragments(rt, signer)) return dryRunThen(rt, what);

    const c = rt.as(signer).market.contract;
    const call = [
      fragment.tokenId,
      reserve,
      minIncrement,
      end,
      kinds === (Kinds.FACTOR | Kinds.BANK) ? 0 : kinds,
    ] as const;
    const tx = await rt.send(what, (o) => ({
      staticCall: () => c.createAuction.staticCall(...call, o),
      estimateGas: () => c.createAuction.estimateGas(...call, o),
      send: () => c.createAuction(...call, o),
    }));
    if (tx === undefined) return undefined;
    const [created] = await marketEvents(rt, tx.hash, "AuctionCreated");
    const auctionId = created.auctionId as bigint;
    await printAuction(rt, auctionId);
    await printHolder(rt, fragment.tokenId);
    return { hash: tx.hash, auctionId };
  });
}
