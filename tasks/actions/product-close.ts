import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { formatDate } from "../../src/units.js";
import { anySigner, chainNow, knownProduct, printProduct } from "../lib/products.js";
import { InputError, openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  product: string;
}

export default async function close(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const p = await knownProduct(rt, args.product);
    const phase = await p.phase();
    if (phase !== "Listed") {
      throw new InputError(
        `--product: ${rt.label(p.address)} is ${phase}; ${["Active", "Failed", "Closed"].includes(phase) ? "its offering is already closed" : "only a listed offering closes"}`,
      );
    }
    const listing = (await p.listing())!;
    const now = await chainNow(rt);
    if (now <= listing.closes) {
      throw new InputError(
        `--product: the window is open until ${listing.closesIso}; the chain's time is ${formatDate(now)}`,
      );
    }
    const { signer } = await anySigner(rt);
    const o = await p.previewClose();
    rt.log(
      `raise ${p.format(o.raised)} of a minimum ${p.format(listing.minRaise)}: the offering ${o.success ? `succeeds (exchange fee ${p.format(o.exchangeFee)}, originator ${p.format(o.originatorProceeds)})` : "fails (refunds, basket returned)"}`,
    );
    const c = p.contract.connect(signer);
    const tx = await rt.send(`close the offering of ${rt.label(p.address)}`, (x) => ({
      staticCall: () => c.closeOffering.staticCall(x),
      estimateGas: () => c.closeOffering.estimateGas(x),
      send: () => c.closeOffering(x),
    }));
    if (tx === undefined) return undefined;
    const receipt = (await tx.wait())!;
    const closed = p.eventsIn(receipt).find((e) => e.name === "OfferingClosed");
    if (closed !== undefined) {
      const a = closed.args as { success: boolean; raised: bigint; originatorProceeds: bigint; exchangeFee: bigint };
      rt.log(
        `  ${a.success ? "succeeded" : "failed"}: raised ${p.format(a.raised)}, originator ${p.format(a.originatorProceeds)}, exchange fee ${p.format(a.exchangeFee)}`,
      );
    }
    await printProduct(rt, p);
    return tx.hash;
  });
}
