import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { participantId } from "../../src/areas/registry.js";
import { table } from "../lib/print.js";
import { openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

export default async function list(args: CommonArgs, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const names = new Map(
      rt.book
        .entries()
        .filter((e) => e.code !== undefined)
        .map((e) => [participantId(e.code!), e.name]),
    );
    const all = await rt.suite.registry.list();
    const rows = await Promise.all(
      all.map(async (p) => {
        const cash = (await Promise.all(p.wallets.map((w) => rt.suite.cash.balanceOf(w)))).reduce((a, b) => a + b, 0n);
        return {
          "#": String(p.index),
          name: names.get(p.id) ?? rt.book.nameOf(p.wallets[0]) ?? "",
          id: `${p.id.slice(0, 10)}…`,
          kinds: p.kinds.join("+"),
          status: p.status,
          "kyc until": p.kycExpiryIso,
          wallets: p.wallets.map((w) => rt.book.nameOf(w) ?? w).join(" "),
          cash: rt.suite.cash.format(cash),
        };
      }),
    );
    rt.log(`${all.length} participant(s) in registry ${rt.suite.addresses.registry} (${rt.networkName})`);
    table(rows, rt.log);
    return all;
  });
}
