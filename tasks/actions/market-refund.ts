import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { amt, printBalances } from "../lib/market.js";
import { actingSigner } from "../lib/receivables.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  currency: string;
}

/** Withdraws the caller's refunds (outbid bids, failed deliveries) in a currency. */
export default async function refund(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const currency = args.currency === "" ? rt.suite.addresses.cash : rt.address(args.currency, "--currency");
    const { signer, address: from } = await actingSigner(rt);
    const m = rt.suite.market;
    const d = await m.decimalsOf(currency);
    const owed = await m.refundOf(from, currency);
    if (owed === 0n) throw new InputError(`--from: ${rt.label(from)} has nothing to refund in ${rt.label(currency)}`);
    const c = rt.as(signer).market.contract;
    const tx = await rt.send(`withdraw a refund of ${amt(owed, d)} to ${rt.label(from)}`, (o) => ({
      staticCall: () => c.withdrawRefund.staticCall(currency, o),
      estimateGas: () => c.withdrawRefund.estimateGas(currency, o),
      send: () => c.withdrawRefund(currency, o),
    }));
    if (tx === undefined) return undefined;
    await printBalances(rt, currency, d, [from]);
    return { hash: tx.hash, amount: owed };
  });
}
