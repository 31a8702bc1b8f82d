import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { parseShares, parseTranche } from "../../src/areas/products.js";
import { kindNames } from "../../src/kinds.js";
import { formatDate } from "../../src/units.js";
import { SettlementToken__factory } from "../../types/ethers-contracts/index.js";
import { chainNow, knownProduct, printPosition, requirePhase, trancheName } from "../lib/products.js";
import { requireOption } from "../lib/print.js";
import { actingSigner } from "../lib/receivables.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  product: string;
  tranche: string;
  shares: string;
}

export default async function subscribe(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    requireOption(args.shares, "--shares");
    const tranche = parseTranche(args.tranche, "--tranche");
    const shares = parseShares(args.shares, "--shares");
    const rt = await openRuntime(args, hre);
    const p = await knownProduct(rt, args.product);
    const { signer, address: from } = await actingSigner(rt);
    await requirePhase(rt, p, "a subscription", "Listed");
    const listing = (await p.listing())!;
    const now = await chainNow(rt);
    if (now < listing.opens || now > listing.closes) {
      throw new InputError(
        `--product: the subscription window is ${listing.opensIso} .. ${listing.closesIso}; the chain's time is ${formatDate(now)} (outside the window)`,
      );
    }
    if (tranche >= (await p.contract.trancheCount())) {
      throw new InputError(`--tranche: ${rt.label(p.address)} has a single (senior) tranche`);
    }
    if (!(await rt.suite.registry.contract.isEligibleKind(from, listing.investorKindBits))) {
      throw new InputError(
        `--from: ${rt.label(from)} is not an eligible investor of kind ${kindNames(listing.investorKindBits).join(" or ")} (${await rt.suite.registry.eligibility(from)})`,
      );
    }
    const [held] = await p.contract.subscription(from, tranche);
    const ticket = (held + shares) * listing.pricePerShare;
    const cost = shares * listing.pricePerShare;
    const already = held === 0n ? "" : ` (with the ${held} shares already subscribed)`;
    if (ticket < listing.minTicket) {
      throw new InputError(
        `--shares: a ticket of ${p.format(ticket)}${already} is below the minimum ticket of ${p.format(listing.minTicket)}`,
      );
    }
    if (ticket > listing.maxTicket) {
      throw new InputError(
        `--shares: a ticket of ${p.format(ticket)}${already} is above the maximum ticket of ${p.format(listing.maxTicket)}`,
      );
    }
    const cash = SettlementToken__factory.connect(rt.suite.addresses.cash, signer);
    const balance = await cash.balanceOf(from);
    if (balance < cost) {
      throw new InputError(`--from: ${rt.label(from)} holds ${p.format(balance)}, less than the ${p.format(cost)} due`);
    }
    const what = `subscribe ${shares} ${trancheName(tranche)} shares of ${rt.label(p.address)} for ${p.format(cost)}`;
    const approved = (await cash.allowance(from, p.address)) >= cost;
    if (!approved) {
      await rt.send(`[1/2] approve the product for ${p.format(cost)}`, (o) => ({
        staticCall: () => cash.approve.staticCall(p.address, cost, o),
        estimateGas: () => cash.approve.estimateGas(p.address, cost, o),
        send: () => cash.approve(p.address, cost, o),
      }));
      if (args.dryRun) {
        rt.log(`dry run: then ${what}; no transaction sent`);
        return undefined;
      }
    }
    const c = p.contract.connect(signer);
    const tx = await rt.send(`${approved ? "" : "[2/2] "}${what}`, (o) => ({
      staticCall: () => c.subscribe.staticCall(tranche, shares, o),
      estimateGas: () => c.subscribe.estimateGas(tranche, shares, o),
      send: () => c.subscribe(tranche, shares, o),
    }));
    if (tx === undefined) return undefined;
    const t = (await p.tranches())[tranche];
    rt.log(
      `  ${trancheName(tranche)} book: ${t.requested} of ${t.supply} shares subscribed by ${t.subscribers} investors`,
    );
    await printPosition(rt, p, from);
    return tx.hash;
  });
}
