import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { table } from "../lib/print.js";
import { openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

interface Args extends CommonArgs {
  of: string;
}

/** Returns balances in base units by address. */
export default async function balance(args: Args, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const cash = rt.suite.cash;
    let wallets: string[];
    if (args.of !== "") {
      wallets = [rt.address(args.of, "--of")];
    } else {
      const set = new Set<string>();
      for (const e of rt.book.entries()) for (const a of [e.address, ...(e.wallets ?? [])]) if (a) set.add(a);
      for (const p of await rt.suite.registry.list()) for (const w of p.wallets) set.add(w);
      wallets = [...set];
    }
    const out: Record<string, bigint> = {};
    const rows = [];
    for (const w of wallets) {
      const [b, why] = await Promise.all([cash.balanceOf(w), rt.suite.registry.eligibility(w)]);
      out[w] = b;
      rows.push({ wallet: rt.label(w), cash: cash.format(b), eligible: why === "None" ? "yes" : `no (${why})` });
    }
    table(rows, rt.log);
    rt.log(`total supply: ${cash.format(await cash.totalSupply())}`);
    return out;
  });
}
