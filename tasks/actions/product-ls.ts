import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { openRuntime, table, validated, type CommonArgs } from "../lib/runtime.js";

export default async function ls(args: CommonArgs, hre: HardhatRuntimeEnvironment) {
  return validated(async () => {
    const rt = await openRuntime(args, hre);
    const products = await rt.suite.products.list();
    rt.log(`${products.length} product${products.length === 1 ? "" : "s"} on deployment ${rt.args.deploymentId}`);
    table(
      products.map((x) => ({
        "#": `#${x.index + 1}`,
        product: rt.label(x.address),
        phase: x.paused ? `${x.phase} (PAUSED)` : x.phase,
        originator: rt.label(x.originator),
        face: rt.suite.products.format(x.face),
        fragments: String(x.fragments),
        tranches: String(x.trancheCount),
        rating: x.grade ?? "-",
      })),
      rt.log,
    );
    return products;
  });
}
