import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { formatTokenId } from "../../src/areas/receivables.js";
import { CASH_DECIMALS, parsePositiveAmount } from "../../src/units.js";
import { SettlementToken__factory } from "../../types/ethers-contracts/index.js";
import { requireOption } from "../lib/print.js";
import {
  basketFragment,
  chainNow,
  knownProduct,
  printDistributed,
  printLosses,
  printProduct,
  requireCustody,
  requirePhase,
} from "../lib/products.js";
import { actingSigner, requireEligible } from "../lib/receivables.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  product: string;
  fragment: string;
  amount: string;
}

/** Anyone pays further proceeds of a fragment sold at auction (released); they enter the waterfall. */
export default async function proceeds(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    requireOption(args.amount, "--amount");
    const amount = parsePositiveAmount(args.amount, CASH_DECIMALS, "--amount");
    const rt = await openRuntime(args, hre);
    const p = await knownProduct(rt, args.product);
    const { signer, address: from } = await actingSigner(rt);
    await requirePhase(rt, p, "disposal proceeds", "Active");
    const { tokenId, entry } = await basketFragment(rt, p, args.fragment);
    requireCustody(rt, entry, "disposal proceeds", "Released");
    await requireEligible(rt, from, "--from");
    const cash = SettlementToken__factory.connect(rt.suite.addresses.cash, signer);
    const balance = await cash.balanceOf(from);
    if (balance < amount) {
      throw new InputError(
        `--from: ${rt.label(from)} holds ${p.format(balance)}, less than the ${p.format(amount)} to pay`,
      );
    }
    const what = `pay ${p.format(amount)} of disposal proceeds for ${formatTokenId(tokenId)} into ${rt.label(p.address)}`;
    const approved = (await cash.allowance(from, p.address)) >= amount;
    if (!approved) {
      await rt.send(`[1/2] approve the product for ${p.format(amount)}`, (o) => ({
        staticCall: () => cash.approve.staticCall(p.address, amount, o),
        estimateGas: () => cash.approve.estimateGas(p.address, amount, o),
        send: () => cash.approve(p.address, amount, o),
      }));
      if (args.dryRun) {
        const d = await p.previewDistribution(amount, await chainNow(rt));
        rt.log(`dry run: then ${what}; no transaction sent`);
        printDistributed(rt, p, { ...d });
        return undefined;
      }
    }
    const c = p.contract.connect(signer);
    const tx = await rt.send(`${approved ? "" : "[2/2] "}${what}`, (o) => ({
      staticCall: () => c.receiveDisposalProceeds.staticCall(tokenId, amount, o),
      estimateGas: () => c.receiveDisposalProceeds.estimateGas(tokenId, amount, o),
      send: () => c.receiveDisposalProceeds(tokenId, amount, o),
    }));
    if (tx === undefined) return undefined;
    const dist = p.eventsIn((await tx.wait())!).find((e) => e.name === "Distributed");
    if (dist !== undefined) printDistributed(rt, p, dist.args);
    await printLosses(rt, p);
    await printProduct(rt, p);
    return tx.hash;
  });
}
