import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { formatAmount, formatBps } from "../../src/units.js";
import { table } from "../lib/print.js";
import { openRuntime, validated, type CommonArgs } from "../lib/runtime.js";

export default async function list(args: CommonArgs, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const bonds = await rt.suite.bonds.list();
    rt.log(`${bonds.length} bond(s) on deployment ${rt.args.deploymentId}`);
    table(
      bonds.map((b) => ({
        "#": `#${b.index + 1}`,
        symbol: b.symbol,
        address: b.address,
        issuer: rt.label(b.issuer),
        state: b.state,
        size: formatAmount(b.size, 0, { group: true }),
        issue: b.issueDateIso,
        maturity: b.maturityIso,
        coupon: b.state === "Book" || b.state === "Cancelled" ? "" : formatBps(b.couponBp),
      })),
      rt.log,
    );
    return bonds;
  });
}
